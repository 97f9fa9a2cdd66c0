import { z } from "zod";

// Open Referral HSDS 3.0 objects as Lots reads and writes them (docs/hsds-profile.md). The import schemas
// check the shape of what Lots uses and let every other HSDS field through untouched (loose objects):
// a document from another directory may carry schedules, locations or languages that Lots ignores.

const text = (field: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `missing ${field}` : `${field} must be text`) });
const optionalText = (field: string) => z.string({ error: `${field} must be text` }).nullish();
const optionalNumber = (field: string) => z.number({ error: `${field} must be a number` }).nullish();
const id = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? "missing id" : "id must be text") }).uuid({
    error: `the ${what} id must be a UUID (Lots keeps HSDS ids as its own)`,
  });
const list = <T extends z.ZodType>(item: T, field: string) =>
  z.array(item, { error: `${field} must be a list` }).nullish();

export const HsdsTaxonomyInput = z.looseObject({
  id: optionalText("id"),
  name: optionalText("name"),
});

export const HsdsTaxonomyTermInput = z.looseObject({
  id: optionalText("id"),
  code: optionalText("code"),
  name: optionalText("name"),
  taxonomy_id: optionalText("taxonomy_id"),
  taxonomy: HsdsTaxonomyInput.nullish(),
});

export const HsdsAttributeInput = z.looseObject({
  id: optionalText("id"),
  link_type: optionalText("link_type"),
  taxonomy_term_id: optionalText("taxonomy_term_id"),
  value: z.union([z.string(), z.number()], { error: "value must be text or a number" }).nullish(),
  taxonomy_term: HsdsTaxonomyTermInput.nullish(),
});

export const HsdsPhoneInput = z.looseObject({ id: optionalText("id"), number: text("number") });

export const HsdsContactInput = z.looseObject({
  id: optionalText("id"),
  name: text("name"),
  title: optionalText("title"),
  email: optionalText("email"),
  phones: list(HsdsPhoneInput, "phones"),
});

export const HsdsServiceAreaInput = z.looseObject({
  id: optionalText("id"),
  name: optionalText("name"),
  uri: text("uri"),
});

export const HsdsCostOptionInput = z.looseObject({
  id: optionalText("id"),
  option: optionalText("option"),
  currency: optionalText("currency"),
  amount: optionalNumber("amount"),
  amount_description: optionalText("amount_description"),
});

export const HSDS_SERVICE_STATUSES = ["active", "inactive", "defunct", "temporarily closed"] as const;

export const HsdsServiceInput = z.looseObject({
  id: id("service"),
  organization_id: optionalText("organization_id"),
  name: text("name"),
  description: optionalText("description"),
  url: optionalText("url"),
  status: z.enum(HSDS_SERVICE_STATUSES, {
    error: (issue) =>
      issue.input === undefined
        ? "missing status"
        : `status must be one of ${HSDS_SERVICE_STATUSES.map((s) => `"${s}"`).join(", ")}`,
  }),
  application_process: optionalText("application_process"),
  fees_description: optionalText("fees_description"),
  eligibility_description: optionalText("eligibility_description"),
  assured_date: z.iso.date({ error: "assured_date must be a date like 2026-11-28" }).nullish(),
  contacts: list(HsdsContactInput, "contacts"),
  service_areas: list(HsdsServiceAreaInput, "service_areas"),
  cost_options: list(HsdsCostOptionInput, "cost_options"),
  attributes: list(HsdsAttributeInput, "attributes"),
});
export type HsdsServiceInput = z.infer<typeof HsdsServiceInput>;

export const HsdsOrganizationIdentifierInput = z.looseObject({
  id: optionalText("id"),
  identifier_scheme: optionalText("identifier_scheme"),
  identifier_type: optionalText("identifier_type"),
  identifier: text("identifier"),
});

/** An organization without its services, which are checked one by one so one bad service spoils only itself. */
export const HsdsOrganizationInput = z.looseObject({
  id: id("organization"),
  name: text("name"),
  description: optionalText("description"),
  website: optionalText("website"),
  organization_identifiers: list(HsdsOrganizationIdentifierInput, "organization_identifiers"),
  attributes: list(HsdsAttributeInput, "attributes"),
  services: list(z.unknown(), "services"),
});
export type HsdsOrganizationInput = z.infer<typeof HsdsOrganizationInput>;

export const HsdsDocumentInput = z.looseObject({
  organizations: z.array(z.unknown(), {
    error: (issue) =>
      issue.input === undefined ? 'missing "organizations"' : '"organizations" must be a list',
  }),
});

// ── What Lots writes ────────────────────────────────────────────────────────────────────────────

export type HsdsTaxonomy = { id: string; name: string; description: string; uri?: string };

export type HsdsTaxonomyTerm = {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy_id: string;
  taxonomy: HsdsTaxonomy;
  language: string;
};

export type HsdsAttribute = {
  id: string;
  link_id: string;
  link_type: string;
  link_entity: "service" | "organization";
  taxonomy_term_id: string;
  value?: string;
  taxonomy_term: HsdsTaxonomyTerm;
};

export type HsdsPhone = { id: string; number: string };

export type HsdsContact = {
  id: string;
  service_id: string;
  name: string;
  title?: string;
  email?: string;
  phones: HsdsPhone[];
};

export type HsdsServiceArea = { id: string; service_id: string; name: string; uri: string };

export type HsdsCostOption = {
  id: string;
  service_id: string;
  option: string;
  currency?: string;
  amount?: number;
  amount_description?: string;
};

/** A service with only its one-to-one fields (HSDS's list form). */
export type HsdsServiceSummary = {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url?: string;
  status: (typeof HSDS_SERVICE_STATUSES)[number];
  application_process?: string;
  fees_description?: string;
  eligibility_description?: string;
  assured_date?: string;
};

export type HsdsService = HsdsServiceSummary & {
  contacts: HsdsContact[];
  service_areas: HsdsServiceArea[];
  cost_options: HsdsCostOption[];
  attributes: HsdsAttribute[];
};

export type HsdsOrganizationIdentifier = {
  id: string;
  organization_id: string;
  identifier_scheme: "SE-BLV";
  identifier_type: string;
  identifier: string;
};

export type HsdsOrganizationSummary = {
  id: string;
  name: string;
  description: string;
  website?: string;
};

export type HsdsOrganization = HsdsOrganizationSummary & {
  organization_identifiers: HsdsOrganizationIdentifier[];
  attributes: HsdsAttribute[];
  services: HsdsService[];
};

/** The exchange document: organizations with their services embedded. */
export type HsdsDocument = { organizations: HsdsOrganization[] };

/** HSDS's paginated envelope (the API specification's Page schema) around `contents`. */
export type HsdsPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/** The query of a paginated HSDS list: `page` from 1, `per_page` up to HSDS_MAX_PER_PAGE. */
export const HSDS_MAX_PER_PAGE = 50;
export const HsdsPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(HSDS_MAX_PER_PAGE).default(HSDS_MAX_PER_PAGE),
});
