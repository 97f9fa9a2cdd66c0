import { createRoute } from "@hono/zod-openapi";
import { toOfferJson } from "#src/features/offers/offers.api.ts";
import { OfferSchema } from "#src/features/offers/offers.schemas.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import {
  CatalogueResultSchema,
  CostCode,
  listParam,
  OfferParams,
  OffersSearchQuery,
  UuidCode,
} from "./catalogue.schemas.ts";
import { getCatalogueOffer, searchCatalogue } from "./catalogue.service.ts";

const tags = ["Catalogue"];

/** `GET /api/v1/offers` (search with facets) and `GET /api/v1/offers/{id}`: the public catalogue's read API. */
export function catalogueApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/offers",
      tags,
      summary: "Search the public catalogue of support offers, with facet counts",
      description:
        "Swedish full-text search (inflections, compounds, synonyms and misspellings are handled) over " +
        "active offers within their validity dates. List filters are OR within a parameter and AND between " +
        "parameters. Facets are disjunctive: a facet's counts apply every other filter but not its own.",
      request: { query: OffersSearchQuery },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(CatalogueResultSchema, "One page of matching offers, the total and the facets"),
        400: problem("A parameter is malformed"),
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const result = await searchCatalogue(
        c.var.deps.db,
        {
          ...(query.q ? { q: query.q } : {}),
          theme: listParam(query.theme),
          format: listParam(query.format),
          organisation: listParam(query.organisation, UuidCode),
          cost: listParam(query.cost, CostCode),
          ...(query.municipality ? { municipality: query.municipality } : {}),
          ...(query.sni ? { sni: query.sni } : {}),
          ...(query.size ? { size: query.size } : {}),
          ...(query.sort ? { sort: query.sort } : {}),
          ...(query.page ? { page: query.page } : {}),
          ...(query.pageSize ? { pageSize: query.pageSize } : {}),
        },
        c.var.locale,
      );
      return c.json(result, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/offers/{id}",
      tags,
      summary: "One support offer with everything needed to act on it, contacts included",
      description: "Anonymous callers see only public offers (active, within their validity dates).",
      request: { params: OfferParams },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(OfferSchema, "The offer"),
        400: problem("The id is not a UUID"),
        404: problem("No offer with that id, or it is not public"),
      },
    }),
    async (c) => {
      const offer = await getCatalogueOffer(c.var.deps.db, c.var.actor, c.req.valid("param").id);
      return c.json(toOfferJson(offer), 200);
    },
  );

  return api;
}
