// The catalogue's small synonym table: groups of words a company may use for the same need. Words are
// normalised (lower-case, hyphens joined) base forms; the search adds the other members of a group as
// weaker alternatives (they widen the match but rank below the words the user typed). Keep groups
// narrow: a member must be a fair answer to a query for any other member.

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["finansiering", "kapital", "lån", "kredit", "finansiär"],
  ["lån", "kredit", "lånet"],
  ["bidrag", "anslag", "stöd"],
  ["exjobb", "examensarbete"],
  ["riskkapital", "investerare", "ägarkapital", "investering"],
  ["export", "internationalisering", "utlandsaffärer"],
  ["rådgivning", "coachning", "rådgivare", "affärsrådgivning"],
  ["rekrytering", "kompetensförsörjning", "anställa", "rekrytera"],
  ["praktik", "praktikant", "praktikplats"],
  ["ägarskifte", "generationsskifte", "ägarbyte"],
  ["hållbarhet", "miljö", "klimat", "cirkulär"],
  ["digitalisering", "digital", "it"],
  ["nyföretagande", "nystartad", "uppstart", "starta"],
  ["patent", "immaterialrätt"],
  ["kris", "omställning", "varsel"],
];

const byWord = new Map<string, Set<string>>();
for (const group of SYNONYM_GROUPS) {
  for (const word of group) {
    const set = byWord.get(word) ?? new Set<string>();
    for (const other of group) if (other !== word) set.add(other);
    byWord.set(word, set);
  }
}

/** The other members of every group the word belongs to (empty when it has none). */
export function synonymsOf(word: string): string[] {
  return [...(byWord.get(word) ?? [])];
}
