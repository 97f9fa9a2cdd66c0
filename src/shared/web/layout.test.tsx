import { describe, expect, it } from "vitest";
import type { Locale } from "../i18n.ts";
import { isCurrentSection, languageSwitchHref, MAIN_ID, Page } from "./layout.tsx";

// The unit project runs in Node without a DOM, so the checks read the rendered HTML with patterns that
// name the element they look for; the browser journey (tests/e2e) checks the same shell in Chromium.
async function renderShell(
  props: { locale?: Locale; currentPath?: string; isDemo?: boolean } = {},
): Promise<string> {
  const node = (
    <Page
      locale={props.locale ?? "sv"}
      title="Sidan"
      networkName="Företagslots Testlän"
      currentPath={props.currentPath ?? "/"}
      isDemo={props.isDemo}
    >
      <h1>Innehåll</h1>
    </Page>
  );
  return `<!doctype html>${await node.toString()}`;
}

describe("Page shell", () => {
  it("sets the language and Designsystemet's colour scheme and size on <html>", async () => {
    const sv = await renderShell({ locale: "sv" });
    expect(sv).toMatch(/<html lang="sv" data-color-scheme="auto">/);
    expect(sv).toMatch(/<body data-size="md">/);
    const en = await renderShell({ locale: "en" });
    expect(en).toMatch(/<html lang="en"/);
    expect(en).toContain("Skip to main content");
  });

  it("has a skip link whose target is the <main> element", async () => {
    const html = await renderShell();
    const skip = html.match(/<a class="ds-skip-link" href="#([^"]+)">([^<]+)<\/a>/);
    expect(skip?.[1]).toBe(MAIN_ID);
    expect(skip?.[2]).toBe("Hoppa till huvudinnehållet");
    expect(html).toMatch(new RegExp(`<main id="${MAIN_ID}"[^>]*tabindex="-1"`));
    // The skip link comes before the header, so it is the first thing a keyboard reaches.
    expect(html.indexOf("ds-skip-link")).toBeLessThan(html.indexOf("<header"));
  });

  it("links the language switch to the other language and back to the same page with its query", async () => {
    const html = await renderShell({ locale: "sv", currentPath: "/hitta-stod?q=lån & bidrag" });
    const link = html.match(
      /<a class="ds-link lots-lang" href="([^"]+)" lang="en" hreflang="en">In English</,
    );
    expect(link).not.toBeNull();
    const href = link![1]!.replaceAll("&amp;", "&");
    const url = new URL(href, "http://lots.test");
    expect(url.pathname).toBe("/lang/en");
    expect(url.searchParams.get("return")).toBe("/hitta-stod?q=lån & bidrag");

    const en = await renderShell({ locale: "en", currentPath: "/traffar" });
    expect(en).toMatch(/href="\/lang\/sv\?return=%2Ftraffar" lang="sv" hreflang="sv">På svenska</);
  });

  it("marks the current section in a labelled navigation landmark", async () => {
    const html = await renderShell({ currentPath: "/traffar?kommun=1884" });
    expect(html).toMatch(/<nav class="lots-nav" aria-label="Huvudmeny">/);
    const current = [...html.matchAll(/<a class="lots-nav__link" href="([^"]+)" aria-current="page">/g)];
    expect(current.map((m) => m[1])).toEqual(["/traffar"]);
    for (const label of ["Hitta stöd", "Berätta om era behov", "Träffar", "Logga in"]) {
      expect(html).toContain(`>${label}</a>`);
    }
  });

  it("links the accessibility statement and the API docs in the footer", async () => {
    const html = await renderShell();
    const footer = html.slice(html.indexOf("<footer"));
    expect(footer).toContain('href="/tillganglighet"');
    expect(footer).toContain('href="/api/docs"');
  });

  it("shows the demonstration notice only when the app runs on demo data", async () => {
    const plain = await renderShell();
    expect(plain).not.toContain("ds-alert");
    const demo = await renderShell({ isDemo: true });
    expect(demo).toMatch(/<div class="ds-alert" data-color="info">/);
    expect(demo).toContain("Alla företag som visas är påhittade.");
    const demoEn = await renderShell({ isDemo: true, locale: "en" });
    expect(demoEn).toContain("All companies shown are fictional.");
  });

  it("escapes the current path so a crafted URL cannot inject markup", async () => {
    const html = await renderShell({ currentPath: '/x?"><script>alert(1)</script>' });
    expect(html).not.toContain("<script>");
    expect(html).toContain("%3Cscript%3E");
  });
});

describe("isCurrentSection", () => {
  it("matches the section and pages below it, ignoring the query", () => {
    expect(isCurrentSection("/traffar", "/traffar")).toBe(true);
    expect(isCurrentSection("/traffar/nora-2020?x=1", "/traffar")).toBe(true);
    expect(isCurrentSection("/traffar?x=1", "/traffar")).toBe(true);
    expect(isCurrentSection("/traffarna", "/traffar")).toBe(false);
    expect(isCurrentSection("/", "/traffar")).toBe(false);
  });
});

describe("languageSwitchHref", () => {
  it("encodes the return path as one query parameter", () => {
    expect(languageSwitchHref("en", "/a?b=1&c=2")).toBe("/lang/en?return=%2Fa%3Fb%3D1%26c%3D2");
  });
});
