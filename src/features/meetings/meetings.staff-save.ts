import type { Context } from "hono";
import type { Db } from "#src/db/client.ts";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { listOffers } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { getPack, type IndustryPack, packSurveyForOrganisation } from "#src/features/packs/packs.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { getPublishedVersion, getSurvey, listManagedSurveys } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish, pick } from "#src/shared/i18n.ts";
import type { Option } from "#src/shared/web/form-fields.tsx";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import type { MeetingMailSettings } from "./meetings.notify.ts";
import { canManageMeetings } from "./meetings.policy.ts";
import type { Meeting } from "./meetings.schemas.ts";
import { cloneMeeting, createMeeting, updateMeeting } from "./meetings.service.ts";
import {
  type MeetingFormValues,
  meetingFormErrors,
  meetingInputFromForm,
  PACK_SURVEY_PREFIX,
} from "./meetings.staff-form.ts";
import type { MeetingFormOptions, OptionGroup } from "./meetings.staff-form-view.tsx";
import { meetingsStaffMessages } from "./meetings.staff-messages.ts";

// The meeting form's choices and its save: one transaction that copies a pack's survey to the organiser
// when the form asks for it and creates, changes or clones the meeting, so a form with errors keeps
// nothing (not even the survey copy) and shows every message at once.

const byLabel = (a: Option, b: Option) => compareSwedish(a.label, b.label);

/** Groups options under labels (sorted the Swedish way), e.g. offers by organisation. */
function grouped(items: { group: string; option: Option }[]): OptionGroup[] {
  const groups = new Map<string, Option[]>();
  for (const { group, option } of items) groups.set(group, [...(groups.get(group) ?? []), option]);
  return [...groups]
    .map(([label, options]) => ({ label, options: options.sort(byLabel) }))
    .sort((a, b) => compareSwedish(a.label, b.label));
}

/**
 * The form's choices: the organisers the actor may plan for, every organisation, municipalities by county,
 * themes, active offers by organisation, the published needs surveys of the organisers (or of `organiserId`
 * alone when it is fixed), and the pack's survey choice.
 */
export async function formOptions(
  c: Context<AppEnv>,
  organiserId: string | undefined,
  pack: IndustryPack | undefined,
): Promise<MeetingFormOptions> {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const actor = c.var.actor;
  const [organisations, counties, municipalities, themes, offers, surveys] = await Promise.all([
    listOrganisations(db),
    reference.getCounties(db),
    reference.getMunicipalities(db),
    reference.getNeedThemes(db),
    listOffers(db, { status: "active" }),
    listManagedSurveys(db, actor),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const allOrganisations = organisations.map((o) => ({ value: o.id, label: o.name })).sort(byLabel);
  const organisers = allOrganisations.filter((o) => canManageMeetings(actor, o.value));
  const surveyOrgs = new Set(organiserId ? [organiserId] : organisers.map((o) => o.value));
  const needsSurveys = surveys.filter((s) => s.kind === "needs" && surveyOrgs.has(s.organisationId));
  const published = await Promise.all(
    needsSurveys.map((s) =>
      getPublishedVersion(db, s.id).then(
        () => true,
        () => false,
      ),
    ),
  );
  const countyName = new Map(counties.map((county) => [county.code, county.name]));
  const template = pack?.surveyId ? await getSurvey(db, pack.surveyId).catch(() => undefined) : undefined;
  const t = meetingsStaffMessages(locale);
  return {
    organisers,
    organisations: allOrganisations,
    municipalities: grouped(
      municipalities.map((m) => ({
        group: countyName.get(m.county_code) ?? m.county_code,
        option: { value: m.code, label: m.name },
      })),
    ),
    counties: counties.map((county) => ({ value: county.code, label: county.name })).sort(byLabel),
    themes: themes
      .map((th) => ({ value: th.code, label: pick(locale, th.label_sv, th.label_en) }))
      .sort(byLabel),
    offers: grouped(
      offers.map((o) => ({
        group: orgName.get(o.organisationId) ?? "",
        option: { value: o.id, label: o.name },
      })),
    ),
    surveys: grouped(
      needsSurveys
        .filter((_, i) => published[i])
        .map((s) => ({ group: orgName.get(s.organisationId) ?? "", option: { value: s.id, label: s.name } })),
    ),
    packSurvey:
      pack && template
        ? { value: `${PACK_SURVEY_PREFIX}${pack.id}`, label: t("field.packSurvey", { name: template.name }) }
        : undefined,
  };
}

/** What the form saves: a new meeting, a change of one, or a clone of one. */
export type SaveKind =
  | { kind: "create" }
  | { kind: "update"; meeting: Meeting; settings: MeetingMailSettings }
  | { kind: "clone"; source: Meeting };

const PACK_SURVEY_FAILED = {
  sv: "Paketets enkät kunde inte kopieras till arrangören. Välj en annan enkät.",
  en: "The pack's survey could not be copied to the organiser. Choose another survey.",
};

/** The organiser's copy of the pack's survey; a field error instead when the pack or its template is unusable. */
async function packSurvey(
  trx: Db,
  value: string,
  organisationId: string,
  meta: ReturnType<typeof auditContext>,
) {
  try {
    const pack = await getPack(trx, value.slice(PACK_SURVEY_PREFIX.length));
    return await packSurveyForOrganisation(trx, pack, organisationId, meta);
  } catch (error) {
    if (error instanceof AppError) return undefined;
    throw error;
  }
}

/**
 * Saves the form: the saved meeting, or the messages to show next to the fields. Nothing is kept when any
 * message is found, even one found before the service was asked (a speaker without a name).
 */
export async function saveMeetingForm(
  c: Context<AppEnv>,
  values: MeetingFormValues,
  how: SaveKind,
): Promise<{ meeting: Meeting } | { errors: FormError[] }> {
  const locale = c.var.locale;
  const t = meetingsStaffMessages(locale);
  const meta = auditContext(c);
  const { input, errors: local, speakerRows } = meetingInputFromForm(values, t);
  const extra: FieldErrors = {};
  if (how.kind !== "update" && !canManageMeetings(meta.actor, values.organisationId)) {
    extra.organisationId = { sv: t("error.organisationId"), en: t("error.organisationId") };
  }
  try {
    const meeting = await c.var.deps.db.transaction().execute(async (trx) => {
      let surveyId = input.surveyId;
      if (values.surveyId.startsWith(PACK_SURVEY_PREFIX) && !extra.organisationId) {
        const copied = await packSurvey(trx, values.surveyId, values.organisationId, meta);
        if (copied) surveyId = copied;
        else extra.surveyId = PACK_SURVEY_FAILED;
      }
      const full = { ...input, surveyId };
      const saved =
        how.kind === "create"
          ? await createMeeting(trx, full, meta)
          : how.kind === "clone"
            ? await cloneMeeting(trx, how.source.id, full, meta)
            : await updateMeeting(trx, how.meeting.id, full, meta, how.settings);
      // The service accepted it, but the form had problems of its own: roll everything back.
      if (local.length > 0 || Object.keys(extra).length > 0) throw new FieldValidationError({});
      return saved;
    });
    return { meeting };
  } catch (error) {
    const fields = error instanceof FieldValidationError ? error.fields : undefined;
    // Refused because the organiser is not the actor's: shown on the organiser field, not as a 403.
    if (!fields && !(error instanceof AppError && error.code === "FORBIDDEN" && extra.organisationId))
      throw error;
    return { errors: meetingFormErrors({ ...extra, ...(fields ?? {}) }, locale, t, speakerRows, local) };
  }
}
