import type { WordEvidence } from "#src/features/catalogue/catalogue.service.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import {
  type CompanyFacts,
  checkRules,
  isEligible,
  type OfferRules,
  type RuleVerdict,
} from "./matching.rules.ts";

// Ranking (issue 6, docs/matching.md): pure, no database. For each need an offer earns a need score in
// [0, 1] from theme overlap and from how much of the need's wording it holds (Swedish stems, forms,
// compounds and synonyms, weighted by how rare each word is); the offer's relevance is the sum over the
// needs divided by their number, so answering two needs beats answering one. An outcome prior and a
// capacity factor then move it a little. With several needs, `coverRanking` lets an offer for a need not yet
// answered above pass one that repeats an answered need. Hard eligibility decides `eligible`, never the score.

/** An offer as ranking reads it. */
export type RankableOffer = OfferRules & {
  id: string;
  name: string;
  themes: readonly string[];
  capacity_remaining: number | null;
};

/** Referral outcomes of one offer for companies like this one (same theme, size band, SNI section). */
export type OutcomeStats = { helped: number; total: number };

export type RankNeed = {
  theme?: string | undefined;
  text?: string | undefined;
  /** For a need given only in words: the themes its words are about (matching.theme-cues.ts). */
  inferredThemes?: readonly string[] | undefined;
  /** The weight of each inferred theme (same order; the best 1): a theme with fewer cues counts less. */
  inferredWeights?: readonly number[] | undefined;
};

/** The tuning knobs (docs/matching.md explains each). */
export const WEIGHTS = {
  /** A need with both a theme and text: the theme's share of the need score (the text has the rest). */
  themeShare: 0.55,
  /** Theme overlap when the need's theme is not the offer's first (main) theme. */
  secondaryTheme: 0.8,
  /** Theme overlap falls by this much for each further theme the offer has (a focused offer first). */
  themeBreadth: 0.05,
  /**
   * The share of theme overlap that depends on how much the offer's own name and summary are about the
   * theme (by the need lexicon, against the offer's strongest theme): an offer that says it beats one that
   * only carries the code.
   */
  themeInText: 0.2,
  /** A word found only through a synonym counts this much of a word found as written. */
  synonym: 0.5,
  /** Where a word stands: the field weight w (name 1, summary 0.4, description 0.2) counts as floor + (1 − floor)·w. */
  fieldFloor: 0.5,
  /** Theme overlap through a theme inferred from the need's words counts this much of a chosen theme. */
  inferredTheme: 0.8,
  /** A need counts as answered from this need score up. */
  answeredFrom: 0.15,
  /** Score factor for an offer with no capacity left. */
  noCapacity: 0.6,
  /**
   * Score factor for an offer open only to some municipalities when the company gave none: it may well not
   * be for this company, so one open to the whole county (or everyone) that answers as well goes first.
   */
  areaUnknown: 0.6,
  /** Pseudo-outcomes on each side of the outcome prior (Beta(k, k)): with none, the factor is 1. */
  priorStrength: 2,
  /** The outcome factor ranges over 1 ± priorSpan/2. */
  priorSpan: 0.2,
  /**
   * With several needs, the share of an offer's score that comes from needs the offers ranked above it have
   * not answered yet (0: rank by relevance alone). See `coverRanking`.
   */
  coverage: 0.5,
  /** With several needs, this many eligible offers per result are scored before `coverRanking` picks. */
  coveragePool: 3,
} as const;

/** What one need found in one offer. */
export type NeedHit = {
  need: number;
  theme: boolean;
  /** The theme inferred from the need's words that the offer answers, when the need named none. */
  inferredTheme?: string;
  /** The need's words the offer holds (as written, or via a synonym). */
  words: string[];
  score: number;
};

export type RankedOffer = {
  offer: number;
  score: number;
  relevance: number;
  eligible: boolean;
  verdicts: RuleVerdict[];
  hits: NeedHit[];
  outcomes: OutcomeStats | undefined;
  full: boolean;
};

export type RankInput = {
  offers: readonly RankableOffer[];
  /** Per offer (same order): the themes its own words are about, each weighted against its strongest (1). */
  offerTextThemes?: readonly ReadonlyMap<string, number>[];
  /** Word evidence per need (same order as `needs`). */
  evidence: readonly (readonly WordEvidence[])[];
  needs: readonly RankNeed[];
  company: CompanyFacts;
  today: string;
  outcomes?: ReadonlyMap<string, OutcomeStats>;
  limit: number;
  includeNearMisses: boolean;
};

/** The outcome factor: Beta-smoothed share of "helped", mapped to 1 ± priorSpan/2; neutral without data. */
export function outcomeFactor(stats: OutcomeStats | undefined): number {
  if (!stats || stats.total <= 0) return 1;
  const k = WEIGHTS.priorStrength;
  const helped = Math.min(Math.max(stats.helped, 0), stats.total);
  const share = (helped + k) / (stats.total + 2 * k);
  return 1 + WEIGHTS.priorSpan * (share - 0.5);
}

/**
 * What moves an offer's relevance into its score: the outcome prior, no capacity left, and an area open only
 * to some municipalities when the company's municipality is unknown. Divided by the largest outcome factor,
 * so the score stays within [0, 1] and the prior still counts at the top.
 */
function scoreFactor(offer: RankableOffer, input: RankInput): number {
  const full = offer.capacity_remaining === 0;
  const areaDoubt =
    !input.company.municipality &&
    offer.eligible_municipality_codes.length > 0 &&
    offer.eligible_county_codes.length === 0;
  return (
    (outcomeFactor(input.outcomes?.get(offer.id)) *
      (full ? WEIGHTS.noCapacity : 1) *
      (areaDoubt ? WEIGHTS.areaUnknown : 1)) /
    (1 + WEIGHTS.priorSpan / 2)
  );
}

/** A need made ready for ranking: its themes, and the text score of every offer holding its words. */
type PreparedNeed = {
  theme: string | undefined;
  inferred: readonly string[];
  inferredWeights: readonly number[];
  themed: boolean;
  hasText: boolean;
  /** Offer position → Σ idf · held / Σ idf over the need's words (sparse: offers holding none are absent). */
  text: Map<number, number>;
  words: readonly WordEvidence[];
};

function prepareNeed(need: RankNeed, words: readonly WordEvidence[]): PreparedNeed {
  const text = new Map<number, number>();
  let total = 0;
  for (const word of words) total += word.idf;
  const floor = WEIGHTS.fieldFloor;
  const strongValue = (w: number) => floor + (1 - floor) * w;
  const weakValue = (w: number) => WEIGHTS.synonym * (floor + (1 - floor) * w);
  for (const word of total > 0 ? words : []) {
    // Per offer the better of the word as written and its synonyms, weighted by the word's idf; written
    // straight into the sparse total (no map per word: this runs for every need of every match).
    const share = word.idf / total;
    for (const [doc, w] of word.strong) {
      const weak = word.weak.get(doc);
      const v = Math.max(strongValue(w), weak === undefined ? 0 : weakValue(weak));
      text.set(doc, (text.get(doc) ?? 0) + share * v);
    }
    for (const [doc, w] of word.weak) {
      if (!word.strong.has(doc)) text.set(doc, (text.get(doc) ?? 0) + share * weakValue(w));
    }
  }
  const inferred = need.theme ? [] : (need.inferredThemes ?? []);
  return {
    theme: need.theme,
    inferred,
    inferredWeights: inferred.map((_, i) => need.inferredWeights?.[i] ?? 1),
    themed: Boolean(need.theme) || inferred.length > 0,
    hasText: Boolean(need.text?.trim()) && words.length > 0,
    text,
    words,
  };
}

function themeOverlap(themes: readonly string[], code: string, text: TextThemes): number {
  const position = themes.indexOf(code);
  if (position < 0) return 0;
  // An offer about fewer themes is more about each of them (as a long text holds each word less).
  const focus = 1 - WEIGHTS.themeBreadth * (themes.length - 1);
  // And one whose own words are about the theme more than one that only carries its code.
  const said = text ? 1 - WEIGHTS.themeInText + WEIGHTS.themeInText * (text.get(code) ?? 0) : 1;
  return (position === 0 ? 1 : WEIGHTS.secondaryTheme) * focus * said;
}

/** The themes an offer's own words are about (`RankInput.offerTextThemes`), when known. */
type TextThemes = ReadonlyMap<string, number> | undefined;

/** The best theme overlap of a need with an offer, and the inferred theme that gave it (if any). */
function bestTheme(
  need: PreparedNeed,
  themes: readonly string[],
  text: TextThemes,
): { value: number; inferred?: string } {
  if (need.theme) return { value: themeOverlap(themes, need.theme, text) };
  let best: { value: number; inferred?: string } = { value: 0 };
  for (const [i, code] of need.inferred.entries()) {
    const value = WEIGHTS.inferredTheme * need.inferredWeights[i]! * themeOverlap(themes, code, text);
    if (value > best.value) best = { value, inferred: code };
  }
  return best;
}

/** bestTheme's value alone, without allocating (the ranking loop calls it for every offer and need). */
function themeValue(need: PreparedNeed, themes: readonly string[], text: TextThemes): number {
  if (need.theme) return themeOverlap(themes, need.theme, text);
  let best = 0;
  for (let i = 0; i < need.inferred.length; i++) {
    best = Math.max(
      best,
      WEIGHTS.inferredTheme * need.inferredWeights[i]! * themeOverlap(themes, need.inferred[i]!, text),
    );
  }
  return best;
}

function needScore(need: PreparedNeed, theme: number, offer: number): number {
  const text = need.hasText ? (need.text.get(offer) ?? 0) : 0;
  if (need.themed && need.hasText) return WEIGHTS.themeShare * theme + (1 - WEIGHTS.themeShare) * text;
  return need.themed ? theme : text;
}

/** What one need found in one offer, with the words, for the results shown. */
function needHit(
  need: PreparedNeed,
  index: number,
  offer: RankableOffer,
  position: number,
  text: TextThemes,
): NeedHit {
  const theme = bestTheme(need, offer.themes, text);
  const words = need.hasText
    ? need.words.filter((w) => w.strong.has(position) || w.weak.has(position)).map((w) => w.word)
    : [];
  return {
    need: index,
    theme: theme.value > 0,
    ...(theme.inferred ? { inferredTheme: theme.inferred } : {}),
    words,
    score: needScore(need, theme.value, position),
  };
}

// Each offer list's positions in Swedish name order (then id), made once per list (the catalogue index keeps
// its list until the catalogue changes), so ties are broken the same way whatever the ids are, by comparing
// integers.
const nameRanks = new WeakMap<readonly RankableOffer[], Int32Array>();

function nameRank(offers: readonly RankableOffer[]): Int32Array {
  let rank = nameRanks.get(offers);
  if (!rank) {
    const order = offers
      .map((_, i) => i)
      .sort(
        (a, b) =>
          compareSwedish(offers[a]!.name, offers[b]!.name) || (offers[a]!.id < offers[b]!.id ? -1 : 1),
      );
    rank = new Int32Array(offers.length);
    order.forEach((offer, position) => {
      rank![offer] = position;
    });
    nameRanks.set(offers, rank);
  }
  return rank;
}

/** Whether a need can reach the offer at all: a shared theme or one of the need's words. */
function reachable(
  needs: readonly PreparedNeed[],
  codes: ReadonlySet<string>,
  themes: readonly string[],
  i: number,
) {
  for (const theme of themes) if (codes.has(theme)) return true;
  for (const need of needs) if (need.hasText && need.text.has(i)) return true;
  return false;
}

/**
 * Offers the needs reach, eligible first by score, then near misses (when asked) by score. Every offer is
 * scored into typed arrays without allocating objects; candidates are ordered by a counting sort on the
 * score (three decimals, so 1,001 buckets), ties within a bucket by needs answered and then name; the rules
 * are checked best-first only until the lists are full, and only the results returned get their hits, words
 * and rule verdicts.
 */
export function rankOffers(input: RankInput): RankedOffer[] {
  const needs = input.needs.map((need, i) => prepareNeed(need, input.evidence[i] ?? []));
  const codes = new Set(needs.flatMap((need) => (need.theme ? [need.theme] : need.inferred)));
  const total = input.offers.length;
  const candidateOffer = new Int32Array(total);
  const candidateScore = new Int16Array(total);
  const candidateAnswered = new Int8Array(total);
  const candidateRelevance = new Float64Array(total);
  let count = 0;
  for (let i = 0; i < total; i++) {
    const offer = input.offers[i]!;
    if (!reachable(needs, codes, offer.themes, i)) continue;
    let sum = 0;
    let answered = 0;
    for (const need of needs) {
      const score = needScore(need, themeValue(need, offer.themes, input.offerTextThemes?.[i]), i);
      sum += score;
      if (score >= WEIGHTS.answeredFrom) answered++;
    }
    if (answered === 0) continue;
    const relevance = sum / needs.length;
    const factors = scoreFactor(offer, input);
    candidateOffer[count] = i;
    candidateScore[count] = Math.round(Math.min(1, relevance * factors) * 1000);
    candidateAnswered[count] = answered;
    candidateRelevance[count] = relevance;
    count++;
  }
  // Counting sort by score, best first.
  const starts = new Int32Array(1002);
  for (let k = 0; k < count; k++) starts[1000 - candidateScore[k]! + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const order = new Int32Array(count);
  const fill = starts.slice();
  for (let k = 0; k < count; k++) order[fill[1000 - candidateScore[k]!]!++] = k;
  // Ties: more needs answered, then the offer's name, so the order is the same on every database.
  const rank = nameRank(input.offers);
  const tie = (a: number, b: number) =>
    candidateAnswered[b]! - candidateAnswered[a]! || rank[candidateOffer[a]!]! - rank[candidateOffer[b]!]!;

  const eligible: RankedOffer[] = [];
  const nearMisses: RankedOffer[] = [];
  const missLimit = input.includeNearMisses ? input.limit : 0;
  const cover = needs.length > 1 && WEIGHTS.coverage > 0;
  const eligibleLimit = cover ? input.limit * WEIGHTS.coveragePool : input.limit;
  for (let bucket = 0; bucket <= 1000; bucket++) {
    if (eligible.length >= eligibleLimit && nearMisses.length >= missLimit) break;
    const from = starts[bucket]!;
    const to = starts[bucket + 1]!;
    if (to - from > 1) order.subarray(from, to).sort(tie);
    for (let j = from; j < to; j++) {
      if (eligible.length >= eligibleLimit && nearMisses.length >= missLimit) break;
      const k = order[j]!;
      const position = candidateOffer[k]!;
      const offer = input.offers[position]!;
      const verdicts = checkRules(offer, input.company, input.today);
      const ok = isEligible(verdicts);
      const list = ok ? eligible : nearMisses;
      if (list.length >= (ok ? eligibleLimit : missLimit)) continue;
      list.push({
        offer: position,
        score: candidateScore[k]! / 1000,
        relevance: candidateRelevance[k]!,
        eligible: ok,
        verdicts,
        hits: needs
          .map((need, n) => needHit(need, n, offer, position, input.offerTextThemes?.[position]))
          .filter((hit) => hit.score >= WEIGHTS.answeredFrom),
        outcomes: input.outcomes?.get(offer.id),
        full: offer.capacity_remaining === 0,
      });
    }
  }
  const ranked = cover ? coverRanking(eligible, needs, input, input.limit) : eligible;
  return [...ranked, ...nearMisses];
}

/**
 * Orders the eligible offers for several needs so that the needs are covered (xQuAD-style): greedily, each
 * next offer is the one with the largest gain, where the gain is its score with the `coverage` share of its
 * relevance counted only for what the offers above it left unanswered of each need
 * (need score × Π (1 − need score of the offers above)). The gains never grow down the list, so the list is
 * still ordered by score, the first offer keeps its score, and an offer answering two needs still beats one
 * answering one; an offer that only repeats what is above it sinks below one answering another need.
 */
function coverRanking(
  pool: readonly RankedOffer[],
  needs: readonly PreparedNeed[],
  input: RankInput,
  limit: number,
): RankedOffer[] {
  const perNeed = pool.map((r) => {
    const offer = input.offers[r.offer]!;
    const text = input.offerTextThemes?.[r.offer];
    return needs.map((need) => needScore(need, themeValue(need, offer.themes, text), r.offer));
  });
  // The score's factors as rankOffers applies them: the gain moves only relevance.
  const factor = pool.map((r) => scoreFactor(input.offers[r.offer]!, input));
  const left = needs.map(() => 1);
  const chosen: RankedOffer[] = [];
  const taken = new Set<number>();
  const share = WEIGHTS.coverage;
  while (chosen.length < limit && taken.size < pool.length) {
    let best = -1;
    let bestGain = -1;
    for (let k = 0; k < pool.length; k++) {
      if (taken.has(k)) continue;
      let novel = 0;
      for (let n = 0; n < needs.length; n++) novel += perNeed[k]![n]! * left[n]!;
      const gain = factor[k]! * ((1 - share) * pool[k]!.relevance + (share * novel) / needs.length);
      // Strictly greater: ties keep the pool's order (score, needs answered, name).
      if (gain > bestGain + 1e-12) {
        best = k;
        bestGain = gain;
      }
    }
    taken.add(best);
    for (let n = 0; n < needs.length; n++) left[n]! *= 1 - Math.min(1, perNeed[best]![n]!);
    chosen.push({ ...pool[best]!, score: Math.round(Math.min(1, bestGain) * 1000) / 1000 });
  }
  return chosen;
}
