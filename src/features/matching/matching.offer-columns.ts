import type { RankableOffer, RankInput } from "./matching.score.ts";
import { outcomeFactor, type Weights } from "./matching.weights.ts";

// What ranking reads of every offer, as columns by position (matching.score.ts): theme overlap per theme code,
// and the capacity and area facts that move a score. Made once per offer list and kept while the list, its
// text themes and the knobs stay the same (the catalogue index keeps its list until the catalogue changes),
// so ranking 10,000 offers reads arrays instead of searching each offer's themes for every need.

/** The themes an offer's own words are about (`RankInput.offerTextThemes`), when known. */
export type TextThemes = ReadonlyMap<string, number> | undefined;

/**
 * How much an offer is about a theme code: 1 for its first (main) theme, `secondaryTheme` for another, 0
 * when it does not have it; less for an offer about more themes (`themeBreadth`) and for one whose own words
 * say little of the theme (`themeInText`).
 */
export function themeOverlap(themes: readonly string[], code: string, text: TextThemes, w: Weights): number {
  const position = themes.indexOf(code);
  if (position < 0) return 0;
  // An offer about fewer themes is more about each of them (as a long text holds each word less).
  const focus = 1 - w.themeBreadth * (themes.length - 1);
  // And one whose own words are about the theme more than one that only carries its code.
  const said = text ? 1 - w.themeInText + w.themeInText * (text.get(code) ?? 0) : 1;
  return (position === 0 ? 1 : w.secondaryTheme) * focus * said;
}

/** An offer open only to some municipalities (not a whole county, not everyone). */
const municipalitiesOnly = (offer: RankableOffer) =>
  offer.eligible_municipality_codes.length > 0 && offer.eligible_county_codes.length === 0;

/** The columns of one offer list, for the text themes and knobs they were made with. */
export type OfferColumns = {
  text: RankInput["offerTextThemes"];
  weights: Weights;
  full: Uint8Array;
  municipalitiesOnly: Uint8Array;
  overlaps: Map<string, Float64Array>;
};

const offerColumnsByList = new WeakMap<readonly RankableOffer[], OfferColumns>();

/** The columns of `input.offers`, made again only when the list, its text themes or the knobs change. */
export function offerColumns(input: RankInput, w: Weights): OfferColumns {
  let columns = offerColumnsByList.get(input.offers);
  if (!columns || columns.text !== input.offerTextThemes || columns.weights !== w) {
    const { offers } = input;
    columns = {
      text: input.offerTextThemes,
      weights: w,
      full: Uint8Array.from(offers, (offer) => (offer.capacity_remaining === 0 ? 1 : 0)),
      municipalitiesOnly: Uint8Array.from(offers, (offer) => (municipalitiesOnly(offer) ? 1 : 0)),
      overlaps: new Map(),
    };
    offerColumnsByList.set(input.offers, columns);
  }
  return columns;
}

/** `themeOverlap` of every offer of the list with one theme code, made once per code. */
export function overlapColumn(
  columns: OfferColumns,
  offers: readonly RankableOffer[],
  code: string,
): Float64Array {
  let column = columns.overlaps.get(code);
  if (!column) {
    column = Float64Array.from(offers, (offer, i) =>
      themeOverlap(offer.themes, code, columns.text?.[i], columns.weights),
    );
    columns.overlaps.set(code, column);
  }
  return column;
}

/**
 * What moves offer `i`'s relevance into its score: the outcome prior, no capacity left, and an area open only
 * to some municipalities when the company's municipality is unknown. Divided by the largest outcome factor,
 * so the score stays within [0, 1] and the prior still counts at the top.
 */
export function scoreFactorAt(i: number, columns: OfferColumns, input: RankInput): number {
  const w = columns.weights;
  const outcomes =
    input.outcomes && input.outcomes.size > 0 ? input.outcomes.get(input.offers[i]!.id) : undefined;
  return (
    (outcomeFactor(outcomes, w) *
      (columns.full[i] === 1 ? w.noCapacity : 1) *
      (columns.municipalitiesOnly[i] === 1 && !input.company.municipality ? w.areaUnknown : 1)) /
    (1 + w.priorSpan / 2)
  );
}
