import type { Db } from "#src/db/client.ts";
import * as repository from "./catalogue.repository.ts";
import { synonymsOf } from "./catalogue.search.synonyms.ts";
import {
  compoundSplits,
  type ExpandedWord,
  queryWords,
  stripSuffixes,
  transpositions,
  variantCandidates,
} from "./catalogue.search.text.ts";

// Query expansion against the corpus's vocabulary (catalogue_terms). Per word:
// 1. Swedish suffix variants found in the vocabulary ("exjobbet" → exjobb, exjobben), because Snowball
//    'swedish' leaves -et forms alone ("exjobbet" stays "exjobbet" while "exjobb" stays "exjobb");
// 2. compound readings head(+s)+tail where both parts are in the vocabulary ("exportstöd" → export & stöd);
// 3. synonyms from the domain table (weaker: they rank below what the user typed);
// 4. for a word with no form in the vocabulary, a vocabulary word with two neighbouring letters swapped,
//    else the closest vocabulary word by trigram similarity.
// Each word keeps its own form too, so Snowball still stems it ("finansieringar" → finansiering).

/** A misspelling must share at least this trigram similarity with the vocabulary word it becomes. */
export const MIN_CORRECTION_SIMILARITY = 0.45;
const MIN_COMPOUND_LENGTH = 6;

export type ExpandedQuery = {
  words: ExpandedWord[];
  didYouMean?: string;
  /** Lexemes of the query words and of the vocabulary words the expansion used (synonyms aside). */
  lexemes: Map<string, string[]>;
  /** The catalogue version and date from the same round trip (see repository.lookupWords). */
  version: string;
  today: string;
};

type Known = Map<string, repository.Term>;

function isContentWord(known: Known, word: string): boolean {
  const term = known.get(word);
  return term !== undefined && term.lexeme !== null && word.length >= 3;
}

/** The best two-part reading of a word, both parts in the vocabulary; prefers the more common parts. */
function bestCompound(known: Known, word: string): string[] | undefined {
  if (word.length < MIN_COMPOUND_LENGTH) return undefined;
  let best: { parts: string[]; score: number } | undefined;
  for (const { head, tail } of compoundSplits(word)) {
    if (!isContentWord(known, head)) continue;
    const tailForm = [tail, ...stripSuffixes(tail)].find((t) => isContentWord(known, t));
    if (!tailForm) continue;
    const score =
      Math.min(known.get(head)!.ndoc, known.get(tailForm)!.ndoc) * (head.length + tailForm.length);
    if (!best || score > best.score) best = { parts: [head, tailForm], score };
  }
  return best?.parts;
}

function compoundCandidates(word: string): string[] {
  if (word.length < MIN_COMPOUND_LENGTH) return [];
  return compoundSplits(word).flatMap(({ head, tail }) => [head, tail, ...stripSuffixes(tail)]);
}

/**
 * Expands the query's words into alternatives using the vocabulary: two indexed lookups at most (the
 * forms, the stems and the catalogue version together, then trigram correction only for words with no
 * known form). Stop words are dropped. An empty query still reads the catalogue version and date.
 */
export async function expandQuery(db: Db, q: string | undefined): Promise<ExpandedQuery> {
  return (await expandQueries(db, [q ?? ""]))[0]!;
}

/**
 * Expands several texts at once (the needs of one match) with the same two lookups at most as one query:
 * one for every text's forms and stems, one for the trigram corrections of all texts' unknown words.
 * Returns one ExpandedQuery per text, in order.
 */
export async function expandQueries(db: Db, texts: readonly string[]): Promise<ExpandedQuery[]> {
  const wordsOf = texts.map((text) => queryWords(text));
  const candidates = new Set<string>();
  for (const word of wordsOf.flat()) {
    for (const c of variantCandidates(word)) candidates.add(c);
    for (const c of compoundCandidates(word)) candidates.add(c);
    if (word.length >= 4) for (const c of transpositions(word)) candidates.add(c);
  }
  const lookup = await repository.lookupWords(db, [...candidates], [...new Set(wordsOf.flat())]);
  const known: Known = new Map(lookup.terms.map((t) => [t.word, t]));
  const lexemes = new Map<string, string[]>(Object.entries(lookup.stems));
  for (const term of lookup.terms) {
    if (!lexemes.has(term.word)) lexemes.set(term.word, term.lexeme === null ? [] : [term.lexeme]);
  }

  const perText = wordsOf.map((words) => {
    const expanded: ExpandedWord[] = [];
    const unknown: ExpandedWord[] = [];
    for (const word of words) {
      if (known.get(word)?.lexeme === null) continue; // a stop word: the index has nothing for it
      const forms = variantCandidates(word).filter((c) => known.get(c)?.lexeme);
      const compound = bestCompound(known, word);
      const strong = [[word], ...forms.filter((f) => f !== word).map((f) => [f])];
      if (compound) strong.push(compound);
      const weak = [...new Set([word, ...forms].flatMap(synonymsOf))]
        .filter((s) => !forms.includes(s) && s !== word)
        .map((s) => [s]);
      const entry: ExpandedWord = { word, strong, weak };
      expanded.push(entry);
      if (forms.length === 0 && !compound && word.length >= 4) {
        const swapped = transpositions(word).find((t) => known.get(t)?.lexeme);
        if (swapped) {
          entry.correction = swapped;
          entry.strong.push([swapped]);
          entry.weak.push(...synonymsOf(swapped).map((s) => [s]));
        } else unknown.push(entry);
      }
    }
    return { words, expanded, unknown };
  });

  const unknownWords = [...new Set(perText.flatMap((t) => t.unknown.map((u) => u.word)))];
  if (unknownWords.length > 0) {
    const corrections = await repository.closestTerms(db, unknownWords, MIN_CORRECTION_SIMILARITY);
    for (const { input, word, lexeme } of corrections) {
      lexemes.set(word, [lexeme]);
      for (const text of perText) {
        for (const entry of text.unknown.filter((u) => u.word === input)) {
          entry.correction = word;
          entry.strong.push([word]);
          entry.weak.push(...synonymsOf(word).map((s) => [s]));
        }
      }
    }
  }
  return perText.map(({ words, expanded }) => {
    const corrected = expanded.some((w) => w.correction);
    return {
      words: expanded,
      lexemes,
      version: lookup.version,
      today: lookup.today,
      ...(corrected
        ? { didYouMean: words.map((w) => expanded.find((e) => e.word === w)?.correction ?? w).join(" ") }
        : {}),
    };
  });
}
