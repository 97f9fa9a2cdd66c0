import type { Db } from "#src/db/client.ts";
import { casesOfNeeds } from "#src/features/cases/cases.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import type { Need } from "#src/features/needs/needs.schemas.ts";
import { listNeeds } from "#src/features/needs/needs.service.ts";
import { listResponsesOfCampaign } from "#src/features/surveys/surveys.responses.service.ts";
import type { SurveyResponse, SurveyVersion } from "#src/features/surveys/surveys.schemas.ts";
import { getCampaign } from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";
import type { Meeting } from "./meetings.schemas.ts";

// What came out of a meeting, for its organiser's page: the follow-up answers (with their own questions), the
// needs they created and the cases those needs are in. Each part follows its own feature's access rules: a
// navigator sees all three; an org admin, who does not read answers or needs one by one, sees none of them.

/** The outcome of a meeting; a part is `undefined` when the actor may not read it. */
export type MeetingOutcome = {
  campaign: { id: string; slug: string } | undefined;
  responses: { response: SurveyResponse; version: SurveyVersion }[] | undefined;
  needs: Need[] | undefined;
  cases: Awaited<ReturnType<typeof casesOfNeeds>> | undefined;
};

async function readable<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND"))
      return undefined;
    throw error;
  }
}

/** The follow-up answers, needs and cases of a meeting, as far as the actor may read them (reads audited). */
export async function meetingOutcome(db: Db, meeting: Meeting, meta: AuditMeta): Promise<MeetingOutcome> {
  if (!meeting.followupCampaignId) {
    return { campaign: undefined, responses: undefined, needs: undefined, cases: undefined };
  }
  const campaign = await getCampaign(db, meeting.followupCampaignId);
  const responses = await readable(() => listResponsesOfCampaign(db, campaign, meta));
  const needs = await readable(() => listNeeds(db, { campaignId: campaign.id, pageSize: 200 }, meta));
  const cases = needs
    ? await casesOfNeeds(
        db,
        needs.map((n) => n.id),
        meta.actor,
      )
    : undefined;
  return { campaign: { id: campaign.id, slug: campaign.slug }, responses, needs, cases };
}
