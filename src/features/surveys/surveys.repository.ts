import { type Insertable, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type {
  CampaignsTable,
  SurveyResponsesTable,
  SurveysTable,
  SurveyVersionsTable,
} from "#src/db/schema.ts";

// The only SQL for surveys, survey_versions, campaigns and survey_responses.

/** Stores a survey. */
export function insertSurvey(db: Db, row: Insertable<SurveysTable>) {
  return db.insertInto("surveys").values(row).returningAll().executeTakeFirstOrThrow();
}

/** One survey. */
export function findSurvey(db: Db, id: string) {
  return db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Whether a survey slug is taken. */
export async function isSurveySlugTaken(db: Db, slug: string): Promise<boolean> {
  return (
    (await db.selectFrom("surveys").select("id").where("slug", "=", slug).executeTakeFirst()) !== undefined
  );
}

/** Stores a version. */
export function insertVersion(db: Db, row: Insertable<SurveyVersionsTable>) {
  return db.insertInto("survey_versions").values(row).returningAll().executeTakeFirstOrThrow();
}

/** One version. */
export function findVersion(db: Db, id: string) {
  return db.selectFrom("survey_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The survey's draft (unpublished) version, locked, if it has one. */
export function lockDraft(db: Db, surveyId: string) {
  return db
    .selectFrom("survey_versions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("published_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
}

/** The survey's newest published version. */
export function findLatestPublished(db: Db, surveyId: string) {
  return db
    .selectFrom("survey_versions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("published_at", "is not", null)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The highest version number of a survey (0 when none). */
export async function maxVersion(db: Db, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom("survey_versions")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Every version of a survey, newest first. */
export function listVersions(db: Db, surveyId: string) {
  return db
    .selectFrom("survey_versions")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("version", "desc")
    .execute();
}

/** Changes a version's content. The database refuses this for a published version (trigger). */
export function updateVersionContent(
  db: Db,
  id: string,
  content: Pick<
    Insertable<SurveyVersionsTable>,
    "title_sv" | "title_en" | "intro_sv" | "intro_en" | "questions"
  >,
) {
  return db
    .updateTable("survey_versions")
    .set({ ...content, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Publishes a draft. */
export function publishVersion(db: Db, id: string, at: Date) {
  return db
    .updateTable("survey_versions")
    .set({ published_at: at, updated_at: at })
    .where("id", "=", id)
    .where("published_at", "is", null)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Stores a campaign. */
export function insertCampaign(db: Db, row: Insertable<CampaignsTable>) {
  return db.insertInto("campaigns").values(row).returningAll().executeTakeFirstOrThrow();
}

/** One campaign by id. */
export function findCampaign(db: Db, id: string) {
  return db.selectFrom("campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One campaign by its public slug. */
export function findCampaignBySlug(db: Db, slug: string) {
  return db.selectFrom("campaigns").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Surveys of these organisations (all when undefined), by name. */
export function listSurveys(db: Db, organisationIds: readonly string[] | undefined) {
  let query = db.selectFrom("surveys").selectAll().orderBy("name").orderBy("created_at");
  if (organisationIds) {
    if (organisationIds.length === 0) return Promise.resolve([]);
    query = query.where("organisation_id", "in", organisationIds);
  }
  return query.execute();
}

/** A survey's campaigns, newest first. */
export function listCampaignsOfSurvey(db: Db, surveyId: string) {
  return db
    .selectFrom("campaigns")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .orderBy("opens_at", "desc")
    .execute();
}

/** Campaigns open at `now` whose survey has a published version, soonest closing first. */
export function listOpenCampaigns(db: Db, now: Date) {
  return db
    .selectFrom("campaigns")
    .selectAll("campaigns")
    .where("opens_at", "<=", now)
    .where((eb) => eb.or([eb("closes_at", "is", null), eb("closes_at", ">", now)]))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("survey_versions")
          .select("survey_versions.id")
          .whereRef("survey_versions.survey_id", "=", "campaigns.survey_id")
          .where("survey_versions.published_at", "is not", null),
      ),
    )
    .orderBy(sql`closes_at nulls last`)
    .orderBy("name")
    .execute();
}

/**
 * Stores a response unless the survey already has one with this idempotency key; then nothing is written
 * and undefined is returned. A parallel insert with the same key waits for the first to commit.
 */
export function insertResponseOnce(db: Db, row: Insertable<SurveyResponsesTable>) {
  return db
    .insertInto("survey_responses")
    .values(row)
    .onConflict((oc) => oc.columns(["survey_id", "idempotency_key"]).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The response stored under a survey's idempotency key. */
export function findResponseByKey(db: Db, surveyId: string, idempotencyKey: string) {
  return db
    .selectFrom("survey_responses")
    .selectAll()
    .where("survey_id", "=", surveyId)
    .where("idempotency_key", "=", idempotencyKey)
    .executeTakeFirst();
}

/** Links a response to the company and contact person it created or attached to. */
export async function setResponseCompany(
  db: Db,
  id: string,
  companyId: string,
  contactId: string | null,
): Promise<void> {
  await db
    .updateTable("survey_responses")
    .set({ company_id: companyId, contact_id: contactId })
    .where("id", "=", id)
    .execute();
}

function responsesWithVersion(db: Db) {
  return db
    .selectFrom("survey_responses")
    .innerJoin("survey_versions", "survey_versions.id", "survey_responses.survey_version_id")
    .leftJoin("companies", "companies.id", "survey_responses.company_id")
    .selectAll("survey_responses")
    .select(["survey_versions.version", "companies.name as company_name"]);
}

/** One response with its version number. */
export function findResponse(db: Db, id: string) {
  return responsesWithVersion(db).where("survey_responses.id", "=", id).executeTakeFirst();
}

/** A page of a survey's responses, newest first. */
export function listResponses(db: Db, surveyId: string, window: { limit: number; offset: number }) {
  return responsesWithVersion(db)
    .where("survey_responses.survey_id", "=", surveyId)
    .orderBy("survey_responses.created_at", "desc")
    .orderBy("survey_responses.id", "desc")
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/** The responses given through one campaign, newest first. */
export function listResponsesOfCampaign(db: Db, campaignId: string, limit: number) {
  return responsesWithVersion(db)
    .where("survey_responses.campaign_id", "=", campaignId)
    .orderBy("survey_responses.created_at", "desc")
    .orderBy("survey_responses.id", "desc")
    .limit(limit)
    .execute();
}

/** Every response of a company (export). */
export function listResponsesOfCompany(db: Db, companyId: string) {
  return responsesWithVersion(db)
    .where("survey_responses.company_id", "=", companyId)
    .orderBy("survey_responses.created_at")
    .execute();
}

/** Every response naming a contact person (export, erasure). */
export function listResponsesOfContact(db: Db, contactId: string) {
  return responsesWithVersion(db)
    .where("survey_responses.contact_id", "=", contactId)
    .orderBy("survey_responses.created_at")
    .execute();
}

/** Replaces a response's answers (erasure scrubs personal data from them). */
export async function replaceAnswers(db: Db, id: string, answers: Record<string, unknown>): Promise<void> {
  await db
    .updateTable("survey_responses")
    .set({ answers: JSON.stringify(answers) })
    .where("id", "=", id)
    .execute();
}

/** Number of responses to a survey (tests, pages). */
export async function countResponses(db: Db, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom("survey_responses")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return row.n;
}
