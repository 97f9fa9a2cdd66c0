/**
 * Counts of companies with needs, exact: from the rollup cells when the asked period is whole calendar
 * periods, otherwise computed live from the needs with the same rules (insights.rollup.ts). Reads needs and
 * consents read-only for the live path (docs/decisions/007-insights.md).
 */
import { type RawBuilder, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { InsightsPeriodKind } from "#src/db/schema.ts";
import { countsInStatistics, needSniSection } from "./insights.rollup.ts";

/** What a count can be grouped by. Time dimensions give each bucket's own distinct count. */
export const NEEDS_DIMENSIONS = [
  "theme",
  "municipality",
  "sniSection",
  "sizeBand",
  "month",
  "quarter",
] as const;
export type NeedsDimension = (typeof NEEDS_DIMENSIONS)[number];

/** A count request: dates are Stockholm calendar dates, both inclusive (YYYY-MM-DD). */
export interface NeedsCountQuery {
  from: string;
  to: string;
  groupBy: readonly NeedsDimension[];
  municipalities?: readonly string[];
  themes?: readonly string[];
  sniSections?: readonly string[];
  sizeBands?: readonly string[];
}

export interface NeedsCountRow {
  key: Partial<Record<NeedsDimension, string>>;
  companies: number;
}

/** Rows (only non-zero ones), the distinct companies behind all of them, and where the figures came from. */
export interface NeedsCountResult {
  rows: NeedsCountRow[];
  total: number;
  source: "rollup" | "live";
}

const COLUMN: Record<Exclude<NeedsDimension, "month" | "quarter">, string> = {
  theme: "theme",
  municipality: "municipality_code",
  sniSection: "sni_section",
  sizeBand: "size_band",
};

/**
 * The calendar period that is exactly [from, to], if any: a month, a quarter or a year. Pure.
 * @example calendarPeriod("2025-04-01", "2025-06-30") // { kind: "quarter", start: "2025-04-01" }
 */
export function calendarPeriod(
  from: string,
  to: string,
): { kind: InsightsPeriodKind; start: string } | undefined {
  for (const kind of ["year", "quarter", "month"] as const) {
    const starts = periodStarts(kind, from, to);
    if (starts.length === 1 && starts[0] === from && lastDay(kind, from) === to) return { kind, start: from };
  }
  return undefined;
}

/**
 * The starts of the calendar periods of `kind` that [from, to] covers wholly, or [] when the range does not
 * begin and end on that kind's boundaries. Pure.
 */
export function periodStarts(kind: InsightsPeriodKind, from: string, to: string): string[] {
  const months = kind === "year" ? 12 : kind === "quarter" ? 3 : 1;
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  if (d !== 1 || (m - 1) % months !== 0) return [];
  const starts: string[] = [];
  let index = y * 12 + (m - 1);
  for (;;) {
    const start = dateOf(index);
    const end = lastDay(kind, start);
    if (end > to) return [];
    starts.push(start);
    if (end === to) return starts;
    index += months;
  }
}

function dateOf(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  return `${String(year).padStart(4, "0")}-${String((monthIndex % 12) + 1).padStart(2, "0")}-01`;
}

function lastDay(kind: InsightsPeriodKind, start: string): string {
  const [y, m] = start.split("-").map(Number) as [number, number];
  const months = kind === "year" ? 12 : kind === "quarter" ? 3 : 1;
  const next = new Date(Date.UTC(y, m - 1 + months, 1));
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/** Companies with needs, grouped as asked; exact distinct counts whichever path answers. */
export async function countCompaniesWithNeeds(db: Db, query: NeedsCountQuery): Promise<NeedsCountResult> {
  const { rows, source } = await countNeedsRows(db, query);
  const whole = calendarPeriod(query.from, query.to);
  const totalFromRollup = (query.themes ?? []).length <= 1 && whole !== undefined;
  const total = totalFromRollup
    ? sumOf(await rollupRows(db, { ...query, groupBy: [] }, { kind: whole!.kind, starts: [whole!.start] }))
    : sumOf(await liveRows(db, { ...query, groupBy: [] }, undefined));
  return { rows, total, source: source === "rollup" && totalFromRollup ? "rollup" : "live" };
}

/**
 * The rows alone, without the distinct total over the whole range: for a trend over months, whose total over
 * a span that is not one calendar period would have to be counted live from every need in it.
 */
export async function countNeedsRows(
  db: Db,
  query: NeedsCountQuery,
): Promise<{ rows: NeedsCountRow[]; source: "rollup" | "live" }> {
  const time = query.groupBy.find((d) => d === "month" || d === "quarter");
  const rowStarts = time ? periodStarts(time, query.from, query.to) : undefined;
  const whole = calendarPeriod(query.from, query.to);
  const themes = query.themes ?? [];
  // Distinct companies over several chosen themes (a company with needs in two counts once) are only kept
  // for "any theme" and for each theme alone.
  const themeRowsOk = query.groupBy.includes("theme") || themes.length <= 1;
  const fromRollup = themeRowsOk && (time ? rowStarts!.length > 0 : whole !== undefined);
  if (!fromRollup) return { rows: await liveRows(db, query, time), source: "live" };
  const periods = time ? { kind: time, starts: rowStarts! } : { kind: whole!.kind, starts: [whole!.start] };
  return { rows: await rollupRows(db, query, periods), source: "rollup" };
}

function sumOf(rows: readonly NeedsCountRow[]): number {
  return rows.reduce((a, row) => a + row.companies, 0);
}

function inList(column: RawBuilder<unknown>, values: readonly string[] | undefined) {
  return values && values.length > 0 ? sql`and ${column} = any(${[...values]}::text[])` : sql``;
}

/** The rows from the rollup cells of these calendar periods (exported for the exactness tests). */
export async function rollupRows(
  db: Db,
  query: NeedsCountQuery,
  periods: { kind: InsightsPeriodKind; starts: string[] },
): Promise<NeedsCountRow[]> {
  const detailed =
    query.groupBy.includes("sniSection") ||
    query.groupBy.includes("sizeBand") ||
    (query.sniSections?.length ?? 0) > 0 ||
    (query.sizeBands?.length ?? 0) > 0;
  const themes = query.themes ?? [];
  const themeCondition = query.groupBy.includes("theme")
    ? sql`and theme <> '*' ${inList(sql.ref("theme"), themes)}`
    : themes.length === 1
      ? sql`and theme = ${themes[0]}`
      : sql`and theme = '*'`;
  const dims = query.groupBy.map((d) =>
    d === "month" || d === "quarter" ? sql`period_start::text` : sql.ref(COLUMN[d]),
  );
  const select = dims.map((dim, i) => sql`${dim} as ${sql.ref(`d${i}`)}`);
  const result = await sql<Record<string, string | number>>`
    select ${sql.join([...select, sql`sum(companies)::int as companies`])}
    from insights_needs_cells
    where period_kind = ${periods.kind} and period_start = any(${periods.starts}::date[])
      and ${detailed ? sql`sni_section <> '*' and size_band <> '*'` : sql`sni_section = '*' and size_band = '*'`}
      ${themeCondition}
      ${inList(sql.ref("municipality_code"), query.municipalities)}
      ${inList(sql.ref("sni_section"), query.sniSections)}
      ${inList(sql.ref("size_band"), query.sizeBands)}
    ${dims.length > 0 ? sql`group by ${sql.join(dims)}` : sql``}
    having sum(companies) > 0`.execute(db);
  return result.rows.map((row) => toCountRow(query.groupBy, row));
}

/** The rows computed live from the needs (exported for the exactness tests). */
export async function liveRows(
  db: Db,
  query: NeedsCountQuery,
  time: "month" | "quarter" | undefined,
): Promise<NeedsCountRow[]> {
  const bucket = time ? sql`date_trunc(${time}, local_at)::date::text` : sql`''`;
  const themed = query.groupBy.includes("theme");
  const dims = query.groupBy.map((d) =>
    d === "month" || d === "quarter" ? sql.ref("bucket") : sql.ref(COLUMN[d]),
  );
  const select = dims.map((dim, i) => sql`${dim} as ${sql.ref(`d${i}`)}`);
  const result = await sql<Record<string, string | number>>`
    with n as (
      select coalesce(n.company_id, n.statistics_subject) as subject, n.id, n.theme, n.created_at,
        coalesce(n.municipality_code, '') as municipality_code,
        ${needSniSection} as sni_section,
        coalesce(n.size_band, '') as size_band,
        n.created_at at time zone 'Europe/Stockholm' as local_at
      from needs n
      where n.created_at >= (${query.from}::date)::timestamp at time zone 'Europe/Stockholm'
        and n.created_at < (${query.to}::date + 1)::timestamp at time zone 'Europe/Stockholm'
        and coalesce(n.company_id, n.statistics_subject) is not null
        and ${countsInStatistics}
        ${inList(sql.ref("n.theme"), query.themes)}
    ), b as (
      select n.*, ${bucket} as bucket from n
    ), latest as (
      select distinct on (subject, bucket) subject, bucket, municipality_code, sni_section, size_band
      from b order by subject, bucket, created_at desc, id desc
    ), pairs as (
      select distinct subject, bucket${themed ? sql`, theme` : sql``} from b
    ), j as (
      select p.*, l.municipality_code, l.sni_section, l.size_band
      from pairs p join latest l using (subject, bucket)
      where true
        ${inList(sql.ref("l.municipality_code"), query.municipalities)}
        ${inList(sql.ref("l.sni_section"), query.sniSections)}
        ${inList(sql.ref("l.size_band"), query.sizeBands)}
    )
    select ${sql.join([...select, sql`count(*)::int as companies`])}
    from j
    ${dims.length > 0 ? sql`group by ${sql.join(dims)}` : sql``}`.execute(db);
  return result.rows.filter((row) => Number(row.companies) > 0).map((row) => toCountRow(query.groupBy, row));
}

function toCountRow(groupBy: readonly NeedsDimension[], row: Record<string, string | number>): NeedsCountRow {
  const key: Partial<Record<NeedsDimension, string>> = {};
  groupBy.forEach((d, i) => {
    key[d] = String(row[`d${i}`]);
  });
  return { key, companies: Number(row.companies) };
}

/** A company with open needs in a theme, with what the offers' rules read (the gap view). */
export interface OpenNeedCompany {
  theme: string;
  municipality: string;
  subject: string;
  sniCode: string | null;
  sizeBand: string | null;
  foundedYear: number | null;
}

/**
 * Companies counting in statistics with needs not yet met (open or in a case), one row per company and
 * theme, under the municipality of their latest such need.
 */
export async function listOpenNeedCompanies(
  db: Db,
  municipalities: readonly string[] = [],
): Promise<OpenNeedCompany[]> {
  const result = await sql<{
    theme: string;
    municipality: string;
    subject: string;
    sni_code: string | null;
    size_band: string | null;
    founded_year: number | null;
  }>`
    select distinct on (theme, subject) n.theme, coalesce(n.municipality_code, '') as municipality,
      coalesce(n.company_id, n.statistics_subject)::text as subject, n.sni_code, n.size_band, c.founded_year
    from needs n left join companies c on c.id = n.company_id
    where n.status in ('open', 'in-case')
      and coalesce(n.company_id, n.statistics_subject) is not null
      and ${countsInStatistics}
      ${municipalities.length === 0 ? sql`` : sql`and coalesce(n.municipality_code, '') in (${sql.join(municipalities)})`}
    order by theme, subject, n.created_at desc, n.id desc`.execute(db);
  return result.rows.map((row) => ({
    theme: row.theme,
    municipality: row.municipality,
    subject: row.subject,
    sniCode: row.sni_code,
    sizeBand: row.size_band,
    foundedYear: row.founded_year,
  }));
}
