import { compareSwedish } from "#src/shared/i18n.ts";

// The in-memory index of the public catalogue (decision record 004). PostgreSQL's `swedish` configuration
// still does the language work: each offer's tsvector (stems, positions, weights: name A, summary B,
// description and labels C) is built by the database trigger and loaded here as text; query words are
// stemmed by the database too. What runs here is what made SQL slow for broad queries: the boolean match,
// the ranking of every hit and the six disjunctive facet counts over all hits. Pure: no database, no I/O.

/** An active offer as the snapshot loads it (validity dates are checked per search, as days pass). */
export type SnapshotOffer = {
  id: string;
  name: string;
  name_en: string | null;
  summary: string;
  summary_en: string | null;
  organisation_id: string;
  themes: string[];
  formats: string[];
  cost_type: string;
  capacity_remaining: number | null;
  eligible_county_codes: string[];
  eligible_municipality_codes: string[];
  size_bands: string[];
  sni_include: string[];
  sni_exclude: string[];
  valid_from: string | null;
  valid_to: string | null;
  /** Company age limits in whole years (matching checks them; search has no filter for them). */
  min_company_age_years?: number | null;
  max_company_age_years?: number | null;
  /** `search_vector::text`, e.g. `'exjobb':1A,7C 'stöd':3B`. */
  vector: string;
};

export type Labelled = { code: string; label_sv: string; label_en: string; sort_order: number };

/** Everything the index is built from, read at one catalogue version. */
export type CatalogueSnapshot = {
  version: string;
  offers: SnapshotOffer[];
  organisations: { id: string; name: string }[];
  themes: Labelled[];
  formats: Labelled[];
  sizeBands: (Labelled & { min_employees?: number; max_employees?: number | null })[];
  municipalities: { code: string; short_name: string; county_code: string }[];
  counties: { code: string; name: string }[];
  /** SNI 2007 division (two digits) → its section letter. */
  sniSections: { division: string; section: string }[];
  /** SNI 2007 sections' names, for plain-language reasons. */
  sniSectionNames?: { code: string; name_sv: string; name_en: string | null }[];
  /** Lexemes of the synonym table's words, so synonyms need no database lookup per search. */
  synonymLexemes: Record<string, string[]>;
};

export type IndexedOffer = Omit<SnapshotOffer, "vector"> & {
  organisationName: string;
  countyNames: string[];
  municipalityNames: string[];
};

/**
 * What each search reads of an offer, in a small object of fixed shape (the full offer has too many
 * fields for fast property access). Facet values are positions in the index's dictionaries.
 */
export type OfferFacts = {
  themes: number[];
  formats: number[];
  organisation: number;
  cost: number;
  sizes: number[];
  counties: number[];
  /** Listed municipalities whose county the offer does not list (those count through the county). */
  explicitMunicipalities: number[];
  noArea: boolean;
  /** Validity as day numbers (days since 1970-01-01); open ends are ±Infinity. */
  validFrom: number;
  validTo: number;
  sizeCodes: string[];
  countyCodes: string[];
  municipalityCodes: string[];
  sniInclude: string[];
  sniExclude: string[];
};

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** Codes of one facet, numbered: reference rows first (in their order), then codes only offers use. */
export type Dictionary = { codes: string[]; id: Map<string, number> };

function dictionary(referenceCodes: string[], used: Iterable<string>): Dictionary {
  const codes = [...referenceCodes];
  const id = new Map(codes.map((code, i) => [code, i]));
  for (const code of used) {
    if (!id.has(code)) {
      id.set(code, codes.length);
      codes.push(code);
    }
  }
  return { codes, id };
}

type Postings = { docs: Int32Array; weights: Float32Array };

export type CatalogueIndex = {
  version: string;
  docs: IndexedOffer[];
  facts: OfferFacts[];
  /** Per offer: its position in Swedish name order (then id), so sorting by name compares integers. */
  nameRank: Int32Array;
  postings: Map<string, Postings>;
  snapshot: Omit<CatalogueSnapshot, "offers">;
  dictionaries: Record<
    "themes" | "formats" | "organisations" | "costs" | "sizes" | "counties" | "municipalities",
    Dictionary
  >;
  /** Per municipality (in dictionaries.municipalities order): its county's position, or -1. */
  countyIdOfMunicipality: Int32Array;
  /** Swedish order of the municipalities' and organisations' names, for facet sorting without collation. */
  labelRank: { municipalities: Int32Array; organisations: Int32Array };
  countyOfMunicipality: Map<string, string>;
  sectionOfDivision: Map<string, string>;
  synonymLexemes: Map<string, string[]>;
};

/** A boolean query over lexemes: what `to_tsquery` would build, without NOT or phrases. */
export type QueryNode = { lexeme: string } | { op: "and" | "or"; children: QueryNode[] };

// ts_rank's default weights: {D, C, B, A} = {0.1, 0.2, 0.4, 1.0}.
const LABEL_WEIGHT: Record<string, number> = { A: 1, B: 0.4, C: 0.2, D: 0.1 };
const VECTOR_ENTRY = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;

/**
 * A lexeme's weight in one offer: its occurrences' label weights, best first, the k-th divided by k, so
 * the name counts most and repetition helps with diminishing returns.
 */
function occurrenceWeight(positions: string | undefined): number {
  if (!positions) return LABEL_WEIGHT.D!;
  const weights = positions
    .split(",")
    .map((p) => LABEL_WEIGHT[p.at(-1)!] ?? LABEL_WEIGHT.D!)
    .sort((a, b) => b - a);
  return weights.reduce((sum, w, k) => sum + w / (k + 1), 0);
}

/** Parses the text form of a tsvector into lexeme → weight. */
export function parseVector(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const match of text.matchAll(VECTOR_ENTRY)) {
    const lexeme = match[1]!.replace(/''/g, "'").replace(/\\(.)/g, "$1");
    out.set(lexeme, occurrenceWeight(match[2]));
  }
  return out;
}

/** Builds the index: postings per lexeme, names and areas resolved, offers in Swedish name order. */
export function buildCatalogueIndex(snapshot: CatalogueSnapshot): CatalogueIndex {
  const { offers, ...reference } = snapshot;
  const organisationName = new Map(reference.organisations.map((o) => [o.id, o.name]));
  const countyName = new Map(reference.counties.map((c) => [c.code, c.name]));
  const municipalityName = new Map(reference.municipalities.map((m) => [m.code, m.short_name]));
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const order = offers
    .map((_, i) => i)
    .sort((a, b) => compareSwedish(offers[a]!.name, offers[b]!.name) || byCode(offers[a]!.id, offers[b]!.id));
  const rank = new Int32Array(offers.length);
  order.forEach((docIndex, position) => {
    rank[docIndex] = position;
  });

  const countyOfMunicipality = new Map(reference.municipalities.map((m) => [m.code, m.county_code]));
  const dictionaries = {
    themes: dictionary(
      reference.themes.map((t) => t.code),
      offers.flatMap((o) => o.themes),
    ),
    formats: dictionary(
      reference.formats.map((t) => t.code),
      offers.flatMap((o) => o.formats),
    ),
    organisations: dictionary(
      reference.organisations.map((o) => o.id),
      offers.map((o) => o.organisation_id),
    ),
    costs: dictionary(
      [],
      offers.map((o) => o.cost_type),
    ),
    sizes: dictionary(
      reference.sizeBands.map((t) => t.code),
      offers.flatMap((o) => o.size_bands),
    ),
    counties: dictionary(
      reference.counties.map((c) => c.code),
      offers.flatMap((o) => o.eligible_county_codes),
    ),
    municipalities: dictionary(
      reference.municipalities.map((m) => m.code),
      [],
    ),
  };
  const ids = (dict: Dictionary, codes: string[]) => codes.map((code) => dict.id.get(code)!);
  const labelRank = (names: string[]) => {
    const out = new Int32Array(names.length);
    names
      .map((_, i) => i)
      .sort((a, b) => compareSwedish(names[a]!, names[b]!))
      .forEach((i, position) => {
        out[i] = position;
      });
    return out;
  };

  const lists = new Map<string, { docs: number[]; weights: number[] }>();
  const docs = offers.map((offer, i): IndexedOffer => {
    for (const [lexeme, weight] of parseVector(offer.vector)) {
      let list = lists.get(lexeme);
      if (!list) {
        list = { docs: [], weights: [] };
        lists.set(lexeme, list);
      }
      list.docs.push(i);
      list.weights.push(weight);
    }
    const { vector: _vector, ...fields } = offer;
    return {
      ...fields,
      organisationName: organisationName.get(offer.organisation_id) ?? "",
      countyNames: [...offer.eligible_county_codes].sort(byCode).map((c) => countyName.get(c) ?? c),
      municipalityNames: [...offer.eligible_municipality_codes]
        .sort(byCode)
        .map((m) => municipalityName.get(m) ?? m),
    };
  });
  const facts = offers.map(
    (offer): OfferFacts => ({
      themes: ids(dictionaries.themes, offer.themes),
      formats: ids(dictionaries.formats, offer.formats),
      organisation: dictionaries.organisations.id.get(offer.organisation_id)!,
      cost: dictionaries.costs.id.get(offer.cost_type)!,
      sizes: ids(dictionaries.sizes, offer.size_bands),
      counties: ids(dictionaries.counties, offer.eligible_county_codes),
      explicitMunicipalities: offer.eligible_municipality_codes.flatMap((m) => {
        const county = countyOfMunicipality.get(m);
        const id = dictionaries.municipalities.id.get(m);
        return county === undefined || id === undefined || offer.eligible_county_codes.includes(county)
          ? []
          : [id];
      }),
      noArea: offer.eligible_county_codes.length === 0 && offer.eligible_municipality_codes.length === 0,
      validFrom: offer.valid_from === null ? Number.NEGATIVE_INFINITY : dayNumber(offer.valid_from),
      validTo: offer.valid_to === null ? Number.POSITIVE_INFINITY : dayNumber(offer.valid_to),
      sizeCodes: offer.size_bands,
      countyCodes: offer.eligible_county_codes,
      municipalityCodes: offer.eligible_municipality_codes,
      sniInclude: offer.sni_include,
      sniExclude: offer.sni_exclude,
    }),
  );
  const postings = new Map<string, Postings>();
  for (const [lexeme, list] of lists) {
    postings.set(lexeme, { docs: Int32Array.from(list.docs), weights: Float32Array.from(list.weights) });
  }
  return {
    version: snapshot.version,
    docs,
    facts,
    nameRank: rank,
    postings,
    snapshot: reference,
    dictionaries,
    countyIdOfMunicipality: Int32Array.from(
      reference.municipalities.map((m) => dictionaries.counties.id.get(m.county_code) ?? -1),
    ),
    labelRank: {
      municipalities: labelRank(reference.municipalities.map((m) => m.short_name)),
      organisations: labelRank(reference.organisations.map((o) => o.name)),
    },
    countyOfMunicipality,
    sectionOfDivision: new Map(reference.sniSections.map((s) => [s.division, s.section])),
    synonymLexemes: new Map(Object.entries(reference.synonymLexemes)),
  };
}

/** The offers matching the query: 1 at a matching offer's position, else 0. */
export function matchQuery(index: CatalogueIndex, node: QueryNode): Uint8Array {
  const n = index.docs.length;
  if ("lexeme" in node) {
    const hits = new Uint8Array(n);
    const postings = index.postings.get(node.lexeme);
    if (postings) for (const d of postings.docs) hits[d] = 1;
    return hits;
  }
  const [first, ...rest] = node.children.map((child) => matchQuery(index, child));
  const out = first ?? new Uint8Array(n);
  for (const other of rest) {
    if (node.op === "and") for (let i = 0; i < n; i++) out[i]! &= other[i]!;
    else for (let i = 0; i < n; i++) out[i]! |= other[i]!;
  }
  return out;
}

/** The distinct lexemes a query mentions. */
export function queryLexemes(node: QueryNode, into = new Set<string>()): Set<string> {
  if ("lexeme" in node) into.add(node.lexeme);
  else for (const child of node.children) queryLexemes(child, into);
  return into;
}

/**
 * Relevance of every offer: the weights of the lexemes of `match` it holds, plus twice those of `primary`
 * (the words as typed and their forms), so synonyms rank below what the user wrote.
 */
export function scoreQuery(index: CatalogueIndex, match: QueryNode, primary: QueryNode | null): Float64Array {
  const scores = new Float64Array(index.docs.length);
  const add = (lexemes: Set<string>, factor: number) => {
    for (const lexeme of lexemes) {
      const postings = index.postings.get(lexeme);
      if (!postings) continue;
      for (let k = 0; k < postings.docs.length; k++) {
        scores[postings.docs[k]!]! += factor * postings.weights[k]!;
      }
    }
  };
  add(queryLexemes(match), 1);
  if (primary) add(queryLexemes(primary), 2);
  return scores;
}

/** Whether an offer that is public on `today` (YYYY-MM-DD) holds the lexeme. */
export function publicOfferHas(index: CatalogueIndex, lexeme: string, today: string): boolean {
  const postings = index.postings.get(lexeme);
  if (!postings) return false;
  const day = dayNumber(today);
  return postings.docs.some((d) => index.facts[d]!.validFrom <= day && index.facts[d]!.validTo >= day);
}
