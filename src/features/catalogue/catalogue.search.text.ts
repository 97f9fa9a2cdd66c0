import type { QueryNode } from "./catalogue.index.ts";

// Pure text handling of catalogue search: the query normaliser (the same rules as the database's
// `catalogue_normalise`, see migration 2026-11-28T0610), Swedish suffix variants, compound splitting and
// the boolean lexeme query built from the expanded words. No database here, so it is unit-tested on its own.

/** Longest first: "arnas" before "as". Definite, plural and genitive endings of Swedish nouns. */
export const SWEDISH_SUFFIXES = [
  "arnas",
  "ernas",
  "ornas",
  "arna",
  "erna",
  "orna",
  "ens",
  "ets",
  "ars",
  "ers",
  "ors",
  "na",
  "en",
  "et",
  "ar",
  "er",
  "or",
  "n",
  "t",
  "s",
  "a",
  "e",
] as const;

const MIN_BASE = 3;
const MIN_PART = 3;
const MAX_WORDS = 8;
const WORD = /[\p{L}\p{N}]+/gu;
const HYPHENATED = /([\p{L}\p{N}]+)-([\p{L}\p{N}]+)/gu;

/**
 * Normalises a query like documents are normalised: lower-case (Swedish rules) and hyphenated compounds
 * joined ("Ex-jobb" → "exjobb"). Documents also keep the parts ("exjobb ex jobb"); a query keeps only the
 * joined form, so "ex-jobb" does not require the separate words "ex" and "jobb".
 */
export function normaliseQuery(text: string): string {
  return text.normalize("NFC").toLocaleLowerCase("sv-SE").replace(HYPHENATED, "$1$2");
}

/** The query's distinct words in order (at most eight; one-letter words dropped). */
export function queryWords(text: string): string[] {
  const words = normaliseQuery(text).match(WORD) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, MAX_WORDS);
}

/** The word without each Swedish ending it has (bases of at least three letters). */
export function stripSuffixes(word: string): string[] {
  const bases: string[] = [];
  for (const suffix of SWEDISH_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_BASE) {
      bases.push(word.slice(0, -suffix.length));
    }
  }
  return bases;
}

/**
 * Forms that may be the same word: the word, its bases (one ending removed) and every base and the word
 * with one ending added. "exjobbet" → exjobb, exjobben, …; "exjobb" → exjobbet, exjobbets, …. Only the
 * ones found in the corpus's vocabulary are used, so the over-generation costs one indexed lookup.
 */
export function variantCandidates(word: string): string[] {
  const out = new Set<string>([word]);
  for (const base of [word, ...stripSuffixes(word)]) {
    out.add(base);
    for (const suffix of SWEDISH_SUFFIXES) out.add(base + suffix);
  }
  return [...out];
}

/** The word with two neighbouring letters swapped ("exprot" → export): typos trigrams score too low. */
export function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

export type CompoundSplit = { head: string; tail: string };

/**
 * Ways to read a word as a two-part compound: head + tail, and head + linking "s" + tail
 * ("exportstöd" → export+stöd, "företagsstöd" → företag+stöd). Parts have at least three letters. The tail
 * may carry an ending ("exportstödet"); the caller checks parts and tail bases against the vocabulary.
 */
export function compoundSplits(word: string): CompoundSplit[] {
  const splits: CompoundSplit[] = [];
  for (let i = MIN_PART; i <= word.length - MIN_PART; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    splits.push({ head, tail });
    if (head.endsWith("s") && head.length - 1 >= MIN_PART) splits.push({ head: head.slice(0, -1), tail });
  }
  return splits;
}

/** One query word after expansion: alternatives that count as the word, and weaker ones. */
export type ExpandedWord = {
  word: string;
  /** Forms and compound readings that count as the word itself; each inner list is ANDed. */
  strong: string[][];
  /** Synonyms: they widen the match but rank below the strong forms. */
  weak: string[][];
  /** The vocabulary word a misspelt word was corrected to. */
  correction?: string;
};

/** The lexemes of a word (empty for a stop word). */
export type LexemesOf = (word: string) => string[];

function node(children: QueryNode[], op: "and" | "or"): QueryNode | null {
  if (children.length === 0) return null;
  return children.length === 1 ? children[0]! : { op, children };
}

/** One alternative: its words ANDed (`all`), or ORed in the fallback (`any`), as a compound's parts are. */
function alternativeNode(words: string[], mode: "all" | "any", lexemesOf: LexemesOf): QueryNode | null {
  const parts = words.flatMap((word) => {
    const lexemes = lexemesOf(word);
    return lexemes.length === 0
      ? []
      : [
          node(
            lexemes.map((lexeme) => ({ lexeme })),
            "and",
          )!,
        ];
  });
  return node(parts, mode === "all" ? "and" : "or");
}

/**
 * The boolean query over lexemes: per word the OR of its alternatives, words joined by AND (`mode: "all"`)
 * or OR (`"any"`, the fallback). Duplicate alternatives (two forms with one stem) are kept once; stop
 * words drop out, as `to_tsquery` drops them. Null when nothing is left.
 */
export function queryTree(
  words: ExpandedWord[],
  mode: "all" | "any",
  withWeak: boolean,
  lexemesOf: LexemesOf,
): QueryNode | null {
  const groups = words.flatMap((w) => {
    const seen = new Set<string>();
    const alternatives = [...w.strong, ...(withWeak ? w.weak : [])].flatMap((alternative) => {
      const built = alternativeNode(alternative, mode, lexemesOf);
      const key = JSON.stringify(built);
      if (built === null || seen.has(key)) return [];
      seen.add(key);
      return [built];
    });
    const group = node(alternatives, "or");
    return group ? [group] : [];
  });
  return node(groups, mode === "all" ? "and" : "or");
}
