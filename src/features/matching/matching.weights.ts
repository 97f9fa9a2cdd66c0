// The scoring knobs of matching (issue 6, docs/matching.md) and the outcome prior's arithmetic: plain data
// and one pure function, read by the ranking (matching.score.ts) and by tuning (`npm run tune:matching`).

/** Referral outcomes of one offer for companies like this one (same theme, size band, SNI section). */
export type OutcomeStats = { helped: number; total: number };

/** The tuning knobs (docs/matching.md explains each; the ranking ones fitted by `npm run tune:matching`). */
export const WEIGHTS = {
  /** A need with both a theme and text: the theme's share of the need score (the text has the rest). */
  themeShare: 0.75,
  /** Theme overlap when the need's theme is not the offer's first (main) theme. */
  secondaryTheme: 0.7,
  /** Theme overlap falls by this much for each further theme the offer has (a focused offer first). */
  themeBreadth: 0.05,
  /**
   * The share of theme overlap that depends on how much the offer's own name and summary are about the
   * theme (by the need lexicon, against the offer's strongest theme): an offer that says it beats one that
   * only carries the code.
   */
  themeInText: 0.4,
  /** A word found only through a synonym counts this much of a word found as written. */
  synonym: 0.7,
  /** Where a word stands: the field weight w (name 1, summary 0.4, description 0.2) counts as floor + (1 − floor)·w. */
  fieldFloor: 0.5,
  /** Theme overlap through a theme inferred from the need's words counts this much of a chosen theme. */
  inferredTheme: 0.9,
  /** A need counts as answered from this need score up. */
  answeredFrom: 0.05,
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

/** A set of scoring knobs, `WEIGHTS`'s shape: `RankInput.weights` for tuning (`npm run tune:matching`). */
export type Weights = { readonly [K in keyof typeof WEIGHTS]: number };

/** The outcome factor: Beta-smoothed share of "helped", mapped to 1 ± priorSpan/2; neutral without data. */
export function outcomeFactor(stats: OutcomeStats | undefined, w: Weights = WEIGHTS): number {
  if (!stats || stats.total <= 0) return 1;
  const k = w.priorStrength;
  const helped = Math.min(Math.max(stats.helped, 0), stats.total);
  const share = (helped + k) / (stats.total + 2 * k);
  return 1 + w.priorSpan * (share - 0.5);
}
