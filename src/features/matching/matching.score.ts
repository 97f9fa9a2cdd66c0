import type { WordEvidence } from "#src/features/catalogue/catalogue.service.ts";
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
// capacity factor then move it a little. Hard eligibility decides `eligible`, never the score.

/** An offer as ranking reads it. */
export type RankableOffer = OfferRules & {
  id: string;
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
};

/** The tuning knobs (docs/matching.md explains each). */
export const WEIGHTS = {
  /** A need with both a theme and text: the theme's share of the need score (the text has the rest). */
  themeShare: 0.55,
  /** Theme overlap when the need's theme is not the offer's first (main) theme. */
  secondaryTheme: 0.8,
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
  /** Pseudo-outcomes on each side of the outcome prior (Beta(k, k)): with none, the factor is 1. */
  priorStrength: 2,
  /** The outcome factor ranges over 1 ± priorSpan/2. */
  priorSpan: 0.2,
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

function textScore(words: readonly WordEvidence[], offer: number, found: string[]): number {
  let total = 0;
  let held = 0;
  for (const word of words) {
    total += word.idf;
    const strong = word.strong.get(offer);
    const weak = word.weak.get(offer);
    const floor = WEIGHTS.fieldFloor;
    const value = Math.max(
      strong === undefined ? 0 : floor + (1 - floor) * strong,
      weak === undefined ? 0 : WEIGHTS.synonym * (floor + (1 - floor) * weak),
    );
    if (value > 0) {
      held += word.idf * value;
      found.push(word.word);
    }
  }
  return total > 0 ? held / total : 0;
}

function needHit(input: RankInput, offerIndex: number, needIndex: number): NeedHit {
  const need = input.needs[needIndex]!;
  const offer = input.offers[offerIndex]!;
  const overlap = (code: string) => {
    const position = offer.themes.indexOf(code);
    return position < 0 ? 0 : position === 0 ? 1 : WEIGHTS.secondaryTheme;
  };
  let theme = need.theme ? overlap(need.theme) : 0;
  let inferredTheme: string | undefined;
  if (!need.theme) {
    for (const code of need.inferredThemes ?? []) {
      const value = WEIGHTS.inferredTheme * overlap(code);
      if (value > theme) {
        theme = value;
        inferredTheme = code;
      }
    }
  }
  const words: string[] = [];
  const evidence = input.evidence[needIndex] ?? [];
  const hasText = Boolean(need.text?.trim()) && evidence.length > 0;
  const text = hasText ? textScore(evidence, offerIndex, words) : 0;
  const themed = Boolean(need.theme) || (need.inferredThemes?.length ?? 0) > 0;
  let score: number;
  if (themed && hasText) score = WEIGHTS.themeShare * theme + (1 - WEIGHTS.themeShare) * text;
  else if (themed) score = theme;
  else score = text;
  return { need: needIndex, theme: theme > 0, ...(inferredTheme ? { inferredTheme } : {}), words, score };
}

/** Offers the needs reach, eligible first by score, then near misses (when asked) by score. */
export function rankOffers(input: RankInput): RankedOffer[] {
  const eligible: RankedOffer[] = [];
  const nearMisses: RankedOffer[] = [];
  for (let i = 0; i < input.offers.length; i++) {
    const hits = input.needs.map((_, n) => needHit(input, i, n));
    const answered = hits.filter((h) => h.score >= WEIGHTS.answeredFrom);
    if (answered.length === 0) continue;
    const offer = input.offers[i]!;
    const relevance = hits.reduce((sum, h) => sum + h.score, 0) / input.needs.length;
    const outcomes = input.outcomes?.get(offer.id);
    const full = offer.capacity_remaining === 0;
    // Divided by the largest outcome factor, so the score stays within [0, 1] and the prior still counts
    // at the top.
    const factors = (outcomeFactor(outcomes) * (full ? WEIGHTS.noCapacity : 1)) / (1 + WEIGHTS.priorSpan / 2);
    const score = Math.min(1, relevance * factors);
    const verdicts = checkRules(offer, input.company, input.today);
    const ranked: RankedOffer = {
      offer: i,
      score: Math.round(score * 1000) / 1000,
      relevance,
      eligible: isEligible(verdicts),
      verdicts,
      hits: answered,
      outcomes,
      full,
    };
    (ranked.eligible ? eligible : nearMisses).push(ranked);
  }
  // Ties: more needs answered, then the offer id, so the order is stable across runs.
  const order = (a: RankedOffer, b: RankedOffer) =>
    b.score - a.score ||
    b.hits.length - a.hits.length ||
    (input.offers[a.offer]!.id < input.offers[b.offer]!.id ? -1 : 1);
  eligible.sort(order);
  nearMisses.sort(order);
  const top = eligible.slice(0, input.limit);
  return input.includeNearMisses ? [...top, ...nearMisses.slice(0, input.limit)] : top;
}
