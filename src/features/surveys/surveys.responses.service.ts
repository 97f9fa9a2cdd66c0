import { createHash } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { openCaseFromIntake } from "#src/features/cases/cases.service.ts";
import type { CompanyDifference } from "#src/features/companies/companies.intake.schemas.ts";
import {
  type CheckedCompany,
  checkCompanyIntake,
  getCompany,
  registerOrAttachCompany,
  saveContact,
} from "#src/features/companies/companies.intake.service.ts";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import type { Company } from "#src/features/companies/companies.schemas.ts";
import { type AuditMeta, recordConsent, withdrawConsent } from "#src/features/consent/consent.service.ts";
import { activeThemeCodes, createNeedsForCompany } from "#src/features/needs/needs.service.ts";
import { actorLabel } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { type CheckedAnswers, checkAnswers } from "./surveys.answers.ts";
import { canHandleResponses } from "./surveys.policy.ts";
import * as repository from "./surveys.repository.ts";
import type {
  Campaign,
  SubmitResponseInput,
  Survey,
  SurveyResponse,
  SurveyVersion,
} from "./surveys.schemas.ts";
import { getCampaignBySlug, getSurvey, isCampaignOpen, toVersion } from "./surveys.service.ts";

// Submitting an answer: validated against the exact version, then everything it creates (company, contact,
// needs, consents, private link, audit entry) in one transaction. Idempotent: the first statement claims
// the idempotency key with INSERT … ON CONFLICT DO NOTHING, so a retry or a parallel duplicate waits for
// the first to commit, writes nothing and gets the first response back.

type ResponseRow = NonNullable<Awaited<ReturnType<typeof repository.findResponse>>>;

function toResponse(row: ResponseRow): SurveyResponse {
  return {
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
  };
}

/** What a submission did; `replayed` when the idempotency key had been used and nothing new was stored. */
export type SubmitResult = {
  response: SurveyResponse;
  replayed: boolean;
  /** The case the submission opened (the company consented to contact and a team was routed). */
  case?: { id: string; number: number };
  /** Present unless replayed. */
  company?: Company;
  companyCreated?: boolean;
  differences?: CompanyDifference[];
  needIds?: string[];
  /** The private link's token, when one was asked for (shown or mailed once, never stored). */
  link?: { token: string; expiresAt: Date };
};

export type SubmitOptions = {
  /** The server's public address, for links in staff notifications (a case opened by the answer). */
  publicUrl?: string;
  /** Issue a private link for the company (the public form does). */
  issueLink?: boolean;
  /** The company a verified private link opened: lets an anonymous caller answer for it by id. */
  linkCompanyId?: string;
  /**
   * Runs inside the submission's transaction once the private link is issued, e.g. to put the mail that
   * carries it in the outbox: the mail goes out if and only if the answer is stored.
   */
  onLinkIssued?: (
    trx: Db,
    issued: { token: string; expiresAt: Date; email: string | null; company: Company },
  ) => Promise<void>;
  now?: Date;
};

const KEY = /^[\x21-\x7e]{1,200}$/;

/** JSON with sorted keys, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

async function resolveTarget(
  db: Db,
  input: SubmitResponseInput,
): Promise<{ survey: Survey; campaign: Campaign | undefined }> {
  if (input.campaignSlug) {
    const campaign = await getCampaignBySlug(db, input.campaignSlug);
    if (input.surveyId && input.surveyId !== campaign.surveyId) {
      throw new AppError("VALIDATION_FAILED", "The campaign belongs to another survey.");
    }
    return { survey: await getSurvey(db, campaign.surveyId), campaign };
  }
  if (!input.surveyId) throw new AppError("VALIDATION_FAILED", "Name the survey or the campaign.");
  return { survey: await getSurvey(db, input.surveyId), campaign: undefined };
}

// A published version never changes and is never deleted, so once read it is kept (per database handle):
// one query less on every submission that names its version.
const publishedVersions = new WeakMap<Db, Map<string, SurveyVersion>>();

async function resolveVersion(db: Db, survey: Survey, versionId: string | undefined): Promise<SurveyVersion> {
  const cached = versionId ? publishedVersions.get(db)?.get(versionId) : undefined;
  if (cached) {
    if (cached.surveyId !== survey.id) throw new AppError("NOT_FOUND", "No such version of this survey.");
    return cached;
  }
  const row = versionId
    ? await repository.findVersion(db, versionId)
    : await repository.findLatestPublished(db, survey.id);
  if (!row || row.survey_id !== survey.id) throw new AppError("NOT_FOUND", "No such version of this survey.");
  if (!row.published_at) throw new AppError("CONFLICT", "This survey version is not published.");
  const version = toVersion(row);
  const byId = publishedVersions.get(db) ?? new Map<string, SurveyVersion>();
  publishedVersions.set(db, byId);
  byId.set(version.id, version);
  return version;
}

type Prepared = {
  survey: Survey;
  campaign: Campaign | undefined;
  version: SurveyVersion;
  isStaff: boolean;
  existingCompany: Company | undefined;
  checkedCompany: CheckedCompany | undefined;
  answers: CheckedAnswers;
  requestHash: string;
};

/** Everything a submission checks before it writes: access, the campaign being open, company and answers. */
async function prepareSubmission(
  db: Db,
  input: SubmitResponseInput,
  meta: AuditMeta,
  options: SubmitOptions,
  now: Date,
): Promise<Prepared> {
  const { survey, campaign } = await resolveTarget(db, input);
  const isStaff = meta.actor.kind !== "anonymous";
  if (isStaff && !canHandleResponses(meta.actor, survey.organisationId)) {
    throw new AppError("FORBIDDEN", "Only the survey's organisation's navigators may answer for a company.");
  }
  if (!isStaff && (!campaign || !isCampaignOpen(campaign, now))) {
    throw new AppError("NOT_FOUND", "This survey is not open for answers.");
  }
  if (input.idempotencyKey !== undefined && !KEY.test(input.idempotencyKey)) {
    throw new FieldValidationError({
      idempotencyKey: {
        sv: "Idempotensnyckeln ska vara 1–200 synliga ASCII-tecken.",
        en: "The idempotency key is 1–200 visible ASCII characters.",
      },
    });
  }
  const version = await resolveVersion(db, survey, input.versionId);

  // Validate everything before writing anything, so the form can show every message at once.
  const errors: FieldErrors = {};
  let checkedCompany: CheckedCompany | undefined;
  let existingCompany: Company | undefined;
  if (input.companyId !== undefined) {
    if (!isStaff && options.linkCompanyId !== input.companyId) {
      throw new AppError("FORBIDDEN", "Answer for a known company through its private link.");
    }
    existingCompany = await getCompany(db, input.companyId);
  } else {
    const result = await checkCompanyIntake(db, input.company ?? {});
    if (result.ok) checkedCompany = result.company;
    else Object.assign(errors, result.errors);
  }
  const answers = checkAnswers(version.questions, input.answers, await activeThemeCodes(db));
  if (!answers.ok) Object.assign(errors, answers.errors);
  if (Object.keys(errors).length > 0 || !answers.ok) throw new FieldValidationError(errors);

  const requestHash = createHash("sha256")
    .update(
      canonical({
        version: version.id,
        campaign: campaign?.id ?? null,
        companyId: existingCompany?.id ?? null,
        company: checkedCompany ?? null,
        answers: answers.value.answers,
      }),
    )
    .digest("hex");
  return {
    survey,
    campaign,
    version,
    isStaff,
    existingCompany,
    checkedCompany,
    answers: answers.value,
    requestHash,
  };
}

/** What a checked (not yet sent) submission would store: for the form's "review before sending" step. */
export type CheckedSubmission = {
  survey: Survey;
  version: SurveyVersion;
  company: CheckedCompany | undefined;
  answers: CheckedAnswers;
};

/**
 * Checks a submission exactly as `submitResponse` would, without writing anything. Throws the same
 * FieldValidationError, FORBIDDEN or NOT_FOUND.
 */
export async function checkSubmission(
  db: Db,
  input: SubmitResponseInput,
  meta: AuditMeta,
  options: SubmitOptions = {},
): Promise<CheckedSubmission> {
  const prepared = await prepareSubmission(db, input, meta, options, options.now ?? new Date());
  return {
    survey: prepared.survey,
    version: prepared.version,
    company: prepared.checkedCompany,
    answers: prepared.answers,
  };
}

/**
 * Submits an answer to a survey (directly, or through a campaign's public link). Anonymous callers answer
 * as the company, through an open campaign; staff (navigators of the survey's organisation, the platform
 * admin) answer on the company's behalf. Validation covers the company part and every answer at once and
 * throws FieldValidationError keyed `company.<field>` and `answers.<question id>`. The same idempotency key
 * with the same body returns the first response (`replayed`); with another body it is CONFLICT.
 */
export async function submitResponse(
  db: Db,
  input: SubmitResponseInput,
  meta: AuditMeta,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const now = options.now ?? new Date();
  const prepared = await prepareSubmission(db, input, meta, options, now);
  const { survey, campaign, version, isStaff, existingCompany, checkedCompany, requestHash } = prepared;
  const answers = { value: prepared.answers };
  const idempotencyKey = input.idempotencyKey ?? `auto:${now.toISOString().slice(0, 10)}:${requestHash}`;
  // Answers to a meeting's follow-up round come from the meeting (needs intake source "meeting").
  const source = survey.kind === "pulse" ? "pulse" : campaign?.scopeKind === "meeting" ? "meeting" : "survey";
  const label = meta.actor.kind === "system" ? meta.actor.label : actorLabel(meta.actor);

  // In the caller's transaction when there is one (the demo seed), otherwise in its own.
  const work = async (trx: Db): Promise<SubmitResult> => {
    const inserted = await repository.insertResponseOnce(trx, {
      survey_id: survey.id,
      survey_version_id: version.id,
      campaign_id: campaign?.id ?? null,
      organisation_id: survey.organisationId,
      answers: JSON.stringify(answers.value.answers),
      submitted_by: isStaff ? "navigator" : "company",
      submitted_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
      submitted_by_label: label,
      idempotency_key: idempotencyKey,
      request_hash: requestHash,
      created_at: now,
    });
    if (!inserted) {
      const first = await repository.findResponseByKey(trx, survey.id, idempotencyKey);
      if (!first) throw new Error("the response under this idempotency key vanished");
      if (first.request_hash !== requestHash) {
        throw new AppError("CONFLICT", "This idempotency key was already used for a different submission.");
      }
      return { response: toResponse((await repository.findResponse(trx, first.id))!), replayed: true };
    }

    const attached = existingCompany
      ? { company: existingCompany, created: false, differences: [] }
      : await registerOrAttachCompany(trx, checkedCompany!, { kind: "company", source });
    const company = attached.company;
    const contact = answers.value.contact
      ? await saveContact(trx, company.id, answers.value.contact, source, { newCompany: attached.created })
      : undefined;
    await repository.setResponseCompany(trx, inserted.id, company.id, contact?.id ?? null);
    const needIds = await createNeedsForCompany(trx, company, answers.value.needs, {
      organisationId: survey.organisationId,
      source,
      responseId: inserted.id,
      campaignId: campaign?.id ?? null,
      createdByUserId: meta.actor.kind === "user" ? meta.actor.userId : null,
      createdAt: now,
    });

    const consent = answers.value.consent;
    if (consent) {
      const common = {
        companyId: company.id,
        wordingVersion: consent.wordingVersion,
        source,
        givenByContactId: contact?.id ?? null,
        responseId: inserted.id,
        at: now,
        companyIsNew: attached.created,
      } as const;
      if (consent.answer.contactAndReferral) {
        await recordConsent(
          trx,
          { ...common, kind: "contact-and-referral", organisations: consent.answer.organisations },
          meta,
        );
      } else
        await withdrawConsent(trx, company.id, "contact-and-referral", { ...meta, via: "survey" }, { now });
      if (consent.answer.statistics) await recordConsent(trx, { ...common, kind: "statistics" }, meta);
      else await withdrawConsent(trx, company.id, "statistics", { ...meta, via: "survey" }, { now });
    }

    // Lotsning: with consent to contact, the needs open a case routed to a navigator team.
    const openedCase = consent?.answer.contactAndReferral
      ? await openCaseFromIntake(trx, {
          company,
          needs: needIds.map((id, i) => ({
            id,
            theme: answers.value.needs[i]!.theme,
            urgency: answers.value.needs[i]!.urgency,
          })),
          actor: meta.actor,
          at: now,
          publicUrl: options.publicUrl,
        })
      : undefined;

    const link = options.issueLink
      ? await issueCompanyLink(trx, company.id, { email: contact?.email ?? null, createdByLabel: label, now })
      : undefined;
    if (link && options.onLinkIssued) {
      await options.onLinkIssued(trx, {
        token: link.token,
        expiresAt: link.expiresAt,
        email: contact?.email ?? null,
        company,
      });
    }
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "survey-response",
      recordId: inserted.id,
      organisationId: survey.organisationId,
      details: {
        surveyId: survey.id,
        version: version.version,
        companyId: company.id,
        companyCreated: attached.created,
        differences: attached.differences.map((d) => `${d.field}:${d.outcome}`),
        needs: needIds.length,
        linkIssued: link !== undefined,
        ...(openedCase ? { caseId: openedCase.id } : {}),
      },
    });
    // The stored row as it now is (company and contact set above), without reading it back.
    const stored = {
      ...inserted,
      company_id: company.id,
      contact_id: contact?.id ?? null,
      version: version.version,
      company_name: company.name,
    };
    return {
      response: toResponse(stored),
      replayed: false,
      company,
      companyCreated: attached.created,
      differences: attached.differences,
      needIds,
      ...(openedCase ? { case: openedCase } : {}),
      ...(link ? { link: { token: link.token, expiresAt: link.expiresAt } } : {}),
    };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function readableSurvey(db: Db, surveyId: string, meta: AuditMeta): Promise<Survey> {
  const survey = await getSurvey(db, surveyId);
  if (!canHandleResponses(meta.actor, survey.organisationId)) {
    throw new AppError("FORBIDDEN", "Only the survey's organisation's navigators read its answers.");
  }
  return survey;
}

/** A page of a survey's answers with their version numbers, newest first; audited as one read. */
export async function listResponses(
  db: Db,
  surveyId: string,
  window: { limit: number; offset: number },
  meta: AuditMeta,
): Promise<SurveyResponse[]> {
  const survey = await readableSurvey(db, surveyId, meta);
  const rows = await repository.listResponses(db, surveyId, window);
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "survey-response",
    organisationId: survey.organisationId,
    details: { surveyId, list: true, count: rows.length },
  });
  return rows.map(toResponse);
}

/**
 * The answers given through one campaign (a meeting's follow-up round) with their questions, newest first;
 * for those who handle the survey's answers. Audited as one read.
 */
export async function listResponsesOfCampaign(
  db: Db,
  campaign: Campaign,
  meta: AuditMeta,
  limit = 500,
): Promise<{ response: SurveyResponse; version: SurveyVersion }[]> {
  const survey = await readableSurvey(db, campaign.surveyId, meta);
  const rows = await repository.listResponsesOfCampaign(db, campaign.id, limit);
  const versions = new Map<string, SurveyVersion>();
  for (const id of new Set(rows.map((r) => r.survey_version_id))) {
    const version = await repository.findVersion(db, id);
    if (version) versions.set(id, toVersion(version));
  }
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "survey-response",
    organisationId: survey.organisationId,
    details: { campaignId: campaign.id, list: true, count: rows.length },
  });
  return rows.map((row) => ({ response: toResponse(row), version: versions.get(row.survey_version_id)! }));
}

/** One answer with the exact questions of its own version (old answers show with old questions). */
export async function getResponseWithQuestions(
  db: Db,
  responseId: string,
  meta: AuditMeta,
): Promise<{ response: SurveyResponse; version: SurveyVersion }> {
  const row = await repository.findResponse(db, responseId);
  if (!row) throw new AppError("NOT_FOUND", "No such answer.");
  await readableSurvey(db, row.survey_id, meta);
  const version = await repository.findVersion(db, row.survey_version_id);
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "survey-response",
    recordId: row.id,
    organisationId: row.organisation_id,
  });
  return { response: toResponse(row), version: toVersion(version!) };
}

/** Every answer of a company (export; the caller audits). */
export async function listResponsesOfCompany(db: Db, companyId: string): Promise<SurveyResponse[]> {
  return (await repository.listResponsesOfCompany(db, companyId)).map(toResponse);
}

/** Every answer naming a contact person (export; the caller audits). */
export async function listResponsesOfContact(db: Db, contactId: string): Promise<SurveyResponse[]> {
  return (await repository.listResponsesOfContact(db, contactId)).map(toResponse);
}

/**
 * Erasure: removes personal data from answers, keeping what counts anonymously. `everything` (the company
 * is erased): free text, contact and consent blocks go; otherwise (one contact person): the contact block.
 */
export async function scrubResponses(
  db: Db,
  responses: readonly SurveyResponse[],
  scope: "everything" | "contact",
): Promise<number> {
  let scrubbed = 0;
  for (const response of responses) {
    const version = await repository.findVersion(db, response.surveyVersionId);
    const questions = version ? toVersion(version).questions : [];
    const personal = new Set(
      questions
        .filter((q) =>
          scope === "contact"
            ? q.type === "contact-block"
            : q.type === "contact-block" || q.type === "free-text" || q.type === "consent-block",
        )
        .map((q) => q.id),
    );
    const kept = Object.fromEntries(
      Object.entries(response.answers).flatMap(([id, value]): [string, unknown][] => {
        if (personal.has(id)) return [];
        const question = questions.find((q) => q.id === id);
        if (scope === "everything" && question?.type === "theme-picker" && Array.isArray(value)) {
          return [[id, value.map((entry) => ({ ...entry, description: "" }))]];
        }
        return [[id, value]];
      }),
    );
    await repository.replaceAnswers(db, response.id, kept);
    scrubbed++;
  }
  return scrubbed;
}
