import type { Locale } from "#src/shared/i18n.ts";
import {
  type CatalogueIndex,
  type Dictionary,
  dayNumber,
  type Labelled,
  matchQuery,
  type OfferFacts,
  type QueryNode,
  scoreQuery,
} from "./catalogue.index.ts";

// One search over the in-memory index: public offers (validity dates against `today`) matching the text
// and SNI condition, filtered by facets (OR within a facet, AND between facets), with disjunctive facet
// counts (each facet counted with every filter but its own), the total and the requested page. Pure.

export type SearchFilters = {
  theme: string[];
  format: string[];
  organisation: string[];
  cost: string[];
  municipality: string | null;
  size: string | null;
  sni: string | null;
};

export type IndexSearch = {
  /** Which offers match, or null for no text condition. */
  match: QueryNode | null;
  /** The words as typed (and corrected), without synonyms: ranks above them. */
  primary: QueryNode | null;
  filters: SearchFilters;
  sort: "relevance" | "name";
  limit: number;
  offset: number;
  locale: Locale;
  /** The database's `current_date` (YYYY-MM-DD): offers outside their validity dates are not public. */
  today: string;
};

export type ItemRow = {
  id: string;
  name: string;
  name_en: string | null;
  summary: string;
  summary_en: string | null;
  organisation_id: string;
  organisation_name: string;
  themes: string[];
  formats: string[];
  cost_type: string;
  capacity_remaining: number | null;
  county_names: string[];
  municipality_names: string[];
  score: number;
};

export type FacetRow = { facet: string; value: string; label: string; n: number; ord: number };

const SECTION = /^[A-U]$/;
const DIVISION_PREFIX = /^[0-9]/;

/** The SNI condition: an include list (empty = every industry) that names the code, and no exclusion. */
function sniTest(index: CatalogueIndex, sni: string | null): ((offer: OfferFacts) => boolean) | null {
  if (sni === null) return null;
  const section = SECTION.test(sni) ? sni : (index.sectionOfDivision.get(sni.slice(0, 2)) ?? null);
  const names = (code: string) => code === section || (DIVISION_PREFIX.test(code) && sni.startsWith(code));
  return (offer) =>
    (offer.sniInclude.length === 0 || offer.sniInclude.some(names)) && !offer.sniExclude.some(names);
}

/** Marks the selected codes of one facet; codes the dictionary does not know select nothing. */
function selection(dict: Dictionary, codes: string[]): Uint8Array {
  const marks = new Uint8Array(dict.codes.length);
  for (const code of codes) {
    const id = dict.id.get(code);
    if (id !== undefined) marks[id] = 1;
  }
  return marks;
}

const anyOf = (ids: number[], marks: Uint8Array) => ids.some((id) => marks[id] === 1);

/** Runs one search; the result has the shape the service presents. */
export function searchIndex(
  index: CatalogueIndex,
  s: IndexSearch,
): { facets: FacetRow[]; total: number; items: ItemRow[] } {
  const f = s.filters;
  const dict = index.dictionaries;
  const matched = s.match ? matchQuery(index, s.match) : null;
  const scores = s.match ? scoreQuery(index, s.match, s.primary) : null;
  const sni = sniTest(index, f.sni);
  const selected = {
    themes: selection(dict.themes, f.theme),
    formats: selection(dict.formats, f.format),
    organisations: selection(dict.organisations, f.organisation),
    costs: selection(dict.costs, f.cost),
  };
  const county = f.municipality === null ? null : (index.countyOfMunicipality.get(f.municipality) ?? null);

  const count = {
    themes: new Int32Array(dict.themes.codes.length),
    formats: new Int32Array(dict.formats.codes.length),
    organisations: new Int32Array(dict.organisations.codes.length),
    costs: new Int32Array(dict.costs.codes.length),
    sizes: new Int32Array(dict.sizes.codes.length),
    counties: new Int32Array(dict.counties.codes.length),
    municipalities: new Int32Array(dict.municipalities.codes.length),
  };
  let sizeAny = 0;
  let areaAny = 0;
  const hits: number[] = [];

  const { docs, facts, nameRank } = index;
  const today = dayNumber(s.today);
  for (let d = 0; d < facts.length; d++) {
    if (matched && matched[d] === 0) continue;
    const ids = facts[d]!;
    if (ids.validFrom > today || ids.validTo < today || (sni && !sni(ids))) continue;
    const theme = f.theme.length === 0 || anyOf(ids.themes, selected.themes);
    const format = f.format.length === 0 || anyOf(ids.formats, selected.formats);
    const org = f.organisation.length === 0 || selected.organisations[ids.organisation] === 1;
    const muni =
      f.municipality === null ||
      ids.noArea ||
      ids.municipalityCodes.includes(f.municipality) ||
      (county !== null && ids.countyCodes.includes(county));
    const size = f.size === null || ids.sizeCodes.length === 0 || ids.sizeCodes.includes(f.size);
    const cost = f.cost.length === 0 || selected.costs[ids.cost] === 1;

    if (format && org && muni && size && cost) for (const t of ids.themes) count.themes[t]!++;
    if (theme && org && muni && size && cost) for (const t of ids.formats) count.formats[t]!++;
    if (theme && format && muni && size && cost) count.organisations[ids.organisation]!++;
    if (theme && format && org && muni && size) count.costs[ids.cost]!++;
    if (theme && format && org && muni && cost) {
      if (ids.sizes.length === 0) sizeAny++;
      else for (const b of ids.sizes) count.sizes[b]!++;
    }
    if (theme && format && org && size && cost) {
      if (ids.noArea) areaAny++;
      for (const c of ids.counties) count.counties[c]!++;
      for (const m of ids.explicitMunicipalities) count.municipalities[m]!++;
    }
    if (theme && format && org && muni && size && cost) hits.push(d);
  }

  if (s.sort === "relevance" && scores) {
    hits.sort((a, b) => scores[b]! - scores[a]! || nameRank[a]! - nameRank[b]!);
  } else hits.sort((a, b) => nameRank[a]! - nameRank[b]!);

  const en = s.locale === "en";
  const ref = index.snapshot;
  const facets: FacetRow[] = [];
  // Reference rows come first in each dictionary, so a row's position is its id.
  const labelled = (
    facet: string,
    rows: Labelled[],
    n: (id: number) => number,
    isSelected: (code: string) => boolean,
  ) => {
    rows.forEach((row, id) => {
      const value = n(id);
      if (value > 0 || isSelected(row.code)) {
        facets.push({
          facet,
          value: row.code,
          label: en ? row.label_en : row.label_sv,
          n: value,
          ord: row.sort_order,
        });
      }
    });
  };
  labelled(
    "theme",
    ref.themes,
    (id) => count.themes[id]!,
    (c) => f.theme.includes(c),
  );
  labelled(
    "format",
    ref.formats,
    (id) => count.formats[id]!,
    (c) => f.format.includes(c),
  );
  ref.organisations.forEach((o, id) => {
    const n = count.organisations[id]!;
    if (n > 0 || f.organisation.includes(o.id)) {
      facets.push({
        facet: "organisation",
        value: o.id,
        label: o.name,
        n,
        ord: index.labelRank.organisations[id]!,
      });
    }
  });
  dict.costs.codes.forEach((value, id) => {
    const n = count.costs[id]!;
    if (n > 0) facets.push({ facet: "cost", value, label: value, n, ord: 0 });
  });
  labelled(
    "size",
    ref.sizeBands,
    (id) => sizeAny + count.sizes[id]!,
    (c) => c === f.size,
  );
  ref.municipalities.forEach((m, id) => {
    const countyId = index.countyIdOfMunicipality[id]!;
    const n = areaAny + (countyId >= 0 ? count.counties[countyId]! : 0) + count.municipalities[id]!;
    if (n > 0 || m.code === f.municipality) {
      facets.push({
        facet: "municipality",
        value: m.code,
        label: m.short_name,
        n,
        ord: index.labelRank.municipalities[id]!,
      });
    }
  });

  const items = hits.slice(s.offset, s.offset + s.limit).map((d): ItemRow => {
    const o = docs[d]!;
    return {
      id: o.id,
      name: o.name,
      name_en: o.name_en,
      summary: o.summary,
      summary_en: o.summary_en,
      organisation_id: o.organisation_id,
      organisation_name: o.organisationName,
      themes: o.themes,
      formats: o.formats,
      cost_type: o.cost_type,
      capacity_remaining: o.capacity_remaining,
      county_names: o.countyNames,
      municipality_names: o.municipalityNames,
      score: scores ? scores[d]! : 0,
    };
  });
  return { facets, total: hits.length, items };
}
