// Hard eligibility: an offer's own rules (area, SNI include/exclude, size band, company age, validity
// dates) checked against what is known of a company. Pure. A rule the company's profile cannot decide
// (e.g. an area rule when no municipality was given) is "unknown": it does not exclude the offer, and the
// reasons say what to check.

/** The offer fields the rules read (as the catalogue index holds them). */
export type OfferRules = {
  eligible_county_codes: readonly string[];
  eligible_municipality_codes: readonly string[];
  size_bands: readonly string[];
  sni_include: readonly string[];
  sni_exclude: readonly string[];
  valid_from: string | null;
  valid_to: string | null;
  min_company_age_years?: number | null | undefined;
  max_company_age_years?: number | null | undefined;
};

/** What is known of the company, resolved against the reference lists. */
export type CompanyFacts = {
  municipality?: string | undefined;
  county?: string | undefined;
  /** SNI 2007 digits (2 to 5), without a dot. */
  sni?: string | undefined;
  /** The SNI section letter of `sni`. */
  section?: string | undefined;
  sizeBand?: string | undefined;
  /** Whole years since the founding year. */
  age?: number | undefined;
};

export type RuleCode = "area" | "sni" | "size" | "age" | "validity";

/** One rule's verdict. `open` means the offer has no such rule. */
export type RuleVerdict = { rule: RuleCode; verdict: "pass" | "fail" | "unknown" | "open" };

const SECTION = /^[A-U]$/;

/** Whether an SNI include/exclude entry (section letter or digit prefix) names the company's code. */
export function sniEntryNames(entry: string, sni: string, section: string | undefined): boolean {
  if (SECTION.test(entry)) return entry === section;
  const digits = entry.replace(".", "");
  return /^\d{2,5}$/.test(digits) && sni.startsWith(digits);
}

/** The area rule alone (it reads only the company's municipality and county). */
export function areaVerdict(offer: OfferRules, company: CompanyFacts): RuleVerdict["verdict"] {
  if (offer.eligible_county_codes.length === 0 && offer.eligible_municipality_codes.length === 0)
    return "open";
  if (!company.municipality) return "unknown";
  const inArea =
    offer.eligible_municipality_codes.includes(company.municipality) ||
    (company.county !== undefined && offer.eligible_county_codes.includes(company.county));
  return inArea ? "pass" : "fail";
}

function sniVerdict(offer: OfferRules, company: CompanyFacts): RuleVerdict["verdict"] {
  if (offer.sni_include.length === 0 && offer.sni_exclude.length === 0) return "open";
  if (!company.sni) return "unknown";
  const names = (entry: string) => sniEntryNames(entry, company.sni!, company.section);
  const included = offer.sni_include.length === 0 || offer.sni_include.some(names);
  return included && !offer.sni_exclude.some(names) ? "pass" : "fail";
}

function sizeVerdict(offer: OfferRules, company: CompanyFacts): RuleVerdict["verdict"] {
  if (offer.size_bands.length === 0) return "open";
  if (!company.sizeBand) return "unknown";
  return offer.size_bands.includes(company.sizeBand) ? "pass" : "fail";
}

function ageVerdict(offer: OfferRules, company: CompanyFacts): RuleVerdict["verdict"] {
  const min = offer.min_company_age_years ?? null;
  const max = offer.max_company_age_years ?? null;
  if (min === null && max === null) return "open";
  if (company.age === undefined) return "unknown";
  return (min === null || company.age >= min) && (max === null || company.age <= max) ? "pass" : "fail";
}

function validityVerdict(offer: OfferRules, today: string): RuleVerdict["verdict"] {
  if (offer.valid_from === null && offer.valid_to === null) return "open";
  const started = offer.valid_from === null || offer.valid_from <= today;
  const notEnded = offer.valid_to === null || offer.valid_to >= today;
  return started && notEnded ? "pass" : "fail";
}

/** Every rule's verdict for the company on `today` (YYYY-MM-DD). */
export function checkRules(offer: OfferRules, company: CompanyFacts, today: string): RuleVerdict[] {
  return [
    { rule: "area", verdict: areaVerdict(offer, company) },
    { rule: "sni", verdict: sniVerdict(offer, company) },
    { rule: "size", verdict: sizeVerdict(offer, company) },
    { rule: "age", verdict: ageVerdict(offer, company) },
    { rule: "validity", verdict: validityVerdict(offer, today) },
  ];
}

/** Eligible: no rule fails (rules the profile cannot decide do not exclude). */
export function isEligible(verdicts: readonly RuleVerdict[]): boolean {
  return verdicts.every((v) => v.verdict !== "fail");
}
