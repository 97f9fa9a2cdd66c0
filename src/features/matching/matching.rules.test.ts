import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CompanyFacts, checkRules, isEligible, type OfferRules } from "./matching.rules.ts";
import { type RankableOffer, rankOffers } from "./matching.score.ts";

// Must-show 1 of issue 6: no result marked eligible breaks one of the offer's hard rules, over generated
// companies and offers. The oracle below restates each rule from the issue directly, independently of
// matching.rules.ts, and is applied to what the ranking returns.

const COUNTIES = ["17", "18", "19"];
const MUNICIPALITIES: Record<string, string> = {
  "1763": "17",
  "1780": "17",
  "1880": "18",
  "1884": "18",
  "1885": "18",
  "1980": "19",
};
const BANDS = ["0", "1-4", "5-9", "10-19", "20-49", "50-99"];
const SECTION_OF: Record<string, string> = {
  "01": "A",
  "10": "C",
  "25": "C",
  "41": "F",
  "55": "I",
  "62": "J",
};
const SNI_CODES = ["01110", "10130", "25620", "25110", "41200", "55101", "62010"];
const THEMES = ["financing", "recruitment", "production"];
const TODAY = "2026-11-28";

const day = fc
  .integer({ min: -400, max: 400 })
  .map((offset) =>
    new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10),
  );
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const subset = <T>(values: T[]) => fc.subarray(values, { maxLength: 3 });

const offerArb: fc.Arbitrary<RankableOffer> = fc
  .record({
    themes: fc.subarray(THEMES, { minLength: 1 }),
    eligible_county_codes: subset(COUNTIES),
    eligible_municipality_codes: subset(Object.keys(MUNICIPALITIES)),
    size_bands: subset(BANDS),
    sni_include: subset(["A", "C", "F", "25", "251", "55"]),
    sni_exclude: subset(["A", "I", "256", "62"]),
    from: maybe(day),
    to: maybe(day),
    minAge: maybe(fc.integer({ min: 0, max: 15 })),
    maxAge: maybe(fc.integer({ min: 0, max: 30 })),
    capacity_remaining: maybe(fc.integer({ min: 0, max: 5 })),
  })
  .map((o) => ({
    id: "",
    name: "",
    themes: o.themes,
    eligible_county_codes: o.eligible_county_codes,
    eligible_municipality_codes: o.eligible_municipality_codes,
    size_bands: o.size_bands,
    sni_include: o.sni_include,
    sni_exclude: o.sni_exclude,
    valid_from: o.from,
    valid_to: o.to,
    min_company_age_years: o.minAge,
    max_company_age_years: o.maxAge,
    capacity_remaining: o.capacity_remaining,
  }));

const companyArb: fc.Arbitrary<CompanyFacts> = fc
  .record({
    municipality: fc.option(fc.constantFrom(...Object.keys(MUNICIPALITIES)), { nil: undefined }),
    sni: fc.option(fc.constantFrom(...SNI_CODES), { nil: undefined }),
    sizeBand: fc.option(fc.constantFrom(...BANDS), { nil: undefined }),
    age: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  })
  .map((c) => ({
    ...c,
    county: c.municipality ? MUNICIPALITIES[c.municipality] : undefined,
    section: c.sni ? SECTION_OF[c.sni.slice(0, 2)] : undefined,
  }));

/** Every hard rule the company's known facts break, restated from the issue. */
function brokenRules(offer: OfferRules, company: CompanyFacts): string[] {
  const broken: string[] = [];
  const hasArea = offer.eligible_county_codes.length + offer.eligible_municipality_codes.length > 0;
  if (hasArea && company.municipality) {
    const county = MUNICIPALITIES[company.municipality]!;
    if (
      !offer.eligible_municipality_codes.includes(company.municipality) &&
      !offer.eligible_county_codes.includes(county)
    )
      broken.push("area");
  }
  if (company.sni) {
    const section = SECTION_OF[company.sni.slice(0, 2)];
    const covers = (entry: string) =>
      /^[A-Z]$/.test(entry) ? entry === section : company.sni!.startsWith(entry);
    if (offer.sni_include.length > 0 && !offer.sni_include.some(covers)) broken.push("sni include");
    if (offer.sni_exclude.some(covers)) broken.push("sni exclude");
  }
  if (offer.size_bands.length > 0 && company.sizeBand && !offer.size_bands.includes(company.sizeBand))
    broken.push("size");
  if (company.age !== undefined) {
    if (offer.min_company_age_years != null && company.age < offer.min_company_age_years)
      broken.push("min age");
    if (offer.max_company_age_years != null && company.age > offer.max_company_age_years)
      broken.push("max age");
  }
  if (offer.valid_from !== null && offer.valid_from > TODAY) broken.push("not yet valid");
  if (offer.valid_to !== null && offer.valid_to < TODAY) broken.push("expired");
  return broken;
}

describe("hard eligibility", () => {
  it("never marks a result eligible when it breaks one of the offer's rules (property-based)", () => {
    fc.assert(
      fc.property(
        fc.array(offerArb, { minLength: 1, maxLength: 25 }),
        companyArb,
        fc.subarray(THEMES, { minLength: 1 }),
        (generated, company, themes) => {
          const offers = generated.map((offer, i) => ({
            ...offer,
            id: `offer-${i}`,
            name: `Erbjudande ${i}`,
          }));
          const results = rankOffers({
            offers,
            evidence: themes.map(() => []),
            needs: themes.map((theme) => ({ theme })),
            company,
            today: TODAY,
            limit: 50,
            includeNearMisses: true,
          });
          for (const result of results) {
            const broken = brokenRules(offers[result.offer]!, company);
            expect(result.eligible, `${broken.join(", ")} in ${JSON.stringify(offers[result.offer])}`).toBe(
              broken.length === 0,
            );
          }
          // Eligible results come before every near miss.
          const firstMiss = results.findIndex((r) => !r.eligible);
          if (firstMiss >= 0) expect(results.slice(firstMiss).every((r) => !r.eligible)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves a rule the profile cannot decide open, and says so", () => {
    const offer: OfferRules = {
      eligible_county_codes: ["18"],
      eligible_municipality_codes: [],
      size_bands: ["0", "1-4"],
      sni_include: ["C"],
      sni_exclude: [],
      valid_from: null,
      valid_to: null,
      min_company_age_years: 2,
      max_company_age_years: null,
    };
    const verdicts = checkRules(offer, {}, TODAY);
    expect(verdicts.map((v) => v.verdict)).toEqual(["unknown", "unknown", "unknown", "unknown", "open"]);
    expect(isEligible(verdicts)).toBe(true);
    const nora = checkRules(offer, { municipality: "1884", county: "18", sizeBand: "10-19", age: 1 }, TODAY);
    expect(nora.filter((v) => v.verdict === "fail").map((v) => v.rule)).toEqual(["size", "age"]);
  });
});
