import type { Db } from "#src/db/client.ts";
import * as jobs from "./surveys.jobs.repository.ts";
import type { Question } from "./surveys.questions.ts";
import { scrubResponses } from "./surveys.responses.service.ts";
import type { SurveyResponse } from "./surveys.schemas.ts";

// What the retention job asks of survey answers. No policy here: the job (a system actor) decided, and it
// writes the audit entries with the counts.

/** When each of these companies last answered a survey, per organisation. */
export async function lastResponsePerCompany(
  db: Db,
  companyIds: readonly string[],
): Promise<{ companyId: string; organisationId: string; lastAt: Date }[]> {
  const rows = await jobs.lastResponsePerCompany(db, companyIds);
  return rows.map((row) => ({
    companyId: row.company_id!,
    organisationId: row.organisation_id,
    lastAt: new Date(row.last_at as unknown as string | Date),
  }));
}

const PERSONAL_TYPES = new Set(["contact-block", "free-text", "consent-block"]);

/**
 * Whether an answer still holds what erasure "everything" removes: a contact, consent or free-text answer,
 * or a company's own words on a theme. An answer scrubbed before has none, so it is not counted again.
 */
function holdsPersonalData(questions: readonly Question[], answers: Record<string, unknown>): boolean {
  return Object.entries(answers).some(([id, value]) => {
    const question = questions.find((q) => q.id === id);
    if (!question) return false;
    if (PERSONAL_TYPES.has(question.type)) return true;
    return (
      question.type === "theme-picker" &&
      Array.isArray(value) &&
      value.some((entry) => typeof entry?.description === "string" && entry.description !== "")
    );
  });
}

/**
 * Retention: scrubs the organisation's answers given before `before` of free text, contact and consent
 * blocks and the company's own words on themes (as erasing the company would), keeping the choices that
 * count anonymously. Returns how many answers held something and were scrubbed now.
 */
export async function scrubResponsesBefore(db: Db, organisationId: string, before: Date): Promise<number> {
  const rows = await jobs.listResponsesOfOrganisationBefore(db, organisationId, before);
  const due: SurveyResponse[] = rows
    .filter((row) => holdsPersonalData(row.questions as Question[], row.answers))
    .map((row) => ({
      id: row.id,
      surveyId: row.survey_id,
      surveyVersionId: row.survey_version_id,
      version: row.version,
      campaignId: row.campaign_id,
      organisationId: row.organisation_id,
      companyId: row.company_id,
      companyName: row.company_name,
      contactId: row.contact_id,
      answers: row.answers,
      submittedBy: row.submitted_by,
      submittedByLabel: row.submitted_by_label,
      createdAt: row.created_at,
    }));
  if (due.length === 0) return 0;
  return scrubResponses(db, due, "everything");
}
