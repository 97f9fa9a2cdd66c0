import type { Db } from "#src/db/client.ts";
import { recordAudit, type SystemActor } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { listOffersByIds } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { getNeedThemes, getReferenceCodes } from "#src/features/reference/reference.service.ts";
import type { Campaign } from "#src/features/surveys/surveys.schemas.ts";
import {
  createCampaign,
  createSurvey,
  getPublishedVersion,
  getSurvey,
  listManagedSurveys,
  publishSurvey,
} from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { isUuid } from "#src/shared/ids.ts";
import { canManagePacks, canStartFromPack } from "./packs.policy.ts";
import * as repository from "./packs.repository.ts";
import { type IndustryPack, type PackData, PackInput, StartCampaignInput } from "./packs.schemas.ts";

// Industry packs: a named bundle of SNI scope, a needs-survey template, default themes and offers to
// highlight, so the network can start in a new industry or municipality in minutes (PRODUCT.md part G).
// A pack is network-wide. Starting from it gives the organisation its own copy of the template survey,
// because surveys, their rounds and answers belong to one organisation.

export type { IndustryPack } from "./packs.schemas.ts";

/** Reads surveys across the network to offer them as templates and find an organisation's copy. */
const PACKS_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "industry packs" });

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function toPack(row: repository.PackRow, offerIds: string[]): IndustryPack {
  return {
    id: row.id,
    slug: row.slug,
    nameSv: row.name_sv,
    nameEn: row.name_en,
    descriptionSv: row.description_sv,
    descriptionEn: row.description_en,
    sniCodes: row.sni_codes,
    themes: row.themes,
    surveyId: row.survey_id,
    offerIds,
  };
}

async function withOffers(db: Db, rows: repository.PackRow[]): Promise<IndustryPack[]> {
  const offers = await repository.listPackOffers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toPack(
      row,
      offers.filter((o) => o.pack_id === row.id).map((o) => o.offer_id),
    ),
  );
}

/** Every pack, by Swedish name (sv-SE collation). No policy: packs hold no personal data. */
export async function listPacks(db: Db): Promise<IndustryPack[]> {
  const packs = await withOffers(db, await repository.listPacks(db));
  return packs.sort((a, b) => compareSwedish(a.nameSv, b.nameSv));
}

/** One pack by id or slug, or NOT_FOUND. */
export async function getPack(db: Db, idOrSlug: string): Promise<IndustryPack> {
  const row = isUuid(idOrSlug)
    ? await repository.findPackById(db, idOrSlug)
    : await repository.findPackBySlug(db, idOrSlug);
  if (!row) throw new AppError("NOT_FOUND", "No such industry pack.");
  const [pack] = await withOffers(db, [row]);
  return pack!;
}

/** A needs survey that can serve as a pack's template: it has a published version. */
export type TemplateSurvey = { id: string; name: string; organisationId: string };

/** The needs surveys of the whole network with a published version, by name: the templates to choose from. */
export async function listTemplateSurveys(db: Db): Promise<TemplateSurvey[]> {
  const surveys = (await listManagedSurveys(db, PACKS_ACTOR)).filter((s) => s.kind === "needs");
  const published = await Promise.all(
    surveys.map((s) =>
      getPublishedVersion(db, s.id).then(
        () => true,
        () => false,
      ),
    ),
  );
  return surveys
    .filter((_, i) => published[i])
    .map((s) => ({ id: s.id, name: s.name, organisationId: s.organisationId }))
    .sort((a, b) => compareSwedish(a.name, b.name));
}

const text = (sv: string, en: string) => ({ sv, en });

/** Whether the survey is a needs survey with a published version; a message when not. */
async function surveyProblem(db: Db, surveyId: string) {
  try {
    const survey = await getSurvey(db, surveyId);
    if (survey.kind !== "needs")
      return text("Välj en behovsenkät, inte en puls.", "Choose a needs survey, not a pulse.");
    await getPublishedVersion(db, surveyId);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.code === "CONFLICT"
      ? text("Enkäten har ingen publicerad version än.", "The survey has no published version yet.")
      : text("Enkäten finns inte.", "The survey does not exist.");
  }
}

/**
 * Checks a pack's input: its shape, and that the SNI codes (their division), themes, survey and offers
 * exist. Every bad field at once, keyed like the form fields.
 */
async function checkPackInput(db: Db, input: unknown): Promise<PackData> {
  const parsed = PackInput.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const field = <K extends "sniCodes" | "themes" | "surveyId" | "offerIds">(key: K) => {
    if (errors[key]) return undefined;
    const one = PackInput.shape[key].safeParse(raw[key]);
    return one.success ? (one.data as PackData[K]) : undefined;
  };
  const sniCodes = field("sniCodes");
  if (sniCodes) {
    const { sniDivisions } = await getReferenceCodes(db);
    const unknown = sniCodes.filter((code) => !sniDivisions.has(code.slice(0, 2)));
    if (unknown.length > 0)
      errors.sniCodes = text(
        `Finns inte i SNI 2007: ${unknown.join(", ")}.`,
        `Not in SNI 2007: ${unknown.join(", ")}.`,
      );
  }
  const themes = field("themes");
  if (themes) {
    const known = new Set((await getNeedThemes(db)).map((t) => t.code));
    const unknown = themes.filter((code) => !known.has(code));
    if (unknown.length > 0)
      errors.themes = text(
        `Okänt behovsområde: ${unknown.join(", ")}.`,
        `Unknown need theme: ${unknown.join(", ")}.`,
      );
  }
  const surveyId = field("surveyId");
  if (surveyId) {
    const problem = await surveyProblem(db, surveyId);
    if (problem) errors.surveyId = problem;
  }
  const offerIds = field("offerIds");
  if (offerIds && offerIds.length > 0) {
    const found = new Set((await listOffersByIds(db, offerIds)).map((o) => o.id));
    if (offerIds.some((id) => !found.has(id)))
      errors.offerIds = text("Ett av erbjudandena finns inte längre.", "One of the offers no longer exists.");
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  return parsed.data;
}

function packColumns(data: PackData, meta: AuditMeta) {
  return {
    slug: data.slug,
    name_sv: data.nameSv,
    name_en: data.nameEn,
    description_sv: data.descriptionSv,
    description_en: data.descriptionEn,
    sni_codes: data.sniCodes,
    themes: data.themes,
    survey_id: data.surveyId,
    created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
  };
}

/**
 * Creates a pack. The platform admin and org admins (packs are network-wide). Throws FORBIDDEN,
 * FieldValidationError, or CONFLICT when the slug is taken. Audited.
 */
export async function createPack(db: Db, input: unknown, meta: AuditMeta): Promise<IndustryPack> {
  if (!canManagePacks(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin and org admins create industry packs.");
  const data = await checkPackInput(db, input);
  if (await repository.isSlugTaken(db, data.slug))
    throw new AppError("CONFLICT", `The pack slug ${data.slug} is taken.`);
  return inTransaction(db, async (trx) => {
    const row = await repository.insertPack(trx, packColumns(data, meta));
    await repository.replacePackOffers(trx, row.id, data.offerIds);
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "industry-pack",
      recordId: row.id,
      details: { slug: row.slug },
    });
    return toPack(row, data.offerIds);
  });
}

/** Changes a pack (all of it, offers in the order given). Same rules and errors as createPack; NOT_FOUND. */
export async function updatePack(db: Db, id: string, input: unknown, meta: AuditMeta): Promise<IndustryPack> {
  if (!canManagePacks(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin and org admins edit industry packs.");
  const existing = await getPack(db, id);
  const data = await checkPackInput(db, input);
  if (await repository.isSlugTaken(db, data.slug, existing.id))
    throw new AppError("CONFLICT", `The pack slug ${data.slug} is taken.`);
  return inTransaction(db, async (trx) => {
    const row = await repository.updatePack(trx, existing.id, packColumns(data, meta));
    await repository.replacePackOffers(trx, row.id, data.offerIds);
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "industry-pack",
      recordId: row.id,
      details: { slug: row.slug },
    });
    return toPack(row, data.offerIds);
  });
}

/** The slug of an organisation's copy of a template: stable, so the copy is found again. */
function copySlug(templateSlug: string, organisationSlug: string, attempt: number): string {
  const base = `${templateSlug.slice(0, 40)}-${organisationSlug.slice(0, 30)}`.replace(/-+/g, "-");
  const suffix = attempt === 0 ? "" : `-${attempt + 1}`;
  return `${base.replace(/-$/, "")}${suffix}`;
}

/**
 * The survey an organisation uses for this pack: a copy of the template's newest published version into
 * the organisation (created and published the first time, reused after), or the template itself when it
 * already belongs to the organisation. FORBIDDEN unless the actor starts rounds for that organisation;
 * CONFLICT when the pack has no template or the template has no published version.
 */
export async function packSurveyForOrganisation(
  db: Db,
  pack: IndustryPack,
  organisationId: string,
  meta: AuditMeta,
): Promise<string> {
  if (!canStartFromPack(meta.actor, organisationId))
    throw new AppError("FORBIDDEN", "Only the organisation's navigators and admins start from a pack.");
  if (!pack.surveyId) throw new AppError("CONFLICT", "The pack has no survey template.");
  const template = await getSurvey(db, pack.surveyId);
  if (template.organisationId === organisationId) return template.id;
  const organisation = (await listOrganisations(db)).find((o) => o.id === organisationId);
  if (!organisation) throw new AppError("NOT_FOUND", "No such organisation.");
  const surveys = await listManagedSurveys(db, PACKS_ACTOR);
  for (let attempt = 0; attempt < 10; attempt++) {
    const slug = copySlug(template.slug, organisation.slug, attempt);
    const existing = surveys.find((s) => s.slug === slug);
    if (existing?.organisationId === organisationId && existing.kind === "needs") return existing.id;
    if (existing) continue;
    const published = await getPublishedVersion(db, template.id);
    return inTransaction(db, async (trx) => {
      const { survey } = await createSurvey(
        trx,
        {
          organisationId,
          slug,
          kind: "needs",
          name: template.name,
          content: {
            titleSv: published.titleSv,
            titleEn: published.titleEn,
            introSv: published.introSv,
            introEn: published.introEn,
            questions: published.questions,
          },
        },
        meta,
      );
      await publishSurvey(trx, survey.id, meta);
      return survey.id;
    });
  }
  throw new AppError("CONFLICT", "No free survey slug for the organisation's copy of the template.");
}

/**
 * Starts a survey round (campaign) from the pack: its survey (as above), scope "industry", the pack's SNI
 * codes, optional municipality codes, opens/closes. Returns the campaign. Throws FieldValidationError
 * (keys organisationId, name, slug, municipalityCodes, opensAt, closesAt), FORBIDDEN, NOT_FOUND, or
 * CONFLICT (the link is taken). Nothing is kept when it fails, not even the survey copy.
 */
export async function startCampaignFromPack(
  db: Db,
  packId: string,
  input: unknown,
  meta: AuditMeta,
): Promise<Campaign> {
  const pack = await getPack(db, packId);
  const parsed = StartCampaignInput.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  if (parsed.success) {
    const data = parsed.data;
    if (data.closesAt && data.closesAt <= data.opensAt)
      errors.closesAt = text(
        "Omgången måste stänga efter att den öppnar.",
        "The round must close after it opens.",
      );
    const { municipalityCodes } = await getReferenceCodes(db);
    if (data.municipalityCodes.some((code) => !municipalityCodes.has(code)))
      errors.municipalityCodes = text("Välj en kommun i listan.", "Choose a municipality from the list.");
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  const data = parsed.data;
  return inTransaction(db, async (trx) => {
    const surveyId = await packSurveyForOrganisation(trx, pack, data.organisationId, meta);
    return createCampaign(
      trx,
      {
        surveyId,
        slug: data.slug,
        name: data.name,
        scopeKind: "industry",
        municipalityCodes: data.municipalityCodes,
        sniCodes: pack.sniCodes,
        opensAt: data.opensAt,
        closesAt: data.closesAt ?? null,
      },
      meta,
    );
  });
}
