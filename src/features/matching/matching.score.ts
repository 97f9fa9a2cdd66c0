import type { WordEvidence } from "#src/features/catalogue/catalogue.service.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import {
  type OfferColumns,
  offerColumns,
  overlapColumn,
  scoreFactorAt,
  type TextThemes,
  themeOverlap,
} from "./matching.offer-columns.ts";
import {
  type CompanyFacts,
  checkRules,
  isEligible,
  type OfferRules,
  type RuleVerdict,
} from "./matching.rules.ts";
import { type OutcomeStats, WEIGHTS, type Weights } from "./matching.weights.ts";

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

/** A need as ranking reads it: a theme, words, or both. */
export type RankNeed = {
  theme?: string | undefined;
  text?: string | undefined;
  /** For a need given only in words: the themes its words are about (matching.theme-cues.ts). */
  inferredThemes?: readonly string[] | undefined;
  /** The weight of each inferred theme (same order; the best 1): a theme with fewer cues counts less. */
  inferredWeights?: readonly number[] | undefined;
};

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
  /** The knobs to score with; `WEIGHTS` unless a tuning run tries others. */
  weights?: Weights;
};

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

function prepareNeed(need: RankNeed, words: readonly WordEvidence[], w: Weights): PreparedNeed {
  const text = new Map<number, number>();
  let total = 0;
  for (const word of words) total += word.idf;
  const floor = w.fieldFloor;
  const strongValue = (field: number) => floor + (1 - floor) * field;
  const weakValue = (field: number) => w.synonym * (floor + (1 - floor) * field);
  for (const word of total > 0 ? words : []) {
    // Per offer the better of the word as written and its synonyms, weighted by the word's idf; written
    // straight into the sparse total (no map per word: this runs for every need of every match).
    const share = word.idf / total;
    for (const [doc, field] of word.strong) {
      const weak = word.weak.get(doc);
      const v = Math.max(strongValue(field), weak === undefined ? 0 : weakValue(weak));
      text.set(doc, (text.get(doc) ?? 0) + share * v);
    }
    for (const [doc, field] of word.weak) {
      if (!word.strong.has(doc)) text.set(doc, (text.get(doc) ?? 0) + share * weakValue(field));
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

/** The best theme overlap of a need with an offer, and the inferred theme that gave it (if any). */
function bestTheme(
  need: PreparedNeed,
  themes: readonly string[],
  text: TextThemes,
  w: Weights,
): { value: number; inferred?: string } {
  if (need.theme) return { value: themeOverlap(themes, need.theme, text, w) };
  let best: { value: number; inferred?: string } = { value: 0 };
  for (const [i, code] of need.inferred.entries()) {
    const value = w.inferredTheme * need.inferredWeights[i]! * themeOverlap(themes, code, text, w);
    if (value > best.value) best = { value, inferred: code };
  }
  return best;
}

/**
 * A need's themes as overlap columns: its theme (factor 1) or its inferred themes (factor inferredTheme ·
 * weight). Its theme value for offer `i` is the best factor · overlap (`themeAt`), bestTheme's value.
 */
type NeedThemeColumns = { columns: Float64Array[]; factors: number[] };

function needThemeColumns(
  need: PreparedNeed,
  columns: OfferColumns,
  offers: readonly RankableOffer[],
  w: Weights,
): NeedThemeColumns {
  return need.theme
    ? { columns: [overlapColumn(columns, offers, need.theme)], factors: [1] }
    : {
        columns: need.inferred.map((code) => overlapColumn(columns, offers, code)),
        factors: need.inferredWeights.map((weight) => w.inferredTheme * weight),
      };
}

/** bestTheme's value alone, from the columns, without allocating (called for every offer and need). */
function themeAt(theme: NeedThemeColumns, i: number): number {
  let best = 0;
  for (let c = 0; c < theme.columns.length; c++)
    best = Math.max(best, theme.factors[c]! * theme.columns[c]![i]!);
  return best;
}

function needScore(need: PreparedNeed, theme: number, offer: number, w: Weights): number {
  const text = need.hasText ? (need.text.get(offer) ?? 0) : 0;
  if (need.themed && need.hasText) return w.themeShare * theme + (1 - w.themeShare) * text;
  return need.themed ? theme : text;
}

/** What one need found in one offer, with the words, for the results shown. */
function needHit(
  need: PreparedNeed,
  index: number,
  offer: RankableOffer,
  position: number,
  text: TextThemes,
  w: Weights,
): NeedHit {
  const theme = bestTheme(need, offer.themes, text, w);
  const words = need.hasText
    ? need.words.filter((w) => w.strong.has(position) || w.weak.has(position)).map((w) => w.word)
    : [];
  return {
    need: index,
    theme: theme.value > 0,
    ...(theme.inferred ? { inferredTheme: theme.inferred } : {}),
    words,
    score: needScore(need, theme.value, position, w),
  };
}

// Each offer list's positions in Swedish name order (then id), made once per list (the catalogue index keeps
// its list until the catalogue changes), so ties are broken the same way whatever the ids are.
const nameOrders = new WeakMap<readonly RankableOffer[], Int32Array>();

function nameOrder(offers: readonly RankableOffer[]): Int32Array {
  let order = nameOrders.get(offers);
  if (!order) {
    order = Int32Array.from(
      offers
        .map((_, i) => i)
        .sort(
          (a, b) =>
            compareSwedish(offers[a]!.name, offers[b]!.name) || (offers[a]!.id < offers[b]!.id ? -1 : 1),
        ),
    );
    nameOrders.set(offers, order);
  }
  return order;
}

/**
 * Offers the needs reach, eligible first by score, then near misses (when asked) by score. Every offer is
 * scored into typed arrays without allocating objects; candidates, taken in name order, are ordered by a stable
 * counting sort on the score (three decimals, so 1,001 values) and then needs answered, so ties keep the name
 * order without a comparison sort (a large catalogue has thousands of offers on one score); the rules
 * are checked best-first only until the lists are full, and only the results returned get their hits, words
 * and rule verdicts.
 */
export function rankOffers(input: RankInput): RankedOffer[] {
  const w = input.weights ?? WEIGHTS;
  const needs = input.needs.map((need, i) => prepareNeed(need, input.evidence[i] ?? [], w));
  const codes = new Set(needs.flatMap((need) => (need.theme ? [need.theme] : need.inferred)));
  const total = input.offers.length;
  const candidateOffer = new Int32Array(total);
  const candidateScore = new Int16Array(total);
  const candidateAnswered = new Int8Array(total);
  const candidateRelevance = new Float64Array(total);
  const candidateOf = new Int32Array(total).fill(-1);
  let count = 0;
  const columns = offerColumns(input, w);
  const needThemes = needs.map((need) => needThemeColumns(need, columns, input.offers, w));
  const themeColumns = [...codes].map((code) => overlapColumn(columns, input.offers, code));
  for (let i = 0; i < total; i++) {
    // Reached by a shared theme or by one of a need's words; an offer reached by neither scores 0.
    let reached = false;
    for (const column of themeColumns) if (column[i]! > 0) reached = true;
    for (const need of needs) if (need.hasText && need.text.has(i)) reached = true;
    if (!reached) continue;
    let sum = 0;
    let answered = 0;
    for (let n = 0; n < needs.length; n++) {
      const score = needScore(needs[n]!, themeAt(needThemes[n]!, i), i, w);
      sum += score;
      if (score >= w.answeredFrom) answered++;
    }
    if (answered === 0) continue;
    const relevance = sum / needs.length;
    const factors = scoreFactorAt(i, columns, input);
    candidateOffer[count] = i;
    candidateScore[count] = Math.round(Math.min(1, relevance * factors) * 1000);
    candidateAnswered[count] = answered;
    candidateRelevance[count] = relevance;
    candidateOf[i] = count;
    count++;
  }
  // The candidates in name order, which the stable counting sort below keeps for ties.
  const byName = nameOrder(input.offers);
  const inNameOrder = new Int32Array(count);
  for (let n = 0, m = 0; n < total; n++) {
    const k = candidateOf[byName[n]!]!;
    if (k >= 0) inNameOrder[m++] = k;
  }
  // Counting sort by score, best first, then by needs answered, most first (1 to needs.length); stable.
  const perScore = needs.length;
  const bucketOf = (k: number) => (1000 - candidateScore[k]!) * perScore + (perScore - candidateAnswered[k]!);
  const buckets = 1001 * perScore;
  const starts = new Int32Array(buckets + 1);
  for (let k = 0; k < count; k++) starts[bucketOf(k) + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const order = new Int32Array(count);
  const fill = starts.slice();
  for (const k of inNameOrder) order[fill[bucketOf(k)]!++] = k;

  const eligible: RankedOffer[] = [];
  const nearMisses: RankedOffer[] = [];
  const missLimit = input.includeNearMisses ? input.limit : 0;
  const cover = needs.length > 1 && w.coverage > 0;
  const eligibleLimit = cover ? input.limit * w.coveragePool : input.limit;
  for (let j = 0; j < count; j++) {
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
        .map((need, n) => needHit(need, n, offer, position, input.offerTextThemes?.[position], w))
        .filter((hit) => hit.score >= w.answeredFrom),
      outcomes: input.outcomes?.get(offer.id),
      full: offer.capacity_remaining === 0,
    });
  }
  const ranked = cover ? coverRanking(eligible, needs, needThemes, columns, input) : eligible;
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
  needThemes: readonly NeedThemeColumns[],
  columns: OfferColumns,
  input: RankInput,
): RankedOffer[] {
  const w = columns.weights;
  const limit = input.limit;
  const perNeed = pool.map((r) =>
    needs.map((need, n) => needScore(need, themeAt(needThemes[n]!, r.offer), r.offer, w)),
  );
  // The score's factors as rankOffers applies them: the gain moves only relevance.
  const factor = pool.map((r) => scoreFactorAt(r.offer, columns, input));
  const left = needs.map(() => 1);
  const chosen: RankedOffer[] = [];
  const taken = new Set<number>();
  const share = w.coverage;
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
