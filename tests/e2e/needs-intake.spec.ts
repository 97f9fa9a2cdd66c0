import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, fromTop, submitting, tabTo, typeInto } from "#tests/support/e2e-page.ts";

// Issue 5, must-show 1: a company answers the needs survey in Chromium with the keyboard only (Tab, Space,
// arrow keys, typing, Enter; no mouse, no programmatic clicks), first with mistakes, then corrected; reviews,
// sends, gets the confirmation and its private link; opens the link and withdraws statistics consent. A
// navigator of Nora kommun then finds the needs with the right themes. axe runs on every step, the error
// state included.

// The callbacks given to page.evaluate run in the browser; the project has no DOM types.
declare const localStorage: { getItem(key: string): string | null };

const baseUrl = inject("baseUrl");
const ROUND = "tillverkande-industri-2026";
const COMPANY = "Kristinebergs Gjuteri AB";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("needs intake: a company tells its needs with the keyboard only", () => {
  it("answers, corrects its mistakes, sends, gets its private link; a navigator sees the needs", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scriptRan: string[] = [];
    page.on("dialog", async (dialog) => {
      scriptRan.push(dialog.message());
      await dialog.dismiss();
    });

    // The landing page lists the open round; Enter on its link opens the form.
    await page.goto("/behov");
    await expectNoSeriousViolations(page, "/behov");
    await tabTo(page, `a[href="/behov/${ROUND}"]`);
    await submitting(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe(`/behov/${ROUND}`);
    await expectNoSeriousViolations(page, "the needs form");

    // First attempt: a wrong org number, script in the free text, the urgency question left unanswered.
    await typeInto(page, "#f-company-orgNumber", "556036-0794");
    await typeInto(page, "#f-company-name", COMPANY);
    await typeInto(page, "#f-company-postalCode", "713 31");
    await tabTo(page, 'input[name="answers.omraden"][value="financing"]');
    await page.keyboard.press("Space");
    await tabTo(page, 'input[name="answers.omraden"][value="production"]');
    await page.keyboard.press("Space");
    await typeInto(page, "#f-answers-egna-ord", "<script>alert('xss')</script> Vi behöver en ny ugn.");
    await typeInto(page, "#f-answers-kontakt-name", "Eva Kristiansson");
    await typeInto(page, "#f-answers-kontakt-email", "eva@kristinebergs-gjuteri.example");
    await tabTo(page, "#f-answers-samtycke");
    await page.keyboard.press("Space");
    await tabTo(page, "#f-answers-samtycke-statistics");
    await page.keyboard.press("Space");
    // Saved in the browser as it is typed (/assets/autosave.js), one entry for the round.
    const savedDraft = await page.evaluate((k) => localStorage.getItem(k), `lots-needs:${ROUND}`);
    expect(savedDraft).toContain(COMPANY);
    await tabTo(page, 'button[name="step"][value="review"]');
    const rejected = await submitting(page, () => page.keyboard.press("Enter"));
    expect(rejected.status()).toBe(400);
    const summary = page.locator("#error-summary");
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await page.locator("#f-company-orgNumber-error").textContent()).toMatch(/Organisationsnumret/);
    expect(await page.locator("#f-answers-egna-ord-error").textContent()).toMatch(/utan HTML/);
    expect(await page.locator("#f-answers-bradska-error").textContent()).toMatch(/Svara på frågan/);
    // Everything else is kept.
    expect(await page.locator("#f-company-name").inputValue()).toBe(COMPANY);
    expect(await page.locator('input[name="answers.omraden"][value="production"]').isChecked()).toBe(true);
    expect(await page.locator("#f-answers-kontakt-email").inputValue()).toBe(
      "eva@kristinebergs-gjuteri.example",
    );
    await expectNoSeriousViolations(page, "the needs form with errors");

    // Corrected: the error summary links lead to the fields; fix each with the keyboard.
    await fromTop(page);
    await typeInto(page, "#f-company-orgNumber", "556036-0793");
    await tabTo(page, "#f-answers-bradska");
    await page.keyboard.press("Space");
    await typeInto(
      page,
      "#f-answers-egna-ord",
      "Vi behöver finansiera en ny ugn och automatisera gjutningen.",
    );
    await tabTo(page, 'button[name="step"][value="review"]');
    const review = await submitting(page, () => page.keyboard.press("Enter"));
    expect(review.status()).toBe(200);
    const reviewText = (await page.locator("main").textContent()) ?? "";
    expect(reviewText).toContain("Granska och skicka");
    expect(reviewText).toContain("Finansiering och likviditet – Nu");
    expect(reviewText).toContain("Produktion, automation och effektivisering – Nu");
    expect(reviewText).toContain("allmän handling");
    await expectNoSeriousViolations(page, "the review step");

    // Send: the confirmation shows the private link once.
    await tabTo(page, "#send-answers");
    const sent = await submitting(page, () => page.keyboard.press("Enter"));
    expect(sent.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/behov/${ROUND}/tack`);
    const link = await page.locator("#private-link-url").getAttribute("href");
    expect(link).toMatch(/\/mitt-foretag\?token=[A-Za-z0-9_-]{43}$/);
    await expectNoSeriousViolations(page, "the confirmation");
    // Sent: the browser forgets the saved form.
    expect(await page.evaluate((k) => localStorage.getItem(k), `lots-needs:${ROUND}`)).toBeNull();

    // The private link: the company's page with its needs; withdraw statistics consent with the keyboard.
    await page.goto(new URL(link!).pathname + new URL(link!).search);
    expect(new URL(page.url()).pathname).toBe("/mitt-foretag");
    expect(page.url()).not.toContain("token");
    const pageText = (await page.locator("main").textContent()) ?? "";
    expect(pageText).toContain(COMPANY);
    expect(pageText).toContain("Finansiering och likviditet");
    await expectNoSeriousViolations(page, "the company's private page");
    await tabTo(page, 'form[action="/mitt-foretag/samtycke"]:has(input[value="statistics"]) button');
    await submitting(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("main").textContent()).toContain("Samtycket är återkallat.");
    await expectNoSeriousViolations(page, "the private page after withdrawing consent");

    // A new need sent without a theme comes back with the message next to the field (axe on that state).
    await fromTop(page);
    await typeInto(page, "#f-need-description", "Vi vill sälja i Norge.");
    await tabTo(page, '#add-need-form button[type="submit"]');
    const noTheme = await submitting(page, () => page.keyboard.press("Enter"));
    expect(noTheme.status()).toBe(400);
    expect(await page.locator("#f-need-theme-error").textContent()).toMatch(/Välj ett behovsområde/);
    expect(await page.locator("#f-need-description").inputValue()).toBe("Vi vill sälja i Norge.");
    await expectNoSeriousViolations(page, "the private page's new-need form with errors");

    // Everything held, as a readable page.
    await fromTop(page);
    await tabTo(page, 'a[href="/mitt-foretag/uppgifter"]');
    await submitting(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/mitt-foretag/uppgifter");
    const heldText = (await page.locator("main").textContent()) ?? "";
    expect(heldText).toContain("eva@kristinebergs-gjuteri.example");
    expect(heldText).toContain("Vi behöver finansiera en ny ugn och automatisera gjutningen.");
    await expectNoSeriousViolations(page, "the readable export");
    expect(scriptRan, "no script from the answers ran").toEqual([]);
    await context.close();

    // A navigator of Nora kommun finds the needs with their themes.
    const navigator = DEMO_USERS.find((u) => u.organisation === "nora-kommun" && u.role === "navigator")!;
    const staff = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const staffPage = await staff.newPage();
    staffPage.on("dialog", async (dialog) => {
      scriptRan.push(dialog.message());
      await dialog.dismiss();
    });
    await staffPage.goto("/logga-in");
    await tabTo(staffPage, "#email");
    await staffPage.keyboard.type(navigator.email);
    await tabTo(staffPage, "#password");
    await staffPage.keyboard.type(DEMO_PASSWORD);
    await submitting(staffPage, () => staffPage.keyboard.press("Enter"));
    await staffPage.goto("/admin/behov");
    expect(new URL(staffPage.url()).pathname).toBe("/admin/behov");
    const rows = staffPage.locator("main tr", { hasText: COMPANY });
    const themes = (await rows.allTextContents()).join("\n");
    expect(themes).toContain("Finansiering och likviditet");
    expect(themes).toContain("Produktion, automation och effektivisering");
    await expectNoSeriousViolations(staffPage, "/admin/behov for a navigator");
    expect(scriptRan).toEqual([]);
    await staff.close();
  }, 180_000);

  it("saves as you go: coming back brings what was typed, with the same idempotency key", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`/behov/${ROUND}`);
    const key = await page.locator('input[name="idempotencyKey"]').inputValue();
    await typeInto(page, "#f-company-name", "Pershyttans Smide AB");
    await tabTo(page, 'input[name="answers.omraden"][value="financing"]');
    await page.keyboard.press("Space");
    await typeInto(page, "#f-answers-egna-ord", "Rad ett.\nRad två.");
    // Coming back later (a new visit, not a reload, which Chromium would fill from its own form state): the
    // server draws a new key; the saved form brings back its values and its own key.
    await page.goto("/behov");
    await page.goto(`/behov/${ROUND}`);
    expect(await page.locator("#f-company-name").inputValue()).toBe("Pershyttans Smide AB");
    expect(await page.locator('input[name="answers.omraden"][value="financing"]').isChecked()).toBe(true);
    expect(await page.locator("#f-answers-egna-ord").inputValue()).toBe("Rad ett.\nRad två.");
    expect(await page.locator('input[name="idempotencyKey"]').inputValue()).toBe(key);
    await context.close();
  }, 60_000);
});
