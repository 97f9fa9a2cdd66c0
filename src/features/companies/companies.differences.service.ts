import type { Db } from "#src/db/client.ts";
import type { DifferenceSource } from "#src/db/schema.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { CURATABLE_FIELDS, type CuratableField } from "./companies.intake.schemas.ts";
import { applyCuratedValue } from "./companies.intake.service.ts";
import { canUseCompanyRegister } from "./companies.policy.ts";
import * as repository from "./companies.repository.ts";

// Differences between a field staff curated and what the company said in its own intake or SCB's register
// gave in `lots companies import`. Neither overwrites a curated field (registerOrAttachCompany and the
// import record the difference instead); a navigator sees "the company (or the register) says X, you have Y"
// and accepts that value or keeps theirs. Both are audited.

/** One pending difference: the stored (curated) value and the company's or the register's. */
export type PendingDifference = {
  id: string;
  companyId: string;
  field: CuratableField;
  stored: unknown;
  submitted: unknown;
  source: DifferenceSource;
  createdAt: Date;
};

function assertMayUseRegister(meta: AuditMeta): void {
  if (!canUseCompanyRegister(meta.actor)) {
    throw new AppError("FORBIDDEN", "Only navigators and the platform admin use the company register.");
  }
}

const isCuratable = (field: string): field is CuratableField =>
  (CURATABLE_FIELDS as readonly string[]).includes(field);

/** The company's pending differences, oldest first (the caller has read the company, audited). */
export async function listPendingDifferences(
  db: Db,
  companyId: string,
  meta: AuditMeta,
): Promise<PendingDifference[]> {
  assertMayUseRegister(meta);
  const rows = await repository.listPendingDifferences(db, companyId);
  return rows
    .filter((row) => isCuratable(row.field))
    .map((row) => ({
      id: row.id,
      companyId: row.company_id,
      field: row.field as CuratableField,
      stored: row.stored,
      submitted: row.submitted,
      source: row.source,
      createdAt: row.created_at,
    }));
}

/**
 * Resolves a pending difference: "accept" sets the company's (or the register's) value, which becomes curated;
 * "keep" keeps the curated one. NOT_FOUND for an unknown id, CONFLICT when it was already resolved. Audited.
 */
export async function resolveDifference(
  db: Db,
  differenceId: string,
  choice: "accept" | "keep",
  meta: AuditMeta,
): Promise<{ companyId: string }> {
  assertMayUseRegister(meta);
  const userId = meta.actor.kind === "user" ? meta.actor.userId : null;
  const work = async (trx: Db) => {
    const row = await repository.lockDifference(trx, differenceId);
    if (!row || !isCuratable(row.field)) throw new AppError("NOT_FOUND", "No such difference.");
    if (row.resolved_at) throw new AppError("CONFLICT", "This difference is already resolved.");
    if (choice === "accept") await applyCuratedValue(trx, row.company_id, row.field, row.submitted, userId);
    const resolution = choice === "accept" ? "accepted" : "kept";
    await repository.resolveDifferences(trx, row.company_id, [row.field], resolution, userId, new Date());
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "company",
      recordId: row.company_id,
      details: { difference: row.field, resolution },
    });
    return { companyId: row.company_id };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Every difference recorded for a company, resolved or not (export; the caller audits). */
export async function listDifferencesOfCompany(db: Db, companyId: string) {
  return (await repository.listDifferencesOfCompany(db, companyId)).map((row) => ({
    field: row.field,
    stored: row.stored,
    submitted: row.submitted,
    source: row.source,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  }));
}
