import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCompanies } from "#src/features/companies/companies.service.ts";
import { listOffers } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { createLogger } from "#src/shared/logger.ts";
import { isValidOrgNumber } from "#src/shared/org-number.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { hasDemoData, seedDemoData, seedDemoDataIfEmpty } from "./demo.service.ts";

const NOW = new Date("2026-11-28T09:00:00Z");
const TABLES = ["organisations", "organisation_municipalities", "offers", "companies"];
const logger = createLogger({ level: "silent" });

let testDb: TestDb;
let firstRun: Awaited<ReturnType<typeof seedDemoData>>;

async function tableCounts(db: TestDb["db"]) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(db, t)])));
}

async function codes(db: TestDb["db"], query: ReturnType<typeof sql<{ code: string }>>) {
  return (await query.execute(db)).rows.map((r) => r.code).sort();
}

beforeAll(async () => {
  testDb = await createTestDb();
  expect(await hasDemoData(testDb.db)).toBe(false);
  firstRun = await seedDemoData(testDb.db, { now: NOW });
});
afterAll(async () => {
  await testDb?.close();
});

describe("demo data: the Örebro network", () => {
  it("reports what it added, matching the tables", async () => {
    expect(firstRun.organisations).toBe(7);
    expect(firstRun.offers).toBeGreaterThanOrEqual(25);
    expect(firstRun.companies).toBeGreaterThanOrEqual(40);
    const counts = await tableCounts(testDb.db);
    expect(counts.organisations).toBe(firstRun.organisations);
    expect(counts.offers).toBe(firstRun.offers);
    expect(counts.companies).toBe(firstRun.companies);
    expect(await hasDemoData(testDb.db)).toBe(true);
  });

  it("has the seven organisations of the model, each serving its municipalities", async () => {
    const organisations = await listOrganisations(testDb.db);
    const county = await codes(testDb.db, sql`select code from municipalities where county_code = '18'`);
    expect(county).toHaveLength(12);
    const bySlug = Object.fromEntries(organisations.map((o) => [o.slug, o]));
    expect(Object.keys(bySlug).sort()).toEqual([
      "alfred-nobel-science-park",
      "almi-malardalen",
      "business-region-orebro",
      "inkubera",
      "nora-kommun",
      "orebro-universitet",
      "region-orebro-lan",
    ]);
    expect(bySlug["alfred-nobel-science-park"]?.type).toBe("science-park");
    expect(bySlug["almi-malardalen"]?.type).toBe("business-finance");
    expect(bySlug["region-orebro-lan"]?.type).toBe("region");
    expect(bySlug["orebro-universitet"]?.type).toBe("university");
    expect(bySlug.inkubera?.type).toBe("incubator");
    for (const slug of [
      "region-orebro-lan",
      "almi-malardalen",
      "alfred-nobel-science-park",
      "orebro-universitet",
    ]) {
      expect(bySlug[slug]?.municipalityCodes, slug).toEqual(county);
    }
    expect(bySlug["nora-kommun"]?.municipalityCodes).toEqual(["1884"]);
    expect(bySlug["business-region-orebro"]?.municipalityCodes).toContain("1880");
    // Lots must not invent real organisations' numbers.
    expect(organisations.every((o) => o.orgNumber === null)).toBe(true);
  });

  it("has offers answering all need themes, in most formats, with Smart omställning from Almi", async () => {
    const offers = await listOffers(testDb.db);
    const themes = await codes(testDb.db, sql`select code from need_themes`);
    expect(themes).toHaveLength(15);
    expect([...new Set(offers.flatMap((o) => o.themes))].sort()).toEqual(themes);
    const formats = new Set(offers.flatMap((o) => o.formats));
    expect(formats.size).toBeGreaterThanOrEqual(10);
    const organisations = await listOrganisations(testDb.db);
    const almi = organisations.find((o) => o.slug === "almi-malardalen");
    expect(offers.find((o) => o.name.startsWith("Smart omställning"))?.organisationId).toBe(almi?.id);
    // Every organisation has something to offer.
    expect(new Set(offers.map((o) => o.organisationId)).size).toBe(7);
  });

  it("refers only to codes that exist in the reference tables", async () => {
    const orphans = await sql<{ kind: string; code: string }>`
      select 'theme' as kind, t.code from offers, unnest(themes) as t(code)
        where t.code not in (select code from need_themes)
      union all
      select 'format', f.code from offers, unnest(formats) as f(code)
        where f.code not in (select code from offer_formats)
      union all
      select 'municipality', m.code from offers, unnest(eligible_municipality_codes) as m(code)
        where m.code not in (select code from municipalities)
      union all
      select 'county', c.code from offers, unnest(eligible_county_codes) as c(code)
        where c.code not in (select code from counties)
      union all
      select 'size', s.code from offers, unnest(size_bands) as s(code)
        where s.code not in (select code from size_bands)
      union all
      select 'company sni', sni_code from companies
        where left(sni_code, 2) not in (select code from sni_codes where level = 'division')
    `.execute(testDb.db);
    expect(orphans.rows).toEqual([]);
  });

  it("has realistic catalogue states: paused or closed offers, capacity, stale verification", async () => {
    const offers = await listOffers(testDb.db);
    expect(offers.some((o) => o.status !== "active")).toBe(true);
    expect(offers.filter((o) => o.status === "active").length).toBeGreaterThan(offers.length / 2);
    expect(offers.some((o) => o.capacityTotal !== null && o.capacityRemaining !== null)).toBe(true);
    const ageDays = (o: { lastVerifiedAt: Date | null }) =>
      (NOW.getTime() - o.lastVerifiedAt!.getTime()) / 86_400_000;
    expect(offers.every((o) => o.lastVerifiedAt && ageDays(o) >= 0 && ageDays(o) <= 366)).toBe(true);
    expect(offers.some((o) => ageDays(o) > 180)).toBe(true);
    expect(offers.some((o) => o.sniInclude.length > 0 || o.sniExclude.length > 0)).toBe(true);
    expect(offers.some((o) => o.maxCompanyAgeYears !== null)).toBe(true);
    // Contacts are invented: no real organisation's mail domain.
    expect(
      offers.every((o) => o.contacts.every((c) => c.email === null || c.email.endsWith(".example"))),
    ).toBe(true);
    expect(offers.every((o) => o.contacts.length > 0 && o.lastVerifiedBy === "demo")).toBe(true);
  });

  it("has fictional companies in all twelve municipalities of Örebro län with valid org numbers", async () => {
    const companies = await listCompanies(testDb.db);
    expect(companies.length).toBeGreaterThanOrEqual(40);
    expect(companies.every((c) => c.isFictional)).toBe(true);
    const county = await codes(testDb.db, sql`select code from municipalities where county_code = '18'`);
    expect([...new Set(companies.map((c) => c.municipalityCode))].sort()).toEqual(county);
    expect(companies.every((c) => isValidOrgNumber(c.orgNumber) && /^\d{10}$/.test(c.orgNumber))).toBe(true);
    expect(companies.filter((c) => c.isSoleTrader)).toHaveLength(2);
    expect(new Set(companies.map((c) => c.sizeBand)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(companies.map((c) => c.sniCode?.slice(0, 2))).size).toBeGreaterThanOrEqual(10);
  });

  it("changes nothing when run again", async () => {
    const before = await tableCounts(testDb.db);
    expect(await seedDemoData(testDb.db, { now: NOW })).toEqual({
      organisations: 0,
      offers: 0,
      companies: 0,
      users: 0,
    });
    expect(await tableCounts(testDb.db)).toEqual(before);
  });

  it("tops up what is missing without duplicating the rest", async () => {
    const [company] = await listCompanies(testDb.db);
    await sql`delete from companies where id = ${company!.id}`.execute(testDb.db);
    expect(await seedDemoData(testDb.db, { now: NOW })).toEqual({
      organisations: 0,
      offers: 0,
      companies: 1,
      users: 0,
    });
    expect(await countRows(testDb.db, "companies")).toBe(firstRun.companies);
  });

  it("seedDemoDataIfEmpty leaves a database with organisations alone", async () => {
    const before = await tableCounts(testDb.db);
    expect(await seedDemoDataIfEmpty(testDb.db, logger)).toBeUndefined();
    expect(await tableCounts(testDb.db)).toEqual(before);
  });
});

describe("seedDemoDataIfEmpty on an empty database", () => {
  it("seeds and returns what it added", async () => {
    const empty = await createTestDb();
    try {
      const counts = await seedDemoDataIfEmpty(empty.db, logger);
      expect(counts).toEqual(firstRun);
      expect(await hasDemoData(empty.db)).toBe(true);
    } finally {
      await empty.close();
    }
  });
});
