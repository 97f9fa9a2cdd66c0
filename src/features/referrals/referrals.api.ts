import { createRoute, z } from "@hono/zod-openapi";
import {
  CaseEventSchema,
  CaseNoteSchema,
  fieldProblem,
  PROBLEM_JSON,
  ReferralSchema,
  staffMeta,
  toEventJson,
  toNoteJson,
  toReferralJson,
} from "#src/features/cases/cases.api.ts";
import { json, Problem, problem } from "#src/shared/api-responses.ts";
import { createFieldApiRouter, FieldValidationError } from "#src/shared/field-errors.ts";
import {
  DECLINE_REASONS,
  REFERRAL_ACTIONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  ReferralActionInput,
  ReferralNoteInput,
} from "./referrals.schemas.ts";
import {
  actOnReferral,
  addReferralNote,
  getReferralDetail,
  listReferrals,
  ReferralChangedError,
} from "./referrals.service.ts";

// /api/v1/referrals: referrals (hänvisningar) from both sides — the partner's inbox (the organisation the
// referral went to) and the case's navigators who sent it. An advisor of one organisation never sees another
// organisation's referrals here: the service filters every list and answers 404 for single ones.

const tags = ["Referrals"];
const READERS =
  "The partner organisation the referral went to (its advisors, navigators and org admins), the case's " +
  "organisation (its navigators and org admins) and the platform admin, by session or API token. Any other " +
  "caller gets 404: other organisations' referrals are not revealed";

const Ref = z.object({ id: z.string(), name: z.string() });

const ReferralDetailSchema = ReferralSchema.extend({
  message: z.string().openapi({ description: "The navigator's message to the partner, plain text" }),
  company: Ref.nullable().openapi({ description: "Null once the company is erased" }),
  notes: z.array(CaseNoteSchema).openapi({
    description: "Notes on this referral: shared ones, and internal ones of the caller's own organisations",
  }),
  events: z.array(CaseEventSchema).openapi({ description: "This referral's timeline, oldest first" }),
}).openapi("ReferralDetail");

const ReferralConflictProblem = Problem.extend({
  referral: ReferralSchema.openapi({ description: "The referral as it is now" }),
  changedBy: z.string().nullable().openapi({ description: "Who made the change that got there first" }),
  changedAt: z.string().nullable(),
}).openapi("ReferralConflictProblem");

const ListQuery = z.object({
  status: z
    .enum([...REFERRAL_STATUSES, "open", "any"])
    .default("any")
    .openapi({ description: "any (default); open: sent, accepted or in progress" }),
  side: z.enum(["inbox", "sent", "any"]).default("any").openapi({
    description:
      "inbox: to the caller's organisations (partner side); sent: from cases of the caller's organisations; any (default): both",
  }),
  organisation: z.uuid().optional().openapi({ description: "Only referrals to this partner organisation" }),
  case: z.uuid().optional().openapi({ description: "Only referrals of this case" }),
  mine: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "true: only those the caller (a person) accepted; ignored for API tokens" }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const ReferralParams = z.object({ id: z.uuid("the referral id is a UUID") });

const ActionBody = ReferralActionInput.openapi("ReferralAction", {
  description:
    `action: ${REFERRAL_ACTIONS.join(", ")}. decline needs \`reason\` (${DECLINE_REASONS.join(", ")}); ` +
    `close needs \`outcome\` (${REFERRAL_OUTCOMES.join(", ")}). \`note\` is added as a note shared with the ` +
    "other side. `version` (or the If-Match header) is the version you read.",
});
const NoteBody = ReferralNoteInput.openapi("NewReferralNote");

const IfMatchHeaders = z.object({
  "if-match": z
    .string()
    .max(40)
    .optional()
    .openapi({ description: 'The referral\'s version as an entity tag, e.g. "3" (instead of `version`)' }),
});

/** The version an If-Match header names: undefined without one (or for `*`), "invalid" when unreadable. */
function versionFromIfMatch(header: string | undefined): number | "invalid" | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : "invalid";
}

const etag = (version: number) => `"${version}"`;

/** The referrals API. */
export function referralsApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/referrals",
      tags,
      summary: "List referrals, those waiting for an answer first",
      description:
        "Any signed-in caller, by session or API token; each sees only the referrals to their own " +
        "organisations (advisors, navigators and org admins of the partner) and from cases of their own " +
        "organisations (navigators and org admins); the platform admin sees all. `organisation` is the partner " +
        "the referral went to.",
      request: { query: ListQuery },
      responses: {
        200: json(
          z.object({ items: z.array(ReferralSchema), total: z.number().int() }),
          "One page of referrals and how many match in all",
        ),
        400: fieldProblem("Invalid filters"),
        401: problem("No valid session or API token"),
      },
    }),
    async (c) => {
      const meta = staffMeta(c);
      const { items, total } = await listReferrals(c.var.deps.db, c.req.valid("query"), meta.actor);
      return c.json({ items: items.map(toReferralJson), total }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/referrals/{id}",
      tags,
      summary: "One referral with its message, company, notes and timeline",
      description: `${READERS}. Audited as a read. The ETag header carries the version.`,
      request: { params: ReferralParams },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(ReferralDetailSchema, "The referral"),
        401: problem("No valid session or API token"),
        404: problem("No such referral, or not one the caller may see"),
      },
    }),
    async (c) => {
      const detail = await getReferralDetail(c.var.deps.db, c.req.valid("param").id, staffMeta(c));
      const row = detail.referral;
      c.header("etag", etag(row.version));
      return c.json(
        {
          ...toReferralJson(row),
          message: row.message,
          company: row.company_id && row.company_name ? { id: row.company_id, name: row.company_name } : null,
          notes: detail.notes.map(toNoteJson),
          events: detail.events.map(toEventJson),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/referrals/{id}/actions",
      tags,
      summary: "Accept, start, decline, close or withdraw a referral",
      description:
        "accept, start (sent → accepted → in progress), decline (with a reason) and close (with an outcome): " +
        "advisors, navigators and org admins of the partner organisation the referral went to. withdraw: " +
        "navigators of the case's organisation and the platform admin. By session or API token; a caller who " +
        "may read the referral but not take this action gets 403, anyone else 404. Send the `version` you read " +
        "(or `If-Match`): when someone else acted first, nothing changes and the answer is 409 with the " +
        "referral as it is now, its status and who changed it. Every change is timed, attributed, audited, " +
        "notified and sent to the partner's webhooks.",
      request: {
        params: ReferralParams,
        headers: IfMatchHeaders,
        body: { content: { "application/json": { schema: ActionBody } }, required: true },
      },
      responses: {
        200: json(ReferralSchema, "The referral after the action (ETag: its new version)"),
        400: fieldProblem("Unknown action, a decline without reason, a close without outcome"),
        401: problem("No valid session or API token"),
        403: problem("The caller sees the referral but may not take this action"),
        404: problem("No such referral, or not one the caller may see"),
        409: {
          description: "The referral changed first (another action, or a stale version); nothing was changed",
          content: { "application/problem+json": { schema: ReferralConflictProblem } },
        },
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const fromHeader = versionFromIfMatch(c.req.valid("header")["if-match"]);
      if (fromHeader === "invalid")
        throw new FieldValidationError({
          "if-match": {
            sv: 'If-Match ska vara hänvisningens version, till exempel "3".',
            en: 'If-Match must be the referral\'s version, e.g. "3".',
          },
        });
      if (body.version !== undefined && fromHeader !== undefined && body.version !== fromHeader)
        throw new FieldValidationError({
          version: {
            sv: "Versionen och If-Match anger olika versioner.",
            en: "The version and If-Match name different versions.",
          },
        });
      const version = body.version ?? fromHeader;
      try {
        const row = await actOnReferral(
          c.var.deps.db,
          c.req.valid("param").id,
          { ...body, ...(version === undefined ? {} : { version }) },
          staffMeta(c),
          { publicUrl: c.var.deps.config.publicUrl },
        );
        c.header("etag", etag(row.version));
        return c.json(toReferralJson(row), 200);
      } catch (error) {
        if (error instanceof ReferralChangedError) {
          const problemBody: z.infer<typeof ReferralConflictProblem> = {
            type: "about:blank",
            title: error.code,
            status: 409,
            detail: error.message,
            instance: c.req.path,
            requestId: c.var.requestId,
            error: { code: error.code, message: error.message },
            referral: toReferralJson(error.current),
            changedBy: error.lastChange?.by ?? null,
            changedAt: error.lastChange ? error.lastChange.at.toISOString() : null,
          };
          return c.json(problemBody, 409, { ...PROBLEM_JSON, etag: etag(error.current.version) });
        }
        throw error;
      }
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/referrals/{id}/notes",
      tags,
      summary: "Add a note to a referral",
      description:
        "The partner organisation the referral went to (its advisors, navigators and org admins) and the case's " +
        "navigators and the platform admin, by session or API token; an org admin of the case's organisation " +
        "gets 403, anyone else 404. `internal` (default): only the author's organisation reads it; `shared`: " +
        "the other side reads it too (and the partner's webhooks get `referral.note-shared`). Audited.",
      request: {
        params: ReferralParams,
        body: { content: { "application/json": { schema: NoteBody } }, required: true },
      },
      responses: {
        201: json(z.object({ id: z.string() }), "The new note's id"),
        400: fieldProblem("Empty or too long note, or an unknown visibility"),
        401: problem("No valid session or API token"),
        403: problem("The caller sees the referral but may not add notes"),
        404: problem("No such referral, or not one the caller may see"),
      },
    }),
    async (c) => {
      const id = await addReferralNote(
        c.var.deps.db,
        c.req.valid("param").id,
        c.req.valid("json"),
        staffMeta(c),
      );
      return c.json({ id }, 201);
    },
  );

  return api;
}
