import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { buildApp } from "#src/app.ts";
import { loadConfig } from "#src/config.ts";
import type { Database } from "#src/db/schema.ts";
import { LOCALE_COOKIE } from "#src/shared/i18n.ts";
import { createLogger } from "#src/shared/logger.ts";

// These pages read nothing from the database, so this is a unit test: the app gets a database handle
// whose pool points nowhere and is never opened. A page that starts querying fails here loudly (and its
// test then belongs in a *.int.test.ts).
function buildWebApp(options: { isDemo?: boolean } = {}) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: "/tmp/lots-web-unit-test",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: "postgres://nobody@unused.invalid/none", max: 1 }),
    }),
  });
  const logger = createLogger({ level: "silent" });
  return buildApp({ config, db, dbKind: "postgres", logger, isDemo: options.isDemo });
}

const app = buildWebApp();

async function getPage(path: string, locale?: "sv" | "en", target = app) {
  const response = await target.request(path, {
    headers: locale ? { cookie: `${LOCALE_COOKIE}=${locale}` } : {},
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

function h1(html: string): string | undefined {
  return html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];
}

describe("public pages", () => {
  it("shows the home page in Swedish by default and in English by the language cookie", async () => {
    const sv = await getPage("/");
    expect(sv.status).toBe(200);
    expect(sv.html).toContain('<html lang="sv"');
    expect(h1(sv.html)).toBe("Rätt stöd till ditt företag");
    expect(sv.html).toMatch(/<label class="ds-label" for="home-search">Sök stöd<\/label>/);
    expect(sv.html).toMatch(/<input[^>]*id="home-search"[^>]*name="q"/);
    expect(sv.html).toContain('action="/hitta-stod"');
    expect(sv.html).toContain('href="/behov"');

    const en = await getPage("/", "en");
    expect(en.html).toContain('<html lang="en"');
    expect(h1(en.html)).toBe("The right support for your business");
  });

  it("publishes the accessibility statement with its status, the DIGG link and the date", async () => {
    for (const [locale, status] of [
      ["sv", "delvis förenlig"],
      ["en", "partially compliant"],
    ] as const) {
      const { html } = await getPage("/tillganglighet", locale);
      expect(html).toContain(status);
      expect(html).toContain('href="https://www.digg.se/tdosanmalan"');
      expect(html).toContain("2026-11-28");
    }
  });

  // /hitta-stod is the catalogue's search page now, which reads the database: its tests are in
  // src/features/catalogue/catalogue.pages.int.test.ts. The home page's form above must keep pointing there.

  // /behov is the needs form now (src/features/intake-pages, tested in needs-form.int.test.ts), /traffar the
  // meetings list (src/features/meetings, tested in meetings.public-pages.int.test.ts).

  it("answers unknown pages with a 404 page in the visitor's language", async () => {
    const sv = await getPage("/finns-inte");
    expect(sv.status).toBe(404);
    expect(h1(sv.html)).toBe("Sidan finns inte");
    const en = await getPage("/finns-inte", "en");
    expect(en.status).toBe(404);
    expect(h1(en.html)).toBe("Page not found");
  });

  it("switches language only back to a path on this site", async () => {
    const ok = await app.request("/lang/en?return=%2Ftraffar%3Fx%3D1");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/traffar?x=1");
    expect(ok.headers.get("set-cookie")).toContain(`${LOCALE_COOKIE}=en`);
    for (const target of ["//evil.example", "https://evil.example", "/\\evil.example"]) {
      const response = await app.request(`/lang/en?return=${encodeURIComponent(target)}`);
      expect(response.headers.get("location")).toBe("/");
    }
  });

  it("shows the demonstration notice only when the app runs on demo data", async () => {
    expect((await getPage("/")).html).not.toContain("ds-alert");
    const { html } = await getPage("/", "sv", buildWebApp({ isDemo: true }));
    expect(html).toContain("Alla företag som visas är påhittade.");
  });

  it("serves the themed stylesheet", async () => {
    const response = await app.request("/assets/lots.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/css");
    const css = await response.text();
    expect(css).toContain("--ds-color-accent-base-default: #0b5f6b");
    expect(css).toContain(".ds-skip-link");
    expect(css).toContain(".lots-nav__link");
  });
});
