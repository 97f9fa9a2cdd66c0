// Swedish wall-clock time: the calendar date of an instant in Europe/Stockholm, the instant a Stockholm
// date and time names (summer and winter time both), and the datetime-local form fields that carry them.
// One place for it, so deadlines, audit-log days and contact times agree.

const ZONE = "Europe/Stockholm";

/** The calendar date (YYYY-MM-DD) of an instant in Stockholm. */
export function stockholmDate(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .format(at)
    .slice(0, 10);
}

/** Stockholm's offset from UTC in minutes at an instant (60 in winter, 120 in summer). */
function offsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: ZONE,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a Stockholm wall-clock time happens (e.g. "2026-12-04", "23:59:59"). */
export function stockholmInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}Z`);
  const first = new Date(guess.getTime() - offsetMinutes(guess) * 60_000);
  // Near a DST change the offset at the result can differ from the guess's; one correction settles it.
  return new Date(guess.getTime() - offsetMinutes(first) * 60_000);
}

/**
 * The instant a datetime-local value (`2026-11-29T14:02`, Stockholm wall-clock time) names: undefined when
 * empty, "invalid" when it is not a real date and time.
 */
export function parseStockholmLocal(value: string): Date | undefined | "invalid" {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (!match) return "invalid";
  const [, date, hours, minutes, seconds] = match;
  const midnight = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight.getTime()) || !midnight.toISOString().startsWith(date!)) return "invalid";
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return "invalid";
  return stockholmInstant(date!, `${hours}:${minutes}:${seconds ?? "00"}`);
}

/** An instant as a datetime-local value in Stockholm time (`2026-11-29T14:02`). */
export function formatStockholmLocal(at: Date): string {
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}
