import { type Insertable, sql, type Updateable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type {
  MeetingRegistrationsTable,
  MeetingStatus,
  MeetingsTable,
  RegistrationStatus,
} from "#src/db/schema.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";

// The only SQL for meetings, their presenters, speakers, highlighted offers and registrations.

function meetingQuery(db: Db) {
  return db
    .selectFrom("meetings as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .leftJoin("municipalities as mu", "mu.code", "m.municipality_code")
    .leftJoin("counties as co", "co.code", "m.county_code")
    .selectAll("m")
    .select([
      "o.name as organisation_name",
      "mu.name as municipality_name",
      "co.name as county_name",
      (eb) =>
        eb
          .selectFrom("meeting_registrations as r")
          .whereRef("r.meeting_id", "=", "m.id")
          .where("r.status", "=", "registered")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("registered_count"),
      (eb) =>
        eb
          .selectFrom("meeting_registrations as r")
          .whereRef("r.meeting_id", "=", "m.id")
          .where("r.status", "=", "waiting")
          .select(sql<number>`count(*)::int`.as("n"))
          .as("waiting_count"),
    ]);
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

/** One meeting with its organiser's name, place names and registration counts. */
export function findMeeting(db: Db, id: string) {
  return meetingQuery(db).where("m.id", "=", id).executeTakeFirst();
}

/** One meeting by its public slug. */
export function findMeetingBySlug(db: Db, slug: string) {
  return meetingQuery(db).where("m.slug", "=", slug).executeTakeFirst();
}

/** Meetings, soonest first (or latest first with `order: "desc"`), limited by scope, status and time. */
export function listMeetings(
  db: Db,
  filter: {
    scope?: DataScope;
    statuses?: readonly MeetingStatus[];
    from?: Date;
    to?: Date;
    order?: "asc" | "desc";
    limit?: number;
  },
) {
  let query = meetingQuery(db);
  if (filter.scope) {
    const scope = filter.scope;
    query = query.where((eb) => inScope(eb, "m.organisation_id", scope));
  }
  if (filter.statuses) query = query.where("m.status", "in", [...filter.statuses]);
  if (filter.from) query = query.where("m.starts_at", ">=", filter.from);
  if (filter.to) query = query.where("m.starts_at", "<", filter.to);
  return query
    .orderBy("m.starts_at", filter.order ?? "asc")
    .orderBy("m.id")
    .limit(filter.limit ?? 500)
    .execute();
}

/** The presenting organisations, speakers and highlighted offers of meetings, in their order. */
export async function meetingParts(db: Db, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return { organisations: [], speakers: [], offers: [] };
  const ids = [...meetingIds];
  const [organisations, speakers, offers] = await Promise.all([
    db
      .selectFrom("meeting_organisations as mo")
      .innerJoin("organisations as o", "o.id", "mo.organisation_id")
      .where("mo.meeting_id", "in", ids)
      .select(["mo.meeting_id", "o.id", "o.name"])
      .orderBy("mo.position")
      .execute(),
    db
      .selectFrom("meeting_speakers as s")
      .leftJoin("organisations as o", "o.id", "s.organisation_id")
      .where("s.meeting_id", "in", ids)
      .select(["s.meeting_id", "s.name", "s.role", "s.organisation_id", "o.name as organisation_name"])
      .orderBy("s.position")
      .execute(),
    db
      .selectFrom("meeting_offers as mo")
      .innerJoin("offers as f", "f.id", "mo.offer_id")
      .innerJoin("organisations as o", "o.id", "f.organisation_id")
      .where("mo.meeting_id", "in", ids)
      .select(["mo.meeting_id", "f.id", "f.name", "o.name as organisation_name"])
      .orderBy("mo.position")
      .execute(),
  ]);
  return { organisations, speakers, offers };
}

/** Whether a public slug is in use. */
export async function isSlugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await db.selectFrom("meetings").where("slug", "=", slug).select("id").executeTakeFirst());
}

/** Inserts a meeting; returns its id. */
export async function insertMeeting(db: Db, row: Insertable<MeetingsTable>): Promise<string> {
  const { id } = await db.insertInto("meetings").values(row).returning("id").executeTakeFirstOrThrow();
  return id;
}

/** Changes a meeting's columns. */
export async function updateMeeting(db: Db, id: string, patch: Updateable<MeetingsTable>): Promise<void> {
  await db
    .updateTable("meetings")
    .set({ ...patch, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

/** Locks a meeting row for the rest of the transaction (capacity and the waiting list are decided under it). */
export function lockMeeting(db: Db, id: string) {
  return db.selectFrom("meetings").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Replaces a meeting's presenting organisations, speakers and highlighted offers (in the order given). */
export async function replaceMeetingParts(
  db: Db,
  meetingId: string,
  parts: {
    organisationIds: readonly string[];
    speakers: readonly { name: string; role?: string | undefined; organisationId?: string | undefined }[];
    offerIds: readonly string[];
  },
): Promise<void> {
  await db.deleteFrom("meeting_organisations").where("meeting_id", "=", meetingId).execute();
  await db.deleteFrom("meeting_speakers").where("meeting_id", "=", meetingId).execute();
  await db.deleteFrom("meeting_offers").where("meeting_id", "=", meetingId).execute();
  const organisationIds = [...new Set(parts.organisationIds)];
  if (organisationIds.length > 0) {
    await db
      .insertInto("meeting_organisations")
      .values(
        organisationIds.map((organisation_id, position) => ({
          meeting_id: meetingId,
          organisation_id,
          position,
        })),
      )
      .execute();
  }
  if (parts.speakers.length > 0) {
    await db
      .insertInto("meeting_speakers")
      .values(
        parts.speakers.map((s, position) => ({
          meeting_id: meetingId,
          name: s.name,
          role: s.role ?? null,
          organisation_id: s.organisationId ?? null,
          position,
        })),
      )
      .execute();
  }
  const offerIds = [...new Set(parts.offerIds)];
  if (offerIds.length > 0) {
    await db
      .insertInto("meeting_offers")
      .values(offerIds.map((offer_id, position) => ({ meeting_id: meetingId, offer_id, position })))
      .execute();
  }
}

/** Meetings that reminders are due for: published, starting within `within` from `now`, not started. */
export function listMeetingsStartingSoon(db: Db, now: Date, until: Date) {
  return db
    .selectFrom("meetings")
    .selectAll()
    .where("status", "=", "published")
    .where("starts_at", ">", now)
    .where("starts_at", "<=", until)
    .execute();
}

// ---- registrations

/** Inserts a registration; returns it. */
export function insertRegistration(db: Db, row: Insertable<MeetingRegistrationsTable>) {
  return db.insertInto("meeting_registrations").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The live (registered or waiting) registration of an e-mail address for a meeting. */
export function findLiveRegistration(db: Db, meetingId: string, email: string) {
  return db
    .selectFrom("meeting_registrations")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .where("status", "<>", "cancelled")
    .executeTakeFirst();
}

/** A registration made with this idempotency key (a repeated POST). */
export function findRegistrationByKey(db: Db, meetingId: string, key: string) {
  return db
    .selectFrom("meeting_registrations")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/** The registration a cancellation link names (by the token's hash). */
export function findRegistrationByTokenHash(db: Db, hash: string) {
  return db
    .selectFrom("meeting_registrations")
    .selectAll()
    .where("cancel_token_hash", "=", hash)
    .executeTakeFirst();
}

/** One registration. */
export function findRegistration(db: Db, id: string) {
  return db.selectFrom("meeting_registrations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** How many hold a place. */
export async function countRegistered(db: Db, meetingId: string): Promise<number> {
  const row = await db
    .selectFrom("meeting_registrations")
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "registered")
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The first on the waiting list (oldest first), or undefined. */
export function firstWaiting(db: Db, meetingId: string) {
  return db
    .selectFrom("meeting_registrations")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "waiting")
    .orderBy("created_at")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
}

/** Sets a registration's status (and when it was cancelled or promoted). */
export async function setRegistrationStatus(
  db: Db,
  id: string,
  status: RegistrationStatus,
  at: Date,
): Promise<void> {
  await db
    .updateTable("meeting_registrations")
    .set({
      status,
      updated_at: at,
      ...(status === "cancelled" ? { cancelled_at: at } : {}),
      ...(status === "registered" ? { promoted_at: at } : {}),
    })
    .where("id", "=", id)
    .execute();
}

/** Replaces a registration's cancellation token (a promotion mail carries a fresh link). */
export async function setCancelTokenHash(db: Db, id: string, hash: string): Promise<void> {
  await db
    .updateTable("meeting_registrations")
    .set({ cancel_token_hash: hash })
    .where("id", "=", id)
    .execute();
}

/** A meeting's registrations, in the order they came (cancelled ones too, for the record). */
export function listRegistrations(db: Db, meetingId: string, statuses?: readonly RegistrationStatus[]) {
  let query = db.selectFrom("meeting_registrations").selectAll().where("meeting_id", "=", meetingId);
  if (statuses) query = query.where("status", "in", [...statuses]);
  return query.orderBy("created_at").orderBy("id").execute();
}

/** Marks who came (true), who did not (false) or unknown (null). */
export async function setAttendance(
  db: Db,
  meetingId: string,
  id: string,
  attended: boolean | null,
): Promise<number> {
  const result = await db
    .updateTable("meeting_registrations")
    .set({ attended, updated_at: sql`now()` })
    .where("meeting_id", "=", meetingId)
    .where("id", "=", id)
    .where("status", "=", "registered")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Claims the attendees who have not had the follow-up survey yet: sets `followup_sent_at` and returns them.
 * One statement, so two clicks or two processes never send it twice.
 */
export function claimFollowUps(db: Db, meetingId: string, at: Date) {
  return db
    .updateTable("meeting_registrations")
    .set({ followup_sent_at: at })
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "registered")
    .where("attended", "=", true)
    .where("followup_sent_at", "is", null)
    .returningAll()
    .execute();
}

/** Claims the registered people of a meeting whose reminder has not gone out. */
export function claimReminders(db: Db, meetingId: string, at: Date) {
  return db
    .updateTable("meeting_registrations")
    .set({ reminder_sent_at: at })
    .where("meeting_id", "=", meetingId)
    .where("status", "=", "registered")
    .where("reminder_sent_at", "is", null)
    .returningAll()
    .execute();
}

/** The companies that registered for a meeting (for linking answers and needs). */
export async function registeredCompanyIds(db: Db, meetingId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("meeting_registrations")
    .where("meeting_id", "=", meetingId)
    .where("company_id", "is not", null)
    .select("company_id")
    .distinct()
    .execute();
  return rows.map((r) => r.company_id as string);
}

/** A company's registrations with their meetings' titles and times. */
export function listRegistrationsOfCompany(db: Db, companyId: string) {
  return db
    .selectFrom("meeting_registrations as r")
    .innerJoin("meetings as m", "m.id", "r.meeting_id")
    .selectAll("r")
    .select(["m.title as meeting_title", "m.starts_at"])
    .where("r.company_id", "=", companyId)
    .orderBy("r.created_at")
    .execute();
}

/** What is left of a registration once its person is removed: the row (and the meeting's counts) stays. */
const ANONYMISED_REGISTRATION = {
  person_name: "–",
  email: sql<string>`'erased-' || id || '@invalid'`,
  phone: null,
  dietary_needs: null,
  accessibility_needs: null,
  org_number: null,
  company_id: null,
  updated_at: sql<Date>`now()`,
};

/**
 * The retention period: registrations for an organisation's meetings that started before `before` lose the
 * person (as at erasure), once; returns how many did.
 */
export async function anonymiseRegistrationsBefore(
  db: Db,
  organisationId: string,
  before: Date,
): Promise<number> {
  const result = await db
    .updateTable("meeting_registrations")
    .set(ANONYMISED_REGISTRATION)
    .where("meeting_id", "in", (eb) =>
      eb
        .selectFrom("meetings")
        .select("id")
        .where("organisation_id", "=", organisationId)
        .where("starts_at", "<", before),
    )
    .where("email", "not like", "erased-%@invalid")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes a person's contact details from registrations of a company (GDPR erasure), keeping the counts. */
export async function anonymiseRegistrationsOfCompany(db: Db, companyId: string): Promise<number> {
  const result = await db
    .updateTable("meeting_registrations")
    .set(ANONYMISED_REGISTRATION)
    .where("company_id", "=", companyId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
