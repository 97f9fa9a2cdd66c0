import type { Insertable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { CompaniesTable } from "#src/db/schema.ts";
import type { CompanyFilter } from "./companies.schemas.ts";

// The only SQL for companies.

export type NewCompanyRow = Omit<Insertable<CompaniesTable>, "id" | "created_at" | "updated_at">;

/** Inserts companies in one statement and returns the stored rows. */
export function insertCompanies(db: Db, rows: NewCompanyRow[]) {
  return db.insertInto("companies").values(rows).returningAll().execute();
}

/** Which of these ten-digit org numbers are already registered. */
export async function findTakenOrgNumbers(db: Db, orgNumbers: string[]): Promise<string[]> {
  if (orgNumbers.length === 0) return [];
  const rows = await db
    .selectFrom("companies")
    .select("org_number")
    .where("org_number", "in", orgNumbers)
    .execute();
  return rows.map((r) => r.org_number);
}

/** One company by its ten-digit org number. */
export function findCompanyByOrgNumber(db: Db, orgNumber: string) {
  return db.selectFrom("companies").selectAll().where("org_number", "=", orgNumber).executeTakeFirst();
}

function filtered(db: Db, filter: CompanyFilter) {
  let query = db.selectFrom("companies");
  if (filter.municipalityCode) query = query.where("municipality_code", "=", filter.municipalityCode);
  if (filter.isFictional !== undefined) query = query.where("is_fictional", "=", filter.isFictional);
  return query;
}

/** Companies by name, optionally of one municipality or only (non-)fictional ones. */
export function listCompanies(db: Db, filter: CompanyFilter = {}) {
  return filtered(db, filter).selectAll().orderBy("name").orderBy("id").execute();
}

/** How many companies match the filter. */
export async function countCompanies(db: Db, filter: CompanyFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether any company is marked fictional (demo or training data). */
export async function hasFictionalCompanies(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom("companies")
    .select("id")
    .where("is_fictional", "=", true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
