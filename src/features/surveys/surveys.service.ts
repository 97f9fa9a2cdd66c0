import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { CampaignsTable, SurveysTable, SurveyVersionsTable } from "#src/db/schema.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { activeThemeCodes } from "#src/features/needs/needs.service.ts";
import { isPlatformAdmin, organisationsWithRole } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { canManageSurveys, SURVEY_MANAGER_ROLES } from "./surveys.policy.ts";
import {
  type Question,
  SurveyContent,
  type SurveyContentInput,
  themesReferenced,
} from "./surveys.questions.ts";
import * as repository from "./surveys.repository.ts";
import {
  type Campaign,
  CreateCampaignInput,
  CreateSurveyInput,
  type Survey,
  type SurveyVersion,
} from "./surveys.schemas.ts";

// Surveys, their versions and campaigns. A version is a draft until published; a published version never
// changes (checked here and enforced by a database trigger), so editing a published survey starts a new
// draft version and every answer keeps the version it was given to.

function toSurvey(row: Selectable<SurveysTable>): Survey {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
  };
}

/** A stored version as services hand it out; the questions were validated when written. */
export function toVersion(row: Selectable<SurveyVersionsTable>): SurveyVersion {
  return {
    id: row.id,
    surveyId: row.survey_id,
    version: row.version,
    titleSv: row.title_sv,
    titleEn: row.title_en,
    introSv: row.intro_sv,
    introEn: row.intro_en,
    questions: row.questions as Question[],
    publishedAt: row.published_at,
    createdAt: row.created_at,
  };
}

function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id,
    surveyId: row.survey_id,
    organisationId: row.organisation_id,
    slug: row.slug,
    name: row.name,
    scopeKind: row.scope_kind,
    municipalityCodes: row.municipality_codes,
    sniCodes: row.sni_codes,
    meetingRef: row.meeting_ref,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    recurrence: row.recurrence,
  };
}

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Validates a version's content and that every theme it maps to exists; messages keyed `content.…`. */
async function checkContent(db: Db, input: SurveyContentInput, prefix = "content"): Promise<SurveyContent> {
  const parsed = SurveyContent.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error, prefix));
  const themes = await activeThemeCodes(db);
  const unknown = themesReferenced(parsed.data.questions).filter((code) => !themes.has(code));
  if (unknown.length > 0) {
    throw new FieldValidationError({
      [`${prefix}.questions`]: {
        sv: `Okänt behovsområde: ${unknown.join(", ")}.`,
        en: `Unknown need theme: ${unknown.join(", ")}.`,
      },
    });
  }
  return parsed.data;
}

function contentColumns(content: SurveyContent) {
  return {
    title_sv: content.titleSv,
    title_en: content.titleEn ?? null,
    intro_sv: content.introSv,
    intro_en: content.introEn ?? null,
    questions: JSON.stringify(content.questions),
  };
}

/** The surveys the actor may manage (their organisations'; every one for the platform admin), by name. */
export async function listManagedSurveys(db: Db, actor: AuditActor): Promise<Survey[]> {
  if (actor.kind === "system" || isPlatformAdmin(actor))
    return (await repository.listSurveys(db, undefined)).map(toSurvey);
  const organisations = organisationsWithRole(actor, SURVEY_MANAGER_ROLES);
  return (await repository.listSurveys(db, organisations)).map(toSurvey);
}

/** A survey the actor may manage, or FORBIDDEN / NOT_FOUND. */
export async function getManagedSurvey(db: Db, surveyId: string, meta: AuditMeta): Promise<Survey> {
  return managedSurvey(db, surveyId, meta);
}

/** A survey's campaigns, newest first. */
export async function listCampaigns(db: Db, surveyId: string): Promise<Campaign[]> {
  return (await repository.listCampaignsOfSurvey(db, surveyId)).map(toCampaign);
}

/** Whether a survey already has this slug. */
export function isSurveySlugTaken(db: Db, slug: string): Promise<boolean> {
  return repository.isSurveySlugTaken(db, slug);
}

/** The survey, or NOT_FOUND. */
export async function getSurvey(db: Db, id: string): Promise<Survey> {
  const row = await repository.findSurvey(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such survey.");
  return toSurvey(row);
}

/**
 * Creates a survey with its first version as a draft. Org admins and navigators of the organisation, the
 * platform admin. Throws FieldValidationError, FORBIDDEN or CONFLICT (slug taken). Audited.
 */
export async function createSurvey(
  db: Db,
  input: CreateSurveyInput,
  meta: AuditMeta,
): Promise<{ survey: Survey; draft: SurveyVersion }> {
  const parsed = CreateSurveyInput.omit({ content: true }).safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const data = parsed.data;
  if (!canManageSurveys(meta.actor, data.organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's admins and navigators may create its surveys.");
  }
  const content = await checkContent(db, input.content);
  if (await repository.isSurveySlugTaken(db, data.slug)) {
    throw new AppError("CONFLICT", `The survey slug ${data.slug} is taken.`);
  }
  return inTransaction(db, async (trx) => {
    const survey = await repository.insertSurvey(trx, {
      organisation_id: data.organisationId,
      slug: data.slug,
      kind: data.kind,
      name: data.name,
      created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    const draft = await repository.insertVersion(trx, {
      survey_id: survey.id,
      version: 1,
      ...contentColumns(content),
      created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "survey",
      recordId: survey.id,
      organisationId: survey.organisation_id,
      details: { slug: survey.slug },
    });
    return { survey: toSurvey(survey), draft: toVersion(draft) };
  });
}

async function managedSurvey(db: Db, surveyId: string, meta: AuditMeta): Promise<Survey> {
  const survey = await getSurvey(db, surveyId);
  if (!canManageSurveys(meta.actor, survey.organisationId)) {
    throw new AppError("FORBIDDEN", "This survey belongs to another organisation.");
  }
  return survey;
}

/**
 * Edits a survey: changes its draft, or, when every version is published, starts a new draft version with
 * this content. A published version is never touched. Audited.
 */
export async function editSurvey(
  db: Db,
  surveyId: string,
  input: SurveyContentInput,
  meta: AuditMeta,
): Promise<SurveyVersion> {
  const survey = await managedSurvey(db, surveyId, meta);
  const content = await checkContent(db, input);
  return inTransaction(db, async (trx) => {
    const draft = await repository.lockDraft(trx, surveyId);
    const row = draft
      ? await repository.updateVersionContent(trx, draft.id, contentColumns(content))
      : await repository.insertVersion(trx, {
          survey_id: surveyId,
          version: (await repository.maxVersion(trx, surveyId)) + 1,
          ...contentColumns(content),
          created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
        });
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "survey",
      recordId: surveyId,
      organisationId: survey.organisationId,
      details: { version: row.version },
    });
    return toVersion(row);
  });
}

/**
 * Changes one version's content. A published version is refused with CONFLICT (the trigger would refuse
 * it too); use `editSurvey`, which starts a new version.
 */
export async function updateVersion(
  db: Db,
  versionId: string,
  input: SurveyContentInput,
  meta: AuditMeta,
): Promise<SurveyVersion> {
  const row = await repository.findVersion(db, versionId);
  if (!row) throw new AppError("NOT_FOUND", "No such survey version.");
  await managedSurvey(db, row.survey_id, meta);
  if (row.published_at) {
    throw new AppError(
      "CONFLICT",
      "A published survey version cannot change; edit the survey for a new version.",
    );
  }
  const content = await checkContent(db, input);
  return toVersion(await repository.updateVersionContent(db, versionId, contentColumns(content)));
}

/** Publishes the survey's draft; from now on it never changes. CONFLICT when there is no draft. Audited. */
export async function publishSurvey(
  db: Db,
  surveyId: string,
  meta: AuditMeta,
  now = new Date(),
): Promise<SurveyVersion> {
  const survey = await managedSurvey(db, surveyId, meta);
  return inTransaction(db, async (trx) => {
    const draft = await repository.lockDraft(trx, surveyId);
    if (!draft) throw new AppError("CONFLICT", "The survey has no draft to publish.");
    const published = await repository.publishVersion(trx, draft.id, now);
    await recordAudit(trx, {
      ...meta,
      action: "publish",
      recordType: "survey",
      recordId: surveyId,
      organisationId: survey.organisationId,
      details: { version: published.version },
    });
    return toVersion(published);
  });
}

/** One version (any state), or NOT_FOUND. */
export async function getVersion(db: Db, versionId: string): Promise<SurveyVersion> {
  const row = await repository.findVersion(db, versionId);
  if (!row) throw new AppError("NOT_FOUND", "No such survey version.");
  return toVersion(row);
}

/** The survey's newest published version, or CONFLICT when none is published yet. */
export async function getPublishedVersion(db: Db, surveyId: string): Promise<SurveyVersion> {
  const row = await repository.findLatestPublished(db, surveyId);
  if (!row) throw new AppError("CONFLICT", "The survey has no published version yet.");
  return toVersion(row);
}

/** Every version of a survey, newest first. */
export async function listVersions(db: Db, surveyId: string): Promise<SurveyVersion[]> {
  return (await repository.listVersions(db, surveyId)).map(toVersion);
}

/** Creates a campaign for a survey of the actor's organisation. Throws FieldValidationError, CONFLICT. */
export async function createCampaign(db: Db, input: CreateCampaignInput, meta: AuditMeta): Promise<Campaign> {
  const parsed = CreateCampaignInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const data = parsed.data;
  const survey = await managedSurvey(db, data.surveyId, meta);
  if (await repository.findCampaignBySlug(db, data.slug)) {
    throw new AppError("CONFLICT", `The campaign link ${data.slug} is taken.`);
  }
  return inTransaction(db, async (trx) => {
    const row = await repository.insertCampaign(trx, {
      survey_id: survey.id,
      organisation_id: survey.organisationId,
      slug: data.slug,
      name: data.name,
      scope_kind: data.scopeKind,
      municipality_codes: data.municipalityCodes,
      sni_codes: data.sniCodes,
      meeting_ref: data.meetingRef ?? null,
      opens_at: data.opensAt,
      closes_at: data.closesAt ?? null,
      recurrence: data.recurrence ?? null,
      created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "campaign",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { slug: row.slug, surveyId: survey.id },
    });
    return toCampaign(row);
  });
}

/** A campaign by id, or NOT_FOUND. */
export async function getCampaign(db: Db, id: string): Promise<Campaign> {
  const row = await repository.findCampaign(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such survey round.");
  return toCampaign(row);
}

/** The campaign behind a public link, or NOT_FOUND. */
export async function getCampaignBySlug(db: Db, slug: string): Promise<Campaign> {
  const row = await repository.findCampaignBySlug(db, slug);
  if (!row) throw new AppError("NOT_FOUND", "No such survey link.");
  return toCampaign(row);
}

/** The campaigns that take answers now, for the public "Berätta om era behov" page. */
export async function listOpenCampaigns(db: Db, now = new Date()): Promise<Campaign[]> {
  return (await repository.listOpenCampaigns(db, now)).map(toCampaign);
}

/** Whether a campaign takes answers at this moment. */
export function isCampaignOpen(campaign: Campaign, now = new Date()): boolean {
  return campaign.opensAt <= now && (!campaign.closesAt || now < campaign.closesAt);
}
