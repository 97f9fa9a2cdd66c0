import type { Offer } from "#src/features/offers/offers.schemas.ts";
import type { Organisation } from "#src/features/organisations/organisations.schemas.ts";
import type {
  HsdsAttribute,
  HsdsCostOption,
  HsdsOrganization,
  HsdsOrganizationSummary,
  HsdsService,
  HsdsServiceSummary,
} from "./hsds.schemas.ts";
import {
  type CodeLists,
  LOTS_FIELDS,
  type LotsField,
  stableId,
  type TaxonomyName,
  termFor,
} from "./hsds.taxonomies.ts";

// Lots → HSDS 3.0, as docs/hsds-profile.md describes. Pure functions of the records and the code lists, so
// the same data always gives the same document.

/** Lots' offer status as an HSDS service status (a paused offer is "temporarily closed"). */
export const STATUS_TO_HSDS = {
  active: "active",
  paused: "temporarily closed",
  closed: "inactive",
} as const satisfies Record<Offer["status"], HsdsServiceSummary["status"]>;

/** The calendar date (UTC) of a timestamp, as YYYY-MM-DD. */
function dateOf(value: Date): string {
  return value.toISOString().slice(0, 10);
}

function attribute(
  lists: CodeLists,
  owner: { id: string; entity: "service" | "organization" },
  taxonomyName: TaxonomyName,
  code: string,
  linkType: string,
  value?: string,
): HsdsAttribute {
  const taxonomyTerm = termFor(lists, taxonomyName, code);
  const key = value === undefined ? code : `${code}=${value}`;
  return {
    id: stableId(`attribute:${owner.id}:${taxonomyName}:${key}`),
    link_id: owner.id,
    link_type: linkType,
    link_entity: owner.entity,
    taxonomy_term_id: taxonomyTerm.id,
    ...(value === undefined ? {} : { value }),
    taxonomy_term: taxonomyTerm,
  };
}

function field(
  lists: CodeLists,
  owner: { id: string; entity: "service" | "organization" },
  code: LotsField,
  value: string | number | null | undefined,
): HsdsAttribute[] {
  if (value === null || value === undefined || value === "") return [];
  return [attribute(lists, owner, "lots-fields", code, LOTS_FIELDS[code].linkType, String(value))];
}

/** A service's one-to-one fields: what the HSDS list endpoints show. */
export function toHsdsServiceSummary(offer: Offer): HsdsServiceSummary {
  return {
    id: offer.id,
    organization_id: offer.organisationId,
    name: offer.name,
    description: offer.description,
    ...(offer.link ? { url: offer.link } : {}),
    status: STATUS_TO_HSDS[offer.status],
    ...(offer.applicationProcess ? { application_process: offer.applicationProcess } : {}),
    ...(offer.costDescription ? { fees_description: offer.costDescription } : {}),
    ...(offer.conditions ? { eligibility_description: offer.conditions } : {}),
    ...(offer.lastVerifiedAt ? { assured_date: dateOf(offer.lastVerifiedAt) } : {}),
  };
}

function costOptions(offer: Offer): HsdsCostOption[] {
  const base = { service_id: offer.id, option: offer.costType };
  const amounts = [
    ["minimum", offer.amountMinSek],
    ["maximum", offer.amountMaxSek],
  ] as const;
  const given = amounts.filter(([, amount]) => amount !== null);
  if (given.length === 0) return [{ id: stableId(`cost:${offer.id}`), ...base }];
  return given.map(([description, amount]) => ({
    id: stableId(`cost:${offer.id}:${description}`),
    ...base,
    currency: "SEK",
    amount: amount!,
    amount_description: description,
  }));
}

/** An offer as a fully nested HSDS service. */
export function toHsdsService(offer: Offer, lists: CodeLists): HsdsService {
  const owner = { id: offer.id, entity: "service" as const };
  const attributes: HsdsAttribute[] = [
    ...offer.themes.map((code) => attribute(lists, owner, "lots-need-themes", code, "need_theme")),
    ...offer.formats.map((code) => attribute(lists, owner, "lots-offer-formats", code, "format")),
    ...offer.sniInclude.map((code) => attribute(lists, owner, "sni2007", code, "eligibility")),
    ...offer.sniExclude.map((code) => attribute(lists, owner, "sni2007", code, "eligibility", "exclude")),
    ...offer.sizeBands.map((code) => attribute(lists, owner, "scb-size-bands", code, "eligibility")),
    ...field(lists, owner, "summary", offer.summary),
    ...field(lists, owner, "name_en", offer.nameEn),
    ...field(lists, owner, "summary_en", offer.summaryEn),
    ...field(lists, owner, "description_en", offer.descriptionEn),
    ...field(lists, owner, "min_company_age_years", offer.minCompanyAgeYears),
    ...field(lists, owner, "max_company_age_years", offer.maxCompanyAgeYears),
    ...field(lists, owner, "capacity_total", offer.capacityTotal),
    ...field(lists, owner, "capacity_remaining", offer.capacityRemaining),
    ...field(lists, owner, "capacity_note", offer.capacityNote),
    ...field(lists, owner, "valid_from", offer.validFrom),
    ...field(lists, owner, "valid_to", offer.validTo),
    ...field(lists, owner, "last_verified_by", offer.lastVerifiedBy),
  ];
  return {
    ...toHsdsServiceSummary(offer),
    contacts: offer.contacts.map((contact, index) => {
      const contactId = stableId(`contact:${offer.id}:${index}`);
      return {
        id: contactId,
        service_id: offer.id,
        name: contact.name,
        ...(contact.title ? { title: contact.title } : {}),
        ...(contact.email ? { email: contact.email } : {}),
        phones: contact.phone ? [{ id: stableId(`phone:${contactId}`), number: contact.phone }] : [],
      };
    }),
    service_areas: [
      ...offer.eligibleCountyCodes.map((code) => ({
        id: stableId(`area:${offer.id}:lan:${code}`),
        service_id: offer.id,
        name: lists.counties.get(code)?.name ?? code,
        uri: `urn:scb:lan:${code}`,
      })),
      ...offer.eligibleMunicipalityCodes.map((code) => ({
        id: stableId(`area:${offer.id}:kommun:${code}`),
        service_id: offer.id,
        name: lists.municipalities.get(code)?.name ?? code,
        uri: `urn:scb:kommun:${code}`,
      })),
    ],
    cost_options: costOptions(offer),
    attributes,
  };
}

/** An organisation's one-to-one fields. */
export function toHsdsOrganizationSummary(organisation: Organisation): HsdsOrganizationSummary {
  return {
    id: organisation.id,
    name: organisation.name,
    description: organisation.descriptionSv,
    ...(organisation.website ? { website: organisation.website } : {}),
  };
}

/** An organisation with its org number, type, municipalities and the given offers as services. */
export function toHsdsOrganization(
  organisation: Organisation,
  offers: Offer[],
  lists: CodeLists,
): HsdsOrganization {
  const owner = { id: organisation.id, entity: "organization" as const };
  return {
    ...toHsdsOrganizationSummary(organisation),
    organization_identifiers: organisation.orgNumber
      ? [
          {
            id: stableId(`identifier:${organisation.id}:SE-BLV`),
            organization_id: organisation.id,
            identifier_scheme: "SE-BLV",
            identifier_type: "organisationsnummer",
            identifier: organisation.orgNumber,
          },
        ]
      : [],
    attributes: [
      ...field(lists, owner, "organisation_type", organisation.type),
      ...field(lists, owner, "description_en", organisation.descriptionEn),
      ...organisation.municipalityCodes.flatMap((code) => field(lists, owner, "serves_municipality", code)),
    ],
    services: offers.map((offer) => toHsdsService(offer, lists)),
  };
}
