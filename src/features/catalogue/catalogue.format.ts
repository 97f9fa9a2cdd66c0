import { formatNumber } from "#src/shared/i18n.ts";
import type { CatalogueTranslate } from "./catalogue.messages.ts";

// Plain-language wording of an offer's facts: amounts, eligibility, capacity, dates, phone links.
// Pure functions, so the wording is tested without a database.

/** An amount in kronor with Swedish digit grouping: "50 000 kr" ("SEK 50 000" in English). */
export function formatSek(t: CatalogueTranslate, amount: number): string {
  return t("amount.currency", { amount: formatNumber(amount, { maximumFractionDigits: 0 }) });
}

/** "50 000 kr – 5 000 000 kr", "från 50 000 kr", "upp till 100 000 kr", or null when no amount is known. */
export function amountText(t: CatalogueTranslate, min: number | null, max: number | null): string | null {
  if (min != null && max != null) {
    return min === max
      ? formatSek(t, min)
      : t("amount.range", { min: formatSek(t, min), max: formatSek(t, max) });
  }
  if (min != null) return t("amount.from", { min: formatSek(t, min) });
  if (max != null) return t("amount.upTo", { max: formatSek(t, max) });
  return null;
}

export type SizeBandInfo = { code: string; min: number; max: number | null; label: string };

/**
 * The size bands an offer is open to, in words: one range when the bands are contiguous ("Företag med
 * 1–49 anställda"), otherwise the bands' own labels.
 */
export function sizeText(
  t: CatalogueTranslate,
  codes: readonly string[],
  bands: readonly SizeBandInfo[],
): string {
  if (codes.length === 0) return t("elig.size.all");
  const chosen = bands.filter((band) => codes.includes(band.code)).sort((a, b) => a.min - b.min);
  if (chosen.length !== codes.length) return t("elig.size.list", { list: codes.join(", ") });
  const contiguous = chosen.every((band, i) => i === 0 || chosen[i - 1]?.max === band.min - 1);
  const first = chosen[0];
  const last = chosen[chosen.length - 1];
  if (!contiguous || !first || !last)
    return t("elig.size.list", { list: chosen.map((b) => b.label).join(", ") });
  if (last.max === 0) return t("elig.size.none");
  if (last.max === null) return t("elig.size.from", { min: formatNumber(first.min) });
  return t("elig.size.range", { min: formatNumber(first.min), max: formatNumber(last.max) });
}

/** The company-age condition in words. */
export function ageText(t: CatalogueTranslate, min: number | null, max: number | null): string {
  if (min != null && max != null) return t("elig.age.between", { min, max });
  if (min != null) return t("elig.age.min", { min });
  if (max != null) return t("elig.age.max", { max });
  return t("elig.age.any");
}

/** Places left, for the result list; null when the offer has no limit. */
export function capacityLeftText(t: CatalogueTranslate, remaining: number | null): string | null {
  if (remaining == null) return null;
  if (remaining === 0) return t("capacity.none");
  if (remaining === 1) return t("capacity.one");
  return t("capacity.many", { count: formatNumber(remaining) });
}

/** The capacity line of the offer page. */
export function capacityText(t: CatalogueTranslate, total: number | null, remaining: number | null): string {
  if (total != null && remaining != null) {
    return t("capacity.of", { remaining: formatNumber(remaining), total: formatNumber(total) });
  }
  return capacityLeftText(t, remaining) ?? t("capacity.unlimited");
}

/** Validity in words; dates are ISO dates (2026-11-28), which is also the Swedish way to write them. */
export function validityText(t: CatalogueTranslate, from: string | null, to: string | null): string {
  if (from && to) return t("validity.range", { from, to });
  if (from) return t("validity.from", { from });
  if (to) return t("validity.to", { to });
  return t("validity.always");
}

/**
 * A tel: link for a Swedish phone number as people write it ("070-174 06 40" → "tel:+46701740640"),
 * so a phone dials it from anywhere; null when the text holds no number.
 */
export function telHref(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^0-9]/g, "");
  if (digits.length < 5) return null;
  if (trimmed.startsWith("+")) return `tel:+${digits}`;
  if (trimmed.startsWith("00")) return `tel:+${digits.slice(2)}`;
  if (digits.startsWith("0")) return `tel:+46${digits.slice(1)}`;
  return `tel:${digits}`;
}

/** A text as paragraphs: blank lines separate them. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
