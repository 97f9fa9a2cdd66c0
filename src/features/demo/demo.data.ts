import type { CreateCompanyInput } from "#src/features/companies/companies.schemas.ts";
import type { CreateOrganisationInput } from "#src/features/organisations/organisations.schemas.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";

// The demo network: the seven organisations of the Örebro model (PRODUCT.md) and fictional companies
// spread over the twelve municipalities of Örebro län. The offers are in demo.offers.data.ts.
//
// Real organisations: their names, types and areas are public facts; we invent nothing that could
// be mistaken for their own records — no org numbers, and every contact in demo.offers.data.ts is a
// made-up person reachable nowhere (e-mail under the reserved .example domain, phone numbers from the
// series PTS holds back for fiction).
//
// Fictional companies: the names are meant to look plausible, so the demo reads like the real thing,
// and are NOT suffixed "(fiktivt)". What marks them is `is_fictional = true`, which every screen that
// shows a company must turn into the visible "Fiktivt exempel" label (message `common.fictional`).
// Their AB org numbers are 559900-NNN + Luhn digit, generated from a fixed serial so they are stable
// between runs; Bolagsverket has not reached that series, but the flag, not the number, is the guard.

/** The twelve municipalities of Örebro län (county 18). */
export const OREBRO_COUNTY_MUNICIPALITIES = [
  "1814", // Lekeberg
  "1860", // Laxå
  "1861", // Hallsberg
  "1862", // Degerfors
  "1863", // Hällefors
  "1864", // Ljusnarsberg
  "1880", // Örebro
  "1881", // Kumla
  "1882", // Askersund
  "1883", // Karlskoga
  "1884", // Nora
  "1885", // Lindesberg
] as const;

/**
 * The municipalities Business Region Örebro works for in this demo: Örebro and the neighbouring
 * municipalities of the Örebro region. Karlskoga and Degerfors have their own business office
 * in the demo, so the region's view and this one differ, as in life.
 */
export const BUSINESS_REGION_OREBRO_MUNICIPALITIES = [
  "1814",
  "1860",
  "1861",
  "1880",
  "1881",
  "1882",
  "1884",
  "1885",
];

export const DEMO_ORGANISATIONS = [
  {
    slug: "alfred-nobel-science-park",
    name: "Alfred Nobel Science Park",
    type: "science-park",
    website: "https://www.alfrednobelsciencepark.se",
    descriptionSv:
      "Science park i Örebro län som hjälper företag att utveckla nya produkter, tjänster och affärer – med rådgivning, testmiljöer, nätverk och utbildningar, ofta tillsammans med Örebro universitet.",
    descriptionEn:
      "Science park in Örebro county helping companies develop new products, services and business – through advice, test environments, networks and training, often with Örebro University.",
    municipalityCodes: [...OREBRO_COUNTY_MUNICIPALITIES],
  },
  {
    slug: "almi-malardalen",
    name: "Almi Företagspartner Mälardalen",
    type: "business-finance",
    website: "https://www.almi.se",
    descriptionSv:
      "Statligt ägt bolag som ger lån, riskkapital och affärsrådgivning till små och medelstora företag. Driver programmet Smart omställning för företag som behöver ställa om.",
    descriptionEn:
      "State-owned company providing loans, venture capital and business advice to small and medium-sized companies. Runs the programme Smart omställning (smart transformation).",
    municipalityCodes: [...OREBRO_COUNTY_MUNICIPALITIES],
  },
  {
    slug: "region-orebro-lan",
    name: "Region Örebro län",
    type: "region",
    website: "https://www.regionorebrolan.se",
    descriptionSv:
      "Regionen ansvarar för regional utveckling i länet: företagsstöd, innovationscheckar, kompetensförsörjning och energi- och klimatarbete.",
    descriptionEn:
      "The region is responsible for regional development in the county: business grants, innovation vouchers, skills supply, and energy and climate work.",
    municipalityCodes: [...OREBRO_COUNTY_MUNICIPALITIES],
  },
  {
    slug: "business-region-orebro",
    name: "Business Region Örebro",
    type: "municipality",
    website: null,
    descriptionSv:
      "Kommunernas gemensamma näringslivsfunktion i Örebroregionen: en väg in för företag som behöver kontakt med kommunen, rekrytering eller hjälp i ett akut läge.",
    descriptionEn:
      "The municipalities' joint business office in the Örebro region: one way in for companies that need contact with the municipality, recruitment or help in an urgent situation.",
    municipalityCodes: BUSINESS_REGION_OREBRO_MUNICIPALITIES,
  },
  {
    slug: "orebro-universitet",
    name: "Örebro universitet",
    type: "university",
    website: "https://www.oru.se",
    descriptionSv:
      "Universitetet samverkar med företag genom ex-jobb, studentuppdrag, forskarsamverkan och uppdragsutbildning.",
    descriptionEn:
      "The university works with companies through degree theses, student assignments, research collaboration and commissioned education.",
    municipalityCodes: [...OREBRO_COUNTY_MUNICIPALITIES],
  },
  {
    slug: "inkubera",
    name: "Inkubera",
    type: "incubator",
    website: null,
    descriptionSv:
      "Inkubator i Örebro för nystartade bolag med skalbara affärsidéer: coachning, nätverk och hjälp att hitta finansiering.",
    descriptionEn:
      "Incubator in Örebro for start-ups with scalable business ideas: coaching, networks and help to find funding.",
    municipalityCodes: [...OREBRO_COUNTY_MUNICIPALITIES],
  },
  {
    slug: "nora-kommun",
    name: "Nora kommun",
    type: "municipality",
    website: "https://www.nora.se",
    descriptionSv:
      "Kommunens näringslivsenhet är företagens väg in: företagslots, lokaler och mark, tillstånd och nätverk för företag i Nora.",
    descriptionEn:
      "The municipality's business unit is the companies' way in: business navigator, premises and land, permits and networks for companies in Nora.",
    municipalityCodes: ["1884"],
  },
] as const satisfies readonly CreateOrganisationInput[];

export type DemoOrganisationSlug = (typeof DEMO_ORGANISATIONS)[number]["slug"];

/** A fictional aktiebolag's org number: 559900, a three-digit serial and the Luhn check digit. */
export function fictionalOrgNumber(serial: number): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999) throw new Error("serial must be 1–999");
  const body = `559900${String(serial).padStart(3, "0")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

// [serial, name, municipality, SNI 2007 code, SCB size band, founded]. The serial fixes the org
// number, so never renumber; add new companies with new serials.
const FICTIONAL_AB: readonly [number, string, string, string, string, number][] = [
  // Nora: the industrial companies of the November 2020 meeting, and the town's visitor industry.
  [1, "Noraberg Precision AB", "1884", "25620", "10-19", 1987],
  [2, "Älvhyttans Plåt & Svets AB", "1884", "25110", "5-9", 1996],
  [3, "Nora Ytbehandling Norden AB", "1884", "25610", "20-49", 1974],
  [4, "Hagbyns Träindustri AB", "1884", "16230", "10-19", 2003],
  [5, "Hotell Strandgläntan i Nora AB", "1884", "55101", "5-9", 2011],
  [6, "Bergslagens Robotintegration AB", "1884", "28990", "20-49", 2009],
  [7, "Bageri Trästaden AB", "1884", "10710", "1-4", 2019],
  // Örebro
  [8, "Vivalla Mjukvaruverkstad AB", "1880", "62010", "10-19", 2016],
  [9, "Svartåns IT-konsult AB", "1880", "62020", "5-9", 2012],
  [10, "Örebro Lagerlogistik Partner AB", "1880", "52100", "500+", 1999],
  [11, "Närkeslättens Chark AB", "1880", "10130", "50-99", 1968],
  [12, "Tybble Tandvård AB", "1880", "86230", "5-9", 2005],
  [13, "Mosås Elteknik AB", "1880", "43210", "20-49", 1991],
  [14, "Ånsta Reklam & Kommunikation AB", "1880", "73111", "1-4", 2021],
  [15, "Örebro Bostadsbyggare AB", "1880", "41200", "100-199", 1982],
  [16, "Lillåns Materiallabb AB", "1880", "72190", "1-4", 2024],
  [17, "Hjärsta Hälsocenter AB", "1880", "86211", "20-49", 2010],
  // Kumla
  [18, "Kumla Skomakeri Nova AB", "1881", "15200", "10-19", 2014],
  [19, "Hällabrottets Betongvaror AB", "1881", "23610", "50-99", 1977],
  [20, "Kumla Åkeri & Transport AB", "1881", "49410", "20-49", 1989],
  // Hallsberg
  [21, "Hallsbergs Terminalservice AB", "1861", "52290", "100-199", 1994],
  [22, "Pålsboda Fordonsdelar AB", "1861", "29320", "50-99", 1985],
  [23, "Östansjö Möbelsnickeri AB", "1861", "31090", "5-9", 2001],
  // Lekeberg
  [24, "Fjugesta Lantbruksmaskiner AB", "1814", "46610", "10-19", 1979],
  [25, "Lekebergs Ekologiska Spannmål AB", "1814", "01110", "1-4", 2015],
  [26, "Kilsbergens Äventyr AB", "1814", "93290", "1-4", 2023],
  // Laxå
  [27, "Laxå Träförädling AB", "1860", "16101", "20-49", 1958],
  // Degerfors
  [29, "Degerfors Smide & Press AB", "1862", "25500", "200-499", 1962],
  [30, "Strömtorps Elmontage AB", "1862", "43210", "5-9", 2010],
  // Hällefors
  [31, "Hällefors Matverkstad AB", "1863", "56100", "5-9", 2017],
  [32, "Hällefors Sågblad AB", "1863", "25730", "20-49", 1971],
  // Ljusnarsberg
  [33, "Ljusnarsbergs Plåtteknik AB", "1864", "25990", "10-19", 1999],
  [35, "Ställdalens Camping & Stugby AB", "1864", "55300", "1-4", 2018],
  // Askersund
  [36, "Vätterviks Båtservice AB", "1882", "33150", "5-9", 1993],
  [37, "Askersunds Vård & Omsorg AB", "1882", "87301", "50-99", 2007],
  [38, "Åmmebergs Besöksnäring AB", "1882", "55101", "10-19", 2012],
  // Karlskoga
  [39, "Karlskoga Kemiteknik AB", "1883", "20590", "20-49", 1984],
  [40, "Möckelns Verkstadsindustri AB", "1883", "25620", "100-199", 1966],
  [41, "Karlskoga Hemtjänst & Omsorg AB", "1883", "88101", "20-49", 2014],
  [42, "Aggeruds Bygg AB", "1883", "41200", "10-19", 2006],
  // Lindesberg
  [43, "Lindesbergs Skogsentreprenad AB", "1885", "02200", "5-9", 1997],
  [44, "Frövi Industriservice AB", "1885", "33120", "20-49", 2001],
  [45, "Storåns Handel AB", "1885", "47190", "5-9", 1988],
  [46, "Lindesbergs Elektronikmontering AB", "1885", "26110", "50-99", 2011],
  // A bakery with a café on Stora torget: bread is manufacturing (SNI 10), so it gets the industry survey.
  [47, "Lindesbergs Hembageri & Kafé AB", "1885", "10710", "5-9", 2014],
];

// Two sole traders (enskild firma): their "org number" is the owner's personal identity number.
// These follow the pattern of the Swedish Tax Agency's published test numbers (Testpersonnummer,
// dataportal.se: each date with birth number 238 or 239), which are never assigned to a real person.
const FICTIONAL_SOLE_TRADERS: readonly [string, string, string, string, string, number][] = [
  ["197205142396", "Frisersalong Saxen i Laxå", "1860", "96021", "0", 2008],
  ["198511032388", "Timmerhus & Snickeri i Bergslagen", "1864", "43320", "1-4", 2013],
];

/** The fictional companies of the demo, every one marked `isFictional`. */
export const DEMO_COMPANIES: CreateCompanyInput[] = [
  ...FICTIONAL_AB.map(([serial, name, municipalityCode, sniCode, sizeBand, foundedYear]) => ({
    orgNumber: fictionalOrgNumber(serial),
    name,
    municipalityCode,
    sniCode,
    sizeBand,
    foundedYear,
    isFictional: true,
  })),
  ...FICTIONAL_SOLE_TRADERS.map(([orgNumber, name, municipalityCode, sniCode, sizeBand, foundedYear]) => ({
    orgNumber,
    name,
    municipalityCode,
    sniCode,
    sizeBand,
    foundedYear,
    isFictional: true,
  })),
];
