import type { Db } from "#src/db/client.ts";
import type { Offer } from "#src/features/offers/offers.schemas.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { type FacetRow, type ItemRow, searchIndex } from "./catalogue.index.search.ts";
import { type CatalogueIndex, type IndexedOffer, publicOfferHas } from "./catalogue.index.ts";
import { catalogueIndex } from "./catalogue.index-cache.ts";
import * as repository from "./catalogue.repository.ts";
import {
  type CatalogueItem,
  type CatalogueQuery,
  type CatalogueResult,
  COST_TYPES,
  type CostType,
  DEFAULT_PAGE_SIZE,
  FACETS,
  type FacetName,
  type FacetValue,
  MAX_PAGE_SIZE,
} from "./catalogue.schemas.ts";
import { queryTree } from "./catalogue.search.text.ts";
import { expandQueries, expandQuery } from "./catalogue.search.ts";

const COST_LABELS: Record<CostType, { sv: string; en: string }> = {
  free: { sv: "Kostnadsfritt", en: "Free of charge" },
  fee: { sv: "Avgift", en: "Fee" },
  loan: { sv: "Lån", en: "Loan" },
  grant: { sv: "Bidrag", en: "Grant" },
  equity: { sv: "Ägarkapital", en: "Equity" },
};

function areaLabel(row: ItemRow, locale: Locale): string {
  const names = [...row.county_names, ...row.municipality_names];
  if (names.length === 0) return locale === "en" ? "All of Sweden" : "Hela Sverige";
  return names.join(", ");
}

function toItem(row: ItemRow, locale: Locale): CatalogueItem {
  const en = locale === "en";
  return {
    id: row.id,
    name: (en && row.name_en) || row.name,
    summary: (en && row.summary_en) || row.summary,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    themes: row.themes,
    formats: row.formats,
    costType: row.cost_type as CostType,
    areaLabel: areaLabel(row, locale),
    capacityRemaining: row.capacity_remaining,
    score: Math.round(row.score * 10_000) / 10_000,
  };
}

function buildFacets(rows: FacetRow[], query: CatalogueQuery, locale: Locale) {
  const selected: Record<FacetName, string[]> = {
    theme: query.theme ?? [],
    format: query.format ?? [],
    organisation: query.organisation ?? [],
    municipality: query.municipality ? [query.municipality] : [],
    size: query.size ? [query.size] : [],
    cost: query.cost ?? [],
  };
  const facets = Object.fromEntries(FACETS.map((f) => [f, [] as (FacetValue & { ord: number })[]])) as Record<
    FacetName,
    (FacetValue & { ord: number })[]
  >;
  for (const row of rows) {
    const facet = row.facet as FacetName;
    const label = facet === "cost" ? COST_LABELS[row.value as CostType][locale] : row.label;
    facets[facet].push({
      value: row.value,
      label,
      count: row.n,
      selected: selected[facet].includes(row.value),
      ord: row.ord,
    });
  }
  // Every cost type the query selected is listed, even with no hits, so it can be deselected.
  for (const cost of selected.cost) {
    if (!facets.cost.some((v) => v.value === cost) && (COST_TYPES as readonly string[]).includes(cost)) {
      facets.cost.push({
        value: cost,
        label: COST_LABELS[cost as CostType][locale],
        count: 0,
        selected: true,
        ord: 0,
      });
    }
  }
  facets.cost.forEach((v) => {
    v.ord = COST_TYPES.indexOf(v.value as CostType);
  });
  const out = {} as Record<FacetName, FacetValue[]>;
  for (const name of FACETS) {
    out[name] = facets[name]
      .sort((a, b) => a.ord - b.ord || compareSwedish(a.label, b.label))
      .map(({ ord: _ord, ...value }) => value);
  }
  return out;
}

function activeFilters(query: CatalogueQuery): string[] {
  const active: string[] = [];
  for (const name of FACETS) {
    const value = query[name];
    if (Array.isArray(value) ? value.length > 0 : Boolean(value)) active.push(name);
  }
  if (query.sni) active.push("sni");
  return active;
}

/**
 * The public catalogue: active offers within their validity dates, searched with Swedish full-text search
 * expanded by the vocabulary (suffix variants, compounds, synonyms, spelling correction; see
 * catalogue.search.ts), ranked with the name above the summary above the description, filtered by facets
 * (OR within a facet, AND between facets) with disjunctive facet counts. All words must match; when that
 * finds nothing, any word may. When filters leave nothing, `suggestion.removeFilters` names the filters
 * whose removal (each alone, or all together) brings hits back. The match, ranking and facets run over the
 * process's in-memory index, rebuilt first when the catalogue changed (decision record 004).
 */
export async function searchCatalogue(
  db: Db,
  query: CatalogueQuery,
  locale: Locale,
): Promise<CatalogueResult> {
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.trunc(query.pageSize ?? DEFAULT_PAGE_SIZE)));
  const expanded = await expandQuery(db, query.q);
  const index = await catalogueIndex(db, expanded.version);
  const lexemesOf = (word: string) => expanded.lexemes.get(word) ?? index.synonymLexemes.get(word) ?? [];

  const noFilters = {
    theme: [],
    format: [],
    organisation: [],
    cost: [],
    municipality: null,
    size: null,
    sni: null,
  };
  const run = (mode: "all" | "any", unfiltered = false) =>
    searchIndex(index, {
      match: queryTree(expanded.words, mode, true, lexemesOf),
      primary: queryTree(expanded.words, mode, false, lexemesOf),
      filters: unfiltered
        ? noFilters
        : {
            theme: query.theme ?? [],
            format: query.format ?? [],
            organisation: query.organisation ?? [],
            cost: query.cost ?? [],
            municipality: query.municipality ?? null,
            size: query.size ?? null,
            sni: query.sni ?? null,
          },
      sort: query.sort ?? "relevance",
      limit: pageSize,
      offset: (page - 1) * pageSize,
      locale,
      today: expanded.today,
    });

  let mode: "all" | "any" = "all";
  let found = run(mode);
  const relaxable =
    expanded.words.length > 1 || expanded.words.some((w) => w.strong.some((a) => a.length > 1));
  if (found.total === 0 && relaxable) {
    mode = "any";
    found = run(mode);
  }

  const facets = buildFacets(found.facets, query, locale);
  const result: CatalogueResult = {
    items: found.items.map((row) => toItem(row, locale)),
    total: found.total,
    page,
    pageSize,
    facets,
  };
  const active = activeFilters(query);
  if (found.total === 0 && active.length > 0) {
    // A facet's counts ignore its own filter: any count there means removing that filter alone brings hits.
    const single = active.filter(
      (name) => name !== "sni" && facets[name as FacetName].some((v) => v.count > 0),
    );
    if (single.length > 0) result.suggestion = { removeFilters: single };
    else if (run(mode, true).total > 0) {
      result.suggestion = { removeFilters: active };
    }
  }
  // The vocabulary also holds words of paused, closed and expired offers; suggest a spelling only when
  // every corrected word occurs in a public offer, so the suggestion cannot reveal one that is not.
  const suggestable = expanded.words.every(
    (w) =>
      !w.correction ||
      (expanded.lexemes.get(w.correction) ?? []).some((l) => publicOfferHas(index, l, expanded.today)),
  );
  if (expanded.didYouMean && suggestable) result.didYouMean = expanded.didYouMean;
  return result;
}

/** Whether the offer is public: active and within its validity dates. */
export function isPublicOffer(db: Db, id: string): Promise<boolean> {
  return repository.isPublicOffer(db, id);
}

/**
 * One offer for the catalogue: any offer to a signed-in user or API token, only public offers to anonymous
 * callers (NOT_FOUND otherwise, so a paused offer's existence is not revealed).
 */
export async function getCatalogueOffer(db: Db, actor: Actor, id: string): Promise<Offer> {
  if (actor.kind === "anonymous" && !(await repository.isPublicOffer(db, id))) {
    throw new AppError("NOT_FOUND", `No public offer has the id ${id}.`);
  }
  return offers.getOffer(db, id);
}

/** How strongly each offer holds one content word of a text: offer position → weight in (0, 1]. */
export type WordEvidence = {
  word: string;
  /** Inverse document frequency over the indexed offers: rare words tell more. */
  idf: number;
  /** The word itself, its forms and compound readings. */
  strong: Map<number, number>;
  /** Its synonyms from the domain table. */
  weak: Map<number, number>;
};

/** The catalogue as the matching service reads it: every active offer and the reference lists. */
export type CatalogueForMatching = {
  today: string;
  version: string;
  offers: readonly IndexedOffer[];
  reference: CatalogueIndex["snapshot"];
  countyOfMunicipality: ReadonlyMap<string, string>;
  sectionOfDivision: ReadonlyMap<string, string>;
  /** Per text (in order): its content words found in the catalogue's vocabulary, with their evidence. */
  texts: WordEvidence[][];
};

/**
 * The current catalogue with word evidence for each text (the needs of one match): one round trip for
 * the words' forms and stems, the catalogue version and the date, one more only when a word needs a
 * spelling correction; the offers come from the in-memory index (decision record 004).
 */
export async function catalogueForMatching(db: Db, texts: readonly string[]): Promise<CatalogueForMatching> {
  const expanded = await expandQueries(db, texts.length > 0 ? texts : [""]);
  const first = expanded[0]!;
  const index = await catalogueIndex(db, first.version);
  const total = index.docs.length;
  const evidence = (query: (typeof expanded)[number]): WordEvidence[] => {
    const lexemesOf = (word: string) => query.lexemes.get(word) ?? index.synonymLexemes.get(word) ?? [];
    // An alternative's weight in an offer: all its words' lexemes must be there; the weakest one counts.
    const holds = (alternatives: string[][]): Map<number, number> => {
      const out = new Map<number, number>();
      for (const words of alternatives) {
        const lexemes = words.flatMap(lexemesOf);
        if (lexemes.length === 0) continue;
        if (lexemes.length === 1) {
          // The common case, one lexeme: straight from its postings, without an intersection map.
          const postings = index.postings.get(lexemes[0]!);
          for (let k = 0; postings && k < postings.docs.length; k++) {
            const doc = postings.docs[k]!;
            const weight = Math.min(1, postings.weights[k]!);
            if (weight > (out.get(doc) ?? 0)) out.set(doc, weight);
          }
          continue;
        }
        let common: Map<number, number> | undefined;
        for (const lexeme of lexemes) {
          const postings = index.postings.get(lexeme);
          const here = new Map<number, number>();
          if (postings) {
            for (let k = 0; k < postings.docs.length; k++) {
              const doc = postings.docs[k]!;
              const weight = Math.min(1, postings.weights[k]!);
              if (!common || common.has(doc)) here.set(doc, Math.min(weight, common?.get(doc) ?? 1));
            }
          }
          common = here;
        }
        for (const [doc, weight] of common ?? []) out.set(doc, Math.max(weight, out.get(doc) ?? 0));
      }
      return out;
    };
    return query.words.flatMap((word) => {
      const strong = holds(word.strong);
      const weak = holds(word.weak);
      if (strong.size === 0 && weak.size === 0) return [];
      const idf = Math.log(1 + total / (1 + Math.max(strong.size, 1)));
      return [{ word: word.correction ?? word.word, idf, strong, weak }];
    });
  };
  return {
    today: first.today,
    version: index.version,
    offers: index.docs,
    reference: index.snapshot,
    countyOfMunicipality: index.countyOfMunicipality,
    sectionOfDivision: index.sectionOfDivision,
    texts: texts.map((_, i) => evidence(expanded[i]!)),
  };
}
