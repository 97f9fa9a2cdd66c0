import type { QuestionInput, SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";

// The demo's surveys: Nora kommun's needs survey for industry companies (version 1 from the autumn 2025
// round, version 2 with a clearer consent and a question on energy, open now) and the quarterly pulse.
// Written as the network would: short, plain Swedish, English beside it.

const CONSENT = {
  id: "samtycke",
  type: "consent-block" as const,
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
};

const CONTACT: QuestionInput = {
  id: "kontakt",
  type: "contact-block",
  label: { sv: "Vem kan vi kontakta?", en: "Whom can we contact?" },
  help: {
    sv: "Vi skickar en personlig länk till e-postadressen, där ni kan se och ändra era svar.",
    en: "We send a private link to this e-mail address, where you can see and change your answers.",
  },
  required: true,
  requireEmail: true,
};

const URGENCY: QuestionInput = {
  id: "bradska",
  type: "single-choice",
  label: { sv: "När behöver ni stödet?", en: "When do you need the support?" },
  required: true,
  options: [
    { id: "nu", label: { sv: "Nu", en: "Now" }, urgency: "now" },
    { id: "halvar", label: { sv: "Inom sex månader", en: "Within six months" }, urgency: "within-6-months" },
    { id: "senare", label: { sv: "Senare", en: "Later" }, urgency: "later" },
  ],
};

/** Version 1 (autumn 2025): the questions the first round asked. */
export const INDUSTRY_SURVEY_V1: SurveyContentInput = {
  titleSv: "Berätta om era behov",
  titleEn: "Tell us what you need",
  introSv:
    "Några frågor om vad ert företag behöver det närmaste året. Det tar fem minuter. Svaren går till Nora kommuns näringslivsenhet, som lotsar er vidare.",
  introEn:
    "A few questions on what your company needs in the coming year. It takes five minutes. The answers go to Nora municipality's business unit, which guides you onward.",
  questions: [
    {
      id: "omraden",
      type: "theme-picker",
      label: { sv: "Vad behöver ni stöd med?", en: "What do you need support with?" },
      help: { sv: "Välj ett eller flera områden.", en: "Choose one or more areas." },
      required: true,
      themes: [
        "financing",
        "recruitment",
        "training",
        "digitalisation",
        "innovation",
        "sales-export",
        "production",
        "sustainability",
        "academic-collaboration",
        "leadership",
      ],
    },
    URGENCY,
    {
      id: "egna-ord",
      type: "free-text",
      label: { sv: "Beskriv med egna ord", en: "Describe it in your own words" },
      help: { sv: "Vad skulle göra störst skillnad för er?", en: "What would make the biggest difference?" },
      maxLength: 2000,
    },
    CONTACT,
    { ...CONSENT, wordingVersion: "samtycke-2025-09" },
  ],
};

/** Version 2 (2026): clearer questions, energy and outlook added, the consent wording of 2026. */
export const INDUSTRY_SURVEY_V2: SurveyContentInput = {
  ...INDUSTRY_SURVEY_V1,
  questions: [
    INDUSTRY_SURVEY_V1.questions[0]!,
    URGENCY,
    {
      id: "energi",
      type: "yes-no",
      label: {
        sv: "Är energikostnaderna ett problem för er just nu?",
        en: "Are energy costs a problem for you right now?",
      },
      themesIfYes: ["sustainability"],
    },
    {
      id: "framtid",
      type: "scale",
      label: { sv: "Hur ser ni på det kommande året?", en: "How do you see the coming year?" },
      min: 1,
      max: 5,
      minLabel: { sv: "Mycket oroligt", en: "Very worried" },
      maxLabel: { sv: "Mycket ljust", en: "Very bright" },
    },
    {
      id: "egna-ord",
      type: "free-text",
      label: { sv: "Beskriv med egna ord", en: "Describe it in your own words" },
      help: { sv: "Vad skulle göra störst skillnad för er?", en: "What would make the biggest difference?" },
      maxLength: 2000,
    },
    {
      // Mapped to a theme: whatever is written here becomes an urgent need under "crisis".
      id: "akut",
      type: "free-text",
      label: {
        sv: "Är något akut just nu? Beskriv med egna ord",
        en: "Is anything urgent right now? Describe it in your own words",
      },
      help: {
        sv: "Till exempel att en stor kund försvinner eller att ni kan behöva varsla. Lämna tomt om inget är akut.",
        en: "For example losing a large customer or having to give notice of redundancies. Leave it empty if nothing is urgent.",
      },
      maxLength: 2000,
      theme: "crisis",
      urgency: "now",
    },
    CONTACT,
    { ...CONSENT, wordingVersion: "samtycke-2026-01" },
  ],
};

/** The quarterly pulse: the same five short questions to the same companies. */
export const PULSE_SURVEY: SurveyContentInput = {
  titleSv: "Pulsen – fem frågor varje kvartal",
  titleEn: "The pulse – five questions every quarter",
  introSv: "Samma fem frågor varje kvartal, så att nätverket ser hur läget förändras.",
  introEn: "The same five questions every quarter, so the network sees how things change.",
  questions: [
    {
      id: "lage",
      type: "scale",
      label: { sv: "Hur går det för företaget just nu?", en: "How is the company doing right now?" },
      required: true,
      min: 1,
      max: 5,
    },
    {
      id: "orderlage",
      type: "single-choice",
      label: { sv: "Orderläget jämfört med förra kvartalet", en: "Orders compared with last quarter" },
      options: [
        { id: "battre", label: { sv: "Bättre", en: "Better" } },
        { id: "samma", label: { sv: "Som förut", en: "The same" } },
        { id: "samre", label: { sv: "Sämre", en: "Worse" }, themes: ["sales-export"] },
      ],
    },
    {
      id: "rekrytera",
      type: "yes-no",
      label: { sv: "Har ni svårt att hitta personal?", en: "Is it hard to find staff?" },
      themesIfYes: ["recruitment"],
    },
    {
      id: "stod",
      type: "theme-picker",
      label: { sv: "Behöver ni stöd med något nu?", en: "Do you need support with anything now?" },
    },
    CONTACT,
  ],
};

/** What became of an answer's first need later: a navigator's triage, or the company's own word. */
type Later = {
  status: "in-case" | "met" | "no-longer-relevant";
  monthsAfter: number;
  /** The company said so from its private link (only "no-longer-relevant"). */
  byCompany?: boolean;
};

type DemoAnswer = {
  /** Serial of a fictional AB in demo.data.ts. */
  company: number;
  monthsAgo: number;
  themes: string[];
  urgency: "nu" | "halvar" | "senare";
  /** "Beskriv med egna ord", in the company's own words. */
  text: string;
  /** "Är något akut just nu?" (version 2 only): becomes a crisis need. */
  urgent?: string;
  contact: { name: string; role: string; email: string };
  /** Consent: "both" (default), "statistics" (only anonymous statistics), "withdrew" (both, withdrawn later). */
  consent?: "both" | "statistics" | "withdrew";
  later?: Later;
};

/** Answers to version 1 (the 2025 round, 12–18 months ago). */
export const ANSWERS_V1: readonly DemoAnswer[] = [
  {
    company: 1,
    monthsAgo: 17,
    themes: ["financing", "production"],
    urgency: "nu",
    text: "Vi är en verkstad med tolv anställda och kör samma fleroperationsmaskin sedan 2004. Nu tappar vi order till Polen på pris. En ny CNC-maskin skulle halvera ställtiderna, men banken vill se mer säkerhet än vi har.",
    contact: { name: "Per Larsson", role: "VD", email: "per.larsson@norabergprecision.example" },
    later: { status: "met", monthsAfter: 7 },
  },
  {
    company: 2,
    monthsAgo: 16,
    themes: ["recruitment", "training"],
    urgency: "halvar",
    text: "Två av våra svetsare går i pension nästa år. Vi har annonserat två gånger utan en enda behörig sökande. Vi kan lära upp någon själva om vi får hjälp med utbildningen.",
    contact: { name: "Lena Ek", role: "Produktionschef", email: "lena.ek@alvhyttansplat.example" },
    later: { status: "in-case", monthsAfter: 1 },
  },
  {
    company: 3,
    monthsAgo: 15,
    themes: ["digitalisation"],
    urgency: "senare",
    text: "Vi planerar produktionen med papper och en whiteboard i fikarummet. Det fungerar tills någon är sjuk.",
    contact: { name: "Jonas Berg", role: "Ägare", email: "jonas.berg@noraytbehandling.example" },
    consent: "statistics",
    later: { status: "no-longer-relevant", monthsAfter: 6, byCompany: true },
  },
  {
    company: 4,
    monthsAgo: 14,
    themes: ["sustainability", "financing"],
    urgency: "nu",
    text: "Elräkningen för virkestorkarna har tredubblats sedan i fjol. Vi vill se om vi kan värma med vårt eget spån i stället.",
    contact: { name: "Maria Holm", role: "Ekonomiansvarig", email: "maria.holm@hagbynstra.example" },
    later: { status: "met", monthsAfter: 9 },
  },
  {
    company: 40,
    monthsAgo: 13,
    themes: ["academic-collaboration", "innovation"],
    urgency: "halvar",
    text: "Vi vill prova ett nytt stål i våra axlar och tar gärna emot en student som gör provningen som ex-jobb.",
    contact: {
      name: "Anders Nyberg",
      role: "Utvecklingschef",
      email: "anders.nyberg@mockelnsverkstad.example",
    },
    consent: "withdrew",
  },
  {
    company: 29,
    monthsAgo: 12,
    themes: ["production", "recruitment"],
    urgency: "nu",
    text: "Pressarna är från sjuttiotalet. Vi vill automatisera matningen, men då måste operatörerna också lära sig nytt.",
    contact: { name: "Karin Söder", role: "Platschef", email: "karin.soder@degerforssmide.example" },
    later: { status: "in-case", monthsAfter: 2 },
  },
  {
    company: 7,
    monthsAgo: 12,
    themes: ["sales-export"],
    urgency: "halvar",
    text: "Vi vill leverera bröd till skolorna i kommunen men vet inte hur en upphandling går till.",
    contact: { name: "Fatima Rahimi", role: "Ägare", email: "fatima@bageritrastaden.example" },
  },
];

/** Answers to version 2 (the open 2026 round, the last eleven months). */
export const ANSWERS_V2: readonly DemoAnswer[] = [
  {
    company: 6,
    monthsAgo: 11,
    themes: ["sales-export"],
    urgency: "halvar",
    text: "Vi har en kund i Norge och vill hitta fler i Norden, men ingen av oss har jobbat med export förut.",
    contact: { name: "Olle Strand", role: "Säljchef", email: "olle.strand@bergslagensrobot.example" },
    later: { status: "no-longer-relevant", monthsAfter: 5 },
  },
  {
    company: 33,
    monthsAgo: 10,
    themes: ["financing", "digitalisation"],
    urgency: "nu",
    text: "Vi behöver ett affärssystem som pratar med maskinerna. Offerten ligger på 400 000 kronor och det har vi inte råd med i år.",
    contact: { name: "Eva Lind", role: "VD", email: "eva.lind@ljusnarsbergsplat.example" },
  },
  {
    company: 47,
    monthsAgo: 9,
    themes: ["financing", "sales-export"],
    urgency: "nu",
    text: "När vägen väl är klar vill vi sälja vårt bröd i fler butiker i Bergslagen.",
    urgent:
      "Gatan utanför kaféet har varit avstängd för vägarbete sedan maj och vi har tappat hälften av kunderna. Vi klarar inte hyran i höst om det fortsätter så här.",
    contact: { name: "Sanna Ljung", role: "Ägare", email: "sanna@lindesbergshembageri.example" },
    later: { status: "in-case", monthsAfter: 1 },
  },
  {
    company: 44,
    monthsAgo: 8,
    themes: ["recruitment"],
    urgency: "nu",
    text: "Vi får inte tag på elektriker och automationstekniker. Förra månaden tackade vi nej till två jobb.",
    contact: { name: "Henrik Ström", role: "Servicechef", email: "henrik.strom@froviindustri.example" },
    later: { status: "in-case", monthsAfter: 1 },
  },
  {
    company: 46,
    monthsAgo: 6,
    themes: ["innovation", "academic-collaboration"],
    urgency: "halvar",
    text: "Vi monterar kretskort åt andra men vill ta fram en egen produkt: en sensor för skogsmaskiner.",
    contact: {
      name: "Sofia Åkesson",
      role: "Teknikchef",
      email: "sofia.akesson@lindesbergselektronik.example",
    },
  },
  {
    company: 32,
    monthsAgo: 4,
    themes: ["sales-export", "production"],
    urgency: "senare",
    text: "Exporten till Tyskland har minskat med en tredjedel. Ska vi satsa på nya marknader eller bli effektivare hemma?",
    contact: { name: "Bertil Öhman", role: "VD", email: "bertil.ohman@hallefors-sagblad.example" },
    consent: "statistics",
  },
  {
    company: 39,
    monthsAgo: 3,
    themes: ["sustainability"],
    urgency: "halvar",
    text: "Våra största kunder kräver klimatdata för varje produkt från nästa år. Vi vet inte var vi ska börja.",
    contact: { name: "Ylva Dahl", role: "Kvalitetschef", email: "ylva.dahl@karlskogakemi.example" },
  },
  {
    company: 22,
    monthsAgo: 2,
    themes: ["training", "leadership"],
    urgency: "halvar",
    text: "Vi har gjort fyra montörer till arbetsledare. De är duktiga men har aldrig lett andra.",
    urgent:
      "En av våra två största kunder har sagt upp avtalet från årsskiftet. Vi kan behöva varsla tolv personer.",
    contact: { name: "Magnus Frid", role: "HR-chef", email: "magnus.frid@palsbodafordon.example" },
  },
  {
    company: 1,
    monthsAgo: 1,
    themes: ["financing"],
    urgency: "nu",
    text: "Maskinen är beställd och kommer i mars. Nu behöver vi rörelsekapital för att klara första stora ordern.",
    contact: { name: "Per Larsson", role: "VD", email: "per.larsson@norabergprecision.example" },
  },
];

/** Pulse answers from Nora's companies, by company serial and quarters ago (1 = last quarter). */
export const PULSE_ANSWERS: readonly {
  company: number;
  quartersAgo: number;
  lage: number;
  orderlage: "battre" | "samma" | "samre";
  rekrytera: boolean;
  /** Themes picked under "Behöver ni stöd med något nu?". */
  stod?: string[];
}[] = [
  { company: 1, quartersAgo: 3, lage: 2, orderlage: "samre", rekrytera: false },
  { company: 2, quartersAgo: 3, lage: 3, orderlage: "samma", rekrytera: true },
  { company: 4, quartersAgo: 3, lage: 2, orderlage: "samre", rekrytera: false, stod: ["financing"] },
  { company: 1, quartersAgo: 2, lage: 3, orderlage: "samma", rekrytera: false },
  { company: 2, quartersAgo: 2, lage: 3, orderlage: "battre", rekrytera: true },
  { company: 6, quartersAgo: 2, lage: 4, orderlage: "battre", rekrytera: true },
  { company: 7, quartersAgo: 2, lage: 3, orderlage: "samma", rekrytera: false, stod: ["premises-permits"] },
  { company: 1, quartersAgo: 1, lage: 4, orderlage: "battre", rekrytera: true },
  { company: 4, quartersAgo: 1, lage: 3, orderlage: "samma", rekrytera: false },
  { company: 6, quartersAgo: 1, lage: 4, orderlage: "samma", rekrytera: true, stod: ["leadership"] },
  { company: 7, quartersAgo: 1, lage: 4, orderlage: "battre", rekrytera: true },
];
