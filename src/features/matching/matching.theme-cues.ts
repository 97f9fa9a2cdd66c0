// Which need themes a need written only in words is about ("Vi vill sälja till Norge" → sales and export),
// so an offer can answer it by theme even when it uses none of the company's words. Pure.
//
// Cues are word beginnings (they catch inflections and compounds: "energikostnaderna" begins with "energi"),
// word endings written "*arbetare" (betongarbetare), or phrases of several words ("svårt att hitta"), in the
// plain Swedish companies write, per built-in theme; a theme an admin adds later gets its label's words as
// cues. Keep cues specific: one that fits many themes ("utveckla") belongs to none.

const BUILT_IN_CUES: Record<string, readonly string[]> = {
  financing: [
    "finansi",
    "lån",
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

/**
 * The themes a text is about, most cues first (at most `max`): a cue matches a word that begins with it,
 * or, for a cue of several words, the text holding it.
 */
export function inferThemes(text: string, cues: ReadonlyMap<string, readonly string[]>, max = 2): string[] {
  const textWords = words(text);
  const lower = ` ${(text.toLocaleLowerCase("sv-SE").match(WORD) ?? []).join(" ")} `;
  const hits: { code: string; count: number }[] = [];
  for (const [code, list] of cues) {
    let count = 0;
    for (const cue of list) {
      const matched = cue.includes(" ")
        ? lower.includes(` ${cue}`)
        : cue.startsWith("*")
          ? textWords.some((word) => word.endsWith(cue.slice(1)))
          : textWords.some((word) => word.startsWith(cue));
      if (matched) count++;
    }
    if (count > 0) hits.push({ code, count });
  }
  return hits
    .sort((a, b) => b.count - a.count)
    .slice(0, max)
    .map((hit) => hit.code);
}
