import { createHash } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from "./hsds.schemas.ts";

// The taxonomies of Lots' HSDS profile (docs/hsds-profile.md) and the stable ids of everything HSDS wants an
// id for. Lots stores no ids for attributes, service areas, contacts' phones or taxonomy terms, so they are
// name-based UUIDs (version 5) of what they stand for: the same offer exports the same ids every time, which
// keeps exports comparable and lets a partner's system update instead of duplicating.

/** The namespace of Lots' name-based ids (a random UUID, fixed forever). */
const NAMESPACE = "4f7c1d2e-8a3b-4c5d-9e6f-0a1b2c3d4e5f";

/** A version-5 (SHA-1, name-based) UUID of `name` in Lots' namespace. */
export function stableId(name: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(NAMESPACE.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const TAXONOMY_NAMES = [
  "lots-need-themes",
  "lots-offer-formats",
  "sni2007",
  "scb-size-bands",
  "lots-fields",
] as const;
export type TaxonomyName = (typeof TAXONOMY_NAMES)[number];

const TAXONOMY_DESCRIPTIONS: Record<TaxonomyName, string> = {
  "lots-need-themes":
    "Lots need themes: what a company needs help with (financing, recruitment, export …). Stable codes.",
  "lots-offer-formats":
    "Lots offer formats: the kind of support (loan, grant, advice, course, thesis/ex-jobb …). Stable codes.",
  sni2007:
    "SNI 2007, the Swedish Standard Industrial Classification (= NACE Rev. 2): section letters and two-digit divisions.",
  "scb-size-bands": "Statistics Sweden's (SCB) size bands by number of employees.",
  "lots-fields":
    "Lots fields without a place in HSDS 3.0: the attribute's `value` holds the field's value (see the profile).",
};

const TAXONOMY_URIS: Partial<Record<TaxonomyName, string>> = {
  sni2007: "https://www.scb.se/sni",
  "scb-size-bands": "https://www.scb.se/",
};

/** The HSDS taxonomy object of one of the profile's taxonomies. */
export function taxonomy(name: TaxonomyName): HsdsTaxonomy {
  const uri = TAXONOMY_URIS[name];
  return {
    id: stableId(`taxonomy:${name}`),
    name,
    description: TAXONOMY_DESCRIPTIONS[name],
    ...(uri ? { uri } : {}),
  };
}

/** Which profile taxonomy an id or a name refers to, if any. */
export function taxonomyNamed(nameOrId: string | undefined): TaxonomyName | undefined {
  if (!nameOrId) return undefined;
  return TAXONOMY_NAMES.find((name) => name === nameOrId || taxonomy(name).id === nameOrId);
}

/**
 * The fields Lots carries in `lots-fields` attributes: term code → what the value is. `link_type` is the
 * attribute's link type on export; import does not insist on it except for the eligibility ones.
 */
export const LOTS_FIELDS = {
  summary: { sv: "Sammanfattning", en: "One-sentence summary (Swedish)", linkType: "detail" },
  name_en: { sv: "Namn på engelska", en: "Name in English", linkType: "detail" },
  summary_en: { sv: "Sammanfattning på engelska", en: "Summary in English", linkType: "detail" },
  description_en: { sv: "Beskrivning på engelska", en: "Description in English", linkType: "detail" },
  min_company_age_years: {
    sv: "Lägsta företagsålder (år)",
    en: "Minimum age of the company in whole years",
    linkType: "eligibility",
  },
  max_company_age_years: {
    sv: "Högsta företagsålder (år)",
    en: "Maximum age of the company in whole years",
    linkType: "eligibility",
  },
  capacity_total: { sv: "Antal platser", en: "Capacity: places in total", linkType: "capacity" },
  capacity_remaining: { sv: "Lediga platser", en: "Capacity: places left", linkType: "capacity" },
  capacity_note: { sv: "Om kapaciteten", en: "Capacity: note (e.g. this term)", linkType: "capacity" },
  valid_from: { sv: "Gäller från", en: "Valid from (YYYY-MM-DD)", linkType: "validity" },
  valid_to: { sv: "Gäller till", en: "Valid to (YYYY-MM-DD)", linkType: "validity" },
  last_verified_by: { sv: "Senast kontrollerad av", en: "Last verified by (a name)", linkType: "assurance" },
  organisation_type: {
    sv: "Typ av organisation",
    en: "Organisation type: municipality, region, science-park, business-finance, university, incubator, other",
    linkType: "detail",
  },
  serves_municipality: {
    sv: "Verkar i kommun",
    en: "A municipality the organisation serves (SCB code)",
    linkType: "area_served",
  },
} as const;
export type LotsField = keyof typeof LOTS_FIELDS;

export function isLotsField(code: string): code is LotsField {
  return Object.hasOwn(LOTS_FIELDS, code);
}

/** A term of a profile taxonomy, with its taxonomy embedded. */
export function term(
  taxonomyName: TaxonomyName,
  code: string,
  name: string,
  description: string,
  parentCode?: string | null,
): HsdsTaxonomyTerm {
  const tax = taxonomy(taxonomyName);
  return {
    id: stableId(`term:${taxonomyName}:${code}`),
    code,
    name,
    description,
    ...(parentCode ? { parent_id: stableId(`term:${taxonomyName}:${parentCode}`) } : {}),
    taxonomy_id: tax.id,
    taxonomy: tax,
    language: "sv",
  };
}

/** The code lists an HSDS document is checked against and exported with, read once. */
export type CodeLists = Awaited<ReturnType<typeof loadCodeLists>>;

/** Reads the reference lists: themes, formats, SNI, size bands, counties and municipalities. */
export async function loadCodeLists(db: Db) {
  const [themes, formats, sni, sizeBands, counties, municipalities] = await Promise.all([
    reference.getNeedThemes(db),
    reference.getOfferFormats(db),
    reference.getSniCodes(db),
    reference.getSizeBands(db),
    reference.getCounties(db),
    reference.getMunicipalities(db),
  ]);
  return {
    themes: new Map(themes.map((t) => [t.code, t])),
    formats: new Map(formats.map((f) => [f.code, f])),
    sni: new Map(sni.codes.map((s) => [s.code, s])),
    sniVersion: sni.version,
    sizeBands: new Map(sizeBands.map((s) => [s.code, s])),
    counties: new Map(counties.map((c) => [c.code, c])),
    municipalities: new Map(municipalities.map((m) => [m.code, m])),
  };
}

/** Every term of every profile taxonomy, taxonomy by taxonomy in the order of TAXONOMY_NAMES. */
export function allTerms(lists: CodeLists): HsdsTaxonomyTerm[] {
  return [
    ...[...lists.themes.values()].map((t) => term("lots-need-themes", t.code, t.label_sv, t.label_en)),
    ...[...lists.formats.values()].map((f) => term("lots-offer-formats", f.code, f.label_sv, f.label_en)),
    ...[...lists.sni.values()].map((s) =>
      term("sni2007", s.code, s.name_sv, s.name_en ?? s.name_sv, s.parent_code),
    ),
    ...[...lists.sizeBands.values()].map((s) => term("scb-size-bands", s.code, s.label_sv, s.label_en)),
    ...(Object.keys(LOTS_FIELDS) as LotsField[]).map((code) =>
      term("lots-fields", code, LOTS_FIELDS[code].sv, LOTS_FIELDS[code].en),
    ),
  ];
}

/** The term of a code in a taxonomy, named from the code lists (falls back to the code itself). */
export function termFor(lists: CodeLists, taxonomyName: TaxonomyName, code: string): HsdsTaxonomyTerm {
  switch (taxonomyName) {
    case "lots-need-themes": {
      const t = lists.themes.get(code);
      return term(taxonomyName, code, t?.label_sv ?? code, t?.label_en ?? code);
    }
    case "lots-offer-formats": {
      const f = lists.formats.get(code);
      return term(taxonomyName, code, f?.label_sv ?? code, f?.label_en ?? code);
    }
    case "sni2007": {
      const s = lists.sni.get(code);
      return term(taxonomyName, code, s?.name_sv ?? code, s?.name_en ?? s?.name_sv ?? code, s?.parent_code);
    }
    case "scb-size-bands": {
      const s = lists.sizeBands.get(code);
      return term(taxonomyName, code, s?.label_sv ?? code, s?.label_en ?? code);
    }
    case "lots-fields": {
      const f = isLotsField(code) ? LOTS_FIELDS[code] : undefined;
      return term(taxonomyName, code, f?.sv ?? code, f?.en ?? code);
    }
  }
}
