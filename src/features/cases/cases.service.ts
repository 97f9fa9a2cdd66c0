import type { Db } from "#src/db/client.ts";
import type { CaseOpenedVia, CaseStatus, NeedUrgency } from "#src/db/schema.ts";
import { type AuditActor, type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { getCompany } from "#src/features/companies/companies.intake.service.ts";
import type { Company } from "#src/features/companies/companies.schemas.ts";
import { hasActiveReferralConsent } from "#src/features/consent/consent.service.ts";
import { needsReadScope } from "#src/features/needs/needs.policy.ts";
import { createNeed, listNeedsOfCompany, setNeedsStatusForCase } from "#src/features/needs/needs.service.ts";
import { notifyUsers } from "#src/features/notifications/notifications.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import {
  activeTeamMembers,
  getTeam,
  routeCase,
  teamIdsOfUser,
} from "#src/features/routing/routing.service.ts";
import { actorLabel, isPlatformAdmin, organisationsWithRole } from "#src/shared/auth/actor.ts";
import { scopeIncludes } from "#src/shared/auth/scope.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { caseOpenedNotification } from "./cases.mail.ts";
import { canOpenCase, canReadCase, canWorkCase, caseReadScope } from "./cases.policy.ts";
import * as repository from "./cases.repository.ts";
import {
  CaseListQuery,
  CaseNoteInput,
  ContactInput,
  OpenCaseInput,
  UpdateCaseInput,
} from "./cases.schemas.ts";

// Cases (ärenden, issue 7): a company's needs followed to the end by a navigator team. A case opens by
// itself from an intake when the company consented to contact, or by hand; routing picks the team; the
// timeline records everything that happens, attributed and timed.

/** Runs `work` in the caller's transaction, or in a new one (the demo seed runs everything in one). */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type CaseRow = repository.CaseRow;
export const FOLLOW_UP_DAYS = 30;
const URGENCY_ORDER: Record<NeedUrgency, number> = { now: 0, "within-6-months": 1, later: 2 };

/** The label and ids an event or audit entry records for an actor. */
export function actorFacts(actor: AuditActor, organisationId: string | null) {
  return {
    actor_user_id: actor.kind === "user" ? actor.userId : null,
    actor_label:
      actor.kind === "system" ? actor.label : actor.kind === "user" ? actor.name : actorLabel(actor),
    actor_organisation_id: organisationId,
  };
}

/** The organisation an actor acts for on a case: the case's own when they belong to it, else their first. */
function actingOrganisation(actor: AuditActor, caseOrganisationId: string): string | null {
  if (actor.kind === "system" || actor.kind === "anonymous") return null;
  const own = organisationsWithRole(actor, [
    "navigator",
    "org-admin",
    "advisor",
    "analyst",
    "platform-admin",
  ]);
  return own.includes(caseOrganisationId) ? caseOrganisationId : (own[0] ?? null);
}

type Routed = { teamId: string; organisationId: string; ruleId: string | null };

async function routingFactsOf(db: Db, company: Company, theme: string | null) {
  return {
    theme,
    municipalityCode: company.municipalityCode,
    sniSection: (await reference.sniSectionOf(db, company.sniCode)) ?? null,
  };
}

async function insertOpenedCase(
  db: Db,
  input: {
    company: Company;
    needIds: readonly string[];
    theme: string | null;
    routed: Routed;
    openedVia: CaseOpenedVia;
    priority: "low" | "normal" | "high";
    summary: string;
    sniSection: string | null;
    actor: AuditActor;
    at: Date;
    publicUrl?: string | undefined;
  },
): Promise<{ id: string; number: number }> {
  const { company, routed, actor, at } = input;
  const created = await repository.insertCase(db, {
    company_id: company.id,
    team_id: routed.teamId,
    organisation_id: routed.organisationId,
    opened_via: input.openedVia,
    priority: input.priority,
    routing_rule_id: routed.ruleId,
    summary: input.summary,
    theme: input.theme,
    municipality_code: company.municipalityCode,
    sni_section: input.sniSection,
    size_band: company.sizeBand,
    created_by_user_id: actor.kind === "user" ? actor.userId : null,
    created_by_label:
      actor.kind === "system" ? actor.label : actor.kind === "anonymous" ? "company" : actorLabel(actor),
    created_at: at,
    updated_at: at,
  });
  await repository.insertCaseNeeds(db, created.id, input.needIds);
  await setNeedsStatusForCase(db, input.needIds, "in-case", at);
  const team = await getTeam(db, routed.teamId);
  await repository.insertEvent(db, {
    case_id: created.id,
    at,
    ...actorFacts(
      actor,
      actor.kind === "anonymous" ? null : actingOrganisation(actor, routed.organisationId),
    ),
    ...(actor.kind === "anonymous" ? { actor_label: company.name } : {}),
    kind: "opened",
    to_status: "new",
    details: JSON.stringify({ via: input.openedVia, needs: input.needIds.length }),
  });
  await repository.insertEvent(db, {
    case_id: created.id,
    at,
    actor_user_id: null,
    actor_label: "Lots",
    actor_organisation_id: null,
    kind: "routed",
    details: JSON.stringify({ team: team.name, teamId: team.id, rule: routed.ruleId ?? "catch-all" }),
  });
  const members = await activeTeamMembers(db, routed.teamId);
  await notifyUsers(
    db,
    members.map((m) => ({ userId: m.user_id, email: m.email, locale: m.locale })),
    caseOpenedNotification({
      number: created.number,
      caseId: created.id,
      companyName: company.name,
      teamName: team.name,
      publicUrl: input.publicUrl,
    }),
  );
  return created;
}

/**
 * Opens a case from an intake's needs, in the intake's transaction, when the company consented to being
 * contacted and referred: routed by the most urgent need's theme, the company's municipality and SNI
 * section. Returns undefined (no case; the needs wait in the needs list) without consent or without a
 * team to route to. No policy: the intake decided; the team is notified.
 */
export async function openCaseFromIntake(
  db: Db,
  input: {
    company: Company;
    needs: readonly { id: string; theme: string; urgency: NeedUrgency }[];
    actor: AuditActor;
    at: Date;
    /** The server's public address, for links in the team's e-mail. */
    publicUrl?: string | undefined;
  },
): Promise<{ id: string; number: number } | undefined> {
  const { company, needs, at } = input;
  if (needs.length === 0) return undefined;
  if (!(await hasActiveReferralConsent(db, company.id))) return undefined;
  const inCases = new Set(
    await repository.needsInCases(
      db,
      needs.map((n) => n.id),
    ),
  );
  const open = needs.filter((n) => !inCases.has(n.id));
  if (open.length === 0) return undefined;
  const first = [...open].sort((a, b) => URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency])[0]!;
  const facts = await routingFactsOf(db, company, first.theme);
  const routed = await routeCase(db, facts);
  if (!routed) return undefined;
  const created = await insertOpenedCase(db, {
    company,
    needIds: open.map((n) => n.id),
    theme: first.theme,
    routed,
    openedVia: "intake",
    priority: first.urgency === "now" ? "high" : "normal",
    summary: "",
    sniSection: facts.sniSection,
    actor: input.actor,
    at,
    publicUrl: input.publicUrl,
  });
  await recordAudit(db, {
    actor: input.actor,
    action: "create",
    recordType: "case",
    recordId: created.id,
    organisationId: routed.organisationId,
    details: { via: "intake", needs: open.length, rule: routed.ruleId ?? "catch-all" },
  });
  return created;
}

/** Opens a case by hand (a phone call, a meeting): a navigator or the platform admin. Audited. */
export async function openCase(
  db: Db,
  input: unknown,
  ctx: AuditContext,
  options: { publicUrl?: string; now?: Date } = {},
): Promise<{ id: string; number: number }> {
  if (!canOpenCase(ctx.actor)) throw new AppError("FORBIDDEN", "Only navigators open cases.");
  const parsed = OpenCaseInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const value = parsed.data;
  const company = await getCompany(db, value.companyId);
  const known = await listNeedsOfCompany(db, company.id);
  const chosen = known.filter((n) => value.needIds.includes(n.id));
  if (chosen.length !== value.needIds.length)
    throw new FieldValidationError({
      needIds: { sv: "Ett valt behov hör inte till företaget.", en: "A chosen need is not the company's." },
    });
  // Only needs the navigator may read: another organisation's need is not theirs to take into a case.
  const scope = needsReadScope(ctx.actor);
  if (chosen.some((n) => !scopeIncludes(scope, n.organisationId)))
    throw new FieldValidationError({
      needIds: {
        sv: "Ett valt behov hör till en annan organisation.",
        en: "A chosen need belongs to another organisation.",
      },
    });
  const taken = await repository.needsInCases(db, value.needIds);
  if (taken.length > 0)
    throw new FieldValidationError({
      needIds: { sv: "Ett valt behov finns redan i ett ärende.", en: "A chosen need is already in a case." },
    });
  const at = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const needIds = [...value.needIds];
    let theme = chosen[0]?.theme ?? null;
    if (value.newNeed) {
      const organisationId = organisationsWithRole(ctx.actor, ["navigator"])[0];
      const need = await createNeed(
        trx,
        {
          companyId: company.id,
          theme: value.newNeed.theme,
          description: value.newNeed.description,
          urgency: value.newNeed.urgency,
          source: "navigator",
          ...(organisationId ? { organisationId } : {}),
        },
        ctx,
        options.now ? { now: options.now } : {},
      );
      needIds.push(need.id);
      theme ??= need.theme;
    }
    const facts = await routingFactsOf(trx, company, theme);
    const routed = await routeCase(trx, facts);
    if (!routed)
      throw new AppError(
        "CONFLICT",
        "No routing rule matches and no catch-all team is set; ask the platform admin.",
      );
    const created = await insertOpenedCase(trx, {
      company,
      needIds,
      theme,
      routed,
      openedVia: value.openedVia,
      priority: value.priority,
      summary: value.summary,
      sniSection: facts.sniSection,
      actor: ctx.actor,
      at,
      publicUrl: options.publicUrl,
    });
    await recordAudit(trx, {
      ...ctx,
      action: "create",
      recordType: "case",
      recordId: created.id,
      organisationId: routed.organisationId,
      details: { via: value.openedVia, needs: needIds.length },
    });
    return created;
  });
}

/** A case the actor may read, or NOT_FOUND (another organisation's case is not revealed). */
export async function readableCase(db: Db, caseId: string, actor: AuditActor): Promise<CaseRow> {
  const row = /^[0-9a-f-]{36}$/i.test(caseId) ? await repository.findCase(db, caseId) : undefined;
  if (!row || !canReadCase(actor, row.organisation_id)) throw new AppError("NOT_FOUND", "No such case.");
  return row;
}

/** A case the actor may work, or NOT_FOUND / FORBIDDEN. */
export async function workableCase(db: Db, caseId: string, actor: AuditActor): Promise<CaseRow> {
  const row = await readableCase(db, caseId, actor);
  if (!canWorkCase(actor, row.organisation_id))
    throw new AppError("FORBIDDEN", "Only the case organisation's navigators change it.");
  return row;
}

/** The cases of a queue (mine, my teams', all I may read) with filters; one page and the total. */
export async function listCases(db: Db, query: unknown, ctx: AuditContext) {
  const parsed = CaseListQuery.safeParse(query);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const q = parsed.data;
  const scope = caseReadScope(ctx.actor);
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : undefined;
  const filter: repository.CaseListFilter = {
    page: q.page,
    pageSize: q.pageSize,
    ...(q.status !== "any" ? { status: q.status } : {}),
    ...(q.priority ? { priority: q.priority } : {}),
    ...(q.theme ? { theme: q.theme } : {}),
    ...(q.municipality ? { municipalityCode: q.municipality } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
  if (q.queue === "mine") filter.assignedUserId = userId ?? "00000000-0000-0000-0000-000000000000";
  if (q.queue === "team") filter.teamIds = userId ? await teamIdsOfUser(db, userId) : [];
  const [items, total] = await Promise.all([
    repository.listCases(db, scope, filter),
    repository.countCases(db, scope, filter),
  ]);
  return { items, total, query: q };
}

/** Everything the case page shows, filtered to what the actor's organisation may see. Audited (a read). */
export async function getCaseDetail(db: Db, caseId: string, ctx: AuditContext) {
  const row = await readableCase(db, caseId, ctx.actor);
  const own = isPlatformAdmin(ctx.actor) ? ("all" as const) : ownOrganisations(ctx.actor);
  const needIds = new Set(await repository.needIdsOfCase(db, row.id));
  const company = row.company_id ? await getCompany(db, row.company_id) : undefined;
  const needs = company ? (await listNeedsOfCompany(db, company.id)).filter((n) => needIds.has(n.id)) : [];
  const [events, notes, contacts] = await Promise.all([
    repository.listEvents(db, row.id, own),
    repository.listNotes(db, { caseId: row.id }, own),
    company ? contactLogFor(db, company.id, ctx.actor) : Promise.resolve([]),
  ]);
  await recordAudit(db, {
    ...ctx,
    action: "read",
    recordType: "case",
    recordId: row.id,
    organisationId: row.organisation_id,
  });
  return {
    case: row,
    company,
    needs,
    events,
    notes,
    contacts,
    canWork: canWorkCase(ctx.actor, row.organisation_id),
  };
}

function ownOrganisations(actor: AuditActor): string[] {
  if (actor.kind !== "user" && actor.kind !== "token") return [];
  return organisationsWithRole(actor, ["navigator", "org-admin", "advisor", "analyst", "platform-admin"]);
}

/**
 * A company's contacts across the network: who (organisation and person) and when, for everyone who may
 * see the company; the summary only for the organisation that wrote it.
 */
export async function contactLogFor(db: Db, companyId: string, actor: AuditActor) {
  const own = isPlatformAdmin(actor as never) ? null : new Set(ownOrganisations(actor));
  return (await repository.listContacts(db, companyId)).map((c) => ({
    id: c.id,
    organisationId: c.organisation_id,
    organisationName: c.organisation_name,
    actorLabel: c.actor_label,
    channel: c.channel,
    contactedAt: c.contacted_at,
    caseId: c.case_id,
    referralId: c.referral_id,
    summary: own === null || own.has(c.organisation_id) ? c.summary : null,
  }));
}

class CaseChangedError extends AppError {
  constructor(readonly current: CaseRow) {
    super("CONFLICT", `Someone else changed this case (now ${current.status}); reload it and try again.`);
    this.name = "CaseChangedError";
  }
}

export { CaseChangedError };

/**
 * Changes a case's status, priority, assignee, team or summary, if nobody changed it since the navigator
 * saw `version` (else CaseChangedError, a CONFLICT carrying the case as it is now). Closing starts the
 * 30-day wait for the company's follow-up question and marks the case's needs met. Timed, attributed, audited.
 */
export async function updateCase(
  db: Db,
  caseId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<CaseRow> {
  const row = await workableCase(db, caseId, ctx.actor);
  const parsed = UpdateCaseInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const change = parsed.data;
  const at = options.now ?? new Date();
  const changes: Parameters<typeof repository.updateCaseIfVersion>[3] = {};
  const events: {
    kind: string;
    from?: string | null;
    to?: string | null;
    details?: Record<string, unknown>;
  }[] = [];
  if (change.status && change.status !== row.status) {
    changes.status = change.status;
    changes.closed_at = change.status === "closed" ? at : null;
    changes.follow_up_due_at =
      change.status === "closed" ? new Date(at.getTime() + FOLLOW_UP_DAYS * 86_400_000) : null;
    events.push({ kind: "status", from: row.status, to: change.status });
  }
  if (change.priority && change.priority !== row.priority) {
    changes.priority = change.priority;
    events.push({ kind: "priority", from: row.priority, to: change.priority });
  }
  if (change.assignedUserId !== undefined && change.assignedUserId !== row.assigned_user_id) {
    changes.assigned_user_id = change.assignedUserId;
    events.push({ kind: "assigned", details: { userId: change.assignedUserId } });
  }
  if (change.teamId && change.teamId !== row.team_id) {
    const team = await getTeam(db, change.teamId);
    changes.team_id = team.id;
    changes.organisation_id = team.organisation_id;
    if (team.organisation_id !== row.organisation_id) changes.assigned_user_id = null;
    events.push({ kind: "team", details: { from: row.team_name, to: team.name } });
  }
  if (change.summary !== undefined && change.summary !== row.summary) {
    changes.summary = change.summary;
    events.push({ kind: "summary" });
  }
  if (events.length === 0) return row;
  await inTransaction(db, async (trx) => {
    const done = await repository.updateCaseIfVersion(trx, row.id, change.version, changes, at);
    if (!done) throw new CaseChangedError((await repository.findCase(trx, row.id))!);
    for (const event of events)
      await repository.insertEvent(trx, {
        case_id: row.id,
        at,
        ...actorFacts(ctx.actor, actingOrganisation(ctx.actor, row.organisation_id)),
        kind: event.kind,
        from_status: event.from ?? null,
        to_status: event.to ?? null,
        details: JSON.stringify(event.details ?? {}),
      });
    if (changes.status === "closed" || (row.status === "closed" && changes.status))
      await setNeedsStatusForCase(
        trx,
        await repository.needIdsOfCase(trx, row.id),
        changes.status === "closed" ? "met" : "in-case",
        at,
      );
    await recordAudit(trx, {
      ...ctx,
      action: "update",
      recordType: "case",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { changes: events.map((e) => e.kind) },
    });
  });
  return (await repository.findCase(db, row.id))!;
}

/**
 * Moves a case as a consequence of its referrals (no policy, no version check: the system's own move,
 * recorded on the timeline). Closing here also starts the follow-up wait and marks the needs met.
 */
export async function moveCaseForReferrals(
  db: Db,
  caseId: string,
  status: CaseStatus,
  at: Date,
): Promise<void> {
  const row = await repository.findCase(db, caseId);
  if (!row || row.status === status) return;
  await repository.updateCase(
    db,
    caseId,
    {
      status,
      closed_at: status === "closed" ? at : null,
      follow_up_due_at: status === "closed" ? new Date(at.getTime() + FOLLOW_UP_DAYS * 86_400_000) : null,
    },
    at,
  );
  await repository.insertEvent(db, {
    case_id: caseId,
    at,
    actor_user_id: null,
    actor_label: "Lots",
    actor_organisation_id: null,
    kind: "status",
    from_status: row.status,
    to_status: status,
    details: JSON.stringify({ because: "referrals" }),
  });
  if (status === "closed")
    await setNeedsStatusForCase(db, await repository.needIdsOfCase(db, caseId), "met", at);
}

/** Adds an event to a case's timeline (the referrals feature records its changes here). */
export async function recordCaseEvent(
  db: Db,
  event: {
    caseId: string;
    referralId?: string | null;
    actor: AuditActor;
    organisationId: string | null;
    kind: string;
    from?: string | null;
    to?: string | null;
    visibility?: "network" | "organisation";
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await repository.insertEvent(db, {
    case_id: event.caseId,
    referral_id: event.referralId ?? null,
    at: event.at,
    ...actorFacts(event.actor, event.organisationId),
    kind: event.kind,
    from_status: event.from ?? null,
    to_status: event.to ?? null,
    visibility: event.visibility ?? "network",
    details: JSON.stringify(event.details ?? {}),
  });
}

/** A case's timeline as this actor's organisations may see it (partners: their referral's events). */
export function caseEventsFor(db: Db, caseId: string, actor: AuditActor, referralId?: string) {
  const own = actor.kind !== "system" && isPlatformAdmin(actor) ? ("all" as const) : ownOrganisations(actor);
  return repository
    .listEvents(db, caseId, own)
    .then((events) => (referralId ? events.filter((e) => e.referral_id === referralId) : events));
}

/** Adds a note to a case (internal to the author's organisation, or shared with the network). */
export async function addCaseNote(
  db: Db,
  caseId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<string> {
  const row = await workableCase(db, caseId, ctx.actor);
  const parsed = CaseNoteInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  return addNote(
    db,
    { caseId: row.id, companyId: row.company_id, organisationId: row.organisation_id },
    parsed.data,
    ctx,
    options,
  );
}

/** Stores a note for a case or one of its referrals, with its timeline event; the caller checked access. */
export async function addNote(
  db: Db,
  target: { caseId: string; referralId?: string; companyId: string | null; organisationId: string },
  note: { body: string; visibility: "internal" | "shared" },
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<string> {
  const at = options.now ?? new Date();
  const run = async (trx: Db) => {
    const id = await repository.insertNote(trx, {
      case_id: target.caseId,
      referral_id: target.referralId ?? null,
      company_id: target.companyId,
      organisation_id: target.organisationId,
      author_user_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      author_label: ctx.actor.kind === "user" ? ctx.actor.name : actorLabel(ctx.actor),
      visibility: note.visibility,
      body: note.body,
      created_at: at,
    });
    await recordCaseEvent(trx, {
      caseId: target.caseId,
      referralId: target.referralId ?? null,
      actor: ctx.actor,
      organisationId: target.organisationId,
      kind: "note",
      visibility: note.visibility === "shared" ? "network" : "organisation",
      details: { noteId: id, visibility: note.visibility },
      at,
    });
    await recordAudit(trx, {
      ...ctx,
      action: "create",
      recordType: "case-note",
      recordId: id,
      organisationId: target.organisationId,
      details: { caseId: target.caseId, visibility: note.visibility },
    });
    return id;
  };
  return inTransaction(db, run);
}

/** A case's (or a referral's) notes that the actor's organisations may read. */
export function notesFor(db: Db, where: { caseId?: string; referralId?: string }, actor: AuditActor) {
  const own = actor.kind !== "system" && isPlatformAdmin(actor) ? ("all" as const) : ownOrganisations(actor);
  return repository.listNotes(db, where, own);
}

/**
 * Logs a contact with a company for the actor's organisation (`organisationId`, which the caller checked the
 * actor acts for), so other organisations see that it happened (who and when, not the summary).
 */
export async function logCompanyContact(
  db: Db,
  companyId: string,
  organisationId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<string> {
  const parsed = ContactInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const value = parsed.data;
  const at = options.now ?? new Date();
  const contactedAt = value.contactedAt ?? at;
  if (contactedAt.getTime() > at.getTime() + 5 * 60_000)
    throw new FieldValidationError({
      contactedAt: { sv: "Tiden kan inte ligga i framtiden.", en: "The time cannot be in the future." },
    });
  const run = async (trx: Db) => {
    const id = await repository.insertContact(trx, {
      company_id: companyId,
      organisation_id: organisationId,
      user_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      actor_label: ctx.actor.kind === "user" ? ctx.actor.name : actorLabel(ctx.actor),
      channel: value.channel,
      summary: value.summary,
      case_id: value.caseId ?? null,
      referral_id: value.referralId ?? null,
      contacted_at: contactedAt,
      created_at: at,
    });
    if (value.caseId)
      await recordCaseEvent(trx, {
        caseId: value.caseId,
        referralId: value.referralId ?? null,
        actor: ctx.actor,
        organisationId,
        kind: "contact",
        details: { channel: value.channel },
        at,
      });
    await recordAudit(trx, {
      ...ctx,
      action: "create",
      recordType: "company-contact",
      recordId: id,
      organisationId,
      details: { companyId, channel: value.channel },
    });
    return id;
  };
  return inTransaction(db, run);
}

/** Logs a contact on a case (the case organisation's navigators). */
export async function logCaseContact(
  db: Db,
  caseId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<string> {
  const row = await workableCase(db, caseId, ctx.actor);
  if (!row.company_id) throw new AppError("CONFLICT", "The company of this case was erased.");
  const body = typeof input === "object" && input !== null ? input : {};
  return logCompanyContact(
    db,
    row.company_id,
    row.organisation_id,
    { ...body, caseId: row.id },
    ctx,
    options,
  );
}

/** A company's cases for its private link: status, team and timeline events meant for the network. */
export async function casesOfCompany(db: Db, companyId: string) {
  const rows = await repository.listCasesOfCompany(db, companyId);
  return Promise.all(
    rows.map(async (row) => ({
      case: row,
      events: (await repository.listEvents(db, row.id, [])).filter((e) => e.visibility === "network"),
    })),
  );
}

/** The company answers "did it help?" once for a closed case of its own (from its private link). */
export async function answerFollowUp(
  db: Db,
  companyId: string,
  caseId: string,
  answer: "helped" | "not-helped",
  actor: AuditActor,
  options: { now?: Date } = {},
): Promise<void> {
  const at = options.now ?? new Date();
  await inTransaction(db, async (trx) => {
    const row = await repository.findCase(trx, caseId);
    if (!row || row.company_id !== companyId) throw new AppError("NOT_FOUND", "No such case.");
    if (!(await repository.setFollowUpAnswer(trx, caseId, companyId, answer, at)))
      throw new AppError(
        "CONFLICT",
        row.status === "closed" ? "This question is already answered." : "The case is not closed yet.",
      );
    await repository.insertEvent(trx, {
      case_id: caseId,
      at,
      actor_user_id: null,
      actor_label: row.company_name ?? "company",
      actor_organisation_id: null,
      kind: "follow-up-answer",
      details: JSON.stringify({ answer }),
    });
    await recordAudit(trx, {
      actor,
      action: "update",
      recordType: "case",
      recordId: caseId,
      organisationId: row.organisation_id,
      details: { followUp: answer },
    });
  });
}

/** Closed cases whose follow-up question is due (the lotsning job). */
export function dueFollowUps(db: Db, now: Date, limit = 50) {
  return repository.listDueFollowUps(db, now, limit);
}

/** Marks a case's follow-up question as sent, once; whether this call did. */
export function markFollowUpSent(db: Db, caseId: string, at: Date): Promise<boolean> {
  return repository.markFollowUpSent(db, caseId, at);
}

/** The cases that came out of these needs (a meeting's follow-up answers), limited to what the actor reads. */
export async function casesOfNeeds(db: Db, needIds: readonly string[], actor: AuditActor) {
  const rows = await repository.listCasesOfNeeds(db, needIds);
  return rows.filter((row) => canReadCase(actor, row.organisation_id));
}

/** The ids of a case's needs (for other features' services that checked access themselves). */
export function needIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  return repository.needIdsOfCase(db, caseId);
}

/** The raw case row (for other features' services that checked access themselves). */
export function findCaseRow(db: Db, caseId: string) {
  return repository.findCase(db, caseId);
}

/** Erasure: scrubs free text on the company's cases (the gdpr feature). */
export function scrubCasesOfCompany(db: Db, companyId: string): Promise<number> {
  return repository.scrubCasesOfCompany(db, companyId);
}

/**
 * What the cases feature holds about a company, for its GDPR export: its cases, the notes on them and the
 * contact log. The company itself and the platform admin get everything held; a navigator exporting gets
 * shared notes and their own organisations' internal ones (an export must not become a way round "internal").
 * Referrals come from the referrals feature. No policy: the gdpr feature decided who may export.
 */
export async function exportCasesOfCompany(
  db: Db,
  companyId: string,
  /** Whose internal notes and contact summaries are included: "all" (the company itself, the platform admin) or these organisations'. */
  readers: readonly string[] | "all",
) {
  const cases = await repository.listCasesOfCompany(db, companyId);
  const mayRead = (organisationId: string) => readers === "all" || readers.includes(organisationId);
  const notes = (await repository.listNotesOfCompany(db, companyId)).filter(
    (n) => n.visibility === "shared" || mayRead(n.organisation_id),
  );
  const contacts = await repository.listContacts(db, companyId, 10_000);
  return {
    cases: cases.map((c) => ({
      id: c.id,
      number: c.number,
      status: c.status,
      priority: c.priority,
      team: c.team_name,
      organisation: c.organisation_name,
      summary: c.summary,
      createdAt: c.created_at,
      closedAt: c.closed_at,
      followUpAnswer: c.follow_up_answer,
      notes: notes
        .filter((n) => n.case_id === c.id)
        .map((n) => ({
          organisation: n.organisation_name,
          author: n.author_label,
          visibility: n.visibility,
          body: n.body,
          createdAt: n.created_at,
        })),
    })),
    contactLog: contacts.map((c) => ({
      organisation: c.organisation_name,
      by: c.actor_label,
      channel: c.channel,
      summary: mayRead(c.organisation_id) ? c.summary : null,
      contactedAt: c.contacted_at,
    })),
  };
}
