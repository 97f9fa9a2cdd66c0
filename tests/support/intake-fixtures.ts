import type { Db } from "#src/db/client.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import type { SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";
import { createCampaign, createSurvey, publishSurvey } from "#src/features/surveys/surveys.service.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";

// Factories for needs-intake tests: valid org numbers, a needs survey using every question type, a
// published survey with an open campaign.

let serial = 0;
// One random start per test process, then a step coprime with 90,000: numbers never repeat within a process
// (a random term per call did, by the birthday paradox, in tests that make hundreds of companies), and two
// processes rarely start at the same place.
const start = Math.floor(Math.random() * 90_000);

/** A fresh, valid aktiebolag org number (5599xx-xxxx with the right check digit), formatted with a hyphen. */
export function freshOrgNumber(): string {
  serial++;
  const nine = `5599${String(10_000 + ((start + serial * 7919) % 90_000)).padStart(5, "0")}`;
  const ten = `${nine}${luhnCheckDigit(nine)}`;
  return `${ten.slice(0, 6)}-${ten.slice(6)}`;
}

/** A needs survey with one question of every type; option and yes/no answers map to themes. */
export const NEEDS_SURVEY: SurveyContentInput = {
  titleSv: "Berätta om era behov",
  titleEn: "Tell us what you need",
  introSv: "Fem minuter.",
  questions: [
    {
      id: "areas",
      type: "theme-picker",
      label: { sv: "Vad behöver ni hjälp med?", en: "What do you need help with?" },
      required: true,
    },
    {
      id: "staff",
      type: "single-choice",
      label: { sv: "Behöver ni rekrytera?" },
      options: [
        { id: "yes-now", label: { sv: "Ja, nu" }, themes: ["recruitment"], urgency: "now" },
        { id: "no", label: { sv: "Nej" } },
      ],
    },
    {
      id: "channels",
      type: "multiple-choice",
      label: { sv: "Var säljer ni?" },
      options: [
        { id: "sweden", label: { sv: "Sverige" } },
        { id: "export", label: { sv: "Export" }, themes: ["sales-export"] },
      ],
    },
    { id: "outlook", type: "scale", label: { sv: "Hur ser ni på året?" }, min: 1, max: 5 },
    {
      id: "energy",
      type: "yes-no",
      label: { sv: "Energikostnader ett problem?" },
      themesIfYes: ["sustainability"],
    },
    { id: "other", type: "free-text", label: { sv: "Något mer?" }, maxLength: 5000 },
    { id: "contact", type: "contact-block", label: { sv: "Kontaktperson" } },
    {
      id: "consent",
      type: "consent-block",
      label: { sv: "Samtycke" },
      wordingVersion: "samtycke-2026-11",
      referralText: { sv: "Ni får kontakta oss och lotsa vårt ärende vidare." },
      statisticsText: { sv: "Våra svar får räknas i anonym statistik." },
    },
  ],
};

/** A complete, valid answer to NEEDS_SURVEY for the given org number. */
export function validSubmission(orgNumber: string) {
  return {
    company: {
      orgNumber,
      name: "Nora Mekaniska AB",
      postalCode: "71331",
      sizeBand: "10-19",
      sniCodes: ["25620"],
    },
    answers: {
      areas: [
        { theme: "financing", urgency: "now", description: "Vi behöver rörelsekapital." },
        { theme: "digitalisation", urgency: "later" },
      ],
      staff: "yes-now",
      channels: ["sweden", "export"],
      outlook: 4,
      energy: true,
      other: "Tack för träffen i Nora.",
      contact: { name: "Anna Svensson", role: "VD", email: "anna@nora-mek.test", phone: "070-123 45 67" },
      consent: { contactAndReferral: true, statistics: true },
    },
  };
}

/** A survey of the organisation with NEEDS_SURVEY published as version 1 and an open campaign. */
export async function publishedSurvey(db: Db, organisationId: string, content = NEEDS_SURVEY) {
  serial++;
  const { survey } = await createSurvey(
    db,
    {
      organisationId,
      slug: `behov-${serial}-${Date.now()}`,
      kind: "needs",
      name: "Behovsinventering",
      content,
    },
    { actor: CLI_ACTOR },
  );
  const version = await publishSurvey(db, survey.id, { actor: CLI_ACTOR });
  const campaign = await createCampaign(
    db,
    {
      surveyId: survey.id,
      slug: `nora-${serial}-${Date.now()}`,
      name: "Nora industri",
      scopeKind: "municipality",
      municipalityCodes: ["1884"],
      opensAt: new Date(Date.now() - 86_400_000),
    },
    { actor: CLI_ACTOR },
  );
  return { survey, version, campaign };
}
