import { describe, expect, it } from "vitest";
import type { WordEvidence } from "#src/features/catalogue/catalogue.service.ts";
import { type RankableOffer, rankOffers } from "./matching.score.ts";
import { outcomeFactor, WEIGHTS } from "./matching.weights.ts";

const TODAY = "2026-11-28";

function offer(id: string, themes: string[], extra: Partial<RankableOffer> = {}): RankableOffer {
  return {
    id,
    name: id,
    themes,
    eligible_county_codes: [],
    eligible_municipality_codes: [],
    size_bands: [],
    sni_include: [],
    sni_exclude: [],
    valid_from: null,
    valid_to: null,
    capacity_remaining: null,
    ...extra,
  };
}

const rank = (offers: RankableOffer[], needs: { theme?: string }[], extra = {}) =>
  rankOffers({
    offers,
    evidence: needs.map(() => []),
    needs,
    company: {},
    today: TODAY,
    limit: 10,
    includeNearMisses: false,
    ...extra,
  }).map((r) => ({ id: offers[r.offer]!.id, score: r.score }));

describe("ranking", () => {
  it("puts an offer answering two needs above one answering one", () => {
    const offers = [offer("one", ["financing"]), offer("two", ["recruitment", "financing"])];
    const ranked = rank(offers, [{ theme: "financing" }, { theme: "recruitment" }]);
    expect(ranked.map((r) => r.id)).toEqual(["two", "one"]);
  });

  it("with several needs, answers each need before repeating one, and scores still fall down the list", () => {
    // Three offers for the financing need (main theme), one for recruitment (second theme: 0.8).
    const offers = [
      offer("loan-a", ["financing"]),
      offer("loan-b", ["financing"]),
      offer("loan-c", ["financing"]),
      offer("hiring", ["training", "recruitment"]),
    ];
    const needs = [{ theme: "financing" }, { theme: "recruitment" }];
    const ranked = rank(offers, needs);
    // By relevance alone the three loans (0.5) come before the recruitment offer (0.8 · 0.95 / 2 = 0.38).
    expect(ranked.map((r) => r.id)).toEqual(["loan-a", "hiring", "loan-b", "loan-c"]);
    const scores = ranked.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The first keeps its plain score (relevance / the largest outcome factor).
    expect(scores[0]).toBeCloseTo(0.5 / (1 + WEIGHTS.priorSpan / 2), 3);
    // A need answered already counts only for the share that is not about covering needs.
    expect(scores[2]).toBeCloseTo((0.5 * (1 - WEIGHTS.coverage)) / (1 + WEIGHTS.priorSpan / 2), 3);
  });

  it("with one need, keeps the order by relevance", () => {
    const offers = [offer("second", ["training", "financing"]), offer("main", ["financing"])];
    expect(rank(offers, [{ theme: "financing" }]).map((r) => r.id)).toEqual(["main", "second"]);
  });

  it("leaves out offers that answer no need", () => {
    expect(rank([offer("other", ["training"])], [{ theme: "financing" }])).toEqual([]);
  });

  it("ranks an offer with no capacity left lower, but keeps it", () => {
    const offers = [offer("full", ["financing"], { capacity_remaining: 0 }), offer("open", ["financing"])];
    const ranked = rank(offers, [{ theme: "financing" }]);
    expect(ranked.map((r) => r.id)).toEqual(["open", "full"]);
    expect(ranked[1]!.score / ranked[0]!.score).toBeCloseTo(WEIGHTS.noCapacity, 2);
  });

  it("without the company's municipality, ranks an offer for some municipalities below a county-wide one", () => {
    const offers = [
      offer("askersund-only", ["financing"], { eligible_municipality_codes: ["1882"] }),
      offer("county", ["financing"], { eligible_county_codes: ["18"] }),
    ];
    const unknown = rank(offers, [{ theme: "financing" }]);
    // By name alone "askersund-only" would come first.
    expect(unknown.map((r) => r.id)).toEqual(["county", "askersund-only"]);
    expect(unknown[1]!.score / unknown[0]!.score).toBeCloseTo(WEIGHTS.areaUnknown, 2);
    // In Askersund both apply: no doubt, the same score.
    const known = rank(offers, [{ theme: "financing" }], { company: { municipality: "1882", county: "18" } });
    expect(known[0]!.score).toBe(known[1]!.score);
  });

  it("scores with the knobs a tuning run passes instead of WEIGHTS", () => {
    const offers = [
      offer("askersund-only", ["financing"], { eligible_municipality_codes: ["1882"] }),
      offer("county", ["financing"], { eligible_county_codes: ["18"] }),
    ];
    // The same offer list first with WEIGHTS: what ranking keeps per list must not outlive the knobs.
    expect(rank(offers, [{ theme: "financing" }]).map((r) => r.id)).toEqual(["county", "askersund-only"]);
    const weights = { ...WEIGHTS, areaUnknown: 1, themeBreadth: 0 };
    const ranked = rank(offers, [{ theme: "financing" }], { weights });
    // No doubt for the area any more: equal scores, so the name decides.
    expect(ranked.map((r) => r.id)).toEqual(["askersund-only", "county"]);
    expect(ranked[0]!.score).toBe(ranked[1]!.score);
  });

  it("ranks a focused offer above one about more themes that answers the need as well", () => {
    // Both have the need's theme first; by name alone "broad" would come first.
    const offers = [
      offer("focused", ["financing"]),
      offer("broad", ["financing", "innovation", "startup-growth"]),
    ];
    const ranked = rank(offers, [{ theme: "financing" }]);
    expect(ranked.map((r) => r.id)).toEqual(["focused", "broad"]);
    expect(ranked[1]!.score / ranked[0]!.score).toBeCloseTo(1 - 2 * WEIGHTS.themeBreadth, 2);
  });

  it("ranks an offer whose own words are about the need's theme above one that only carries its code", () => {
    // Same themes; by name alone "coded" would come first.
    const offers = [offer("coded", ["financing"]), offer("said", ["financing"])];
    const offerTextThemes = [new Map([["sustainability", 1]]), new Map([["financing", 1]])];
    const ranked = rank(offers, [{ theme: "financing" }], { offerTextThemes });
    expect(ranked.map((r) => r.id)).toEqual(["said", "coded"]);
    expect(ranked[1]!.score / ranked[0]!.score).toBeCloseTo(1 - WEIGHTS.themeInText, 2);
  });

  it("weights text matches by where the word stands and how rare it is", () => {
    const evidence: WordEvidence[] = [
      {
        word: "maskin",
        idf: 2,
        strong: new Map([
          [0, 1],
          [1, 0.2],
        ]),
        weak: new Map(),
      },
      { word: "lån", idf: 1, strong: new Map(), weak: new Map([[1, 1]]) },
    ];
    const offers = [offer("name", ["training"]), offer("description", ["training"])];
    const ranked = rankOffers({
      offers,
      evidence: [evidence],
      needs: [{ text: "maskin lån" }],
      company: {},
      today: TODAY,
      limit: 10,
      includeNearMisses: false,
    });
    expect(ranked.map((r) => offers[r.offer]!.id)).toEqual(["name", "description"]);
    expect(ranked[0]!.hits[0]!.words).toEqual(["maskin"]);
    expect(ranked[1]!.hits[0]!.words).toEqual(["maskin", "lån"]);
  });
});

describe("outcome prior", () => {
  it("is neutral without outcomes", () => {
    expect(outcomeFactor(undefined)).toBe(1);
    expect(outcomeFactor({ helped: 0, total: 0 })).toBe(1);
  });

  it("moves a little with one outcome and never past its bounds", () => {
    const one = outcomeFactor({ helped: 1, total: 1 });
    expect(one).toBeGreaterThan(1);
    expect(one).toBeLessThan(1.05);
    expect(outcomeFactor({ helped: 1000, total: 1000 })).toBeLessThanOrEqual(1 + WEIGHTS.priorSpan / 2);
    expect(outcomeFactor({ helped: 0, total: 1000 })).toBeGreaterThanOrEqual(1 - WEIGHTS.priorSpan / 2);
  });

  it("lets a record of helping reorder equally relevant offers, not a single outcome override relevance", () => {
    const offers = [offer("a", ["financing"]), offer("b", ["financing"]), offer("c", ["financing", "x"])];
    const outcomes = new Map([
      ["b", { helped: 9, total: 10 }],
      ["a", { helped: 1, total: 10 }],
    ]);
    const ranked = rank(offers, [{ theme: "financing" }], { outcomes });
    expect(ranked.map((r) => r.id)).toEqual(["b", "c", "a"]);
    // One good outcome does not lift a secondary-theme offer above a main-theme one.
    const single = rank(
      [offer("main", ["financing"]), offer("secondary", ["x", "financing"])],
      [{ theme: "financing" }],
      {
        outcomes: new Map([["secondary", { helped: 1, total: 1 }]]),
      },
    );
    expect(single.map((r) => r.id)).toEqual(["main", "secondary"]);
  });
});
