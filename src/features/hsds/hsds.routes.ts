import { readFile } from "node:fs/promises";
import { type Context, Hono } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { problemResponse, validationError } from "#src/shared/http-errors.ts";
import {
  getHsdsOrganization,
  getHsdsService,
  listHsdsOrganizations,
  listHsdsServices,
  listHsdsTaxonomies,
  listHsdsTaxonomyTerms,
  type PageRequest,
} from "./hsds.api.service.ts";
import { HsdsPageQuery } from "./hsds.schemas.ts";

// The public Open Referral HSDS 3.0 read API under /hsds/ (docs/hsds-profile.md). It lives outside /api/v1
// because HSDS defines its own paths and shapes; its errors are problem+json like the rest of the API.

const PROFILE_FILE = new URL("../../../docs/hsds-profile.md", import.meta.url);
const HSDS_OPENAPI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

function pageRequest(c: Context<AppEnv>): PageRequest {
  const parsed = HsdsPageQuery.safeParse({ page: c.req.query("page"), per_page: c.req.query("per_page") });
  if (!parsed.success) throw validationError(parsed.error);
  return { page: parsed.data.page, perPage: parsed.data.per_page };
}

/** The HSDS read API: /hsds/, /hsds/services[/{id}], /hsds/organizations[/{id}], /hsds/taxonomies, /hsds/taxonomy_terms. */
export function hsdsApi() {
  const app = new Hono<AppEnv>();
  // HSDS clients expect JSON, also for errors, although these paths are not under /api/.
  app.onError((error, c) => {
    if (error instanceof AppError) return problemResponse(c, error, c.var.requestId);
    throw error;
  });

  app.get("/hsds/", (c) => {
    const { publicUrl, networkName } = c.var.deps.config;
    return c.json({
      version: "3.0",
      profile: `${publicUrl}/hsds/profile`,
      openapi_url: HSDS_OPENAPI,
      description:
        `The support offers (services) of ${networkName}'s organisations, from Lots, in Open Referral HSDS 3.0 ` +
        "with Lots' profile: SCB codes for areas, need themes, offer formats, SNI 2007 and size bands as taxonomies.",
      publisher: { name: networkName, website: publicUrl },
    });
  });

  app.get("/hsds/profile", async (c) => {
    const text = await readFile(PROFILE_FILE, "utf8");
    return c.body(text, 200, { "content-type": "text/markdown; charset=utf-8" });
  });

  app.get("/hsds/services", async (c) => {
    const full = c.req.query("full");
    return c.json(
      await listHsdsServices(c.var.deps.db, {
        ...pageRequest(c),
        search: c.req.query("search"),
        organizationId: c.req.query("organization_id"),
        taxonomyTermId: c.req.query("taxonomy_term_id"),
        full: full === "true" || full === "1",
      }),
    );
  });

  app.get("/hsds/services/:id", async (c) => c.json(await getHsdsService(c.var.deps.db, c.req.param("id"))));

  app.get("/hsds/organizations", async (c) =>
    c.json(await listHsdsOrganizations(c.var.deps.db, pageRequest(c))),
  );

  app.get("/hsds/organizations/:id", async (c) =>
    c.json(await getHsdsOrganization(c.var.deps.db, c.req.param("id"))),
  );

  app.get("/hsds/taxonomies", (c) => c.json(listHsdsTaxonomies(pageRequest(c))));

  app.get("/hsds/taxonomy_terms", async (c) =>
    c.json(
      await listHsdsTaxonomyTerms(c.var.deps.db, {
        ...pageRequest(c),
        taxonomyId: c.req.query("taxonomy_id"),
      }),
    ),
  );

  return app;
}
