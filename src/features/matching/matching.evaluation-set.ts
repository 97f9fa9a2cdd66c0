// Evaluation set for offer matching: human relevance judgements, made by hand from the texts and the
// eligibility rules of the demo catalogue (src/features/demo/demo.offers.data.ts), without looking at the
// matching code, so that the set measures the scorer instead of repeating it.
//
// Grading: 3 = squarely answers a need and the company may use the offer; 2 = clearly useful for a need;
// 1 = related or partly useful. Unlisted offers count 0. An offer the company is not eligible for under the
// offer's hard rules (area, SNI include/exclude, size band, company age, validity dates, active status) is
// left out however relevant its topic; an offer with no capacity left gets at most 1. An offer that answers
// two needs is worth more than one that answers one.
//
// Reference date 2026-11-28, demo loaded that day; company age = 2026 - foundedYear. When a company field is
// missing, the rule that needs it is not applied (the company is taken to be a local one in Örebro county),
// except that offers limited to particular municipalities are judged at most 1 when the municipality is
// unknown.
//
// Corrected after review against the set's own rule (not against the scorer's output): the judge first
// counted the course that opens in 20 days (industri-4-0-automation-kurs, outside its validity dates) and the
// paused investment grant (regionalt-investeringsstod, not active) as usable; both are ineligible under the
// hard rules above, so those four judgements were removed.

/** One evaluation case: a company profile and its needs, with graded relevance judgements of demo offers. */
export type EvaluationCase = {
  /** Short kebab-case id, unique. */
  id: string;
  /** One English line: who the company is and what it needs (why the judgements are what they are). */
  description: string;
  company: { municipality?: string; sni?: string; employees?: number; foundedYear?: number };
  needs: { theme?: string; text?: string }[];
  /** Demo offer slug → graded relevance: 3 exactly what this company needs AND it may use it; 2 good; 1 partly useful. Unlisted offers count 0. */
  judgements: Record<string, 1 | 2 | 3>;
};

export const EVALUATION_SET: readonly EvaluationCase[] = [
  {
    id: "nora-metal-financing",
    description:
      "A 12-person machine shop in Nora, founded 2008, wants to finance a new CNC machine: Almi's business loan fits best, the innovation loan less so; too old for venture capital.",
    company: { municipality: "1884", sni: "25620", employees: 12, foundedYear: 2008 },
    needs: [{ theme: "financing", text: "Vi behöver finansiera en ny CNC-maskin" }],
    judgements: {
      "almi-foretagslan": 3,
      "almi-innovationslan": 2,
      "produktionslabbet-testbadd": 1,
      "foretagslots-nora": 1,
    },
  },
  {
    id: "hallefors-sawmill-investment-energy",
    description:
      "A 35-person sawmill in Hällefors needs a loan for a new planer and to cut the kiln's electricity use; the regional investment grant fits the area but is paused.",
    company: { municipality: "1863", sni: "16101", employees: 35, foundedYear: 1995 },
    needs: [
      { theme: "financing", text: "Vi ska köpa en ny hyvelmaskin och behöver lån till investeringen" },
      { theme: "sustainability", text: "Virkestorken drar för mycket el" },
    ],
    judgements: {
      "almi-foretagslan": 3,
      "energikartlaggning-klimatradgivning": 3,
      "hallbar-produktion-natverk": 2,
    },
  },
  {
    id: "ljusnarsberg-foundry-crisis",
    description:
      "A 45-person foundry in Ljusnarsberg whose orders collapsed and which must find customers outside the car industry; outside Business Region Örebro, so no urgent-situation advice.",
    company: { municipality: "1864", sni: "24510", employees: 45, foundedYear: 1960 },
    needs: [
      { theme: "crisis", text: "Orderingången har rasat och vi kanske måste permittera" },
      { text: "Vi måste hitta nya kunder utanför fordonsindustrin" },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      "almi-foretagslan": 2,
      exportcheck: 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "kumla-construction-recruitment",
    description:
      "An 18-person builder in Kumla cannot find carpenters and concrete workers: local recruitment support first, the skills platform for the longer run.",
    company: { municipality: "1881", sni: "41200", employees: 18, foundedYear: 2001 },
    needs: [{ text: "Svårt att hitta snickare och betongarbetare" }],
    judgements: {
      rekryteringsstod: 3,
      "kompetensplattform-orebro-lan": 2,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "nora-welding-recruitment-succession",
    description:
      "An 8-person welding shop in Nora, founded 1987, cannot find welders and the owner wants someone to take over: recruitment support and change-of-ownership advice.",
    company: { municipality: "1884", sni: "25110", employees: 8, foundedYear: 1987 },
    needs: [
      { theme: "recruitment", text: "svårt att hitta svetsare" },
      { theme: "succession", text: "Jag fyller 63 och vill att någon tar över verkstaden" },
    ],
    judgements: {
      rekryteringsstod: 3,
      "almi-agarskifte": 3,
      "kompetensplattform-orebro-lan": 2,
      "rekrytera-studenter-alumner": 1,
      "foretagslots-nora": 1,
    },
  },
  {
    id: "lindesberg-software-thesis",
    description:
      "A 6-person software company in Lindesberg wants a degree-thesis student to build an AI prototype: thesis matching first, researchers second.",
    company: { municipality: "1885", sni: "62010", employees: 6, foundedYear: 2019 },
    needs: [{ text: "Vi vill ta in en exjobbare som kan bygga en AI-prototyp" }],
    judgements: {
      exjobbsformedling: 3,
      forskarsamverkan: 2,
      studentuppdrag: 1,
      "regional-innovationscheck": 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "examensarbete-no-profile",
    description:
      "An unknown company asks whether a student can write a degree thesis with them (synonym 'examensarbete'): thesis matching, then course assignments.",
    company: {},
    needs: [{ text: "Kan en student göra sitt examensarbete hos oss?" }],
    judgements: {
      exjobbsformedling: 3,
      studentuppdrag: 2,
      forskarsamverkan: 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "karlskoga-export-norway",
    description:
      "A 22-person maker of lifting equipment in Karlskoga wants to sell to Norway: the export voucher, and a student market survey.",
    company: { municipality: "1883", sni: "28220", employees: 22, foundedYear: 2005 },
    needs: [{ text: "Vi vill sälja till Norge" }],
    judgements: {
      exportcheck: 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "orebro-young-webshop-export-loan",
    description:
      "A one-year-old 3-person web shop in Örebro wants to sell to Germany and needs a loan for stock and marketing; too young for the export voucher.",
    company: { municipality: "1880", sni: "47919", employees: 3, foundedYear: 2025 },
    needs: [
      { theme: "sales-export", text: "Vi vill börja sälja från vår webbutik till kunder i Tyskland" },
      { theme: "financing", text: "Vi behöver ett lån till lager och marknadsföring" },
    ],
    judgements: {
      "almi-foretagslan": 3,
      studentuppdrag: 2,
      "almi-invest-riskkapital": 1,
      inkubatorprogram: 1,
      "webbutbildning-digitalisering": 1,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "nora-cafe-startup-premises",
    description:
      "A would-be café owner in Nora, company founded this year with no staff, wants to test the idea and find premises in the town centre.",
    company: { municipality: "1884", employees: 0, foundedYear: 2026 },
    needs: [
      { theme: "startup-growth", text: "Jag vill starta ett café och testa om idén håller" },
      { theme: "premises-permits", text: "Jag letar efter en lokal i centrum" },
    ],
    judgements: {
      "testa-din-affarside": 3,
      "starta-foretag": 3,
      "lokaler-och-mark-nora": 3,
      "foretagslots-nora": 2,
      "tillstandslots-nora": 2,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "orebro-app-startup-venture-capital",
    description:
      "A two-year-old 3-person app company in Örebro wants to grow fast and seeks venture capital: the incubator and Almi's equity fit; too old to test an idea.",
    company: { municipality: "1880", sni: "62010", employees: 3, foundedYear: 2024 },
    needs: [
      { theme: "startup-growth", text: "Vi vill växa snabbt med vår app" },
      { theme: "financing", text: "Vi söker riskkapital för att skala upp" },
    ],
    judgements: {
      inkubatorprogram: 3,
      "almi-invest-riskkapital": 3,
      innovationsradgivning: 2,
      "almi-foretagslan": 2,
      "almi-innovationslan": 1,
    },
  },
  {
    id: "orebro-sensor-prototype",
    description:
      "A 4-person instrument maker in Örebro, founded 2020, must build and test a prototype of a new sensor: innovation loan, voucher and the production lab; too old for the incubator.",
    company: { municipality: "1880", sni: "26510", employees: 4, foundedYear: 2020 },
    needs: [
      {
        theme: "innovation",
        text: "Vi har tagit fram en ny sensor och behöver bygga en prototyp och testa den",
      },
    ],
    judgements: {
      "almi-innovationslan": 3,
      "regional-innovationscheck": 3,
      "produktionslabbet-testbadd": 3,
      innovationsradgivning: 2,
      forskarsamverkan: 2,
      exjobbsformedling: 1,
      "almi-invest-riskkapital": 1,
    },
  },
  {
    id: "kumla-plastics-climate",
    description:
      "A 60-person plastics manufacturer in Kumla faces customers' climate-reporting demands and higher electricity prices: the sustainable-production network and the energy audit.",
    company: { municipality: "1881", sni: "22230", employees: 60, foundedYear: 1978 },
    needs: [{ text: "Kunderna kräver klimatredovisning och elpriserna har ökat" }],
    judgements: {
      "hallbar-produktion-natverk": 3,
      "energikartlaggning-klimatradgivning": 3,
      forskarsamverkan: 1,
    },
  },
  {
    id: "askersund-hotel-energy-digital",
    description:
      "A 15-person hotel in Askersund wants to save energy and get more direct bookings online; not a manufacturer, so no manufacturing network.",
    company: { municipality: "1882", sni: "55101", employees: 15, foundedYear: 1990 },
    needs: [
      { theme: "sustainability" },
      { theme: "digitalisation", text: "Vi vill få fler direktbokningar via vår egen webbplats" },
    ],
    judgements: {
      "energikartlaggning-klimatradgivning": 3,
      "webbutbildning-digitalisering": 2,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "hallefors-farm-loan-succession",
    description:
      "A 3-person dairy farm in Hällefors needs to borrow for a milking robot and the daughter will take over; farming is excluded from the regional investment grant.",
    company: { municipality: "1863", sni: "01410", employees: 3, foundedYear: 1985 },
    needs: [
      { theme: "financing", text: "Vi behöver låna pengar till en mjölkrobot" },
      { theme: "succession", text: "Dottern ska ta över gården" },
    ],
    judgements: {
      "almi-foretagslan": 3,
      "almi-agarskifte": 3,
    },
  },
  {
    id: "orebro-plumber-leadership",
    description:
      "The owner of a 14-person plumbing firm in Örebro must become a better manager now the firm has grown: the MD programme, then the university course.",
    company: { municipality: "1880", sni: "43220", employees: 14, foundedYear: 2010 },
    needs: [{ theme: "leadership", text: "Jag behöver bli en bättre chef nu när vi har vuxit" }],
    judgements: {
      "ledarskapsprogram-vd": 3,
      "uppdragsutbildning-ledarskap": 2,
    },
  },
  {
    id: "nora-hairdresser-leadership",
    description:
      "A 2-person hair salon in Nora with a leadership need (theme only): too small for the MD programme, so the Nora network and the university course.",
    company: { municipality: "1884", sni: "96021", employees: 2, foundedYear: 2015 },
    needs: [{ theme: "leadership" }],
    judgements: {
      "foretagarfrukost-nora": 2,
      "uppdragsutbildning-ledarskap": 2,
      "foretagslots-nora": 1,
    },
  },
  {
    id: "vasteras-it-outside-county",
    description:
      "A 30-person IT company in Västerås (outside Örebro county) wants to hire new graduates and train team leaders: only offers open to any area qualify.",
    company: { municipality: "1980", sni: "62010", employees: 30, foundedYear: 2000 },
    needs: [
      { theme: "recruitment", text: "Vi behöver rekrytera nyutexaminerade utvecklare" },
      { theme: "leadership", text: "Våra nya teamledare behöver utbildning i ledarskap" },
    ],
    judgements: {
      "rekrytera-studenter-alumner": 3,
      "uppdragsutbildning-ledarskap": 3,
    },
  },
  {
    id: "digitalisation-no-profile",
    description:
      "An unknown company with a digitalisation need (theme only): the web course first, student assignments second.",
    company: {},
    needs: [{ theme: "digitalisation" }],
    judgements: {
      "webbutbildning-digitalisering": 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "karlskoga-machine-shop-automation",
    description:
      "A 28-person machine shop in Karlskoga wants to automate and is considering a robot cell: the automation course and the production lab.",
    company: { municipality: "1883", sni: "25620", employees: 28, foundedYear: 1999 },
    needs: [{ theme: "production", text: "Vi vill automatisera och funderar på att köpa en robotcell" }],
    judgements: {
      "produktionslabbet-testbadd": 3,
      forskarsamverkan: 2,
      "almi-foretagslan": 1,
      exjobbsformedling: 1,
    },
  },
  {
    id: "orebro-auto-parts-connected-machines",
    description:
      "A 150-person car-parts maker in Örebro wants connected machines and production data; too large for the small manufacturers' automation course.",
    company: { municipality: "1880", sni: "29320", employees: 150, foundedYear: 1985 },
    needs: [{ text: "Vi vill koppla upp maskinerna och samla in produktionsdata" }],
    judgements: {
      "produktionslabbet-testbadd": 2,
      forskarsamverkan: 2,
      exjobbsformedling: 1,
      "webbutbildning-digitalisering": 1,
    },
  },
  {
    id: "orebro-large-meat-processor",
    description:
      "A 600-person meat processor in Örebro wants credit for a new line that uses less energy: too large for Almi and the SME-only energy audit.",
    company: { municipality: "1880", sni: "10130", employees: 600, foundedYear: 1950 },
    needs: [
      { theme: "financing", text: "Vi behöver kredit för en ny produktionslinje" },
      { theme: "sustainability", text: "Den nya linjen ska dra mindre energi" },
    ],
    judgements: {
      "hallbar-produktion-natverk": 2,
      forskarsamverkan: 1,
      "produktionslabbet-testbadd": 1,
    },
  },
  {
    id: "nora-restaurant-permits-staff",
    description:
      "A 5-person restaurant in Nora wants an outdoor terrace with an alcohol licence and must hire cooks for the summer season.",
    company: { municipality: "1884", sni: "56100", employees: 5, foundedYear: 2021 },
    needs: [
      {
        theme: "premises-permits",
        text: "Vi vill öppna en uteservering och behöver serveringstillstånd",
      },
      { text: "Vi behöver anställa kockar till sommarsäsongen" },
    ],
    judgements: {
      "tillstandslots-nora": 3,
      rekryteringsstod: 3,
      "foretagslots-nora": 2,
      "lokaler-och-mark-nora": 1,
      "kompetensplattform-orebro-lan": 1,
    },
  },
  {
    id: "lindesberg-repair-succession-leadership",
    description:
      "The owner of a 9-person machine-repair firm in Lindesberg wants to sell on retirement, and the successor needs support in leading the company.",
    company: { municipality: "1885", sni: "33120", employees: 9, foundedYear: 1982 },
    needs: [
      { text: "Jag vill sälja firman när jag går i pension om tre år" },
      { theme: "leadership", text: "Min efterträdare behöver stöd i att leda företaget" },
    ],
    judgements: {
      "almi-agarskifte": 3,
      "ledarskapsprogram-vd": 2,
      "uppdragsutbildning-ledarskap": 1,
    },
  },
  {
    id: "hallsberg-bakery-customers-website",
    description:
      "An 11-person bakery in Hallsberg wants to learn what customers think and needs a new website with e-commerce: student assignments answer both.",
    company: { municipality: "1861", sni: "10710", employees: 11, foundedYear: 2016 },
    needs: [
      { theme: "sales-export", text: "Vi vill veta vad kunderna tycker om våra produkter" },
      { theme: "digitalisation", text: "Vi behöver en ny webbplats med e-handel" },
    ],
    judgements: {
      studentuppdrag: 3,
      "webbutbildning-digitalisering": 2,
      exjobbsformedling: 1,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "degerfors-metal-training",
    description:
      "A 40-person metal manufacturer in Degerfors with a training need (theme only): several courses are clearly useful, none is certain to be the one.",
    company: { municipality: "1862", sni: "25110", employees: 40, foundedYear: 1970 },
    needs: [{ theme: "training" }],
    judgements: {
      "webbutbildning-digitalisering": 2,
      "kompetensplattform-orebro-lan": 2,
      "ledarskapsprogram-vd": 2,
      "uppdragsutbildning-ledarskap": 2,
    },
  },
  {
    id: "orebro-motors-research",
    description:
      "An 80-person electric-motor maker in Örebro wants a pre-study with researchers on new magnet materials; too large for the innovation voucher.",
    company: { municipality: "1880", sni: "27110", employees: 80, foundedYear: 1990 },
    needs: [
      {
        theme: "academic-collaboration",
        text: "Vi vill göra en förstudie med forskare om nya magnetmaterial",
      },
      { theme: "innovation" },
    ],
    judgements: {
      forskarsamverkan: 3,
      "almi-innovationslan": 2,
      exjobbsformedling: 2,
      innovationsradgivning: 2,
      "produktionslabbet-testbadd": 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "laxa-liquidity-credit",
    description:
      "A company in Laxå (nothing else known) needs credit to get through the winter's liquidity squeeze: Almi's loan and the urgent-situation advice.",
    company: { municipality: "1860" },
    needs: [{ text: "Vi behöver kredit för att klara likviditeten i vinter" }],
    judgements: {
      "almi-foretagslan": 3,
      "akut-lage-kris-permittering": 3,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "lekeberg-food-energy",
    description:
      "A 7-person ready-meals producer in Lekeberg wants to cut energy costs in its kitchen: the energy audit and the manufacturers' sustainability network.",
    company: { municipality: "1814", sni: "10850", employees: 7 },
    needs: [{ text: "Hur kan vi sänka energikostnaderna i köket?" }],
    judgements: {
      "energikartlaggning-klimatradgivning": 3,
      "hallbar-produktion-natverk": 2,
    },
  },
  {
    id: "nora-subcontractor-transformation-crisis",
    description:
      "A 16-person metal subcontractor in Nora lost its largest customer abroad and must find new business, in an acute situation: transformation and crisis advice.",
    company: { municipality: "1884", sni: "25990", employees: 16, foundedYear: 1992 },
    needs: [
      {
        theme: "transformation",
        text: "Vår största kund har flyttat produktionen utomlands, vi måste hitta nya affärer",
      },
      { theme: "crisis" },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      "akut-lage-kris-permittering": 3,
      "foretagslots-nora": 2,
      "foretagarfrukost-nora": 1,
      exportcheck: 1,
      studentuppdrag: 1,
      "almi-foretagslan": 1,
      "uppdragsutbildning-ledarskap": 1,
    },
  },
];
