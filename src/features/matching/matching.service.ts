import type { Db } from "#src/db/client.ts";
import {
  type CatalogueForMatching,
  catalogueForMatching,
} from "#src/features/catalogue/catalogue.service.ts";
import { outcomeStatsFor } from "#src/features/referrals/referrals.outcomes.ts";
import {
  type FieldErrors,
  FieldValidationError,
  fieldErrorsFromZod,
  throwIfFieldErrors,
} from "#src/shared/field-errors.ts";
import { type Locale, pick } from "#src/shared/i18n.ts";
import { explain, type ReasonLabels } from "./matching.reasons.ts";
import type { CompanyFacts } from "./matching.rules.ts";
import { MatchRequest, type MatchResponse, type MatchResult } from "./matching.schemas.ts";
import { type RankNeed, rankOffers } from "./matching.score.ts";
import { inferThemeWeights, themeCues } from "./matching.theme-cues.ts";
import type { OutcomeStats, Weights } from "./matching.weights.ts";

// The matching service (issue 6): a company profile and its needs in, the catalogue's offers ranked for
// that company out, each with reasons. The catalogue comes from its in-memory index (decision record 004);
// a match costs one SQL statement (the needs' words, the catalogue version and the date), two when a word
// needs a spelling correction, plus a rebuild of the index when the catalogue changed since the last one.

export type MatchOptions = {
  locale: Locale;
  /**
   * Referral outcomes per offer id for companies like this one; when not given, those of lotsning's closed
   * referrals (referrals.outcomes.ts).
   */
  outcomes?: ReadonlyMap<string, OutcomeStats>;
  /** Scoring knobs other than `WEIGHTS`: for tuning runs (`npm run tune:matching`), never from a request. */
  weights?: Weights;
};

/** A result with what pages need besides the API's fields. */
export type MatchResultDetail = MatchResult & { summary: string; costType: string };

const field = (sv: string, en: string) => ({ sv, en });

// Words of how companies phrase a need rather than what they need ("vi behöver hjälp med ett nytt …"):
// left out of the text match, where they would otherwise favour offers whose texts happen to use them.
const NEED_PHRASING = new Set(
  "behöver behov behövs vill ville ska skulle kunna kan hjälp hjälpa få göra ny nya nytt mer bättre gärna söker letar hitta företag företaget bolag bolaget vår våra vårt".split(
    " ",
  ),
);

/** Two-letter words that name a need; other words under three letters ("ta in", "på") do not. */
const SHORT_TOPICS = new Set(["it", "ai", "hr", "vd"]);

/**
 * A need's text as matching reads it: hyphenated words also as their parts ("CNC-maskin" → "CNC maskin",
 * since the first part is rarely in the catalogue's vocabulary), phrasing and very short words left out.
 */
export function needWords(text: string): string {
  return text
    .replace(/(\p{L}{2,})-(?=\p{L}{2,})/gu, "$1 ")
    .split(/\s+/)
    .filter((word) => {
      const bare = word.toLocaleLowerCase("sv-SE").replace(/[^\p{L}\p{N}]/gu, "");
      return !NEED_PHRASING.has(bare) && (bare.length >= 3 || SHORT_TOPICS.has(bare));
    })
    .join(" ");
}

function labelsOf(catalogue: CatalogueForMatching): ReasonLabels {
  const { reference } = catalogue;
  return {
    themes: new Map(reference.themes.map((t) => [t.code, t])),
    municipalities: new Map(reference.municipalities.map((m) => [m.code, m.short_name])),
    counties: new Map(reference.counties.map((c) => [c.code, c.name])),
    sizeBands: reference.sizeBands,
    sniSections: new Map((reference.sniSectionNames ?? []).map((s) => [s.code, s])),
  };
}

/** Checks the codes against the reference lists and resolves what is known of the company. */
function companyFacts(
  request: ReturnType<typeof MatchRequest.parse>,
  catalogue: CatalogueForMatching,
): CompanyFacts {
  const { company, needs } = request;
  const errors: FieldErrors = {};
  const themes = new Set(catalogue.reference.themes.map((t) => t.code));
  needs.forEach((need, i) => {
    if (need.theme && !themes.has(need.theme)) {
      errors[`needs.${i}.theme`] = field(`Okänt tema: ${need.theme}.`, `Unknown theme code: ${need.theme}.`);
    }
  });
  const facts: CompanyFacts = {};
  if (company.municipality !== undefined) {
    const county = catalogue.countyOfMunicipality.get(company.municipality);
    if (county === undefined) {
      errors["company.municipality"] = field(
        `Okänd kommunkod: ${company.municipality}.`,
        `Unknown municipality code: ${company.municipality}.`,
      );
    } else {
      facts.municipality = company.municipality;
      facts.county = county;
    }
  }
  if (company.sni !== undefined) {
    const sni = company.sni.replace(".", "");
    const section = catalogue.sectionOfDivision.get(sni.slice(0, 2));
    if (section === undefined) {
      errors["company.sni"] = field(
        `Okänd SNI-kod: ${company.sni}.`,
        `Unknown SNI 2007 code: ${company.sni}.`,
      );
    } else {
      facts.sni = sni;
      facts.section = section;
    }
  }
  const bands = catalogue.reference.sizeBands;
  if (company.employees !== undefined) {
    facts.sizeBand = bands.find(
      (b) =>
        (b.min_employees ?? 0) <= company.employees! &&
        (b.max_employees == null || company.employees! <= b.max_employees),
    )?.code;
  } else if (company.sizeBand !== undefined) {
    if (!bands.some((b) => b.code === company.sizeBand)) {
      errors["company.sizeBand"] = field(
        `Okänd storleksklass: ${company.sizeBand}.`,
        `Unknown size band: ${company.sizeBand}.`,
      );
    } else facts.sizeBand = company.sizeBand;
  }
  if (company.foundedYear !== undefined) {
    const year = Number(catalogue.today.slice(0, 4));
    if (company.foundedYear > year) {
      errors["company.foundedYear"] = field(
        "Startåret kan inte ligga i framtiden.",
        "The founding year cannot be in the future.",
      );
    } else facts.age = year - company.foundedYear;
  }
  throwIfFieldErrors(errors);
  return facts;
}

// Per offer list (the catalogue index keeps it until the catalogue changes): the themes each offer's own name
// and summary are about, read with the same lexicon as a need's words.
const textThemesOfOffers = new WeakMap<readonly object[], ReadonlyMap<string, number>[]>();

function offerTextThemes(
  offers: readonly { name: string; summary: string }[],
  cues: ReadonlyMap<string, readonly string[]>,
): readonly ReadonlyMap<string, number>[] {
  let profiles = textThemesOfOffers.get(offers);
  if (!profiles) {
    profiles = offers.map(
      (offer) =>
        new Map(
          inferThemeWeights(`${offer.name}. ${offer.summary}`, cues, cues.size).map((t) => [
            t.code,
            t.weight,
          ]),
        ),
    );
    textThemesOfOffers.set(offers, profiles);
  }
  return profiles;
}

/**
 * Ranks the catalogue's active offers for a company's needs: eligible offers first by score, then (when
 * `includeNearMisses`) offers the company is not eligible for, with why not. Throws FieldValidationError
 * naming the field for a malformed request or an unknown theme, municipality, SNI code or size band.
 */
export async function matchOffers(
  db: Db,
  input: unknown,
  options: MatchOptions,
): Promise<{ results: MatchResultDetail[] }> {
  const parsed = MatchRequest.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const request = parsed.data;
  const given = request.needs.map((need) => ({
    ...(need.theme ? { theme: need.theme } : {}),
    ...(need.text?.trim() ? { text: need.text.trim() } : {}),
  }));
  const catalogue = await catalogueForMatching(
    db,
    given.map((need) => needWords(need.text ?? "")),
  );
  const company = companyFacts(request, catalogue);
  // A need in words only: the themes its words are about count as weaker themes, each by its share of cues.
  const cues = themeCues(catalogue.reference.themes);
  const needs: RankNeed[] = given.map((need) => {
    if (need.theme || !need.text) return need;
    const inferred = inferThemeWeights(need.text, cues);
    return {
      ...need,
      inferredThemes: inferred.map((t) => t.code),
      inferredWeights: inferred.map((t) => t.weight),
    };
  });
  // The outcome prior: how referrals of similar companies ended (lotsning); cached in memory, so no
  // statement per match. Themes in words only count through the themes inferred from them.
  const themes = [...new Set(needs.flatMap((n) => (n.theme ? [n.theme] : (n.inferredThemes ?? []))))];
  const outcomes =
    options.outcomes ??
    (await outcomeStatsFor(db, { themes, sizeBand: company.sizeBand, sniSection: company.section }));
  const ranked = rankOffers({
    offers: catalogue.offers,
    offerTextThemes: offerTextThemes(catalogue.offers, cues),
    evidence: catalogue.texts,
    needs,
    company,
    today: catalogue.today,
    outcomes,
    limit: request.limit,
    includeNearMisses: request.includeNearMisses,
    ...(options.weights ? { weights: options.weights } : {}),
  });
  const labels = labelsOf(catalogue);
  const { locale } = options;
  return {
    results: ranked.map((r) => {
      const offer = catalogue.offers[r.offer]!;
      const { reasons, notEligibleBecause } = explain(r, offer, needs, company, labels, locale);
      return {
        offer: {
          id: offer.id,
          name: pick(locale, offer.name, offer.name_en),
          organisation: { id: offer.organisation_id, name: offer.organisationName },
        },
        score: r.score,
        eligible: r.eligible,
        reasons,
        notEligibleBecause,
        summary: pick(locale, offer.summary, offer.summary_en),
        costType: offer.cost_type,
      };
    }),
  };
}

/** The API's answer: the fixed JSON shape of `POST /api/v1/match`, without the page-only fields. */
export function toMatchResponse(match: { results: MatchResultDetail[] }): MatchResponse {
  return {
    results: match.results.map(({ summary: _summary, costType: _costType, ...result }) => result),
  };
}

/** What a navigator's page knows of a company and its needs. */
export type CompanyForMatching = {
  municipalityCode: string | null;
  sniCode: string | null;
  sizeBand: string | null;
  foundedYear: number | null;
};

/**
 * The ranking for a company in the register and its open needs (open or in a case), for navigators' pages
 * (the company page; the case page of lotsning). Empty when it has no open need. Codes the catalogue no
 * longer knows are left out of the profile rather than failing the page.
 */
export async function suggestOffersForCompany(
  db: Db,
  company: CompanyForMatching,
  needs: readonly { theme: string; description: string | null; status: string }[],
  options: MatchOptions & { limit?: number; includeNearMisses?: boolean },
): Promise<MatchResultDetail[]> {
  const open = needs.filter((need) => need.status === "open" || need.status === "in-case").slice(0, 10);
  if (open.length === 0) return [];
  const request = {
    company: {
      ...(company.municipalityCode ? { municipality: company.municipalityCode } : {}),
      ...(company.sniCode && /^\d{2,5}$/.test(company.sniCode) ? { sni: company.sniCode } : {}),
      ...(company.sizeBand ? { sizeBand: company.sizeBand } : {}),
      ...(company.foundedYear ? { foundedYear: company.foundedYear } : {}),
    },
    needs: open.map((need) => ({
      theme: need.theme,
      ...(need.description?.trim() ? { text: need.description.trim().slice(0, 2000) } : {}),
    })),
    limit: options.limit ?? 5,
    includeNearMisses: options.includeNearMisses ?? false,
  };
  try {
    return (await matchOffers(db, request, options)).results;
  } catch (error) {
    if (!(error instanceof FieldValidationError)) throw error;
    // A theme retired since the need was recorded: rank on the profile's other facts and known themes.
    const known = Object.keys(error.fields);
    const company = Object.fromEntries(
      Object.entries(request.company).filter(([key]) => !known.includes(`company.${key}`)),
    );
    const needs = request.needs.filter((_, i) => !known.includes(`needs.${i}.theme`));
    if (needs.length === 0) return [];
    return (await matchOffers(db, { ...request, company, needs }, options)).results;
  }
}
