import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("org_number", "varchar(10)", (c) => c.check(sql`org_number ~ '^[0-9]{10}$'`))
    .addColumn("type", "text", (c) =>
      c
        .notNull()
        .check(
          sql`type in ('municipality', 'region', 'science-park', 'business-finance', 'university', 'incubator', 'other')`,
        ),
    )
    .addColumn("description_sv", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description_en", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("website", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("organisation_municipalities")
    .addColumn("organisation_id", "uuid", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("municipality_code", "varchar(4)", (c) => c.notNull().references("municipalities.code"))
    .addPrimaryKeyConstraint("organisation_municipalities_pkey", ["organisation_id", "municipality_code"])
    .execute();

  await db.schema
    .createTable("offers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("summary_en", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("description_en", "text")
    .addColumn("formats", sql`text[]`, (c) => c.notNull())
    .addColumn("themes", sql`text[]`, (c) => c.notNull())
    // Eligibility, machine-readable. Empty arrays mean "no restriction".
    .addColumn("eligible_county_codes", sql`varchar(2)[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("eligible_municipality_codes", sql`varchar(4)[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("sni_version", "text", (c) => c.notNull().defaultTo("SNI2007"))
    .addColumn("sni_include", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("sni_exclude", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("size_bands", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("min_company_age_years", "integer")
    .addColumn("max_company_age_years", "integer")
    .addColumn("conditions", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cost_type", "text", (c) =>
      c.notNull().check(sql`cost_type in ('free', 'fee', 'loan', 'grant', 'equity')`),
    )
    .addColumn("cost_description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("amount_min_sek", "bigint")
    .addColumn("amount_max_sek", "bigint")
    .addColumn("capacity_total", "integer")
    .addColumn("capacity_remaining", "integer")
    .addColumn("capacity_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("active").check(sql`status in ('active', 'paused', 'closed')`),
    )
    .addColumn("application_process", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("link", "text")
    .addColumn("contact_name", "text")
    .addColumn("contact_title", "text")
    .addColumn("contact_email", "text")
    .addColumn("contact_phone", "text")
    .addColumn("last_verified_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("offers_organisation_idx").on("offers").column("organisation_id").execute();

  await db.schema
    .createTable("companies")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("org_number", "varchar(10)", (c) =>
      c.notNull().unique().check(sql`org_number ~ '^[0-9]{10}$'`),
    )
    // A sole trader's org number is the owner's personal identity number: personal data.
    .addColumn("is_sole_trader", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("municipality_code", "varchar(4)", (c) => c.references("municipalities.code"))
    .addColumn("sni_code", "text")
    .addColumn("sni_version", "text", (c) => c.notNull().defaultTo("SNI2007"))
    .addColumn("size_band", "text", (c) => c.references("size_bands.code"))
    .addColumn("founded_year", "integer")
    // Demo and training data must never be mistaken for a real company.
    .addColumn("is_fictional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("companies_municipality_idx")
    .on("companies")
    .column("municipality_code")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["companies", "offers", "organisation_municipalities", "organisations"]) {
    await db.schema.dropTable(table).execute();
  }
}
