import type { EvaluationCase } from "./matching.evaluation-set.ts";

// A fourth, blind evaluation set for offer matching, made on 2026-11-29. The judgements were made by hand
// from the texts and the eligibility rules of the demo catalogue (src/features/demo/demo.offers.data.ts,
// src/features/demo/demo.data.ts) and the reference data (need themes, size bands, municipalities, SNI 2007),
// without looking at the matching code, its benchmark or documentation, or at the cases of the three other
// evaluation sets, so it measures the scorer on wording nobody tuned for. The needs are written as owners
// type them into the web form: everyday Swedish, situations rather than keywords, some with typos; seven
// cases give a theme code as well. Companies are spread over all twelve municipalities of Örebro län, from a
// sole trader to 200 employees; the SNI codes are five-digit SNI 2007 codes.
//
// Grading: 3 = squarely answers a need and the company may use the offer; 2 = clearly useful for a need;
// 1 = related or partly useful. Unlisted offers count 0. An offer the company is not eligible for under the
// offer's hard rules (area: county or municipality list, SNI include/exclude, size band, company age,
// validity dates, active status) is left out however relevant its topic; an offer with no capacity left gets
// at most 1. An empty rule list means no restriction. A missing company field excludes nothing.
//
// Reference date 2026-11-29, the demo seeded on 2026-11-28 (dates relative to the seed day); company age =
// 2026 - foundedYear; employees map to the SCB size bands (0, 1-4, 5-9, 10-19, 20-49, 50-99, 100-199,
// 200-499, 500+). No judgement depends on whether an age limit is inclusive: the only company whose age equals
// a limit (the two-year-old app company: exportcheck's minimum, starta-foretag's maximum) has no use for those
// two offers. Never usable on that date: industri-4-0-automation-kurs (valid from 20 days after the seed
// day), regionalt-investeringsstod (paused) and frukostmote-nya-affarer (closed, ended 60 days before the seed
// day, no places left). The
// Business Region Örebro offers (akut-lage-kris-permittering, rekryteringsstod, starta-foretag) do not cover
// Karlskoga, Degerfors, Hällefors or Ljusnarsberg; the four Nora kommun offers cover Nora only.
export const BLIND_SET: readonly EvaluationCase[] = [
  {
    id: "karlskoga-haulier-truck-and-drivers",
    description:
      "A Karlskoga haulier (14 staff) needs a loan for a truck and drivers: Almi's business loan, and the skills platform for driver supply. Business Region Örebro's recruitment support does not cover Karlskoga.",
    company: { municipality: "1883", sni: "49410", employees: 14, foundedYear: 2002 },
    needs: [
      {
        text: "Ska köpa en ny lastbil till våren men banken lånar bara ut halva summan. Vart vänder man sig för resten?",
      },
      { text: "hittar inga chaufförer med CE-kort, de gamla går i pension och ingen ung söker sig hit" },
    ],
    judgements: { "almi-foretagslan": 3, "kompetensplattform-orebro-lan": 2 },
  },
  {
    id: "hallefors-restaurant-empty-dining-room",
    description:
      "A Hällefors restaurant in a liquidity crisis thinking of catering: Smart omställning answers both needs, a loan for working capital helps, innovation advice and a student market survey a little. The crisis advice of Business Region Örebro does not cover Hällefors.",
    company: { municipality: "1863", sni: "56100", employees: 6, foundedYear: 2020 },
    needs: [
      {
        theme: "crisis",
        text: "Det har varit tomt i matsalen sen i september och vi klarar inte lönerna i januari om det fortsätter så här. Vad gör man?",
      },
      { text: "Funderar på att satsa på catering och matlådor istället för lunchserveringen" },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      "almi-foretagslan": 2,
      innovationsradgivning: 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "lekeberg-dairy-farm-energy-and-son-taking-over",
    description:
      "A Lekeberg dairy farm with rising electricity costs and a son taking over: the energy audit and Almi's change-of-ownership support; a loan is related. The sustainable production network is for manufacturers (SNI C) only.",
    company: { municipality: "1814", sni: "01410", employees: 3, foundedYear: 1995 },
    needs: [
      {
        theme: "sustainability",
        text: "Elräkningen för mjölkroboten och tankkylningen har dubblats på ett år. Vill veta var vi slösar och om det lönar sig med solceller på ladugårdstaket",
      },
      {
        text: "Sonen vill ta över gården om några år. Hur gör vi det utan att det blir dyrt och krångligt för honom?",
      },
    ],
    judgements: { "energikartlaggning-klimatradgivning": 3, "almi-agarskifte": 3, "almi-foretagslan": 1 },
  },
  {
    id: "nora-new-hairdresser-premises-and-permits",
    description:
      "A hairdresser just started as a sole trader in Nora looking for premises and permits: Nora's premises help and permit guide, the Nora navigator, and a little the starter course.",
    company: { municipality: "1884", sni: "96021", employees: 0, foundedYear: 2026 },
    needs: [
      {
        text: "har precis startat eget som frisör och letar lokal i centrum av nora. vet inte heller vad jag behöver söka för tillstånd innan jag kan öppna",
      },
    ],
    judgements: {
      "lokaler-och-mark-nora": 3,
      "tillstandslots-nora": 3,
      "foretagslots-nora": 2,
      "starta-foretag": 1,
    },
  },
  {
    id: "no-municipality-booking-app-seeks-capital",
    description:
      "A two-person software company (no municipality given) with an app in use wants capital to hire: Almi's venture capital first, the incubator and a business loan, innovation advice, the innovation loan and graduate recruitment a little. Too old for Testa din affärsidé.",
    company: { sni: "62010", employees: 2, foundedYear: 2024 },
    needs: [
      {
        theme: "financing",
        text: "Vår app för att boka tvättstuga används nu av tre bostadsrättsföreningar. För att växa behöver vi anställa två utvecklare och söker kapital, gärna en investerare som kan fastighetsbranschen.",
      },
    ],
    judgements: {
      "almi-invest-riskkapital": 3,
      inkubatorprogram: 2,
      "almi-foretagslan": 2,
      innovationsradgivning: 1,
      "almi-innovationslan": 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "kumla-plastics-climate-data-and-robot-test",
    description:
      "A Kumla plastics moulder asked for climate data and wanting to try a robot: the sustainable production network and the production lab, the energy audit; researchers and a loan are related. The automation course has not opened yet.",
    company: { municipality: "1881", sni: "22290", employees: 35, foundedYear: 1988 },
    needs: [
      {
        text: "Våra kunder i fordonsindustrin kräver klimatdata på varje detalj vi levererar och vi vet inte var vi ska börja.",
      },
      { text: "Vill prova om en robot klarar att plocka detaljerna ur formsprutorna innan vi vågar köpa en" },
    ],
    judgements: {
      "hallbar-produktion-natverk": 3,
      "produktionslabbet-testbadd": 3,
      "energikartlaggning-klimatradgivning": 2,
      forskarsamverkan: 1,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "askersund-campsite-foreign-guests",
    description:
      "An Askersund campsite wants German and Dutch guests and has an old Swedish-only website: a student assignment (website, market survey), the digitalisation web course and the export voucher (translation); Smart omställning is related.",
    company: { municipality: "1882", sni: "55300", employees: 4, foundedYear: 2010 },
    needs: [
      {
        text: "Vill att fler tyska och holländska gäster hittar hit. Hemsidan är från 2012 och finns bara på svenska",
      },
    ],
    judgements: {
      studentuppdrag: 3,
      "webbutbildning-digitalisering": 2,
      exportcheck: 2,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "laxa-sawmill-management-buyout",
    description:
      "The owner of a Laxå sawmill (45 staff, founded 1949) wants two managers to buy it: Almi's change-of-ownership advice and acquisition loan; the business loan is related.",
    company: { municipality: "1860", sni: "16101", employees: 45, foundedYear: 1949 },
    needs: [
      {
        theme: "succession",
        text: "Jag fyller 68 och ingen av barnen vill ta över sågen. Två i ledningsgruppen är intresserade av att köpa, men hur går det till och hur ska de få ihop pengarna?",
      },
    ],
    judgements: { "almi-agarskifte": 3, "almi-foretagslan": 1 },
  },
  {
    id: "degerfors-steelworks-operators-and-scrap-thesis",
    description:
      "A Degerfors steelworks with 200 staff needs operators and a thesis on scrap: thesis matching, researchers, the skills platform, then graduates, student assignments and the production network. SME-only offers and the recruitment support (not Degerfors) are out.",
    company: { municipality: "1862", sni: "24100", employees: 200, foundedYear: 1920 },
    needs: [
      {
        text: "Vi behöver ett femtontal nya operatörer och svetsare nästa år och det finns helt enkelt inga att anställa här.",
      },
      {
        text: "Skulle vilja att någon student tittar på varför vi får så mycket skrot i valsverket och hur vi kan minska det",
      },
    ],
    judgements: {
      exjobbsformedling: 3,
      forskarsamverkan: 2,
      "kompetensplattform-orebro-lan": 2,
      "rekrytera-studenter-alumner": 1,
      studentuppdrag: 1,
      "hallbar-produktion-natverk": 1,
    },
  },
  {
    id: "lindesberg-electrician-paperless-office-and-apprentice",
    description:
      "A Lindesberg electrician still on paper who wants an apprentice: the digitalisation web course and the recruitment support (Lindesberg is covered); the skills platform, graduates, Smart omställning and student assignments are related.",
    company: { municipality: "1885", sni: "43210", employees: 8, foundedYear: 2017 },
    needs: [
      {
        text: "Kunderna vill ha offert och faktura i mobilen men vi kör fortfarande med pärmar och papperslappar. Hela kontoret behöver bli digitalt",
      },
      { text: "ska ta in en lärling till hösten men har ingen aning om hur man hittar nån bra" },
    ],
    judgements: {
      "webbutbildning-digitalisering": 3,
      rekryteringsstod: 3,
      "kompetensplattform-orebro-lan": 1,
      "rekrytera-studenter-alumner": 1,
      "smart-omstallning-radgivning": 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "ljusnarsberg-microbrewery-export-and-premises",
    description:
      "A Ljusnarsberg microbrewery (founded 2020) wants to export to Norway and Finland and needs bigger premises: the export voucher, a student market survey; Smart omställning is related. Nora's premises offers do not cover Ljusnarsberg, so the premises need has no eligible offer.",
    company: { municipality: "1864", sni: "11050", employees: 2, foundedYear: 2020 },
    needs: [
      {
        text: "Vi vill börja sälja vårt öl i Norge och Finland. Hur funkar det med tull och alkoholregler, och hur hittar vi importörer där?",
      },
      {
        text: "Bryggeriet har vuxit ur garaget. Behöver en större lokal med golvbrunn och avlopp som tål mäsk",
      },
    ],
    judgements: { exportcheck: 3, studentuppdrag: 2, "smart-omstallning-radgivning": 1 },
  },
  {
    id: "hallsberg-garage-ev-training-and-buying-neighbour",
    description:
      "A Hallsberg car repair shop wants to buy the neighbouring workshop and train mechanics for electric cars: Almi's change-of-ownership support (acquisition loan) and business loan; only the skills platform touches the training need.",
    company: { municipality: "1861", sni: "45200", employees: 11, foundedYear: 1999 },
    needs: [
      { text: "Elbilarna blir fler och fler och mekanikerna får inte röra högvoltssystemen utan utbildning" },
      {
        text: "Grannverkstaden ska säljas när ägaren går i pension. Vi vill köpa den men behöver finansiering",
      },
    ],
    judgements: { "almi-agarskifte": 3, "almi-foretagslan": 3, "kompetensplattform-orebro-lan": 1 },
  },
  {
    id: "orebro-moisture-sensor-first-series",
    description:
      "An Örebro company of three (founded 2022, SNI not given) with a sensor prototype needs money for a first series and field tests: the innovation loan, then the innovation voucher, innovation advice and venture capital. The incubator takes companies up to three years old only.",
    company: { municipality: "1880", employees: 3, foundedYear: 2022 },
    needs: [
      {
        theme: "innovation",
        text: "Vi har en fungerande prototyp på en givare som mäter fukt inne i väggar. Nu behöver vi pengar för att ta fram en första liten serie och testa den hos ett par byggföretag.",
      },
    ],
    judgements: {
      "almi-innovationslan": 3,
      "regional-innovationscheck": 2,
      innovationsradgivning: 2,
      "almi-invest-riskkapital": 2,
      "produktionslabbet-testbadd": 1,
      forskarsamverkan: 1,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "kumla-cleaning-company-supervisors-and-staff",
    description:
      "A Kumla cleaning company (60 staff) whose supervisors cannot lead and who loses staff: the university's leadership course for supervisors and the recruitment support; the MD programme, the skills platform and graduate recruitment are related.",
    company: { municipality: "1881", sni: "81210", employees: 60, foundedYear: 2008 },
    needs: [
      {
        theme: "leadership",
        text: "Våra arbetsledare är jätteduktiga städare men har aldrig fått lära sig leda folk. Det blir mycket konflikter och sjukskrivningarna ökar",
      },
      {
        text: "Vi tappar hela tiden personal till kommunen och regionen och får knappt några sökande på våra annonser",
      },
    ],
    judgements: {
      "uppdragsutbildning-ledarskap": 3,
      rekryteringsstod: 3,
      "ledarskapsprogram-vd": 1,
      "kompetensplattform-orebro-lan": 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "karlskoga-machine-shop-losing-main-customer",
    description:
      "A Karlskoga subcontractor losing 40 % of its orders: Smart omställning; a loan and a student market survey are related. The crisis advice of Business Region Örebro does not cover Karlskoga and the breakfast meeting on new markets is closed.",
    company: { municipality: "1883", sni: "25620", employees: 25, foundedYear: 1979 },
    needs: [
      {
        text: "Vår största kund flyttar sin tillverkning utomlands och vi tappar ungefär 40 % av ordrarna efter nyår. Vi måste hitta nya kunder snabbt och kanske permittera några",
      },
    ],
    judgements: { "smart-omstallning-radgivning": 3, "almi-foretagslan": 1, studentuppdrag: 1 },
  },
  {
    id: "nora-jeweller-wants-web-shop",
    description:
      "A one-person jeweller in Nora wants to sell online: the digitalisation web course, a student assignment (website); Nora's business breakfast, the Nora navigator and Smart omställning are related.",
    company: { municipality: "1884", sni: "32120", employees: 1, foundedYear: 2012 },
    needs: [
      {
        text: "Jag säljer mina smycken på marknader och i butiken på torget men vill börja sälja på nätet också. Kan ärligt talat ingenting om webbshoppar",
      },
    ],
    judgements: {
      "webbutbildning-digitalisering": 3,
      studentuppdrag: 2,
      "foretagarfrukost-nora": 1,
      "foretagslots-nora": 1,
      "smart-omstallning-radgivning": 1,
    },
  },
  {
    id: "lindesberg-dog-daycare-idea",
    description:
      "Someone in Lindesberg (employees not given) thinking of starting a dog daycare this year: the starter course and Testa din affärsidé; innovation advice and the incubator (for scalable ideas) are related.",
    company: { municipality: "1885", sni: "96090", foundedYear: 2026 },
    needs: [
      {
        text: "funderar på att starta hunddagis. finns det tillräckligt många kunder här? och hur gör man med firma och moms och sånt",
      },
    ],
    judgements: {
      "starta-foretag": 3,
      "testa-din-affarside": 3,
      innovationsradgivning: 1,
      inkubatorprogram: 1,
    },
  },
  {
    id: "hallefors-pallet-maker-automation-and-funding",
    description:
      "A Hällefors pallet maker wants to automate nailing and needs money for it: the production lab and Almi's business loan, researchers in robotics, a thesis student. The regional investment grant covers Hällefors but is paused; the automation course has not opened.",
    company: { municipality: "1863", sni: "16240", employees: 22, foundedYear: 1991 },
    needs: [
      {
        text: "vi vill automatisera spikningen av pallar, har tittat på robotar men vet int vad som passar oss ellr vad det kostar",
      },
      { text: "Behöver också pengar till själva investeringen, gärna bidrag om sånt finns" },
    ],
    judgements: {
      "produktionslabbet-testbadd": 3,
      "almi-foretagslan": 3,
      forskarsamverkan: 2,
      exjobbsformedling: 1,
    },
  },
  {
    id: "askersund-home-care-digital-keys-and-nurses",
    description:
      "An Askersund home-care company introducing digital keys and hiring assistant nurses: the recruitment support (Askersund is covered), the skills platform, the digitalisation web course; graduates, Smart omställning and student assignments are related.",
    company: { municipality: "1882", sni: "88101", employees: 30, foundedYear: 2013 },
    needs: [
      {
        text: "Vill införa digitala nycklar och schema i mobilen för personalen men många är ovana vid smartphones och oroliga för det",
      },
      { text: "Vi behöver fler undersköterskor, helst några som kan prata finska med brukarna" },
    ],
    judgements: {
      rekryteringsstod: 3,
      "kompetensplattform-orebro-lan": 2,
      "webbutbildning-digitalisering": 2,
      "rekrytera-studenter-alumner": 1,
      "smart-omstallning-radgivning": 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "orebro-builder-reused-materials-research",
    description:
      "An Örebro builder (120 staff, founding year not given) wants researchers or students on reused building materials: research collaboration and thesis matching; student assignments are related. The innovation voucher is for up to 49 staff and the production network for manufacturers only.",
    company: { municipality: "1880", sni: "41200", employees: 120 },
    needs: [
      {
        theme: "academic-collaboration",
        text: "Vi vill bygga med mer återbrukat material, till exempel gamla takstolar och tegel, utan att tumma på hållfastheten. Finns det någon forskare eller student som kan hjälpa oss räkna på det?",
      },
    ],
    judgements: { forskarsamverkan: 3, exjobbsformedling: 3, studentuppdrag: 1 },
  },
];
