import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting } from "#tests/support/e2e-page.ts";

// Issue 4, must-show 5. Journey: the owner of a small company in Nora looks for help with premises and
// permits. They search from the home page, narrow the results by need (theme) and by their municipality,
// open an offer and find whom to contact. Every step is checked with axe against WCAG 2.1 A and AA, and the
// contact details on the page are compared with the offer as the public API gives it.

const baseUrl = inject("baseUrl");

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** The result count heading, e.g. "12 erbjudanden". */
async function resultCount(): Promise<number> {
  const text = (await page.locator("#catalogue-results").textContent()) ?? "";
  if (text.startsWith("Inga")) return 0;
  const match = text.replace(/\s/g, "").match(/^(\d+)erbjudande/);
  if (!match) throw new Error(`no result count in "${text}"`);
  return Number(match[1]);
}

/** The names of the offers listed on the page. */
async function resultNames(): Promise<string[]> {
  return (await page.locator("#catalogue-results ~ ul h3 a").allTextContents()).map((name) => name.trim());
}

describe("a company finds support and whom to contact", () => {
  let allCount: number;
  let searchCount: number;

  it("searches from the home page and lands on Hitta stöd with its words kept", async () => {
    await page.goto("/");
    const box = page.getByLabel("Sök stöd", { exact: true });
    await box.fill("tillstånd");
    await submitting(page, () => box.press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/hitta-stod");
    expect(await page.locator("h1").textContent()).toBe("Hitta stöd");
    expect(await page.getByLabel("Sök bland erbjudandena").inputValue()).toBe("tillstånd");
    searchCount = await resultCount();
    expect(searchCount).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, "/hitta-stod?q=tillstånd");

    // Without words the catalogue lists more offers than the search did.
    await page.goto("/hitta-stod");
    allCount = await resultCount();
    expect(allCount).toBeGreaterThan(searchCount);
    await expectNoSeriousViolations(page, "/hitta-stod");
  });

  it("narrows the results by theme and municipality with the filter form", async () => {
    await page.goto("/hitta-stod?q=tillst%C3%A5nd");
    await page.getByLabel(/^Lokaler, mark och tillstånd \(\d+\)$/).check();
    await page.getByLabel("Kommun", { exact: true }).selectOption("1884");
    await submitting(page, () => page.getByRole("button", { name: "Visa erbjudanden" }).click());

    const url = new URL(page.url());
    expect(url.searchParams.get("q")).toBe("tillstånd");
    expect(url.searchParams.getAll("theme")).toEqual(["premises-permits"]);
    expect(url.searchParams.get("municipality")).toBe("1884");
    // The form shows what was chosen.
    expect(await page.getByLabel(/^Lokaler, mark och tillstånd \(\d+\)$/).isChecked()).toBe(true);
    expect(await page.getByLabel("Kommun", { exact: true }).inputValue()).toBe("1884");

    const narrowed = await resultCount();
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThanOrEqual(searchCount);
    expect(await resultNames()).toContain(
      "Tillståndslots: bygglov, miljö, livsmedel och serveringstillstånd",
    );
    await expectNoSeriousViolations(page, "/hitta-stod narrowed by theme and municipality");
  });

  it("opens an offer and sees whom to contact, with working e-mail and phone links", async () => {
    await submitting(page, () =>
      page
        .getByRole("link", { name: "Tillståndslots: bygglov, miljö, livsmedel och serveringstillstånd" })
        .click(),
    );
    const id = new URL(page.url()).pathname.split("/").pop() ?? "";
    expect(new URL(page.url()).pathname).toBe(`/hitta-stod/${id}`);
    expect(await page.locator("h1").textContent()).toBe(
      "Tillståndslots: bygglov, miljö, livsmedel och serveringstillstånd",
    );
    expect(await page.locator("main").textContent()).toContain("Företag i Nora");

    const api = await context.request.get(`/api/v1/offers/${id}`);
    expect(api.status()).toBe(200);
    const offer = (await api.json()) as {
      contacts: { name: string; title: string | null; email: string | null; phone: string | null }[];
    };
    expect(offer.contacts.length).toBeGreaterThan(0);

    const heading = page.getByRole("heading", { name: "Vem ska ni kontakta?" });
    expect(await heading.isVisible()).toBe(true);
    const contacts = page.getByRole("list", { name: "Vem ska ni kontakta?" });
    for (const contact of offer.contacts) {
      expect(await contacts.getByRole("heading", { name: contact.name }).isVisible()).toBe(true);
      if (contact.title) expect(await contacts.textContent()).toContain(contact.title);
      if (contact.email) {
        const mail = contacts.getByRole("link", { name: contact.email });
        expect(await mail.getAttribute("href")).toBe(`mailto:${contact.email}`);
      }
      if (contact.phone) {
        const phone = contacts.getByRole("link", { name: contact.phone });
        expect(await phone.getAttribute("href")).toMatch(/^tel:\+46\d{6,}$/);
      }
    }
    await expectNoSeriousViolations(page, `/hitta-stod/${id}`);
  });

  it("shows the offer in English on request, and a clear 404 for an offer that is not there", async () => {
    await page.getByRole("link", { name: "In English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.getByRole("heading", { name: "Who to contact" }).isVisible()).toBe(true);
    await expectNoSeriousViolations(page, "offer page (en)");
    await page.getByRole("link", { name: "På svenska" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");

    const response = await page.goto("/hitta-stod/00000000-0000-4000-8000-000000000000");
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Erbjudandet finns inte");
    await expectNoSeriousViolations(page, "offer 404");
  });

  it("offers to remove a filter when nothing matches, and the link brings hits back", async () => {
    await page.goto("/hitta-stod?q=tillst%C3%A5nd&theme=succession");
    expect(await resultCount()).toBe(0);
    await expectNoSeriousViolations(page, "/hitta-stod without hits");
    await submitting(page, () =>
      page.getByRole("link", { name: /^Ta bort filtret Behov: Ägarskifte/ }).click(),
    );
    expect(await resultCount()).toBe(searchCount);
  });

  it("pages through all offers with the pagination", async () => {
    await page.goto("/hitta-stod");
    const pagination = page.getByRole("navigation", { name: "Sidor med sökresultat" });
    expect(await pagination.locator('[aria-current="true"]').textContent()).toBe("1");
    await submitting(page, () => pagination.getByRole("link", { name: "Nästa" }).click());
    expect(new URL(page.url()).searchParams.get("page")).toBe("2");
    expect(
      await page
        .getByRole("navigation", { name: "Sidor med sökresultat" })
        .locator('[aria-current="true"]')
        .textContent(),
    ).toBe("2");
    expect((await resultNames()).length).toBe(allCount - 20);
    await expectNoSeriousViolations(page, "/hitta-stod?page=2");
  });
});
