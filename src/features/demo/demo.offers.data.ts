import type { CreateOfferInput } from "#src/features/offers/offers.schemas.ts";
import { BUSINESS_REGION_OREBRO_MUNICIPALITIES, type DemoOrganisationSlug } from "./demo.data.ts";

// The demo offers: ready support packages of the seven organisations, in plain Swedish with English
// beside. The programmes are modelled on the kinds of support these organisations give; amounts,
// capacities and dates are illustrative, not their current terms. Dates are relative to the day the
// demo is loaded, so the catalogue always has current, ending and stale ("last verified" over 180
// days ago) offers to show. Contacts are invented: .example addresses (reserved, RFC 2606) and
// mobile numbers from 070-174 06 05–99, the series PTS keeps for films and books.

export type DemoOffer = Omit<CreateOfferInput, "organisationId"> & { organisation: DemoOrganisationSlug };

const COUNTY = ["18"];
const SME = ["0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199"];
const SMALL = ["0", "1-4", "5-9", "10-19", "20-49"];

function ascii(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]+/g, ".");
}

/** An invented contact person: name, title, e-mail under <organisation>.example, a PTS fiction number. */
function contact(name: string, title: string, domain: string, phoneSuffix: number) {
  if (phoneSuffix < 5 || phoneSuffix > 99) throw new Error("PTS reserves 070-174 06 05 to 070-174 06 99");
  return {
    contacts: [
      {
        name,
        title,
        email: `${ascii(name)}@${domain}.example`,
        phone: `070-174 06 ${String(phoneSuffix).padStart(2, "0")}`,
      },
    ],
  };
}

/** The demo offers as of `today`. */
export function buildDemoOffers(today: Date): DemoOffer[] {
  const day = (offset: number) => {
    const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + offset));
    return d.toISOString().slice(0, 10);
  };
  const verified = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000);
  const almi = (n: number) => contact("Karin Holmgren", "Affärsrådgivare", "almi", n);
  const region = (name: string, title: string, n: number) => contact(name, title, "regionorebrolan", n);
  const park = (name: string, title: string, n: number) => contact(name, title, "alfrednobelsciencepark", n);
  const oru = (name: string, title: string, n: number) => contact(name, title, "oru", n);
  const nora = contact("Per Lindblom", "Näringslivschef, företagslots", "nora", 40);

  const offers: DemoOffer[] = [
    // ── Almi Företagspartner Mälardalen ─────────────────────────────────────────────────────────
    {
      organisation: "almi-malardalen",
      slug: "almi-foretagslan",
      name: "Almi Företagslån",
      nameEn: "Almi business loan",
      summary: "Lån som kompletterar bankens finansiering när företaget ska investera eller växa.",
      summaryEn: "A loan that complements the bank's financing when the company invests or grows.",
      description:
        "Företagslånet finansierar till exempel maskiner, lager, marknadssatsningar eller rörelsekapital. Almi tar en högre risk än banken och lånar ofta ut tillsammans med den. Ni får en affärsrådgivare som går igenom er plan.",
      descriptionEn:
        "The business loan finances, for example, machinery, stock, marketing or working capital. Almi takes a higher risk than the bank and often lends alongside it. You get a business advisor who goes through your plan.",
      formats: ["loan"],
      themes: ["financing", "startup-growth"],
      eligibleCountyCodes: COUNTY,
      sizeBands: ["0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-199", "200-499"],
      conditions: "Företaget ska ha en bärkraftig affärsplan. Lånet kräver i regel säkerhet.",
      costType: "loan",
      costDescription:
        "Ränta efter risk; uppläggningsavgift. Amorteringsfritt de första månaderna kan ordnas.",
      amountMinSek: 50_000,
      amountMaxSek: 5_000_000,
      applicationProcess: "Ansök digitalt eller ring. En rådgivare kontaktar er inom en vecka.",
      link: "https://www.almi.se",
      ...almi(5),
      lastVerifiedAt: verified(14),
    },
    {
      organisation: "almi-malardalen",
      slug: "almi-innovationslan",
      name: "Almi Innovationslån",
      nameEn: "Almi innovation loan",
      summary: "Lån för att utveckla och testa en ny produkt eller tjänst innan den ger intäkter.",
      summaryEn: "A loan to develop and test a new product or service before it earns money.",
      description:
        "Innovationslånet finansierar tidiga skeden: prototyp, tester, patent och verifiering mot kunder. Lånet är villkorat – går projektet inte vägen kan det skrivas av.",
      descriptionEn:
        "The innovation loan funds early stages: prototype, tests, patents and customer validation. The loan is conditional – if the project fails it can be written off.",
      formats: ["loan"],
      themes: ["innovation", "financing"],
      eligibleCountyCodes: COUNTY,
      sizeBands: SME,
      conditions: "Idén ska vara ny på marknaden och ha en tydlig kundnytta.",
      costType: "loan",
      costDescription: "Ränta och amortering först när projektet gett resultat.",
      amountMinSek: 100_000,
      amountMaxSek: 2_000_000,
      applicationProcess: "Boka ett första samtal med en innovationsrådgivare.",
      ...almi(6),
      lastVerifiedAt: verified(40),
    },
    {
      organisation: "almi-malardalen",
      slug: "smart-omstallning-radgivning",
      name: "Smart omställning – rådgivning",
      nameEn: "Smart transformation – advice",
      summary: "Kostnadsfri rådgivning för företag vars marknad har förändrats och som behöver nya affärer.",
      summaryEn: "Free advice for companies whose market has changed and that need new business.",
      description:
        "Tillsammans med en rådgivare kartlägger ni vad som har förändrats, vilka kunder och affärer som finns kvar och vad ni kan ställa om till. Ni får en handlingsplan och hjälp vidare till rätt finansiering, utbildning eller digitalisering.",
      descriptionEn:
        "Together with an advisor you map what has changed, which customers and business remain and what you can move to. You get an action plan and help on to the right financing, training or digitalisation.",
      formats: ["advice"],
      themes: ["transformation", "crisis", "digitalisation", "sales-export"],
      eligibleCountyCodes: COUNTY,
      sizeBands: SME,
      costType: "free",
      costDescription: "Kostnadsfritt för företaget.",
      capacityNote: "Rådgivarna tar emot nya företag löpande.",
      validFrom: day(-300),
      validTo: day(250),
      applicationProcess: "Anmäl intresse eller be företagslotsen i er kommun att hänvisa er.",
      ...almi(7),
      lastVerifiedAt: verified(9),
    },
    {
      organisation: "almi-malardalen",
      slug: "almi-agarskifte",
      name: "Ägarskifte – rådgivning och finansiering",
      nameEn: "Change of ownership – advice and financing",
      summary: "Stöd när företaget ska säljas, gå i arv eller tas över av medarbetarna.",
      summaryEn: "Support when the company is to be sold, inherited or taken over by its staff.",
      description:
        "En rådgivare hjälper säljare och köpare att planera ägarskiftet i god tid: värdering, tidsplan, överlämning av kunder och kunskap. Köparen kan få lån för förvärvet.",
      descriptionEn:
        "An advisor helps seller and buyer plan the change of ownership in good time: valuation, timetable, handing over customers and know-how. The buyer can get a loan for the acquisition.",
      formats: ["advice", "loan"],
      themes: ["succession", "financing", "leadership"],
      eligibleCountyCodes: COUNTY,
      minCompanyAgeYears: 5,
      costType: "fee",
      costDescription: "Första samtalet är kostnadsfritt; fördjupad rådgivning från 5 000 kr.",
      amountMaxSek: 3_000_000,
      applicationProcess: "Boka ett samtal. Börja gärna tre till fem år före den tänkta överlåtelsen.",
      ...almi(8),
      lastVerifiedAt: verified(120),
    },
    {
      organisation: "almi-malardalen",
      slug: "almi-invest-riskkapital",
      name: "Riskkapital för tillväxtbolag",
      nameEn: "Venture capital for growth companies",
      summary:
        "Ägarkapital till unga bolag med stor tillväxtpotential, ofta tillsammans med privata investerare.",
      summaryEn: "Equity for young companies with high growth potential, often alongside private investors.",
      description:
        "Almi går in som delägare i bolag som kan växa snabbt och skala upp, och investerar alltid tillsammans med privata investerare. Vi bidrar också med styrelsekompetens.",
      descriptionEn:
        "Almi becomes a part-owner of companies that can grow fast and scale up, always investing alongside private investors. We also contribute board expertise.",
      formats: ["equity"],
      themes: ["financing", "startup-growth", "innovation"],
      eligibleCountyCodes: COUNTY,
      maxCompanyAgeYears: 10,
      sizeBands: SMALL,
      costType: "equity",
      costDescription: "Almi tar en minoritetsandel i bolaget.",
      amountMinSek: 500_000,
      amountMaxSek: 10_000_000,
      applicationProcess: "Skicka en kort presentation av bolaget, teamet och marknaden.",
      ...contact("Jonas Ekberg", "Investment manager", "almi", 9),
      lastVerifiedAt: verified(200),
    },
    {
      organisation: "almi-malardalen",
      slug: "ledarskapsprogram-vd",
      name: "Ledarskapsprogram för vd i mindre företag",
      nameEn: "Leadership programme for managing directors of small companies",
      summary: "Sex träffar under ett halvår med andra vd:ar: strategi, medarbetare och styrning.",
      summaryEn: "Six meetings over half a year with other MDs: strategy, staff and governance.",
      description:
        "Programmet blandar korta föreläsningar med erfarenhetsutbyte i en liten grupp. Ni arbetar med er egen verksamhet mellan träffarna och får en mentor under programmet.",
      descriptionEn:
        "The programme mixes short lectures with sharing experience in a small group. You work on your own business between meetings and get a mentor during the programme.",
      formats: ["course", "network"],
      themes: ["leadership", "training"],
      eligibleCountyCodes: COUNTY,
      sizeBands: ["5-9", "10-19", "20-49", "50-99"],
      costType: "fee",
      costDescription: "12 000 kr exkl. moms per deltagare.",
      capacityTotal: 12,
      capacityRemaining: 5,
      capacityNote: "12 platser i vårens grupp.",
      validFrom: day(-30),
      validTo: day(150),
      applicationProcess: "Anmälan via formulär; vi ringer upp alla sökande.",
      ...almi(10),
      lastVerifiedAt: verified(25),
    },
    // ── Region Örebro län ────────────────────────────────────────────────────────────────────────
    {
      organisation: "region-orebro-lan",
      slug: "regional-innovationscheck",
      name: "Innovationscheck",
      nameEn: "Innovation voucher",
      summary: "Bidrag för att köpa expertis som tar en ny idé ett steg närmare marknaden.",
      summaryEn: "A grant to buy expertise that takes a new idea one step closer to the market.",
      description:
        "Checken betalar till exempel designstöd, tester, en förstudie med forskare eller rådgivning om immaterialrätt. Företaget väljer själv leverantör, gärna Örebro universitet eller Alfred Nobel Science Park.",
      descriptionEn:
        "The voucher pays for, for example, design support, tests, a pre-study with researchers or IP advice. The company chooses the supplier, for instance Örebro University or Alfred Nobel Science Park.",
      formats: ["grant"],
      themes: ["innovation", "academic-collaboration"],
      eligibleCountyCodes: COUNTY,
      sizeBands: SMALL,
      conditions: "Högst en check per företag och år. Bidraget täcker högst 75 % av kostnaden.",
      costType: "grant",
      costDescription: "Bidrag; företaget står för minst 25 % själv.",
      amountMaxSek: 100_000,
      capacityTotal: 20,
      capacityRemaining: 7,
      capacityNote: "20 checkar i årets budget.",
      validFrom: day(-200),
      validTo: day(35),
      applicationProcess: "Ansök digitalt. Beslut inom fyra veckor.",
      ...region("Sara Nyqvist", "Handläggare företagsstöd", 11),
      lastVerifiedAt: verified(60),
    },
    {
      organisation: "region-orebro-lan",
      slug: "regionalt-investeringsstod",
      name: "Regionalt investeringsstöd",
      nameEn: "Regional investment grant",
      summary:
        "Bidrag till investeringar som skapar arbetstillfällen i de delar av länet som har stödområde.",
      summaryEn:
        "A grant for investments that create jobs in the parts of the county with assisted-area status.",
      description:
        "Stödet ges till investeringar i byggnader, maskiner och inventarier som gör att företaget kan växa och anställa. Årets medel är fördelade; nya ansökningar tas emot när budgeten för nästa år är beslutad.",
      descriptionEn:
        "The grant supports investments in buildings, machinery and equipment that let the company grow and hire. This year's funds are allocated; new applications open once next year's budget is decided.",
      formats: ["grant"],
      themes: ["financing", "production"],
      eligibleMunicipalityCodes: ["1863", "1864"],
      sniExclude: ["A", "K", "L"],
      costType: "grant",
      costDescription: "Bidrag på upp till 20 % av investeringen för små företag.",
      amountMinSek: 200_000,
      amountMaxSek: 3_000_000,
      status: "paused",
      applicationProcess: "Pausad tills vidare. Kontakta handläggaren för att förbereda en ansökan.",
      ...region("Sara Nyqvist", "Handläggare företagsstöd", 11),
      lastVerifiedAt: verified(95),
    },
    {
      organisation: "region-orebro-lan",
      slug: "exportcheck",
      name: "Exportcheck",
      nameEn: "Export voucher",
      summary: "Bidrag till konsulthjälp när företaget ska ta sig in på en ny exportmarknad.",
      summaryEn: "A grant for consultancy when the company enters a new export market.",
      description:
        "Checken täcker halva kostnaden för till exempel marknadsanalys, översättning, mässdeltagande eller juridisk rådgivning inför export. Regionen hjälper till att hitta rätt exportrådgivare.",
      descriptionEn:
        "The voucher covers half the cost of, for example, market analysis, translation, trade fairs or legal advice before exporting. The region helps you find the right export advisor.",
      formats: ["grant", "advice"],
      themes: ["sales-export"],
      eligibleCountyCodes: COUNTY,
      sizeBands: SME,
      minCompanyAgeYears: 2,
      costType: "grant",
      costDescription: "Bidrag på 50 % av kostnaden.",
      amountMaxSek: 50_000,
      applicationProcess: "Ansök digitalt med en kort exportplan.",
      ...region("Ali Rahimi", "Exportsamordnare", 12),
      lastVerifiedAt: verified(30),
    },
    {
      organisation: "region-orebro-lan",
      slug: "energikartlaggning-klimatradgivning",
      name: "Energikartläggning och klimatrådgivning",
      nameEn: "Energy audit and climate advice",
      summary: "En energiexpert går igenom er verksamhet och visar var ni kan spara energi och pengar.",
      summaryEn: "An energy expert reviews your operations and shows where you can save energy and money.",
      description:
        "Energi- och klimatrådgivningen besöker företaget, går igenom lokaler, processer och transporter och lämnar en rapport med åtgärder. Tillverkande företag kan få bidrag till en fördjupad energikartläggning.",
      descriptionEn:
        "The energy and climate advisors visit the company, review premises, processes and transport, and leave a report with measures. Manufacturers can get a grant for an in-depth energy audit.",
      formats: ["advice", "grant"],
      themes: ["sustainability", "production"],
      eligibleCountyCodes: COUNTY,
      sizeBands: SME,
      costType: "free",
      costDescription: "Rådgivningen är kostnadsfri; bidrag upp till 50 000 kr för fördjupad kartläggning.",
      amountMaxSek: 50_000,
      applicationProcess: "Boka ett besök via e-post eller telefon.",
      ...region("Emma Sjöberg", "Energi- och klimatrådgivare", 13),
      lastVerifiedAt: verified(190),
    },
    {
      organisation: "region-orebro-lan",
      slug: "kompetensplattform-orebro-lan",
      name: "Kompetensplattformen – nätverk för kompetensförsörjning",
      nameEn: "The skills platform – a network for skills supply",
      summary: "Branschråd där företag, skolor och kommuner planerar utbildningar efter företagens behov.",
      summaryEn:
        "Industry councils where companies, schools and municipalities plan education around companies' needs.",
      description:
        "I branschråden berättar företagen vilka kompetenser de kommer att behöva. Det styr vilka yrkesutbildningar för vuxna och yrkeshögskoleutbildningar som startar i länet.",
      descriptionEn:
        "In the industry councils companies say which skills they will need. That steers which adult vocational and higher vocational programmes start in the county.",
      formats: ["network"],
      themes: ["recruitment", "training"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      applicationProcess: "Anmäl er till ett branschråd; träffarna hålls fyra gånger per år.",
      ...region("Mikael Forsberg", "Samordnare kompetensförsörjning", 14),
      lastVerifiedAt: verified(150),
    },
    // ── Alfred Nobel Science Park ────────────────────────────────────────────────────────────────
    {
      organisation: "alfred-nobel-science-park",
      slug: "webbutbildning-digitalisering",
      name: "Webbutbildning: kom igång med digitalisering",
      nameEn: "Web course: getting started with digitalisation",
      summary: "Korta filmer och övningar om digitala verktyg, e-handel och it-säkerhet – i er egen takt.",
      summaryEn:
        "Short videos and exercises on digital tools, e-commerce and IT security – at your own pace.",
      description:
        "Sex moduler på ungefär en timme var. Ni gör en enkel digital mognadsanalys och får en lista med första steg. Efter kursen kan ni boka ett uppföljande samtal.",
      descriptionEn:
        "Six modules of about an hour each. You do a simple digital maturity check and get a list of first steps. After the course you can book a follow-up call.",
      formats: ["web-course"],
      themes: ["digitalisation", "training"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      applicationProcess: "Registrera er och börja direkt.",
      ...park("Lina Bergqvist", "Projektledare digitalisering", 15),
      lastVerifiedAt: verified(3),
    },
    {
      organisation: "alfred-nobel-science-park",
      slug: "industri-4-0-automation-kurs",
      name: "Automation och industri 4.0 för mindre tillverkare",
      nameEn: "Automation and Industry 4.0 for small manufacturers",
      summary: "Kurs i tre halvdagar om robotar, sensorer och uppkopplade maskiner – med besök i testmiljön.",
      summaryEn:
        "A three half-day course on robots, sensors and connected machines – with a visit to the test lab.",
      description:
        "Kursen riktar sig till ägare och produktionsledare i tillverkande företag. Ni får se vad som går att automatisera i er produktion och vad det kostar, och prova utrustning i testmiljön.",
      descriptionEn:
        "The course is for owners and production managers of manufacturing companies. You see what can be automated in your production and at what cost, and try equipment in the test lab.",
      formats: ["course"],
      themes: ["production", "digitalisation", "training"],
      eligibleCountyCodes: COUNTY,
      sniInclude: ["C"],
      sizeBands: SMALL,
      costType: "fee",
      costDescription: "2 500 kr exkl. moms per deltagare.",
      capacityTotal: 16,
      capacityRemaining: 9,
      validFrom: day(20),
      validTo: day(80),
      applicationProcess: "Anmälan senast två veckor före start.",
      ...park("Henrik Malm", "Industriell utvecklare", 16),
      lastVerifiedAt: verified(21),
    },
    {
      organisation: "alfred-nobel-science-park",
      slug: "innovationsradgivning",
      name: "Innovationsrådgivning",
      nameEn: "Innovation advice",
      summary: "Bolla er idé med en innovationsrådgivare och få en plan för nästa steg.",
      summaryEn: "Test your idea with an innovation advisor and get a plan for the next step.",
      description:
        "Rådgivaren hjälper er att pröva idén mot kunder, skydda den och hitta finansiering, till exempel innovationscheck eller innovationslån. Vid behov kopplas forskare eller studenter in.",
      descriptionEn:
        "The advisor helps you test the idea with customers, protect it and find funding, such as an innovation voucher or loan. Researchers or students join when needed.",
      formats: ["advice"],
      themes: ["innovation", "startup-growth"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      applicationProcess: "Boka ett första möte på plats eller digitalt.",
      ...park("Maja Lund", "Innovationsrådgivare", 17),
      lastVerifiedAt: verified(70),
    },
    {
      organisation: "alfred-nobel-science-park",
      slug: "produktionslabbet-testbadd",
      name: "Produktionslabbet – testa innan ni investerar",
      nameEn: "The production lab – test before you invest",
      summary: "Hyr tid i en testmiljö med robotcell, 3d-skrivare och mätutrustning.",
      summaryEn: "Book time in a test environment with a robot cell, 3D printers and measuring equipment.",
      description:
        "I labbet kan ni prova en automationslösning eller ta fram en prototyp innan ni köper egen utrustning. En tekniker finns på plats.",
      descriptionEn:
        "In the lab you can try an automation solution or build a prototype before buying your own equipment. A technician is on site.",
      formats: ["other"],
      themes: ["production", "innovation"],
      eligibleCountyCodes: COUNTY,
      costType: "fee",
      costDescription: "Från 900 kr per timme; första halvdagen kostnadsfri.",
      capacityNote: "Bokas i halvdagar; ungefär tre veckors väntetid.",
      applicationProcess: "Boka tid via e-post.",
      ...park("Henrik Malm", "Industriell utvecklare", 16),
      lastVerifiedAt: verified(240),
    },
    {
      organisation: "alfred-nobel-science-park",
      slug: "hallbar-produktion-natverk",
      name: "Nätverket Hållbar produktion",
      nameEn: "Sustainable production network",
      summary: "Tillverkande företag som lär av varandra om energi, material och klimatkrav från kunder.",
      summaryEn:
        "Manufacturers learning from each other about energy, materials and customers' climate demands.",
      description:
        "Nätverket träffas varannan månad hos något av företagen. Teman väljs av deltagarna, till exempel klimatredovisning, elpriser och cirkulära material.",
      descriptionEn:
        "The network meets every other month at one of the companies. Participants choose the topics, for example climate reporting, electricity prices and circular materials.",
      formats: ["network"],
      themes: ["sustainability", "production"],
      eligibleCountyCodes: COUNTY,
      sniInclude: ["C"],
      costType: "free",
      applicationProcess: "Anmäl er till nästa träff.",
      ...park("Emir Hodžić", "Nätverksledare", 18),
      lastVerifiedAt: verified(110),
    },
    {
      organisation: "alfred-nobel-science-park",
      slug: "frukostmote-nya-affarer",
      name: "Frukostmöte: nya affärer och nya marknader",
      nameEn: "Breakfast meeting: new business and new markets",
      summary: "Företag berättar hur de hittade nya kunder när de gamla försvann.",
      summaryEn: "Companies tell how they found new customers when the old ones disappeared.",
      description:
        "En timmes frukostmöte med två korta exempel från företag i länet och tid för frågor. Almi och Region Örebro län finns på plats.",
      descriptionEn:
        "A one-hour breakfast meeting with two short cases from companies in the county and time for questions. Almi and Region Örebro län attend.",
      formats: ["event"],
      themes: ["sales-export", "transformation"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      capacityTotal: 60,
      capacityRemaining: 0,
      capacityNote: "Fullbokat; vi för en väntelista.",
      validFrom: day(-100),
      validTo: day(-60),
      status: "closed",
      applicationProcess: "Avslutat.",
      ...park("Maja Lund", "Innovationsrådgivare", 17),
      lastVerifiedAt: verified(60),
    },
    // ── Örebro universitet ───────────────────────────────────────────────────────────────────────
    {
      organisation: "orebro-universitet",
      slug: "exjobbsformedling",
      name: "Exjobbsförmedling",
      nameEn: "Degree thesis matching",
      summary: "Låt en student på väg ut i arbetslivet göra sitt examensarbete på er frågeställning.",
      summaryEn: "Let a student about to graduate write their degree thesis on your question.",
      description:
        "Ni beskriver en frågeställning – en process att effektivisera, en marknad att undersöka, ett system att utveckla. Vi hjälper er att formulera den och matchar med studenter inom teknik, ekonomi, data eller hälsa. Arbetet pågår i 10–20 veckor med handledare från universitetet.",
      descriptionEn:
        "You describe a question – a process to streamline, a market to study, a system to build. We help you frame it and match students in engineering, business, computing or health. The work runs 10–20 weeks with a university supervisor.",
      formats: ["thesis"],
      themes: ["academic-collaboration", "innovation", "recruitment"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      costDescription: "Kostnadsfritt; ersättning till studenten enligt överenskommelse.",
      capacityTotal: 6,
      capacityRemaining: 4,
      capacityNote: "6 ex-jobbsplatser kvar att matcha den här terminen.",
      validFrom: day(-75),
      validTo: day(60),
      applicationProcess: "Skicka in en kort beskrivning av uppdraget; vi återkommer inom två veckor.",
      ...oru("Anna Wikström", "Samverkanskoordinator, ex-jobb", 19),
      lastVerifiedAt: verified(12),
    },
    {
      organisation: "orebro-universitet",
      slug: "studentuppdrag",
      name: "Studentuppdrag i kurs",
      nameEn: "Student assignments in courses",
      summary: "En studentgrupp löser ett avgränsat uppdrag som en del av sin kurs.",
      summaryEn: "A group of students solves a defined assignment as part of their course.",
      description:
        "Uppdraget kan vara en marknadsundersökning, en ny webbplats, en kundenkät eller en produktidé. Ni träffar gruppen vid start och presentation.",
      descriptionEn:
        "The assignment can be a market survey, a new website, a customer survey or a product idea. You meet the group at the start and the presentation.",
      formats: ["student-project"],
      themes: ["academic-collaboration", "sales-export", "digitalisation"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      capacityTotal: 10,
      capacityRemaining: 6,
      capacityNote: "Uppdrag till vårens kurser.",
      validFrom: day(-10),
      validTo: day(170),
      applicationProcess: "Lämna uppdraget senast sex veckor före kursstart.",
      ...oru("Anna Wikström", "Samverkanskoordinator, ex-jobb", 19),
      lastVerifiedAt: verified(45),
    },
    {
      organisation: "orebro-universitet",
      slug: "forskarsamverkan",
      name: "Forskarsamverkan – träffa rätt forskare",
      nameEn: "Research collaboration – meet the right researcher",
      summary: "Vi hittar forskare som kan hjälpa er med en teknisk eller affärsmässig utmaning.",
      summaryEn: "We find researchers who can help with a technical or business challenge.",
      description:
        "Samverkan kan börja med ett möte och bli en förstudie, ett gemensamt forskningsprojekt eller en industridoktorand. Vanliga områden är material, robotik, AI, måltid och hälsa.",
      descriptionEn:
        "Collaboration can start with a meeting and become a pre-study, a joint research project or an industrial PhD student. Common fields are materials, robotics, AI, food and health.",
      formats: ["researcher-collaboration"],
      themes: ["academic-collaboration", "innovation", "production"],
      eligibleCountyCodes: COUNTY,
      costType: "free",
      costDescription: "Första mötena är kostnadsfria; projekt finansieras ofta med bidrag.",
      applicationProcess: "Beskriv er utmaning; en samverkansrådgivare ringer upp.",
      ...oru("Johan Åkesson", "Samverkansrådgivare", 20),
      lastVerifiedAt: verified(260),
    },
    {
      organisation: "orebro-universitet",
      slug: "uppdragsutbildning-ledarskap",
      name: "Uppdragsutbildning: ledarskap och förändring",
      nameEn: "Commissioned education: leadership and change",
      summary: "Universitetskurs för chefer och arbetsledare, anpassad efter er organisation.",
      summaryEn: "A university course for managers and supervisors, adapted to your organisation.",
      description:
        "Kursen ger 7,5 högskolepoäng och varvar teori med era egna fall. Den kan läsas på distans med fyra fysiska träffar i Örebro.",
      descriptionEn:
        "The course gives 7.5 credits and combines theory with your own cases. It can be taken remotely with four on-site days in Örebro.",
      formats: ["course"],
      themes: ["leadership", "training", "transformation"],
      costType: "fee",
      costDescription: "Offert efter antal deltagare, från 18 000 kr per person.",
      applicationProcess: "Kontakta oss för offert.",
      ...oru("Johan Åkesson", "Samverkansrådgivare", 20),
      lastVerifiedAt: verified(330),
    },
    {
      organisation: "orebro-universitet",
      slug: "rekrytera-studenter-alumner",
      name: "Rekrytera studenter och nyutexaminerade",
      nameEn: "Recruit students and new graduates",
      summary:
        "Annonsera jobb, praktik och sommarjobb till studenter och alumner, och träffa dem på arbetsmarknadsdagar.",
      summaryEn:
        "Advertise jobs, internships and summer jobs to students and alumni, and meet them at career fairs.",
      description:
        "Karriärcentrum sprider er annons till rätt program och bjuder in till arbetsmarknadsdagar och branschkvällar.",
      descriptionEn:
        "The career centre shares your advert with the right programmes and invites you to career fairs and industry evenings.",
      formats: ["other", "event"],
      themes: ["recruitment"],
      costType: "free",
      applicationProcess: "Skicka annonsen till karriärcentrum.",
      ...oru("Fatima Yusuf", "Karriärvägledare", 21),
      lastVerifiedAt: verified(80),
    },
    // ── Inkubera ─────────────────────────────────────────────────────────────────────────────────
    {
      organisation: "inkubera",
      slug: "inkubatorprogram",
      name: "Inkubatorprogram",
      nameEn: "Incubator programme",
      summary: "Upp till två år med coach, nätverk och kontor för unga bolag med skalbar affärsidé.",
      summaryEn: "Up to two years with a coach, network and office for young companies with a scalable idea.",
      description:
        "Bolaget får en affärscoach, träffar investerare och andra entreprenörer och får hjälp att söka finansiering. Programmet följer tydliga steg från verifiering till första kunder och tillväxt.",
      descriptionEn:
        "The company gets a business coach, meets investors and other founders, and gets help applying for funding. The programme follows clear steps from validation to first customers and growth.",
      formats: ["incubation"],
      themes: ["startup-growth", "innovation", "financing"],
      eligibleCountyCodes: COUNTY,
      sizeBands: ["0", "1-4", "5-9"],
      maxCompanyAgeYears: 3,
      costType: "fee",
      costDescription: "Låg månadsavgift under programmet; ingen ägarandel.",
      capacityTotal: 8,
      capacityRemaining: 2,
      capacityNote: "8 platser per intag; två intag per år.",
      validFrom: day(-40),
      validTo: day(45),
      applicationProcess: "Ansök med en pitch på högst tio bilder. Urval efter intervju.",
      ...contact("Sofia Almqvist", "Affärscoach", "inkubera", 22),
      lastVerifiedAt: verified(18),
    },
    {
      organisation: "inkubera",
      slug: "testa-din-affarside",
      name: "Testa din affärsidé",
      nameEn: "Test your business idea",
      summary: "Fem veckor där du prövar idén mot riktiga kunder innan du startar bolag.",
      summaryEn: "Five weeks of testing your idea with real customers before you start a company.",
      description:
        "En kort förinkubator med workshoppar och en coach. Du kommer ut med ett beslut: gå vidare, ändra idén eller lägga ner den.",
      descriptionEn:
        "A short pre-incubator with workshops and a coach. You leave with a decision: go on, change the idea or drop it.",
      formats: ["incubation", "course"],
      themes: ["startup-growth"],
      eligibleCountyCodes: COUNTY,
      maxCompanyAgeYears: 1,
      costType: "free",
      capacityTotal: 15,
      capacityRemaining: 11,
      applicationProcess: "Anmäl dig med en kort beskrivning av idén.",
      ...contact("Sofia Almqvist", "Affärscoach", "inkubera", 22),
      lastVerifiedAt: verified(210),
    },
    // ── Business Region Örebro ───────────────────────────────────────────────────────────────────
    {
      organisation: "business-region-orebro",
      slug: "akut-lage-kris-permittering",
      name: "Akut läge: rådgivning vid kris och permittering",
      nameEn: "Urgent situation: advice on crisis and short-time work",
      summary: "Snabb hjälp när orderingången rasar: korttidsarbete, likviditet och samtal med banken.",
      summaryEn: "Fast help when orders collapse: short-time work, liquidity and talks with the bank.",
      description:
        "En rådgivare ringer upp inom två arbetsdagar. Ni går igenom likviditet, möjligheten till korttidsarbete (permittering), anstånd med skatter och vilka stöd som finns – och får hjälp vidare till Almi eller banken.",
      descriptionEn:
        "An advisor calls back within two working days. You go through liquidity, short-time work, tax deferrals and available support – and get help on to Almi or the bank.",
      formats: ["advice"],
      themes: ["crisis", "financing"],
      eligibleMunicipalityCodes: BUSINESS_REGION_OREBRO_MUNICIPALITIES,
      costType: "free",
      applicationProcess: "Ring eller skicka e-post; vi ringer upp inom två arbetsdagar.",
      ...contact("Lars Öberg", "Företagsrådgivare", "businessregionorebro", 23),
      lastVerifiedAt: verified(35),
    },
    {
      organisation: "business-region-orebro",
      slug: "rekryteringsstod",
      name: "Rekryteringsstöd",
      nameEn: "Recruitment support",
      summary: "Vi hjälper er att hitta och introducera nya medarbetare, tillsammans med Arbetsförmedlingen.",
      summaryEn: "We help you find and introduce new staff, together with the Public Employment Service.",
      description:
        "Rekryteringsstödet går igenom er kravprofil, sprider annonsen lokalt och förmedlar kandidater från kommunernas arbetsmarknadsinsatser. Vid behov ordnas en kort utbildning innan anställning.",
      descriptionEn:
        "The recruitment support reviews your job profile, spreads the advert locally and puts forward candidates from the municipalities' labour-market programmes. A short training before hiring can be arranged.",
      formats: ["advice"],
      themes: ["recruitment"],
      eligibleMunicipalityCodes: BUSINESS_REGION_OREBRO_MUNICIPALITIES,
      costType: "free",
      applicationProcess: "Beskriv tjänsten ni vill tillsätta.",
      ...contact("Nadia Karlsson", "Rekryteringskonsult", "businessregionorebro", 24),
      lastVerifiedAt: verified(55),
    },
    {
      organisation: "business-region-orebro",
      slug: "starta-foretag",
      name: "Starta företag – rådgivning och startkurs",
      nameEn: "Starting a business – advice and starter course",
      summary: "Kostnadsfri rådgivning och en kvällskurs om affärsplan, bolagsform, skatt och tillstånd.",
      summaryEn: "Free advice and an evening course on the business plan, company form, tax and permits.",
      description:
        "Kursen hålls fyra kvällar per termin i Örebro och digitalt. Efter kursen kan du boka ett enskilt samtal med en rådgivare.",
      descriptionEn:
        "The course runs four evenings a term in Örebro and online. Afterwards you can book a one-to-one session with an advisor.",
      formats: ["course", "advice"],
      themes: ["startup-growth"],
      eligibleMunicipalityCodes: BUSINESS_REGION_OREBRO_MUNICIPALITIES,
      maxCompanyAgeYears: 2,
      costType: "free",
      capacityTotal: 30,
      capacityRemaining: 14,
      applicationProcess: "Anmäl dig till nästa kurstillfälle.",
      ...contact("Lars Öberg", "Företagsrådgivare", "businessregionorebro", 23),
      lastVerifiedAt: verified(140),
    },
    // ── Nora kommun ──────────────────────────────────────────────────────────────────────────────
    {
      organisation: "nora-kommun",
      slug: "foretagslots-nora",
      name: "Företagslots i Nora",
      nameEn: "Business navigator in Nora",
      summary: "Ring mig så lotsar jag dig rätt – en väg in till kommunen och till hela stödsystemet.",
      summaryEn:
        "Call me and I will guide you to the right place – one way into the municipality and all support.",
      description:
        "Företagslotsen tar emot ert ärende, oavsett vad det gäller, och lotsar er vidare till rätt person i kommunen eller hos Almi, regionen, universitetet och de andra aktörerna. Lotsen följer ärendet tills det är löst.",
      descriptionEn:
        "The business navigator takes your case, whatever it is about, and guides you on to the right person in the municipality or at Almi, the region, the university and the other actors. The navigator follows the case until it is solved.",
      formats: ["advice"],
      themes: ["premises-permits", "startup-growth", "crisis", "transformation"],
      eligibleMunicipalityCodes: ["1884"],
      costType: "free",
      applicationProcess: "Ring eller mejla; vi svarar samma dag.",
      ...nora,
      lastVerifiedAt: verified(6),
    },
    {
      organisation: "nora-kommun",
      slug: "lokaler-och-mark-nora",
      name: "Lediga lokaler och mark i Nora",
      nameEn: "Available premises and land in Nora",
      summary: "Hjälp att hitta industrilokal, butik eller tomt – kommunens egna och privata objekt.",
      summaryEn: "Help finding an industrial unit, shop or plot – municipal and private properties.",
      description:
        "Näringslivsenheten har översikt över lediga lokaler och detaljplanerad industrimark och visar gärna. Vi kopplar också ihop er med fastighetsägare.",
      descriptionEn:
        "The business unit keeps track of available premises and zoned industrial land and is happy to show them. We also put you in touch with property owners.",
      formats: ["advice", "other"],
      themes: ["premises-permits", "startup-growth"],
      eligibleMunicipalityCodes: ["1884"],
      costType: "free",
      applicationProcess: "Berätta vad ni söker för yta och läge.",
      ...nora,
      lastVerifiedAt: verified(280),
    },
    {
      organisation: "nora-kommun",
      slug: "tillstandslots-nora",
      name: "Tillståndslots: bygglov, miljö, livsmedel och serveringstillstånd",
      nameEn: "Permit guide: building, environmental, food and alcohol licences",
      summary: "Ett samordnat möte med kommunens handläggare innan ni söker tillstånd.",
      summaryEn:
        "One coordinated meeting with the municipality's case officers before you apply for permits.",
      description:
        "Ni träffar bygglov, miljö- och livsmedelstillsyn och räddningstjänst vid ett och samma tillfälle. Det sparar tid och undviker kompletteringar.",
      descriptionEn:
        "You meet building permits, environmental and food inspection and the fire service at one meeting. It saves time and avoids requests for more information.",
      formats: ["advice"],
      themes: ["premises-permits"],
      eligibleMunicipalityCodes: ["1884"],
      costType: "free",
      costDescription: "Mötet är kostnadsfritt; själva tillstånden har taxor.",
      applicationProcess: "Boka via företagslotsen.",
      ...nora,
      lastVerifiedAt: verified(100),
    },
    {
      organisation: "nora-kommun",
      slug: "foretagarfrukost-nora",
      name: "Företagarfrukost och nätverk i Nora",
      nameEn: "Business breakfast and network in Nora",
      summary:
        "Frukost varannan fredag där företagare i Nora träffas, gör affärer och hör om nyheter från kommunen.",
      summaryEn:
        "Breakfast every other Friday where Nora's business owners meet, do business and hear municipal news.",
      description:
        "Varje frukost har en kort dragning – ett företag presenterar sig, eller en aktör som Almi eller universitetet berättar om sina erbjudanden.",
      descriptionEn:
        "Each breakfast has a short talk – a company presents itself, or an actor like Almi or the university presents its offers.",
      formats: ["network", "event"],
      themes: ["leadership", "sales-export"],
      eligibleMunicipalityCodes: ["1884"],
      costType: "fee",
      costDescription: "60 kr för frukosten.",
      applicationProcess: "Anmäl dig senast onsdagen före.",
      ...nora,
      lastVerifiedAt: verified(160),
    },
  ];
  // Verified by the demo seed itself: no person checked these invented offers.
  return offers.map((o) => ({ ...o, lastVerifiedBy: o.lastVerifiedAt ? "demo" : null }));
}
