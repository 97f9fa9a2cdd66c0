import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { MATCH_LIMITS } from "./matching.api.ts";
import { matchOffers } from "./matching.service.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
const slugOf = new Map<string, string>();

const NORA_METAL = {
  company: { municipality: "1884", sni: "25620", employees: 12, foundedYear: 2008 },
  needs: [{ theme: "financing", text: "Vi behöver finansiera en ny CNC-maskin" }],
  limit: 10,
  includeNearMisses: false,
};

function match(body: unknown, headers: Record<string, string> = {}) {
  return app.request("/api/v1/match", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

type Result = {
  offer: { id: string; name: string; organisation: { id: string; name: string } };
  score: number;
  eligible: boolean;
  reasons: { code: string; text: string }[];
  notEligibleBecause: { code: string; text: string }[];
};

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  await seedDemoData(testDb.db, { now: new Date("2026-11-28T10:00:00Z") });
  const rows = await sql<{ id: string; slug: string }>`select id, slug from offers`.execute(testDb.db);
  for (const row of rows.rows) slugOf.set(row.id, row.slug);
});

afterAll(async () => {
  await testDb?.close();
});

describe("POST /api/v1/match", () => {
  it("ranks Almi's loans first for a metal manufacturer in Nora that needs financing, with reasons", async () => {
    const response = await match(NORA_METAL);
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Result[] };
    expect(results.length).toBeGreaterThan(2);
    expect(
      results
        .slice(0, 2)
        .map((r) => slugOf.get(r.offer.id))
        .sort(),
    ).toEqual(["almi-foretagslan", "almi-innovationslan"]);
    expect(results[0]!.offer.organisation.name).toBe("Almi Företagspartner Mälardalen");
    for (const result of results) {
      expect(Object.keys(result).sort()).toEqual([
        "eligible",
        "notEligibleBecause",
        "offer",
        "reasons",
        "score",
      ]);
      expect(result.eligible).toBe(true);
      expect(result.notEligibleBecause).toEqual([]);
      expect(result.reasons.length).toBeGreaterThan(0);
      expect(result.score).toBeGreaterThan(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const first = results[0]!.reasons.map((r) => r.text).join(" ");
    expect(first).toContain("Finansiering");
    expect(first).toContain("Nora");
  });

  it("adds near misses after the eligible results, each saying why not", async () => {
    const response = await match({ ...NORA_METAL, includeNearMisses: true });
    const { results } = (await response.json()) as { results: Result[] };
    const firstMiss = results.findIndex((r) => !r.eligible);
    expect(firstMiss).toBeGreaterThan(0);
    expect(results.slice(firstMiss).every((r) => !r.eligible)).toBe(true);
    for (const miss of results.slice(firstMiss)) expect(miss.notEligibleBecause.length).toBeGreaterThan(0);
    // Almi Invest is only for companies at most 10 years old; this one was founded in 2008.
    const invest = results.find((r) => slugOf.get(r.offer.id) === "almi-invest-riskkapital");
    expect(invest?.eligible).toBe(false);
    expect(invest?.notEligibleBecause.map((r) => r.text)).toContain(
      "Bara för företag som är högst 10 år gamla.",
    );
  });

  it("answers in English when asked", async () => {
    const response = await match(NORA_METAL, { "accept-language": "en-GB,en;q=0.8" });
    const { results } = (await response.json()) as { results: Result[] };
    expect(results[0]!.offer.name).toMatch(/^Almi/);
    expect(results[0]!.reasons[0]!.text).toMatch(/^Answers the need /);
  });

  it("combines needs: an offer answering two of them ranks above offers answering one", async () => {
    const { results } = await matchOffers(
      testDb.db,
      {
        company: { municipality: "1880" },
        needs: [{ text: "vi vill ta in en exjobbare" }, { theme: "recruitment" }],
      },
      { locale: "sv" },
    );
    expect(slugOf.get(results[0]!.offer.id)).toBe("exjobbsformedling");
    expect(results[0]!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(["text", "theme"]));
  });

  it("finds offers through synonyms and inflections (kredit → lån)", async () => {
    const { results } = await matchOffers(
      testDb.db,
      { needs: [{ text: "Vi söker en kredit till maskiner" }] },
      { locale: "sv" },
    );
    expect(results.slice(0, 3).map((r) => slugOf.get(r.offer.id))).toContain("almi-foretagslan");
  });

  it("answers 400 naming the field for unknown codes and malformed needs", async () => {
    const cases: [unknown, string][] = [
      [{ ...NORA_METAL, needs: [{ theme: "no-such-theme" }] }, "needs.0.theme"],
      [{ ...NORA_METAL, company: { municipality: "9999" } }, "company.municipality"],
      [{ ...NORA_METAL, company: { sni: "00123" } }, "company.sni"],
      [{ ...NORA_METAL, needs: [] }, "needs"],
      [{ ...NORA_METAL, needs: [{}] }, "needs.0"],
      [{ ...NORA_METAL, company: { foundedYear: 2090 } }, "company.foundedYear"],
    ];
    for (const [body, field] of cases) {
      const response = await match(body);
      expect(response.status, field).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await response.json()) as { errors: Record<string, { sv: string; en: string }> };
      expect(Object.keys(problem.errors), field).toContain(field);
    }
  });

  it("costs at most two SQL statements once the catalogue index is loaded", async () => {
    let statements = 0;
    const counted = testDb.db.withPlugin({
      transformQuery(args) {
        statements++;
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    const five = {
      company: { municipality: "1884", employees: 12 },
      needs: [
        { theme: "financing", text: "lån till en ny maskin" },
        { theme: "recruitment", text: "svårt att hitta svetsare" },
        { text: "exjobb om automation" },
        { theme: "sustainability" },
        { text: "vi vill sälja till Norge och exportera" },
      ],
    };
    // The index is cached per database handle, and `counted` is a handle of its own: the first match loads it.
    await matchOffers(counted, five, { locale: "sv" });
    statements = 0;
    await matchOffers(counted, five, { locale: "sv" });
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(2);
  });

  it(`is rate-limited per client address (${MATCH_LIMITS.limit} a minute)`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= MATCH_LIMITS.limit; i++) statuses.push((await match(NORA_METAL)).status);
    expect(statuses.at(-1)).toBe(429);
  });
});
