/**
 * Needs intelligence: companies with needs by theme, municipality, SNI section, size band and time, with
 * every count below 3 hidden and protected against subtraction (insights.suppression.ts). Each view is one
 * suppressed table; charts, exports and the API all read those tables, so they hide the same cells.
 */
import type { Db } from "#src/db/client.ts";
import { getNeedThemes, getReferenceCodes } from "#src/features/reference/reference.service.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, throwIfFieldErrors } from "#src/shared/field-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { type InsightLabels, labelOf, loadLabels } from "./insights.labels.ts";
import { insightsMessages } from "./insights.messages.ts";
import {
  monthsEndingAt,
  type Period,
  periodContaining,
  periodLabel,
  previousPeriod,
} from "./insights.periods.ts";
import { canViewInsights } from "./insights.policy.ts";
import {
  countCompaniesWithNeeds,
  countNeedsRows,
  type NeedsCountQuery,
  type NeedsCountResult,
  type NeedsDimension,
} from "./insights.repository.ts";
import { countDirtySubjects, refreshDirtySubjects } from "./insights.rollup.ts";
import { type ApiCount, apiCount, suppressLine, suppressTable } from "./insights.suppression.ts";
import type { InsightTable, InsightValue } from "./insights.table.ts";

/** What the dashboard is filtered by. Empty lists mean "all". */
export interface NeedsFilter {
  period: Period;
  municipalities: readonly string[];
  sniSections: readonly string[];
  sizeBands: readonly string[];
}

export interface NeedsDashboard {
  filter: NeedsFilter;
  previous: Period;
  labels: InsightLabels;
  /** Companies with needs per theme, this period and the previous one (the bar chart). */
  byTheme: InsightTable;
  /** Municipalities × themes with totals (the grid). */
  byMunicipality: InsightTable;
  /** Themes × the last 12 months (the trend lines). */
  trend: InsightTable;
  bySection: InsightTable;
  bySize: InsightTable;
  /** Needs not yet in the figures (the rollup is catching up; normally 0). */
  pending: number;
}

/** Throws UNAUTHENTICATED for nobody, FORBIDDEN unless the actor may read the dashboards. */
export function assertCanViewInsights(actor: Actor): void {
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  if (!canViewInsights(actor))
    throw new AppError("FORBIDDEN", "Only analysts, navigators and admins see insights.");
}

/**
 * Checks codes a caller sent against the reference lists: an unknown municipality, theme or size band is a
 * 400 naming the field, not an empty answer that looks like "no needs there".
 */
export async function checkInsightCodes(
  db: Db,
  input: { municipality?: string[]; theme?: string[]; sizeBand?: string[]; from?: string; to?: string },
): Promise<void> {
  const codes = await getReferenceCodes(db);
  const themes = new Set((await getNeedThemes(db)).map((theme) => theme.code));
  const errors: FieldErrors = {};
  const unknown = (
    field: string,
    list: string[] | undefined,
    known: ReadonlySet<string>,
    sv: string,
    en: string,
  ) => {
    const bad = (list ?? []).filter((code) => !known.has(code));
    if (bad.length > 0) errors[field] = { sv: `${sv}: ${bad.join(", ")}.`, en: `${en}: ${bad.join(", ")}.` };
  };
  unknown(
    "municipality",
    input.municipality,
    codes.municipalityCodes,
    "Okänd kommunkod",
    "Unknown municipality code",
  );
  unknown("theme", input.theme, themes, "Okänt tema", "Unknown theme code");
  unknown("sizeBand", input.sizeBand, codes.sizeBandCodes, "Okänd storleksklass", "Unknown size band");
  if (input.from && input.to && input.from > input.to) {
    errors.to = { sv: "Slutdatumet kan inte ligga före startdatumet.", en: "to cannot be before from." };
  }
  throwIfFieldErrors(errors);
}

/**
 * Brings the rollups up to date with what has arrived (the worker does this every second; a reader does not
 * wait for it), so a need is in the next figures as soon as its transaction committed.
 */
export async function catchUp(db: Db): Promise<number> {
  let done = 0;
  for (let pass = 0; pass < 5; pass++) {
    const n = await refreshDirtySubjects(db);
    done += n;
    if (n === 0) break;
  }
  return done;
}

function query(filter: NeedsFilter, period: Period, groupBy: NeedsDimension[]): NeedsCountQuery {
  return {
    from: period.start,
    to: period.end,
    groupBy,
    municipalities: filter.municipalities,
    sniSections: filter.sniSections,
    sizeBands: filter.sizeBands,
  };
}

function countMap(result: NeedsCountResult, dimension: NeedsDimension): Map<string, number> {
  return new Map(result.rows.map((row) => [row.key[dimension]!, row.companies]));
}

const count = (n: number, suppressed: boolean): InsightValue => ({ kind: "count", count: n, suppressed });

/** The whole needs dashboard for a filter. */
export async function needsDashboard(
  db: Db,
  actor: Actor,
  filter: NeedsFilter,
  locale: Locale,
): Promise<NeedsDashboard> {
  assertCanViewInsights(actor);
  return needsTables(db, filter, locale);
}

/**
 * The public open-data summary: companies with needs per theme this year against last year, and per
 * municipality this year, for the whole network, suppressed as everywhere. No actor: it is published.
 */
export async function openDataTables(
  db: Db,
  locale: Locale,
  today: string,
): Promise<{ tables: InsightTable[]; period: Period }> {
  const period = periodContaining("year", today);
  const d = await needsTables(db, { period, municipalities: [], sniSections: [], sizeBands: [] }, locale);
  return { tables: [d.byTheme, d.byMunicipality, d.bySection], period };
}

async function needsTables(db: Db, filter: NeedsFilter, locale: Locale): Promise<NeedsDashboard> {
  await catchUp(db);
  const t = insightsMessages(locale);
  const labels = await loadLabels(db, locale);
  const previous = previousPeriod(filter.period);
  const grid = await themeGrid(db, filter, filter.period, labels);
  const before = await themeGrid(db, filter, previous, labels);
  const note = t("note.suppressed");

  const change = (now: number, then: number, hidden: boolean): InsightValue => {
    if (hidden) return { kind: "text", text: "–" };
    const d = now - then;
    return { kind: "text", text: d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "0" };
  };
  const byTheme: InsightTable = {
    id: "needs-by-theme",
    title: t("table.byTheme", { period: periodLabel(filter.period, locale) }),
    rowHeader: t("col.theme"),
    columns: [periodLabel(filter.period, locale), periodLabel(previous, locale), t("col.change")],
    rows: labels.themes.map((theme, c) => ({
      header: theme.label,
      values: [
        count(grid.themeTotals[c]!, grid.suppression.columnTotals[c]!),
        count(before.themeTotals[c]!, before.suppression.columnTotals[c]!),
        change(
          grid.themeTotals[c]!,
          before.themeTotals[c]!,
          grid.suppression.columnTotals[c]! || before.suppression.columnTotals[c]!,
        ),
      ],
    })),
    total: {
      header: t("row.anyTheme"),
      values: [
        count(grid.total, grid.suppression.grandTotal),
        count(before.total, before.suppression.grandTotal),
        change(grid.total, before.total, grid.suppression.grandTotal || before.suppression.grandTotal),
      ],
    },
    notes: [t("note.companies"), t("note.anyTheme"), note],
  };

  const byMunicipality: InsightTable = {
    id: "needs-by-municipality",
    title: t("table.byMunicipality", { period: periodLabel(filter.period, locale) }),
    rowHeader: t("col.municipality"),
    columns: [...labels.themes.map((theme) => theme.label), t("row.anyTheme")],
    rows: grid.municipalities.map((code, r) => ({
      header: labelOf(labels.municipalities, code, t("unknown.municipality")),
      values: [
        ...grid.cells[r]!.map((n, c) => count(n, grid.suppression.cells[r]![c]!)),
        count(grid.municipalityTotals[r]!, grid.suppression.rowTotals[r]!),
      ],
    })),
    total: {
      header: t("row.allMunicipalities"),
      values: [
        ...grid.themeTotals.map((n, c) => count(n, grid.suppression.columnTotals[c]!)),
        count(grid.total, grid.suppression.grandTotal),
      ],
    },
    notes: [t("note.companies"), t("note.municipality"), note],
  };

  return {
    filter,
    previous,
    labels,
    byTheme,
    byMunicipality,
    trend: await trendTable(db, filter, labels, locale),
    bySection: await lineTable(db, filter, labels, locale, "sniSection"),
    bySize: await lineTable(db, filter, labels, locale, "sizeBand"),
    pending: await countDirtySubjects(db),
  };
}

/** Municipalities × themes for one period, with distinct-company margins, suppressed as one table. */
async function themeGrid(db: Db, filter: NeedsFilter, period: Period, labels: InsightLabels) {
  const cells = await countCompaniesWithNeeds(db, query(filter, period, ["municipality", "theme"]));
  const perMunicipality = countMap(
    await countCompaniesWithNeeds(db, query(filter, period, ["municipality"])),
    "municipality",
  );
  const themeCodes = labels.themes.map((theme) => theme.code);
  const municipalities =
    filter.municipalities.length > 0
      ? [...filter.municipalities]
      : labels.municipalities.map((m) => m.code).filter((code) => perMunicipality.has(code));
  // Needs without a municipality count in a row of their own, so the totals still add up.
  if (filter.municipalities.length === 0 && perMunicipality.has("")) municipalities.push("");
  const byKey = new Map(cells.rows.map((row) => [`${row.key.municipality}|${row.key.theme}`, row.companies]));
  const matrix = municipalities.map((m) => themeCodes.map((theme) => byKey.get(`${m}|${theme}`) ?? 0));
  // Each company counts in one municipality per period, so a theme's total is its column's sum.
  const themeTotals = themeCodes.map((_, c) => matrix.reduce((a, row) => a + row[c]!, 0));
  const municipalityTotals = municipalities.map((m) => perMunicipality.get(m) ?? 0);
  const suppression = suppressTable(matrix, {
    rowTotals: municipalityTotals,
    columnTotals: themeTotals,
    grandTotal: cells.total,
  });
  return { municipalities, cells: matrix, themeTotals, municipalityTotals, total: cells.total, suppression };
}

/** Themes × the 12 months up to the period's end: each month's own distinct count. */
async function trendTable(
  db: Db,
  filter: NeedsFilter,
  labels: InsightLabels,
  locale: Locale,
): Promise<InsightTable> {
  const t = insightsMessages(locale);
  const months = monthsEndingAt(filter.period.end, 12);
  const span = { ...filter.period, start: months[0]!.start, end: months.at(-1)!.end };
  const cells = await countNeedsRows(db, query(filter, span, ["month", "theme"]));
  const perMonth = new Map(
    (await countNeedsRows(db, query(filter, span, ["month"]))).rows.map((row) => [
      row.key.month!,
      row.companies,
    ]),
  );
  const byKey = new Map(cells.rows.map((row) => [`${row.key.theme}|${row.key.month}`, row.companies]));
  const matrix = labels.themes.map((theme) => months.map((m) => byKey.get(`${theme.code}|${m.start}`) ?? 0));
  const monthTotals = months.map((m) => perMonth.get(m.start) ?? 0);
  const suppression = suppressTable(matrix, { columnTotals: monthTotals });
  return {
    id: "needs-trend",
    title: t("table.trend", {
      from: periodLabel(months[0]!, locale),
      to: periodLabel(months.at(-1)!, locale),
    }),
    rowHeader: t("col.theme"),
    columns: months.map((m) => periodLabel(m, locale)),
    rows: labels.themes.map((theme, r) => ({
      header: theme.label,
      values: matrix[r]!.map((n, c) => count(n, suppression.cells[r]![c]!)),
    })),
    total: {
      header: t("row.anyTheme"),
      values: monthTotals.map((n, c) => count(n, suppression.columnTotals[c]!)),
    },
    notes: [t("note.companies"), t("note.trend"), t("note.suppressed")],
  };
}

/** Companies with needs per SNI section or size band, with the period's total. */
async function lineTable(
  db: Db,
  filter: NeedsFilter,
  labels: InsightLabels,
  locale: Locale,
  dimension: "sniSection" | "sizeBand",
): Promise<InsightTable> {
  const t = insightsMessages(locale);
  const result = await countCompaniesWithNeeds(db, query(filter, filter.period, [dimension]));
  const counts = countMap(result, dimension);
  const list = dimension === "sniSection" ? labels.sniSections : labels.sizeBands;
  const chosen = dimension === "sniSection" ? filter.sniSections : filter.sizeBands;
  // The 21 SNI sections are listed only where companies have needs (zeros hide nothing and add 15 empty
  // rows); the size bands are few enough to show them all.
  const codes = list
    .map((entry) => entry.code)
    .filter((code) => chosen.length === 0 || chosen.includes(code))
    .filter((code) => dimension === "sizeBand" || chosen.length > 0 || counts.has(code));
  if (counts.has("")) codes.push("");
  const cells = codes.map((code) => counts.get(code) ?? 0);
  const suppression = suppressLine(cells, result.total);
  const unknown = dimension === "sniSection" ? t("unknown.sniSection") : t("unknown.sizeBand");
  return {
    id: dimension === "sniSection" ? "needs-by-industry" : "needs-by-size",
    title: t(dimension === "sniSection" ? "table.bySection" : "table.bySize", {
      period: periodLabel(filter.period, locale),
    }),
    rowHeader: t(dimension === "sniSection" ? "col.sniSection" : "col.sizeBand"),
    columns: [t("col.companies")],
    rows: codes.map((code, i) => ({
      header: labelOf(list, code, unknown),
      values: [count(cells[i]!, suppression.cells[i]!)],
    })),
    total: { header: t("row.allCompanies"), values: [count(result.total, suppression.total)] },
    notes: [t("note.companies"), t("note.suppressed")],
  };
}

/** One row of `GET /api/v1/insights/needs`: the dimensions asked for and the suppressed count. */
export type ApiNeedsRow = Partial<Record<NeedsDimension, string>> & ApiCount;

/**
 * The API's needs figures: rows for the (at most two) dimensions asked for, suppressed exactly as a page
 * would show them, and the distinct total (null when suppressed). Only non-zero rows are listed.
 */
export async function needsForApi(
  db: Db,
  actor: Actor,
  input: NeedsCountQuery,
): Promise<{ rows: ApiNeedsRow[]; total: number | null; totalSuppressed: boolean }> {
  assertCanViewInsights(actor);
  if (input.groupBy.length > 2)
    throw new AppError("VALIDATION_FAILED", "groupBy takes at most two dimensions.");
  if (input.from > input.to) throw new AppError("VALIDATION_FAILED", "from must not be after to.");
  await catchUp(db);
  const result = await countCompaniesWithNeeds(db, input);
  const [first, second] = input.groupBy;
  if (first === undefined) {
    const s = suppressLine([], result.total);
    return { rows: [], total: apiCount(result.total, s.total).count, totalSuppressed: s.total };
  }
  const valuesOf = (d: NeedsDimension) => [...new Set(result.rows.map((row) => row.key[d]!))].sort();
  if (second === undefined) {
    const keys = valuesOf(first);
    const cells = keys.map((k) => result.rows.find((row) => row.key[first] === k)!.companies);
    const s = suppressLine(cells, result.total);
    return {
      rows: keys.map((k, i) => ({ [first]: k, ...apiCount(cells[i]!, s.cells[i]!) })),
      total: apiCount(result.total, s.total).count,
      totalSuppressed: s.total,
    };
  }
  const rowsOf = valuesOf(first);
  const columnsOf = valuesOf(second);
  const byKey = new Map(result.rows.map((row) => [`${row.key[first]}|${row.key[second]}`, row.companies]));
  const matrix = rowsOf.map((r) => columnsOf.map((c) => byKey.get(`${r}|${c}`) ?? 0));
  const margin = async (d: NeedsDimension, keys: string[]) => {
    const totals = countMap(await countCompaniesWithNeeds(db, { ...input, groupBy: [d] }), d);
    return keys.map((k) => totals.get(k) ?? 0);
  };
  const s = suppressTable(matrix, {
    rowTotals: await margin(first, rowsOf),
    columnTotals: await margin(second, columnsOf),
    grandTotal: result.total,
  });
  const rows: ApiNeedsRow[] = [];
  rowsOf.forEach((r, i) => {
    columnsOf.forEach((c, j) => {
      const n = matrix[i]![j]!;
      if (n > 0) rows.push({ [first]: r, [second]: c, ...apiCount(n, s.cells[i]![j]!) });
    });
  });
  return { rows, total: apiCount(result.total, s.grandTotal).count, totalSuppressed: s.grandTotal };
}
