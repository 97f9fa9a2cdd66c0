import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import { listResponses, submitResponse } from "./surveys.responses.service.ts";
import type { SurveyResponse } from "./surveys.schemas.ts";

// /api/v1/surveys/{id}/responses: answers to a survey, read and submitted by the survey organisation's
// navigators (on a company's behalf) and the platform admin. Companies answer through the public form.

const tags = ["Surveys"];
const WHO = "Navigators of the survey's organisation and the platform admin (session or API token)";

function staffMeta(c: Context<AppEnv>): AuditMeta {
  if (c.var.actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return auditContext(c);
}

const ResponseSchema = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    surveyVersionId: z.string(),
    version: z.number().int().openapi({ description: "The version the answers were given to" }),
    campaignId: z.string().nullable(),
    organisationId: z.string(),
    companyId: z.string().nullable(),
    companyName: z.string().nullable(),
    contactId: z.string().nullable(),
    answers: z.record(z.string(), z.unknown()).openapi({ description: "By question id of that version" }),
    submittedBy: z.enum(["company", "navigator"]),
    submittedByLabel: z.string(),
    createdAt: z.string(),
  })
  .openapi("SurveyResponse");

function toResponseJson(response: SurveyResponse): z.infer<typeof ResponseSchema> {
  return { ...response, createdAt: response.createdAt.toISOString() };
}

const SurveyParams = z.object({ id: z.uuid("the survey id is a UUID") });

// Loose on purpose: the service checks the company part and every answer together, so one answer lists
// every bad field, keyed company.<field> and answers.<question id>.
const SubmitBody = z
  .object({
    versionId: z.uuid().optional().openapi({ description: "Default: the newest published version" }),
    campaignSlug: z.string().max(80).optional(),
    companyId: z.uuid().optional().openapi({ description: "An existing company, instead of `company`" }),
    company: z.record(z.string(), z.unknown()).optional().openapi({
      description:
        "orgNumber, name, streetAddress, postalCode, municipalityCode, sniCodes, sizeBand, foundedYear",
    }),
    answers: z.record(z.string(), z.unknown()).openapi({ description: "Answers by question id" }),
  })
  .openapi("SubmitSurveyResponse");

const SubmitResult = z.object({
  response: ResponseSchema,
  replayed: z.boolean(),
  companyCreated: z.boolean().optional(),
  needIds: z.array(z.string()).optional(),
  differences: z
    .array(z.object({ field: z.string(), stored: z.unknown(), submitted: z.unknown(), outcome: z.string() }))
    .optional(),
});

/** The survey responses API. */
export function surveysApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "post",
      path: "/surveys/{id}/responses",
      tags,
      summary: "Submit an answer on a company's behalf",
      description:
        `${WHO}. Send \`Idempotency-Key\` (1–200 visible ASCII characters): a repeat with the same key and body ` +
        "answers 200 with the first response and stores nothing; the same key with another body is 409. " +
        "Without a key, the same body on the same day counts as a repeat.",
      request: {
        params: SurveyParams,
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
        body: { content: { "application/json": { schema: SubmitBody } }, required: true },
      },
      responses: {
        200: json(SubmitResult, "A repeat: the first response, nothing new stored"),
        201: json(SubmitResult, "The stored response and what it created"),
        400: fieldProblem("Invalid answers or company details, each keyed by field or question id"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator of the survey's organisation"),
        404: problem("No such survey, version or campaign"),
        409: problem("The idempotency key was used for another body, or the version is not published"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await submitResponse(
        c.var.deps.db,
        {
          surveyId: c.req.valid("param").id,
          versionId: body.versionId,
          campaignSlug: body.campaignSlug,
          companyId: body.companyId,
          company: body.company,
          answers: body.answers,
          idempotencyKey: c.req.valid("header")["idempotency-key"],
        },
        staffMeta(c),
        { publicUrl: c.var.deps.config.publicUrl },
      );
      const json = {
        response: toResponseJson(result.response),
        replayed: result.replayed,
        ...(result.replayed
          ? {}
          : {
              companyCreated: result.companyCreated ?? false,
              needIds: result.needIds ?? [],
              differences: (result.differences ?? []).map((d) => ({
                ...d,
                stored: d.stored ?? null,
                submitted: d.submitted ?? null,
              })),
            }),
      };
      if (result.replayed) c.header("idempotency-replayed", "true");
      return c.json(json, result.replayed ? 200 : 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/surveys/{id}/responses",
      tags,
      summary: "A survey's answers, newest first, each with its version",
      description: `${WHO}. Audited as a read of personal data.`,
      request: {
        params: SurveyParams,
        query: z.object({
          page: z.coerce.number().int().min(1).max(100_000).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(ResponseSchema) }), "Answers"),
        400: fieldProblem("Invalid paging"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator of the survey's organisation"),
        404: problem("No such survey"),
      },
    }),
    async (c) => {
      const { page, pageSize } = c.req.valid("query");
      const items = await listResponses(
        c.var.deps.db,
        c.req.valid("param").id,
        { limit: pageSize, offset: (page - 1) * pageSize },
        staffMeta(c),
      );
      return c.json({ items: items.map(toResponseJson) }, 200);
    },
  );

  return api;
}
