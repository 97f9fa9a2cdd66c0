// Which need themes a need written only in words is about ("Vi vill sälja till Norge" → sales and export),
// so an offer can answer it by theme even when it uses none of the company's words. Pure.
//
// Cues are word beginnings (they catch inflections and compounds: "energikostnaderna" begins with "energi"),
// word endings written "*arbetare" (betongarbetare), whole words written "=lån" (a beginning "lån" would also
// catch "långa"), or phrases of several words ("svårt att hitta"), in the
// plain Swedish companies write, per built-in theme; a theme an admin adds later gets its label's words as
// cues. Keep cues specific: one that fits many themes ("utveckla") belongs to none.

const BUILT_IN_CUES: Record<string, readonly string[]> = {
  financing: [
    "finansi",
    "=lån",
    "låna",
    "kredit",
    "kapital",
    "rörelsekapital",
    "likvidit",
    "pengar",
    "pengarna",
    "investering",
    "investera",
    "bank",
    "kassa",
    "kassaflöde",
    "medfinansier",
    "=lånet",
    "lånen",
    "lånar",
    "ränta",
    "räntan",
    "amorter",
    "borgen",
    "leasing",
    "leasa",
    "riskkapital",
    "investerare",
    "ägarkapital",
    "nyemission",
    "crowdfunding",
    "checkräkning",
    "bidrag",
    "faktura",
    "fakturor",
    "inte råd",
    "har råd",
    "köpa in en",
    "betalar sent",
  ],
  recruitment: [
    "rekryt",
    "anställ",
    "personal",
    "medarbetar",
    "arbetskraft",
    "kompetensförsörj",
    "bemanning",
    "lärling",
    "sommarjobb",
    "jobbannons",
    "yrkesfolk",
    "*arbetare",
    "*sköterska",
    "*sköterskor",
    "*förare",
    "*tekniker",
    "*utvecklare",
    "*ingenjör",
    "*ingenjörer",
    "svårt att hitta",
    "brist på",
    "få tag på",
    "får inte tag",
    "nyanställ",
    "kollegor",
    "personalbrist",
    "vikarie",
    "få tag i",
    "hitta folk",
    "hitta personal",
    "bra folk",
    "folk som",
    "*snickare",
    "*elektriker",
    "*mekaniker",
    "*montörer",
    "*svetsare",
    "*kockar",
    "*chaufförer",
    "*frisörer",
    "behöver fler",
    "fler händer",
  ],
  training: [
    "utbild",
    "kurs",
    "kompetensutveck",
    "vidareutbild",
    "fortbild",
    "certifier",
    "handledning",
    "lära sig",
    "lära oss",
    "behörighet",
    "truckkort",
    "körkort",
    "workshop",
    "webbinar",
    "lära upp",
    "upplärning",
    "språkkurs",
    "kunskap",
    "kunna mer",
    "kompetenslyft",
  ],
  digitalisation: [
    "digital",
    "webb",
    "hemsida",
    "e-handel",
    "nätbutik",
    "uppkopp",
    "koppla upp",
    "affärssystem",
    "internet",
    "online",
    "sociala medier",
    "appen",
    "programvar",
    "e-tjänst",
    "bokning",
    "boka tid",
    "boka online",
    "=app",
    "appar",
    "mobil",
    "dator",
    "it-",
    "=it",
    "cyber",
    "molnet",
    "molntjänst",
    "excel",
    "papper",
    "instagram",
    "facebook",
    "tiktok",
    "google",
    "sökmotor",
    "kassasystem",
    "på nätet",
    "hackad",
    "=ai",
    "chatgpt",
    "artificiell",
    "mejl",
    "e-post",
    "system för",
  ],
  transformation: [
    "omställ",
    "ställa om",
    "affärsmodell",
    "nya affärer",
    "nya marknader",
    "ny inriktning",
    "byta inriktning",
    "tappat",
    "förlorat",
    "beroende av",
    "ordrar",
    "orderingång",
    "beställningar",
    "huvudkund",
    "största kund",
    "enda kund",
    "underleverantör",
    "halverat",
    "halverats",
    "rasat",
    "nytt ben",
    "andra ben",
    "fordonsindustrin",
    "tänka nytt",
  ],
  innovation: [
    "innovat",
    "produktutveck",
    "tjänsteutveck",
    "prototyp",
    "patent",
    "uppfinn",
    "ny produkt",
    "nya produkter",
    "idé",
    "testa",
    "ny tjänst",
    "nya tjänster",
    "lansera",
    "testbädd",
    "design",
    "utveckla en",
    "skydda idén",
  ],
  "academic-collaboration": [
    "exjobb",
    "examensarbet",
    "student",
    "forskar",
    "forskning",
    "högskola",
    "universitet",
    "akademi",
    "praktikant",
    "uppsats",
    "examens",
    "doktorand",
    "lärosäte",
    "forskningsprojekt",
    "praktik",
    "labb",
  ],
  "sales-export": [
    "export",
    "sälja",
    "försälj",
    "marknadsför",
    "kunder",
    "kunden",
    "kundbas",
    "utland",
    "internation",
    "norge",
    "danmark",
    "finland",
    "tyskland",
    "mässa",
    "varumärke",
    "offert",
    "kunderna",
    "kundern",
    "marknaden",
    "säljer",
    "reklam",
    "annons",
    "synas",
    "syns inte",
    "bli kända",
    "hittar oss",
    "hitta oss",
    "återförsälj",
    "grossist",
    "upphandling",
    "anbud",
    "=tull",
    "europa",
    "=usa",
    "kina",
    "fler kunder",
    "nya kunder",
  ],
  production: [
    "produktion",
    "automat",
    "effektiv",
    "maskin",
    "robot",
    "tillverk",
    "lean",
    "fabrik",
    "ledtid",
    "verkstad",
    "produktiv",
    "flaskhals",
    "kapacitet",
    "ställtid",
    "kassation",
    "kvalitet",
    "=cnc",
    "logistik",
    "slöseri",
    "leveranstid",
    "leveransprecision",
    "hinner inte",
    "lagret",
    "spill",
  ],
  sustainability: [
    "hållbar",
    "energi",
    "klimat",
    "miljö",
    "elpris",
    "elkostnad",
    "elräkning",
    "cirkulär",
    "utsläpp",
    "solcell",
    "värmepump",
    "fossil",
    "avfall",
    "återvinn",
    "bränsle",
    "förbrukning",
    "koldioxid",
    "=co2",
    "växthusgas",
    "livscykel",
    "förpackning",
    "svinn",
    "matsvinn",
    "återbruk",
    "laddstolp",
    "elbil",
    "biogas",
    "solpanel",
    "uppvärmning",
    "isoler",
    "strömmen",
    "=elen",
    "elavtal",
    "elförbruk",
  ],
  leadership: [
    "ledarskap",
    "ledning",
    "styrelse",
    "strategi",
    "organisation",
    "chef",
    "leda",
    "delegera",
    "affärsplan",
    "ledare",
    "mellanchef",
    "arbetsmiljö",
    "konflikt",
    "stress",
    "orkar inte",
    "bollplank",
    "mentor",
    "rutiner",
    "medarbetarsamtal",
    "styra upp",
  ],
  "premises-permits": [
    "lokaler",
    "lokalen",
    "tomt",
    "tillstånd",
    "serveringstillstånd",
    "bygglov",
    "fastighet",
    "detaljplan",
    "hyra",
    "flytta",
    "=lokal",
    "*lokal",
    "*lokaler",
    "*lokalen",
    "hyres",
    "hyresvärd",
    "alkohol",
    "miljötillstånd",
    "strandskydd",
    "industrimark",
    "etablera",
    "etablering",
    "bygga ut",
    "tillbyggnad",
    "större lokal",
  ],
  crisis: [
    "kris",
    "permitter",
    "varsel",
    "konkurs",
    "rekonstruktion",
    "akut",
    "betalningssvår",
    "överleva",
    "skatteskuld",
    "klara oss",
    "skuld",
    "kronofogd",
    "inkasso",
    "säga upp",
    "uppsägning",
    "varsla",
    "går back",
    "förlust",
    "underskott",
    "lågkonjunktur",
    "lägga ner",
    "slå igen",
    "stänga",
    "pengarna räcker",
    "räcker inte",
    "betala löner",
    "betala lönerna",
    "rädda",
  ],
  succession: [
    "ägarskifte",
    "generationsskifte",
    "ägarbyte",
    "pension",
    "efterträd",
    "överlåt",
    "sälja företaget",
    "sälja firman",
    "ta över",
    "tar över",
    "köpa firman",
    "köpa företaget",
    "trappa ner",
    "sluta jobba",
    "sälja rörelsen",
    "sälja verksamheten",
    "sälja bolaget",
    "köpare",
    "köpa ut",
    "avveckl",
    "nästa generation",
    "överta",
    "lämna över",
    "driva vidare",
  ],
  "startup-growth": [
    "starta",
    "nystart",
    "nyföretag",
    "uppstart",
    "affärsidé",
    "växa",
    "tillväxt",
    "expandera",
    "skala upp",
    "eget företag",
    "komma igång",
    "f-skatt",
    "moms",
    "bokför",
    "registrera",
    "nystartat",
    "driva eget",
    "egenföretag",
    "frilans",
    "enskild firma",
    "aktiebolag",
    "växer",
    "växande",
    "fler anställda",
    "franchise",
    "inkubator",
    "affärsutveck",
    "kom igång",
  ],
};

const WORD = /[\p{L}\p{N}-]+/gu;

function words(text: string): string[] {
  return (text.toLocaleLowerCase("sv-SE").match(WORD) ?? []).filter((w) => w.length >= 3);
}

/** Each theme's cues: the built-in list, or the beginnings of its label's longer words for a theme added later. */
export function themeCues(themes: readonly { code: string; label_sv: string }[]): Map<string, string[]> {
  return new Map(
    themes.map((theme) => [
      theme.code,
      // A label word's first five letters, so "turism" also catches "turister".
      [
        ...(BUILT_IN_CUES[theme.code] ??
          words(theme.label_sv)
            .filter((w) => w.length >= 5)
            .map((w) => w.slice(0, 5))),
      ],
    ]),
  );
}

/** A theme read from a need's words, weighted by its cues against the best theme's (the best weighs 1). */
export type InferredTheme = { code: string; weight: number };

/** How much a matched phrase of several words counts against a matched single word: it says more. */
const PHRASE_WEIGHT = 2;

/**
 * The themes a text is about, strongest first (at most `max`), each weighted by its matched cues relative to
 * the best theme's; a phrase of several words counts as two cues. Ties go to a theme with a matched phrase,
 * then to the order of the cue lists. A cue matches a word that begins with it (`*ending`: ends with it; `=word`: is it), or,
 * for a cue of several words, the words in a row. A word inside a phrase one theme matched does not also count
 * for another theme's single-word cue: in "vill sälja företaget" the words are about a change of owner, not
 * about sales.
 */
export function inferThemeWeights(
  text: string,
  cues: ReadonlyMap<string, readonly string[]>,
  max = 3,
): InferredTheme[] {
  // Every word, also the short ones an exact cue may name ("ai", "it", "app").
  const allWords: string[] = text.toLocaleLowerCase("sv-SE").match(WORD) ?? [];
  const lower = ` ${allWords.join(" ")} `;
  // Phrases first: their matches, and the words they cover, per theme.
  const counts = new Map<string, number>();
  const coveredBy = new Map<number, Set<string>>();
  for (const [code, list] of cues) {
    for (const cue of list) {
      if (!cue.includes(" ") || !lower.includes(` ${cue}`)) continue;
      counts.set(code, (counts.get(code) ?? 0) + PHRASE_WEIGHT);
      const length = cue.split(" ").length;
      for (let i = 0; i + length <= allWords.length; i++) {
        if (!` ${allWords.slice(i, i + length).join(" ")} `.includes(` ${cue}`)) continue;
        for (let j = i; j < i + length; j++) {
          const themes = coveredBy.get(j) ?? new Set<string>();
          themes.add(code);
          coveredBy.set(j, themes);
        }
      }
    }
  }
  // Single words, except those inside another theme's phrase.
  const free = (code: string) =>
    allWords.flatMap((word, i) => {
      const themes = coveredBy.get(i);
      return themes && !themes.has(code) ? [] : [word];
    });
  for (const [code, list] of cues) {
    const words = free(code);
    const longWords = words.filter((w) => w.length >= 3);
    let count = 0;
    for (const cue of list) {
      if (cue.includes(" ")) continue;
      const matched = cue.startsWith("*")
        ? longWords.some((word) => word.endsWith(cue.slice(1)))
        : cue.startsWith("=")
          ? words.includes(cue.slice(1))
          : longWords.some((word) => word.startsWith(cue));
      if (matched) count++;
    }
    if (count > 0) counts.set(code, (counts.get(code) ?? 0) + count);
  }
  const sorted = [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, max);
  const top = sorted[0]?.count ?? 1;
  return sorted.map((hit) => ({ code: hit.code, weight: hit.count / top }));
}

/** The codes of `inferThemeWeights`: the themes a text is about, most cues first (at most `max`). */
export function inferThemes(text: string, cues: ReadonlyMap<string, readonly string[]>, max = 3): string[] {
  return inferThemeWeights(text, cues, max).map((theme) => theme.code);
}
