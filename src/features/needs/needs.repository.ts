import { randomUUID } from "node:crypto";
import type { Insertable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { NeedStatus, NeedsTable } from "#src/db/schema.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";
import type { NeedFilter } from "./needs.schemas.ts";

// The only SQL for needs.

function base(db: Db) {
  return db
    .selectFrom("needs")
    .leftJoin("companies", "companies.id", "needs.company_id")
    .selectAll("needs")
    .select("companies.name as company_name");
}

export type NeedRow = Awaited<ReturnType<typeof findNeed>> & {};

/** Stores needs; returns their ids in order. */
export async function insertNeeds(db: Db, rows: Insertable<NeedsTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto("needs").values(rows).returning("id").execute();
  return inserted.map((row) => row.id);
}

/** One need with its company's name. */
export function findNeed(db: Db, id: string) {
  return base(db).where("needs.id", "=", id).executeTakeFirst();
}

/** Needs by id, in any order. */
export function findNeeds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return base(db).where("needs.id", "in", ids).execute();
}

/** One page of needs in the scope matching the filter, newest first. */
export function listNeeds(db: Db, scope: DataScope, filter: NeedFilter) {
  let query = base(db).where((eb) => inScope(eb, "needs.organisation_id", scope));
  if (filter.status) query = query.where("needs.status", "=", filter.status);
  if (filter.theme) query = query.where("needs.theme", "=", filter.theme);
  if (filter.urgency) query = query.where("needs.urgency", "=", filter.urgency);
  if (filter.source) query = query.where("needs.source", "=", filter.source);
  if (filter.companyId) query = query.where("needs.company_id", "=", filter.companyId);
  if (filter.campaignId) query = query.where("needs.campaign_id", "=", filter.campaignId);
  if (filter.organisationId) query = query.where("needs.organisation_id", "=", filter.organisationId);
  if (filter.municipalityCode) query = query.where("needs.municipality_code", "=", filter.municipalityCode);
  return query
    .orderBy("needs.created_at", "desc")
    .orderBy("needs.id", "desc")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
}

/** Sets a need's status. */
export async function updateNeedStatus(db: Db, id: string, status: NeedStatus, at: Date): Promise<void> {
  await db
    .updateTable("needs")
    .set({ status, status_changed_at: at, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/** Every need of a company (export). */
export function listNeedsOfCompany(db: Db, companyId: string) {
  return base(db).where("needs.company_id", "=", companyId).orderBy("needs.created_at").execute();
}

/** Erasure: clears the descriptions and the link to the company, keeping the anonymous facts. */
export async function anonymiseNeedsOfCompany(
  db: Db,
  companyId: string,
  inStatistics: boolean,
): Promise<number> {
  const rows = await db
    .updateTable("needs")
    .set({
      description: "",
      company_id: null,
      anonymous_in_statistics: inStatistics,
      // One opaque id for all of the company's needs, so the erased company still counts once in
      // "companies with needs", not once per need.
      statistics_subject: randomUUID(),
      updated_at: new Date(),
    })
    .where("company_id", "=", companyId)
    .returning("id")
    .execute();
  return rows.length;
}

/** Retention: clears the descriptions of an organisation's needs created before `before`; returns how many. */
export async function clearDescriptionsBefore(db: Db, organisationId: string, before: Date): Promise<number> {
  const rows = await db
    .updateTable("needs")
    .set({ description: "", updated_at: new Date() })
    .where("organisation_id", "=", organisationId)
    .where("created_at", "<", before)
    .where("description", "<>", "")
    .returning("id")
    .execute();
  return rows.length;
}

/** The newest need per company and organisation, for these companies (the retention job). */
export function lastNeedPerCompany(db: Db, companyIds: readonly string[]) {
  if (companyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("needs")
    .select(["company_id", "organisation_id"])
    .select((eb) => eb.fn.max("created_at").as("last_at"))
    .where("company_id", "in", companyIds)
    .groupBy(["company_id", "organisation_id"])
    .execute();
}

/** Needs per theme and company (null: anonymised), with whether anonymised ones counted. */
export function countNeedsByThemeAndCompany(db: Db, filter: { since?: Date | undefined }) {
  let query = db
    .selectFrom("needs")
    .select(["theme", "company_id", "anonymous_in_statistics"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .groupBy(["theme", "company_id", "anonymous_in_statistics"]);
  if (filter.since) query = query.where("created_at", ">=", filter.since);
  return query.execute();
}
