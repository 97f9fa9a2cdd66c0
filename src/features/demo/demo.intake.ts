import type { Db } from "#src/db/client.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { withdrawConsent } from "#src/features/consent/consent.service.ts";
import { setNeedStatus, setNeedStatusFromCompany } from "#src/features/needs/needs.service.ts";
import type { SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import {
  createCampaign,
  createSurvey,
  editSurvey,
  isSurveySlugTaken,
  publishSurvey,
} from "#src/features/surveys/surveys.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { DEMO_COMPANIES, fictionalOrgNumber } from "./demo.data.ts";
import {
  ANSWERS_V1,
  ANSWERS_V2,
  INDUSTRY_SURVEY_V1,
  INDUSTRY_SURVEY_V2,
  PULSE_ANSWERS,
  PULSE_SURVEY,
} from "./demo.surveys.data.ts";

// The needs intake of the demo: Nora kommun's needs survey for industry companies in two versions with their
// rounds, the quarterly pulse, and answers from the fictional companies over the last 18 months. Answers go
// through submitResponse as a company would send them (anonymous, through an open campaign at that time),
// so they create needs, contacts and consents exactly as real answers do.

const SYSTEM = { actor: CLI_ACTOR };
const AS_COMPANY = { actor: ANONYMOUS };
const DAY = 86_400_000;

const monthsBefore = (now: Date, months: number, dayOffset = 0) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return new Date(d.getTime() + dayOffset * DAY);
};

/** `at`, but never later than a day before `now`, so nothing the seed dates lies in the future. */
const notAfter = (at: Date, now: Date) => new Date(Math.min(at.getTime(), now.getTime() - DAY));

/** The company part of an answer, as the company would fill it in. */
function companyPart(serial: number) {
  const number = fictionalOrgNumber(serial);
  const company = DEMO_COMPANIES.find((c) => c.orgNumber === number);
  if (!company) throw new Error(`no demo company with serial ${serial}`);
  return {
    orgNumber: number,
    name: company.name,
    municipalityCode: company.municipalityCode,
    sniCodes: company.sniCode ? [company.sniCode] : [],
    sizeBand: company.sizeBand,
    foundedYear: company.foundedYear,
  };
}

/** Quarter label and bounds (UTC) of the quarter `quartersAgo` before the one `now` is in. */
function quarter(now: Date, quartersAgo: number) {
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - quartersAgo;
  const year = Math.floor(index / 4);
  const q = (index % 4) + 1;
  return {
    slug: `pulsen-${year}-q${q}`,
    name: `Pulsen ${year} kvartal ${q}`,
    opensAt: new Date(Date.UTC(year, (q - 1) * 3, 1)),
    closesAt: new Date(Date.UTC(year, q * 3, 1)),
  };
}

async function newSurvey(
  trx: Db,
  organisationId: string,
  slug: string,
  kind: "needs" | "pulse",
  name: string,
  content: SurveyContentInput,
  publishedAt: Date,
) {
  const { survey } = await createSurvey(trx, { organisationId, slug, kind, name, content }, SYSTEM);
  const version = await publishSurvey(trx, survey.id, SYSTEM, publishedAt);
  return { survey, version };
}

/**
 * Seeds the demo's surveys, rounds and answers into the caller's transaction, unless the industry survey
 * is already there. Returns the number of answers stored.
 */
export async function seedDemoIntake(trx: Db, organisationId: string, now: Date): Promise<number> {
  if (await isSurveySlugTaken(trx, "behovsenkat-industri")) return 0;
  let answers = 0;

  const v1Opens = monthsBefore(now, 18);
  const { survey, version: v1 } = await newSurvey(
    trx,
    organisationId,
    "behovsenkat-industri",
    "needs",
    "Behovsenkät för tillverkande industri",
    INDUSTRY_SURVEY_V1,
    v1Opens,
  );
  const round2025 = await createCampaign(
    trx,
    {
      surveyId: survey.id,
      slug: "tillverkande-industri-2025",
      name: "Tillverkande industri 2025",
      scopeKind: "industry",
      sniCodes: ["10", "16", "20", "22", "23", "24", "25", "26", "27", "28", "29", "31", "33"],
      opensAt: v1Opens,
      closesAt: monthsBefore(now, 11),
    },
    SYSTEM,
  );
  type Answer = (typeof ANSWERS_V1)[number];
  const answeredAt = (answer: Answer) => monthsBefore(now, answer.monthsAgo, (answer.company * 7) % 20);
  // What happened afterwards, applied once every answer is in: triage, the company's own word, withdrawals.
  const afterwards: { at: Date; run: () => Promise<unknown> }[] = [];
  const submit = async (
    answer: Answer,
    campaignSlug: string,
    versionId: string,
    extra: Record<string, unknown>,
    key: string,
  ) => {
    const at = answeredAt(answer);
    const result = await submitResponse(
      trx,
      {
        campaignSlug,
        versionId,
        idempotencyKey: key,
        company: companyPart(answer.company),
        answers: {
          omraden: answer.themes.map((theme, i) => ({
            theme,
            ...(i === 0 ? { description: answer.text } : {}),
          })),
          bradska: answer.urgency,
          "egna-ord": answer.text,
          kontakt: answer.contact,
          samtycke: { contactAndReferral: answer.consent !== "statistics", statistics: true },
          ...extra,
        },
      },
      AS_COMPANY,
      { now: at },
    );
    const companyId = result.company!.id;
    const later = answer.later;
    const firstNeed = result.needIds?.[0];
    if (later && firstNeed) {
      const when = notAfter(monthsBefore(at, -later.monthsAfter), now);
      afterwards.push({
        at: when,
        run: () =>
          later.byCompany && later.status === "no-longer-relevant"
            ? setNeedStatusFromCompany(trx, companyId, firstNeed, later.status, AS_COMPANY, { now: when })
            : setNeedStatus(trx, firstNeed, later.status, SYSTEM, { now: when }),
      });
    }
    if (answer.consent === "withdrew") {
      // Half a year later the company withdrew both consents from its private link.
      const when = notAfter(monthsBefore(at, -6), now);
      for (const kind of ["contact-and-referral", "statistics"] as const) {
        afterwards.push({
          at: when,
          run: () =>
            withdrawConsent(trx, companyId, kind, { ...AS_COMPANY, via: "private-link" }, { now: when }),
        });
      }
    }
    answers++;
  };
  for (const [index, answer] of ANSWERS_V1.entries()) {
    await submit(answer, round2025.slug, v1.id, {}, `demo-industri-v1-${index}`);
  }

  // Version 2: edited after the first round, published for the open 2026 round.
  const v2Published = monthsBefore(now, 11);
  await editSurvey(trx, survey.id, INDUSTRY_SURVEY_V2, SYSTEM);
  const v2 = await publishSurvey(trx, survey.id, SYSTEM, v2Published);
  const round2026 = await createCampaign(
    trx,
    {
      surveyId: survey.id,
      slug: "tillverkande-industri-2026",
      name: "Tillverkande industri 2026",
      scopeKind: "industry",
      sniCodes: ["10", "16", "20", "22", "23", "24", "25", "26", "27", "28", "29", "31", "33"],
      opensAt: v2Published,
      closesAt: new Date(now.getTime() + 400 * DAY),
    },
    SYSTEM,
  );
  for (const [index, answer] of ANSWERS_V2.entries()) {
    await submit(
      answer,
      round2026.slug,
      v2.id,
      {
        energi: answer.themes.includes("sustainability"),
        framtid: 2 + (index % 3),
        ...(answer.urgent ? { akut: answer.urgent } : {}),
      },
      `demo-industri-v2-${index}`,
    );
  }

  // The pulse: one campaign per quarter, recurring; the current quarter's is open.
  const { survey: pulse, version: pulseVersion } = await newSurvey(
    trx,
    organisationId,
    "pulsen",
    "pulse",
    "Pulsen",
    PULSE_SURVEY,
    quarter(now, 3).opensAt,
  );
  for (let ago = 3; ago >= 0; ago--) {
    const q = quarter(now, ago);
    await createCampaign(
      trx,
      {
        surveyId: pulse.id,
        slug: q.slug,
        name: q.name,
        scopeKind: "period",
        municipalityCodes: ["1884"],
        opensAt: q.opensAt,
        closesAt: q.closesAt,
        recurrence: "quarterly",
      },
      SYSTEM,
    );
  }
  for (const [index, row] of PULSE_ANSWERS.entries()) {
    const q = quarter(now, row.quartersAgo);
    const contact = [...ANSWERS_V1, ...ANSWERS_V2].find((a) => a.company === row.company)!.contact;
    await submitResponse(
      trx,
      {
        campaignSlug: q.slug,
        versionId: pulseVersion.id,
        idempotencyKey: `demo-pulsen-${index}`,
        company: companyPart(row.company),
        answers: {
          lage: row.lage,
          orderlage: row.orderlage,
          rekrytera: row.rekrytera,
          ...(row.stod ? { stod: row.stod.map((theme) => ({ theme })) } : {}),
          kontakt: contact,
        },
      },
      AS_COMPANY,
      { now: new Date(q.opensAt.getTime() + (10 + index) * DAY) },
    );
    answers++;
  }

  afterwards.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of afterwards) await step.run();
  return answers;
}
