/** Languages of the interface: Swedish first, English complete. */
export const LOCALES = ["sv", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "sv";
export const LOCALE_COOKIE = "lots_lang";

/** Whether a string names a supported locale. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the Swedish or English text of a bilingual pair, falling back to Swedish when English is missing. */
export function pick(locale: Locale, sv: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : sv;
}

const collators: Record<Locale, Intl.Collator> = {
  sv: new Intl.Collator("sv-SE"),
  en: new Intl.Collator("sv-SE"),
};

/** Sorts by Swedish rules (å, ä, ö after z) whatever the interface language, since the names are Swedish. */
export function compareSwedish(a: string, b: string): number {
  return collators.sv.compare(a, b);
}

/** Formats a number the Swedish way (space as thousands separator, comma as decimal sign). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat("sv-SE", options).format(value);
}

/** Formats a date the Swedish way (2026-11-28) in Stockholm time. */
export function formatDate(value: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short" }).format(value);
}
