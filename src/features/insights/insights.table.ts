/**
 * The presentation model of the needs-intelligence views (issue 8): one table of values that the page renders
 * as a chart plus a data table, and that the CSV and XLSX exports write. Queries and services build it after
 * small-cell protection (insights.suppression.ts) has decided which counts are hidden, so every view shows the
 * same cells hidden. Pure, no I/O.
 */
import { formatNumber, type Locale } from "#src/shared/i18n.ts";
import { COMPLEMENT_LABEL, isSmallCount, SUPPRESSED_LABEL } from "./insights.suppression.ts";

export type InsightValue =
  | { kind: "text"; text: string }
  | { kind: "count"; count: number; suppressed: boolean } // companies; suppressed => "< 3" (1 or 2) or ".." (a complement)
  | { kind: "percent"; value: number | null; suppressed: boolean } // 0..1; null = not applicable ("–")
  | { kind: "days"; value: number | null; suppressed: boolean }; // a duration in days, may be fractional
export interface InsightRow {
  header: string;
  values: InsightValue[];
}
export interface InsightTable {
  id: string; // stable slug, e.g. "needs-by-theme"; used for anchors and file names
  title: string; // already in the user's language
  columns: string[]; // header texts of the value columns (row header column label is `rowHeader`)
  rowHeader: string;
  rows: InsightRow[];
  total?: InsightRow; // optional total row shown last (a <tfoot>-like row)
  notes: string[]; // footnotes shown under the table and exported
}

/** The kinds of value that hold a number (everything but text). */
export type NumericKind = Exclude<InsightValue["kind"], "text">;

/** What every view shows for a value that does not apply (a share of nothing, a time never measured). */
export const NOT_APPLICABLE_LABEL = "–";

// Intl puts a no-break space between a number and "%" in sv-SE; the day unit gets the same so that
// "3,5 dagar" never wraps between the number and its unit in a narrow table cell.
const UNIT_SPACE = "\u00a0";

const DAY_UNITS: Record<Locale, { one: string; other: string }> = {
  sv: { one: "dag", other: "dagar" },
  en: { one: "day", other: "days" },
};

/**
 * The text a table cell, chart label or summary shows for a value. Numbers are Swedish-formatted in both
 * languages (the issue asks for it: "12 345", "3,5"); only the unit word follows the locale ("3,5 dagar",
 * "3,5 days"). Suppressed counts show "< 3" or ".." (see suppressedLabel); a suppressed share or time shows ".." (not
 * published: it is not itself a count, so "< 3" would say something untrue), so a hidden count cannot be read back from a
 * share or a duration computed from it; null shows "–". Percentages are whole ("42 %"), days one decimal.
 */
export function valueText(value: InsightValue, locale: Locale): string {
  switch (value.kind) {
    case "text":
      return value.text;
    case "count":
      return suppressedLabel(value) ?? formatNumber(value.count);
    case "percent":
      if (value.suppressed) return COMPLEMENT_LABEL;
      return value.value === null
        ? NOT_APPLICABLE_LABEL
        : formatNumber(value.value, { style: "percent", maximumFractionDigits: 0 });
    case "days": {
      if (value.suppressed) return COMPLEMENT_LABEL;
      if (value.value === null) return NOT_APPLICABLE_LABEL;
      const rounded = Math.round(value.value * 10) / 10;
      const unit = rounded === 1 ? DAY_UNITS[locale].one : DAY_UNITS[locale].other;
      return `${formatNumber(rounded, { maximumFractionDigits: 1 })}${UNIT_SPACE}${unit}`;
    }
  }
}

/**
 * The label of a suppressed count: "< 3" for 1 or 2 companies, ".." for a larger count hidden only so that
 * a small one cannot be worked out; undefined when the count is shown.
 */
export function suppressedLabel(value: { count: number; suppressed: boolean }): string | undefined {
  if (!value.suppressed) return undefined;
  return isSmallCount(value.count) ? SUPPRESSED_LABEL : COMPLEMENT_LABEL;
}

/**
 * The number a chart may draw for a value, or null when it must draw nothing: suppressed (the number must
 * not reach any view, not even as a bar length), not applicable, or text.
 */
export function numericValue(value: InsightValue): number | null {
  switch (value.kind) {
    case "text":
      return null;
    case "count":
      return value.suppressed ? null : value.count;
    case "percent":
    case "days":
      return value.suppressed ? null : value.value;
  }
}

/** Whether a value is a number of some kind (so it is right-aligned and may be charted). */
export function isNumericValue(value: InsightValue): value is Exclude<InsightValue, { kind: "text" }> {
  return value.kind !== "text";
}

/**
 * The kind of the numbers in a value column: the first non-text value's kind, or null for a column of text
 * only. Charts use it to format their axis, the data table to right-align the column.
 */
export function columnKind(table: InsightTable, column: number): NumericKind | null {
  for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
    const value = row.values[column];
    if (value && isNumericValue(value)) return value.kind;
  }
  return null;
}

/** Whether any value of the table (total row included) is suppressed, so views can explain "< 3" and "..". */
export function hasSuppressed(table: InsightTable): boolean {
  return [...table.rows, ...(table.total ? [table.total] : [])].some((row) =>
    row.values.some((value) => isNumericValue(value) && value.suppressed),
  );
}
