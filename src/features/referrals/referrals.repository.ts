import { type Insertable, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { DeclineReason, ReferralOutcome, ReferralStatus, ReferralsTable } from "#src/db/schema.ts";

// The only SQL for referrals and referral settings.

function base(db: Db) {
  return db
    .selectFrom("referrals")
    .innerJoin("cases", "cases.id", "referrals.case_id")
    .innerJoin("offers", "offers.id", "referrals.offer_id")
    .innerJoin("organisations", "organisations.id", "referrals.organisation_id")
    .innerJoin("organisations as case_org", "case_org.id", "cases.organisation_id")
    .leftJoin("companies", "companies.id", "cases.company_id")
    .leftJoin("users as assignee", "assignee.id", "referrals.assigned_user_id")
    .selectAll("referrals")
    .select([
      "cases.number as case_number",
      "cases.organisation_id as case_organisation_id",
      "cases.company_id as company_id",
      "cases.team_id as case_team_id",
      "cases.assigned_user_id as case_assigned_user_id",
      "case_org.name as case_organisation_name",
      "offers.name as offer_name",
      "offers.name_en as offer_name_en",
      "organisations.name as organisation_name",
      "companies.name as company_name",
      "assignee.name as assigned_user_name",
    ]);
}

export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/** One referral with its case, offer, organisations and company names. */
export function findReferral(db: Db, id: string) {
  return base(db).where("referrals.id", "=", id).executeTakeFirst();
}

/** A case's referrals, oldest first. */
export function listReferralsOfCase(db: Db, caseId: string) {
  return base(db).where("referrals.case_id", "=", caseId).orderBy("referrals.sent_at").execute();
}

/** A company's referrals (its private link). */
export function listReferralsOfCompany(db: Db, companyId: string) {
  return base(db).where("cases.company_id", "=", companyId).orderBy("referrals.sent_at").execute();
}

export type ReferralListFilter = {
  /** Referrals to these partner organisations … */
  partnerOrganisationIds: readonly string[] | "all";
  /** … or of cases of these organisations (both lists empty: nothing). */
  caseOrganisationIds: readonly string[];
  status?: ReferralStatus | "open" | undefined;
  organisationId?: string | undefined;
  caseId?: string | undefined;
  assignedUserId?: string | undefined;
  page: number;
  pageSize: number;
};

function filtered(db: Db, filter: ReferralListFilter) {
  let query = base(db);
  if (filter.partnerOrganisationIds !== "all") {
    const partners = filter.partnerOrganisationIds;
    const cases = filter.caseOrganisationIds;
    query = query.where((eb) => {
      const ors = [];
      if (partners.length > 0) ors.push(eb("referrals.organisation_id", "in", partners));
      if (cases.length > 0) ors.push(eb("cases.organisation_id", "in", cases));
      return ors.length > 0 ? eb.or(ors) : sql<boolean>`false`;
    });
  }
  if (filter.status === "open")
    query = query.where("referrals.status", "in", ["sent", "accepted", "in-progress"]);
  else if (filter.status) query = query.where("referrals.status", "=", filter.status);
  if (filter.organisationId) query = query.where("referrals.organisation_id", "=", filter.organisationId);
  if (filter.caseId) query = query.where("referrals.case_id", "=", filter.caseId);
  if (filter.assignedUserId) query = query.where("referrals.assigned_user_id", "=", filter.assignedUserId);
  return query;
}

/** One page of referrals, those waiting longest for an answer first, then newest. */
export function listReferrals(db: Db, filter: ReferralListFilter) {
  return filtered(db, filter)
    .orderBy(
      sql`case referrals.status when 'sent' then 0 when 'accepted' then 1 when 'in-progress' then 2 else 3 end`,
    )
    .orderBy("referrals.sent_at", "desc")
    .orderBy("referrals.id")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
}

/** How many referrals match. */
export async function countReferrals(db: Db, filter: ReferralListFilter): Promise<number> {
  const row = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a referral; returns its id. */
export async function insertReferral(db: Db, row: Insertable<ReferralsTable>): Promise<string> {
  return (await db.insertInto("referrals").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

/**
 * Moves a referral to `to` if it is in one of `from` (and at `expectedVersion`, when given), in one
 * statement: of two people acting at once exactly one wins. Returns whether this call did.
 */
export async function transition(
  db: Db,
  id: string,
  change: {
    from: readonly ReferralStatus[];
    to: ReferralStatus;
    expectedVersion?: number | undefined;
    at: Date;
    outcome?: ReferralOutcome;
    declineReason?: DeclineReason;
    respondedAt?: Date;
    assignedUserId?: string | null;
    escalatedAt?: Date;
  },
): Promise<boolean> {
  let query = db
    .updateTable("referrals")
    .set({
      status: change.to,
      updated_at: change.at,
      version: sql`version + 1`,
      ...(change.outcome ? { outcome: change.outcome } : {}),
      ...(change.declineReason ? { decline_reason: change.declineReason } : {}),
      ...(change.respondedAt
        ? { responded_at: sql<Date>`coalesce(responded_at, ${change.respondedAt})` }
        : {}),
      ...(change.assignedUserId !== undefined ? { assigned_user_id: change.assignedUserId } : {}),
      ...(change.escalatedAt ? { escalated_at: change.escalatedAt } : {}),
      ...(["closed", "declined", "withdrawn", "expired"].includes(change.to) ? { closed_at: change.at } : {}),
    })
    .where("id", "=", id)
    .where("status", "in", change.from);
  if (change.expectedVersion !== undefined) query = query.where("version", "=", change.expectedVersion);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks a reminder sent, once; whether this call did. */
export async function markReminded(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("referrals")
    .set({ reminded_at: at })
    .where("id", "=", id)
    .where("status", "=", "sent")
    .where("reminded_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Referrals waiting for a first answer whose reminder is due. */
export function listDueReminders(db: Db, now: Date, limit: number) {
  return base(db)
    .where("referrals.status", "=", "sent")
    .where("referrals.reminded_at", "is", null)
    .where("referrals.remind_at", "<=", now)
    .where("referrals.respond_by", ">", now)
    .orderBy("referrals.remind_at")
    .limit(limit)
    .execute();
}

/** Referrals still unanswered after their deadline. */
export function listOverdue(db: Db, now: Date, limit: number) {
  return base(db)
    .where("referrals.status", "=", "sent")
    .where("referrals.respond_by", "<=", now)
    .orderBy("referrals.respond_by")
    .limit(limit)
    .execute();
}

/** Statuses of a case's referrals. */
export async function statusesOfCase(db: Db, caseId: string): Promise<ReferralStatus[]> {
  const rows = await db.selectFrom("referrals").select("status").where("case_id", "=", caseId).execute();
  return rows.map((r) => r.status);
}

/** An organisation's response time settings, if set. */
export function findSettings(db: Db, organisationId: string) {
  return db
    .selectFrom("referral_settings")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Sets an organisation's response time settings. */
export async function upsertSettings(
  db: Db,
  organisationId: string,
  values: { response_days: number; reminder_days: number; updated_by_user_id: string | null },
): Promise<void> {
  await db
    .insertInto("referral_settings")
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/**
 * Outcomes of closed referrals grouped by offer, theme, size band and SNI section — the company's own
 * follow-up answer counting over the partner's outcome when the company gave one.
 */
export function outcomeGroups(db: Db) {
  return db
    .selectFrom("referrals")
    .innerJoin("cases", "cases.id", "referrals.case_id")
    .select([
      "referrals.offer_id",
      "referrals.theme",
      "referrals.size_band",
      "referrals.sni_section",
      sql<string>`count(*) filter (where coalesce(cases.follow_up_answer, referrals.outcome) = 'helped')`.as(
        "helped",
      ),
      sql<string>`count(*)`.as("total"),
    ])
    .where("referrals.status", "=", "closed")
    .groupBy(["referrals.offer_id", "referrals.theme", "referrals.size_band", "referrals.sni_section"])
    .execute();
}

/** Erasure: clears the navigator's message on a company's referrals. */
export async function scrubReferralsOfCompany(db: Db, companyId: string): Promise<void> {
  await db
    .updateTable("referrals")
    .set({ message: "" })
    .where("case_id", "in", db.selectFrom("cases").select("id").where("company_id", "=", companyId))
    .execute();
}
