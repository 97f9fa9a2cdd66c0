import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations as expectNoSeriousViolationsOn } from "#tests/support/e2e-page.ts";

// Journey: a company owner lands on the home page, moves through it with the keyboard, switches to
// English and back, reads the accessibility statement and hits a missing page. Every page is checked
// with axe against WCAG 2.1 A and AA.

// The callbacks given to page.evaluate run in the browser. The project has no DOM types (server code must
// not use them), so this file declares the little those callbacks touch.
type BrowserElement = {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  getBoundingClientRect(): { width: number; height: number; top: number };
};
declare const document: { activeElement: BrowserElement | null; body: BrowserElement };
declare function getComputedStyle(element: BrowserElement): {
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
  backgroundColor: string;
};

const baseUrl = inject("baseUrl");

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Runs axe on the journey's page (tests/support/e2e-page.ts): 0 serious or critical violations. */
function expectNoSeriousViolations(label: string): Promise<void> {
  return expectNoSeriousViolationsOn(page, label);
}

async function htmlLang(): Promise<string | null> {
  return page.locator("html").getAttribute("lang");
}

/** Describes the focused element, for keyboard checks. */
async function focused() {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      text: el.textContent?.trim() ?? "",
      width: rect.width,
      height: rect.height,
      top: rect.top,
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      boxShadow: style.boxShadow,
    };
  });
}

/** Presses Tab until the focused element's text is `text`, failing after `max` presses. */
async function tabTo(text: string, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const now = await focused();
    if (now?.text === text) return now;
  }
  throw new Error(`"${text}" was not reached with ${max} presses of Tab`);
}

describe("home page journey", () => {
  it("shows the home page in Swedish by default, without serious accessibility problems", async () => {
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(await htmlLang()).toBe("sv");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Rätt stöd till ditt företag");
    expect(await page.title()).toContain("Start");
    await expectNoSeriousViolations("/ (sv)");
  });

  it("reaches a visible skip link first and jumps to the main content with it", async () => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = await focused();
    expect(skip?.className).toContain("ds-skip-link");
    expect(skip?.text).toBe("Hoppa till huvudinnehållet");
    // Hidden until focused; when focused it is a real, readable box at the top of the page.
    expect(skip?.width).toBeGreaterThan(100);
    expect(skip?.height).toBeGreaterThan(20);
    expect(skip?.top).toBeLessThan(10);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused())?.id).toBe("main");
    expect(new URL(page.url()).hash).toBe("#main");
  });

  it("shows a visible focus ring on the navigation and marks no section as current on the home page", async () => {
    await page.goto("/");
    const link = await tabTo("Hitta stöd");
    expect(link.outlineStyle).not.toBe("none");
    expect(link.outlineWidth).toBeGreaterThanOrEqual(2);
    const nav = page.getByRole("navigation", { name: "Huvudmeny" });
    await expect.poll(() => nav.getByRole("link").count()).toBe(4);
    expect(await nav.locator('[aria-current="page"]').count()).toBe(0);
  });

  it("has a labelled search box that takes the words to the support search", async () => {
    await page.goto("/");
    const box = page.getByLabel("Sök stöd", { exact: true });
    await box.fill("finansiering");
    await box.press("Enter");
    await page.waitForURL(/\/hitta-stod\?q=finansiering$/);
    expect(await page.locator("h1").textContent()).toBe("Hitta stöd");
    expect(await page.getByLabel("Sök bland erbjudandena").inputValue()).toBe("finansiering");
    const current = page.getByRole("navigation", { name: "Huvudmeny" }).locator('[aria-current="page"]');
    expect(await current.textContent()).toBe("Hitta stöd");
    await expectNoSeriousViolations("/hitta-stod (sv)");
  });

  it("switches to English with the keyboard and back, staying on the same page", async () => {
    await page.goto("/");
    await tabTo("In English");
    await Promise.all([page.waitForURL(`${baseUrl}/`), page.keyboard.press("Enter")]);
    await expect.poll(htmlLang).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("The right support for your business");
    await expectNoSeriousViolations("/ (en)");

    await page.getByRole("link", { name: "På svenska" }).click();
    await expect.poll(htmlLang).toBe("sv");
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator("h1").textContent()).toBe("Rätt stöd till ditt företag");
  });

  it("is also free of serious problems in the dark colour scheme", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      await page.goto("/");
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).not.toBe("rgb(255, 255, 255)");
      await expectNoSeriousViolations("/ (sv, dark)");
    } finally {
      await page.emulateMedia({ colorScheme: "light" });
    }
  });
});

describe("accessibility statement and error pages", () => {
  it("publishes the accessibility statement, linked from the footer", async () => {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: "Tillgänglighetsredogörelse" }).click();
    await page.waitForURL(/\/tillganglighet$/);
    expect(await page.locator("h1").textContent()).toBe("Tillgänglighetsredogörelse");
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("delvis förenlig");
    expect(main).toContain("2018:1937");
    expect(main).toContain("2026-11-28");
    expect(await page.getByRole("link", { name: /Digg/ }).getAttribute("href")).toBe(
      "https://www.digg.se/tdosanmalan",
    );
    await expectNoSeriousViolations("/tillganglighet (sv)");
  });

  it("answers an unknown page with a 404 page in the visitor's language", async () => {
    const response = await page.goto("/finns-inte");
    expect(response?.status()).toBe(404);
    expect(await htmlLang()).toBe("sv");
    expect(await page.locator("h1").textContent()).toBe("Sidan finns inte");
    await expectNoSeriousViolations("404 (sv)");

    await page.getByRole("link", { name: "In English" }).click();
    await expect.poll(htmlLang).toBe("en");
    expect(new URL(page.url()).pathname).toBe("/finns-inte");
    expect(await page.locator("h1").textContent()).toBe("Page not found");
    await expectNoSeriousViolations("404 (en)");

    await page.getByRole("link", { name: "På svenska" }).click();
    await expect.poll(htmlLang).toBe("sv");
  });
});
