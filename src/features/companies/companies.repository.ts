import type { Insertable, Updateable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type {
  CompaniesTable,
  CompanyContactsTable,
  CompanyLinksTable,
  DifferenceSource,
} from "#src/db/schema.ts";
import type { CompanyFilter } from "./companies.schemas.ts";

// The only SQL for companies, with companies.import.repository.ts (the register import's batches).

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

// ---- Needs intake (issue 5): attach by org number, staff listing, contact persons, private links.

/** Inserts a company unless its org number exists; undefined when it did (another intake won the race). */
export function insertCompanyIfNew(db: Db, row: NewCompanyRow) {
  return db
    .insertInto("companies")
    .values(row)
    .onConflict((oc) => oc.column("org_number").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** One company by org number, locked for the rest of the transaction so two intakes cannot interleave. */
export function lockCompanyByOrgNumber(db: Db, orgNumber: string) {
  return db
    .selectFrom("companies")
    .selectAll()
    .where("org_number", "=", orgNumber)
    .forUpdate()
    .executeTakeFirst();
}

/** One company by id. */
export function findCompanyById(db: Db, id: string) {
  return db.selectFrom("companies").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Changes a company's columns; returns the stored row. */
export function updateCompany(db: Db, id: string, changes: Updateable<CompaniesTable>) {
  return db
    .updateTable("companies")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Deletes a company; contacts, consents and links go with it, needs and responses keep anonymous rows. */
export async function deleteCompany(db: Db, id: string): Promise<void> {
  await db.deleteFrom("companies").where("id", "=", id).execute();
}

/** Companies for the staff list: by name, optionally matching a name or org-number fragment. */
export function searchCompanies(
  db: Db,
  filter: { q?: string | undefined; municipalityCode?: string | undefined },
  window: { limit: number; offset: number },
) {
  let query = db.selectFrom("companies").selectAll();
  if (filter.municipalityCode) query = query.where("municipality_code", "=", filter.municipalityCode);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = filter.q.replace(/\D/g, "");
    query = query.where((eb) =>
      eb.or([
        eb("name", "ilike", pattern),
        ...(digits.length >= 4 ? [eb("org_number", "like", `%${digits}%`)] : []),
      ]),
    );
  }
  return query.orderBy("name").orderBy("id").limit(window.limit).offset(window.offset).execute();
}

export type NewContactRow = Omit<Insertable<CompanyContactsTable>, "id" | "created_at" | "updated_at">;

/** A company's contact persons, oldest first. */
export function listContacts(db: Db, companyId: string) {
  return db
    .selectFrom("company_contacts")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** One contact person. */
export function findContact(db: Db, id: string) {
  return db.selectFrom("company_contacts").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Adds a contact person. */
export function insertContact(db: Db, row: NewContactRow) {
  return db.insertInto("company_contacts").values(row).returningAll().executeTakeFirstOrThrow();
}

/** Changes a contact person's details. */
export function updateContact(db: Db, id: string, changes: Updateable<CompanyContactsTable>) {
  return db
    .updateTable("company_contacts")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Contact persons last updated before `before`, oldest first (the retention job). */
export function listContactsUpdatedBefore(db: Db, before: Date) {
  return db
    .selectFrom("company_contacts")
    .selectAll()
    .where("updated_at", "<", before)
    .orderBy("updated_at")
    .orderBy("id")
    .execute();
}

/** Deletes a contact person (erasure); responses and consents keep no link to them. */
export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.deleteFrom("company_contacts").where("id", "=", id).execute();
}

/** Stores a private link's hash. */
export function insertLink(db: Db, row: Insertable<CompanyLinksTable>) {
  return db.insertInto("company_links").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The link with this token hash, whatever its state. */
export function findLinkByHash(db: Db, tokenHash: string) {
  return db.selectFrom("company_links").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
}

/** Ends every live link of a company (renewal, erasure). */
export async function revokeLinks(db: Db, companyId: string, at: Date): Promise<void> {
  await db
    .updateTable("company_links")
    .set({ revoked_at: at })
    .where("company_id", "=", companyId)
    .where("revoked_at", "is", null)
    .execute();
}

/** Notes that a link was used. */
export async function touchLink(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable("company_links").set({ last_used_at: at }).where("id", "=", id).execute();
}

/** A company's links without their hashes (export). */
export function listLinks(db: Db, companyId: string) {
  return db
    .selectFrom("company_links")
    .select(["id", "email", "created_by_label", "created_at", "expires_at", "revoked_at", "last_used_at"])
    .where("company_id", "=", companyId)
    .orderBy("created_at")
    .execute();
}

// ---- Differences between a company's intake and the fields staff curated (company_differences).

/**
 * Replaces the pending differences of `fields` (the curated fields an intake gave) with `rows`: a newer
 * intake's word replaces an older one, and one that agrees with the curated value clears it.
 */
export async function replacePendingDifferences(
  db: Db,
  companyId: string,
  fields: readonly string[],
  rows: { field: string; stored: unknown; submitted: unknown; source: DifferenceSource }[],
): Promise<void> {
  if (fields.length === 0) return;
  await db
    .deleteFrom("company_differences")
    .where("company_id", "=", companyId)
    .where("resolved_at", "is", null)
    .where("field", "in", [...fields])
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto("company_differences")
    .values(
      rows.map((row) => ({
        company_id: companyId,
        field: row.field,
        stored: JSON.stringify(row.stored ?? null),
        submitted: JSON.stringify(row.submitted ?? null),
        source: row.source,
      })),
    )
    .execute();
}

/** A company's pending differences, oldest first. */
export function listPendingDifferences(db: Db, companyId: string) {
  return db
    .selectFrom("company_differences")
    .selectAll()
    .where("company_id", "=", companyId)
    .where("resolved_at", "is", null)
    .orderBy("created_at")
    .execute();
}

/** One difference, locked for its resolution. */
export function lockDifference(db: Db, id: string) {
  return db.selectFrom("company_differences").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Marks pending differences of these fields resolved. */
export async function resolveDifferences(
  db: Db,
  companyId: string,
  fields: readonly string[],
  resolution: "accepted" | "kept",
  userId: string | null,
  at: Date,
): Promise<void> {
  if (fields.length === 0) return;
  await db
    .updateTable("company_differences")
    .set({ resolved_at: at, resolution, resolved_by_user_id: userId })
    .where("company_id", "=", companyId)
    .where("resolved_at", "is", null)
    .where("field", "in", [...fields])
    .execute();
}

/** Every difference of a company, pending and resolved, oldest first. */
export function listDifferencesOfCompany(db: Db, companyId: string) {
  return db
    .selectFrom("company_differences")
    .selectAll()
    .where("company_id", "=", companyId)
    .orderBy("created_at")
    .execute();
}
