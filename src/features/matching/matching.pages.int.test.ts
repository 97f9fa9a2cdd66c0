import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { anonymousCsrf } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;

const NORA = new URLSearchParams([
  ["kommun", "1884"],
  ["bransch", "25"],
  ["anstallda", "12"],
  ["startar", "2008"],
  ["omrade", "financing"],
  ["beskrivning", "Vi behöver finansiera en ny CNC-maskin"],
]);

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  await seedDemoData(testDb.db, { now: new Date("2026-11-28T10:00:00Z") });
});

afterAll(async () => {
  await testDb?.close();
});

const page = async (query: URLSearchParams | string = "") => {
  const response = await app.request(`/hitta-stod/mitt-foretag${query.toString() ? `?${query}` : ""}`);
  return { status: response.status, html: await response.text() };
};

describe("Hitta stöd för mitt företag", () => {
  it("shows the short form first, with every field labelled", async () => {
    const { status, html } = await page();
    expect(status).toBe(200);
    expect(html).toContain("<h1");
    for (const id of [
      "match-kommun",
      "match-postnummer",
      "match-bransch",
      "match-anstallda",
      "match-startar",
    ]) {
      expect(html).toContain(`for="${id}"`);
    }
    expect(html).not.toContain('id="match-results"');
  });

  it("ranks Almi's loans first for a metal company in Nora, with reasons and the send step", async () => {
    const { status, html } = await page(NORA);
    expect(status).toBe(200);
    const results = html.slice(html.indexOf('id="match-results"'), html.indexOf('id="match-send"'));
    const names = [...results.matchAll(/<h3[^>]*><a[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(names.slice(0, 2).sort()).toEqual(["Almi Företagslån", "Almi Innovationslån"]);
    expect(results).toContain("Svarar på behovet Finansiering");
    expect(results).toContain("Därför visar vi det");
    expect(html).toContain("Era behov går till Nora kommun");
    // Almi Invest is a near miss: the company is older than ten years.
    const misses = html.slice(html.indexOf('id="match-misses"'));
    expect(misses).toContain("Riskkapital för tillväxtbolag");
    expect(misses).toContain("Bara för företag som är högst 10 år gamla.");
  });

  it("finds the municipality from a postal code", async () => {
    const { html } = await page(
      new URLSearchParams([
        ["postnummer", "713 31"],
        ["omrade", "financing"],
      ]),
    );
    expect(html).toContain("Era behov går till Nora kommun");
  });

  it("says what to correct next to the field and keeps everything typed", async () => {
    const query = new URLSearchParams([
      ["kommun", "1884"],
      ["anstallda", "tolv"],
      ["postnummer", "99999"],
      ["beskrivning", ""],
      ["startar", "2008"],
    ]);
    const { status, html } = await page(query);
    expect(status).toBe(400);
    expect(html).toContain('href="#match-omrade"');
    expect(html).toContain("Välj minst ett område eller beskriv ert behov med egna ord.");
    expect(html).toMatch(
      /id="match-anstallda"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="match-anstallda"/,
    );
    expect(html).toContain('value="tolv"');
    expect(html).toContain('value="2008"');
    expect(html).toContain("Skriv antalet anställda som en siffra");
  });

  it("shows text typed into the description as text", async () => {
    const query = new URLSearchParams([["beskrivning", "<script>alert(1)</script> lån"]]);
    const { html } = await page(query);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; lån");
  });

  it("sends the needs into the needs intake of Nora kommun, made once, with the form filled in", async () => {
    const { cookie, csrfToken } = await anonymousCsrf(app, `/hitta-stod/mitt-foretag?${NORA}`);
    const send = () =>
      app.request("/hitta-stod/mitt-foretag/skicka", {
        method: "POST",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams([...NORA, ["_csrf", csrfToken]]),
      });
    const first = await send();
    expect(first.status).toBe(303);
    const location = first.headers.get("location")!;
    expect(location).toMatch(/^\/behov\/hitta-stod-nora-kommun\?/);
    expect((await send()).headers.get("location")).toBe(location);
    const surveys = await sql<{ n: number }>`
      select count(*)::int as n from surveys where slug = 'hitta-stod-nora-kommun'`.execute(testDb.db);
    expect(surveys.rows[0]!.n).toBe(1);

    const form = await app.request(location);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toMatch(/value="financing"[^>]*checked|checked[^>]*value="financing"/);
    expect(html).toContain("Vi behöver finansiera en ny CNC-maskin");
    expect(html).toMatch(/<option value="10-19" selected/);
    expect(html).toMatch(/<option value="1884" selected/);
    expect(html).toMatch(/name="company\.foundedYear"[^>]*value="2008"/);
    // The company gives its org number, contact and consent itself: nothing of that is filled in.
    expect(html).not.toMatch(/name="answers\.samtycke\.contactAndReferral"[^>]*checked/);
  });
});
