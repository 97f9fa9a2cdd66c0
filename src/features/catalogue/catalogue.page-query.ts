import type { CatalogueQuery, FacetName } from "./catalogue.schemas.ts";

// The search page's state as it travels in the address: a GET form of checkboxes and selects, so the page
// works without JavaScript and every search can be bookmarked, shared and paged.

/** The path of the public catalogue. */
export const CATALOGUE_PATH = "/hitta-stod";

export type PageQuery = {
  q: string;
  theme: string[];
  format: string[];
  organisation: string[];
  municipality: string;
  size: string;
  cost: string[];
  sort: "relevance" | "name";
  page: number;
};

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MUNICIPALITY = /^[0-9]{4}$/;
const SIZE = /^[0-9]{1,4}(-[0-9]{1,4}|\+)?$/;
const COSTS = new Set(["free", "fee", "loan", "grant", "equity"]);
const MAX_PAGE = 1000;
const MAX_VALUES = 30;

function values(params: URLSearchParams, name: string, valid: (value: string) => boolean): string[] {
  const all = params.getAll(name).flatMap((value) => value.split(","));
  return [...new Set(all.map((v) => v.trim()).filter((v) => v !== "" && valid(v)))].slice(0, MAX_VALUES);
}

function single(params: URLSearchParams, name: string, pattern: RegExp): string {
  const value = params.get(name)?.trim() ?? "";
  return pattern.test(value) ? value : "";
}

/**
 * Reads the page's state from the address. A public page forgives: values it does not understand (an old
 * bookmark, a hand-edited address) are dropped rather than answered with an error page.
 */
export function parsePageQuery(params: URLSearchParams): PageQuery {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    theme: values(params, "theme", (v) => CODE.test(v)),
    format: values(params, "format", (v) => CODE.test(v)),
    organisation: values(params, "organisation", (v) => UUID.test(v)).map((v) => v.toLowerCase()),
    municipality: single(params, "municipality", MUNICIPALITY),
    size: single(params, "size", SIZE),
    cost: values(params, "cost", (v) => COSTS.has(v)),
    sort: params.get("sort") === "name" ? "name" : "relevance",
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  };
}

/** The page's state as the search service's query. */
export function toCatalogueQuery(state: PageQuery): CatalogueQuery {
  return {
    ...(state.q ? { q: state.q } : {}),
    theme: state.theme,
    format: state.format,
    organisation: state.organisation,
    cost: state.cost,
    ...(state.municipality ? { municipality: state.municipality } : {}),
    ...(state.size ? { size: state.size } : {}),
    sort: state.sort,
    page: state.page,
  };
}

/**
 * The address of the page with some of the state changed. Any change but the page number starts again
 * on page 1, since the old page number means nothing in a different result list.
 */
export function searchHref(state: PageQuery, change: Partial<PageQuery> = {}): string {
  const next: PageQuery = { ...state, page: 1, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  for (const name of ["theme", "format", "organisation", "cost"] as const) {
    for (const value of next[name]) params.append(name, value);
  }
  if (next.municipality) params.set("municipality", next.municipality);
  if (next.size) params.set("size", next.size);
  if (next.sort !== "relevance") params.set("sort", next.sort);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `${CATALOGUE_PATH}?${query}` : CATALOGUE_PATH;
}

/** The state without one facet's filter. */
export function withoutFilter(state: PageQuery, facet: FacetName): PageQuery {
  switch (facet) {
    case "municipality":
    case "size":
      return { ...state, [facet]: "", page: 1 };
    default:
      return { ...state, [facet]: [], page: 1 };
  }
}

/** The facets that filter the current search, in the order the page shows them. */
export function activeFacets(state: PageQuery): FacetName[] {
  const active: FacetName[] = [];
  if (state.municipality) active.push("municipality");
  if (state.size) active.push("size");
  for (const name of ["theme", "format", "organisation", "cost"] as const) {
    if (state[name].length > 0) active.push(name);
  }
  return active;
}

/** The page numbers to link to: the first, the last and two on each side of the current, null for a gap. */
export function pageWindow(current: number, pages: number): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= pages) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (typeof last === "number" && n - last > 1) out.push(n - last === 2 ? n - 1 : null);
    out.push(n);
  }
  return out;
}
