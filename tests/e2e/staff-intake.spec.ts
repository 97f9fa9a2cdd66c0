import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting } from "#tests/support/e2e-page.ts";

// Issue 5, the staff side in Chromium: the demo navigator of Nora kommun opens Behov from the staff menu,
// filters it, opens a company's page, the needs survey with its versions and rounds, an answer, and the
// survey editor; axe finds no serious or critical violation on any of them, and no script runs.

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open(page: Page, href: string): Promise<void> {
  const response = await page.goto(href);
  expect(response?.status(), href).toBe(200);
}

describe("staff intake pages in the browser", () => {
  it("a navigator goes through needs, a company, a survey and an answer", async () => {
    const navigator = DEMO_USERS.find((u) => u.organisation === "nora-kommun" && u.role === "navigator")!;
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scriptRan: string[] = [];
    page.on("dialog", async (dialog) => {
      scriptRan.push(dialog.message());
      await dialog.dismiss();
    });
    await page.goto("/logga-in");
    await page.fill("#email", navigator.email);
    await page.fill("#password", DEMO_PASSWORD);
    await submitting(page, () => page.keyboard.press("Enter"));

    // Behov, from the staff menu, then filtered by theme.
    const menu = page.getByRole("navigation", { name: "Personalmeny" });
    for (const item of ["Behov", "Företag", "Enkäter"]) {
      await expect.poll(() => menu.getByRole("link", { name: item, exact: true }).count()).toBe(1);
    }
    await submitting(page, () => menu.getByRole("link", { name: "Behov", exact: true }).click());
    expect(new URL(page.url()).pathname).toBe("/admin/behov");
    expect(await page.locator("main tbody tr").count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, "/admin/behov");
    await page.selectOption("#filter-theme", "financing");
    await submitting(page, () => page.getByRole("button", { name: "Visa" }).click());
    expect(new URL(page.url()).searchParams.get("theme")).toBe("financing");
    const rows = (await page.locator("main tbody").textContent()) ?? "";
    expect(rows).toContain("Finansiering och likviditet");
    await expectNoSeriousViolations(page, "/admin/behov?theme=financing");

    // A company's page, from the needs list.
    const company = page.locator('main tbody th a[href^="/admin/foretag/"]').first();
    const companyName = (await company.textContent()) ?? "";
    await submitting(page, () => company.click());
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/foretag\/[0-9a-f-]{36}$/);
    expect(await page.locator("h1").textContent()).toBe(companyName);
    for (const heading of [
      "Kontaktpersoner",
      "Behov",
      "Samtycken",
      "Enkätsvar",
      "Registerutdrag och radering",
    ]) {
      expect(await page.getByRole("heading", { name: heading, exact: true }).count(), heading).toBe(1);
    }
    await expectNoSeriousViolations(page, "a company page");
    await submitting(page, () =>
      page.getByRole("link", { name: "Läs allt om företaget som en sida" }).click(),
    );
    expect(await page.locator("h1").textContent()).toBe(`Registerutdrag: ${companyName}`);
    await expectNoSeriousViolations(page, "a company's readable export");

    // The needs survey: versions, rounds with their public link and QR code, answers.
    await open(page, "/admin/enkater");
    await expectNoSeriousViolations(page, "/admin/enkater");
    await submitting(page, () =>
      page
        .locator('main a[href^="/admin/enkater/"]', { hasText: "Behovsenkät för tillverkande industri" })
        .click(),
    );
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/enkater\/[0-9a-f-]{36}$/);
    expect(await page.locator('main a[href="/behov/tillverkande-industri-2026"]').count()).toBe(1);
    expect(await page.locator('main img[src^="data:image/svg+xml"]').count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, "a survey page");
    const surveyPath = new URL(page.url()).pathname;

    // A version, read-only.
    await submitting(page, () => page.locator(`main a[href="${surveyPath}/versioner/1"]`).click());
    expect(await page.locator("main").textContent()).toContain("kan aldrig ändras");
    await expectNoSeriousViolations(page, "a published version");

    // An answer with its own version's questions.
    await open(page, surveyPath);
    await submitting(page, () => page.locator('main a[href^="/admin/behov/svar/"]').first().click());
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/behov\/svar\/[0-9a-f-]{36}$/);
    expect(await page.locator("main dt").count()).toBeGreaterThan(3);
    await expectNoSeriousViolations(page, "an answer");

    // The editor (opening it changes nothing; only "Save" writes).
    await open(page, `${surveyPath}/redigera`);
    expect(await page.locator("main fieldset").count()).toBeGreaterThan(3);
    await expectNoSeriousViolations(page, "the survey editor");

    expect(scriptRan).toEqual([]);
    await context.close();
  }, 180_000);
});
