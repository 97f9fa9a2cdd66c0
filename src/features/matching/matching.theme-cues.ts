// Which need themes a need written only in words is about ("Vi vill sälja till Norge" → sales and export),
// so an offer can answer it by theme even when it uses none of the company's words. Pure, but for reading its
// lexicon file once.
//
// Cues are word beginnings (they catch inflections and compounds: "energikostnaderna" begins with "energi"),
// word endings written "*arbetare" (betongarbetare), beginnings that also begin a compound's last part written
// "~chef" (chefer, gruppcheferna: Swedish puts what a compound is about last), whole words written "=lån" (a
// beginning "lån" would also catch "långa"), or phrases of several words ("svårt att hitta"), in the
// plain Swedish companies write, per built-in theme; a theme an admin adds later gets its label's words as
// cues. Keep cues specific: one that fits many themes ("utveckla") belongs to none.

import { readFileSync } from "node:fs";
import { z } from "zod";

// The built-in cues live in matching.theme-cues.sv.json (about 1,250, by theme): the lists grew past what
// reads well as code. Written by hand from companies' everyday Swedish; the widening of 2026-11-29 was checked
// for collisions against the Swedish Hunspell word list (docs/matching.md). Read once, on first use, and
// checked: a broken file stops matching loudly.
const CueLists = z.record(z.string(), z.array(z.string().trim().min(2).toLowerCase()));

let builtInCues: Readonly<Record<string, readonly string[]>> | undefined;

function builtIn(): Readonly<Record<string, readonly string[]>> {
  builtInCues ??= CueLists.parse(
    JSON.parse(readFileSync(new URL("./matching.theme-cues.sv.json", import.meta.url), "utf8")),
  );
  return builtInCues;
}

const WORD = /[\p{L}\p{N}-]+/gu;

function words(text: string): string[] {
  return (text.toLocaleLowerCase("sv-SE").match(WORD) ?? []).filter((w) => w.length >= 3);
}

/** Each theme's cues: the built-in list, or the beginnings of its label's longer words for a theme added later. */
export function themeCues(
  themes: readonly { code: string; label_sv: string }[],
): ReadonlyMap<string, readonly string[]> {
  let cues = cuesOfThemes.get(themes);
  if (!cues) {
    cues = cueMap(themes);
    cuesOfThemes.set(themes, cues);
  }
  return cues;
}

// The catalogue index keeps its theme list until the catalogue changes, so a match reuses the map (and its
// compiled form below) instead of building both again.
const cuesOfThemes = new WeakMap<readonly { code: string; label_sv: string }[], Map<string, string[]>>();

function cueMap(themes: readonly { code: string; label_sv: string }[]): Map<string, string[]> {
  return new Map(
    themes.map((theme) => [
      theme.code,
      // A label word's first five letters, so "turism" also catches "turister".
      [
        ...(builtIn()[theme.code] ??
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

/** A cue map compiled for look-ups: per word, the themes whose single-word cues match it, in O(word length). */
type CompiledCues = {
  codes: readonly string[];
  phrases: readonly { code: string; cue: string; length: number }[];
  prefixes: ReadonlyMap<string, readonly string[]>;
  suffixes: ReadonlyMap<string, readonly string[]>;
  /** "~" cues: beginnings that also match where a compound's last part begins (3+ letters into the word). */
  heads: ReadonlyMap<string, readonly string[]>;
  /** The longest "~" cue, so a word is searched for them only that far from each inner position. */
  longestHead: number;
  exact: ReadonlyMap<string, readonly string[]>;
};

/** The fewest letters before a compound's last part: "el" + "chef" is not read as a compound. */
const MIN_COMPOUND_START = 3;

// The service builds its cue map once per catalogue version, so compiling once per map is enough.
const compiledCues = new WeakMap<ReadonlyMap<string, readonly string[]>, CompiledCues>();

function compile(cues: ReadonlyMap<string, readonly string[]>): CompiledCues {
  let compiled = compiledCues.get(cues);
  if (compiled) return compiled;
  const phrases: { code: string; cue: string; length: number }[] = [];
  const prefixes = new Map<string, string[]>();
  const suffixes = new Map<string, string[]>();
  const heads = new Map<string, string[]>();
  const exact = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, code: string) => {
    const list = map.get(key) ?? [];
    if (!list.includes(code)) list.push(code);
    map.set(key, list);
  };
  for (const [code, list] of cues) {
    for (const cue of list) {
      if (cue.includes(" ")) phrases.push({ code, cue, length: cue.split(" ").length });
      else if (cue.startsWith("*")) add(suffixes, cue.slice(1), code);
      else if (cue.startsWith("=")) add(exact, cue.slice(1), code);
      else if (cue.startsWith("~")) {
        add(prefixes, cue.slice(1), code);
        add(heads, cue.slice(1), code);
      } else add(prefixes, cue, code);
    }
  }
  const longestHead = Math.max(0, ...[...heads.keys()].map((head) => head.length));
  compiled = { codes: [...cues.keys()], phrases, prefixes, suffixes, heads, longestHead, exact };
  compiledCues.set(cues, compiled);
  return compiled;
}

/**
 * The themes whose single-word cues match `word` (beginnings, endings and compounds' last parts only for words
 * of 3+ letters).
 */
function themesOfWord(word: string, compiled: CompiledCues): Set<string> {
  const themes = new Set<string>(compiled.exact.get(word) ?? []);
  if (word.length >= 3) {
    for (let end = 1; end <= word.length; end++) {
      for (const code of compiled.prefixes.get(word.slice(0, end)) ?? []) themes.add(code);
      for (const code of compiled.suffixes.get(word.slice(word.length - end)) ?? []) themes.add(code);
    }
    for (let start = MIN_COMPOUND_START; start < word.length; start++) {
      const last = Math.min(word.length, start + compiled.longestHead);
      for (let end = start + 1; end <= last; end++) {
        for (const code of compiled.heads.get(word.slice(start, end)) ?? []) themes.add(code);
      }
    }
  }
  return themes;
}

/**
 * The themes a text is about, strongest first (at most `max`), each weighted by its matched cues relative to
 * the best theme's; a phrase of several words counts as two, and a distinct word counts once for a theme
 * however many of its cues it matches ("kunderna" begins with "kund", "kunder" and "kunderna"). Ties go to a
 * theme with a matched phrase, then to the order of the cue lists. A cue matches a word that begins with it
 * (`*ending`: ends with it; `=word`: is it), or, for a cue of several words, the words in a row. A word
 * inside a phrase one theme matched does not also count for another theme's single-word cue: in "vill sälja
 * företaget" the words are about a change of owner, not about sales.
 */
export function inferThemeWeights(
  text: string,
  cues: ReadonlyMap<string, readonly string[]>,
  max = 3,
): InferredTheme[] {
  const compiled = compile(cues);
  // Every word, also the short ones an exact cue may name ("ai", "it", "app").
  const allWords: string[] = text.toLocaleLowerCase("sv-SE").match(WORD) ?? [];
  const lower = ` ${allWords.join(" ")} `;
  // Phrases first: their matches, and the words they cover, per theme.
  const counts = new Map<string, number>();
  const phrased = new Set<string>();
  const coveredBy = new Map<number, Set<string>>();
  for (const { code, cue, length } of compiled.phrases) {
    if (!lower.includes(` ${cue}`)) continue;
    counts.set(code, (counts.get(code) ?? 0) + PHRASE_WEIGHT);
    phrased.add(code);
    for (let i = 0; i + length <= allWords.length; i++) {
      if (!` ${allWords.slice(i, i + length).join(" ")} `.includes(` ${cue}`)) continue;
      for (let j = i; j < i + length; j++) {
        const themes = coveredBy.get(j) ?? new Set<string>();
        themes.add(code);
        coveredBy.set(j, themes);
      }
    }
  }
  // Single words, each distinct word once per theme, except inside another theme's phrase.
  const seen = new Map<string, Set<string>>();
  for (const [i, word] of allWords.entries()) {
    const covering = coveredBy.get(i);
    for (const code of themesOfWord(word, compiled)) {
      if (covering && !covering.has(code)) continue;
      const words = seen.get(code) ?? new Set<string>();
      if (words.has(word)) continue;
      words.add(word);
      seen.set(code, words);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  // Ties: a theme with a matched phrase first, then the order of the cue lists.
  const rank = (code: string) =>
    (phrased.has(code) ? 0 : compiled.codes.length) + compiled.codes.indexOf(code);
  const sorted = [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || rank(a.code) - rank(b.code))
    .slice(0, max);
  const top = sorted[0]?.count ?? 1;
  return sorted.map((hit) => ({ code: hit.code, weight: hit.count / top }));
}

/** The codes of `inferThemeWeights`: the themes a text is about, most cues first (at most `max`). */
export function inferThemes(text: string, cues: ReadonlyMap<string, readonly string[]>, max = 3): string[] {
  return inferThemeWeights(text, cues, max).map((theme) => theme.code);
}
