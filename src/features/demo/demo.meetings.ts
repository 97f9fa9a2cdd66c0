import type { Db } from "#src/db/client.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import type { MeetingMailSettings } from "#src/features/meetings/meetings.notify.ts";
import { markHeld, register, setAttendance } from "#src/features/meetings/meetings.registration.ts";
import {
  createMeeting,
  getManagedMeeting,
  listManagedMeetings,
  publishMeeting,
} from "#src/features/meetings/meetings.service.ts";
import { listOffers } from "#src/features/offers/offers.service.ts";
import { getPack, packSurveyForOrganisation } from "#src/features/packs/packs.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { createSurvey, getCampaign, publishSurvey } from "#src/features/surveys/surveys.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { DEMO_COMPANIES, fictionalOrgNumber } from "./demo.data.ts";
import { INDUSTRY_SURVEY_V1 } from "./demo.surveys.data.ts";

// The meetings of the demo: the digital information meeting for Nora's industrial companies in November 2020
// where the seven organisations of the network presented themselves (PRODUCT.md), with its registrations,
// attendance and the follow-up answers, plus two upcoming meetings started from industry packs (the visitor
// industry in Lindesberg, construction in Karlskoga). People and companies are fictional.

const SYSTEM = { actor: CLI_ACTOR };
const AS_COMPANY = { actor: ANONYMOUS };
const NORA_MEETING_TITLE = "Informationsträff för industriföretagen i Nora";
// Mails from the seed go to the reserved .example domain: nothing reaches a real person.
const DEMO_MAIL: MeetingMailSettings = {
  publicUrl: "http://localhost:3000",
  networkName: "Företagslots Örebro län",
  mailFrom: "Lots <no-reply@lots.invalid>",
};

const SPEAKERS: readonly [string, string, string][] = [
  ["Karin Lindqvist", "Näringslivschef", "nora-kommun"],
  ["Henrik Ödman", "Affärsutvecklare", "alfred-nobel-science-park"],
  ["Sofia Bergström", "Finansieringsrådgivare", "almi-malardalen"],
  ["Johan Sandberg", "Regional utvecklingsstrateg", "region-orebro-lan"],
  ["Elin Åkesson", "Etableringsrådgivare", "business-region-orebro"],
  ["Ali Haddad", "Samverkansrådgivare", "orebro-universitet"],
  ["Maja Nordin", "Affärscoach", "inkubera"],
];

// [company serial, person, e-mail, attended]: the industrial companies of Nora, one who did not come.
const NORA_REGISTRATIONS: readonly [number, string, string, boolean][] = [
  [1, "Per Larsson", "per.larsson@norabergprecision.example", true],
  [2, "Lena Ek", "lena.ek@alvhyttansplat.example", true],
  [3, "Jonas Berg", "jonas.berg@noraytbehandling.example", true],
  [4, "Maria Holm", "maria.holm@hagbynstra.example", true],
  [6, "Anders Wikström", "anders.wikstrom@bergslagensrobot.example", true],
  [6, "Fatima Rashid", "fatima.rashid@bergslagensrobot.example", true],
  [7, "Emma Dahl", "emma.dahl@bageritrastaden.example", false],
];

// What the attendees answered in the follow-up survey (version 1 of the industry survey's questions).
const FOLLOW_UP: readonly { company: number; themes: string[]; urgency: string; text: string }[] = [
  {
    company: 1,
    themes: ["financing", "production"],
    urgency: "nu",
    text: "Orderingången har fallit under pandemin. Vi behöver finansiera en ny CNC-maskin för att vinna tillbaka kunder.",
  },
  {
    company: 2,
    themes: ["financing", "leadership"],
    urgency: "nu",
    text: "Vi har permitterat hälften av personalen och behöver hjälp att klara likviditeten till våren.",
  },
  {
    company: 3,
    themes: ["sustainability", "academic-collaboration"],
    urgency: "halvar",
    text: "Vi vill minska energin i ytbehandlingen och tar gärna emot en exjobbare som mäter på processen.",
  },
  {
    company: 4,
    themes: ["digitalisation", "recruitment"],
    urgency: "senare",
    text: "Vi saknar någon som kan digitalisera orderflödet och har svårt att rekrytera CNC-operatörer.",
  },
  {
    company: 6,
    themes: ["sales-export", "innovation"],
    urgency: "halvar",
    text: "Vi har en ny robotcell som vi vill sälja i Norden och behöver hjälp med marknaden.",
  },
];

const at = (iso: string) => new Date(iso);

/**
 * Seeds the demo's meetings once (skipped when the Nora meeting exists): the November 2020 meeting held with
 * its registrations, attendance and follow-up answers, and two upcoming meetings from the visitor-industry and
 * construction packs. Runs in the caller's transaction; returns the meetings and follow-up answers it added.
 */
export async function seedDemoMeetings(
  trx: Db,
  organisationIdBySlug: ReadonlyMap<string, string>,
  now: Date,
): Promise<{ meetings: number; answers: number }> {
  const existing = await listManagedMeetings(trx, CLI_ACTOR);
  if (existing.some((m) => m.title === NORA_MEETING_TITLE)) return { meetings: 0, answers: 0 };
  const org = (slug: string) => organisationIdBySlug.get(slug)!;
  const nora = org("nora-kommun");
  const offerIds = new Map((await listOffers(trx)).map((o) => [o.slug, o.id]));
  const offers = (...slugs: string[]) => slugs.flatMap((slug) => offerIds.get(slug) ?? []);

  // The follow-up survey of 2020: the industry survey's first questions, published before the meeting.
  const { survey } = await createSurvey(
    trx,
    {
      organisationId: nora,
      slug: "uppfoljning-industritraff-nora-2020",
      kind: "needs",
      name: "Uppföljning efter informationsträffen i Nora 2020",
      content: INDUSTRY_SURVEY_V1,
    },
    SYSTEM,
  );
  await publishSurvey(trx, survey.id, SYSTEM, at("2020-11-02T08:00:00Z"));

  const meeting = await createMeeting(
    trx,
    {
      organisationId: nora,
      title: NORA_MEETING_TITLE,
      description:
        "Örebro universitet, Inkubera, Nora kommun och de andra aktörerna i nätverket berättar vilket stöd som finns för industriföretagen i Nora – och lyssnar på vad ni behöver.",
      municipalityCode: "1884",
      sniCodes: ["16", "25", "28", "10"],
      themes: ["financing", "production", "recruitment", "academic-collaboration"],
      date: "2020-11-19",
      time: "08:30",
      durationMinutes: 120,
      onlineUrl: "https://meet.example/nora-industri-2020",
      agenda: [
        "08.30 Välkomna – Nora kommun",
        "08.40 Så ser läget ut för industrin i Nora",
        "09.00 Sju aktörer, sju erbjudanden: finansiering, kompetens, innovation och samverkan med akademin",
        "09.50 Paus",
        "10.00 Samtal i grupper: vad behöver ert företag?",
        "10.20 Så går vi vidare – behovsenkät och kontakt med en företagslots",
      ].join("\n"),
      capacity: 40,
      registrationDeadline: "2020-11-17T16:00",
      organisationIds: SPEAKERS.map(([, , slug]) => org(slug)),
      speakers: SPEAKERS.map(([name, role, slug]) => ({ name, role, organisationId: org(slug) })),
      offerIds: offers(
        "almi-foretagslan",
        "exjobbsformedling",
        "inkubatorprogram",
        "industri-4-0-automation-kurs",
      ),
      surveyId: survey.id,
    },
    SYSTEM,
  );
  await publishMeeting(trx, meeting.id, SYSTEM);
  const attendance: Record<string, boolean> = {};
  for (const [index, [serial, person, email, came]] of NORA_REGISTRATIONS.entries()) {
    const company = DEMO_COMPANIES.find((c) => c.orgNumber === fictionalOrgNumber(serial))!;
    const { registration } = await register(
      trx,
      meeting.slug,
      { orgNumber: company.orgNumber, companyName: company.name, personName: person, email },
      {
        settings: DEMO_MAIL,
        locale: "sv",
        meta: AS_COMPANY,
        now: at(`2020-11-${String(5 + index).padStart(2, "0")}T09:00:00Z`),
      },
    );
    attendance[registration.id] = came;
  }
  const after = at("2020-11-19T10:45:00Z");
  await setAttendance(trx, meeting, attendance, { settings: DEMO_MAIL, meta: SYSTEM, now: after });
  await markHeld(trx, meeting, { settings: DEMO_MAIL, meta: SYSTEM, now: after });
  const held = await getManagedMeeting(trx, meeting.slug, CLI_ACTOR);
  const campaign = await getCampaign(trx, held.followupCampaignId!);
  for (const [index, answer] of FOLLOW_UP.entries()) {
    const company = DEMO_COMPANIES.find((c) => c.orgNumber === fictionalOrgNumber(answer.company))!;
    const [, person, email] = NORA_REGISTRATIONS.find(([serial]) => serial === answer.company)!;
    await submitResponse(
      trx,
      {
        campaignSlug: campaign.slug,
        idempotencyKey: `demo-nora-2020-${index}`,
        company: {
          orgNumber: company.orgNumber,
          name: company.name,
          municipalityCode: company.municipalityCode,
          sniCodes: company.sniCode ? [company.sniCode] : [],
          sizeBand: company.sizeBand,
          foundedYear: company.foundedYear,
        },
        answers: {
          omraden: answer.themes.map((theme, i) => ({
            theme,
            ...(i === 0 ? { description: answer.text } : {}),
          })),
          bradska: answer.urgency,
          "egna-ord": answer.text,
          kontakt: { name: person, role: "VD", email },
          samtycke: { contactAndReferral: true, statistics: true },
        },
      },
      AS_COMPANY,
      { now: at(`2020-11-${20 + index}T13:00:00Z`) },
    );
  }

  // Two upcoming meetings, each started from an industry pack.
  let created = 1;
  const upcoming = [
    {
      pack: "besoksnaring",
      organiser: "region-orebro-lan",
      title: "Besöksnäringen i Lindesberg: stöd inför säsongen",
      municipalityCode: "1885",
      daysAhead: 24,
      place: "Lindesbergs bibliotek, Kristinavägen 2",
      speakers: [["Johan Sandberg", "Regional utvecklingsstrateg", "region-orebro-lan"]] as const,
    },
    {
      pack: "bygg",
      organiser: "business-region-orebro",
      title: "Byggföretag i Karlskoga: kompetens, hållbarhet och nya uppdrag",
      municipalityCode: "1883",
      daysAhead: 45,
      place: "Karlskoga Folkets hus",
      speakers: [["Elin Åkesson", "Etableringsrådgivare", "business-region-orebro"]] as const,
    },
  ];
  for (const plan of upcoming) {
    const pack = await getPack(trx, plan.pack);
    const organiser = org(plan.organiser);
    const day = new Date(now.getTime() + plan.daysAhead * 86_400_000).toISOString().slice(0, 10);
    const upcomingMeeting = await createMeeting(
      trx,
      {
        organisationId: organiser,
        title: plan.title,
        description: pack.descriptionSv,
        municipalityCode: plan.municipalityCode,
        sniCodes: pack.sniCodes,
        themes: pack.themes,
        date: day,
        time: "08:00",
        durationMinutes: 90,
        place: plan.place,
        onlineUrl: "https://meet.example/lots-demo",
        agenda: "08.00 Frukost och välkomna\n08.20 Stödet som finns för er bransch\n09.00 Frågor och samtal",
        capacity: 30,
        organisationIds: [organiser],
        speakers: plan.speakers.map(([name, role, slug]) => ({ name, role, organisationId: org(slug) })),
        offerIds: pack.offerIds,
        surveyId: await packSurveyForOrganisation(trx, pack, organiser, SYSTEM),
        packId: pack.id,
      },
      SYSTEM,
    );
    await publishMeeting(trx, upcomingMeeting.id, SYSTEM);
    created++;
  }
  return { meetings: created, answers: FOLLOW_UP.length };
}
