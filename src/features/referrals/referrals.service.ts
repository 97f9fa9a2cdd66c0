import type { Db } from "#src/db/client.ts";
import type { ReferralStatus } from "#src/db/schema.ts";
import { type AuditActor, type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { caseReadScope } from "#src/features/cases/cases.policy.ts";
import {
  addNote,
  caseEventsFor,
  contactLogFor,
  logCompanyContact,
  moveCaseForReferrals,
  needIdsOfCase as needIdsOfCaseFor,
  notesFor,
  readableCase,
  recordCaseEvent,
  workableCase,
} from "#src/features/cases/cases.service.ts";
import { getCompany, listContacts } from "#src/features/companies/companies.intake.service.ts";
import { hasReferralConsent } from "#src/features/consent/consent.service.ts";
import { listNeedsOfCompany } from "#src/features/needs/needs.service.ts";
import {
  type NotificationRecipient,
  notifyUsers,
} from "#src/features/notifications/notifications.service.ts";
import { listOffersByIds } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { activeTeamMembers } from "#src/features/routing/routing.service.ts";
import { activeUsersWithRoles, findUserContact } from "#src/features/users/users.service.ts";
import { emitWebhookEvent } from "#src/features/webhooks/webhooks.service.ts";
import { hasRole, isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { responseDeadline } from "#src/shared/working-days.ts";
import { referralChanged, referralEscalated, referralReceived, referralReminder } from "./referrals.mail.ts";
import { invalidateOutcomes } from "./referrals.outcomes.ts";
import {
  canReadReferral,
  canRespondToReferral,
  canWithdrawReferral,
  isPartnerFor,
  partnerOrganisations,
  readsAllReferrals,
} from "./referrals.policy.ts";
import * as repository from "./referrals.repository.ts";
import {
  ReferInput,
  type ReferralAction,
  ReferralActionInput,
  ReferralListQuery,
  ReferralNoteInput,
  ReferralSettingsInput,
} from "./referrals.schemas.ts";

// Referrals (hänvisningar, issue 7): a case handed to a partner's offer with the company's consent, then
// sent → accepted → in progress → closed with an outcome, or declined with a reason, withdrawn by the
// navigator, or expired past its deadline. Every move is one conditional UPDATE (status and version), so of
// two people acting at once exactly one wins and the other gets ReferralChangedError, never a lost update.

/** Runs `work` in the caller's transaction, or in a new one (the demo seed runs everything in one). */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type ReferralRow = repository.ReferralRow;
export const DEFAULT_RESPONSE_DAYS = 5;
export const DEFAULT_REMINDER_DAYS = 1;
const PARTNER_NOTIFIED = ["advisor", "org-admin"] as const;
const TERMINAL: readonly ReferralStatus[] = ["closed", "declined", "withdrawn", "expired"];

/** Which statuses each action moves a referral from, and to. */
export const TRANSITIONS: Record<
  ReferralAction | "expire",
  { from: readonly ReferralStatus[]; to: ReferralStatus }
> = {
  accept: { from: ["sent"], to: "accepted" },
  start: { from: ["accepted"], to: "in-progress" },
  decline: { from: ["sent", "accepted", "in-progress"], to: "declined" },
  close: { from: ["accepted", "in-progress"], to: "closed" },
  withdraw: { from: ["sent", "accepted", "in-progress"], to: "withdrawn" },
  expire: { from: ["sent"], to: "expired" },
};

/** A referral changed before this action landed: the action was not applied. Carries the referral as it is. */
export class ReferralChangedError extends AppError {
  constructor(
    readonly current: ReferralRow,
    readonly lastChange: { by: string; at: Date } | undefined,
  ) {
    const by = lastChange ? ` by ${lastChange.by} at ${lastChange.at.toISOString()}` : "";
    super(
      "CONFLICT",
      `The referral is already ${current.status}${by}; the action was not applied. Reload it.`,
    );
    this.name = "ReferralChangedError";
  }
}

type Options = { publicUrl?: string | undefined; now?: Date };

/** An organisation's response times (working days to a first answer; reminder that many days before). */
export async function getReferralSettings(db: Db, organisationId: string) {
  const row = await repository.findSettings(db, organisationId);
  return {
    responseDays: row?.response_days ?? DEFAULT_RESPONSE_DAYS,
    reminderDays: row?.reminder_days ?? DEFAULT_REMINDER_DAYS,
  };
}

/** Sets an organisation's response times (its org admin or the platform admin). Audited. */
export async function setReferralSettings(db: Db, organisationId: string, input: unknown, ctx: AuditContext) {
  if (!isPlatformAdmin(ctx.actor) && !hasRole(ctx.actor, ["org-admin"], organisationId))
    throw new AppError("FORBIDDEN", "Only the organisation's admin sets its response times.");
  const parsed = ReferralSettingsInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const { responseDays, reminderDays } = parsed.data;
  if (reminderDays >= responseDays)
    throw new FieldValidationError({
      reminderDays: {
        sv: "Påminnelsen måste komma före tidsgränsen.",
        en: "The reminder must come before the deadline.",
      },
    });
  await inTransaction(db, async (trx) => {
    await repository.upsertSettings(trx, organisationId, {
      response_days: responseDays,
      reminder_days: reminderDays,
      updated_by_user_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    await recordAudit(trx, {
      ...ctx,
      action: "update",
      recordType: "referral-settings",
      recordId: organisationId,
      organisationId,
      details: { responseDays, reminderDays },
    });
  });
}

/** The webhook payload of a referral: what the partner's own CRM needs, nothing of other organisations. */
function webhookData(row: ReferralRow) {
  return {
    referral: {
      id: row.id,
      status: row.status,
      outcome: row.outcome,
      declineReason: row.decline_reason,
      sentAt: row.sent_at,
      respondBy: row.respond_by,
    },
    case: { id: row.case_id, number: row.case_number },
    offer: { id: row.offer_id, name: row.offer_name },
    organisation: { id: row.organisation_id, name: row.organisation_name },
    company: { name: row.company_name },
  };
}

async function partnerRecipients(db: Db, organisationId: string): Promise<NotificationRecipient[]> {
  return (await activeUsersWithRoles(db, organisationId, PARTNER_NOTIFIED)).map(
    ({ userId, email, locale }) => ({
      userId,
      email,
      locale,
    }),
  );
}

async function caseSideRecipients(db: Db, row: ReferralRow): Promise<NotificationRecipient[]> {
  const people: NotificationRecipient[] = (await activeTeamMembers(db, row.case_team_id)).map((m) => ({
    userId: m.user_id,
    email: m.email,
    locale: m.locale,
  }));
  for (const id of [row.case_assigned_user_id, row.sent_by_user_id]) {
    if (!id) continue;
    const person = await findUserContact(db, id);
    if (person) people.push({ userId: person.userId, email: person.email, locale: person.locale });
  }
  return people;
}

/**
 * Refers a case to one or more offers (the case organisation's navigators). Refused, naming the
 * organisation, when the company has not consented to referral to it; refused for an inactive offer or
 * one the case is already open at. Each referral gets its deadline from the partner's response times in
 * Swedish working days; the partner is notified and its webhooks get `referral.sent`. Returns the ids.
 */
export async function referCase(
  db: Db,
  caseId: string,
  input: unknown,
  ctx: AuditContext,
  options: Options = {},
): Promise<string[]> {
  const row = await workableCase(db, caseId, ctx.actor);
  const parsed = ReferInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const { offerIds, message } = parsed.data;
  if (!row.company_id) throw new AppError("CONFLICT", "The company of this case was erased.");
  if (row.status === "closed")
    throw new FieldValidationError({
      offerIds: {
        sv: "Ärendet är avslutat. Öppna det igen först.",
        en: "The case is closed. Reopen it first.",
      },
    });
  const unique = [...new Set(offerIds)];
  const organisationNames = new Map((await listOrganisations(db)).map((o) => [o.id, o.name]));
  const offers = (await listOffersByIds(db, unique)).map((o) => ({
    ...o,
    organisationName: organisationNames.get(o.organisationId) ?? "",
  }));
  const problems: string[] = [];
  const problemsEn: string[] = [];
  const existing = await repository.listReferralsOfCase(db, row.id);
  for (const id of unique) {
    const offer = offers.find((o) => o.id === id);
    if (offer?.status !== "active") {
      problems.push("Ett valt erbjudande finns inte eller är inte aktivt.");
      problemsEn.push("A chosen offer does not exist or is not active.");
      continue;
    }
    if (existing.some((r) => r.offer_id === id && !TERMINAL.includes(r.status))) {
      problems.push(`Ärendet är redan hänvisat till ${offer.name}.`);
      problemsEn.push(`The case is already referred to ${offer.name}.`);
      continue;
    }
    if (!(await hasReferralConsent(db, row.company_id, offer.organisationId))) {
      problems.push(
        `Företaget har inte samtyckt till att ärendet lämnas till ${offer.organisationName}. Fråga företaget först.`,
      );
      problemsEn.push(
        `The company has not consented to its case being passed to ${offer.organisationName}. Ask the company first.`,
      );
    }
  }
  if (problems.length > 0)
    throw new FieldValidationError({ offerIds: { sv: problems.join(" "), en: problemsEn.join(" ") } });

  const now = options.now ?? new Date();
  const ids = await inTransaction(db, async (trx) => {
    const created: string[] = [];
    for (const id of unique) {
      const offer = offers.find((o) => o.id === id)!;
      const settings = await getReferralSettings(trx, offer.organisationId);
      const { respondBy, remindAt } = responseDeadline(now, settings.responseDays, settings.reminderDays);
      const referralId = await repository.insertReferral(trx, {
        case_id: row.id,
        offer_id: offer.id,
        organisation_id: offer.organisationId,
        message,
        theme: row.theme,
        size_band: row.size_band,
        sni_section: row.sni_section,
        municipality_code: row.municipality_code,
        sent_by_user_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
        sent_by_label:
          ctx.actor.kind === "user" ? ctx.actor.name : ctx.actor.kind === "token" ? ctx.actor.name : "Lots",
        sent_at: now,
        respond_by: respondBy,
        remind_at: remindAt,
        updated_at: now,
      });
      created.push(referralId);
      await recordCaseEvent(trx, {
        caseId: row.id,
        referralId,
        actor: ctx.actor,
        organisationId: row.organisation_id,
        kind: "referral",
        to: "sent",
        details: { offer: offer.name, organisation: offer.organisationName },
        at: now,
      });
      const stored = (await repository.findReferral(trx, referralId))!;
      await notifyUsers(
        trx,
        await partnerRecipients(trx, offer.organisationId),
        referralReceived({
          referralId,
          offerName: offer.name,
          companyName: row.company_name ?? "",
          respondBy: formatDate(respondBy),
          publicUrl: options.publicUrl,
        }),
      );
      await emitWebhookEvent(trx, offer.organisationId, "referral.sent", webhookData(stored), now);
      await recordAudit(trx, {
        ...ctx,
        action: "create",
        recordType: "referral",
        recordId: referralId,
        organisationId: offer.organisationId,
        details: { caseId: row.id, offerId: offer.id },
      });
    }
    await moveCaseForReferrals(trx, row.id, "referred", now);
    return created;
  });
  return ids;
}

/** A referral the actor may read, or NOT_FOUND (others' referrals are not revealed). */
export async function readableReferral(db: Db, referralId: string, actor: AuditActor): Promise<ReferralRow> {
  const row = /^[0-9a-f-]{36}$/i.test(referralId) ? await repository.findReferral(db, referralId) : undefined;
  if (!row || !canReadReferral(actor, row)) throw new AppError("NOT_FOUND", "No such referral.");
  return row;
}

async function lastChange(db: Db, row: ReferralRow) {
  const events = (await caseEventsFor(db, row.case_id, { kind: "system", label: "lots" }, row.id)).filter(
    (e) => e.to_status === row.status,
  );
  const last = events.at(-1);
  return last
    ? {
        by: last.actor_organisation_name
          ? `${last.actor_label} (${last.actor_organisation_name})`
          : last.actor_label,
        at: last.at,
      }
    : undefined;
}

/**
 * Moves a referral: accept, start, decline (with a reason), close (with an outcome) for the partner;
 * withdraw for the case's navigators. `version` (when given) must be the version the actor saw. When the
 * referral changed meanwhile, throws ReferralChangedError and changes nothing. A closed referral closes
 * the case when no other is open; when every referral ended without help, the case returns to triage.
 */
export async function actOnReferral(
  db: Db,
  referralId: string,
  input: unknown,
  ctx: AuditContext | { actor: AuditActor },
  options: Options = {},
): Promise<ReferralRow> {
  const row = await readableReferral(db, referralId, ctx.actor);
  const parsed = ReferralActionInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const action = parsed.data;
  const allowed =
    action.action === "withdraw" ? canWithdrawReferral(ctx.actor, row) : canRespondToReferral(ctx.actor, row);
  if (!allowed)
    throw new AppError(
      "FORBIDDEN",
      action.action === "withdraw"
        ? "Only the case's navigators withdraw a referral."
        : "Only the partner organisation answers a referral.",
    );
  return applyTransition(db, row, action.action, action, ctx, options);
}

async function applyTransition(
  db: Db,
  row: ReferralRow,
  action: ReferralAction | "expire",
  details: {
    version?: number | undefined;
    reason?: string | undefined;
    outcome?: string | undefined;
    note?: string | undefined;
  },
  ctx: AuditContext | { actor: AuditActor },
  options: Options,
): Promise<ReferralRow> {
  const { from, to } = TRANSITIONS[action];
  const now = options.now ?? new Date();
  const actingFor =
    action === "withdraw" ? row.case_organisation_id : action === "expire" ? null : row.organisation_id;
  if (!from.includes(row.status) || (details.version !== undefined && details.version !== row.version))
    throw new ReferralChangedError(row, await lastChange(db, row));
  await inTransaction(db, async (trx) => {
    const done = await repository.transition(trx, row.id, {
      from,
      to,
      expectedVersion: details.version ?? row.version,
      at: now,
      ...(to === "closed" ? { outcome: details.outcome as "helped" | "not-helped" } : {}),
      ...(to === "declined" ? { declineReason: details.reason as never } : {}),
      ...(action === "accept" || (action === "decline" && row.status === "sent") ? { respondedAt: now } : {}),
      ...(action === "accept" && ctx.actor.kind === "user" ? { assignedUserId: ctx.actor.userId } : {}),
      ...(action === "expire" ? { escalatedAt: now } : {}),
    });
    if (!done) {
      const current = (await repository.findReferral(trx, row.id))!;
      throw new ReferralChangedError(current, await lastChange(trx, current));
    }
    await recordCaseEvent(trx, {
      caseId: row.case_id,
      referralId: row.id,
      actor: ctx.actor,
      organisationId: actingFor,
      kind: "referral",
      from: row.status,
      to,
      details: {
        offer: row.offer_name,
        organisation: row.organisation_name,
        ...(details.reason ? { reason: details.reason } : {}),
        ...(details.outcome ? { outcome: details.outcome } : {}),
      },
      at: now,
    });
    if (details.note && actingFor && "ip" in ctx)
      await addNote(
        trx,
        { caseId: row.case_id, referralId: row.id, companyId: row.company_id, organisationId: actingFor },
        { body: details.note, visibility: "shared" },
        ctx,
        { now },
      );
    const updated = (await repository.findReferral(trx, row.id))!;
    const notification = referralChanged({
      caseId: row.case_id,
      caseNumber: row.case_number,
      organisationName: row.organisation_name,
      status: to,
      publicUrl: options.publicUrl,
    });
    if (action === "withdraw") {
      await notifyUsers(trx, await partnerRecipients(trx, row.organisation_id), notification);
    } else if (action === "expire") {
      // Escalation: the case side learns the partner did not answer in time, in the same transaction.
      await recordCaseEvent(trx, {
        caseId: row.case_id,
        referralId: row.id,
        actor: ctx.actor,
        organisationId: null,
        kind: "escalated",
        details: { organisation: row.organisation_name },
        at: now,
      });
      await notifyUsers(
        trx,
        await caseSideRecipients(trx, row),
        referralEscalated({
          caseId: row.case_id,
          caseNumber: row.case_number,
          organisationName: row.organisation_name,
          publicUrl: options.publicUrl,
        }),
      );
    } else {
      await notifyUsers(trx, await caseSideRecipients(trx, row), notification);
    }
    await emitWebhookEvent(trx, row.organisation_id, `referral.${to}`, webhookData(updated), now);
    if (TERMINAL.includes(to)) await settleCase(trx, row.case_id, now);
    await recordAudit(trx, {
      ...("ip" in ctx ? ctx : { actor: ctx.actor }),
      action: "update",
      recordType: "referral",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { status: { from: row.status, to }, ...(details.reason ? { reason: details.reason } : {}) },
    });
  });
  if (to === "closed") invalidateOutcomes(db);
  return (await repository.findReferral(db, row.id))!;
}

/** After a referral ended: close the case when one helped and none is open; back to triage when none did. */
async function settleCase(db: Db, caseId: string, at: Date): Promise<void> {
  const statuses = await repository.statusesOfCase(db, caseId);
  if (statuses.some((s) => !TERMINAL.includes(s))) return;
  await moveCaseForReferrals(db, caseId, statuses.includes("closed") ? "closed" : "triaged", at);
}

/** Expires an unanswered referral past its deadline (the deadline job) and escalates to the case side. */
export async function expireReferral(db: Db, row: ReferralRow, actor: AuditActor, options: Options = {}) {
  return applyTransition(db, row, "expire", {}, { actor }, options);
}

/**
 * Reminds the partner of a referral still unanswered when its reminder is due (the deadline job), once:
 * the mark, the timeline event, the notifications and the webhook event commit together or not at all.
 * Returns whether this call reminded.
 */
export async function remindReferral(db: Db, row: ReferralRow, actor: AuditActor, options: Options = {}) {
  const now = options.now ?? new Date();
  return inTransaction(db, async (trx) => {
    if (!(await repository.markReminded(trx, row.id, now))) return false;
    await recordCaseEvent(trx, {
      caseId: row.case_id,
      referralId: row.id,
      actor,
      organisationId: null,
      kind: "reminded",
      details: { organisation: row.organisation_name },
      at: now,
    });
    await notifyUsers(
      trx,
      await partnerRecipients(trx, row.organisation_id),
      referralReminder({
        referralId: row.id,
        companyName: row.company_name ?? "",
        respondBy: formatDate(row.respond_by),
        publicUrl: options.publicUrl,
      }),
    );
    await emitWebhookEvent(trx, row.organisation_id, "referral.reminded", webhookData(row), now);
    return true;
  });
}

/** Referrals whose reminder is due, and those past their deadline (the deadline job). */
export async function dueDeadlines(db: Db, now: Date, limit = 50) {
  return {
    reminders: await repository.listDueReminders(db, now, limit),
    overdue: await repository.listOverdue(db, now, limit),
  };
}

/**
 * Referrals the actor may see: to their organisations (inbox), from cases of their organisations (sent),
 * or all for the platform admin; filters and one page. Never another organisation's referrals.
 */
export async function listReferrals(db: Db, query: unknown, actor: AuditActor) {
  const parsed = ReferralListQuery.safeParse(query ?? {});
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const q = parsed.data;
  const all = readsAllReferrals(actor);
  const caseScope = caseReadScope(actor);
  const caseOrganisations = caseScope.kind === "all" ? [] : [...caseScope.organisationIds];
  const partners = partnerOrganisations(actor);
  const filter: repository.ReferralListFilter = {
    partnerOrganisationIds: all ? "all" : q.side === "sent" ? [] : partners,
    caseOrganisationIds: all || q.side === "inbox" ? [] : caseOrganisations,
    page: q.page,
    pageSize: q.pageSize,
    ...(q.status !== "any" ? { status: q.status } : {}),
    ...(q.organisation ? { organisationId: q.organisation } : {}),
    ...(q.case ? { caseId: q.case } : {}),
    ...(q.mine === "true" && actor.kind === "user" ? { assignedUserId: actor.userId } : {}),
  };
  const [items, total] = await Promise.all([
    repository.listReferrals(db, filter),
    repository.countReferrals(db, filter),
  ]);
  return { items, total, query: q };
}

/** A case's referrals (the case page; the caller checked the case is readable). */
export function referralsOfCase(db: Db, caseId: string) {
  return repository.listReferralsOfCase(db, caseId);
}

/** A company's referrals (its private link; the caller verified the link). */
export function referralsOfCompany(db: Db, companyId: string) {
  return repository.listReferralsOfCompany(db, companyId);
}

/**
 * What the partner inbox shows of a referral: the referral, the company and its contact persons, the case's
 * needs, the notes and timeline events the actor's organisation may read, and the shared contact log.
 * Audited as a read of personal data.
 */
export async function getReferralDetail(db: Db, referralId: string, ctx: AuditContext) {
  const row = await readableReferral(db, referralId, ctx.actor);
  const partnerView = isPartnerFor(ctx.actor, row.organisation_id);
  const caseRow = partnerView
    ? undefined
    : await readableCase(db, row.case_id, ctx.actor).catch(() => undefined);
  const company = row.company_id ? await getCompany(db, row.company_id) : undefined;
  const [contacts, needs, notes, events, contactLog] = await Promise.all([
    company ? listContacts(db, company.id) : Promise.resolve([]),
    company ? caseNeeds(db, row.case_id, company.id) : Promise.resolve([]),
    notesFor(db, { referralId: row.id }, ctx.actor),
    caseEventsFor(db, row.case_id, ctx.actor, row.id),
    company ? contactLogFor(db, company.id, ctx.actor) : Promise.resolve([]),
  ]);
  await recordAudit(db, {
    ...ctx,
    action: "read",
    recordType: "referral",
    recordId: row.id,
    organisationId: row.organisation_id,
  });
  return {
    referral: row,
    case: caseRow,
    company,
    contacts,
    needs,
    notes,
    events,
    contactLog,
    canRespond: canRespondToReferral(ctx.actor, row),
    canWithdraw: canWithdrawReferral(ctx.actor, row),
  };
}

async function caseNeeds(db: Db, caseId: string, companyId: string) {
  const ids = new Set(await needIdsOfCaseFor(db, caseId));
  return (await listNeedsOfCompany(db, companyId)).filter((n) => ids.has(n.id));
}

/** Adds a note to a referral: the partner (internal to it, or shared with the navigator) or the case side. */
export async function addReferralNote(
  db: Db,
  referralId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
): Promise<string> {
  const row = await readableReferral(db, referralId, ctx.actor);
  const parsed = ReferralNoteInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const organisationId = isPartnerFor(ctx.actor, row.organisation_id)
    ? row.organisation_id
    : canWithdrawReferral(ctx.actor, row)
      ? row.case_organisation_id
      : undefined;
  if (!organisationId)
    throw new AppError("FORBIDDEN", "Only the partner and the case's navigators add notes.");
  const id = await inTransaction(db, async (trx) => {
    const noteId = await addNote(
      trx,
      { caseId: row.case_id, referralId: row.id, companyId: row.company_id, organisationId },
      parsed.data,
      ctx,
      options,
    );
    if (parsed.data.visibility === "shared")
      await emitWebhookEvent(
        trx,
        row.organisation_id,
        "referral.note-shared",
        { ...webhookData(row), note: { id: noteId } },
        options.now,
      );
    return noteId;
  });
  return id;
}

/** Logs a contact with the company of a referral (the partner; shows in the network's contact log). */
export async function logReferralContact(
  db: Db,
  referralId: string,
  input: unknown,
  ctx: AuditContext,
  options: { now?: Date } = {},
) {
  const row = await readableReferral(db, referralId, ctx.actor);
  if (!isPartnerFor(ctx.actor, row.organisation_id))
    throw new AppError("FORBIDDEN", "Only the partner logs contacts on its referral.");
  if (!row.company_id) throw new AppError("CONFLICT", "The company of this referral was erased.");
  const body = typeof input === "object" && input !== null ? input : {};
  return logCompanyContact(
    db,
    row.company_id,
    row.organisation_id,
    { ...body, caseId: row.case_id, referralId: row.id },
    ctx,
    options,
  );
}

/** Erasure: clears the free text of a company's referrals (the gdpr feature). */
export function scrubReferralsOfCompany(db: Db, companyId: string) {
  return repository.scrubReferralsOfCompany(db, companyId);
}
