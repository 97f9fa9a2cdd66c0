import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting, tabTo, typeInto } from "#tests/support/e2e-page.ts";

// Issue 7, must-show 1: a browser journey across four sessions. A company in Nora tells a financing need
// and consents to contact → the case lands with Nora's navigator team by the routing rule → the navigator
// refers it to Almi's loan → Almi's advisor accepts, and later closes it as helped → the company sees the
// status from its private link and answers the follow-up question. Keyboard only for the actions; axe on
// every page of it.

const baseUrl = inject("baseUrl");
const ROUND = "tillverkande-industri-2026";
const COMPANY = "Nora Lotsningsverkstad AB";
const ORG_NUMBER = "559123-4561";
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newSession(): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on("dialog", async (dialog) => {
    scripts.push(dialog.message());
    await dialog.dismiss();
  });
  return { context, page, scripts };
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/logga-in");
  await tabTo(page, "#email");
  await page.keyboard.type(email);
  await tabTo(page, "#password");
  await page.keyboard.type(DEMO_PASSWORD);
  await submitting(page, () => page.keyboard.press("Enter"));
  expect(new URL(page.url()).pathname).not.toBe("/logga-in");
}

const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";

describe("lotsning: from a company's need to a helped company", () => {
  it("routes, refers, accepts, closes and asks the company whether it helped", async () => {
    // 1. The company tells its needs and consents to contact.
    const company = await newSession();
    let page = company.page;
    await page.goto(`/behov/${ROUND}`);
    await expectNoSeriousViolations(page, "the needs form");
    await typeInto(page, "#f-company-orgNumber", ORG_NUMBER);
    await typeInto(page, "#f-company-name", COMPANY);
    await typeInto(page, "#f-company-postalCode", "713 31");
    await tabTo(page, 'input[name="answers.omraden"][value="financing"]');
    await page.keyboard.press("Space");
    await typeInto(page, "#f-answers-egna-ord", "Vi behöver finansiera en ny CNC-maskin.");
    await tabTo(page, "#f-answers-bradska");
    await page.keyboard.press("Space");
    await typeInto(page, "#f-answers-kontakt-name", "Maria Ek");
    await typeInto(page, "#f-answers-kontakt-email", "maria@lotsningsverkstad.example");
    await tabTo(page, "#f-answers-samtycke");
    await page.keyboard.press("Space");
    await tabTo(page, 'button[name="step"][value="review"]');
    expect((await submitting(page, () => page.keyboard.press("Enter"))).status()).toBe(200);
    await expectNoSeriousViolations(page, "the review step");
    await tabTo(page, "#send-answers");
    expect((await submitting(page, () => page.keyboard.press("Enter"))).status()).toBe(200);
    const href = await page.locator("#private-link-url").getAttribute("href");
    expect(href).toMatch(/\/mitt-foretag\?token=/);
    const privateLink = new URL(href!, baseUrl);
    await expectNoSeriousViolations(page, "the confirmation");
    expect(company.scripts).toEqual([]);
    await company.context.close();

    // 2. Nora's navigator finds the case in the team's queue (routed by rule) and refers it to Almi.
    const anna = DEMO_USERS.find((u) => u.organisation === "nora-kommun" && u.role === "navigator")!;
    const navigator = await newSession();
    page = navigator.page;
    await signIn(page, anna.email);
    await page.goto("/admin/arenden");
    await expectNoSeriousViolations(page, "the navigator's queue");
    const row = page.locator("main tr", { hasText: COMPANY });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain("Näringslivsteamet Nora");
    await tabTo(page, `main a[href="${await row.locator("a").first().getAttribute("href")}"]`);
    await submitting(page, () => page.keyboard.press("Enter"));
    const casePath = new URL(page.url()).pathname;
    expect(casePath).toMatch(/^\/admin\/arenden\/[0-9a-f-]{36}$/);
    const caseText = await mainText(page);
    expect(caseText).toContain(COMPANY);
    expect(caseText).toContain("Finansiering och likviditet – Nu");
    expect(caseText).toContain("Näringslivsteamet Nora");
    await expectNoSeriousViolations(page, "the case page");
    const boxId = await page
      .locator("label", { hasText: /^Hänvisa till Almi Företagslån$/ })
      .getAttribute("for");
    const checkbox = page.locator(`#${boxId}`);
    await tabTo(page, `#${boxId}`);
    await page.keyboard.press("Space");
    expect(await checkbox.isChecked()).toBe(true);
    await tabTo(page, `form[action="${casePath}/hanvisa"] button[type="submit"]`);
    const referred = await submitting(page, () => page.keyboard.press("Enter"));
    expect(referred.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(casePath);
    const afterRefer = await mainText(page);
    expect(afterRefer).toContain("Almi Företagslån");
    await expectNoSeriousViolations(page, "the case page after referring");
    await navigator.context.close();

    // 3. Almi's advisor finds it in the inbox, accepts it, and later closes it as helped.
    const mikael = DEMO_USERS.find((u) => u.organisation === "almi-malardalen" && u.role === "advisor")!;
    const advisor = await newSession();
    page = advisor.page;
    await signIn(page, mikael.email);
    await page.goto("/admin/inkorg");
    await expectNoSeriousViolations(page, "the partner inbox");
    const inboxRow = page.locator("main tr", { hasText: COMPANY });
    expect(await inboxRow.count()).toBe(1);
    await tabTo(page, `main a[href="${await inboxRow.locator("a").first().getAttribute("href")}"]`);
    await submitting(page, () => page.keyboard.press("Enter"));
    const referralPath = new URL(page.url()).pathname;
    expect(referralPath).toMatch(/^\/admin\/hanvisningar\/[0-9a-f-]{36}$/);
    expect(await mainText(page)).toContain("maria@lotsningsverkstad.example");
    await expectNoSeriousViolations(page, "the referral page");
    await tabTo(
      page,
      `form[action="${referralPath}/atgard"]:has(input[name="action"][value="accept"]) button`,
    );
    await submitting(page, () => page.keyboard.press("Enter"));
    await expectNoSeriousViolations(page, "the accepted referral");
    // Closing without saying whether it helped is refused, next to the question.
    await tabTo(
      page,
      `form[action="${referralPath}/atgard"]:has(input[name="action"][value="close"]) button`,
    );
    const noOutcome = await submitting(page, () => page.keyboard.press("Enter"));
    expect(noOutcome.status()).toBe(400);
    await expectNoSeriousViolations(page, "closing without an outcome");
    await tabTo(page, "#close-outcome");
    await page.keyboard.press("Space");
    expect(await page.locator("#close-outcome").isChecked()).toBe(true);
    await tabTo(
      page,
      `form[action="${referralPath}/atgard"]:has(input[name="action"][value="close"]) button`,
    );
    const closed = await submitting(page, () => page.keyboard.press("Enter"));
    expect(closed.status()).toBe(200);
    await expectNoSeriousViolations(page, "the closed referral");
    await advisor.context.close();

    // 4. The company follows its case from its private link and answers the follow-up question.
    const back = await newSession();
    page = back.page;
    await page.goto(privateLink.pathname + privateLink.search);
    expect(new URL(page.url()).pathname).toBe("/mitt-foretag");
    const own = await mainText(page);
    expect(own).toContain("Era ärenden");
    expect(own).toContain("Avslutat");
    expect(own).toContain("Almi");
    expect(own).toContain("Hjälpte det er?");
    await expectNoSeriousViolations(page, "the company's cases");
    const yes = page.locator('#arenden input[name="answer"][value="helped"]');
    await tabTo(page, `#${await yes.getAttribute("id")}`);
    await page.keyboard.press("Space");
    await tabTo(page, '#arenden form button[type="submit"]');
    await submitting(page, () => page.keyboard.press("Enter"));
    const answered = await mainText(page);
    expect(answered).toContain("Tack för ert svar!");
    expect(answered).toContain("Ni svarade: Ja, det hjälpte");
    await expectNoSeriousViolations(page, "the company's page after answering");
    expect(back.scripts).toEqual([]);
    await back.context.close();
  }, 240_000);
});

describe("lotsning: every staff page in its states passes axe", () => {
  it("queues, new case, routing, settings, inbox and a conflict between two people", async () => {
    const users = (role: string, organisation: string) =>
      DEMO_USERS.find((u) => u.role === role && u.organisation === organisation)!;

    const anna = await newSession();
    await signIn(anna.page, users("navigator", "nora-kommun").email);
    for (const path of [
      "/admin/arenden?queue=mine",
      "/admin/arenden?queue=all&status=any",
      "/admin/arenden?queue=team&status=closed",
      "/admin/arenden/nytt?q=Noraberg",
      "/admin/inkorg?side=sent&status=any",
    ]) {
      const response = await anna.page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expectNoSeriousViolations(anna.page, path);
    }
    // The new-case form for a company found by the search, and its error state.
    await anna.page.goto("/admin/arenden/nytt?q=Noraberg");
    const companyLink = anna.page.locator('main a[href^="/admin/arenden/nytt?foretag="]').first();
    await anna.page.goto((await companyLink.getAttribute("href"))!);
    await expectNoSeriousViolations(anna.page, "the new-case form");
    await tabTo(anna.page, 'form[action="/admin/arenden"] button[type="submit"]');
    const refused = await submitting(anna.page, () => anna.page.keyboard.press("Enter"));
    expect(refused.status()).toBe(400);
    await expectNoSeriousViolations(anna.page, "the new-case form with errors");

    const karin = await newSession();
    await signIn(karin.page, users("platform-admin", "region-orebro-lan").email);
    await karin.page.goto("/admin/lotsning");
    await expectNoSeriousViolations(karin.page, "the routing rules");

    const johan = await newSession();
    await signIn(johan.page, users("org-admin", "almi-malardalen").email);
    await johan.page.goto("/admin/organisationer");
    const settings = johan.page.locator('main a[href$="/lotsning"]').first();
    if ((await settings.count()) === 0) {
      const organisation = johan.page.locator('main a[href^="/admin/organisationer/"]').first();
      await johan.page.goto((await organisation.getAttribute("href"))!);
    }
    await johan.page.goto(
      (await johan.page.locator('main a[href$="/lotsning"]').first().getAttribute("href"))!,
    );
    expect(new URL(johan.page.url()).pathname).toMatch(/\/admin\/organisationer\/[0-9a-f-]{36}\/lotsning$/);
    await expectNoSeriousViolations(johan.page, "response times and webhooks");

    // Two people on the same referral: the platform admin withdraws it while the advisor's page is open;
    // the advisor's accept is refused with a clear message, never a lost update or a 500.
    const mikael = await newSession();
    await signIn(mikael.page, users("advisor", "almi-malardalen").email);
    await mikael.page.goto("/admin/inkorg?status=sent");
    await expectNoSeriousViolations(mikael.page, "the inbox, sent only");
    const referralHref = (await mikael.page
      .locator('main a[href^="/admin/hanvisningar/"]')
      .first()
      .getAttribute("href"))!;
    await mikael.page.goto(referralHref);
    await karin.page.goto(referralHref);
    const withdraw = `form[action="${referralHref}/atgard"]:has(input[name="action"][value="withdraw"]) button[type="submit"]`;
    await tabTo(karin.page, withdraw);
    await submitting(karin.page, () => karin.page.keyboard.press("Enter"));
    const accept = `form[action="${referralHref}/atgard"]:has(input[name="action"][value="accept"]) button[type="submit"]`;
    await tabTo(mikael.page, accept);
    const conflict = await submitting(mikael.page, () => mikael.page.keyboard.press("Enter"));
    expect(conflict.status()).toBe(409);
    const message = (await mikael.page.locator("#referral-conflict").textContent()) ?? "";
    expect(message).toContain("Karin Lindqvist");
    expect(message).toContain("återkall");
    await expectNoSeriousViolations(mikael.page, "the conflict message");

    for (const session of [anna, karin, johan, mikael]) {
      expect(session.scripts).toEqual([]);
      await session.context.close();
    }
  }, 240_000);
});
