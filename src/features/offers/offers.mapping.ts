import type { ContactRow, HistoryRow, NewOfferRow, OfferRow } from "./offers.repository.ts";
import type { Offer, OfferContact, OfferHistoryEntry } from "./offers.schemas.ts";
import type { ParsedOffer } from "./offers.validation.ts";

// Between rows and the shapes services hand out, and the field-level differences history records.

/** An offer not verified for this many days is flagged to its organisation. */
export const VERIFICATION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether an offer last verified at `lastVerifiedAt` (or never) is overdue for verification at `now`. */
export function isVerificationOverdue(lastVerifiedAt: Date | null, now: Date = new Date()): boolean {
  if (!lastVerifiedAt) return true;
  return now.getTime() - lastVerifiedAt.getTime() > VERIFICATION_DAYS * DAY_MS;
}

// The pg driver hands `date` columns out as "YYYY-MM-DD" (src/db/client.ts); a Date would be local midnight.
function toDateOnly(value: Date | string | null): string | null {
  if (value === null || typeof value === "string") return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

/** A contact row as offers hand it out. */
export function toContact(row: Pick<ContactRow, "name" | "title" | "email" | "phone">): OfferContact {
  return { name: row.name, title: row.title, email: row.email, phone: row.phone };
}

/** An offer row with its contacts (in order) as services hand it out. */
export function toOffer(row: OfferRow, contacts: OfferContact[], now: Date = new Date()): Offer {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    slug: row.slug,
    name: row.name,
    nameEn: row.name_en,
    summary: row.summary,
    summaryEn: row.summary_en,
    description: row.description,
    descriptionEn: row.description_en,
    formats: row.formats,
    themes: row.themes,
    eligibleCountyCodes: row.eligible_county_codes,
    eligibleMunicipalityCodes: row.eligible_municipality_codes,
    sniVersion: row.sni_version,
    sniInclude: row.sni_include,
    sniExclude: row.sni_exclude,
    sizeBands: row.size_bands,
    minCompanyAgeYears: row.min_company_age_years,
    maxCompanyAgeYears: row.max_company_age_years,
    conditions: row.conditions,
    costType: row.cost_type,
    costDescription: row.cost_description,
    amountMinSek: row.amount_min_sek,
    amountMaxSek: row.amount_max_sek,
    capacityTotal: row.capacity_total,
    capacityRemaining: row.capacity_remaining,
    capacityNote: row.capacity_note,
    validFrom: toDateOnly(row.valid_from as Date | string | null),
    validTo: toDateOnly(row.valid_to as Date | string | null),
    status: row.status,
    applicationProcess: row.application_process,
    link: row.link,
    contacts,
    lastVerifiedAt: row.last_verified_at,
    lastVerifiedBy: row.last_verified_by,
    verificationOverdue: isVerificationOverdue(row.last_verified_at, now),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of a parsed offer (the id is added by the caller when it is given). */
export function toRow(p: ParsedOffer, sniVersion: string): NewOfferRow {
  return {
    organisation_id: p.organisationId,
    slug: p.slug,
    name: p.name,
    name_en: p.nameEn ?? null,
    summary: p.summary,
    summary_en: p.summaryEn ?? null,
    description: p.description,
    description_en: p.descriptionEn ?? null,
    formats: p.formats,
    themes: p.themes,
    eligible_county_codes: p.eligibleCountyCodes,
    eligible_municipality_codes: p.eligibleMunicipalityCodes,
    sni_version: sniVersion,
    sni_include: p.sniInclude,
    sni_exclude: p.sniExclude,
    size_bands: p.sizeBands,
    min_company_age_years: p.minCompanyAgeYears ?? null,
    max_company_age_years: p.maxCompanyAgeYears ?? null,
    conditions: p.conditions,
    cost_type: p.costType,
    cost_description: p.costDescription,
    amount_min_sek: p.amountMinSek ?? null,
    amount_max_sek: p.amountMaxSek ?? null,
    capacity_total: p.capacityTotal ?? null,
    capacity_remaining: p.capacityRemaining ?? null,
    capacity_note: p.capacityNote,
    valid_from: p.validFrom ?? null,
    valid_to: p.validTo ?? null,
    status: p.status,
    application_process: p.applicationProcess,
    link: p.link ?? null,
    last_verified_at: p.lastVerifiedAt ?? null,
    last_verified_by: p.lastVerifiedBy ?? null,
  };
}

/** A parsed offer's contacts with the nulls spelt out. */
export function contactsOfParsed(p: ParsedOffer): OfferContact[] {
  return p.contacts.map((c) => ({
    name: c.name,
    title: c.title ?? null,
    email: c.email ?? null,
    phone: c.phone ?? null,
  }));
}

/** The input an existing offer would be created from: the base a change is merged onto. */
export function inputOf(offer: Offer): Record<string, unknown> {
  const { id, sniVersion, verificationOverdue, createdAt, updatedAt, ...rest } = offer;
  return rest;
}

/** Fields history tracks, with the values compared as JSON. Timestamps of the row itself are left out. */
const UNTRACKED = new Set(["id", "createdAt", "updatedAt", "verificationOverdue", "sniVersion"]);

function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

function isEmpty(value: unknown): boolean {
  return value == null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** The fields that differ between two versions of an offer, each as {from, to} (undefined `before`: created). */
export function changesBetween(
  before: Offer | undefined,
  after: Offer,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (UNTRACKED.has(field)) continue;
    const to = comparable(value);
    const from = before ? comparable(before[field as keyof Offer]) : null;
    if (!before && isEmpty(to)) continue;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** A history row as services hand it out. */
export function toHistoryEntry(row: HistoryRow): OfferHistoryEntry {
  return {
    id: row.id,
    offerId: row.offer_id,
    organisationId: row.organisation_id,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    changes: row.changes,
  };
}
