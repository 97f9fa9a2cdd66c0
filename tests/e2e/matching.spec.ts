import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting, tabTo, typeInto } from "#tests/support/e2e-page.ts";

// Issue 6, must-show 4: a company in Nora with 12 employees in metal manufacturing and a financing need
// uses "Hitta stöd för mitt företag" with the keyboard only, sees Almi's loan offers first with their
// reasons, and sends its needs to the network (the needs form of Nora kommun, filled in from the matching
// page; the company adds its org number, contact and consent). A navigator of Nora kommun then finds the
// need. axe runs on every step, the error state included.

const baseUrl = inject("baseUrl");
const COMPANY = "Nora Svarv & Fräs AB";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("Hitta stöd för mitt företag", () => {
  it("a metal company in Nora finds Almi's loans first and sends its needs to the network", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scriptRan: string[] = [];
    page.on("dialog", async (dialog) => {
      scriptRan.push(dialog.message());
      await dialog.dismiss();
    });

    await page.goto("/hitta-stod/mitt-foretag");
    await expectNoSeriousViolations(page, "the matching form");

    // First without any need: the message sits next to the areas, the rest is kept.
    await tabTo(page, "#match-kommun");
    await page.keyboard.type("Nora");
    await typeInto(page, "#match-anstallda", "12");
    await tabTo(page, 'button[type="submit"]:not([form])');
    const empty = await submitting(page, () => page.keyboard.press("Enter"));
    expect(empty.status()).toBe(400);
    expect(await page.locator("#match-omrade-error").textContent()).toMatch(/Välj minst ett område/);
    expect(await page.locator("#match-anstallda").inputValue()).toBe("12");
    expect(await page.locator("#match-kommun").inputValue()).toBe("1884");
    await expectNoSeriousViolations(page, "the matching form with an error");

    await tabTo(page, "#match-bransch");
    await page.keyboard.type("25 ");
    expect(await page.locator("#match-bransch").inputValue()).toBe("25");
    await typeInto(page, "#match-startar", "2008");
    await tabTo(page, 'input[name="omrade"][value="financing"]');
    await page.keyboard.press("Space");
    await typeInto(page, "#match-beskrivning", "Vi behöver finansiera en ny CNC-maskin");
    await tabTo(page, 'button[type="submit"]:not([form])');
    const shown = await submitting(page, () => page.keyboard.press("Enter"));
    expect(shown.status()).toBe(200);

    const cards = page.locator("section[aria-labelledby='match-results'] article");
    const names = await cards.locator("h3").allTextContents();
    expect(names.slice(0, 2).sort()).toEqual(["Almi Företagslån", "Almi Innovationslån"]);
    const firstCard = (await cards.first().textContent()) ?? "";
    expect(firstCard).toContain("Därför visar vi det");
    expect(firstCard).toContain("Svarar på behovet Finansiering och likviditet.");
    expect(firstCard).toContain("ni finns i Nora");
    const misses = (await page.locator("section[aria-labelledby='match-misses']").textContent()) ?? "";
    expect(misses).toContain("Bara för företag som är högst 10 år gamla.");
    await expectNoSeriousViolations(page, "the ranked offers");

    // Send the needs: the needs form of Nora kommun opens with the answers filled in.
    await tabTo(page, `form[action="/hitta-stod/mitt-foretag/skicka"] button`);
    await submitting(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/behov/hitta-stod-nora-kommun");
    expect(await page.locator('input[name="answers.omraden"][value="financing"]').isChecked()).toBe(true);
    expect(await page.locator("#f-answers-egna-ord").inputValue()).toBe(
      "Vi behöver finansiera en ny CNC-maskin",
    );
    await expectNoSeriousViolations(page, "the prefilled needs form");

    await typeInto(page, "#f-company-orgNumber", "556036-0793");
    await typeInto(page, "#f-company-name", COMPANY);
    await tabTo(page, "#f-answers-bradska");
    await page.keyboard.press("Space");
    await typeInto(page, "#f-answers-kontakt-name", "Sara Lind");
    await typeInto(page, "#f-answers-kontakt-email", "sara@norasvarv.example");
    await tabTo(page, "#f-answers-samtycke");
    await page.keyboard.press("Space");
    await tabTo(page, 'button[name="step"][value="review"]');
    const review = await submitting(page, () => page.keyboard.press("Enter"));
    expect(review.status()).toBe(200);
    expect((await page.locator("main").textContent()) ?? "").toContain("Finansiering och likviditet – Nu");
    await expectNoSeriousViolations(page, "the review step");
    await tabTo(page, "#send-answers");
    const sent = await submitting(page, () => page.keyboard.press("Enter"));
    expect(sent.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/behov/hitta-stod-nora-kommun/tack");
    expect(await page.locator("#private-link-url").getAttribute("href")).toMatch(/\/mitt-foretag\?token=/);
    await expectNoSeriousViolations(page, "the confirmation");
    expect(scriptRan).toEqual([]);
    await context.close();

    // A navigator of Nora kommun finds the need.
    const navigator = DEMO_USERS.find((u) => u.organisation === "nora-kommun" && u.role === "navigator")!;
    const staff = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const staffPage = await staff.newPage();
    await staffPage.goto("/logga-in");
    await tabTo(staffPage, "#email");
    await staffPage.keyboard.type(navigator.email);
    await tabTo(staffPage, "#password");
    await staffPage.keyboard.type(DEMO_PASSWORD);
    await submitting(staffPage, () => staffPage.keyboard.press("Enter"));
    await staffPage.goto("/admin/behov");
    const rows = (await staffPage.locator("main tr", { hasText: COMPANY }).allTextContents()).join("\n");
    expect(rows).toContain("Finansiering och likviditet");
    await staff.close();
  }, 180_000);
});
