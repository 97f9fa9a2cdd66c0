import type { Db } from "#src/db/client.ts";
import type { SystemActor } from "#src/features/audit/audit.service.ts";
import { listOffers } from "#src/features/offers/offers.service.ts";
import { createPack, getPack } from "#src/features/packs/packs.service.ts";
import type { QuestionInput, SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";
import {
  createSurvey,
  isSurveySlugTaken,
  listManagedSurveys,
  publishSurvey,
} from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";
import type { DemoOrganisationSlug } from "./demo.data.ts";
import { INDUSTRY_SURVEY_V2 } from "./demo.surveys.data.ts";

// The demo's industry packs (PRODUCT.md part G): manufacturing, the visitor industry, construction and
// health, each with its SNI 2007 scope, need themes, offers from the demo catalogue to highlight and a needs
// survey to start from. Manufacturing uses Nora kommun's industry survey; the others get a short needs
// survey of their own, owned by Region Örebro län, which leads the county's industry work.

const DEMO: { actor: SystemActor } = { actor: Object.freeze({ kind: "system", label: "demo" }) };
const DAY = 86_400_000;

/** A question of the industry survey's version 2, reused so every pack asks urgency, contact and consent alike. */
function industryQuestion(id: string): QuestionInput {
  const question = INDUSTRY_SURVEY_V2.questions.find((q) => q.id === id);
  if (!question) throw new Error(`the demo industry survey has no question ${id}`);
  return question;
}

/** A short needs survey for one industry: its themes to pick from and one question of its own. */
function packSurvey(
  industry: { sv: string; en: string },
  themes: string[],
  own: QuestionInput,
): SurveyContentInput {
  return {
    titleSv: `Berätta om era behov – ${industry.sv.toLowerCase()}`,
    titleEn: `Tell us what you need – ${industry.en.toLowerCase()}`,
    introSv: `Några frågor om vad ert företag inom ${industry.sv.toLowerCase()} behöver det närmaste året. Det tar fem minuter. Svaren går till nätverket i Örebro län, som lotsar er vidare.`,
    introEn: `A few questions on what your company in ${industry.en.toLowerCase()} needs in the coming year. It takes five minutes. The answers go to the network in Örebro county, which guides you onward.`,
    questions: [
      {
        id: "omraden",
        type: "theme-picker",
        label: { sv: "Vad behöver ni stöd med?", en: "What do you need support with?" },
        help: { sv: "Välj ett eller flera områden.", en: "Choose one or more areas." },
        required: true,
        themes,
      },
      industryQuestion("bradska"),
      own,
      industryQuestion("egna-ord"),
      industryQuestion("kontakt"),
      industryQuestion("samtycke"),
    ],
  };
}

type DemoPack = {
  slug: string;
  nameSv: string;
  nameEn: string;
  descriptionSv: string;
  descriptionEn: string;
  sniCodes: string[];
  themes: string[];
  /** The template: an existing demo survey by slug, or a new one of the region's. */
  survey: { slug: string; name?: string; content?: SurveyContentInput };
  offers: string[];
};

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, "0"));

const PACKS: DemoPack[] = [
  {
    slug: "tillverkande-industri",
    nameSv: "Tillverkande industri",
    nameEn: "Manufacturing",
    descriptionSv:
      "För tillverkande företag (SNI 10–33): automation, energi, kompetens och export. Utgår från Nora kommuns behovsenkät för industrin.",
    descriptionEn:
      "For manufacturing companies (SNI 10–33): automation, energy, skills and export. Starts from Nora municipality's needs survey for industry.",
    sniCodes: range(10, 33),
    themes: ["production", "digitalisation", "recruitment", "sustainability", "sales-export", "innovation"],
    survey: { slug: "behovsenkat-industri" },
    offers: [
      "industri-4-0-automation-kurs",
      "produktionslabbet-testbadd",
      "energikartlaggning-klimatradgivning",
      "hallbar-produktion-natverk",
      "regionalt-investeringsstod",
      "exportcheck",
    ],
  },
  {
    slug: "besoksnaring",
    nameSv: "Besöksnäring",
    nameEn: "Visitor industry",
    descriptionSv:
      "För hotell, restauranger, resebyråer, museer och upplevelser (SNI 55, 56, 79, 90, 91, 93): säsong, rekrytering, digital försäljning och tillstånd.",
    descriptionEn:
      "For hotels, restaurants, travel agencies, museums and experiences (SNI 55, 56, 79, 90, 91, 93): seasons, recruitment, online sales and permits.",
    sniCodes: ["55", "56", "79", "90", "91", "93"],
    themes: [
      "recruitment",
      "sales-export",
      "digitalisation",
      "premises-permits",
      "financing",
      "startup-growth",
    ],
    survey: {
      slug: "behovsenkat-besoksnaring",
      name: "Behovsenkät för besöksnäringen",
      content: packSurvey(
        { sv: "Besöksnäringen", en: "The visitor industry" },
        ["recruitment", "sales-export", "digitalisation", "premises-permits", "financing", "startup-growth"],
        {
          id: "sasong",
          type: "yes-no",
          label: {
            sv: "Har ni svårt att få tag i personal inför högsäsongen?",
            en: "Is it hard to find staff for the high season?",
          },
          themesIfYes: ["recruitment"],
        },
      ),
    },
    offers: [
      "rekryteringsstod",
      "webbutbildning-digitalisering",
      "frukostmote-nya-affarer",
      "tillstandslots-nora",
      "almi-foretagslan",
      "studentuppdrag",
    ],
  },
  {
    slug: "bygg",
    nameSv: "Bygg",
    nameEn: "Construction",
    descriptionSv:
      "För byggföretag, anläggning och installation (SNI 41–43): kompetensförsörjning, energieffektivt byggande, digitala verktyg och ägarskiften.",
    descriptionEn:
      "For builders, civil engineering and installation (SNI 41–43): skills supply, energy-efficient building, digital tools and changes of ownership.",
    sniCodes: ["41", "42", "43"],
    themes: ["recruitment", "training", "sustainability", "digitalisation", "succession"],
    survey: {
      slug: "behovsenkat-bygg",
      name: "Behovsenkät för byggföretag",
      content: packSurvey(
        { sv: "Bygg", en: "Construction" },
        ["recruitment", "training", "sustainability", "digitalisation", "succession", "financing"],
        {
          id: "agarskifte",
          type: "yes-no",
          label: {
            sv: "Planerar ägaren att lämna över företaget inom fem år?",
            en: "Does the owner plan to hand over the company within five years?",
          },
          themesIfYes: ["succession"],
        },
      ),
    },
    offers: [
      "kompetensplattform-orebro-lan",
      "energikartlaggning-klimatradgivning",
      "almi-agarskifte",
      "webbutbildning-digitalisering",
      "rekryteringsstod",
    ],
  },
  {
    slug: "halsa",
    nameSv: "Hälsa",
    nameEn: "Health",
    descriptionSv:
      "För privata vård- och omsorgsföretag (SNI 86–88): rekrytering, digitala tjänster, ledarskap och att utveckla nya tjänster tillsammans med forskningen.",
    descriptionEn:
      "For private health and care companies (SNI 86–88): recruitment, digital services, leadership and developing new services with researchers.",
    sniCodes: ["86", "87", "88"],
    themes: ["recruitment", "digitalisation", "innovation", "leadership", "academic-collaboration"],
    survey: {
      slug: "behovsenkat-halsa",
      name: "Behovsenkät för vård och hälsa",
      content: packSurvey(
        { sv: "Vård och hälsa", en: "Health and care" },
        ["recruitment", "digitalisation", "innovation", "leadership", "academic-collaboration", "training"],
        {
          id: "digitala-tjanster",
          type: "yes-no",
          label: {
            sv: "Vill ni erbjuda fler tjänster digitalt, till exempel vårdmöten på distans?",
            en: "Do you want to offer more services digitally, for example remote consultations?",
          },
          themesIfYes: ["digitalisation"],
        },
      ),
    },
    offers: [
      "regional-innovationscheck",
      "forskarsamverkan",
      "innovationsradgivning",
      "uppdragsutbildning-ledarskap",
      "rekryteringsstod",
      "exjobbsformedling",
    ],
  },
];

/** The id of the template survey: the existing one by slug, or a new published one of the region's. */
async function templateSurvey(trx: Db, pack: DemoPack, regionId: string | undefined, now: Date) {
  if (await isSurveySlugTaken(trx, pack.survey.slug)) {
    const surveys = await listManagedSurveys(trx, DEMO.actor);
    return surveys.find((s) => s.slug === pack.survey.slug)?.id;
  }
  if (!pack.survey.content || !pack.survey.name || !regionId) return undefined;
  const { survey } = await createSurvey(
    trx,
    {
      organisationId: regionId,
      slug: pack.survey.slug,
      kind: "needs",
      name: pack.survey.name,
      content: pack.survey.content,
    },
    DEMO,
  );
  await publishSurvey(trx, survey.id, DEMO, new Date(now.getTime() - 30 * DAY));
  return survey.id;
}

/**
 * Seeds the four industry packs and the needs surveys they start from, into the caller's transaction. Run
 * after the intake (Nora kommun's industry survey is manufacturing's template). Idempotent: packs and
 * surveys are matched by slug and only the missing ones are added. Returns the number of packs added.
 */
export async function seedDemoPacks(
  trx: Db,
  organisationIdBySlug: ReadonlyMap<string, string>,
  now = new Date(),
): Promise<number> {
  const region: DemoOrganisationSlug = "region-orebro-lan";
  const regionId = organisationIdBySlug.get(region);
  const offerIdBySlug = new Map((await listOffers(trx)).map((o) => [o.slug, o.id]));
  let created = 0;
  for (const pack of PACKS) {
    const exists = await getPack(trx, pack.slug).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.code === "NOT_FOUND") return false;
        throw error;
      },
    );
    if (exists) continue;
    const surveyId = await templateSurvey(trx, pack, regionId, now);
    if (!surveyId) continue;
    const { survey: _survey, offers, ...fields } = pack;
    await createPack(
      trx,
      { ...fields, surveyId, offerIds: offers.flatMap((slug) => offerIdBySlug.get(slug) ?? []) },
      DEMO,
    );
    created++;
  }
  return created;
}
