import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { RecurringPeriod } from "./surveys.pulse.periods.ts";

// SQL of the surveys feature's background jobs: the pulse (recurring campaigns, pulse_mailings) and the
// retention job's questions about survey answers. The tables are this feature's (campaigns,
// survey_responses, pulse_mailings); the interactive queries stay in surveys.repository.ts.

/** The newest answer per company and organisation, for these companies (the retention job). */
export function lastResponsePerCompany(db: Db, companyIds: readonly string[]) {
  if (companyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("survey_responses")
    .select(["company_id", "organisation_id"])
    .select((eb) => eb.fn.max("created_at").as("last_at"))
    .where("company_id", "in", companyIds)
    .groupBy(["company_id", "organisation_id"])
    .execute();
}

/** An organisation's answers given before `before`, with their version number (the retention job). */
export function listResponsesOfOrganisationBefore(db: Db, organisationId: string, before: Date) {
  return db
    .selectFrom("survey_responses")
    .innerJoin("survey_versions", "survey_versions.id", "survey_responses.survey_version_id")
    .leftJoin("companies", "companies.id", "survey_responses.company_id")
    .selectAll("survey_responses")
    .select(["survey_versions.version", "survey_versions.questions", "companies.name as company_name"])
    .where("survey_responses.organisation_id", "=", organisationId)
    .where("survey_responses.created_at", "<", before)
    .orderBy("survey_responses.created_at")
    .execute();
}

/** Every campaign that recurs, with its survey's kind, oldest first. */
export function listRecurringCampaigns(db: Db) {
  return db
    .selectFrom("campaigns")
    .selectAll("campaigns")
    .where("recurrence", "is not", null)
    .orderBy("survey_id")
    .orderBy("opens_at")
    .execute();
}

/** Stores the next period's campaign unless its slug is taken; undefined when it was. */
export function insertCampaignOnce(
  db: Db,
  row: {
    survey_id: string;
    organisation_id: string;
    slug: string;
    name: string;
    scope_kind: "meeting" | "municipality" | "industry" | "period";
    municipality_codes: string[];
    sni_codes: string[];
    opens_at: Date;
    closes_at: Date;
    recurrence: RecurringPeriod;
  },
) {
  return db
    .insertInto("campaigns")
    .values(row)
    .onConflict((oc) => oc.column("slug").doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Companies that answered an earlier campaign of the survey (opened before `opensBefore`), and the contact
 * persons named on those answers (null when the answer named none or the person was erased).
 */
export function earlierAnswerers(db: Db, surveyId: string, opensBefore: Date) {
  return db
    .selectFrom("survey_responses")
    .innerJoin("campaigns", "campaigns.id", "survey_responses.campaign_id")
    .select(["survey_responses.company_id", "survey_responses.contact_id"])
    .distinct()
    .where("survey_responses.survey_id", "=", surveyId)
    .where("campaigns.opens_at", "<", opensBefore)
    .where("survey_responses.company_id", "is not", null)
    .execute();
}

/** The companies that answered this campaign. */
export async function companiesThatAnswered(db: Db, campaignId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("survey_responses")
    .select("company_id")
    .distinct()
    .where("campaign_id", "=", campaignId)
    .where("company_id", "is not", null)
    .execute();
  return new Set(rows.map((row) => row.company_id!));
}

/**
 * Claims one pulse mail (campaign, company, kind); false when it was claimed before. Run it in the
 * transaction that puts the mail in the outbox, so the claim and the mail commit together.
 */
export async function claimPulseMailing(
  db: Db,
  row: {
    campaign_id: string;
    company_id: string;
    kind: "invitation" | "reminder";
    recipients: number;
    created_at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto("pulse_mailings")
    .values(row)
    .onConflict((oc) => oc.columns(["campaign_id", "company_id", "kind"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The companies that already got this kind of mail for the campaign, with when. */
export async function mailedCompanies(
  db: Db,
  campaignId: string,
  kind: "invitation" | "reminder",
): Promise<Map<string, Date>> {
  const rows = await db
    .selectFrom("pulse_mailings")
    .select(["company_id", "created_at"])
    .where("campaign_id", "=", campaignId)
    .where("kind", "=", kind)
    .execute();
  return new Map(rows.map((row) => [row.company_id, row.created_at]));
}

/** Mails sent per campaign and kind (pages, tests). */
export function countPulseMailings(db: Db, campaignId: string) {
  return db
    .selectFrom("pulse_mailings")
    .select(["kind", sql<number>`count(*)::int`.as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy("kind")
    .execute();
}
