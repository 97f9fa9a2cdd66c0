import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// Regression for `npm run test:xss`: an offer link or organisation website that is not http(s) — possible
// only below the validated write paths (restores, database work) — must not become a live link on the
// public offer page. Valid addresses still do.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let offerId: string;
let organisationId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Länknätverket");
  const [offer] = await createOffers(testDb.db, [
    {
      organisationId,
      slug: "lankbidraget",
      name: "Länkbidraget",
      summary: "Ett bidrag med en länk till ansökan.",
      description: "Bidraget har en länk till ansökan på webben.",
      formats: ["grant"],
      themes: ["financing"],
      costType: "grant",
      link: "https://lank.example/ansok",
    },
  ]);
  offerId = offer!.id;
  await testDb.db
    .updateTable("organisations")
    .set({ website: "https://lank.example" })
    .where("id", "=", organisationId)
    .execute();
});

afterAll(async () => {
  await testDb?.close();
});

async function offerPage(): Promise<string> {
  const response = await app.request(`/hitta-stod/${offerId}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("links on the offer page", () => {
  it("shows http(s) links", async () => {
    const html = await offerPage();
    expect(html).toContain('href="https://lank.example/ansok"');
    expect(html).toContain('href="https://lank.example"');
  });

  it("drops javascript:, vbscript: and data: addresses instead of linking them", async () => {
    for (const [link, website] of [
      ["javascript:top.__lotsXss(1)", " JaVaScRiPt:top.__lotsXss(2)"],
      ["data:text/html,<script>top.__lotsXss(3)</script>", "vbscript:top.__lotsXss(4)"],
    ]) {
      await testDb.db.updateTable("offers").set({ link }).where("id", "=", offerId).execute();
      await testDb.db
        .updateTable("organisations")
        .set({ website })
        .where("id", "=", organisationId)
        .execute();
      const html = await offerPage();
      expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
      expect(html).not.toContain("__lotsXss");
    }
  });
});
