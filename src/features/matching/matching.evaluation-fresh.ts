import type { EvaluationCase } from "./matching.evaluation-set.ts";

// A fresh, blind evaluation set for offer matching, made on 2026-11-29. The judgements were made by hand
// from the texts and the eligibility rules of the demo catalogue (src/features/demo/demo.offers.data.ts,
// src/features/demo/demo.data.ts) and the reference data (need themes, size bands, municipalities, SNI),
// without looking at the matching code, its benchmark or documentation, or at the two other evaluation sets
// (EVALUATION_SET and the hold-out set), so it measures the scorer instead of repeating it. The needs are
// mostly written as a company owner would type them into the web form, in everyday Swedish.
//
// Grading: 3 = squarely answers a need and the company may use the offer; 2 = clearly useful for a need;
// 1 = related or partly useful. Unlisted offers count 0. An offer the company is not eligible for under the
// offer's hard rules (area, SNI include/exclude, size band, company age, validity dates, active status) is
// left out however relevant its topic; an offer with no capacity left gets at most 1. A missing company
// field excludes nothing.
//
// Reference date 2026-11-29, the demo seeded on 2026-11-28 (dates relative to the seed day); company age =
// 2026 - foundedYear. Under those rules the automation course (opens in 20 days), the regional investment
// grant (paused) and the breakfast meeting on new markets (closed) are never usable.
export const FRESH_SET: readonly EvaluationCase[] = [
  {
    id: "ljusnarsberg-plastics-energy-climate",
    description:
      "A 34-person plastics moulder in Ljusnarsberg with soaring electricity bills and customers asking for climate data: the energy audit and the sustainable-production network for manufacturers fit.",
    company: { municipality: "1864", sni: "22290", employees: 34, foundedYear: 1979 },
    needs: [
      {
        text: "Elräkningen har nästan dubblats på ett år och sprutmaskinerna går i tre skift. Vi måste få ner förbrukningen innan det äter upp hela vinsten.",
      },
      {
        text: "Kunderna i bilbranschen har börjat kräva att vi räknar på koldioxiden i våra detaljer och vi har ingen aning om hur man gör.",
      },
    ],
    judgements: {
      "energikartlaggning-klimatradgivning": 3,
      "hallbar-produktion-natverk": 3,
    },
  },
  {
    id: "orebro-restaurant-cash-crisis",
    description:
      "A 14-person lunch restaurant in Örebro whose guests vanished during road works and whose cash lasts until February: Business Region Örebro's crisis advice (short-time work, liquidity) fits best, Smart omställning next.",
    company: { municipality: "1880", sni: "56100", employees: 14, foundedYear: 2015 },
    needs: [
      {
        text: "Sen de grävde upp gatan utanför i augusti kommer det knappt några lunchgäster längre. Pengarna räcker kanske till februari och jag vet inte vad jag ska göra med personalen, ska jag säga upp folk?",
      },
    ],
    judgements: {
      "akut-lage-kris-permittering": 3,
      "smart-omstallning-radgivning": 2,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "karlskoga-auto-supplier-orders-halved",
    description:
      "A 60-person vehicle-parts supplier in Karlskoga whose main customer halves orders and who wants customers abroad: Smart omställning and the export voucher fit; the crisis advice is excluded because Karlskoga is outside Business Region Örebro.",
    company: { municipality: "1883", sni: "29320", employees: 60, foundedYear: 1990 },
    needs: [
      {
        text: "Vår största kund har sagt att de halverar beställningarna från januari. Jag kommer nog behöva permittera folk men vet inte hur det funkar eller vad vi har rätt till.",
      },
      {
        text: "Vi kan inte hänga på en enda köpare längre. Kanske finns det kunder i Norge eller Tyskland som behöver det vi gör?",
      },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      exportcheck: 3,
      "almi-foretagslan": 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "lindesberg-shop-handover-to-staff",
    description:
      "A 6-person shop in Lindesberg, founded 1984, whose owner is retiring and may sell to two employees, and who first wants to tidy up the till and web shop: the ownership-change offer fits; the digitalisation course and a student project help with the web shop.",
    company: { municipality: "1885", sni: "47520", employees: 6, foundedYear: 1984 },
    needs: [
      {
        text: "Jag fyller 67 i vår och ingen av barnen vill ta över affären. Två av tjejerna som jobbar här har pratat om att köpa den, men de har inte så mycket pengar.",
      },
      {
        text: "Innan dess vill jag få ordning på kassasystemet och den gamla webbshoppen så att butiken blir lättare att sälja.",
      },
    ],
    judgements: {
      "almi-agarskifte": 3,
      "webbutbildning-digitalisering": 2,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "hallefors-sawblades-expand-and-hire",
    description:
      "A 28-person saw-blade maker in Hällefors wanting a new furnace, a bigger hall and five more operators: the regional investment grant is paused and the recruitment support does not cover Hällefors, so the Almi loan and the skills platform remain.",
    company: { municipality: "1863", sni: "25730", employees: 28, foundedYear: 1971 },
    needs: [
      {
        text: "Vi vill köpa en ny härdugn och bygga ut hallen så vi kan ta fler order. Finns det något bidrag för sånt här uppe i Hällefors, eller måste allt gå via banken?",
      },
      {
        text: "Om det blir av behöver vi fem nya operatörer, och det är i princip omöjligt att hitta folk som kan härdning här.",
      },
    ],
    judgements: {
      "almi-foretagslan": 3,
      "kompetensplattform-orebro-lan": 2,
      "energikartlaggning-klimatradgivning": 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "orebro-software-ai-students-hiring",
    description:
      "A 9-person software firm in Örebro that wants someone to explore predicting faults from log data with AI and needs to hire two developers: thesis matching answers both needs, research collaboration and graduate recruitment fit, the innovation voucher could pay for a pre-study.",
    company: { municipality: "1880", sni: "62010", employees: 9, foundedYear: 2017 },
    needs: [
      {
        text: "Vi sitter på massor med loggar från kundernas system och tror att man skulle kunna se fel innan de händer med lite AI, men ingen av oss hinner gräva i det. Kan en student eller någon forskare hjälpa till?",
      },
      {
        text: "Sen behöver vi anställa två utvecklare nästa år och det är svårt att konkurrera med de stora bolagen om folk.",
      },
    ],
    judgements: {
      exjobbsformedling: 3,
      forskarsamverkan: 3,
      "rekrytera-studenter-alumner": 3,
      "regional-innovationscheck": 2,
      rekryteringsstod: 2,
      studentuppdrag: 1,
      innovationsradgivning: 1,
      "kompetensplattform-orebro-lan": 1,
    },
  },
  {
    id: "kumla-shoemaker-themes-digital-sales",
    description:
      "Theme-only: a 12-person shoe maker in Kumla asking for digitalisation and sales: the digitalisation web course and student assignments (covering both themes) fit best; Smart omställning and the export voucher are useful; the Nora breakfast is outside the area.",
    company: { municipality: "1881", sni: "15200", employees: 12, foundedYear: 2014 },
    needs: [{ theme: "digitalisation" }, { theme: "sales-export" }],
    judgements: {
      "webbutbildning-digitalisering": 3,
      studentuppdrag: 3,
      "smart-omstallning-radgivning": 2,
      exportcheck: 2,
    },
  },
  {
    id: "lekeberg-new-sole-founder-themes",
    description:
      "Theme-only: a design firm started this year in Lekeberg with no employees, asking for start-up help and financing: the starter course and the Almi business loan fit; the incubator, venture capital and idea test are useful if the idea suits; too young for the ownership-change offer.",
    company: { municipality: "1814", sni: "74100", employees: 0, foundedYear: 2026 },
    needs: [{ theme: "startup-growth" }, { theme: "financing" }],
    judgements: {
      "starta-foretag": 3,
      "almi-foretagslan": 3,
      inkubatorprogram: 2,
      "almi-invest-riskkapital": 2,
      "testa-din-affarside": 2,
      innovationsradgivning: 1,
      "almi-innovationslan": 1,
    },
  },
  {
    id: "nora-cafe-bigger-premises-licences",
    description:
      "A 2-person café in Nora that wants to move to bigger premises with a kitchen and serve lunch and wine: Nora's premises help and the permit guide fit squarely, the business navigator is useful.",
    company: { municipality: "1884", sni: "56100", employees: 2, foundedYear: 2021 },
    needs: [
      {
        text: "Mitt lilla kafé har blivit för trångt. Jag vill flytta till ett ställe med riktigt kök så jag kan köra lunch, och kanske servera öl och vin på sommaren. Finns det något ledigt i stan och vilka papper måste jag fixa?",
      },
    ],
    judgements: {
      "lokaler-och-mark-nora": 3,
      "tillstandslots-nora": 3,
      "foretagslots-nora": 2,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "askersund-hotel-seasonal-staff-shift-leaders",
    description:
      "An 18-person lakeside hotel in Askersund short of seasonal staff and cooks, whose shift leaders have never been trained as managers: the recruitment support and the university's leadership course for supervisors fit; the skills platform and student recruitment are useful.",
    company: { municipality: "1882", sni: "55101", employees: 18, foundedYear: 2012 },
    needs: [
      {
        text: "Varje vår är det samma panik: vi behöver ett tiotal extra till hotellet och restaurangen över sommaren, och kockar går knappt att få tag på.",
      },
      {
        text: "Våra skiftledare har blivit chefer utan att någon har lärt dem hur man gör, och det märks på stämningen i gruppen.",
      },
    ],
    judgements: {
      rekryteringsstod: 3,
      "uppdragsutbildning-ledarskap": 3,
      "kompetensplattform-orebro-lan": 2,
      "rekrytera-studenter-alumner": 2,
      "ledarskapsprogram-vd": 1,
    },
  },
  {
    id: "laxa-hairdresser-online-booking",
    description:
      "A hairdresser in Laxå working alone (founding year unknown) who wants online booking and mobile payment but is not used to computers: the digitalisation web course fits, a student group could build the booking site.",
    company: { municipality: "1860", sni: "96021", employees: 0 },
    needs: [
      {
        text: "Jag vill att kunderna ska kunna boka tid på nätet och betala med mobilen, men jag är inte så van vid datorer och vet inte var jag ska börja.",
      },
    ],
    judgements: {
      "webbutbildning-digitalisering": 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "orebro-carbon-fibre-prototype",
    description:
      "A 3-person materials start-up in Örebro, founded 2024, that must build and test a first prototype of a carbon-fibre recycling process before money runs out: the innovation loan and innovation voucher fit squarely; innovation advice, the lab, venture capital, the incubator and researchers are useful.",
    company: { municipality: "1880", sni: "72190", employees: 3, foundedYear: 2024 },
    needs: [
      {
        text: "Vi har kommit på ett nytt sätt att återvinna kolfiber och behöver bygga en första riktig prototyp och testa den hos en kund. Problemet är att pengarna tar slut långt innan vi har något att sälja.",
      },
    ],
    judgements: {
      "almi-innovationslan": 3,
      "regional-innovationscheck": 3,
      innovationsradgivning: 2,
      "produktionslabbet-testbadd": 2,
      "almi-invest-riskkapital": 2,
      inkubatorprogram: 2,
      forskarsamverkan: 2,
      exjobbsformedling: 1,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "hallsberg-electronics-robot-before-buying",
    description:
      "A 70-person electronics assembler in Hallsberg that wants to test whether a robot pays off before buying and to borrow for it: the production lab and the Almi loan fit; researchers and a thesis are useful; the automation course is not open yet and is for smaller firms.",
    company: { municipality: "1861", sni: "26110", employees: 70, foundedYear: 2011 },
    needs: [
      {
        theme: "production",
        text: "Vi lägger alldeles för många timmar på att montera och kontrollera kretskort för hand. Jag vill veta om en robot skulle löna sig innan vi köper en.",
      },
      { theme: "financing", text: "Blir det en robot behöver vi nog låna en del av pengarna." },
    ],
    judgements: {
      "produktionslabbet-testbadd": 3,
      "almi-foretagslan": 3,
      forskarsamverkan: 2,
      exjobbsformedling: 2,
    },
  },
  {
    id: "vasteras-consultancy-outside-county",
    description:
      "A 25-person consultancy in Västerås (outside Örebro county) whose founder now leads three teams and wants new economics graduates: only the offers without an area limit remain, the university's leadership course and graduate recruitment; the MD programme is county-only.",
    company: { municipality: "1980", sni: "70220", employees: 25, foundedYear: 2005 },
    needs: [
      {
        theme: "leadership",
        text: "Vi har vuxit snabbt och jag har gått från att göra jobbet själv till att leda tre team. Jag behöver bli bättre på att vara chef.",
      },
      { theme: "recruitment", text: "Vi vill hitta nyexaminerade ekonomer till hösten." },
    ],
    judgements: {
      "uppdragsutbildning-ledarskap": 3,
      "rekrytera-studenter-alumner": 3,
    },
  },
  {
    id: "degerfors-forge-gas-heat-recovery",
    description:
      "A 250-person forge in Degerfors wanting to cut gas use and have researchers study heat recovery: the sustainable-production network and research collaboration fit, a thesis is useful; the energy audit and innovation voucher are excluded by size.",
    company: { municipality: "1862", sni: "25500", employees: 250, foundedYear: 1962 },
    needs: [
      {
        theme: "sustainability",
        text: "Gasen till smedjan är vår största kostnad efter lönerna och vi vill hitta sätt att dra ner på den.",
      },
      {
        theme: "academic-collaboration",
        text: "Vi skulle vilja ha en doktorand eller forskare som tittar på hur vi kan ta vara på värmen från pressarna.",
      },
    ],
    judgements: {
      "hallbar-produktion-natverk": 3,
      forskarsamverkan: 3,
      exjobbsformedling: 2,
      "produktionslabbet-testbadd": 1,
    },
  },
];
