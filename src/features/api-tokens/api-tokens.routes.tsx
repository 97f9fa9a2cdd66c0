import { createRoute } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { type Actor, ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import { grantableApiTokenRoles } from "./api-tokens.policy.ts";
import {
  ApiTokenList,
  ApiTokenSchema,
  CreateApiTokenBody,
  CreatedApiToken,
  OrganisationParams,
  TokenParams,
  toApiTokenJson,
} from "./api-tokens.schemas.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.service.ts";
import {
  type ApiTokenPageModel,
  apiTokensPath,
  renderApiTokensPage,
  VALIDITY_CHOICES,
  type Validity,
} from "./api-tokens.views.tsx";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Who and where from, for the audit entries of a change. */
function originOf(c: Context<AppEnv>) {
  const { actor: _actor, ...origin } = auditContext(c);
  return origin;
}

/** The list and the organisation's name; the service refuses anyone who may not manage the tokens. */
async function loadPage(c: Context<AppEnv>, organisationId: string) {
  const db = c.var.deps.db;
  const tokens = await listApiTokens(db, c.var.actor, organisationId);
  const organisation = (await listOrganisations(db)).find((o) => o.id === organisationId);
  if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
  return {
    organisation: { id: organisation.id, name: organisation.name },
    tokens,
    roles: grantableApiTokenRoles(c.var.actor),
    csrfToken: c.var.csrfToken,
    form: {},
    errors: {},
  } satisfies ApiTokenPageModel;
}

function formString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** The staff pages under /admin/organisationer/:id/api-nycklar. */
export function apiTokenPages() {
  const app = new Hono<AppEnv>();
  const path = "/admin/organisationer/:id/api-nycklar";

  app.get(path, requireUser, async (c) => {
    const model = await loadPage(c, c.req.param("id"));
    const revokedId = c.req.query("aterkallad");
    const revoked = model.tokens.find((token) => token.id === revokedId && token.status === "revoked");
    return renderApiTokensPage(c, { ...model, revokedName: revoked?.name });
  });

  app.post(path, requireUser, async (c) => {
    const organisationId = c.req.param("id");
    const model = await loadPage(c, organisationId);
    const body = await c.req.parseBody();
    const form = {
      name: formString(body.name).slice(0, 200),
      role: formString(body.role),
      validity: formString(body.validity),
    };
    const name = form.name.trim();
    const errors: ApiTokenPageModel["errors"] = {};
    if (name.length < 1 || name.length > 100) errors.name = true;
    const role = model.roles.find((r) => r === form.role);
    if (!role) errors.role = true;
    const validity = VALIDITY_CHOICES.find((v) => v === form.validity) as Validity | undefined;
    if (!validity) errors.validity = true;
    if (!role || !validity || errors.name) return renderApiTokensPage(c, { ...model, form, errors }, 400);

    const expiresAt = validity === "never" ? undefined : new Date(Date.now() + Number(validity) * DAY_MS);
    const { token, record } = await createApiToken(
      c.var.deps.db,
      c.var.actor,
      { organisationId, name, role, expiresAt },
      originOf(c),
    );
    // The token is in this one response: keep it out of caches and history restores.
    c.header("cache-control", "no-store");
    return renderApiTokensPage(c, {
      ...model,
      tokens: [record, ...model.tokens],
      created: { token, name: record.name },
    });
  });

  app.post(`${path}/:tokenId/aterkalla`, requireUser, async (c) => {
    const organisationId = c.req.param("id");
    const tokenId = c.req.param("tokenId");
    await revokeApiToken(c.var.deps.db, c.var.actor, tokenId, { organisationId, origin: originOf(c) });
    return c.redirect(`${apiTokensPath(organisationId)}?aterkallad=${encodeURIComponent(tokenId)}`, 303);
  });

  return app;
}

function signedIn(c: Context<AppEnv>): Actor {
  const actor = c.var.actor ?? ANONYMOUS;
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return actor;
}

const tags = ["API tokens"];

/** /api/v1/organisations/{id}/api-tokens: list, create (the token is in this answer only) and revoke. */
export function apiTokensApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/organisations/{id}/api-tokens",
      tags,
      summary: "The organisation's API tokens (never the tokens themselves)",
      request: { params: OrganisationParams },
      responses: {
        400: problem("An organisation id that is not a UUID"),
        200: json(ApiTokenList, "Tokens, newest first"),
        401: problem("No valid session or API token"),
        403: problem("Only the organisation's admins and platform admins"),
      },
    }),
    async (c) => {
      const items = await listApiTokens(c.var.deps.db, signedIn(c), c.req.valid("param").id);
      return c.json({ items: items.map(toApiTokenJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/api-tokens",
      tags,
      summary: "Create an API token; the answer holds the token, which is never shown again",
      description: "An API token cannot create tokens: sign in as a person.",
      request: {
        params: OrganisationParams,
        body: { content: { "application/json": { schema: CreateApiTokenBody } }, required: true },
      },
      responses: {
        201: json(CreatedApiToken, "The new token and its record"),
        400: problem("Invalid name, role or expiry"),
        401: problem("No valid session or API token"),
        403: problem("Not allowed to create tokens here, or with this role"),
        404: problem("No such organisation"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { token, record } = await createApiToken(
        c.var.deps.db,
        signedIn(c),
        { organisationId: c.req.valid("param").id, ...body },
        originOf(c),
      );
      c.header("cache-control", "no-store");
      return c.json({ token, apiToken: toApiTokenJson(record) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/organisations/{id}/api-tokens/{tokenId}",
      tags,
      summary: "Revoke an API token at once",
      request: { params: TokenParams },
      responses: {
        400: problem("An organisation or token id that is not a UUID"),
        200: json(ApiTokenSchema, "The revoked token"),
        401: problem("No valid session or API token"),
        403: problem("Only the organisation's admins and platform admins"),
        404: problem("No such token in this organisation"),
      },
    }),
    async (c) => {
      const { id, tokenId } = c.req.valid("param");
      const record = await revokeApiToken(c.var.deps.db, signedIn(c), tokenId, {
        organisationId: id,
        origin: originOf(c),
      });
      return c.json(toApiTokenJson(record), 200);
    },
  );

  return api;
}
