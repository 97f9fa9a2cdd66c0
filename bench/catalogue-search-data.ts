// Generated catalogue for the search benchmark: offers in realistic Swedish built from varied templates
// per topic, and queries whose relevance judgement the generator defines (an offer is relevant to a query
// when its topic is one of the query's topics). Seeded, so every run searches the same rows.

/** A small seeded PRNG (mulberry32): the same catalogue on every run and machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Topic = {
  theme: string;
  formats: string[];
  cost: "free" | "fee" | "loan" | "grant" | "equity";
  names: string[];
  summaries: string[];
  sentences: string[];
};

// Each topic talks about its subject in several forms (inflections, compounds, hyphenation), as real
// offers do; a query in one form must find offers written in another.
export const TOPICS: Record<string, Topic> = {
  financing: {
    theme: "financing",
    formats: ["loan"],
    cost: "loan",
    names: [
      "Företagslån",
      "Lån för tillväxt",
      "Finansiering av investeringar",
      "Mikrolån",
      "Rörelsekapital – lån",
    ],
    summaries: [
      "Lån som kompletterar bankens finansiering när företaget ska investera.",
      "Finansiering för företag som vill växa, med lån på upp till fem miljoner kronor.",
      "Vi hjälper till med finansieringen av maskiner, lager och marknadssatsningar.",
      "Krediten täcker det banken inte lånar ut, i regel mot säkerhet.",
    ],
    sentences: [
      "Lånet kan vara amorteringsfritt de första månaderna.",
      "Finansieringen beslutas efter en genomgång av affärsplanen.",
      "Vi lånar ofta ut tillsammans med banken och delar risken.",
      "Räntan sätts efter risk och lånets löptid.",
      "Många finansieringar kombineras med rådgivning.",
    ],
  },
  equity: {
    theme: "financing",
    formats: ["equity"],
    cost: "equity",
    names: [
      "Riskkapital för tillväxtbolag",
      "Investeringar i tidiga skeden",
      "Ägarkapital från regionens fond",
    ],
    summaries: [
      "Riskkapital till bolag med stor tillväxtpotential.",
      "Fonden investerar ägarkapital tillsammans med privata investerare.",
    ],
    sentences: [
      "Investeringen görs på marknadsmässiga villkor.",
      "Vi går in som delägare och sitter ofta i styrelsen.",
      "Investerarna följer bolaget i flera år.",
    ],
  },
  export: {
    theme: "sales-export",
    formats: ["advice", "grant"],
    cost: "grant",
    names: [
      "Exportcheck",
      "Stöd för export",
      "Exportrådgivning",
      "Ut i världen – internationalisering",
      "Exportstöd för småföretag",
    ],
    summaries: [
      "Stöd för export till företag som vill sälja på nya marknader.",
      "Exportrådgivare hjälper er att ta er in på en ny exportmarknad.",
      "Bidrag till konsulthjälp inför exporten, till exempel marknadsanalys och översättning.",
      "Internationaliseringen börjar med en exportplan som vi tar fram tillsammans.",
    ],
    sentences: [
      "Checken täcker halva kostnaden för mässdeltagande och juridisk rådgivning inför export.",
      "Exportstödet söks digitalt med en kort exportplan.",
      "Vi kopplar ihop er med rätt exportrådgivare och kontakter utomlands.",
      "Många företag börjar exportera till de nordiska grannländerna.",
    ],
  },
  thesis: {
    theme: "academic-collaboration",
    formats: ["thesis"],
    cost: "free",
    names: [
      "Exjobbsförmedling",
      "Ex-jobb hos er",
      "Examensarbete i företaget",
      "Studenter gör exjobb",
      "Matchning av examensarbeten",
    ],
    summaries: [
      "Låt en student göra sitt examensarbete på er frågeställning.",
      "Vi matchar företag med studenter som söker exjobb.",
      "Exjobbet ger er ny kunskap och en möjlig framtida medarbetare.",
      "Ett ex-jobb är ett bra första steg mot samverkan med universitetet.",
    ],
    sentences: [
      "Det finns sex ex-jobbsplatser kvar att matcha den här terminen.",
      "Studenten skriver examensarbetet under handledning av en lärare.",
      "Exjobben pågår i regel under tio till tjugo veckor.",
      "Beskriv frågan ni vill ha belyst så sprider vi den till studenterna.",
    ],
  },
  digital: {
    theme: "digitalisation",
    formats: ["advice", "course"],
    cost: "fee",
    names: [
      "Digitaliseringscheck",
      "E-handel för småföretag",
      "Digital omställning",
      "Kom igång med webbutik",
      "Digitaliseringsprogram",
    ],
    summaries: [
      "Stöd i digitaliseringen av företagets processer och försäljning.",
      "Kursen hjälper er att starta e-handel och sälja via en webbutik.",
      "Vi kartlägger hur digitala verktyg kan effektivisera ert arbete.",
    ],
    sentences: [
      "Digitaliseringen ger nya sätt att nå kunder.",
      "Ni får hjälp att välja system för ehandel och betalningar.",
      "Programmet omfattar fyra träffar om digital marknadsföring.",
      "Många företag börjar med att digitalisera fakturering och bokföring.",
    ],
  },
  sustainability: {
    theme: "sustainability",
    formats: ["advice"],
    cost: "free",
    names: [
      "Energikartläggning",
      "Klimatrådgivning för företag",
      "Hållbar omställning",
      "Cirkulära affärsmodeller",
      "Energieffektivisering i industrin",
    ],
    summaries: [
      "Stöd för energikartläggning och en plan för minskad energianvändning.",
      "Klimatrådgivare hjälper företaget med hållbarhetsarbetet.",
      "Vi hjälper er att ställa om till cirkulära affärsmodeller.",
    ],
    sentences: [
      "Energikartläggningen visar var ni kan spara mest.",
      "Hållbarheten blir en del av affärsplanen.",
      "Klimatomställningen ger nya affärsmöjligheter.",
      "Miljökraven från kunderna ökar för varje år.",
    ],
  },
  recruitment: {
    theme: "skills",
    formats: ["advice"],
    cost: "free",
    names: [
      "Rekryteringsstöd",
      "Kompetensförsörjning i småföretag",
      "Anställ din första medarbetare",
      "Rekrytering av specialister",
    ],
    summaries: [
      "Hjälp med rekrytering när företaget ska anställa.",
      "Kompetensförsörjningen säkras med en plan för rekryteringar och utbildning.",
      "Vi stöttar er i att anställa rätt person.",
    ],
    sentences: [
      "Rekryteringen börjar med en tydlig kravprofil.",
      "Vi förmedlar kontakter med arbetsförmedlingen och skolor.",
      "Många företag har svårt att hitta personal med rätt kompetens.",
    ],
  },
  innovation: {
    theme: "innovation",
    formats: ["grant", "advice"],
    cost: "grant",
    names: [
      "Innovationscheck",
      "Innovationsstöd",
      "Från idé till prototyp",
      "Verifiering av innovationer",
      "Innovationsrådgivning",
    ],
    summaries: [
      "Bidrag för att pröva en ny idé mot kunder och bygga en prototyp.",
      "Innovationsrådgivare hjälper er att utveckla innovationen.",
      "Stöd till företag som vill ta fram nya produkter och tjänster.",
    ],
    sentences: [
      "Checken kan användas för prototyp, tester och verifiering.",
      "Innovationer skyddas i tid med rätt strategi.",
      "Vi kopplar in forskare när idén behöver prövas.",
    ],
  },
  ownership: {
    theme: "ownership-change",
    formats: ["advice"],
    cost: "free",
    names: [
      "Ägarskifte – rådgivning",
      "Generationsskifte i familjeföretag",
      "Inför ägarskiftet",
      "Sälja företaget",
    ],
    summaries: [
      "Rådgivning inför ägarskifte, från värdering till överlåtelse.",
      "Vi hjälper familjeföretag med generationsskiftet.",
      "Planera ägarbytet i god tid så att företaget lever vidare.",
    ],
    sentences: [
      "Ägarskiftet tar ofta flera år att förbereda.",
      "Köparen behöver ofta finansiering av köpeskillingen.",
      "Vi går igenom värdering, avtal och skatter.",
    ],
  },
  crisis: {
    theme: "crisis",
    formats: ["advice"],
    cost: "free",
    names: [
      "Akut läge – rådgivning vid kris",
      "Omställningsstöd",
      "Företag i kris",
      "Stöd vid varsel och permittering",
    ],
    summaries: [
      "Rådgivning när företaget är i kris och behöver ställa om.",
      "Omställningsstöd när marknaden förändras snabbt.",
      "Vi hjälper er igenom krisen med en handlingsplan.",
    ],
    sentences: [
      "Permitteringen kan vara ett sätt att behålla personalen.",
      "Krisen kräver snabba beslut om kostnader och likviditet.",
      "Omställningen tar sikte på nya kunder och affärer.",
    ],
  },
  startup: {
    theme: "startup-growth",
    formats: ["advice", "course"],
    cost: "free",
    names: [
      "Starta eget",
      "Nyföretagarrådgivning",
      "Affärsplan på en dag",
      "Inkubatorprogram",
      "Kom igång som företagare",
    ],
    summaries: [
      "Rådgivning för dig som vill starta företag.",
      "Nyföretagare får hjälp med affärsplanen och de första kunderna.",
      "Inkubatorn hjälper nystartade bolag från idé till tillväxt.",
    ],
    sentences: [
      "Affärsplanen blir grunden för samtal med bank och kunder.",
      "Vi går igenom bolagsform, skatter och försäkringar.",
      "Nystartade företag träffar andra entreprenörer.",
    ],
  },
  patent: {
    theme: "innovation",
    formats: ["advice"],
    cost: "fee",
    names: ["Patentrådgivning", "Skydda din idé", "Immaterialrätt för företag", "Patent och varumärken"],
    summaries: [
      "Rådgivning om patent, varumärken och immaterialrätt.",
      "Vi hjälper er att skydda idén innan ni visar den för andra.",
    ],
    sentences: [
      "Patentet ger ensamrätt i upp till tjugo år.",
      "Varumärket registreras hos Patent- och registreringsverket.",
      "En patentsökning visar om idén redan är skyddad.",
    ],
  },
  leadership: {
    theme: "leadership",
    formats: ["course"],
    cost: "fee",
    names: [
      "Ledarskapsprogram",
      "Styrelsearbete i små bolag",
      "Ledarskap för nya chefer",
      "Utveckla ditt ledarskap",
    ],
    summaries: [
      "Ledarskapsutbildning för chefer i små och medelstora företag.",
      "Kursen ger verktyg för ett aktivt styrelsearbete.",
    ],
    sentences: [
      "Ledarskapet prövas i vardagen med medarbetare och kunder.",
      "Styrelsen behöver rätt kompetens när bolaget växer.",
      "Programmet består av fem halvdagar och coachning.",
    ],
  },
};

const GENERIC = [
  "Kontakta oss för ett första samtal.",
  "Stödet är öppet för företag i hela länet.",
  "Ansök digitalt, vi återkommer inom en vecka.",
  "Erbjudandet riktar sig till små och medelstora företag.",
  "Vi samarbetar med kommunerna i regionen.",
  "Träffarna hålls på plats eller digitalt.",
  "Du får en kontaktperson som följer företaget.",
  "Insatsen anpassas efter företagets behov och bransch.",
];
const PLACES = ["Örebro", "Kumla", "Hallsberg", "Nora", "Lindesberg", "Karlskoga", "Askersund", "Laxå"];
const SUFFIXES = ["", " i Örebro län", " för småföretag", " 2026", " – vår", " – höst", " i Bergslagen"];

export type GeneratedOffer = {
  slug: string;
  topic: string;
  name: string;
  summary: string;
  description: string;
  themes: string[];
  formats: string[];
  cost: Topic["cost"];
  countyCodes: string[];
  municipalityCodes: string[];
};

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** `count` offers spread over the topics, each with its own mix of templates, places and phrasing. */
export function generateOffers(count: number, seed = 20261128): GeneratedOffer[] {
  const rnd = random(seed);
  const topics = Object.keys(TOPICS);
  const offers: GeneratedOffer[] = [];
  for (let i = 0; i < count; i++) {
    const topicName = topics[i % topics.length]!;
    const topic = TOPICS[topicName]!;
    const place = pick(rnd, PLACES);
    const sentences = new Set<string>();
    const wanted = Math.min(topic.sentences.length, 2 + Math.floor(rnd() * 3));
    while (sentences.size < wanted) sentences.add(pick(rnd, topic.sentences));
    const generic = new Set<string>();
    const genericWanted = Math.min(GENERIC.length, 1 + Math.floor(rnd() * 3));
    while (generic.size < genericWanted) generic.add(pick(rnd, GENERIC));
    const description = [...sentences, ...generic, `Insatsen finns i ${place} med omnejd.`];
    // Shuffle so no two offers read alike.
    description.sort(() => rnd() - 0.5);
    const area = rnd();
    offers.push({
      slug: `bench-${i}`,
      topic: topicName,
      name: `${pick(rnd, topic.names)}${pick(rnd, SUFFIXES)}`,
      summary: pick(rnd, topic.summaries),
      description: description.join(" "),
      themes: [topic.theme],
      formats: [pick(rnd, topic.formats)],
      cost: topic.cost,
      countyCodes: area < 0.5 ? ["18"] : [],
      municipalityCodes:
        area >= 0.5 && area < 0.8 ? [pick(rnd, ["1880", "1881", "1861", "1884", "1885"])] : [],
    });
  }
  return offers;
}

export type BenchQuery = { q: string; kind: string; topics: string[] };

/** The query rotation: plain words, inflected forms, hyphenation, compounds, synonyms and misspellings. */
export const QUERIES: BenchQuery[] = [
  { q: "finansiering", kind: "plain", topics: ["financing", "equity", "ownership"] },
  { q: "finansieringar", kind: "inflected", topics: ["financing", "equity", "ownership"] },
  { q: "finansieringen", kind: "inflected", topics: ["financing", "equity", "ownership"] },
  { q: "finansering", kind: "misspelt", topics: ["financing", "equity", "ownership"] },
  { q: "lån", kind: "plain", topics: ["financing"] },
  { q: "lånet", kind: "inflected", topics: ["financing"] },
  { q: "företagslån", kind: "compound", topics: ["financing"] },
  { q: "riskkapital", kind: "plain", topics: ["equity"] },
  { q: "investerare", kind: "plain", topics: ["equity"] },
  { q: "export", kind: "plain", topics: ["export"] },
  { q: "exporten", kind: "inflected", topics: ["export"] },
  { q: "exportstöd", kind: "compound", topics: ["export"] },
  { q: "exportrådgivare", kind: "compound", topics: ["export"] },
  { q: "exprot", kind: "misspelt", topics: ["export"] },
  { q: "internationalisering", kind: "plain", topics: ["export"] },
  { q: "exjobb", kind: "plain", topics: ["thesis"] },
  { q: "ex-jobb", kind: "hyphenated", topics: ["thesis"] },
  { q: "exjobbet", kind: "inflected", topics: ["thesis"] },
  { q: "examensarbeten", kind: "inflected", topics: ["thesis"] },
  { q: "examensarbte", kind: "misspelt", topics: ["thesis"] },
  { q: "digitalisering", kind: "plain", topics: ["digital"] },
  { q: "digitaliseringen", kind: "inflected", topics: ["digital"] },
  { q: "e-handel", kind: "hyphenated", topics: ["digital"] },
  { q: "webbutiken", kind: "inflected", topics: ["digital"] },
  { q: "digitalsering", kind: "misspelt", topics: ["digital"] },
  { q: "energikartläggning", kind: "plain", topics: ["sustainability"] },
  { q: "klimatrådgivning", kind: "compound", topics: ["sustainability"] },
  { q: "hållbarhet", kind: "plain", topics: ["sustainability"] },
  { q: "hålbarhet", kind: "misspelt", topics: ["sustainability"] },
  { q: "rekrytering", kind: "plain", topics: ["recruitment"] },
  { q: "rekryteringen", kind: "inflected", topics: ["recruitment"] },
  { q: "rekryteing", kind: "misspelt", topics: ["recruitment"] },
  { q: "anställa personal", kind: "two words", topics: ["recruitment"] },
  { q: "innovation", kind: "plain", topics: ["innovation", "patent"] },
  { q: "innovationer", kind: "inflected", topics: ["innovation", "patent"] },
  { q: "innovationsstöd", kind: "compound", topics: ["innovation"] },
  { q: "innvoation", kind: "misspelt", topics: ["innovation", "patent"] },
  { q: "prototyp", kind: "plain", topics: ["innovation"] },
  { q: "ägarskifte", kind: "plain", topics: ["ownership"] },
  { q: "ägarskiftet", kind: "inflected", topics: ["ownership"] },
  { q: "generationsskifte", kind: "plain", topics: ["ownership"] },
  { q: "kris", kind: "plain", topics: ["crisis"] },
  { q: "krisen", kind: "inflected", topics: ["crisis"] },
  { q: "omställningsstöd", kind: "compound", topics: ["crisis"] },
  { q: "starta företag", kind: "two words", topics: ["startup"] },
  { q: "affärsplanen", kind: "inflected", topics: ["startup", "financing"] },
  { q: "patent", kind: "plain", topics: ["patent"] },
  { q: "patentet", kind: "inflected", topics: ["patent"] },
  { q: "ledarskap", kind: "plain", topics: ["leadership"] },
  { q: "ledarskapsutbildning", kind: "compound", topics: ["leadership"] },
  { q: "styrelsearbetet", kind: "inflected", topics: ["leadership"] },
];
