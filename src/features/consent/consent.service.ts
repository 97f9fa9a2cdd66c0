import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { ConsentKind, ConsentsTable } from "#src/db/schema.ts";
import { type AuditEntryInput, recordAudit } from "#src/features/audit/audit.service.ts";
import { findExistingOrganisationIds } from "#src/features/organisations/organisations.service.ts";
import { actorLabel } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import * as repository from "./consent.repository.ts";
import type { Consent, RecordConsentInput } from "./consent.schemas.ts";

// Recording and withdrawing consent. A company has at most one active consent per kind: a new one ends
// (supersedes) the old, a withdrawal ends it. Every later decision asks `hasReferralConsent` or
// `countsInStatistics`, which read only active rows, so a withdrawal takes effect at once.

/** Who did it and from where, for the audit entry. */
export type AuditMeta = Pick<AuditEntryInput, "actor" | "ip" | "userAgent" | "requestId">;

function toConsent(row: Selectable<ConsentsTable>): Consent {
  return {
    id: row.id,
    companyId: row.company_id,
    kind: row.kind,
    organisations: row.scope_all ? "all" : row.organisation_ids,
    wordingVersion: row.wording_version,
    source: row.source,
    givenByContactId: row.given_by_contact_id,
    responseId: row.response_id,
    recordedByLabel: row.recorded_by_label,
    recordedAt: row.recorded_at,
    endedAt: row.ended_at,
    endReason: row.end_reason,
  };
}

function labelOf(meta: AuditMeta): string {
  return meta.actor.kind === "system" ? meta.actor.label : actorLabel(meta.actor);
}

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Records a consent with its time, source, wording version and who recorded it, ending the company's
 * earlier consent of the same kind. Statistics consent has no organisation scope. Audited as
 * create/consent. Throws VALIDATION_FAILED for unknown organisations or an empty choice.
 */
export async function recordConsent(db: Db, input: RecordConsentInput, meta: AuditMeta): Promise<Consent> {
  const organisations = input.organisations ?? "all";
  if (input.kind === "statistics" && organisations !== "all") {
    throw new AppError("VALIDATION_FAILED", "Statistics consent has no organisation scope.");
  }
  if (organisations !== "all") {
    if (organisations.length === 0) {
      throw new AppError("VALIDATION_FAILED", "Choose at least one organisation, or all.");
    }
    const known = await findExistingOrganisationIds(db, [...organisations]);
    const unknown = organisations.filter((id) => !known.includes(id));
    if (unknown.length > 0) throw new AppError("VALIDATION_FAILED", `Unknown organisation: ${unknown[0]}.`);
  }
  return inTransaction(db, async (trx) => {
    const now = input.at ?? new Date();
    if (!input.companyIsNew) {
      await repository.endActiveConsent(trx, input.companyId, input.kind, "superseded", now);
    }
    const row = await repository.insertConsent(trx, {
      company_id: input.companyId,
      kind: input.kind,
      scope_all: organisations === "all",
      organisation_ids: organisations === "all" ? [] : [...new Set(organisations)],
      wording_version: input.wordingVersion,
      source: input.source,
      given_by_contact_id: input.givenByContactId ?? null,
      response_id: input.responseId ?? null,
      recorded_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
      recorded_by_label: labelOf(meta),
      recorded_at: now,
    });
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "consent",
      recordId: row.id,
      details: {
        companyId: input.companyId,
        kind: input.kind,
        scope: organisations === "all" ? "all" : organisations.length,
        wordingVersion: input.wordingVersion,
        source: input.source,
      },
    });
    return toConsent(row);
  });
}

/**
 * Withdraws the company's active consent of this kind; from then on referrals stop (`hasReferralConsent`)
 * or the company leaves later statistics (`countsInStatistics`). Returns whether there was one to
 * withdraw. Audited as withdraw/consent.
 */
export async function withdrawConsent(
  db: Db,
  companyId: string,
  kind: ConsentKind,
  meta: AuditMeta & { via?: "private-link" | "staff" | "survey" },
  options: { now?: Date } = {},
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const at = options.now ?? new Date();
    const ended = await repository.endActiveConsent(trx, companyId, kind, "withdrawn", at);
    const { via, ...auditMeta } = meta;
    for (const row of ended) {
      await recordAudit(trx, {
        ...auditMeta,
        action: "withdraw",
        recordType: "consent",
        recordId: row.id,
        details: { companyId, kind, via: via ?? "staff" },
      });
    }
    return ended.length > 0;
  });
}

/**
 * Whether the network may contact the company and refer its case to this organisation now: an active
 * contact-and-referral consent for all organisations or naming this one.
 */
export async function hasReferralConsent(
  db: Db,
  companyId: string,
  organisationId: string,
): Promise<boolean> {
  const row = await repository.findActiveConsent(db, companyId, "contact-and-referral");
  if (!row) return false;
  return row.scope_all || row.organisation_ids.includes(organisationId);
}

/** Whether the company has an active consent to be contacted about its needs (for any organisation). */
export async function hasActiveReferralConsent(db: Db, companyId: string): Promise<boolean> {
  return (await repository.findActiveConsent(db, companyId, "contact-and-referral")) !== undefined;
}

/** Whether the company's answers may count in statistics computed from now on. */
export async function countsInStatistics(db: Db, companyId: string): Promise<boolean> {
  return (await repository.findActiveConsent(db, companyId, "statistics")) !== undefined;
}

/** Of these companies, the ids of those that count in statistics now (for aggregate queries). */
export function companiesCountingInStatistics(db: Db, companyIds: readonly string[]): Promise<string[]> {
  return repository.companiesInStatistics(db, companyIds);
}

/** Every consent of a company, active and ended, oldest first (export, the private link page). */
export async function listConsents(db: Db, companyId: string): Promise<Consent[]> {
  return (await repository.listConsents(db, companyId)).map(toConsent);
}
