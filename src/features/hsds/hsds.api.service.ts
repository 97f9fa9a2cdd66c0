import type { Db } from "#src/db/client.ts";
import type { CatalogueQuery } from "#src/features/catalogue/catalogue.schemas.ts";
import { isPublicOffer, searchCatalogue } from "#src/features/catalogue/catalogue.service.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import {
  toHsdsOrganization,
  toHsdsOrganizationSummary,
  toHsdsService,
  toHsdsServiceSummary,
} from "./hsds.export.ts";
import {
  HSDS_MAX_PER_PAGE,
  type HsdsOrganization,
  type HsdsOrganizationSummary,
  type HsdsPage,
  type HsdsService,
  type HsdsServiceSummary,
  type HsdsTaxonomy,
  type HsdsTaxonomyTerm,
} from "./hsds.schemas.ts";
import { allTerms, loadCodeLists, TAXONOMY_NAMES, taxonomy, taxonomyNamed } from "./hsds.taxonomies.ts";

// The public HSDS read API's data: only public offers (active and within their validity dates, as the
// catalogue defines them) are services; organisations are public in full. Paging follows HSDS's Page schema.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type PageRequest = { page: number; perPage: number };

/** HSDS's paginated envelope for one page of `total` items. */
export function hsdsPage<T>(contents: T[], total: number, request: PageRequest): HsdsPage<T> {
  const totalPages = Math.ceil(total / request.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

function slicePage<T>(all: T[], request: PageRequest): HsdsPage<T> {
  const start = (request.page - 1) * request.perPage;
  return hsdsPage(all.slice(start, start + request.perPage), all.length, request);
}

export type ServiceListQuery = PageRequest & {
  search?: string | undefined;
  organizationId?: string | undefined;
  taxonomyTermId?: string | undefined;
  full?: boolean | undefined;
};

/** Public services, by name (by relevance with `search`), filtered like HSDS's /services parameters. */
export async function listHsdsServices(
  db: Db,
  query: ServiceListQuery,
): Promise<HsdsPage<HsdsServiceSummary | HsdsService>> {
  const filter: CatalogueQuery = {};
  if (query.organizationId) {
    if (!UUID.test(query.organizationId)) return hsdsPage([], 0, query);
    filter.organisation = [query.organizationId];
  }
  const lists = await loadCodeLists(db);
  if (query.taxonomyTermId) {
    const term = allTerms(lists).find((t) => t.id === query.taxonomyTermId);
    const name = taxonomyNamed(term?.taxonomy.name);
    if (!term || !name || name === "lots-fields") return hsdsPage([], 0, query);
    if (name === "lots-need-themes") filter.theme = [term.code];
    if (name === "lots-offer-formats") filter.format = [term.code];
    if (name === "scb-size-bands") filter.size = term.code;
    if (name === "sni2007") filter.sni = term.code;
  }
  const q = query.search?.trim();
  const result = await searchCatalogue(
    db,
    {
      ...filter,
      ...(q ? { q, sort: "relevance" } : { sort: "name" }),
      page: query.page,
      pageSize: query.perPage,
    },
    "sv",
  );
  const found = await offers.listOffersByIds(
    db,
    result.items.map((item) => item.id),
  );
  const contents = found.map((offer) =>
    query.full ? toHsdsService(offer, lists) : toHsdsServiceSummary(offer),
  );
  return hsdsPage(contents, result.total, query);
}

/** Every public offer of an organisation, by name. */
async function publicOffersOf(db: Db, organisationId: string) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await searchCatalogue(
      db,
      { organisation: [organisationId], sort: "name", page, pageSize: HSDS_MAX_PER_PAGE },
      "sv",
    );
    ids.push(...result.items.map((item) => item.id));
    if (ids.length >= result.total || result.items.length === 0) break;
  }
  return offers.listOffersByIds(db, ids);
}

/** One public service, fully nested. Throws NOT_FOUND for unknown and non-public offers alike. */
export async function getHsdsService(db: Db, id: string): Promise<HsdsService> {
  if (!UUID.test(id) || !(await isPublicOffer(db, id)))
    throw new AppError("NOT_FOUND", `No public service has the id ${id}.`);
  const [offer, lists] = await Promise.all([offers.getOffer(db, id), loadCodeLists(db)]);
  return toHsdsService(offer, lists);
}

async function sortedOrganisations(db: Db) {
  return (await organisations.listOrganisations(db)).sort(
    (a, b) => compareSwedish(a.name, b.name) || (a.id < b.id ? -1 : 1),
  );
}

/** Organisations by name, one-to-one fields only. */
export async function listHsdsOrganizations(
  db: Db,
  request: PageRequest,
): Promise<HsdsPage<HsdsOrganizationSummary>> {
  return slicePage((await sortedOrganisations(db)).map(toHsdsOrganizationSummary), request);
}

/** One organisation, fully nested with its public services. Throws NOT_FOUND. */
export async function getHsdsOrganization(db: Db, id: string): Promise<HsdsOrganization> {
  const organisation = UUID.test(id)
    ? (await organisations.listOrganisations(db)).find((o) => o.id === id)
    : undefined;
  if (!organisation) throw new AppError("NOT_FOUND", `No organization has the id ${id}.`);
  const [services, lists] = await Promise.all([publicOffersOf(db, organisation.id), loadCodeLists(db)]);
  return toHsdsOrganization(organisation, services, lists);
}

/** The profile's taxonomies. */
export function listHsdsTaxonomies(request: PageRequest): HsdsPage<HsdsTaxonomy> {
  return slicePage(TAXONOMY_NAMES.map(taxonomy), request);
}

/** The terms of the profile's taxonomies, optionally of one taxonomy (by id or name). */
export async function listHsdsTaxonomyTerms(
  db: Db,
  request: PageRequest & { taxonomyId?: string | undefined },
): Promise<HsdsPage<HsdsTaxonomyTerm>> {
  const terms = allTerms(await loadCodeLists(db));
  if (!request.taxonomyId) return slicePage(terms, request);
  const name = taxonomyNamed(request.taxonomyId);
  return slicePage(name ? terms.filter((t) => t.taxonomy.name === name) : [], request);
}
