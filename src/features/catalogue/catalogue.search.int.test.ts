import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import type { CatalogueQuery } from "./catalogue.schemas.ts";
import { queryWords } from "./catalogue.search.text.ts";
import { searchCatalogue } from "./catalogue.service.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let exportOfferId: string;
let pausedOfferId: string;
let expiredOfferId: string;

const search = (query: CatalogueQuery) => searchCatalogue(testDb.db, { pageSize: 50, ...query }, "sv");
const ids = async (query: CatalogueQuery) => (await search(query)).items.map((i) => i.id).sort();

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  await seedDemoData(testDb.db, { now: new Date("2026-11-28T10:00:00Z") });
  const organisation = (await listOrganisations(testDb.db)).find((o) => o.slug === "region-orebro-lan")!;
  const base = {
    organisationId: organisation.id,
    formats: ["advice"],
    themes: ["sales-export"],
    costType: "free" as const,
    description: "Rådgivare går igenom marknaden, kunderna och vad som krävs för att lyckas utomlands.",
  };
  const [exportOffer, paused, expired] = await offers.createOffers(testDb.db, [
    {
      ...base,
      slug: "test-stod-export",
      name: "Stöd för export till nya marknader",
      summary: "Stöd för export för små företag som vill sälja utomlands.",
    },
    {
      ...base,
      slug: "test-pausad",
      name: "Pausad exjobbsmatchning",
      summary: "Exjobb och finansiering som inte syns just nu.",
      status: "paused",
    },
    {
      ...base,
      slug: "test-utgangen",
      name: "Utgången exjobbsmatchning",
      summary: "Exjobb och finansiering som inte längre gäller.",
      validTo: "2020-12-31",
    },
  ]);
  exportOfferId = exportOffer!.id;
  pausedOfferId = paused!.id;
  expiredOfferId = expired!.id;
});
afterAll(async () => {
  await testDb?.close();
});

/** Public offers whose text contains the word (whole word, any case), by id. */
async function publicOffersSaying(word: RegExp): Promise<string[]> {
  const all = await offers.listOffers(testDb.db, { status: "active" });
  return all
    .filter((o) => o.id !== expiredOfferId)
    .filter((o) => word.test(`${o.name} ${o.summary} ${o.description}`))
    .map((o) => o.id)
    .sort();
}

describe("catalogue search: Swedish words (must-show 1)", () => {
  it("finds the offers that say 'finansiering' when asked for 'finansieringar'", async () => {
    const saying = await publicOffersSaying(/(^|[^\p{L}])finansiering([^\p{L}]|$)/iu);
    expect(saying.length).toBeGreaterThan(1);
    const found = await ids({ q: "finansieringar" });
    for (const id of saying) expect(found).toContain(id);
  });

  it("finds the same offers for 'exjobb', 'ex-jobb' and 'exjobbet', where plain Snowball finds nothing for 'exjobbet'", async () => {
    const exjobb = await ids({ q: "exjobb" });
    expect(exjobb.length).toBeGreaterThan(0);
    expect(await ids({ q: "ex-jobb" })).toEqual(exjobb);
    expect(await ids({ q: "exjobbet" })).toEqual(exjobb);
    expect(await ids({ q: "Exjobbet" })).toEqual(exjobb);
    const formedling = (await offers.listOffers(testDb.db)).find((o) => o.slug === "exjobbsformedling")!;
    expect(exjobb).toContain(formedling.id);

    const plain = await sql<{ n: number }>`
      select count(*)::int as n from offers
      where to_tsvector('swedish', name || ' ' || summary || ' ' || description) @@ plainto_tsquery('swedish', 'exjobbet')`.execute(
      testDb.db,
    );
    expect(plain.rows[0]!.n).toBe(0);
  });

  it("corrects the misspelling 'finansering' and finds the financing offers", async () => {
    const result = await search({ q: "finansering" });
    expect(result.didYouMean).toBe("finansiering");
    expect(result.items.map((i) => i.id).sort()).toEqual(await ids({ q: "finansiering" }));
    expect(result.total).toBeGreaterThan(1);
  });

  it("splits the compound 'exportstöd' and ranks the offer about 'stöd för export' first", async () => {
    const result = await search({ q: "exportstöd" });
    expect(result.items[0]?.id).toBe(exportOfferId);
  });

  it("weighs the name above the description", async () => {
    const result = await search({ q: "exjobb" });
    expect(result.items[0]?.name).toMatch(/exjobb/i);
  });

  it("never shows paused or expired offers", async () => {
    const found = await ids({ q: "exjobb finansiering" });
    expect(found).not.toContain(pausedOfferId);
    expect(found).not.toContain(expiredOfferId);
    expect((await search({})).items.map((i) => i.id)).not.toContain(pausedOfferId);
  });

  it("never suggests a spelling that only a paused or expired offer uses", async () => {
    // "pausad" and "utgången" occur only in the paused and the expired offer's names.
    for (const q of ["pasuad", "utgågnen"]) {
      const result = await search({ q });
      expect(result.total, q).toBe(0);
      expect(result.didYouMean, q).toBeUndefined();
    }
    // The same correction is offered once an active offer uses the word.
    await sql`update offers set status = 'active' where id = ${pausedOfferId}`.execute(testDb.db);
    try {
      expect((await search({ q: "pasuad" })).didYouMean).toBe("pausad");
    } finally {
      await sql`update offers set status = 'paused' where id = ${pausedOfferId}`.execute(testDb.db);
    }
  });

  it("finds something with any word when all words together find nothing", async () => {
    const result = await search({ q: "exjobb zzzyxq" });
    expect(result.total).toBe((await search({ q: "exjobb" })).total);
  });

  it("keeps the vocabulary current when offers change and go", async () => {
    await sql`update offers set description = description || ' Kvantdatorsamarbete ingår.' where id = ${exportOfferId}`.execute(
      testDb.db,
    );
    expect(await ids({ q: "kvantdatorsamarbetet" })).toEqual([exportOfferId]);
    expect((await search({ q: "kvantdatorsamarbte" })).didYouMean).toBe("kvantdatorsamarbete");
    await sql`update offers set description = replace(description, ' Kvantdatorsamarbete ingår.', '') where id = ${exportOfferId}`.execute(
      testDb.db,
    );
    const terms = await sql<{
      n: number;
    }>`select count(*)::int as n from catalogue_terms where word = 'kvantdatorsamarbete'`.execute(testDb.db);
    expect(terms.rows[0]!.n).toBe(0);
  });

  it("normalises queries as the database normalises documents", async () => {
    for (const text of ["EX-JOBB", "Ägarskifte", "IT-stöd för ÅKERIER", "Örebro-regionens e-handel"]) {
      const result = await sql<{ n: string }>`select catalogue_normalise(${text}) as n`.execute(testDb.db);
      const documentWords = result.rows[0]!.n.split(/[^\p{L}\p{N}]+/u);
      for (const word of queryWords(text)) expect(documentWords).toContain(word);
    }
  });
});

describe("catalogue search: facets", () => {
  const sum = (values: { count: number }[]) => values.reduce((n, v) => n + v.count, 0);

  it("has organisation and cost counts that add up to the total", async () => {
    for (const q of [undefined, "finansiering", "rådgivning"]) {
      const result = await search(q ? { q } : {});
      expect(result.total).toBeGreaterThan(0);
      expect(sum(result.facets.organisation)).toBe(result.total);
      expect(sum(result.facets.cost)).toBe(result.total);
    }
  });

  it("counts each facet without its own filter but with the others (disjunctive)", async () => {
    const all = await search({});
    const almi = all.facets.organisation.find((o) => o.label.startsWith("Almi"))!;
    const filtered = await search({ organisation: [almi.value] });
    expect(filtered.total).toBe(almi.count);
    // The organisation facet still shows every organisation with its count, Almi selected.
    expect(filtered.facets.organisation).toEqual(
      all.facets.organisation.map((o) => ({ ...o, selected: o.value === almi.value })),
    );
    // Other facets are narrowed to Almi's offers and add up to the filtered total.
    expect(sum(filtered.facets.cost)).toBe(filtered.total);
    const loan = filtered.facets.cost.find((c) => c.value === "loan")!;
    expect((await search({ organisation: [almi.value], cost: ["loan"] })).total).toBe(loan.count);
  });

  it("filters by theme (any of the selected) and counts themes as the filter would find", async () => {
    const result = await search({ q: "rådgivning" });
    for (const theme of result.facets.theme.slice(0, 4)) {
      expect((await search({ q: "rådgivning", theme: [theme.value] })).total).toBe(theme.count);
    }
    const [a, b] = result.facets.theme;
    const both = await search({ q: "rådgivning", theme: [a!.value, b!.value] });
    expect(both.total).toBeGreaterThanOrEqual(Math.max(a!.count, b!.count));
    expect(
      both.facets.theme
        .filter((t) => t.selected)
        .map((t) => t.value)
        .sort(),
    ).toEqual([a!.value, b!.value].sort());
  });

  it("filters by municipality through eligibility: the municipality, its county or all of Sweden", async () => {
    const orebro = await search({ municipality: "1880" });
    const stockholm = await search({ municipality: "0180" });
    expect(orebro.items.map((i) => i.id)).toContain(exportOfferId); // no area restriction
    expect(stockholm.items.map((i) => i.id)).toContain(exportOfferId);
    expect(orebro.total).toBeGreaterThan(stockholm.total); // demo offers are for Örebro län
    const all = await search({});
    for (const code of ["1880", "0180", "1885"]) {
      const count = all.facets.municipality.find((m) => m.value === code)?.count ?? 0;
      expect((await search({ municipality: code })).total).toBe(count);
    }
    expect(orebro.facets.municipality.find((m) => m.value === "1880")?.selected).toBe(true);
  });

  it("filters by size band and SNI eligibility", async () => {
    const all = await search({});
    for (const band of all.facets.size) {
      expect((await search({ size: band.value })).total).toBe(band.count);
    }
    const fishing = await search({ sni: "03" });
    const manufacturing = await search({ sni: "25620" });
    expect(fishing.total).toBeLessThanOrEqual(all.total);
    expect(manufacturing.total).toBeGreaterThan(0);
  });

  it("suggests removing the filter that leaves no hits", async () => {
    const result = await search({ q: "exjobb", cost: ["equity"] });
    expect(result.total).toBe(0);
    expect(result.suggestion).toEqual({ removeFilters: ["cost"] });
    expect((await search({ q: "zzzyxq qqqwvv", cost: ["equity"] })).suggestion).toBeUndefined();
  });

  it("sorts by name and pages", async () => {
    const first = await searchCatalogue(testDb.db, { sort: "name", pageSize: 5, page: 1 }, "sv");
    const second = await searchCatalogue(testDb.db, { sort: "name", pageSize: 5, page: 2 }, "sv");
    expect(first.items).toHaveLength(5);
    expect(second.items[0]!.name >= first.items[4]!.name).toBe(true);
    expect(first.total).toBe(second.total);
  });
});

describe("catalogue API", () => {
  it("answers GET /api/v1/offers with items, total and facets", async () => {
    const response = await app.request("/api/v1/offers?q=ex-jobb&pageSize=5");
    expect(response.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: checked below
    const body: any = await response.json();
    expect(body.total).toBe((await search({ q: "exjobb" })).total);
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(Object.keys(body.facets).sort()).toEqual([
      "cost",
      "format",
      "municipality",
      "organisation",
      "size",
      "theme",
    ]);
  });

  it("takes repeated and comma-separated list parameters", async () => {
    const repeated = await app.request("/api/v1/offers?theme=financing&theme=academic-collaboration");
    const commas = await app.request("/api/v1/offers?theme=financing,academic-collaboration");
    // biome-ignore lint/suspicious/noExplicitAny: checked below
    const [a, b]: any[] = [await repeated.json(), await commas.json()];
    expect(a.total).toBe(b.total);
    expect(a.total).toBe((await search({ theme: ["financing", "academic-collaboration"] })).total);
  });

  it("rejects malformed parameters with 400", async () => {
    for (const query of ["municipality=18", "organisation=nope", "cost=cheap", "pageSize=500", "sni=xx"]) {
      const response = await app.request(`/api/v1/offers?${query}`);
      expect(response.status, query).toBe(400);
    }
  });

  it("shows a public offer with its contacts and hides paused offers from anonymous callers", async () => {
    const formedling = (await offers.listOffers(testDb.db)).find((o) => o.slug === "exjobbsformedling")!;
    const response = await app.request(`/api/v1/offers/${formedling.id}`);
    expect(response.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: checked below
    const body: any = await response.json();
    expect(body.name).toBe(formedling.name);
    expect(body.contacts.length).toBeGreaterThan(0);
    expect((await app.request(`/api/v1/offers/${pausedOfferId}`)).status).toBe(404);
    expect((await app.request(`/api/v1/offers/${expiredOfferId}`)).status).toBe(404);
    expect((await app.request("/api/v1/offers/not-a-uuid")).status).toBe(400);
  });
});
