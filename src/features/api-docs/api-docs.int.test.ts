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

type OpenApiDocument = {
  servers: { url: string }[];
  paths: Record<
    string,
    Record<string, { summary?: string; responses: Record<string, { description: string }> }>
  >;
  components: { schemas: Record<string, unknown> };
};

async function getPage(headers: Record<string, string> = {}) {
  const response = await app.request("/api/docs", { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/html");
  return response.text();
}

/** The document the page links to, fetched through that link so a wrong href fails the test. */
async function getLinkedDocument(html: string): Promise<OpenApiDocument> {
  const href = /<a[^>]*href="([^"]+)"[^>]*type="application\/json"/.exec(html)?.[1];
  expect(href).toBe("/api/v1/openapi.json");
  const response = await app.request(href!);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

// hono/jsx escapes text the way the page shows it; compare against the same escaping.
function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The HTML of the section whose heading has this id, up to the next operation heading. */
function sectionOf(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `no element with id ${id}`).toBeGreaterThan(-1);
  const next = html.indexOf("<h3", start);
  return html.slice(start, next === -1 ? undefined : next);
}

describe("API reference page", () => {
  it("lists every operation of the OpenAPI document with its summary and response codes", async () => {
    const html = await getPage();
    const doc = await getLinkedDocument(html);
    const base = doc.servers[0]!.url;
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      for (const [method, operation] of Object.entries(doc.paths[path]!)) {
        const id = `op-${`${method} ${path}`
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-+|-+$/g, "")}`;
        const section = sectionOf(html, id);
        expect(section).toContain(`<code>${escapeHtml(`${base}${path}`)}</code>`);
        expect(section).toContain(`>${method.toUpperCase()}</span>`);
        if (operation.summary) expect(section).toContain(escapeHtml(operation.summary));
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(section).toContain(`<th scope="row">${status}</th>`);
          expect(section).toContain(escapeHtml(response.description));
        }
      }
    }
  });

  it("describes the postal code path parameter: name, place, required, type and example", async () => {
    const html = await getPage();
    const section = sectionOf(html, "op-get-reference-postal-codes-code");
    const row = /<tr><th scope="row"><code>code<\/code><\/th>(.*?)<\/tr>/s.exec(section)?.[1];
    expect(row).toBeDefined();
    const cells = [...row!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]);
    expect(cells.slice(0, 4)).toEqual(["sökväg", "Ja", "<code>string</code>", "<code>71331</code>"]);
    expect(cells[4]).toBe("Five digits, no space");
    // The documented example is a real postal code: calling the path with it answers.
    const example = /<code>(.*?)<\/code>/.exec(cells[3]!)?.[1];
    const answer = await app.request(`/api/v1/reference/postal-codes/${example}`);
    expect(answer.status).toBe(200);
    // The optional query parameter of the municipality list is marked as such, with its pattern.
    const municipalities = sectionOf(html, "op-get-reference-municipalities");
    expect(municipalities).toMatch(/<code>county<\/code><\/th><td>frågesträng<\/td><td>Nej<\/td>/);
    expect(municipalities).toContain("<code>^[0-9]{2}$</code>");
  });

  it("renders bodies with links to a Schemas section that has every named schema", async () => {
    const html = await getPage();
    const doc = await getLinkedDocument(html);
    for (const name of Object.keys(doc.components.schemas)) {
      expect(html).toMatch(new RegExp(`<h3[^>]*id="schema-${name.toLowerCase()}"[^>]*>${name}</h3>`));
    }
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets).toContain("schema-municipalitylist");
    for (const target of targets) expect(html, `broken anchor #${target}`).toContain(`id="${target}"`);
    // A nested named schema is a link, not repeated inline: PostalCode.municipality -> Municipality.
    const postalCode = sectionOf(html, "schema-postalcode");
    expect(postalCode).toMatch(/<code>municipality<\/code>: <a class="ds-link" href="#schema-municipality">/);
    // Nullable types read as "T or null".
    expect(sectionOf(html, "schema-sizeband")).toContain("<code>integer</code> eller <code>null</code>");
  });

  it("has one h1, no skipped heading levels and scoped table headers", async () => {
    const html = await getPage();
    const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    const headerCells = [...html.matchAll(/<th(\s[^>]*)?>/g)].map((m) => m[1] ?? "");
    expect(headerCells.length).toBeGreaterThan(0);
    for (const attributes of headerCells) expect(attributes).toMatch(/scope="(col|row)"/);
    expect(html).not.toMatch(/<script/i);
  });

  it("renders in English after the language cookie is set", async () => {
    const html = await getPage({ cookie: "lots_lang=en" });
    expect(html).toMatch(/<html lang="en"[\s>]/);
    expect(html).toContain("API reference");
    expect(html).toContain(">Parameters</h4>");
    expect(html).toContain(">Responses</h4>");
    const section = sectionOf(html, "op-get-reference-postal-codes-code");
    expect(section).toMatch(/<code>code<\/code><\/th><td>path<\/td><td>Yes<\/td>/);
    expect(html).not.toContain("Parametrar");
    // The page is English, so the document's English prose needs no lang attribute of its own.
    expect(html).not.toMatch(/<(p|span|td)\s[^>]*lang="en"/);
    const swedish = await getPage();
    expect(swedish).toMatch(/<html lang="sv"[\s>]/);
    expect(swedish).toContain('<p class="ds-paragraph" lang="en">The municipality of a postal code</p>');
  });
});
