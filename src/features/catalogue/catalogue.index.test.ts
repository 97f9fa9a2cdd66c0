import { describe, expect, it } from "vitest";
import { type IndexSearch, searchIndex } from "./catalogue.index.search.ts";
import {
  buildCatalogueIndex,
  type CatalogueSnapshot,
  parseVector,
  type SnapshotOffer,
} from "./catalogue.index.ts";

const labelled = (codes: string[]) =>
  codes.map((code, i) => ({ code, label_sv: `sv ${code}`, label_en: `en ${code}`, sort_order: i }));

let n = 0;
function offer(fields: Partial<SnapshotOffer>): SnapshotOffer {
  n++;
  return {
    id: `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`,
    name: `Erbjudande ${n}`,
    name_en: null,
    summary: "",
    summary_en: null,
    organisation_id: "org-a",
    themes: [],
    formats: [],
    cost_type: "free",
    capacity_remaining: null,
    eligible_county_codes: [],
    eligible_municipality_codes: [],
    size_bands: [],
    sni_include: [],
    sni_exclude: [],
    valid_from: null,
    valid_to: null,
    vector: "",
    ...fields,
  };
}

const snapshot = (offers: SnapshotOffer[]): CatalogueSnapshot => ({
  version: "1",
  offers,
  organisations: [
    { id: "org-a", name: "Örebro universitet" },
    { id: "org-b", name: "Almi" },
  ],
  themes: labelled(["financing", "export"]),
  formats: labelled(["advice", "loan"]),
  sizeBands: labelled(["1-9", "10-49"]),
  municipalities: [
    { code: "1880", short_name: "Örebro", county_code: "18" },
    { code: "1884", short_name: "Nora", county_code: "18" },
    { code: "0180", short_name: "Stockholm", county_code: "01" },
  ],
  counties: [
    { code: "18", name: "Örebro län" },
    { code: "01", name: "Stockholms län" },
  ],
  sniSections: [{ division: "25", section: "C" }],
  synonymLexemes: {},
});

const noFilters = {
  theme: [],
  format: [],
  organisation: [],
  cost: [],
  municipality: null,
  size: null,
  sni: null,
};
const run = (offers: SnapshotOffer[], s: Partial<IndexSearch>) =>
  searchIndex(buildCatalogueIndex(snapshot(offers)), {
    match: null,
    primary: null,
    filters: noFilters,
    sort: "relevance",
    limit: 10,
    offset: 0,
    locale: "sv",
    today: "2026-11-28",
    ...s,
  });
const facet = (result: ReturnType<typeof run>, name: string) =>
  Object.fromEntries(result.facets.filter((f) => f.facet === name).map((f) => [f.value, f.n]));

describe("parseVector", () => {
  it("reads lexemes with their label weights, the best occurrence counting most", () => {
    const weights = parseVector("'export':1A,9C 'stöd':3B 'it''s':4 'lån':2");
    expect(weights.get("export")).toBeCloseTo(1 + 0.2 / 2);
    expect(weights.get("stöd")).toBeCloseTo(0.4);
    expect(weights.get("it's")).toBeCloseTo(0.1);
    expect(weights.get("lån")).toBeCloseTo(0.1);
  });
});

describe("searchIndex", () => {
  it("matches AND and OR queries and ranks the name above the description", () => {
    const inName = offer({ name: "Exportlån", vector: "'export':1A 'lån':2A" });
    const inText = offer({ name: "Annat", vector: "'export':5C 'lån':6C" });
    const onlyExport = offer({ vector: "'export':1A" });
    const both = { op: "and" as const, children: [{ lexeme: "export" }, { lexeme: "lån" }] };
    const result = run([inText, onlyExport, inName], { match: both, primary: both });
    expect(result.items.map((i) => i.id)).toEqual([inName.id, inText.id]);
    expect(result.total).toBe(2);
    const either = { op: "or" as const, children: [{ lexeme: "export" }, { lexeme: "lån" }] };
    expect(run([inText, onlyExport, inName], { match: either, primary: either }).total).toBe(3);
  });

  it("ranks the words as typed above synonyms", () => {
    const typed = offer({ vector: "'kredit':3C" });
    const synonym = offer({ vector: "'lån':3C" });
    const match = { op: "or" as const, children: [{ lexeme: "kredit" }, { lexeme: "lån" }] };
    const result = run([synonym, typed], { match, primary: { lexeme: "kredit" } });
    expect(result.items.map((i) => i.id)).toEqual([typed.id, synonym.id]);
  });

  it("leaves out offers outside their validity dates", () => {
    const current = offer({ valid_from: "2026-01-01", valid_to: "2026-11-28" });
    const ended = offer({ valid_to: "2026-11-27" });
    const future = offer({ valid_from: "2026-11-29" });
    expect(run([current, ended, future], {}).items.map((i) => i.id)).toEqual([current.id]);
  });

  it("counts each facet with every filter but its own, so the counts add up", () => {
    const offers = [
      offer({ themes: ["financing"], formats: ["loan"], organisation_id: "org-b" }),
      offer({ themes: ["financing", "export"], formats: ["advice"] }),
      offer({ themes: ["export"], formats: ["advice"], cost_type: "fee" }),
    ];
    const all = run(offers, {});
    expect(facet(all, "theme")).toEqual({ financing: 2, export: 2 });
    expect(facet(all, "cost")).toEqual({ free: 2, fee: 1 });
    const filtered = run(offers, { filters: { ...noFilters, theme: ["financing"] } });
    expect(filtered.total).toBe(2);
    expect(facet(filtered, "theme")).toEqual({ financing: 2, export: 2 });
    expect(facet(filtered, "format")).toEqual({ loan: 1, advice: 1 });
    expect(facet(filtered, "organisation")).toEqual({ "org-a": 1, "org-b": 1 });
  });

  it("counts an offer for a county and one of its municipalities once per municipality", () => {
    const offers = [
      offer({ eligible_county_codes: ["18"], eligible_municipality_codes: ["1884"] }),
      offer({ eligible_municipality_codes: ["0180"] }),
      offer({}),
    ];
    expect(facet(run(offers, {}), "municipality")).toEqual({ "1880": 2, "1884": 2, "0180": 2 });
    const nora = run(offers, { filters: { ...noFilters, municipality: "1884" } });
    expect(nora.total).toBe(2);
  });

  it("applies SNI include and exclude lists by section and division prefix", () => {
    const manufacturing = offer({ sni_include: ["C"] });
    const notMetal = offer({ sni_exclude: ["25"] });
    const only256 = offer({ sni_include: ["256"] });
    const ids = (sni: string) =>
      run([manufacturing, notMetal, only256], { filters: { ...noFilters, sni } }).items.map((i) => i.id);
    expect(ids("25620").sort()).toEqual([manufacturing.id, only256.id].sort());
    expect(ids("62010")).toEqual([notMetal.id]);
  });

  it("sorts by name the Swedish way (å ä ö after z) and pages", () => {
    const names = ["Örebrostöd", "Almi lån", "Zeta", "Ägarskifte", "Åtgärd"];
    const offers = names.map((name) => offer({ name }));
    const first = run(offers, { sort: "name", limit: 3 });
    const second = run(offers, { sort: "name", limit: 3, offset: 3 });
    expect([...first.items, ...second.items].map((i) => i.name)).toEqual([
      "Almi lån",
      "Zeta",
      "Åtgärd",
      "Ägarskifte",
      "Örebrostöd",
    ]);
    expect(first.total).toBe(5);
  });
});
