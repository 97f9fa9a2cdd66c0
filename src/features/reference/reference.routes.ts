import { createRoute } from "@hono/zod-openapi";
import { json, problem } from "#src/shared/api-responses.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import {
  County,
  listOf,
  MunicipalitiesQuery,
  Municipality,
  OfferFormat,
  PostalCode,
  PostalCodeParams,
  SizeBand,
  SniList,
  Theme,
} from "./reference.schemas.ts";
import * as reference from "./reference.service.ts";

const tags = ["Reference data"];

const toMunicipality = (m: { code: string; name: string; short_name: string; county_code: string }) => ({
  code: m.code,
  name: m.name,
  shortName: m.short_name,
  countyCode: m.county_code,
});

const label = (sv: string, en: string | null) => ({ sv, en: en ?? sv });

/** `/api/v1/reference/*`: the code lists every other part of Lots and its integrations use. */
export function referenceApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/counties",
      tags,
      summary: "The 21 Swedish counties (län) with SCB codes",
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(listOf(County, "CountyList"), "All counties"),
      },
    }),
    async (c) => {
      const rows = await reference.getCounties(c.var.deps.db);
      return c.json(
        { items: rows.map((r) => ({ code: r.code, name: r.name, shortName: r.short_name })) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/municipalities",
      tags,
      summary: "The 290 municipalities (kommuner), optionally of one county",
      request: { query: MunicipalitiesQuery },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(listOf(Municipality, "MunicipalityList"), "Municipalities in code order"),
        400: problem("The county code is malformed"),
        404: problem("No county has that code"),
      },
    }),
    async (c) => {
      const { county } = c.req.valid("query");
      const rows = await reference.getMunicipalities(c.var.deps.db, county);
      return c.json({ items: rows.map(toMunicipality) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/postal-codes/{code}",
      tags,
      summary: "The municipality of a postal code",
      request: { params: PostalCodeParams },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(PostalCode, "The postal code's locality and municipality"),
        400: problem("Not a five-digit Swedish postal code"),
        404: problem("The postal code is not in the list; ask for the municipality instead"),
      },
    }),
    async (c) => {
      const found = await reference.getPostalCode(c.var.deps.db, c.req.valid("param").code);
      return c.json(
        {
          postalCode: found.postal_code,
          locality: found.locality,
          municipality: toMunicipality({
            code: found.municipality_code,
            name: found.municipality_name,
            short_name: found.municipality_short_name,
            county_code: found.county_code,
          }),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/sni",
      tags,
      summary: "SNI 2007 sections and divisions, with the code-list version",
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(SniList, "Sections (A–U) and their divisions"),
      },
    }),
    async (c) => {
      const { version, codes } = await reference.getSniCodes(c.var.deps.db);
      return c.json(
        {
          version,
          items: codes.map((s) => ({
            code: s.code,
            level: s.level,
            parent: s.parent_code,
            name: label(s.name_sv, s.name_en),
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/themes",
      tags,
      summary: "Need themes with Swedish and English labels",
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(listOf(Theme, "ThemeList"), "Active need themes"),
      },
    }),
    async (c) => {
      const rows = await reference.getNeedThemes(c.var.deps.db);
      return c.json(
        {
          items: rows.map((r) => ({
            code: r.code,
            label: label(r.label_sv, r.label_en),
            isBuiltin: r.is_builtin,
          })),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/offer-formats",
      tags,
      summary: "Offer formats (loan, course, ex-jobb…)",
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(listOf(OfferFormat, "OfferFormatList"), "All offer formats"),
      },
    }),
    async (c) => {
      const rows = await reference.getOfferFormats(c.var.deps.db);
      return c.json(
        { items: rows.map((r) => ({ code: r.code, label: label(r.label_sv, r.label_en) })) },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/reference/size-bands",
      tags,
      summary: "SCB size bands by number of employees",
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(listOf(SizeBand, "SizeBandList"), "Size bands, smallest first"),
      },
    }),
    async (c) => {
      const rows = await reference.getSizeBands(c.var.deps.db);
      return c.json(
        {
          items: rows.map((r) => ({
            code: r.code,
            minEmployees: r.min_employees,
            maxEmployees: r.max_employees,
            label: label(r.label_sv, r.label_en),
          })),
        },
        200,
      );
    },
  );

  return api;
}
