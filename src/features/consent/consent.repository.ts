import type { Insertable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { ConsentKind, ConsentsTable } from "#src/db/schema.ts";

// The only SQL for consents.

/** Ends the company's active consent of this kind (if any); returns the ended rows. */
export function endActiveConsent(
  db: Db,
  companyId: string,
  kind: ConsentKind,
  reason: "withdrawn" | "superseded",
  at: Date,
) {
  return db
    .updateTable("consents")
    .set({ ended_at: at, end_reason: reason })
    .where("company_id", "=", companyId)
    .where("kind", "=", kind)
    .where("ended_at", "is", null)
    .returningAll()
    .execute();
}

/** Stores a consent. */
export function insertConsent(db: Db, row: Insertable<ConsentsTable>) {
  return db.insertInto("consents").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The company's active consent of this kind, if any. */
export function findActiveConsent(db: Db, companyId: string, kind: ConsentKind) {
  return db
    .selectFrom("consents")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("kind", "=", kind)
    .where("ended_at", "is", null)
    .executeTakeFirst();
}

/** Every consent of a company, given and ended, oldest first. */
export function listConsents(db: Db, companyId: string) {
  return db
    .selectFrom("consents")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("recorded_at")
    .orderBy("id")
    .execute();
}

/** Of these companies, those with an active statistics consent. */
export async function companiesInStatistics(db: Db, companyIds: readonly string[]): Promise<string[]> {
  if (companyIds.length === 0) return [];
  const rows = await db
    .selectFrom("consents")
    .select("company_id")
    .where("company_id", "in", companyIds)
    .where("kind", "=", "statistics")
    .where("ended_at", "is", null)
    .execute();
  return rows.map((row) => row.company_id);
}
