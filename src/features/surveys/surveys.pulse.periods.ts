// The periods of a recurring campaign (a pulse): how long each is, what the next one is called. Pure.

export const RECURRING_PERIODS = ["monthly", "quarterly", "half-yearly", "yearly"] as const;
export type RecurringPeriod = (typeof RECURRING_PERIODS)[number];

const MONTHS: Record<RecurringPeriod, number> = { monthly: 1, quarterly: 3, "half-yearly": 6, yearly: 12 };
const DAY_MS = 86_400_000;

/** `at` plus whole calendar months (UTC): a period that starts at midnight UTC ends at midnight UTC. */
export function addMonths(at: Date, months: number): Date {
  const result = new Date(at);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

/** The end of a period that starts at `start`. */
export function periodEnd(start: Date, period: RecurringPeriod): Date {
  return addMonths(start, MONTHS[period]);
}

// Slug suffixes the periods get: pulsen-2027-01, pulsen-2027-q1, pulsen-2027-h1, pulsen-2027.
const PERIOD_SUFFIX = /-\d{4}(-(q[1-4]|h[12]|0[1-9]|1[0-2]))?$/;
const NAME_SUFFIX = /\s+\d{4}(\s.*)?$|\s+\p{L}+\s+\d{4}$/u;

/**
 * The Stockholm year and month a period starts in, read 12 hours after its start so a start at midnight
 * UTC or at midnight Stockholm time (either offset) lands in the same month.
 */
function firstMonth(start: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
  }).formatToParts(new Date(start.getTime() + DAY_MS / 2));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: value("year"), month: value("month") };
}

/** The slug and Swedish name of the period starting at `start`, from the earlier period's (`pulsen-2026-q4`). */
export function nextPeriodNames(
  previous: { slug: string; name: string },
  period: RecurringPeriod,
  start: Date,
): { slug: string; name: string } {
  const first = firstMonth(start);
  const { year, month } = first;
  const slugBase = previous.slug.replace(PERIOD_SUFFIX, "");
  const nameBase = previous.name.replace(NAME_SUFFIX, "").trim() || previous.name;
  switch (period) {
    case "monthly": {
      const mm = String(month).padStart(2, "0");
      const monthName = new Intl.DateTimeFormat("sv-SE", { month: "long", timeZone: "UTC" }).format(
        new Date(Date.UTC(year, month - 1, 15)),
      );
      return { slug: `${slugBase}-${year}-${mm}`, name: `${nameBase} ${monthName} ${year}` };
    }
    case "quarterly": {
      const q = Math.floor((month - 1) / 3) + 1;
      return { slug: `${slugBase}-${year}-q${q}`, name: `${nameBase} ${year} kvartal ${q}` };
    }
    case "half-yearly": {
      const h = month <= 6 ? 1 : 2;
      return { slug: `${slugBase}-${year}-h${h}`, name: `${nameBase} ${year} halvår ${h}` };
    }
    case "yearly":
      return { slug: `${slugBase}-${year}`, name: `${nameBase} ${year}` };
  }
}
