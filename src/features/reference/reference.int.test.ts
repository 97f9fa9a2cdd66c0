import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
});
afterAll(async () => {
  await testDb?.close();
});

async function getJson(path: string) {
  const response = await app.request(path);
  // biome-ignore lint/suspicious/noExplicitAny: assertions below check the shape
  const body: any = await response.json();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    requestId: response.headers.get("x-request-id"),
    body,
  };
}

describe("reference data API", () => {
  it("lists the 21 counties with two-digit SCB codes", async () => {
    const { status, body } = await getJson("/api/v1/reference/counties");
    expect(status).toBe(200);
    expect(body.items).toHaveLength(21);
    expect(body.items).toContainEqual({ code: "18", name: "Örebro län", shortName: "Örebro" });
    expect(body.items.every((c: { code: string }) => /^\d{2}$/.test(c.code))).toBe(true);
  });

  it("lists all 290 municipalities, keeping leading zeros", async () => {
    const { body } = await getJson("/api/v1/reference/municipalities");
    expect(body.items).toHaveLength(290);
    expect(body.items[0]).toEqual({
      code: "0114",
      name: "Upplands Väsby kommun",
      shortName: "Upplands Väsby",
      countyCode: "01",
    });
  });

  it("lists the 12 municipalities of Örebro län", async () => {
    const { status, body } = await getJson("/api/v1/reference/municipalities?county=18");
    expect(status).toBe(200);
    expect(body.items.map((m: { code: string; shortName: string }) => `${m.code} ${m.shortName}`)).toEqual([
      "1814 Lekeberg",
      "1860 Laxå",
      "1861 Hallsberg",
      "1862 Degerfors",
      "1863 Hällefors",
      "1864 Ljusnarsberg",
      "1880 Örebro",
      "1881 Kumla",
      "1882 Askersund",
      "1883 Karlskoga",
      "1884 Nora",
      "1885 Lindesberg",
    ]);
  });

  it("answers a malformed county with 400 and an unknown one with 404, as problem documents", async () => {
    const malformed = await getJson("/api/v1/reference/municipalities?county=abc");
    expect(malformed.status).toBe(400);
    expect(malformed.type).toContain("application/problem+json");
    expect(malformed.body.error.code).toBe("VALIDATION_FAILED");
    expect(malformed.body.error.message).toMatch(/county/);
    expect(malformed.requestId).toBe(malformed.body.requestId);
    const unknown = await getJson("/api/v1/reference/municipalities?county=99");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/99/);
  });

  it("finds Nora (1884) from postal code 71331", async () => {
    const { status, body } = await getJson("/api/v1/reference/postal-codes/71331");
    expect(status).toBe(200);
    expect(body).toEqual({
      postalCode: "71331",
      locality: "Nora",
      municipality: { code: "1884", name: "Nora kommun", shortName: "Nora", countyCode: "18" },
    });
  });

  it.each([
    ["abcde", 400],
    ["7133", 400],
    ["713311", 400],
    ["01234", 400],
    ["99999", 404],
  ])("answers postal code %s with %i and a clear message", async (code, expected) => {
    const { status, type, body } = await getJson(`/api/v1/reference/postal-codes/${code}`);
    expect(status).toBe(expected);
    expect(type).toContain("application/problem+json");
    expect(body.error.message.length).toBeGreaterThan(20);
  });

  it("gives SNI 2007 sections and divisions with the code-list version", async () => {
    const { body } = await getJson("/api/v1/reference/sni");
    expect(body.version).toBe("SNI2007");
    const sections = body.items.filter((s: { level: string }) => s.level === "section");
    const divisions = body.items.filter((s: { level: string }) => s.level === "division");
    expect(sections).toHaveLength(21);
    expect(divisions).toHaveLength(88);
    expect(body.items).toContainEqual({
      code: "C",
      level: "section",
      parent: null,
      name: { sv: "Tillverkning", en: "Manufacturing" },
    });
    expect(divisions.find((d: { code: string }) => d.code === "25")?.parent).toBe("C");
  });

  it("gives the 15 need themes in PRODUCT.md order with Swedish and English labels", async () => {
    const { body } = await getJson("/api/v1/reference/themes");
    expect(body.items.map((t: { code: string }) => t.code)).toEqual([
      "financing",
      "recruitment",
      "training",
      "digitalisation",
      "transformation",
      "innovation",
      "academic-collaboration",
      "sales-export",
      "production",
      "sustainability",
      "leadership",
      "premises-permits",
      "crisis",
      "startup-growth",
      "succession",
    ]);
    expect(body.items[0].label).toEqual({ sv: "Finansiering och likviditet", en: "Financing and liquidity" });
  });

  it("gives the 13 offer formats and the 9 SCB size bands", async () => {
    const formats = await getJson("/api/v1/reference/offer-formats");
    expect(formats.body.items.map((f: { code: string }) => f.code)).toContain("thesis");
    expect(formats.body.items).toHaveLength(13);
    const sizes = await getJson("/api/v1/reference/size-bands");
    expect(sizes.body.items.map((s: { code: string }) => s.code)).toEqual([
      "0",
      "1-4",
      "5-9",
      "10-19",
      "20-49",
      "50-99",
      "100-199",
      "200-499",
      "500+",
    ]);
  });

  it("describes every reference operation in the OpenAPI 3.1 document", async () => {
    const { body } = await getJson("/api/v1/openapi.json");
    expect(body.openapi).toBe("3.1.0");
    for (const path of [
      "/reference/counties",
      "/reference/municipalities",
      "/reference/postal-codes/{code}",
      "/reference/sni",
      "/reference/themes",
    ]) {
      expect(body.paths[path]?.get, path).toBeDefined();
    }
  });
});
