import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AuditContext, auditContext } from "#src/features/audit/audit.service.ts";
import type { Need } from "#src/features/needs/needs.schemas.ts";
import {
  DECLINE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  ReferInput,
} from "#src/features/referrals/referrals.schemas.ts";
import { type ReferralRow, referCase, referralsOfCase } from "#src/features/referrals/referrals.service.ts";
import { json, Problem, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { createFieldApiRouter, FieldProblem } from "#src/shared/field-errors.ts";
import {
  CASE_OPENED_VIA,
  CASE_PRIORITIES,
  CASE_STATUSES,
  CaseNoteInput,
  OpenCaseInput,
  UpdateCaseInput,
} from "./cases.schemas.ts";
import {
  addCaseNote,
  CaseChangedError,
  type CaseRow,
  type contactLogFor,
  getCaseDetail,
  listCases,
  openCase,
  updateCase,
} from "./cases.service.ts";

// /api/v1/cases: cases (ärenden) as their organisation's navigators work them — the list with filters, one
// case with its needs, referrals, notes, timeline and contact log, changes with lost-update protection,
// referrals to partners' offers and notes. The shapes of referrals, notes and timeline events are shared with
// /api/v1/referrals (referrals.api.ts imports them from here).

const tags = ["Cases"];
const READERS =
  "Navigators and org admins of the case's organisation (the organisation of the team it is routed to) and the " +
  "platform admin, by session or API token. Any other caller gets 404: other organisations' cases are not revealed";
const WORKERS =
  "Navigators of the case's organisation and the platform admin, by session or API token. An org admin of the " +
  "case's organisation reads but does not change it (403); any other caller gets 404";

/** The signed-in caller's audit context; anonymous callers get 401. */
export function staffMeta(c: Context<AppEnv>): AuditContext {
  if (c.var.actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return auditContext(c);
}

/** A timestamp (or null) as ISO 8601 text. */
export function iso(value: Date | string): string;
export function iso(value: Date | string | null): string | null;
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Headers for a problem document answered with c.json (the key's case matters: it replaces Hono's default). */
export const PROBLEM_JSON = { "Content-Type": "application/problem+json; charset=utf-8" };

/** An OpenAPI response entry for a problem document with per-field `errors` (as sent: problem+json). */
export function fieldProblem(description: string) {
  return { description, content: { "application/problem+json": { schema: FieldProblem } } };
}

const Ref = z.object({ id: z.string(), name: z.string() });

// ---- Referrals (the item of GET /api/v1/referrals, also listed on a case) ----

/** A referral as lists show it; `organisation` is the partner it went to. */
export const ReferralSchema = z
  .object({
    id: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    case: z.object({ id: z.string(), number: z.number().int() }),
    offer: Ref,
    organisation: Ref.openapi({ description: "The partner organisation the referral went to" }),
    outcome: z.enum(REFERRAL_OUTCOMES).nullable().openapi({ description: "Set when closed" }),
    declineReason: z.enum(DECLINE_REASONS).nullable().openapi({ description: "Set when declined" }),
    sentAt: z.string(),
    respondBy: z.string().openapi({ description: "The partner's first answer is due (working days)" }),
    respondedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z
      .number()
      .int()
      .openapi({ description: "Send it back with an action (or as If-Match) to detect others' changes" }),
  })
  .openapi("Referral");
export type ReferralJson = z.infer<typeof ReferralSchema>;

/** A referral row as the API shows it. */
export function toReferralJson(row: ReferralRow): ReferralJson {
  return {
    id: row.id,
    status: row.status,
    case: { id: row.case_id, number: row.case_number },
    offer: { id: row.offer_id, name: row.offer_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    outcome: row.outcome,
    declineReason: row.decline_reason,
    sentAt: iso(row.sent_at),
    respondBy: iso(row.respond_by),
    respondedAt: iso(row.responded_at),
    closedAt: iso(row.closed_at),
    version: row.version,
  };
}

// ---- Notes, timeline events, contact log ----

export const CaseNoteSchema = z
  .object({
    id: z.string(),
    referralId: z.string().nullable().openapi({ description: "Set for a note on one referral" }),
    organisation: Ref.openapi({ description: "The organisation the author wrote for" }),
    author: z.string(),
    visibility: z.enum(["internal", "shared"]).openapi({
      description: "internal: only the author's organisation reads it; shared: the case's and partner's side",
    }),
    body: z.string().openapi({ description: "Plain text (never HTML)" }),
    createdAt: z.string(),
  })
  .openapi("CaseNote");

type NoteRow = {
  id: string;
  referral_id: string | null;
  organisation_id: string;
  organisation_name: string;
  author_label: string;
  visibility: "internal" | "shared";
  body: string;
  created_at: Date;
};

export function toNoteJson(row: NoteRow): z.infer<typeof CaseNoteSchema> {
  return {
    id: row.id,
    referralId: row.referral_id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    author: row.author_label,
    visibility: row.visibility,
    body: row.body,
    createdAt: iso(row.created_at),
  };
}

export const CaseEventSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.string().openapi({
      description:
        "opened, routed, status, priority, assigned, team, summary, referral, note, contact, reminded, escalated, follow-up-answer",
    }),
    referralId: z.string().nullable(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    actor: z.object({
      label: z.string().openapi({ description: "Who did it: a person, a token, the company or Lots" }),
      organisation: Ref.nullable(),
    }),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("CaseEvent");

type EventRow = {
  id: string;
  at: Date;
  kind: string;
  referral_id: string | null;
  from_status: string | null;
  to_status: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  actor_organisation_name: string | null;
  details: Record<string, unknown>;
};

export function toEventJson(row: EventRow): z.infer<typeof CaseEventSchema> {
  return {
    id: row.id,
    at: iso(row.at),
    kind: row.kind,
    referralId: row.referral_id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    actor: {
      label: row.actor_label,
      organisation:
        row.actor_organisation_id && row.actor_organisation_name
          ? { id: row.actor_organisation_id, name: row.actor_organisation_name }
          : null,
    },
    details: typeof row.details === "object" && row.details !== null ? row.details : {},
  };
}

const ContactLogSchema = z
  .object({
    id: z.string(),
    organisation: Ref,
    actorLabel: z.string(),
    channel: z.string(),
    contactedAt: z.string(),
    caseId: z.string().nullable(),
    referralId: z.string().nullable(),
    summary: z
      .string()
      .nullable()
      .openapi({ description: "Only for the organisation that logged it; null for everyone else" }),
  })
  .openapi("ContactLogEntry");

type ContactLogRow = Awaited<ReturnType<typeof contactLogFor>>[number];

const toContactLogJson = (row: ContactLogRow): z.infer<typeof ContactLogSchema> => ({
  id: row.id,
  organisation: { id: row.organisationId, name: row.organisationName },
  actorLabel: row.actorLabel,
  channel: row.channel,
  contactedAt: iso(row.contactedAt),
  caseId: row.caseId,
  referralId: row.referralId,
  summary: row.summary,
});

// ---- Cases ----

const CaseListItemSchema = z
  .object({
    id: z.string(),
    number: z.number().int().openapi({ description: "The case number people say aloud" }),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(CASE_PRIORITIES),
    openedVia: z.enum(CASE_OPENED_VIA),
    company: Ref.nullable().openapi({ description: "Null once the company is erased" }),
    team: Ref,
    organisation: Ref.openapi({ description: "The organisation whose navigators work the case" }),
    assignee: Ref.nullable(),
    theme: z.string().nullable(),
    municipality: z.string().nullable().openapi({ description: "The company's municipality code" }),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    version: z.number().int().openapi({ description: "Send it back with a change (PATCH)" }),
  })
  .openapi("CaseListItem");

const CaseSchema = CaseListItemSchema.extend({
  summary: z.string().openapi({ description: "The navigator's summary, plain text" }),
  sniSection: z.string().nullable(),
  sizeBand: z.string().nullable(),
  followUp: z.object({
    dueAt: z.string().nullable().openapi({ description: "When the company is asked whether it helped" }),
    answer: z.enum(REFERRAL_OUTCOMES).nullable(),
  }),
}).openapi("Case");

function toCaseListItemJson(row: CaseRow): z.infer<typeof CaseListItemSchema> {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    openedVia: row.opened_via,
    company: row.company_id && row.company_name ? { id: row.company_id, name: row.company_name } : null,
    team: { id: row.team_id, name: row.team_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    assignee:
      row.assigned_user_id && row.assigned_user_name
        ? { id: row.assigned_user_id, name: row.assigned_user_name }
        : null,
    theme: row.theme,
    municipality: row.municipality_code,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    closedAt: iso(row.closed_at),
    version: row.version,
  };
}

function toCaseJson(row: CaseRow): z.infer<typeof CaseSchema> {
  return {
    ...toCaseListItemJson(row),
    summary: row.summary,
    sniSection: row.sni_section,
    sizeBand: row.size_band,
    followUp: { dueAt: iso(row.follow_up_due_at), answer: row.follow_up_answer },
  };
}

const CaseNeedSchema = z
  .object({
    id: z.string(),
    theme: z.string(),
    urgency: z.string(),
    description: z.string().openapi({ description: "Plain text in the company's words" }),
    status: z.string(),
    createdAt: z.string(),
  })
  .openapi("CaseNeed");

const toCaseNeedJson = (need: Need): z.infer<typeof CaseNeedSchema> => ({
  id: need.id,
  theme: need.theme,
  urgency: need.urgency,
  description: need.description,
  status: need.status,
  createdAt: iso(need.createdAt),
});

const CaseDetailSchema = CaseSchema.extend({
  canWork: z
    .boolean()
    .openapi({ description: "Whether the caller may change the case, refer it and add notes" }),
  needs: z.array(CaseNeedSchema),
  referrals: z.array(ReferralSchema).openapi({ description: "Every referral of the case, oldest first" }),
  notes: z.array(CaseNoteSchema).openapi({
    description: "Shared notes, and internal notes of the caller's own organisations only",
  }),
  events: z
    .array(CaseEventSchema)
    .openapi({ description: "The timeline, oldest first, as the caller may see it" }),
  contacts: z.array(ContactLogSchema).openapi({
    description: "The company's contacts across the network, newest first: who and when for everyone",
  }),
}).openapi("CaseDetail");

const CaseConflictProblem = Problem.extend({
  case: CaseSchema.openapi({ description: "The case as it is now" }),
}).openapi("CaseConflictProblem");

const CaseListQuery = z.object({
  queue: z
    .enum(["mine", "team", "all"])
    .default("all")
    .openapi({
      description:
        "all (default): every case the caller may read; team: cases of the caller's teams; mine: assigned to the " +
        "caller. team and mine need a person (a session): an API token has no teams and no cases of its own",
    }),
  status: z
    .enum([...CASE_STATUSES, "open", "any"])
    .default("open")
    .openapi({ description: "open (default): every status but closed" }),
  priority: z.enum(CASE_PRIORITIES).optional(),
  theme: z.string().max(40).optional().openapi({ description: "A theme code (see /reference/themes)" }),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .openapi({ description: "A municipality code, four digits" }),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({ description: "Part of the company name or summary, or a case number" }),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const CaseParams = z.object({ id: z.uuid("the case id is a UUID") });

const OpenCaseBody = OpenCaseInput.openapi("OpenCase");
const UpdateCaseBody = UpdateCaseInput.openapi("UpdateCase");
const ReferBody = ReferInput.openapi("ReferCase");
const NoteBody = CaseNoteInput.openapi("NewNote");

/** The cases API. */
export function casesApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/cases",
      tags,
      summary: "List cases, the most urgent first",
      description:
        "Navigators and org admins (cases of their organisations) and the platform admin (every case), by " +
        "session or API token; other signed-in callers get an empty list. Ordered by priority, open before " +
        "closed, then newest.",
      request: { query: CaseListQuery },
      responses: {
        200: json(
          z.object({ items: z.array(CaseListItemSchema), total: z.number().int() }),
          "One page of cases and how many match in all",
        ),
        400: fieldProblem("Invalid filters"),
        401: problem("No valid session or API token"),
      },
    }),
    async (c) => {
      const { items, total } = await listCases(c.var.deps.db, c.req.valid("query"), staffMeta(c));
      return c.json({ items: items.map(toCaseListItemJson), total }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/cases",
      tags,
      summary: "Open a case by hand (a phone call, a meeting)",
      description:
        "Navigators of any organisation and the platform admin, by session or API token. The case takes the " +
        "company's chosen needs (`needIds`, not already in a case) and/or a new need (`newNeed`); the routing " +
        "rules pick its team, whose members are notified. Audited.",
      request: { body: { content: { "application/json": { schema: OpenCaseBody } }, required: true } },
      responses: {
        201: json(z.object({ id: z.string(), number: z.number().int() }), "The new case"),
        400: fieldProblem("Invalid fields, each with a message in Swedish and English"),
        401: problem("No valid session or API token"),
        403: problem("Not a navigator or platform admin"),
        404: problem("No such company"),
        409: problem("No routing rule matches and there is no catch-all team"),
      },
    }),
    async (c) => {
      const created = await openCase(c.var.deps.db, c.req.valid("json"), staffMeta(c), {
        publicUrl: c.var.deps.config.publicUrl,
      });
      return c.json({ id: created.id, number: created.number }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/cases/{id}",
      tags,
      summary: "One case with its needs, referrals, notes, timeline and contact log",
      description: `${READERS}. Audited as a read.`,
      request: { params: CaseParams },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(CaseDetailSchema, "The case"),
        401: problem("No valid session or API token"),
        404: problem("No such case, or not one the caller may read"),
      },
    }),
    async (c) => {
      const db = c.var.deps.db;
      const detail = await getCaseDetail(db, c.req.valid("param").id, staffMeta(c));
      const referrals = await referralsOfCase(db, detail.case.id);
      return c.json(
        {
          ...toCaseJson(detail.case),
          canWork: detail.canWork,
          needs: detail.needs.map(toCaseNeedJson),
          referrals: referrals.map(toReferralJson),
          notes: detail.notes.map(toNoteJson),
          events: detail.events.map(toEventJson),
          contacts: detail.contacts.map(toContactLogJson),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/cases/{id}",
      tags,
      summary: "Change a case's status, priority, assignee, team or summary",
      description:
        `${WORKERS}. Send the \`version\` you read: when someone changed the case since, nothing is saved and ` +
        "the answer is 409 with the case as it is now. Closing starts the 30-day wait for the company's " +
        "follow-up question. Timed, attributed and audited.",
      request: {
        params: CaseParams,
        body: { content: { "application/json": { schema: UpdateCaseBody } }, required: true },
      },
      responses: {
        200: json(CaseSchema, "The case after the change"),
        400: fieldProblem("Invalid fields"),
        401: problem("No valid session or API token"),
        403: problem("The caller reads the case but may not change it"),
        404: problem("No such case or team, or not a case the caller may read"),
        409: {
          description: "Someone else changed the case since `version`; nothing was saved",
          content: { "application/problem+json": { schema: CaseConflictProblem } },
        },
      },
    }),
    async (c) => {
      try {
        const row = await updateCase(
          c.var.deps.db,
          c.req.valid("param").id,
          c.req.valid("json"),
          staffMeta(c),
        );
        return c.json(toCaseJson(row), 200);
      } catch (error) {
        if (error instanceof CaseChangedError) {
          const body: z.infer<typeof CaseConflictProblem> = {
            type: "about:blank",
            title: error.code,
            status: 409,
            detail: error.message,
            instance: c.req.path,
            requestId: c.var.requestId,
            error: { code: error.code, message: error.message },
            case: toCaseJson(error.current),
          };
          return c.json(body, 409, PROBLEM_JSON);
        }
        throw error;
      }
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/cases/{id}/referrals",
      tags,
      summary: "Refer a case to one or more offers",
      description:
        `${WORKERS}. Refused (400, naming \`offerIds\` and the organisation) when the company has not ` +
        "consented to its case being passed to an offer's organisation, for an inactive offer, for an offer the " +
        "case is already open at, and for a closed case. Each referral gets its response deadline in Swedish " +
        "working days from the partner's settings; the partner is notified and its webhooks get `referral.sent`.",
      request: {
        params: CaseParams,
        body: { content: { "application/json": { schema: ReferBody } }, required: true },
      },
      responses: {
        201: json(z.object({ ids: z.array(z.string()) }), "The new referrals' ids"),
        400: fieldProblem("Invalid offers, no consent, or the case is closed (under `offerIds`)"),
        401: problem("No valid session or API token"),
        403: problem("The caller reads the case but may not refer it"),
        404: problem("No such case, or not a case the caller may read"),
        409: problem("The company of this case was erased"),
      },
    }),
    async (c) => {
      const ids = await referCase(c.var.deps.db, c.req.valid("param").id, c.req.valid("json"), staffMeta(c), {
        publicUrl: c.var.deps.config.publicUrl,
      });
      return c.json({ ids }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/cases/{id}/notes",
      tags,
      summary: "Add a note to a case",
      description:
        `${WORKERS}. \`internal\` (default): only the case's organisation reads it; \`shared\`: partners the ` +
        "case is referred to read it too. Audited.",
      request: {
        params: CaseParams,
        body: { content: { "application/json": { schema: NoteBody } }, required: true },
      },
      responses: {
        201: json(z.object({ id: z.string() }), "The new note's id"),
        400: fieldProblem("Empty or too long note, or an unknown visibility"),
        401: problem("No valid session or API token"),
        403: problem("The caller reads the case but may not add notes"),
        404: problem("No such case, or not a case the caller may read"),
      },
    }),
    async (c) => {
      const id = await addCaseNote(c.var.deps.db, c.req.valid("param").id, c.req.valid("json"), staffMeta(c));
      return c.json({ id }, 201);
    },
  );

  return api;
}
