import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import {
  CreateNeedInput,
  NEED_SOURCES,
  NEED_STATUSES,
  NEED_URGENCIES,
  type Need,
  NeedFilter,
} from "./needs.schemas.ts";
import { createNeed, getNeed, listNeeds, setNeedStatus } from "./needs.service.ts";

// /api/v1/needs: needs as their organisation's navigators triage them.

const tags = ["Needs"];
const WHO =
  "Navigators of the need's organisation and the platform admin (session or API token). Analysts read needs in aggregate only";

const NeedSchema = z
  .object({
    id: z.string(),
    companyId: z.string().nullable().openapi({ description: "Null once the company is erased" }),
    companyName: z.string().nullable(),
    organisationId: z.string(),
    theme: z.string(),
    urgency: z.enum(NEED_URGENCIES),
    description: z.string().openapi({ description: "Plain text in the company's words (never HTML)" }),
    source: z.enum(NEED_SOURCES),
    status: z.enum(NEED_STATUSES),
    responseId: z.string().nullable(),
    campaignId: z.string().nullable(),
    municipalityCode: z.string().nullable(),
    sizeBand: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    statusChangedAt: z.string(),
  })
  .openapi("Need");

function toNeedJson(need: Need): z.infer<typeof NeedSchema> {
  return {
    ...need,
    createdAt: need.createdAt.toISOString(),
    updatedAt: need.updatedAt.toISOString(),
    statusChangedAt: need.statusChangedAt.toISOString(),
  };
}

function staffMeta(c: Context<AppEnv>): AuditMeta {
  if (c.var.actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return auditContext(c);
}

const NeedParams = z.object({ id: z.uuid("the need id is a UUID") });

/** The needs API. */
export function needsApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/needs",
      tags,
      summary: "List needs, newest first",
      description: `${WHO}. Audited as a read.`,
      request: { query: NeedFilter },
      responses: {
        200: json(z.object({ items: z.array(NeedSchema) }), "Needs in the caller's organisations"),
        400: fieldProblem("Invalid filters"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator, or an organisation outside the caller's"),
      },
    }),
    async (c) => {
      const items = await listNeeds(c.var.deps.db, c.req.valid("query"), staffMeta(c));
      return c.json({ items: items.map(toNeedJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/needs",
      tags,
      summary: "Record a need for a company",
      description: `${WHO}. \`organisationId\` defaults to the caller's only navigator organisation.`,
      request: { body: { content: { "application/json": { schema: CreateNeedInput } }, required: true } },
      responses: {
        201: json(NeedSchema, "The new need"),
        400: fieldProblem("Invalid fields, each with a message in Swedish and English"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator of that organisation"),
        404: problem("No such company"),
      },
    }),
    async (c) => {
      const need = await createNeed(c.var.deps.db, c.req.valid("json"), staffMeta(c));
      return c.json(toNeedJson(need), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/needs/{id}",
      tags,
      summary: "One need",
      description: `${WHO}. Audited as a read.`,
      request: { params: NeedParams },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(NeedSchema, "The need"),
        401: problem("No valid session or API token"),
        403: problem("The need belongs to another organisation"),
        404: problem("No such need"),
      },
    }),
    async (c) => {
      const need = await getNeed(c.var.deps.db, c.req.valid("param").id, staffMeta(c));
      return c.json(toNeedJson(need), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/needs/{id}",
      tags,
      summary: "Change a need's status",
      description: `${WHO}. Audited with the old and new status.`,
      request: {
        params: NeedParams,
        body: {
          content: { "application/json": { schema: z.object({ status: z.enum(NEED_STATUSES) }) } },
          required: true,
        },
      },
      responses: {
        200: json(NeedSchema, "The need after the change"),
        400: fieldProblem("Invalid status"),
        401: problem("No valid session or API token"),
        403: problem("The need belongs to another organisation"),
        404: problem("No such need"),
      },
    }),
    async (c) => {
      const need = await setNeedStatus(
        c.var.deps.db,
        c.req.valid("param").id,
        c.req.valid("json").status,
        staffMeta(c),
      );
      return c.json(toNeedJson(need), 200);
    },
  );

  return api;
}
