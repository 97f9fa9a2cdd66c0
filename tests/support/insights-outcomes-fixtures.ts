import { randomUUID } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import type { DeclineReason, ReferralOutcome, ReferralStatus } from "#src/db/schema.ts";
import { freshOrgNumber } from "./intake-fixtures.ts";

// Factories for the lotsning-outcome insights tests: companies, needs, cases, referrals, contact-log
// entries, survey rounds, answers and pulse invitations written straight into the tables with the times the
// test chooses (the lotsning and surveys features' own tests cover how those rows come about).

const DAY_MS = 86_400_000;

/** A company in a municipality, with an active statistics consent unless `statistics: false`. */
export async function makeOutcomeCompany(
  db: Db,
  municipality: string,
  options: { statistics?: boolean } = {},
): Promise<string> {
  const company = await db
    .insertInto("companies")
    .values({
      org_number: freshOrgNumber().replace("-", ""),
      name: "Utfallsbolaget AB",
      municipality_code: municipality,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.statistics !== false)
    await db
      .insertInto("consents")
      .values({
        company_id: company.id,
        kind: "statistics",
        wording_version: "test-1",
        source: "navigator",
        recorded_by_label: "test",
      })
      .execute();
  return company.id;
}

/** A navigator team of the organisation (cases need one). */
export async function makeTeam(db: Db, organisationId: string): Promise<string> {
  const team = await db
    .insertInto("teams")
    .values({ organisation_id: organisationId, slug: `utfall-${randomUUID()}`, name: "Utfallsteamet" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return team.id;
}

/** An active offer of the organisation. */
export async function makeOutcomeOffer(
  db: Db,
  organisationId: string,
  name: string,
  nameEn: string | null = null,
): Promise<string> {
  const offer = await db
    .insertInto("offers")
    .values({
      organisation_id: organisationId,
      slug: `utfall-${randomUUID()}`,
      name,
      name_en: nameEn,
      summary: "Ett erbjudande att hänvisa till.",
      description: "Finns för att ärenden ska kunna hänvisas hit.",
      formats: ["loan"],
      themes: ["financing"],
      cost_type: "loan",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return offer.id;
}

/** A need of the company filed at `at` under its municipality; returns its id. */
export async function makeOutcomeNeed(
  db: Db,
  companyId: string,
  organisationId: string,
  municipality: string,
  at: Date,
): Promise<string> {
  const need = await db
    .insertInto("needs")
    .values({
      company_id: companyId,
      organisation_id: organisationId,
      theme: "financing",
      urgency: "now",
      source: "navigator",
      municipality_code: municipality,
      created_at: at,
      updated_at: at,
      status_changed_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return need.id;
}

/** A case of the organisation's team holding the need; returns its id. */
export async function makeOutcomeCase(
  db: Db,
  input: { companyId: string; needId: string; organisationId: string; teamId: string; at: Date },
): Promise<string> {
  const opened = await db
    .insertInto("cases")
    .values({
      company_id: input.companyId,
      team_id: input.teamId,
      organisation_id: input.organisationId,
      opened_via: "phone",
      created_by_label: "test",
      status: "referred",
      created_at: input.at,
      updated_at: input.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("case_needs").values({ case_id: opened.id, need_id: input.needId }).execute();
  return opened.id;
}

export interface FixtureReferral {
  offerId: string;
  partnerId: string;
  sentAt: Date;
  status: ReferralStatus;
  outcome?: ReferralOutcome;
  declineReason?: DeclineReason;
  /** Days after sending when the partner answered (accepted or declined). */
  respondedAfterDays?: number;
  /** Days after sending when the partner logged a contact with the company for this referral. */
  contactAfterDays?: number;
  municipality: string;
}

/** A referral of the case, with its answer time and contact-log entry as given; returns its id. */
export async function makeOutcomeReferral(
  db: Db,
  caseId: string,
  companyId: string,
  referral: FixtureReferral,
): Promise<string> {
  const after = (days: number | undefined) =>
    days === undefined ? null : new Date(referral.sentAt.getTime() + days * DAY_MS);
  const ended = ["closed", "declined", "withdrawn", "expired"].includes(referral.status);
  const row = await db
    .insertInto("referrals")
    .values({
      case_id: caseId,
      offer_id: referral.offerId,
      organisation_id: referral.partnerId,
      status: referral.status,
      outcome: referral.outcome ?? null,
      decline_reason: referral.declineReason ?? null,
      theme: "financing",
      municipality_code: referral.municipality,
      sent_by_label: "test",
      sent_at: referral.sentAt,
      remind_at: new Date(referral.sentAt.getTime() + 4 * DAY_MS),
      respond_by: new Date(referral.sentAt.getTime() + 5 * DAY_MS),
      responded_at: after(referral.respondedAfterDays),
      closed_at: ended ? new Date(referral.sentAt.getTime() + 20 * DAY_MS) : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const contactedAt = after(referral.contactAfterDays);
  if (contactedAt)
    await db
      .insertInto("company_contact_log")
      .values({
        company_id: companyId,
        organisation_id: referral.partnerId,
        actor_label: "test",
        channel: "phone",
        case_id: caseId,
        referral_id: row.id,
        contacted_at: contactedAt,
      })
      .execute();
  return row.id;
}

/** A survey round of a published survey: a pulse (recurring) one or a one-off one; returns its id. */
export async function makeOutcomeCampaign(
  db: Db,
  organisationId: string,
  input: { name: string; pulse: boolean; opensAt: Date },
): Promise<string> {
  const slug = `utfall-${randomUUID()}`;
  const survey = await db
    .insertInto("surveys")
    .values({
      organisation_id: organisationId,
      slug,
      kind: input.pulse ? "pulse" : "needs",
      name: input.name,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("survey_versions")
    .values({
      survey_id: survey.id,
      version: 1,
      title_sv: input.name,
      questions: "[]",
      published_at: input.opensAt,
    })
    .execute();
  const campaign = await db
    .insertInto("campaigns")
    .values({
      survey_id: survey.id,
      organisation_id: organisationId,
      slug,
      name: input.name,
      scope_kind: "period",
      opens_at: input.opensAt,
      closes_at: new Date(input.opensAt.getTime() + 90 * DAY_MS),
      recurrence: input.pulse ? "quarterly" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return campaign.id;
}

/** The company's answer to the survey round at `at`. */
export async function answerCampaign(db: Db, campaignId: string, companyId: string, at: Date): Promise<void> {
  const campaign = await db
    .selectFrom("campaigns")
    .innerJoin("survey_versions", "survey_versions.survey_id", "campaigns.survey_id")
    .select(["campaigns.survey_id", "campaigns.organisation_id", "survey_versions.id as version_id"])
    .where("campaigns.id", "=", campaignId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("survey_responses")
    .values({
      survey_id: campaign.survey_id,
      survey_version_id: campaign.version_id,
      campaign_id: campaignId,
      organisation_id: campaign.organisation_id,
      company_id: companyId,
      answers: "{}",
      submitted_by: "company",
      submitted_by_label: "test",
      idempotency_key: randomUUID(),
      request_hash: "test",
      created_at: at,
    })
    .execute();
}

/** The pulse invitation of the company to the survey round, sent at `at`. */
export async function inviteToCampaign(
  db: Db,
  campaignId: string,
  companyId: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto("pulse_mailings")
    .values({
      campaign_id: campaignId,
      company_id: companyId,
      kind: "invitation",
      recipients: 1,
      created_at: at,
    })
    .execute();
}
