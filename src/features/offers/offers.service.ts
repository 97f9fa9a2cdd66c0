import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { OffersTable } from "#src/db/schema.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import * as repository from "./offers.repository.ts";
import { CreateOfferInput, type Offer, type OfferFilter } from "./offers.schemas.ts";

type ParsedOffer = ReturnType<typeof CreateOfferInput.parse>;

// node-postgres turns `date` columns into local-midnight Date objects; an offer's validity is a calendar
// date, so read it back in local time and hand out YYYY-MM-DD.
function toDateOnly(value: Date | string | null): string | null {
  if (value === null || typeof value === "string") return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

function toOffer(row: Selectable<OffersTable>): Offer {
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
    contactName: row.contact_name,
    contactTitle: row.contact_title,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    lastVerifiedAt: row.last_verified_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function parseInput(input: CreateOfferInput, index: number, batchSize: number): ParsedOffer {
  const parsed = CreateOfferInput.safeParse(input);
  if (!parsed.success) {
    const error = validationError(parsed.error);
    throw batchSize > 1 ? new AppError(error.code, `Offer ${index + 1}: ${error.message}`) : error;
  }
  return parsed.data;
}

/** The code lists an offer refers to, read once per batch. */
async function loadCodeLists(db: Db) {
  const [themes, formats, counties, municipalities, sizeBands, sni] = await Promise.all([
    reference.getNeedThemes(db),
    reference.getOfferFormats(db),
    reference.getCounties(db),
    reference.getMunicipalities(db),
    reference.getSizeBands(db),
    reference.getSniCodes(db),
  ]);
  const codes = (rows: { code: string }[]) => new Set(rows.map((r) => r.code));
  return {
    themes: codes(themes),
    formats: codes(formats),
    counties: codes(counties),
    municipalities: codes(municipalities),
    sizeBands: codes(sizeBands),
    sni: codes(sni.codes),
    sniVersion: sni.version,
  };
}
type CodeLists = Awaited<ReturnType<typeof loadCodeLists>>;

function checkCodes(offer: ParsedOffer, lists: CodeLists, prefix: string): void {
  const check = (field: string, values: string[], known: (code: string) => boolean, what: string) => {
    const unknown = values.find((v) => !known(v));
    if (unknown) throw new AppError("VALIDATION_FAILED", `${prefix}${field}: ${unknown} is not ${what}.`);
  };
  check("themes", offer.themes, (c) => lists.themes.has(c), "an active need theme");
  check("formats", offer.formats, (c) => lists.formats.has(c), "an offer format");
  check("eligibleCountyCodes", offer.eligibleCountyCodes, (c) => lists.counties.has(c), "a county code");
  check(
    "eligibleMunicipalityCodes",
    offer.eligibleMunicipalityCodes,
    (c) => lists.municipalities.has(c),
    "a municipality code",
  );
  check("sizeBands", offer.sizeBands, (c) => lists.sizeBands.has(c), "an SCB size band");
  // A section letter must exist as such; a numeric code must start with an existing division.
  const knownSni = (c: string) => lists.sni.has(/^[A-U]$/.test(c) ? c : c.slice(0, 2));
  check("sniInclude", offer.sniInclude, knownSni, `an ${lists.sniVersion} code`);
  check("sniExclude", offer.sniExclude, knownSni, `an ${lists.sniVersion} code`);
}

/**
 * Adds offers in one statement after validating every one: fields (zod), codes against the
 * reference lists (themes, formats, counties, municipalities, size bands, SNI), the organisation,
 * and free slugs. Nothing is written if any input fails. Throws VALIDATION_FAILED, NOT_FOUND or CONFLICT.
 */
export async function createOffers(db: Db, inputs: CreateOfferInput[]): Promise<Offer[]> {
  if (inputs.length === 0) return [];
  const parsed = inputs.map((input, i) => parseInput(input, i, inputs.length));
  const prefix = (i: number) => (inputs.length > 1 ? `Offer ${i + 1}: ` : "");

  const lists = await loadCodeLists(db);
  parsed.forEach((offer, i) => {
    checkCodes(offer, lists, prefix(i));
  });

  const organisationIds = new Set(
    await organisations.findExistingOrganisationIds(
      db,
      parsed.map((p) => p.organisationId),
    ),
  );
  const orphan = parsed.findIndex((p) => !organisationIds.has(p.organisationId));
  if (orphan >= 0) {
    throw new AppError(
      "NOT_FOUND",
      `${prefix(orphan)}no organisation has the id ${parsed[orphan]!.organisationId}.`,
    );
  }

  const slugs = parsed.map((p) => p.slug);
  const repeated = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
  if (repeated) throw new AppError("CONFLICT", `The offer slug ${repeated} is used twice.`);
  const taken = await repository.findTakenSlugs(db, slugs);
  if (taken.length > 0) throw new AppError("CONFLICT", `An offer with the slug ${taken[0]} already exists.`);

  const rows = await repository.insertOffers(
    db,
    parsed.map((p) => ({
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
      sni_version: lists.sniVersion,
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
      contact_name: p.contactName ?? null,
      contact_title: p.contactTitle ?? null,
      contact_email: p.contactEmail ?? null,
      contact_phone: p.contactPhone ?? null,
      last_verified_at: p.lastVerifiedAt ?? null,
    })),
  );
  return rows.map(toOffer);
}

/** Adds one offer; see `createOffers`. */
export async function createOffer(db: Db, input: CreateOfferInput): Promise<Offer> {
  const [created] = await createOffers(db, [input]);
  return created!;
}

/** Offers by name, optionally of one organisation or status. */
export async function listOffers(db: Db, filter: OfferFilter = {}): Promise<Offer[]> {
  return (await repository.listOffers(db, filter)).map(toOffer);
}

/** How many offers match the filter. */
export function countOffers(db: Db, filter: OfferFilter = {}): Promise<number> {
  return repository.countOffers(db, filter);
}
