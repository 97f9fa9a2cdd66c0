import { type Insertable, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type {
  CaseEventsTable,
  CaseNotesTable,
  CasePriority,
  CaseStatus,
  CasesTable,
  CompanyContactLogTable,
} from "#src/db/schema.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";

// The only SQL for cases, their needs, timeline, notes and the company contact log.

function caseBase(db: Db) {
  return db
    .selectFrom("cases")
    .leftJoin("companies", "companies.id", "cases.company_id")
    .innerJoin("teams", "teams.id", "cases.team_id")
    .innerJoin("organisations", "organisations.id", "cases.organisation_id")
    .leftJoin("users as assignee", "assignee.id", "cases.assigned_user_id")
    .selectAll("cases")
    .select([
      "companies.name as company_name",
      "companies.org_number as company_org_number",
      "teams.name as team_name",
      "organisations.name as organisation_name",
      "assignee.name as assigned_user_name",
    ]);
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** One case with its company, team, organisation and assignee names. */
export function findCase(db: Db, id: string) {
  return caseBase(db).where("cases.id", "=", id).executeTakeFirst();
}

/** One case by its number. */
export function findCaseByNumber(db: Db, number: number) {
  return caseBase(db).where("cases.number", "=", number).executeTakeFirst();
}

/** Stores a case; returns its id and number. */
export function insertCase(db: Db, row: Insertable<CasesTable>) {
  return db.insertInto("cases").values(row).returning(["id", "number"]).executeTakeFirstOrThrow();
}

/** Links needs to a case (a need belongs to at most one case: the unique index refuses a second). */
export async function insertCaseNeeds(db: Db, caseId: string, needIds: readonly string[]): Promise<void> {
  if (needIds.length === 0) return;
  await db
    .insertInto("case_needs")
    .values(needIds.map((need_id) => ({ case_id: caseId, need_id })))
    .execute();
}

/** The ids of a case's needs. */
export async function needIdsOfCase(db: Db, caseId: string): Promise<string[]> {
  const rows = await db.selectFrom("case_needs").select("need_id").where("case_id", "=", caseId).execute();
  return rows.map((r) => r.need_id);
}

/** Of these needs, those already in a case. */
export async function needsInCases(db: Db, needIds: readonly string[]): Promise<string[]> {
  if (needIds.length === 0) return [];
  const rows = await db.selectFrom("case_needs").select("need_id").where("need_id", "in", needIds).execute();
  return rows.map((r) => r.need_id);
}

export type CaseListFilter = {
  teamIds?: readonly string[] | undefined;
  assignedUserId?: string | undefined;
  status?: CaseStatus | "open" | undefined;
  priority?: CasePriority | undefined;
  theme?: string | undefined;
  municipalityCode?: string | undefined;
  companyId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
};

function filtered(db: Db, scope: DataScope, filter: CaseListFilter) {
  let query = caseBase(db).where((eb) => inScope(eb, "cases.organisation_id", scope));
  if (filter.teamIds) {
    const ids = filter.teamIds;
    query = ids.length === 0 ? query.where(sql<boolean>`false`) : query.where("cases.team_id", "in", ids);
  }
  if (filter.assignedUserId) query = query.where("cases.assigned_user_id", "=", filter.assignedUserId);
  if (filter.status === "open") query = query.where("cases.status", "!=", "closed");
  else if (filter.status) query = query.where("cases.status", "=", filter.status);
  if (filter.priority) query = query.where("cases.priority", "=", filter.priority);
  if (filter.theme) query = query.where("cases.theme", "=", filter.theme);
  if (filter.municipalityCode) query = query.where("cases.municipality_code", "=", filter.municipalityCode);
  if (filter.companyId) query = query.where("cases.company_id", "=", filter.companyId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const asNumber = /^\d{1,9}$/.test(filter.q) ? Number(filter.q) : -1;
    query = query.where((eb) =>
      eb.or([
        eb("companies.name", "ilike", like),
        eb("cases.summary", "ilike", like),
        eb("cases.number", "=", asNumber),
      ]),
    );
  }
  return query;
}

/** One page of cases in scope, the most urgent first (priority, then oldest open first). */
export function listCases(db: Db, scope: DataScope, filter: CaseListFilter) {
  return filtered(db, scope, filter)
    .orderBy(sql`case cases.priority when 'high' then 0 when 'normal' then 1 else 2 end`)
    .orderBy(sql`case when cases.status = 'closed' then 1 else 0 end`)
    .orderBy("cases.created_at", "desc")
    .orderBy("cases.id")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
}

/** How many cases in scope match the filter. */
export async function countCases(db: Db, scope: DataScope, filter: CaseListFilter): Promise<number> {
  const row = await filtered(db, scope, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes a case if it is still at `expectedVersion`; returns whether it was. */
export async function updateCaseIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: Partial<{
    status: CaseStatus;
    priority: CasePriority;
    assigned_user_id: string | null;
    team_id: string;
    organisation_id: string;
    summary: string;
    closed_at: Date | null;
    follow_up_due_at: Date | null;
  }>,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("cases")
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Changes a case whatever its version (the system's own moves: a referral sent, all referrals done). */
export async function updateCase(
  db: Db,
  id: string,
  changes: Partial<{ status: CaseStatus; closed_at: Date | null; follow_up_due_at: Date | null }>,
  at: Date,
): Promise<void> {
  await db
    .updateTable("cases")
    .set({ ...changes, updated_at: at, version: sql`version + 1` })
    .where("id", "=", id)
    .execute();
}

/** Adds an event to a case's timeline. */
export async function insertEvent(db: Db, row: Insertable<CaseEventsTable>): Promise<void> {
  await db.insertInto("case_events").values(row).execute();
}

/** A case's timeline, oldest first, as the actor's organisations may see it. */
export function listEvents(db: Db, caseId: string, ownOrganisationIds: readonly string[] | "all") {
  let query = db
    .selectFrom("case_events")
    .leftJoin("organisations", "organisations.id", "case_events.actor_organisation_id")
    .selectAll("case_events")
    .select("organisations.name as actor_organisation_name")
    .where("case_events.case_id", "=", caseId);
  if (ownOrganisationIds !== "all") {
    const own = ownOrganisationIds;
    query = query.where((eb) =>
      own.length === 0
        ? eb("case_events.visibility", "=", "network")
        : eb.or([
            eb("case_events.visibility", "=", "network"),
            eb("case_events.actor_organisation_id", "in", own),
          ]),
    );
  }
  return query.orderBy("case_events.seq").execute();
}

/** Stores a note. */
export async function insertNote(db: Db, row: Insertable<CaseNotesTable>): Promise<string> {
  return (await db.insertInto("case_notes").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

/** A case's notes the actor's organisations may read: shared ones, and internal ones of their own. */
export function listNotes(
  db: Db,
  where: { caseId?: string; referralId?: string },
  ownOrganisationIds: readonly string[] | "all",
) {
  let query = db
    .selectFrom("case_notes")
    .innerJoin("organisations", "organisations.id", "case_notes.organisation_id")
    .selectAll("case_notes")
    .select("organisations.name as organisation_name");
  if (where.caseId) query = query.where("case_notes.case_id", "=", where.caseId);
  if (where.referralId) query = query.where("case_notes.referral_id", "=", where.referralId);
  if (ownOrganisationIds !== "all") {
    const own = ownOrganisationIds;
    query = query.where((eb) =>
      own.length === 0
        ? eb("case_notes.visibility", "=", "shared")
        : eb.or([eb("case_notes.visibility", "=", "shared"), eb("case_notes.organisation_id", "in", own)]),
    );
  }
  return query.orderBy("case_notes.created_at").execute();
}

/** Every note about a company (its GDPR export). */
export function listNotesOfCompany(db: Db, companyId: string) {
  return db
    .selectFrom("case_notes")
    .innerJoin("organisations", "organisations.id", "case_notes.organisation_id")
    .selectAll("case_notes")
    .select("organisations.name as organisation_name")
    .where("case_notes.company_id", "=", companyId)
    .orderBy("case_notes.created_at")
    .execute();
}

/** Stores a contact with a company. */
export async function insertContact(db: Db, row: Insertable<CompanyContactLogTable>): Promise<string> {
  return (await db.insertInto("company_contact_log").values(row).returning("id").executeTakeFirstOrThrow())
    .id;
}

/** A company's contacts across the network, newest first, with the organisation's name. */
export function listContacts(db: Db, companyId: string, limit = 100) {
  return db
    .selectFrom("company_contact_log")
    .innerJoin("organisations", "organisations.id", "company_contact_log.organisation_id")
    .selectAll("company_contact_log")
    .select("organisations.name as organisation_name")
    .where("company_contact_log.company_id", "=", companyId)
    .orderBy("company_contact_log.contacted_at", "desc")
    .limit(limit)
    .execute();
}

/** A company's cases (private link, export), newest first. */
export function listCasesOfCompany(db: Db, companyId: string) {
  return caseBase(db).where("cases.company_id", "=", companyId).orderBy("cases.created_at", "desc").execute();
}

/** The cases that hold any of these needs. */
export function listCasesOfNeeds(db: Db, needIds: readonly string[]) {
  if (needIds.length === 0) return Promise.resolve([]);
  return caseBase(db)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("case_needs")
          .whereRef("case_needs.case_id", "=", "cases.id")
          .where("case_needs.need_id", "in", [...needIds]),
      ),
    )
    .orderBy("cases.created_at", "desc")
    .execute();
}

/** Records the company's follow-up answer once; whether it was recorded (false: already answered). */
export async function setFollowUpAnswer(
  db: Db,
  caseId: string,
  companyId: string,
  answer: "helped" | "not-helped",
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("cases")
    .set({ follow_up_answer: answer, follow_up_answered_at: at })
    .where("id", "=", caseId)
    .where("company_id", "=", companyId)
    .where("status", "=", "closed")
    .where("follow_up_answer", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closed cases whose follow-up question is due and not yet sent. */
export function listDueFollowUps(db: Db, now: Date, limit: number) {
  return db
    .selectFrom("cases")
    .select(["id", "number", "company_id", "organisation_id"])
    .where("status", "=", "closed")
    .where("follow_up_due_at", "<=", now)
    .where("follow_up_sent_at", "is", null)
    .where("follow_up_answer", "is", null)
    .where("company_id", "is not", null)
    .orderBy("follow_up_due_at")
    .limit(limit)
    .execute();
}

/** Marks a follow-up as sent, once; whether this call did. */
export async function markFollowUpSent(db: Db, caseId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("cases")
    .set({ follow_up_sent_at: at })
    .where("id", "=", caseId)
    .where("follow_up_sent_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Erasure: scrubs the free text of a company's cases and their timeline details. */
export async function scrubCasesOfCompany(db: Db, companyId: string): Promise<number> {
  const ids = (await db.selectFrom("cases").select("id").where("company_id", "=", companyId).execute()).map(
    (r) => r.id,
  );
  if (ids.length === 0) return 0;
  await db.updateTable("cases").set({ summary: "" }).where("id", "in", ids).execute();
  await db.updateTable("case_events").set({ details: "{}" }).where("case_id", "in", ids).execute();
  return ids.length;
}
