import type { Db } from "#src/db/client.ts";
import type { SystemActor } from "#src/features/audit/audit.service.ts";
import type { Organisation } from "#src/features/organisations/organisations.schemas.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import type { SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";
import {
  createCampaign,
  createSurvey,
  getCampaignBySlug,
  isSurveySlugTaken,
  publishSurvey,
} from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";

// "Send our needs to the network" from the matching page goes into the needs intake (issue 5): a short
// needs survey of the organisation that serves the company's municipality, with a round that is always
// open. Both are made the first time a company sends from that municipality, by the system, and show up
// on the organisation's survey pages like any other; its staff may edit the survey into new versions.

/** The actor that creates an organisation's matching survey; audit entries say `hitta stöd`. */
const MATCHING_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "hitta stöd" });

/** The question ids the matching page fills in before the company sees the form. */
export const MATCHING_QUESTIONS = { themes: "omraden", urgency: "bradska", text: "egna-ord" } as const;

/** The survey's content: areas, urgency, own words, contact and consent; short and in plain Swedish. */
function matchingSurveyContent(organisation: Organisation): SurveyContentInput {
  return {
    titleSv: "Skicka era behov till nätverket",
    titleEn: "Send your needs to the network",
    introSv: `Era svar från Hitta stöd för mitt företag finns redan ifyllda. Fyll i resten, så går behoven till ${organisation.name}, som lotsar er vidare.`,
    introEn: `Your answers from Find support for my company are already filled in. Fill in the rest and your needs go to ${organisation.name}, which guides you onward.`,
    questions: [
      {
        id: MATCHING_QUESTIONS.themes,
        type: "theme-picker",
        label: { sv: "Vad behöver ni stöd med?", en: "What do you need support with?" },
        help: { sv: "Välj ett eller flera områden.", en: "Choose one or more areas." },
        required: true,
        themes: [],
      },
      {
        id: MATCHING_QUESTIONS.urgency,
        type: "single-choice",
        label: { sv: "När behöver ni stödet?", en: "When do you need the support?" },
        required: true,
        options: [
          { id: "nu", label: { sv: "Nu", en: "Now" }, urgency: "now" },
          {
            id: "halvar",
            label: { sv: "Inom sex månader", en: "Within six months" },
            urgency: "within-6-months",
          },
          { id: "senare", label: { sv: "Senare", en: "Later" }, urgency: "later" },
        ],
      },
      {
        id: MATCHING_QUESTIONS.text,
        type: "free-text",
        label: { sv: "Beskriv med egna ord", en: "Describe it in your own words" },
        maxLength: 2000,
      },
      {
        id: "kontakt",
        type: "contact-block",
        label: { sv: "Vem kan vi kontakta?", en: "Whom can we contact?" },
        help: {
          sv: "Vi skickar en personlig länk till e-postadressen, där ni kan se och ändra era svar.",
          en: "We send a private link to this e-mail address, where you can see and change your answers.",
        },
        required: true,
        requireEmail: true,
      },
      {
        id: "samtycke",
        type: "consent-block",
        label: { sv: "Vad vi får göra med era svar", en: "What we may do with your answers" },
        referralText: {
          sv: "Nätverket får kontakta oss och lotsa vårt ärende vidare till de organisationer som kan hjälpa oss.",
          en: "The network may contact us and refer our case to the organisations that can help us.",
        },
        statisticsText: {
          sv: "Våra svar får räknas i nätverkets anonyma statistik över företagens behov.",
          en: "Our answers may count in the network's anonymous statistics of companies' needs.",
        },
        allowChosenOrganisations: true,
        wordingVersion: "hitta-stod-2026-11",
      },
    ],
  };
}

const TYPE_ORDER: Record<string, number> = { municipality: 0, region: 1 };

/**
 * The organisation that receives needs from a municipality: among those serving it, a municipality's
 * business unit before a region before others, the most local (fewest municipalities) first.
 */
export async function receivingOrganisation(db: Db, municipality: string): Promise<Organisation | undefined> {
  const serving = (await listOrganisations(db)).filter((o) => o.municipalityCodes.includes(municipality));
  return serving.sort(
    (a, b) =>
      (TYPE_ORDER[a.type] ?? 2) - (TYPE_ORDER[b.type] ?? 2) ||
      a.municipalityCodes.length - b.municipalityCodes.length ||
      a.slug.localeCompare(b.slug),
  )[0];
}

/** The slug of an organisation's matching round (and survey). */
export function matchingCampaignSlug(organisation: Organisation): string {
  return `hitta-stod-${organisation.slug}`.slice(0, 80);
}

/**
 * The organisation's always-open matching round, made (survey, published version, round) the first time.
 * Two first sends at once: the loser's CONFLICT is answered by reading the winner's round.
 */
export async function ensureMatchingCampaign(db: Db, organisation: Organisation): Promise<{ slug: string }> {
  const slug = matchingCampaignSlug(organisation);
  const existing = await getCampaignBySlug(db, slug).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return undefined;
    throw error;
  });
  if (existing) return { slug };
  const meta = { actor: MATCHING_ACTOR };
  try {
    await db.transaction().execute(async (trx) => {
      if (await isSurveySlugTaken(trx, slug)) throw new AppError("CONFLICT", `The survey ${slug} exists.`);
      const { survey } = await createSurvey(
        trx,
        {
          organisationId: organisation.id,
          slug,
          kind: "needs",
          name: "Hitta stöd för mitt företag",
          content: matchingSurveyContent(organisation),
        },
        meta,
      );
      await publishSurvey(trx, survey.id, meta);
      await createCampaign(
        trx,
        {
          surveyId: survey.id,
          slug,
          name: "Hitta stöd för mitt företag (alltid öppen)",
          scopeKind: "municipality",
          municipalityCodes: organisation.municipalityCodes,
          opensAt: new Date(Date.now() - 60_000),
        },
        meta,
      );
    });
  } catch (error) {
    if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
    await getCampaignBySlug(db, slug);
  }
  return { slug };
}
