import Holidays from "date-holidays";
import { stockholmDate, stockholmInstant } from "./stockholm-time.ts";

export { stockholmDate, stockholmInstant };

// Working days in Sweden, for referral deadlines: Monday to Friday except public holidays (röda dagar) and
// the eves that are in practice days off (julafton, midsommarafton, nyårsafton — date-holidays' "bank"
// type for SE). Dates are counted in Europe/Stockholm; a deadline is the end of its day there.

const holidays = new Holidays("SE");
const daysOffByYear = new Map<number, Set<string>>();

function daysOff(year: number): Set<string> {
  let days = daysOffByYear.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === "public" || h.type === "bank")
        .map((h) => h.date.slice(0, 10)),
    );
    daysOffByYear.set(year, days);
  }
  return days;
}

/** Whether a calendar date (YYYY-MM-DD) is a working day in Sweden. */
export function isWorkingDay(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  if (day === 0 || day === 6) return false;
  return !daysOff(Number(date.slice(0, 4))).has(date);
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date `count` working days after (count > 0) or before (count < 0) `date`; 0 gives `date` itself. */
export function addWorkingDays(date: string, count: number): string {
  let current = date;
  let left = Math.abs(count);
  const step = count < 0 ? -1 : 1;
  while (left > 0) {
    current = shiftDate(current, step);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/**
 * A first-response deadline: the end (23:59:59 Stockholm) of the `days`-th working day after the day of
 * `sentAt`, and when to remind: the start (08:00) of the `reminderDays`-th working day before the deadline's
 * day — or, when that is not after `sentAt`, no earlier than sentAt (a reminder is then due at once).
 */
export function responseDeadline(
  sentAt: Date,
  days: number,
  reminderDays: number,
): { respondBy: Date; remindAt: Date } {
  const dueDate = addWorkingDays(stockholmDate(sentAt), days);
  const respondBy = stockholmInstant(dueDate, "23:59:59");
  const remindDate = reminderDays > 0 ? addWorkingDays(dueDate, -reminderDays) : dueDate;
  const remind = stockholmInstant(remindDate, "08:00:00");
  return { respondBy, remindAt: remind.getTime() > sentAt.getTime() ? remind : sentAt };
}
