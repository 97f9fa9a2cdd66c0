import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { submitting } from "#tests/support/e2e-page.ts";

// WCAG 2.1 SC 1.4.10 Reflow: at 320 × 640 px no page scrolls sideways as a whole. The pages are the ones
// tests/a11y/reflow-check.ts found too wide (long e-mail addresses and Swedish compounds that did not
// wrap, data tables wider than the screen, cards held wide by their longest word), reached the way a user
// reaches them, plus a company's private-link pages. Wide data tables may scroll inside their own region
// (TableScroll), which must then be reachable with the keyboard: focusable, named, scrolling sideways.

const baseUrl = inject("baseUrl");
const WIDTH = 320;
const ROUND = "tillverkande-industri-2026";
const COMPANY = "Reflowverkstaden i Nora AB";
const ORG_NUMBER = "559988-7709";
/** Longer than a 320 px line: it must wrap on the company's pages. */
const LONG_EMAIL = "katarina.andersson-lindqvist@reflowverkstaden-nora.example";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function narrowContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: WIDTH, height: 640 } });
  return { context, page: await context.newPage() };
}

async function signIn(page: Page, role: string): Promise<void> {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`the demo has no ${role}`);
  await page.goto("/logga-in");
  await page.fill("#email", user.email);
  await page.fill("#password", DEMO_PASSWORD);
  await submitting(page, () => page.press("#password", "Enter"));
  expect(new URL(page.url()).pathname).not.toBe("/logga-in");
}

// The callbacks given to page.evaluate run in the browser; the project has no DOM types.
type RegionElement = {
  tabIndex: number;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  querySelector(selector: string): unknown;
  focus(): void;
};
declare const document: {
  documentElement: { scrollWidth: number };
  activeElement: unknown;
  querySelectorAll(selector: string): Iterable<RegionElement>;
};
declare function getComputedStyle(element: RegionElement): { overflowX: string };

/** What one page measures: its document's width and each table scroll region's properties. */
type Measured = {
  width: number;
  regions: { label: string; focusable: boolean; scrolls: boolean; hasTable: boolean }[];
};

async function measure(page: Page): Promise<Measured> {
  return page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    regions: [...document.querySelectorAll("main .lots-table-scroll")].map((region) => {
      region.focus();
      return {
        label: region.getAttribute("aria-label") ?? "",
        focusable: region.tabIndex === 0 && document.activeElement === region,
        scrolls: ["auto", "scroll"].includes(getComputedStyle(region).overflowX),
        hasTable: region.querySelector("table") !== null,
      };
    }),
  }));
}

/**
 * Opens `path` (when given), then checks the page at 320 px: no sideways scrolling of the document, and
 * every table scroll region focusable, named and scrolling. Soft assertions, so one run lists every page.
 */
async function expectReflow(page: Page, path?: string): Promise<Measured> {
  if (path) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  const label = new URL(page.url()).pathname;
  const measured = await measure(page);
  expect
    .soft(measured.width, `${label} is ${measured.width} px wide at ${WIDTH} px`)
    .toBeLessThanOrEqual(WIDTH);
  for (const region of measured.regions) {
    expect.soft(region, `a table scroll region on ${label}`).toEqual({
      label: expect.stringMatching(/\S/),
      focusable: true,
      scrolls: true,
      hasTable: true,
    });
  }
  return measured;
}

/** The href of the first link in <main> matching `selector` (optionally containing `text`). */
async function linkIn(page: Page, selector: string, text?: string | RegExp): Promise<string> {
  const link = page.locator(`main ${selector}`, text ? { hasText: text } : {}).first();
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`${page.url()} has no link ${selector} ${text ?? ""}`);
  return href;
}

describe("reflow at 320 × 640 px (WCAG 1.4.10)", () => {
  it("public pages", async () => {
    const { context, page } = await narrowContext();
    for (const path of ["/", "/logga-in", "/tillganglighet", "/traffar", "/api/docs", "/hitta-stod"]) {
      await expectReflow(page, path);
    }
    // An offer whose contact card holds a long e-mail address (it held the card, and the page, wide).
    await expectReflow(page, "/hitta-stod?q=permittering");
    const offer = await linkIn(page, 'a[href^="/hitta-stod/"]', "Akut läge");
    await expectReflow(page, offer);
    expect(await page.locator("main").textContent()).toContain("Lars Öberg");
    await context.close();
  }, 60_000);

  it("a company's private-link pages (with a long e-mail address)", async () => {
    const { context, page } = await narrowContext();
    await expectReflow(page, `/behov/${ROUND}`);
    await page.fill("#f-company-orgNumber", ORG_NUMBER);
    await page.fill("#f-company-name", COMPANY);
    await page.fill("#f-company-postalCode", "713 31");
    await page.check('input[name="answers.omraden"][value="financing"]');
    await page.fill("#f-answers-egna-ord", "Vi behöver finansiera en ny svarv.");
    await page.check("#f-answers-bradska");
    await page.fill("#f-answers-kontakt-name", "Katarina Andersson-Lindqvist");
    await page.fill("#f-answers-kontakt-email", LONG_EMAIL);
    await page.check("#f-answers-samtycke");
    const review = await submitting(page, () => page.click('button[name="step"][value="review"]'));
    expect(review.status()).toBe(200);
    await expectReflow(page);
    expect((await submitting(page, () => page.click("#send-answers"))).status()).toBe(200);
    await expectReflow(page);
    const link = new URL((await page.locator("#private-link-url").getAttribute("href"))!, baseUrl);
    await page.goto(link.pathname + link.search);
    expect(new URL(page.url()).pathname).toBe("/mitt-foretag");
    const own = await expectReflow(page);
    expect(own.regions.length, "the needs table scrolls in its own region").toBeGreaterThan(0);
    await expectReflow(page, "/mitt-foretag/uppgifter");
    expect(await page.locator("main").textContent()).toContain(LONG_EMAIL);
    await context.close();
  }, 60_000);

  it("staff pages (platform admin)", async () => {
    const { context, page } = await narrowContext();
    await signIn(page, "platform-admin");
    await expectReflow(page, "/konto");

    // Organisations, their users (long e-mail addresses, a wide table), API keys and the other org pages.
    await expectReflow(page, "/admin/organisationer");
    const org = await linkIn(page, 'a[href^="/admin/organisationer/"]', "Almi");
    for (const sub of ["", "/api-nycklar", "/lotsning", "/gallring"]) {
      await expectReflow(page, `${org}${sub}`);
    }
    await expectReflow(page, `${org}/anvandare`);
    await expectReflow(page, await linkIn(page, `a[href^="${org}/anvandare/"]`));

    // Offers: the list and an offer's history (long old and new values).
    await expectReflow(page, "/admin/erbjudanden");
    const offer = await linkIn(page, 'a[href^="/admin/erbjudanden/"]', "Akut läge");
    await expectReflow(page, `${offer}/historik`);

    await expectReflow(page, "/admin/logg");

    // A company with a long contact e-mail: its page, export, a case and its referral, an answer.
    await expectReflow(page, "/admin/foretag");
    await expectReflow(page, "/admin/foretag?q=Noraberg");
    const company = await linkIn(page, 'a[href^="/admin/foretag/"]', "Noraberg");
    await expectReflow(page, company);
    const answers = await linkIn(page, 'a[href^="/admin/behov/svar/"]').catch(() => null);
    const caseHref = await linkIn(page, 'a[href^="/admin/arenden/"]');
    await expectReflow(page, `${company}/export`);
    if (answers) await expectReflow(page, answers);
    await expectReflow(page, caseHref);
    await expectReflow(page, await linkIn(page, 'a[href^="/admin/hanvisningar/"]'));
    await expectReflow(page, "/admin/arenden");
    await expectReflow(page, "/admin/inkorg");

    // An information meeting with its registrations, and its clone form (a long title).
    await expectReflow(page, "/admin/traffar");
    const meeting = await linkIn(
      page,
      'a[href^="/admin/traffar/"]',
      "Informationsträff för industriföretagen",
    );
    await expectReflow(page, meeting);
    await expectReflow(page, `${meeting}/klona`);
    await context.close();
  }, 60_000);
});
