import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoPacks } from "#src/features/demo/demo.packs.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { listOffersByIds } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { getPublishedVersion, getSurvey } from "#src/features/surveys/surveys.service.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { listPacks } from "./packs.service.ts";

// The demo's four industry packs: realistic SNI scope, a published needs survey each, 3–6 offers from the
// demo catalogue, and a second run adds nothing.

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
  await seedDemoData(testDb.db);
}, 300_000);
afterAll(async () => {
  await testDb?.close();
});

describe("seedDemoPacks", () => {
  it("seeds the four packs once, each with a survey to start from and highlighted offers", async () => {
    const ids = new Map((await listOrganisations(testDb.db)).map((o) => [o.slug, o.id]));
    // seedDemoData may already call seedDemoPacks once it is wired; then this first run adds nothing.
    const first = await seedDemoPacks(testDb.db, ids);
    expect([0, 4]).toContain(first);
    expect(await seedDemoPacks(testDb.db, ids)).toBe(0);

    const packs = await listPacks(testDb.db);
    expect(packs.map((p) => p.slug)).toEqual(["besoksnaring", "bygg", "halsa", "tillverkande-industri"]);
    const bySlug = new Map(packs.map((p) => [p.slug, p]));
    expect(bySlug.get("bygg")!.sniCodes).toEqual(["41", "42", "43"]);
    expect(bySlug.get("halsa")!.sniCodes).toEqual(["86", "87", "88"]);
    expect(bySlug.get("besoksnaring")!.sniCodes).toEqual(expect.arrayContaining(["55", "56", "79", "93"]));
    expect(bySlug.get("tillverkande-industri")!.sniCodes).toHaveLength(24);
    for (const pack of packs) {
      expect(pack.offerIds.length, pack.slug).toBeGreaterThanOrEqual(3);
      expect(pack.offerIds.length, pack.slug).toBeLessThanOrEqual(6);
      expect((await listOffersByIds(testDb.db, pack.offerIds)).length).toBe(pack.offerIds.length);
      expect(pack.themes.length).toBeGreaterThan(0);
      const survey = await getSurvey(testDb.db, pack.surveyId!);
      expect(survey.kind).toBe("needs");
      await getPublishedVersion(testDb.db, survey.id);
      const owner = pack.slug === "tillverkande-industri" ? "nora-kommun" : "region-orebro-lan";
      expect(survey.organisationId, pack.slug).toBe(ids.get(owner));
    }
  });
});
