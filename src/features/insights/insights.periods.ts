/**
 * Calendar periods of the dashboards (Stockholm dates): "2026" (a year), "2026-K3" (a quarter; "Q3" is
 * accepted too) and "2026-09" (a month). Pure.
 */
import type { InsightsPeriodKind } from "#src/db/schema.ts";
import type { Locale } from "#src/shared/i18n.ts";

export interface Period {
  kind: InsightsPeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day, YYYY-MM-DD. */
  end: string;
  /** The period as written in a link: "2026", "2026-K3", "2026-09". */
  code: string;
}

const MONTHS_SV = [
  "jan.",
  "feb.",
  "mars",
  "apr.",
  "maj",
  "juni",
  "juli",
  "aug.",
  "sep.",
  "okt.",
  "nov.",
  "dec.",
];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function lastDayOf(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The period of `kind` that starts in year `year` at month index `month0` (0-11, aligned to the kind). */
function periodAt(kind: InsightsPeriodKind, year: number, month0: number): Period {
  const months = kind === "year" ? 12 : kind === "quarter" ? 3 : 1;
  const start = `${year}-${pad(month0 + 1)}-01`;
  const end = lastDayOf(year, month0 + months);
  const code =
    kind === "year"
      ? `${year}`
      : kind === "quarter"
        ? `${year}-K${month0 / 3 + 1}`
        : `${year}-${pad(month0 + 1)}`;
  return { kind, start, end, code };
}

/** Reads "2026", "2026-K3"/"2026-Q3" or "2026-09"; undefined when it is none of them. */
export function parsePeriod(text: string): Period | undefined {
  const value = text.trim().toUpperCase();
  let match = /^(\d{4})$/.exec(value);
  if (match) return periodAt("year", Number(match[1]), 0);
  match = /^(\d{4})-[KQ]([1-4])$/.exec(value);
  if (match) return periodAt("quarter", Number(match[1]), (Number(match[2]) - 1) * 3);
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  if (match) return periodAt("month", Number(match[1]), Number(match[2]) - 1);
  return undefined;
}

/** The period of `kind` that holds the Stockholm date `today` (YYYY-MM-DD). */
export function periodContaining(kind: InsightsPeriodKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month0 = Number(today.slice(5, 7)) - 1;
  const aligned = kind === "year" ? 0 : kind === "quarter" ? month0 - (month0 % 3) : month0;
  return periodAt(kind, year, aligned);
}

/** The period of the same kind just before. */
export function previousPeriod(period: Period): Period {
  const months = period.kind === "year" ? 12 : period.kind === "quarter" ? 3 : 1;
  const index = Number(period.start.slice(0, 4)) * 12 + Number(period.start.slice(5, 7)) - 1 - months;
  return periodAt(period.kind, Math.floor(index / 12), index % 12);
}

/** The `count` months ending with the month that holds `end` (YYYY-MM-DD), oldest first. */
export function monthsEndingAt(end: string, count: number): Period[] {
  const last = Number(end.slice(0, 4)) * 12 + Number(end.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const index = last - count + 1 + i;
    return periodAt("month", Math.floor(index / 12), index % 12);
  });
}

/** "2026", "kvartal 3 2026" / "Q3 2026", "sep. 2026" / "Sep 2026". */
export function periodLabel(period: Period, locale: Locale): string {
  const year = period.start.slice(0, 4);
  const month0 = Number(period.start.slice(5, 7)) - 1;
  if (period.kind === "year") return year;
  if (period.kind === "quarter") {
    const q = month0 / 3 + 1;
    return locale === "sv" ? `kvartal ${q} ${year}` : `Q${q} ${year}`;
  }
  return `${(locale === "sv" ? MONTHS_SV : MONTHS_EN)[month0]} ${year}`;
}
