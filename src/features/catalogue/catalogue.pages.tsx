import { Hono } from "hono";
import type { Db } from "#src/db/client.ts";
import { getOffer, listOffersByIds } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import {
  getCounties,
  getMunicipalities,
  getNeedThemes,
  getOfferFormats,
  getSizeBands,
  getSniCodes,
} from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { compareSwedish, type Locale, pick } from "#src/shared/i18n.ts";
import { renderOfferNotFound, renderOfferPage } from "./catalogue.offer.views.tsx";
import { CATALOGUE_PATH, parsePageQuery, searchHref, toCatalogueQuery } from "./catalogue.page-query.ts";
import { isPublicOffer, searchCatalogue } from "./catalogue.service.ts";
import { renderSearchPage } from "./catalogue.views.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids among `ids` of offers without English text, whose Swedish text an English page marks lang="sv". */
async function swedishOnlyIds(db: Db, ids: string[], locale: Locale): Promise<Set<string>> {
  if (locale !== "en" || ids.length === 0) return new Set();
  const offers = await listOffersByIds(db, ids);
  return new Set(offers.filter((offer) => !offer.nameEn).map((offer) => offer.id));
}

/** Everything the offer page names in words: organisation, themes, formats, places, industries, sizes. */
async function offerPageModel(db: Db, id: string, locale: Locale) {
  const offer = await getOffer(db, id);
  const [organisations, themes, formats, counties, municipalities, sni, sizes] = await Promise.all([
    listOrganisations(db),
    getNeedThemes(db),
    getOfferFormats(db),
    offer.eligibleCountyCodes.length > 0 ? getCounties(db) : [],
    offer.eligibleMunicipalityCodes.length > 0 ? getMunicipalities(db) : [],
    offer.sniInclude.length + offer.sniExclude.length > 0 ? getSniCodes(db) : { codes: [] },
    getSizeBands(db),
  ]);
  const organisation = organisations.find((o) => o.id === offer.organisationId);
  const label = (list: { code: string; label_sv: string; label_en: string }[], code: string) => {
    const found = list.find((item) => item.code === code);
    return found ? pick(locale, found.label_sv, found.label_en) : code;
  };
  const sniLabel = (code: string) => {
    const found = sni.codes.find((item) => item.code === code);
    return found ? `${code} ${pick(locale, found.name_sv, found.name_en)}` : code;
  };
  return {
    offer,
    organisation: { name: organisation?.name ?? "", website: organisation?.website ?? null },
    themes: offer.themes.map((code) => label(themes, code)),
    formats: offer.formats.map((code) => label(formats, code)),
    places: [
      ...counties.filter((c) => offer.eligibleCountyCodes.includes(c.code)).map((c) => c.name),
      ...municipalities
        .filter((m) => offer.eligibleMunicipalityCodes.includes(m.code))
        .map((m) => m.short_name)
        .sort(compareSwedish),
    ],
    sniInclude: offer.sniInclude.map(sniLabel),
    sniExclude: offer.sniExclude.map(sniLabel),
    sizeBands: sizes.map((band) => ({
      code: band.code,
      min: band.min_employees,
      max: band.max_employees,
      label: pick(locale, band.label_sv, band.label_en),
    })),
  };
}

/**
 * The public catalogue "Hitta stöd": `GET /hitta-stod` searches with facets (a GET form, so it works
 * without JavaScript and every search has an address), `GET /hitta-stod/:id` shows one public offer.
 * An offer that is paused, closed, outside its dates or unknown answers 404 to everyone, signed in or not:
 * this is the page companies see, and staff manage offers on their own pages.
 */
export function cataloguePages() {
  const app = new Hono<AppEnv>();

  app.get(CATALOGUE_PATH, async (c) => {
    const db = c.var.deps.db;
    const state = parsePageQuery(new URL(c.req.url).searchParams);
    const result = await searchCatalogue(db, toCatalogueQuery(state), c.var.locale);
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    // A page number past the end (an old link after offers closed) goes to the last page instead.
    if (result.items.length === 0 && result.total > 0 && state.page > pages) {
      return c.redirect(searchHref(state, { page: pages }), 303);
    }
    const swedishOnly = await swedishOnlyIds(
      db,
      result.items.map((item) => item.id),
      c.var.locale,
    );
    return renderSearchPage(c, { state, result, swedishOnly });
  });

  app.get(`${CATALOGUE_PATH}/:id`, async (c) => {
    const db = c.var.deps.db;
    const id = c.req.param("id");
    if (!UUID.test(id) || !(await isPublicOffer(db, id))) return renderOfferNotFound(c);
    return renderOfferPage(c, await offerPageModel(db, id, c.var.locale));
  });

  return app;
}
