// Data for the national-scale benchmark (bench/national.ts): a seeded SCB-like register file, the raw INSERT
// reference load, 10,000 generated offers and 1,000,000 needs made set-based in SQL.

import { once } from "node:events";
import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import { sql } from "kysely";
import type { Db } from "../src/db/client.ts";
import { SCB_SIZE_CLASS } from "../src/features/companies/companies.import.schemas.ts";
import { luhnCheckDigit } from "../src/shared/org-number.ts";
import { insertBenchOrganisations, insertGeneratedOffers } from "./bench-db.ts";
import { generateOffers, random } from "./catalogue-search-data.ts";

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "src", "db", "migrations", "data");

/** The header SCB's extracts use for the columns Lots reads (docs: Importing the company register). */
export const REGISTER_HEADER =
  "PeOrgNr;Företagsnamn;PostNr;Säteskommun;Ng1;Ng2;Ng3;Storleksklass;Registreringsdatum";

// The biggest municipalities first (by number of companies, roughly); the rest follow in a seeded order.
const BIG = ["0180", "1480", "1280", "0380", "0580", "1880", "1980", "0581", "0680", "1281", "2480", "1490"];
const FIRST = ["Nora", "Berg", "Lind", "Ek", "Sjö", "Norr", "Söder", "Väst", "Öst", "Dal", "Ström", "Stål"];
const SECOND = ["mekaniska", "bygg", "konsult", "data", "transport", "handel", "el", "trä", "design", "vård"];
const FORMS = ["AB", "AB", "AB", "Handelsbolag", "AB", "Ekonomisk förening"];
const GIVEN = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Sara", "Mikael"];
const FAMILY = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"];
const TRADES = ["Snickeri", "Måleri", "Konsult", "Frisörsalong", "Åkeri", "Redovisning", "Foto", "Trädgård"];
// SCB storleksklass 0–9 weights: most companies have no employees, few have many.
const SIZE_WEIGHTS = [600, 250, 70, 40, 25, 8, 4, 2, 0.7, 0.3];

/** Cumulative weights → an index drawn with `u` in [0, 1). */
function picker(weights: readonly number[]): (u: number) => number {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return (u) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function readCsv(file: string): string[][] {
  return readFileSync(path.join(DATA, file), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","));
}

/**
 * Writes `count` companies to `file`: every municipality (Zipf-like, the big cities first), SNI detail codes
 * in every division (skewed; 20 % with a second and 5 % with a third code), SCB size classes (mostly 0),
 * registration dates 1950–2026 (more recent ones more likely), postal codes of the municipality where the
 * reference has one, 3 % sole traders (a valid personal identity number). All rows valid; seeded, so the same
 * file on every run.
 */
export async function writeRegisterFile(file: string, count: number, seed = 1230000): Promise<number> {
  const rnd = random(seed);
  const municipalities = readCsv("municipalities.csv").map((r) => r[0]!);
  const rest = municipalities.filter((c) => !BIG.includes(c)).sort(() => rnd() - 0.5);
  const muniOrder = [...BIG, ...rest];
  const pickMuni = picker(muniOrder.map((_, r) => 1 / (r + 1) ** 0.9));
  const postal = new Map<string, string[]>();
  for (const [code, , muni] of readCsv("postal_to_municipality.csv")) {
    postal.set(muni!, [...(postal.get(muni!) ?? []), code!]);
  }
  const divisions = readCsv("sni2007.csv")
    .filter((r) => r[0] === "division")
    .map((r) => r[1]!)
    .sort(() => rnd() - 0.5);
  const pickDivision = picker(divisions.map((_, r) => 1 / Math.sqrt(r + 1)));
  const pickSize = picker(SIZE_WEIGHTS);
  const sni = () =>
    `${divisions[pickDivision(rnd())]}${String(100 + Math.floor(rnd() * 9) * 100).slice(0, 3)}`;
  const out = createWriteStream(file, { encoding: "utf8" });
  out.write(`${REGISTER_HEADER}\n`);
  let chunk: string[] = [];
  let soleTraders = 0;
  for (let i = 0; i < count; i++) {
    const muni = muniOrder[pickMuni(rnd())]!;
    const codes = postal.get(muni);
    const postalCode = codes ? codes[Math.floor(rnd() * codes.length)]! : "";
    const year = 2026 - Math.floor(76 * rnd() ** 2);
    const date = `${year}${String(1 + Math.floor(rnd() * 12)).padStart(2, "0")}${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
    const extra = rnd();
    const sniCodes = [sni(), extra < 0.2 ? sni() : "", extra < 0.05 ? sni() : ""];
    let orgNumber: string;
    let name: string;
    if (rnd() < 0.03) {
      // A sole trader: the owner's personnummer, born 1940–2005, unique through the serial.
      const k = soleTraders++;
      const born = new Date(Date.UTC(1940, 0, 1) + (k % 23_000) * 86_400_000);
      const nine = `${born.toISOString().slice(2, 10).replace(/-/g, "")}${String(100 + Math.floor(k / 23_000)).slice(-3)}`;
      orgNumber = `${born.getUTCFullYear() < 2000 ? "19" : "20"}${nine}${luhnCheckDigit(nine)}`;
      name = `${GIVEN[i % GIVEN.length]} ${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${TRADES[Math.floor(rnd() * TRADES.length)]}`;
    } else {
      // Aktiebolag and others: 556… and 557…, unique by the row number.
      const nine = String(556_000_000 + i);
      orgNumber = `16${nine}${luhnCheckDigit(nine)}`;
      name = `${FIRST[Math.floor(rnd() * FIRST.length)]}${SECOND[Math.floor(rnd() * SECOND.length)]} ${i} ${FORMS[Math.floor(rnd() * FORMS.length)]}`;
    }
    chunk.push([orgNumber, name, postalCode, muni, ...sniCodes, String(pickSize(rnd())), date].join(";"));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
      chunk = [];
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join("\n")}\n`);
  out.end();
  await once(out, "finish");
  return soleTraders;
}

/**
 * The reference load: the same file parsed the same way, each row mapped by position with no validation, and
 * written with a plain multi-row INSERT into `companies` (batches of `batchSize`, each its own transaction,
 * one batch written while the next is parsed — as the import does). Returns the rows written.
 */
export async function rawInsert(db: Db, file: string, batchSize: number): Promise<number> {
  const parser = createReadStream(file).pipe(parse({ delimiter: ";", bom: true, from_line: 2 }));
  let pending: Promise<unknown> = Promise.resolve();
  let batch: Parameters<typeof insertBatch>[1] = [];
  let rows = 0;
  const insertBatch = (trx: Db, values: { org_number: string; [k: string]: unknown }[]) =>
    trx
      .insertInto("companies")
      .values(values as never)
      .execute();
  for await (const r of parser as AsyncIterable<string[]>) {
    const sniCodes = [r[4]!, r[5]!, r[6]!].filter(Boolean);
    batch.push({
      org_number: r[0]!.slice(2),
      is_sole_trader: !r[0]!.startsWith("16"),
      name: r[1],
      postal_code: r[2] || null,
      municipality_code: r[3],
      sni_codes: sniCodes,
      sni_code: sniCodes[0] ?? null,
      size_band: SCB_SIZE_CLASS[r[7]!] ?? null,
      founded_year: Number(r[8]!.slice(0, 4)),
    });
    rows++;
    if (batch.length >= batchSize) {
      const values = batch;
      batch = [];
      await pending;
      pending = db.transaction().execute((trx) => insertBatch(trx, values));
    }
  }
  await pending;
  if (batch.length > 0) {
    const values = batch;
    await db.transaction().execute((trx) => insertBatch(trx, values));
  }
  return rows;
}

/** 10,000 generated offers (bench/catalogue-search-data.ts) of 8 organisations, through the search triggers. */
export async function loadOffers(db: Db, count: number): Promise<void> {
  const orgIds = await insertBenchOrganisations(db);
  const offers = generateOffers(count);
  await insertGeneratedOffers(db, offers, orgIds);
}

/**
 * `needs` needs on `withNeeds` companies drawn at random from the register (seeded), at random instants of
 * the last 36 months, themes skewed over the first 12 need themes, the company's municipality, SNI code and
 * size band copied as the intake does; statuses by age (of the last 6 months' needs 80 % open or in a case, of
 * older ones 10 %, the rest met or no longer relevant); 90 % of those companies with an active statistics consent. One
 * transaction, set-based; the needs triggers mark every company dirty for the rollups.
 */
export async function generateNeeds(db: Db, needs: number, withNeeds: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const q = (text: TemplateStringsArray, ...values: unknown[]) => sql(text, ...values).execute(trx);
    await q`set local synchronous_commit = off`;
    await q`select setseed(0.1230)`;
    const org = await sql<{ id: string }>`
      insert into organisations (slug, name, type) values ('bench-national', 'Benchregionen', 'region')
      returning id`.execute(trx);
    await q`
      create temp table bench_picked on commit drop as
      select (row_number() over ())::int as k, id, municipality_code, sni_code, size_band
      from (select id, municipality_code, sni_code, size_band from companies order by random()
        limit ${sql.lit(withNeeds)}) c`;
    await q`create index on bench_picked (k)`;
    await q`
      create temp table bench_theme on commit drop as
      select (row_number() over (order by sort_order, code))::int as r, code
      from need_themes order by sort_order, code limit 12`;
    await q`
      insert into consents (company_id, kind, wording_version, source, recorded_by_label)
      select id, 'statistics', 'bench-1', 'survey', 'bench' from bench_picked where random() < 0.9`;
    // Every picked company gets at least one need; the rest land on random ones.
    await q`
      insert into needs (company_id, organisation_id, theme, urgency, source, municipality_code, size_band,
        sni_code, created_at, updated_at, status_changed_at, status)
      select p.id, ${org.rows[0]!.id}::uuid, t.code, 'now', 'survey', p.municipality_code, p.size_band,
        p.sni_code, x.at, x.at, x.at, x.status
      from (
        select k, r, at,
          case
            when at > now() - interval '6 months'
              then case when u < 0.6 then 'open' when u < 0.8 then 'in-case' else 'met' end
            else case when u < 0.05 then 'open' when u < 0.1 then 'in-case' when u < 0.7 then 'met'
              else 'no-longer-relevant' end
          end as status
        from (
          select case when g <= ${sql.lit(withNeeds)} then g else 1 + floor(random() * ${sql.lit(withNeeds)})::int end as k,
            1 + least(11, floor(12 * power(random(), 1.8))::int) as r,
            now() - random() * interval '36 months' as at, random() as u
          from generate_series(1, ${sql.lit(needs)}) g
          offset 0
        ) y
      ) x
      join bench_picked p on p.k = x.k
      join bench_theme t on t.r = x.r`;
  });
  await sql`analyze`.execute(db);
}
