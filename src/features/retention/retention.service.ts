import type { Db } from "#src/db/client.ts";
import { type AuditActor, RETENTION_JOB_ACTOR, recordAudit } from "#src/features/audit/audit.service.ts";
import { listContactsUpdatedBefore } from "#src/features/companies/companies.intake.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { eraseContact } from "#src/features/gdpr/gdpr.service.ts";
import { anonymiseRegistrationsBefore } from "#src/features/meetings/meetings.registration.ts";
import { clearNeedDescriptionsBefore, lastNeedPerCompany } from "#src/features/needs/needs.service.ts";
import {
  lastResponsePerCompany,
  scrubResponsesBefore,
} from "#src/features/surveys/surveys.retention.service.ts";
import { hasRole, isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import * as repository from "./retention.repository.ts";

// Per-organisation retention periods, enforced by a daily job (retention.worker.ts) and `lots retention run`.
// What each period means (the settings page says the same in plain words):
// - needs_months: a need recorded for the organisation more than that many months ago loses its
//   description (the company's own words). Theme, urgency, status, municipality, size band and SNI code
//   stay, so anonymous counts do not change.
// - responses_months: an answer to one of the organisation's surveys given more than that many months ago
//   loses its free text, contact and consent blocks and the company's own words on themes (as erasure does);
//   the choices that count anonymously stay.
// - contacts_months: a company's contact person whose details have not changed for that many months, at a
//   company with no new answer or need in that time, is erased through GDPR erasure (eraseContact). Contact
//   persons belong to the company, not to one organisation: a person is erased only when EVERY organisation
//   holding answers or needs of the company has a contacts period and it has passed, so a shorter period
//   never removes what another organisation still keeps. Companies without answers or needs are untouched.
// Empty periods keep the data. Every removal is in the audit log (actor "retention job", with counts), and
// every run is in retention_runs with per-organisation counts.

/** The Stockholm time zone the network lives in: "today" and the job's hour are Stockholm's. */
const ZONE = "Europe/Stockholm";
export const MAX_MONTHS = 240;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RetentionSettings = {
  organisationId: string;
  needsMonths: number | null;
  responsesMonths: number | null;
  contactsMonths: number | null;
  updatedAt: Date | null;
};

export type RetentionField = "needsMonths" | "responsesMonths" | "contactsMonths";
export const RETENTION_FIELDS: readonly RetentionField[] = [
  "needsMonths",
  "responsesMonths",
  "contactsMonths",
];

/** What one run removed, per organisation. */
export type RemovedCounts = {
  contactsErased: number;
  responsesScrubbed: number;
  needsCleared: number;
  /** Meeting registrations that lost the person (the contact persons' period, counted from the meeting). */
  registrationsErased: number;
};
export type RetentionReport = {
  runId: string;
  day: string;
  trigger: "daily" | "manual";
  organisations: Record<string, RemovedCounts>;
  totals: RemovedCounts;
};

/** Whether the actor may read and change the organisation's retention periods: its org admins, the platform admin. */
export function canManageRetention(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"], organisationId);
}

function assertMayManage(actor: AuditActor, organisationId: string): void {
  if (!canManageRetention(actor, organisationId)) {
    throw new AppError(
      "FORBIDDEN",
      "Only the organisation's admins and the platform admin set its retention.",
    );
  }
}

/** The Stockholm calendar date of an instant, YYYY-MM-DD. */
export function stockholmDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, dateStyle: "short" }).format(at);
}

/** The Stockholm hour (0–23) of an instant. */
export function stockholmHour(at: Date): number {
  return Number(
    new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", hourCycle: "h23" }).format(at),
  );
}

/** `at` minus whole calendar months (UTC), clamped to the month's last day: 31 May minus 3 months is 28/29 Feb. */
export function monthsBefore(at: Date, months: number): Date {
  const result = new Date(at);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The organisation's periods (all null when never set). Org admins of it and the platform admin. */
export async function getRetentionSettings(
  db: Db,
  actor: AuditActor,
  organisationId: string,
): Promise<RetentionSettings> {
  assertMayManage(actor, organisationId);
  if (!UUID.test(organisationId)) throw new AppError("NOT_FOUND", "No organisation has this id.");
  const row = await repository.findSettings(db, organisationId);
  return {
    organisationId,
    needsMonths: row?.needs_months ?? null,
    responsesMonths: row?.responses_months ?? null,
    contactsMonths: row?.contacts_months ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

const MONTHS_ERROR = {
  sv: `Skriv ett helt antal månader mellan 1 och ${MAX_MONTHS}, eller lämna fältet tomt för att spara uppgifterna.`,
  en: `Give a whole number of months from 1 to ${MAX_MONTHS}, or leave the field empty to keep the data.`,
};

/** A period from a form or JSON: empty or null keeps the data; otherwise whole months 1–240. */
function parseMonths(value: unknown): number | null | undefined {
  if (value === undefined || value === null) return null;
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "?";
  if (text === "") return null;
  if (!/^\d{1,3}$/.test(text)) return undefined;
  const months = Number(text);
  return months >= 1 && months <= MAX_MONTHS ? months : undefined;
}

/**
 * Sets the organisation's three periods (empty = keep). Throws FieldValidationError keyed by field,
 * FORBIDDEN for anyone but its org admins and the platform admin. Audited with the old and new values.
 */
export async function saveRetentionSettings(
  db: Db,
  organisationId: string,
  input: Partial<Record<RetentionField, unknown>>,
  meta: AuditMeta,
): Promise<RetentionSettings> {
  const before = await getRetentionSettings(db, meta.actor, organisationId);
  const errors: FieldErrors = {};
  const parsed = {} as Record<RetentionField, number | null>;
  for (const field of RETENTION_FIELDS) {
    const months = parseMonths(input[field]);
    if (months === undefined) errors[field] = MONTHS_ERROR;
    else parsed[field] = months;
  }
  if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  const changes = Object.fromEntries(
    RETENTION_FIELDS.filter((f) => before[f] !== parsed[f]).map((f) => [
      f,
      { from: before[f], to: parsed[f] },
    ]),
  );
  await db.transaction().execute(async (trx) => {
    await repository.upsertSettings(
      trx,
      organisationId,
      {
        needs_months: parsed.needsMonths,
        responses_months: parsed.responsesMonths,
        contacts_months: parsed.contactsMonths,
      },
      meta.actor.kind === "user" ? meta.actor.userId : null,
    );
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "retention-settings",
      recordId: organisationId,
      organisationId,
      details: { changes },
    });
  });
  return getRetentionSettings(db, meta.actor, organisationId);
}

const zero = (): RemovedCounts => ({
  contactsErased: 0,
  responsesScrubbed: 0,
  needsCleared: 0,
  registrationsErased: 0,
});

/** Erases contact persons whose time has passed for every organisation holding their company's data. */
async function eraseOldContacts(
  db: Db,
  periods: Map<string, number>,
  now: Date,
  counts: (organisationId: string) => RemovedCounts,
): Promise<number> {
  if (periods.size === 0) return 0;
  const cutoffs = new Map([...periods].map(([org, months]) => [org, monthsBefore(now, months)]));
  const latestCutoff = new Date(Math.max(...[...cutoffs.values()].map((d) => d.getTime())));
  const candidates = await listContactsUpdatedBefore(db, latestCutoff);
  if (candidates.length === 0) return 0;
  let erased = 0;
  const companyIds = [...new Set(candidates.map((c) => c.companyId))];
  const activity = [
    ...(await lastNeedPerCompany(db, companyIds)),
    ...(await lastResponsePerCompany(db, companyIds)),
  ];
  const holders = new Map<string, { organisations: Set<string>; lastAt: number }>();
  for (const row of activity) {
    const entry = holders.get(row.companyId) ?? { organisations: new Set<string>(), lastAt: 0 };
    entry.organisations.add(row.organisationId);
    entry.lastAt = Math.max(entry.lastAt, row.lastAt.getTime());
    holders.set(row.companyId, entry);
  }
  for (const contact of candidates) {
    const holder = holders.get(contact.companyId);
    if (!holder) continue;
    const due = [...holder.organisations].every((org) => {
      const cutoff = cutoffs.get(org);
      return cutoff !== undefined && contact.updatedAt < cutoff && holder.lastAt < cutoff.getTime();
    });
    if (!due) continue;
    try {
      await eraseContact(db, contact.id, { actor: RETENTION_JOB_ACTOR });
    } catch (error) {
      // Erased meanwhile (staff, or another run): nothing left to do.
      if (error instanceof AppError && error.code === "NOT_FOUND") continue;
      throw error;
    }
    erased++;
    for (const org of holder.organisations) counts(org).contactsErased++;
  }
  return erased;
}

/** Runs every organisation's periods once; returns the counts per organisation (only those with removals). */
async function applyRetention(
  db: Db,
  now: Date,
): Promise<{ organisations: Record<string, RemovedCounts>; contactsErased: number }> {
  const settings = await repository.listActiveSettings(db);
  const removed: Record<string, RemovedCounts> = {};
  const counts = (org: string) => {
    removed[org] ??= zero();
    return removed[org];
  };
  for (const row of settings) {
    const org = row.organisation_id;
    if (row.responses_months !== null) {
      const before = monthsBefore(now, row.responses_months);
      const scrubbed = await db.transaction().execute(async (trx) => {
        const n = await scrubResponsesBefore(trx, org, before);
        if (n > 0) await auditRemoval(trx, org, "survey-response", n, row.responses_months!, before);
        return n;
      });
      if (scrubbed > 0) counts(org).responsesScrubbed += scrubbed;
    }
    if (row.needs_months !== null) {
      const before = monthsBefore(now, row.needs_months);
      const cleared = await db.transaction().execute(async (trx) => {
        const n = await clearNeedDescriptionsBefore(trx, org, before);
        if (n > 0) await auditRemoval(trx, org, "need", n, row.needs_months!, before);
        return n;
      });
      if (cleared > 0) counts(org).needsCleared += cleared;
    }
    if (row.contacts_months !== null) {
      // The people who registered for the organisation's meetings: kept as long as its contact persons.
      const before = monthsBefore(now, row.contacts_months);
      const erased = await db.transaction().execute(async (trx) => {
        const n = await anonymiseRegistrationsBefore(trx, org, before);
        if (n > 0) await auditRemoval(trx, org, "meeting-registration", n, row.contacts_months!, before);
        return n;
      });
      if (erased > 0) counts(org).registrationsErased += erased;
    }
  }
  const contactPeriods = new Map(
    settings.flatMap((row) =>
      row.contacts_months !== null ? [[row.organisation_id, row.contacts_months]] : [],
    ),
  ) as Map<string, number>;
  const contactsErased = await eraseOldContacts(db, contactPeriods, now, counts);
  // Each contact erasure has its own audit entry (from eraseContact); one summary per organisation too.
  for (const [org, count] of Object.entries(removed)) {
    if (count.contactsErased > 0) {
      const months = contactPeriods.get(org)!;
      await auditRemoval(db, org, "contact", count.contactsErased, months, monthsBefore(now, months));
    }
  }
  return { organisations: removed, contactsErased };
}

function auditRemoval(
  db: Db,
  organisationId: string,
  recordType: string,
  count: number,
  months: number,
  before: Date,
) {
  return recordAudit(db, {
    actor: RETENTION_JOB_ACTOR,
    action: "retention",
    recordType,
    organisationId,
    details: { count, months, olderThan: before.toISOString() },
  });
}

function totalsOf(organisations: Record<string, RemovedCounts>, contactsErased: number): RemovedCounts {
  // A contact may count for several organisations; the total counts each person once.
  const totals = { ...zero(), contactsErased };
  for (const counts of Object.values(organisations)) {
    totals.responsesScrubbed += counts.responsesScrubbed;
    totals.needsCleared += counts.needsCleared;
    totals.registrationsErased += counts.registrationsErased;
  }
  return totals;
}

async function execute(db: Db, runId: string, day: string, trigger: "daily" | "manual", now: Date) {
  try {
    const { organisations, contactsErased } = await applyRetention(db, now);
    const totals = totalsOf(organisations, contactsErased);
    const report: RetentionReport = { runId, day, trigger, organisations, totals };
    await repository.finishRun(db, runId, {
      status: "done",
      removed: { organisations, totals: report.totals },
      error: null,
    });
    return report;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1_000);
    await repository.finishRun(db, runId, { status: "failed", removed: {}, error: message });
    throw error;
  }
}

/**
 * The daily job: runs retention once per Stockholm date. The day is claimed first with INSERT … ON CONFLICT
 * DO NOTHING, so a second call, a restarted process or another process on the same day does nothing and
 * gets `{ ran: false }`. A failed run stays failed for its day (the log says why); the next day tries again.
 */
export async function runDailyRetention(
  db: Db,
  options: { now?: Date } = {},
): Promise<{ ran: false; day: string } | { ran: true; day: string; report: RetentionReport }> {
  const now = options.now ?? new Date();
  const day = stockholmDay(now);
  const runId = await repository.claimDailyRun(db, day, now);
  if (!runId) return { ran: false, day };
  return { ran: true, day, report: await execute(db, runId, day, "daily", now) };
}

/** Runs retention now, whatever ran today (`lots retention run`); logged as a manual run. */
export async function runRetentionNow(db: Db, options: { now?: Date } = {}): Promise<RetentionReport> {
  const now = options.now ?? new Date();
  const day = stockholmDay(now);
  const runId = await repository.insertManualRun(db, day, now);
  return execute(db, runId, day, "manual", now);
}

/** Whether today's (Stockholm) daily run has been claimed. */
export async function hasDailyRun(db: Db, now = new Date()): Promise<boolean> {
  return (await repository.findDailyRun(db, stockholmDay(now))) !== undefined;
}

export type RunSummary = {
  startedAt: Date;
  finishedAt: Date | null;
  trigger: "daily" | "manual";
  status: "running" | "done" | "failed";
  /** What the run removed for the organisation asked about. */
  removed: RemovedCounts;
};

/** The newest runs with what they removed for this organisation (the settings page). */
export async function listRunsFor(
  db: Db,
  actor: AuditActor,
  organisationId: string,
  limit = 5,
): Promise<RunSummary[]> {
  assertMayManage(actor, organisationId);
  const rows = await repository.listRuns(db, limit);
  return rows.map((row) => {
    const organisations = (row.removed as { organisations?: Record<string, RemovedCounts> }).organisations;
    return {
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      trigger: row.trigger,
      status: row.status,
      removed: { ...zero(), ...(organisations?.[organisationId] ?? {}) },
    };
  });
}
