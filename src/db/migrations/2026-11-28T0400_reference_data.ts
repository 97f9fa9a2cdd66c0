import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { type Kysely, sql } from "kysely";

// Frozen in time: this migration reads only its own copies of the data files (migrations/data/) and
// imports no application code, so it loads the same rows forever.

type Row = Record<string, string>;

function readCsv(name: string): Row[] {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8");
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

async function insertInChunks(
  db: Kysely<any>,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + 1000))
      .execute();
  }
}

const SNI_SECTION_NAMES_EN: Record<string, string> = {
  A: "Agriculture, forestry and fishing",
  B: "Mining and quarrying",
  C: "Manufacturing",
  D: "Electricity, gas, steam and air conditioning supply",
  E: "Water supply; sewerage, waste management and remediation activities",
  F: "Construction",
  G: "Wholesale and retail trade; repair of motor vehicles and motorcycles",
  H: "Transportation and storage",
  I: "Accommodation and food service activities",
  J: "Information and communication",
  K: "Financial and insurance activities",
  L: "Real estate activities",
  M: "Professional, scientific and technical activities",
  N: "Administrative and support service activities",
  O: "Public administration and defence; compulsory social security",
  P: "Education",
  Q: "Human health and social work activities",
  R: "Arts, entertainment and recreation",
  S: "Other service activities",
  T: "Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use",
  U: "Activities of extraterritorial organisations and bodies",
};

const SIZE_BANDS = [
  ["0", 0, 0, "Inga anställda", "No employees"],
  ["1-4", 1, 4, "1–4 anställda", "1–4 employees"],
  ["5-9", 5, 9, "5–9 anställda", "5–9 employees"],
  ["10-19", 10, 19, "10–19 anställda", "10–19 employees"],
  ["20-49", 20, 49, "20–49 anställda", "20–49 employees"],
  ["50-99", 50, 99, "50–99 anställda", "50–99 employees"],
  ["100-199", 100, 199, "100–199 anställda", "100–199 employees"],
  ["200-499", 200, 499, "200–499 anställda", "200–499 employees"],
  ["500+", 500, null, "500 anställda eller fler", "500 employees or more"],
] as const;

const NEED_THEMES = [
  ["financing", "Finansiering och likviditet", "Financing and liquidity"],
  ["recruitment", "Kompetensförsörjning och rekrytering", "Skills supply and recruitment"],
  ["training", "Kompetensutveckling och utbildning", "Skills development and training"],
  ["digitalisation", "Digitalisering", "Digitalisation"],
  ["transformation", "Omställning och nya affärer", "Transformation and new business"],
  ["innovation", "Produkt- och tjänsteutveckling", "Product and service development"],
  [
    "academic-collaboration",
    "Samverkan med akademin (ex-jobb, student- och forskaruppdrag)",
    "Collaboration with academia (theses, student and researcher assignments)",
  ],
  ["sales-export", "Försäljning, marknad och export", "Sales, marketing and export"],
  ["production", "Produktion, automation och effektivisering", "Production, automation and efficiency"],
  ["sustainability", "Hållbarhet och energi", "Sustainability and energy"],
  ["leadership", "Ledarskap, organisation och strategi", "Leadership, organisation and strategy"],
  ["premises-permits", "Lokaler, mark och tillstånd", "Premises, land and permits"],
  [
    "crisis",
    "Akut läge: kris, permittering, omstrukturering",
    "Urgent situation: crisis, short-time work, restructuring",
  ],
  ["startup-growth", "Starta och växa", "Starting and growing"],
  ["succession", "Ägarskifte", "Change of ownership"],
] as const;

const OFFER_FORMATS = [
  ["loan", "Lån", "Loan"],
  ["grant", "Bidrag", "Grant"],
  ["equity", "Ägarkapital", "Equity"],
  ["advice", "Rådgivning", "Advice"],
  ["course", "Kurs", "Course"],
  ["web-course", "Webbutbildning", "Web course"],
  ["thesis", "Ex-jobb", "Degree thesis"],
  ["student-project", "Studentuppdrag", "Student project"],
  ["researcher-collaboration", "Forskarsamverkan", "Researcher collaboration"],
  ["incubation", "Inkubator och acceleratorprogram", "Incubation and acceleration"],
  ["network", "Nätverk", "Network"],
  ["event", "Evenemang", "Event"],
  ["other", "Annat", "Other"],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await db.schema
    .createTable("counties")
    .addColumn("code", "varchar(2)", (c) => c.primaryKey().check(sql`code ~ '^[0-9]{2}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("municipalities")
    .addColumn("code", "varchar(4)", (c) => c.primaryKey().check(sql`code ~ '^[0-9]{4}$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("short_name", "text", (c) => c.notNull())
    .addColumn("county_code", "varchar(2)", (c) => c.notNull().references("counties.code"))
    .execute();
  await db.schema
    .createIndex("municipalities_county_idx")
    .on("municipalities")
    .column("county_code")
    .execute();

  await db.schema
    .createTable("postal_codes")
    .addColumn("postal_code", "varchar(5)", (c) => c.primaryKey().check(sql`postal_code ~ '^[0-9]{5}$'`))
    .addColumn("locality", "text", (c) => c.notNull())
    .addColumn("municipality_code", "varchar(4)", (c) => c.notNull().references("municipalities.code"))
    .execute();

  await db.schema
    .createTable("sni_codes")
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('section', 'division')`))
    .addColumn("parent_code", "text")
    .addColumn("name_sv", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addPrimaryKeyConstraint("sni_codes_pkey", ["version", "code"])
    .execute();

  await db.schema
    .createTable("size_bands")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("min_employees", "integer", (c) => c.notNull())
    .addColumn("max_employees", "integer")
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("label_sv", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("need_themes")
    .addColumn("code", "text", (c) => c.primaryKey().check(sql`code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("label_sv", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("is_builtin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("is_active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("offer_formats")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("label_sv", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .execute();

  await insertInChunks(
    db,
    "counties",
    readCsv("counties.csv").map((r) => ({
      code: r.county_code,
      name: r.county_name,
      short_name: r.county_name_short,
    })),
  );
  await insertInChunks(
    db,
    "municipalities",
    readCsv("municipalities.csv").map((r) => ({
      code: r.municipality_code,
      name: r.municipality_name,
      short_name: r.municipality_name_short,
      county_code: r.county_code,
    })),
  );
  await insertInChunks(
    db,
    "postal_codes",
    readCsv("postal_to_municipality.csv").map((r) => ({
      postal_code: r.postal_code,
      locality: r.locality,
      municipality_code: r.municipality_code,
    })),
  );
  await insertInChunks(
    db,
    "sni_codes",
    readCsv("sni2007.csv").map((r) => ({
      version: "SNI2007",
      code: r.code,
      level: r.level,
      parent_code: r.parent || null,
      name_sv: r.name_sv,
      name_en: r.level === "section" ? (SNI_SECTION_NAMES_EN[r.code as string] ?? null) : null,
    })),
  );
  await insertInChunks(
    db,
    "size_bands",
    SIZE_BANDS.map(([code, min, max, sv, en], index) => ({
      code,
      min_employees: min,
      max_employees: max,
      sort_order: index + 1,
      label_sv: sv,
      label_en: en,
    })),
  );
  await insertInChunks(
    db,
    "need_themes",
    NEED_THEMES.map(([code, sv, en], index) => ({
      code,
      label_sv: sv,
      label_en: en,
      sort_order: (index + 1) * 10,
      is_builtin: true,
    })),
  );
  await insertInChunks(
    db,
    "offer_formats",
    OFFER_FORMATS.map(([code, sv, en], index) => ({
      code,
      label_sv: sv,
      label_en: en,
      sort_order: index + 1,
    })),
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "offer_formats",
    "need_themes",
    "size_bands",
    "sni_codes",
    "postal_codes",
    "municipalities",
    "counties",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
