// Needs intelligence benchmark (issue 8, must-show 5; part of `npm run bench`; alone:
// `BENCH_ONLY=insights npm run bench`). For PGlite, and PostgreSQL when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set, in a throwaway database:
// 1. generates companies and needs set-based in SQL (default 100,000 companies, 1,000,000 needs over the last
//    36 months; the needs triggers fill insights_dirty) and reports the time;
// 2. builds the rollups with `refreshDirtySubjects` and measures incremental maintenance (needs inserted one
//    by one as the intake does, then refreshed);
// 3. times the main dashboard's queries as the dashboard makes them (`countCompaniesWithNeeds`; the trend
//    `countNeedsRows`), p50/p99/mean, and the live path (`liveRows`, "a plain GROUP BY") for two of them;
// 4. copies the same rows the rollups count into an in-memory DuckDB and runs the same exact aggregations
//    there (the reference point), checking that both give the same rows;
// 5. prints how much summing per-month distinct counts overcounts a year, the ratios and the goals.
// See docs/benchmarks.md.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement } from "@duckdb/node-api";
import { sql } from "kysely";
import { createDb, type Db } from "../src/db/client.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import {
  monthsEndingAt,
  type Period,
  periodContaining,
  previousPeriod,
} from "../src/features/insights/insights.periods.ts";
import {
  countCompaniesWithNeeds,
  countNeedsRows,
  liveRows,
  type NeedsCountQuery,
  type NeedsCountRow,
} from "../src/features/insights/insights.repository.ts";
import {
  countsInStatistics,
  needSniSection,
  refreshDirtySubjects,
} from "../src/features/insights/insights.rollup.ts";
import { adminQuery, intFromEnv, withDatabase } from "./bench-db.ts";

type Kind = "pglite" | "postgres";

const COMPANIES = intFromEnv("BENCH_INSIGHTS_COMPANIES", 100_000, 10);
const NEEDS = intFromEnv("BENCH_INSIGHTS_NEEDS", 1_000_000, 10);
/**
 * PGlite's size: 200,000 needs (or the full size when that is smaller) unless set. At 1,000,000 needs one
 * PGlite run took about 28 minutes, most of it generation, the rollup build and the live path's scans
 * (docs/benchmarks.md); PGlite is single-threaded WebAssembly.
 */
const PGLITE_NEEDS = intFromEnv("BENCH_INSIGHTS_PGLITE_NEEDS", Math.min(NEEDS, 200_000), 10);
const PGLITE_COMPANIES = intFromEnv(
  "BENCH_INSIGHTS_PGLITE_COMPANIES",
  Math.max(10, Math.round((PGLITE_NEEDS * COMPANIES) / NEEDS)),
  10,
);
const RUNS = intFromEnv("BENCH_INSIGHTS_RUNS", 200, 1);
const LIVE_RUNS = intFromEnv("BENCH_INSIGHTS_LIVE_RUNS", 20, 1);
const INCREMENTAL_NEEDS = intFromEnv("BENCH_INSIGHTS_INCREMENTAL", 1000, 1);
const WARMUP = Math.min(10, RUNS);
const BUILD_BATCH = 5000;
const GOALS = { p99Ms: 100 };

// ---------------------------------------------------------------------------------------------------
// Databases (as in bench/matching.ts)

async function openDatabase(kind: Kind, adminUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-bench-insights-"));
  if (kind === "pglite") {
    const handle = await createDb({ dataDir });
    return {
      handle,
      async cleanup() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `lots_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl!, `CREATE DATABASE ${name}`);
  const handle = await createDb({ databaseUrl: withDatabase(adminUrl!, name), dataDir, poolSize: 2 });
  return {
    handle,
    async cleanup() {
      await handle.close();
      await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function serverVersion(db: Db): Promise<string> {
  const result = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return result.rows[0]!.v;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function rssMb(): string {
  return `${Math.round(process.memoryUsage().rss / 1_048_576)} MB`;
}

// ---------------------------------------------------------------------------------------------------
// 1. Data, generated in SQL

type Generated = {
  companies: number;
  needs: number;
  subjects: number;
  countingSubjects: number;
  dirty: number;
  movedShare: number;
  perSubject: { min: number; mean: number; max: number };
  ms: number;
};

/**
 * Companies spread over all municipalities (Zipf-like, so a few are much bigger), SNI divisions and size
 * bands (both skewed), 90 % with an active statistics consent, 1 % erased (their needs keep counting as an
 * anonymous subject when they had consented). Each company has 1–(2m−1) needs (mean m = needs/companies,
 * stratified so the total is exact) over 1–4 visits at random instants of the last 36 months; the needs of a
 * visit share one timestamp, as a survey answer's do, and 3 % of visits are filed from another municipality
 * (the company moved). Themes: the first 12 need themes, skewed. One transaction, all set-based.
 */
async function generate(db: Db, companies: number, needs: number): Promise<Generated> {
  const started = performance.now();
  await db.transaction().execute(async (trx) => {
    const q = (text: TemplateStringsArray, ...values: unknown[]) => sql(text, ...values).execute(trx);
    await q`set local synchronous_commit = off`;
    await q`select setseed(0.2026)`;
    const org = await sql<{ id: string }>`
      insert into organisations (slug, name, type) values ('bench-insights', 'Benchregionen', 'region')
      returning id`.execute(trx);
    const orgId = org.rows[0]!.id;

    // Weighted pick lists ("slots"): a value appears in proportion to its weight.
    await q`
      create temp table bench_muni_slot on commit drop as
      with ranked as (
        select code, row_number() over (order by md5(code)) as r from municipalities
      ), w as (
        select code, greatest(1, round(20000 * (1.0 / r) / sum(1.0 / r) over ()))::int as n from ranked
      )
      select (row_number() over (order by w.code, g) - 1)::int as slot, w.code
      from w cross join lateral generate_series(1, w.n) g`;
    await q`
      create temp table bench_sni_slot on commit drop as
      with ranked as (
        select code, row_number() over (order by md5(code)) as r
        from (select distinct code from sni_codes where level = 'division') d
      ), w as (
        select code, greatest(1, round(5000 * (1.0 / sqrt(r)) / sum(1.0 / sqrt(r)) over ()))::int as n
        from ranked
      )
      select (row_number() over (order by w.code, g) - 1)::int as slot, w.code || '100' as sni
      from w cross join lateral generate_series(1, w.n) g`;
    await q`
      create temp table bench_size_slot on commit drop as
      with w as (
        select code, coalesce((array[30, 35, 12, 9, 7, 3, 2, 1, 1])[sort_order], 1) as n from size_bands
      )
      select (row_number() over (order by w.code, g) - 1)::int as slot, w.code
      from w cross join lateral generate_series(1, w.n) g`;
    await q`
      create temp table bench_theme_slot on commit drop as
      with ranked as (
        select code, row_number() over (order by sort_order, code) as r from need_themes limit 12
      ), w as (
        select code, greatest(1, round(1000 * power(r, -0.7) / sum(power(r, -0.7)) over ()))::int as n
        from ranked
      )
      select (row_number() over (order by w.code, g) - 1)::int as slot, w.code
      from w cross join lateral generate_series(1, w.n) g`;
    const slots = await sql<{ muni: number; sni: number; size: number; theme: number }>`
      select (select count(*) from bench_muni_slot)::int as muni, (select count(*) from bench_sni_slot)::int as sni,
        (select count(*) from bench_size_slot)::int as size, (select count(*) from bench_theme_slot)::int as theme`.execute(
      trx,
    );
    const s = slots.rows[0]!;

    // Companies. k is a random permutation of 0..C−1, so the needs per company are spread evenly over
    // 1..2m−1 and add up to (nearly) the asked total; the remainder is evened out below.
    const spread = 2 * (needs / companies) - 1;
    await q`
      create temp table bench_company on commit drop as
      with base as (
        select i, random() as u_muni, random() as u_sni, random() as u_size, random() as u_consent,
          random() as u_erased, random() as u_visits, random() as u_order
        from generate_series(1, ${sql.lit(companies)}) i
      ), ordered as (
        select base.*, (row_number() over (order by u_order) - 1)::int as k from base
      )
      select o.i, o.k, gen_random_uuid() as id, m.code as municipality, n.sni, z.code as size_band,
        o.u_consent < 0.9 as consent, o.u_erased < 0.01 as erased,
        case when o.u_visits < 0.72 then 1 when o.u_visits < 0.9 then 2 when o.u_visits < 0.97 then 3 else 4 end
          as visits,
        greatest(1, 1 + floor((o.k + 0.5) * ${sql.lit(spread)}::float8 / ${sql.lit(companies)}))::int as needs
      from ordered o
      join bench_muni_slot m on m.slot = floor(o.u_muni * ${sql.lit(s.muni)})::int
      join bench_sni_slot n on n.slot = floor(o.u_sni * ${sql.lit(s.sni)})::int
      join bench_size_slot z on z.slot = floor(o.u_size * ${sql.lit(s.size)})::int`;
    const sum = await sql<{ n: number }>`select sum(needs)::int as n from bench_company`.execute(trx);
    const remainder = needs - sum.rows[0]!.n;
    if (remainder > 0) {
      await q`update bench_company set needs = needs + 1 + ${Math.floor(remainder / companies)}::int
        where k < ${remainder % companies}::int`;
      if (remainder >= companies) {
        await q`update bench_company set needs = needs + ${Math.floor(remainder / companies)}::int
          where k >= ${remainder % companies}::int`;
      }
    } else if (remainder < 0) {
      await q`update bench_company set needs = needs - 1
        where k >= ${companies + remainder}::int and needs > 1`;
    }

    await q`
      insert into companies (id, org_number, name, municipality_code, sni_code, size_band)
      select id, (5500000000 + i)::text, 'Benchbolaget ' || i, municipality, sni, size_band
      from bench_company where not erased`;
    await q`
      insert into consents (company_id, kind, wording_version, source, recorded_by_label)
      select id, 'statistics', 'bench-1', 'survey', 'bench' from bench_company where consent and not erased`;

    await q`
      create temp table bench_visit on commit drop as
      with v as (
        select c.i, g as visit, random() as u_at, random() as u_moved, random() as u_muni
        from bench_company c cross join lateral generate_series(1, least(c.visits, c.needs)) g
      )
      select v.i, v.visit, now() - v.u_at * (now() - (now() - interval '36 months')) as at,
        case when v.u_moved < 0.03 then m.code else c.municipality end as municipality
      from v
      join bench_company c on c.i = v.i
      join bench_muni_slot m on m.slot = floor(v.u_muni * ${sql.lit(s.muni)})::int`;
    await q`create index on bench_visit (i, visit)`;
    await q`analyze bench_company`;
    await q`analyze bench_visit`;

    // The needs; the insert triggers put every subject in insights_dirty.
    await q`
      insert into needs (company_id, statistics_subject, anonymous_in_statistics, organisation_id, theme, urgency,
        source, municipality_code, size_band, sni_code, created_at, updated_at, status_changed_at)
      select case when c.erased then null else c.id end, case when c.erased then c.id end,
        case when c.erased then c.consent end, ${orgId}::uuid, t.code, 'now', 'survey', v.municipality,
        c.size_band, c.sni, v.at, v.at, v.at
      from (
        select c.i, g as k, random() as u_theme
        from bench_company c cross join lateral generate_series(1, c.needs) g
        offset 0
      ) r
      join bench_company c on c.i = r.i
      join bench_visit v on v.i = r.i and v.visit = 1 + (r.k - 1) % least(c.visits, c.needs)
      join bench_theme_slot t on t.slot = floor(r.u_theme * ${s.theme}::int)::int`;
  });
  const ms = performance.now() - started;
  await sql`analyze`.execute(db);

  const facts = await sql<{
    companies: number;
    needs: number;
    subjects: number;
    counting: number;
    dirty: number;
    moved: number;
  }>`
    select (select count(*) from companies)::int as companies, (select count(*) from needs)::int as needs,
      (select count(distinct coalesce(company_id, statistics_subject)) from needs)::int as subjects,
      (select count(distinct coalesce(n.company_id, n.statistics_subject)) from needs n
        where ${countsInStatistics})::int as counting,
      (select count(*) from insights_dirty)::int as dirty,
      (select avg(case when n.municipality_code <> c.municipality_code then 1.0 else 0.0 end)
        from needs n join companies c on c.id = n.company_id)::float8 as moved`.execute(db);
  const per = await sql<{ min: number; mean: number; max: number }>`
    select min(n)::int as min, avg(n)::float8 as mean, max(n)::int as max
    from (select count(*) as n from needs group by coalesce(company_id, statistics_subject)) x`.execute(db);
  const f = facts.rows[0]!;
  return {
    companies: f.companies,
    needs: f.needs,
    subjects: f.subjects,
    countingSubjects: f.counting,
    dirty: f.dirty,
    movedShare: f.moved,
    perSubject: per.rows[0]!,
    ms,
  };
}

// ---------------------------------------------------------------------------------------------------
// 2. Rollup build and incremental maintenance

type Build = {
  ms: number;
  subjects: number;
  membership: number;
  cells: number;
  incremental: {
    needs: number;
    insertMs: number;
    dirty: number;
    refreshMs: number;
    singleRefreshMs: number[];
  };
};

async function buildRollups(db: Db): Promise<Build> {
  const started = performance.now();
  let subjects = 0;
  for (;;) {
    const n = await refreshDirtySubjects(db, BUILD_BATCH);
    if (n === 0) break;
    subjects += n;
  }
  const ms = performance.now() - started;
  const sizes = await sql<{ membership: number; cells: number }>`
    select (select count(*) from insights_membership)::int as membership,
      (select count(*) from insights_needs_cells)::int as cells`.execute(db);
  await sql`analyze insights_membership`.execute(db);
  await sql`analyze insights_needs_cells`.execute(db);

  // Needs for random existing companies, one statement each, as the intake writes them.
  const picked = await sql<{
    id: string;
    municipality_code: string | null;
    sni_code: string | null;
    size_band: string | null;
  }>`
    select id, municipality_code, sni_code, size_band from companies
    order by md5(id::text) limit ${INCREMENTAL_NEEDS + 20}`.execute(db);
  const org = await sql<{ id: string }>`select id from organisations where slug = 'bench-insights'`.execute(
    db,
  );
  const themes = await sql<{ code: string }>`
    select code from need_themes order by sort_order, code limit 12`.execute(db);
  const insertNeed = async (i: number) => {
    const company = picked.rows[i % picked.rows.length]!;
    await db
      .insertInto("needs")
      .values({
        company_id: company.id,
        organisation_id: org.rows[0]!.id,
        theme: themes.rows[i % themes.rows.length]!.code,
        urgency: "now",
        source: "survey",
        municipality_code: company.municipality_code,
        sni_code: company.sni_code,
        size_band: company.size_band,
      })
      .execute();
  };
  const insertStarted = performance.now();
  for (let i = 0; i < INCREMENTAL_NEEDS; i++) await insertNeed(i);
  const insertMs = performance.now() - insertStarted;
  const dirty = await sql<{ n: number }>`select count(*)::int as n from insights_dirty`.execute(db);
  const refreshStarted = performance.now();
  // The worker's pass: the default batch, until nothing is dirty.
  while ((await refreshDirtySubjects(db)) > 0);
  const refreshMs = performance.now() - refreshStarted;

  // The worker's steady state: one need arrives, the next pass refreshes its one subject.
  const singleRefreshMs: number[] = [];
  for (let i = 0; i < 10; i++) {
    await insertNeed(INCREMENTAL_NEEDS + i);
    const t0 = performance.now();
    while ((await refreshDirtySubjects(db)) > 0);
    singleRefreshMs.push(performance.now() - t0);
  }
  await sql`analyze insights_needs_cells`.execute(db);
  return {
    ms,
    subjects,
    membership: sizes.rows[0]!.membership,
    cells: sizes.rows[0]!.cells,
    incremental: { needs: INCREMENTAL_NEEDS, insertMs, dirty: dirty.rows[0]!.n, refreshMs, singleRefreshMs },
  };
}

// ---------------------------------------------------------------------------------------------------
// 3. The dashboard's queries

type Comparable = { rows: Map<string, number>; total: number };

function comparable(groupBy: NeedsCountQuery["groupBy"], rows: readonly NeedsCountRow[], total: number) {
  return {
    rows: new Map(rows.map((row) => [groupBy.map((d) => row.key[d]).join("|"), row.companies])),
    total,
  };
}

function sameResult(a: Comparable, b: Comparable): string | undefined {
  if (a.total !== b.total) return `total ${a.total} ≠ ${b.total}`;
  if (a.rows.size !== b.rows.size) return `${a.rows.size} rows ≠ ${b.rows.size} rows`;
  for (const [key, n] of a.rows) {
    if (b.rows.get(key) !== n) return `row ${key}: ${n} ≠ ${b.rows.get(key) ?? "missing"}`;
  }
  return undefined;
}

type Dates = {
  year: Period;
  quarters: Period[];
  /** Quarters whose 12 months up to their end are not a calendar year. */
  trendQuarters: Period[];
  municipalities: string[];
  sizeBands: string[];
};

function stockholmToday(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short" }).format(
    new Date(),
  );
}

async function dashboardDates(db: Db): Promise<Dates> {
  const today = stockholmToday();
  const year = previousPeriod(periodContaining("year", today));
  const quarters: Period[] = [];
  let quarter = periodContaining("quarter", today);
  for (let i = 0; i < 4; i++) {
    quarter = previousPeriod(quarter);
    quarters.push(quarter);
  }
  const municipalities = await sql<{ code: string }>`select code from municipalities order by code`.execute(
    db,
  );
  const sizeBands = await sql<{ code: string }>`select code from size_bands order by sort_order`.execute(db);
  return {
    year,
    quarters,
    trendQuarters: quarters.filter((q) => !q.end.endsWith("-12-31")),
    municipalities: municipalities.rows.map((r) => r.code),
    sizeBands: sizeBands.rows.map((r) => r.code),
  };
}

type QueryName = "a" | "b" | "c" | "d1" | "d2" | "e";

type QuerySpec = {
  name: QueryName;
  label: string;
  make: (i: number) => NeedsCountQuery;
  /**
   * As the dashboard asks (src/features/insights/insights.service.ts): rows with the distinct total
   * (`countCompaniesWithNeeds`), or the trend's rows alone (`countNeedsRows`: a 12-month span's total would
   * have to be counted live, and the trend shows each month's own total instead).
   */
  call: "count" | "rows";
};

function querySpecs(dates: Dates): QuerySpec[] {
  const muni = (i: number) => dates.municipalities[(i * 37) % dates.municipalities.length]!;
  const trend = (end: string, i: number): NeedsCountQuery => {
    const months = monthsEndingAt(end, 12);
    return {
      from: months[0]!.start,
      to: months.at(-1)!.end,
      groupBy: ["month", "theme"],
      ...(i % 2 === 1 ? { municipalities: [muni(i)] } : {}),
    };
  };
  return [
    {
      name: "a",
      label: `year ${dates.year.code}, by theme × municipality (national table)`,
      make: () => ({ from: dates.year.start, to: dates.year.end, groupBy: ["theme", "municipality"] }),
      call: "count",
    },
    {
      name: "b",
      label: "a quarter, by theme, one municipality (rotating)",
      make: (i) => {
        const q = dates.quarters[i % dates.quarters.length]!;
        return { from: q.start, to: q.end, groupBy: ["theme"], municipalities: [muni(i)] };
      },
      call: "count",
    },
    {
      name: "c",
      label: "a quarter, by municipality (any theme)",
      make: (i) => {
        const q = dates.quarters[i % dates.quarters.length]!;
        return { from: q.start, to: q.end, groupBy: ["municipality"] };
      },
      call: "count",
    },
    {
      name: "d1",
      label: `trend Jan–Dec ${dates.year.code}, by month × theme, national / one municipality`,
      make: (i) => trend(dates.year.end, i),
      call: "rows",
    },
    {
      name: "d2",
      label:
        "trend 12 months to a quarter's end (not Jan–Dec), by month × theme, national / one municipality",
      make: (i) => trend(dates.trendQuarters[i % dates.trendQuarters.length]!.end, i),
      call: "rows",
    },
    {
      name: "e",
      label: `year ${dates.year.code}, by SNI section, one size band (rotating)`,
      make: (i) => ({
        from: dates.year.start,
        to: dates.year.end,
        groupBy: ["sniSection"],
        sizeBands: [dates.sizeBands[i % dates.sizeBands.length]!],
      }),
      call: "count",
    },
  ];
}

type Timing = { p50: number; p99: number; mean: number; runs: number };

function timing(times: number[]): Timing {
  return { p50: percentile(times, 50), p99: percentile(times, 99), mean: mean(times), runs: times.length };
}

type LotsResult = {
  spec: QuerySpec;
  timing: Timing;
  sources: Set<string>;
  results: Map<string, Comparable>;
};

async function timeLots(db: Db, spec: QuerySpec): Promise<LotsResult> {
  const ask = async (query: NeedsCountQuery) =>
    spec.call === "count"
      ? await countCompaniesWithNeeds(db, query)
      : { ...(await countNeedsRows(db, query)), total: Number.NaN };
  for (let i = 0; i < WARMUP; i++) await ask(spec.make(i));
  const times: number[] = [];
  const sources = new Set<string>();
  const results = new Map<string, Comparable>();
  for (let i = 0; i < RUNS; i++) {
    const query = spec.make(i);
    const t0 = performance.now();
    const result = await ask(query);
    times.push(performance.now() - t0);
    sources.add(result.source);
    results.set(JSON.stringify(query), comparable(query.groupBy, result.rows, result.total));
  }
  return { spec, timing: timing(times), sources, results };
}

/** The live path as `countCompaniesWithNeeds` takes it for other ranges: rows and total from the needs. */
async function timeLive(
  db: Db,
  spec: QuerySpec,
): Promise<{ timing: Timing; results: Map<string, Comparable> }> {
  const live = async (query: NeedsCountQuery) => {
    const rows = await liveRows(db, query, undefined);
    const total = await liveRows(db, { ...query, groupBy: [] }, undefined);
    return comparable(
      query.groupBy,
      rows,
      total.reduce((a, r) => a + r.companies, 0),
    );
  };
  await live(spec.make(0));
  const times: number[] = [];
  const results = new Map<string, Comparable>();
  for (let i = 0; i < LIVE_RUNS; i++) {
    const query = spec.make(i);
    const t0 = performance.now();
    const result = await live(query);
    times.push(performance.now() - t0);
    results.set(JSON.stringify(query), result);
  }
  return { timing: timing(times), results };
}

// ---------------------------------------------------------------------------------------------------
// 4. DuckDB reference

type Duck = {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  version: string;
  threads: string;
  rows: number;
  loadMs: number;
};

/**
 * Copies the rows the rollups count into an in-memory DuckDB: one row per need of a counting subject, with
 * the subject, the need's id and instant (for "latest"), its Stockholm date, theme, municipality, SNI section
 * and size band, computed by the same SQL expressions as the rollup. Read through a cursor, appended in
 * batches; stored sorted by date (DuckDB's zone maps then skip other periods: the reference at its best).
 */
async function loadDuck(db: Db): Promise<Duck> {
  const started = performance.now();
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(`
    create table staging (subject varchar, id varchar, theme varchar, created_us bigint, local_day varchar,
      municipality_code varchar, sni_section varchar, size_band varchar)`);
  const appender = await connection.createAppender("staging");
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    await sql`
      declare bench_export no scroll cursor for
      select coalesce(n.company_id, n.statistics_subject)::text as subject, n.id::text as id, n.theme,
        (extract(epoch from n.created_at) * 1000000)::bigint as created_us,
        (n.created_at at time zone 'Europe/Stockholm')::date::text as local_day,
        coalesce(n.municipality_code, '') as municipality_code, ${needSniSection} as sni_section,
        coalesce(n.size_band, '') as size_band
      from needs n
      where coalesce(n.company_id, n.statistics_subject) is not null and ${countsInStatistics}`.execute(trx);
    for (;;) {
      const batch = await sql<{
        subject: string;
        id: string;
        theme: string;
        created_us: number | string;
        local_day: string;
        municipality_code: string;
        sni_section: string;
        size_band: string;
      }>`fetch forward 50000 from bench_export`.execute(trx);
      if (batch.rows.length === 0) break;
      for (const row of batch.rows) {
        appender.appendVarchar(row.subject);
        appender.appendVarchar(row.id);
        appender.appendVarchar(row.theme);
        appender.appendBigInt(BigInt(row.created_us));
        appender.appendVarchar(row.local_day);
        appender.appendVarchar(row.municipality_code);
        appender.appendVarchar(row.sni_section);
        appender.appendVarchar(row.size_band);
        appender.endRow();
      }
      rows += batch.rows.length;
    }
    await sql`close bench_export`.execute(trx);
  });
  appender.closeSync();
  await connection.run(`
    create table needs as
    select subject::uuid as subject, id::uuid as id, theme, created_us, local_day::date as local_day,
      municipality_code, sni_section, size_band
    from staging order by local_day`);
  await connection.run("drop table staging");
  const meta = await connection.runAndReadAll(
    "select version() as v, current_setting('threads')::varchar as t, (select count(*) from needs)::integer as n",
  );
  const [version, threads, count] = meta.getRows()[0]! as [string, string, number];
  if (count !== rows) throw new Error(`DuckDB holds ${count} rows, ${rows} were appended`);
  return { instance, connection, version, threads, rows, loadMs: performance.now() - started };
}

// The same exact aggregation: per period, each subject's latest need (by instant, then id, as the rollup
// orders) gives its municipality; themes are those of any of its needs in the period; a municipality
// filter applies to the latest need's municipality. Rows plus the distinct total, in one statement.
const DUCK_PERIOD = `
  p as materialized (
    select subject, id, theme, created_us, municipality_code from needs
    where local_day between $1::date and $2::date
  ), l as materialized (
    select subject, arg_max(municipality_code, struct_pack(t := created_us, i := id)) as m from p group by subject
  )`;

const DUCK_SQL: Record<"a" | "b" | "c", string> = {
  a: `with ${DUCK_PERIOD}
    select 'row' as kind, t.theme as k1, l.m as k2, count(*)::integer as n
    from (select distinct subject, theme from p) t join l using (subject) group by t.theme, l.m
    union all select 'total', null, null, count(*)::integer from l`,
  b: `with ${DUCK_PERIOD}
    select 'row' as kind, t.theme as k1, null as k2, count(*)::integer as n
    from (select distinct subject, theme from p) t join l using (subject) where l.m = $3 group by t.theme
    union all select 'total', null, null, count(*)::integer from l where l.m = $3`,
  c: `with ${DUCK_PERIOD}
    select 'row' as kind, l.m as k1, null as k2, count(*)::integer as n from l group by l.m
    union all select 'total', null, null, count(*)::integer from l`,
};

async function runDuck(prepared: DuckDBPreparedStatement, query: NeedsCountQuery): Promise<Comparable> {
  prepared.bind([query.from, query.to, ...(query.municipalities ?? [])]);
  const reader = await prepared.runAndReadAll();
  const rows = new Map<string, number>();
  let total = 0;
  for (const [kind, k1, k2, n] of reader.getRows() as [string, string | null, string | null, number][]) {
    if (kind === "total") total = n;
    else rows.set(k2 === null ? String(k1) : `${k1}|${k2}`, n);
  }
  return { rows, total };
}

async function timeDuck(
  duck: Duck,
  spec: QuerySpec & { name: "a" | "b" | "c" },
): Promise<{ timing: Timing; results: Map<string, Comparable> }> {
  const prepared = await duck.connection.prepare(DUCK_SQL[spec.name]);
  try {
    for (let i = 0; i < WARMUP; i++) await runDuck(prepared, spec.make(i));
    const times: number[] = [];
    const results = new Map<string, Comparable>();
    for (let i = 0; i < RUNS; i++) {
      const query = spec.make(i);
      const t0 = performance.now();
      const result = await runDuck(prepared, query);
      times.push(performance.now() - t0);
      results.set(JSON.stringify(query), result);
    }
    return { timing: timing(times), results };
  } finally {
    prepared.destroySync();
  }
}

/** Sum of the 12 months' distinct counts and the year's distinct count, in DuckDB (a cross-check). */
async function duckMonthsVsYear(duck: Duck, year: Period): Promise<{ months: number; year: number }> {
  const reader = await duck.connection.runAndReadAll(
    `select (select sum(n) from (select count(distinct subject) as n from needs
        where local_day between $1::date and $2::date group by date_trunc('month', local_day)))::integer,
      (select count(distinct subject) from needs where local_day between $1::date and $2::date)::integer`,
    [year.start, year.end],
  );
  const [months, total] = reader.getRows()[0]! as [number, number];
  return { months, year: total };
}

// ---------------------------------------------------------------------------------------------------
// One database

type QueryReport = {
  name: QueryName;
  label: string;
  lots: Timing;
  sources: string;
  duck?: Timing;
  live?: Timing;
  vacuumed?: Timing;
};

type DatabaseReport = {
  kind: Kind;
  version: string;
  sizeNote: string;
  generated: Generated;
  build: Build;
  duck: { version: string; threads: string; rows: number; loadMs: number };
  queries: QueryReport[];
  equality: { compared: number; mismatches: string[] };
  overcount: { months: number; year: number; duckMonths: number; duckYear: number };
  loadStart: string;
  loadEnd: string;
  peakRssMb: number;
};

async function benchDatabase(
  kind: Kind,
  adminUrl: string | undefined,
  size: { companies: number; needs: number },
  sizeNote: string,
): Promise<DatabaseReport> {
  const loadStart = loadAverage();
  const { handle, cleanup } = await openDatabase(kind, adminUrl);
  try {
    const { db } = handle;
    const version = await serverVersion(db);
    console.log(
      `\n-- needs intelligence on ${kind} (server_version ${version}): ${size.companies} companies, ` +
        `${size.needs} needs${sizeNote ? ` (${sizeNote})` : ""}; load average ${loadStart}`,
    );
    await migrateToLatest(db);

    const generated = await generate(db, size.companies, size.needs);
    console.log(
      `generated in ${seconds(generated.ms)} (one transaction, triggers included; then ANALYZE): ` +
        `${generated.companies} companies, ${generated.needs} needs, ${generated.subjects} subjects ` +
        `(${generated.countingSubjects} counting in statistics), needs per subject ${generated.perSubject.min}–` +
        `${generated.perSubject.max} (mean ${generated.perSubject.mean.toFixed(2)}), ` +
        `${(generated.movedShare * 100).toFixed(2)} % of needs filed from another municipality than the company's; ` +
        `${generated.dirty} dirty subjects; process RSS ${rssMb()}`,
    );

    const build = await buildRollups(db);
    const inc = build.incremental;
    console.log(
      `rollup build: ${build.subjects} subjects in ${seconds(build.ms)} ` +
        `(${Math.round(build.subjects / (build.ms / 1000))} subjects/s, batches of ${BUILD_BATCH}); ` +
        `${build.membership} rows in insights_membership, ${build.cells} in insights_needs_cells`,
    );
    console.log(
      `incremental: ${inc.needs} needs inserted one by one in ${seconds(inc.insertMs)} ` +
        `(${(inc.insertMs / inc.needs).toFixed(2)} ms each), ${inc.dirty} dirty subjects refreshed in ` +
        `${inc.refreshMs.toFixed(0)} ms (${(inc.refreshMs / inc.needs).toFixed(2)} ms per need); ` +
        `one need then one refresh pass, 10 times: median ${percentile(inc.singleRefreshMs, 50).toFixed(1)} ms, ` +
        `max ${Math.max(...inc.singleRefreshMs).toFixed(1)} ms`,
    );

    const dates = await dashboardDates(db);
    const specs = querySpecs(dates);
    const lots = new Map<QueryName, LotsResult>();
    for (const spec of specs) {
      const result = await timeLots(db, spec);
      lots.set(spec.name, result);
      console.log(
        `  ${spec.name.padEnd(2)} ${spec.label}: p50 ${result.timing.p50.toFixed(2)} ms, ` +
          `p99 ${result.timing.p99.toFixed(2)} ms (${spec.call === "count" ? "countCompaniesWithNeeds" : "countNeedsRows"}, ` +
          `source: ${[...result.sources].join("/")})`,
      );
    }
    const live = new Map<QueryName, Awaited<ReturnType<typeof timeLive>>>();
    for (const name of ["a", "c"] as const) {
      const result = await timeLive(db, specs.find((s) => s.name === name)!);
      live.set(name, result);
      console.log(
        `  ${name} live (liveRows, rows + total): p50 ${result.timing.p50.toFixed(1)} ms, ` +
          `p99 ${result.timing.p99.toFixed(1)} ms (${LIVE_RUNS} runs)`,
      );
    }

    // The cells after a VACUUM (PostgreSQL's autovacuum gets there some time after the build; PGlite has none):
    // how much of query a's time is the dead row versions the build's updates left.
    await sql`vacuum analyze insights_needs_cells`.execute(db);
    const vacuumed = (await timeLots(db, specs.find((s) => s.name === "a")!)).timing;
    console.log(
      `  a  after VACUUM of insights_needs_cells: p50 ${vacuumed.p50.toFixed(2)} ms, p99 ${vacuumed.p99.toFixed(2)} ms`,
    );

    const duck = await loadDuck(db);
    console.log(
      `duckdb ${duck.version} (in-memory, ${duck.threads} threads): ${duck.rows} rows copied and loaded in ` +
        `${seconds(duck.loadMs)} (not part of the query figures); process RSS ${rssMb()}`,
    );
    const duckTimes = new Map<QueryName, Awaited<ReturnType<typeof timeDuck>>>();
    try {
      for (const name of ["a", "b", "c"] as const) {
        const spec = specs.find((s) => s.name === name)! as QuerySpec & { name: typeof name };
        const result = await timeDuck(duck, spec);
        duckTimes.set(name, result);
        console.log(
          `  ${name} duckdb: p50 ${result.timing.p50.toFixed(2)} ms, p99 ${result.timing.p99.toFixed(2)} ms`,
        );
      }

      // Equality: every result set DuckDB and the live path computed against the rollup's.
      const mismatches: string[] = [];
      let compared = 0;
      const check = (what: string, name: QueryName, other: Map<string, Comparable>) => {
        const mine = lots.get(name)!.results;
        for (const [key, result] of other) {
          const expected = mine.get(key);
          if (!expected) throw new Error(`no rollup result for ${key}`);
          compared++;
          const difference = sameResult(expected, result);
          if (difference) mismatches.push(`${what} ${name} ${key}: rollup vs ${what}: ${difference}`);
        }
      };
      for (const [name, result] of duckTimes) check("duckdb", name, result.results);
      for (const [name, result] of live) check("live", name, result.results);
      console.log(
        `equality: ${compared} result sets compared (DuckDB a/b/c, live a/c against the rollup): ` +
          `${mismatches.length === 0 ? "all equal" : `${mismatches.length} DIFFER`}`,
      );
      for (const line of mismatches.slice(0, 10)) console.log(`  ${line}`);

      // Why each period keeps its own counts.
      const monthly = await countCompaniesWithNeeds(db, {
        from: dates.year.start,
        to: dates.year.end,
        groupBy: ["month"],
      });
      const months = monthly.rows.reduce((a, r) => a + r.companies, 0);
      const duckCheck = await duckMonthsVsYear(duck, dates.year);
      console.log(
        `overcount: the 12 months of ${dates.year.code} summed give ${months} companies, the year has ` +
          `${monthly.total} distinct: +${((months / monthly.total - 1) * 100).toFixed(1)} % ` +
          `(DuckDB: ${duckCheck.months} vs ${duckCheck.year})`,
      );

      const queries: QueryReport[] = specs.map((spec) => {
        const l = lots.get(spec.name)!;
        const d = duckTimes.get(spec.name);
        const v = live.get(spec.name);
        return {
          name: spec.name,
          label: spec.label,
          lots: l.timing,
          sources: [...l.sources].join("/"),
          ...(d ? { duck: d.timing } : {}),
          ...(v ? { live: v.timing } : {}),
          ...(spec.name === "a" ? { vacuumed } : {}),
        };
      });
      return {
        kind,
        version,
        sizeNote,
        generated,
        build,
        duck: { version: duck.version, threads: duck.threads, rows: duck.rows, loadMs: duck.loadMs },
        queries,
        equality: { compared, mismatches },
        overcount: { months, year: monthly.total, duckMonths: duckCheck.months, duckYear: duckCheck.year },
        loadStart,
        loadEnd: loadAverage(),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      duck.connection.closeSync();
      duck.instance.closeSync();
    }
  } finally {
    await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------

/** Runs the needs intelligence benchmark; true when every goal is met and every result is equal. */
export async function runInsightsBench(adminUrl: string | undefined): Promise<boolean> {
  console.log(
    `\nNeeds intelligence benchmark (issue 8): ${COMPANIES} companies / ${NEEDS} needs over 36 months, the ` +
      `dashboard's queries as it makes them (${RUNS} timed runs each after ${WARMUP} warm-up, ` +
      `in-process, sequential), the live path (${LIVE_RUNS} runs), and DuckDB over the same rows`,
  );
  const reduced = PGLITE_NEEDS !== NEEDS || PGLITE_COMPANIES !== COMPANIES;
  const kinds: Kind[] = adminUrl ? ["pglite", "postgres"] : ["pglite"];
  const reports: DatabaseReport[] = [];
  for (const kind of kinds) {
    const size =
      kind === "pglite"
        ? { companies: PGLITE_COMPANIES, needs: PGLITE_NEEDS }
        : { companies: COMPANIES, needs: NEEDS };
    const note =
      kind === "pglite" && reduced
        ? `SMALLER than the ${NEEDS} needs of PostgreSQL: on PGlite the full size takes about half an hour ` +
          "(docs/benchmarks.md); BENCH_INSIGHTS_PGLITE_NEEDS/_COMPANIES set it"
        : "";
    reports.push(await benchDatabase(kind, adminUrl, size, note));
  }

  let ok = true;
  for (const r of reports) {
    const g = r.generated;
    console.log(
      `\n== needs intelligence on ${r.kind} ${r.version}: ${g.companies} companies, ${g.needs} needs` +
        `${r.sizeNote ? ` — ${r.sizeNote}` : ""}; load average ${r.loadStart} → ${r.loadEnd}`,
    );
    console.log(
      table(
        [
          "query",
          "source",
          "Lots p50 ms",
          "p99 ms",
          "mean ms",
          "DuckDB p50 ms",
          "p99 ms",
          "Lots/DuckDB p50",
          "p99",
          "live p50 ms",
          "p99 ms",
          "live/DuckDB p50",
        ],
        r.queries.flatMap((q) => {
          const row = [
            `${q.name}: ${q.label}`,
            q.sources,
            q.lots.p50.toFixed(2),
            q.lots.p99.toFixed(2),
            q.lots.mean.toFixed(2),
            q.duck ? q.duck.p50.toFixed(2) : "-",
            q.duck ? q.duck.p99.toFixed(2) : "-",
            q.duck ? (q.lots.p50 / q.duck.p50).toFixed(3) : "-",
            q.duck ? (q.lots.p99 / q.duck.p99).toFixed(3) : "-",
            q.live ? q.live.p50.toFixed(1) : "-",
            q.live ? q.live.p99.toFixed(1) : "-",
            q.live && q.duck ? (q.live.p50 / q.duck.p50).toFixed(2) : "-",
          ];
          const extra = (label: string, t: Timing | undefined) =>
            t
              ? [
                  [
                    label,
                    "rollup",
                    t.p50.toFixed(2),
                    t.p99.toFixed(2),
                    t.mean.toFixed(2),
                    ...Array<string>(7).fill("-"),
                  ],
                ]
              : [];
          return [row, ...extra("a after VACUUM of the cells (not a goal figure)", q.vacuumed)];
        }),
      ),
    );
    const b = r.build;
    console.log(
      `generation ${seconds(g.ms)}; rollup build ${seconds(b.ms)} (${Math.round(b.subjects / (b.ms / 1000))} ` +
        `subjects/s; ${b.membership} membership rows, ${b.cells} cells); incremental ` +
        `${(b.incremental.refreshMs / b.incremental.needs).toFixed(2)} ms per need (${b.incremental.needs} needs), ` +
        `single-need refresh median ${percentile(b.incremental.singleRefreshMs, 50).toFixed(1)} ms; DuckDB load ` +
        `${seconds(r.duck.loadMs)} (${r.duck.rows} rows, ${r.duck.threads} threads); peak RSS of the bench ` +
        `process so far ${r.peakRssMb} MB`,
    );
    console.log(
      `overcount of summing months: +${((r.overcount.months / r.overcount.year - 1) * 100).toFixed(1)} % ` +
        `(${r.overcount.months} vs ${r.overcount.year}; DuckDB ${r.overcount.duckMonths} vs ${r.overcount.duckYear})`,
    );

    const slow = r.queries.filter((q) => q.lots.p99 >= GOALS.p99Ms);
    const p99Met = slow.length === 0;
    const notFaster = r.queries.filter((q) => q.duck && q.lots.p99 >= q.duck.p99);
    const fasterMet = notFaster.length === 0;
    const equal = r.equality.mismatches.length === 0 && r.overcount.year === r.overcount.duckYear;
    const pass = (met: boolean) => (met ? "PASS" : "FAIL");
    console.log(
      `goal p99 < ${GOALS.p99Ms} ms for every dashboard query (a–e): ${pass(p99Met)}` +
        `${p99Met ? "" : ` (${slow.map((q) => `${q.name} ${q.lots.p99.toFixed(1)} ms`).join(", ")})`}`,
    );
    console.log(
      `goal rollup p99 < DuckDB p99 (a, b, c): ${pass(fasterMet)}` +
        `${fasterMet ? "" : ` (${notFaster.map((q) => `${q.name} ${q.lots.p99.toFixed(2)} vs ${q.duck!.p99.toFixed(2)} ms`).join(", ")})`}`,
    );
    console.log(
      `goal results equal (rollup = DuckDB = live, ${r.equality.compared} result sets): ${pass(equal)}`,
    );
    ok &&= p99Met && fasterMet && equal;
  }
  return ok;
}
