import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting } from "#tests/support/e2e-page.ts";

// Issue 9, must-show 4 (and 5 in the browser): Nora's navigator starts a meeting from the "Besöksnäring"
// industry pack. The form comes filled in with the pack's industries, themes, highlighted offers and survey;
// saving keeps all of it (the pack's survey copied into Nora kommun), publishing puts it on the public meeting
// page, where a visitor registers — first with a bad e-mail address (the message is next to the field and what
// was typed is kept), then for real. axe finds no serious or critical violation on any page or state.

// The callbacks given to page.evaluate run in the browser; the project has no DOM types.
type Field = {
  value: string;
  checked: boolean;
  name: string;
  labels: { textContent: string | null }[] | null;
};
declare const document: { querySelectorAll(selector: string): Field[] };

const baseUrl = inject("baseUrl");
const NAVIGATOR = "anna.sjoberg@nora.example";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/logga-in");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await submitting(page, () => page.keyboard.press("Enter"));
  expect(new URL(page.url()).pathname).not.toBe("/logga-in");
}

/** The labels of the checked boxes named `name`. */
const checkedLabels = (page: Page, name: string) =>
  page.evaluate(
    (field) =>
      [...document.querySelectorAll(`input[type=checkbox][name="${field}"]`)]
        .filter((box) => box.checked)
        .map((box) => (box.labels?.[0]?.textContent ?? "").trim()),
    name,
  );

describe("a meeting from the Besöksnäring pack", () => {
  it("sets the pack's industries, survey and highlighted offers, and the public page takes registrations", async () => {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("dialog", async (dialog) => {
      scripts.push(dialog.message());
      await dialog.dismiss();
    });
    await signIn(page, NAVIGATOR);
    const main = page.locator("main");

    // The staff menu leads to the packs; the pack's page offers to start a meeting.
    await page.goto("/admin/paket");
    await expectNoSeriousViolations(page, "/admin/paket");
    expect(
      (
        await submitting(page, () => main.getByRole("link", { name: "Besöksnäring", exact: true }).click())
      ).status(),
    ).toBe(200);
    await expectNoSeriousViolations(page, "the Besöksnäring pack");
    const opened = await submitting(page, () =>
      main.getByRole("link", { name: "Starta en träff från paketet" }).click(),
    );
    expect(opened.status()).toBe(200);
    expect(new URL(page.url()).search).toBe("?paket=besoksnaring");
    await expectNoSeriousViolations(page, "the meeting form from the pack");

    // Filled in from the pack: the visitor industry's SNI codes, its themes, its offers and its survey.
    const sni = await main.getByLabel("Branscher (SNI-koder)").inputValue();
    expect(sni).toMatch(/\b55\b/);
    expect(sni).toMatch(/\b56\b/);
    const themes = await checkedLabels(page, "themes");
    expect(themes.length).toBeGreaterThan(0);
    const offers = await checkedLabels(page, "offerIds");
    expect(offers.length).toBeGreaterThan(0);
    const survey = main.getByLabel("Uppföljningsenkät");
    expect(await survey.inputValue()).toMatch(/^pack:/);
    const surveyText = (await survey.locator("option:checked").textContent())!.trim();
    expect(surveyText).toMatch(/^Paketets enkät: /);
    const surveyName = surveyText.replace(/^Paketets enkät: /, "").replace(/ \(kopieras.*$/, "");

    // Saving without a title: the error state keeps the pack's choices.
    await main.getByLabel("Datum", { exact: true }).fill("2027-03-18");
    await main.getByLabel("Starttid").fill("09:00");
    await main.getByLabel("Längd i minuter").fill("90");
    await main.getByLabel("Plats", { exact: true }).fill("Stadshotellet i Nora, Prästgatan 3");
    await main.getByLabel("Kommun", { exact: true }).selectOption("1884");
    const rejected = await submitting(page, () =>
      main.getByRole("button", { name: "Spara som utkast" }).click(),
    );
    expect(rejected.status()).toBe(400);
    await expectNoSeriousViolations(page, "the meeting form without a title");
    expect(await checkedLabels(page, "offerIds")).toEqual(offers);
    expect(await main.getByLabel("Branscher (SNI-koder)").inputValue()).toBe(sni);

    await main.getByLabel("Rubrik", { exact: true }).fill("Besöksnäringen i Nora: sommarsäsongen 2027");
    const saved = await submitting(page, () =>
      main.getByRole("button", { name: "Spara som utkast" }).click(),
    );
    expect(saved.status()).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/traffar\/[a-z0-9-]+$/);
    await expectNoSeriousViolations(page, "the new meeting's page");
    const facts = (await main.textContent())!;
    expect(facts).toContain("Besöksnäring");
    expect(facts).toContain(surveyName);
    for (const offer of offers) expect(facts).toContain(offer.split("\n")[0]!.trim());
    expect(facts).toMatch(/55\b/);

    const published = await submitting(page, () => main.getByRole("button", { name: "Publicera" }).click());
    expect(published.status()).toBe(200);
    await expectNoSeriousViolations(page, "the published meeting");
    const publicHref = await main.getByRole("link", { name: "Öppna den publika sidan" }).getAttribute("href");
    expect(publicHref).toMatch(/^\/traffar\//);

    // The public page, as a company sees it: the highlighted offers and a registration form.
    const visitor = await browser.newContext({ baseURL: baseUrl });
    const publicPage = await visitor.newPage();
    await publicPage.goto(publicHref!);
    const publicMain = publicPage.locator("main");
    await expectNoSeriousViolations(publicPage, "the public meeting page");
    expect(await publicMain.textContent()).toContain("Besöksnäringen i Nora");
    await publicMain.getByLabel(/^Organisationsnummer/).fill("556036-0793");
    await publicMain.getByLabel(/^Företagets namn/).fill("Hotell Strandgläntan i Nora AB");
    await publicMain.getByLabel(/^Ditt namn/).fill("Eva Lind");
    await publicMain.getByLabel(/^E-post/).fill("eva.lind@strandglantan");
    const bad = await submitting(publicPage, () =>
      publicMain.getByRole("button", { name: "Anmäl mig" }).click(),
    );
    expect(bad.status()).toBe(400);
    await expectNoSeriousViolations(publicPage, "registration with a bad e-mail address");
    expect(await publicMain.getByLabel(/^Ditt namn/).inputValue()).toBe("Eva Lind");
    await publicMain.getByLabel(/^E-post/).fill("eva.lind@strandglantan.example");
    const ok = await submitting(publicPage, () =>
      publicMain.getByRole("button", { name: "Anmäl mig" }).click(),
    );
    expect(ok.status()).toBe(200);
    expect(await publicMain.textContent()).toContain("Du är anmäld");
    await expectNoSeriousViolations(publicPage, "registered");
    // Registering the same address again is refused with a message, not a second registration.
    await publicPage.goto(publicHref!);
    await publicMain.getByLabel(/^Organisationsnummer/).fill("556036-0793");
    await publicMain.getByLabel(/^Företagets namn/).fill("Hotell Strandgläntan i Nora AB");
    await publicMain.getByLabel(/^Ditt namn/).fill("Eva Lind");
    await publicMain.getByLabel(/^E-post/).fill("eva.lind@strandglantan.example");
    const twice = await submitting(publicPage, () =>
      publicMain.getByRole("button", { name: "Anmäl mig" }).click(),
    );
    expect(twice.status()).toBe(400);
    expect(await publicMain.textContent()).toContain("redan anmäld");
    await expectNoSeriousViolations(publicPage, "a duplicate registration");

    // The organiser sees one registration.
    await page.reload();
    expect(await main.locator("table").first().textContent()).toContain("Eva Lind");
    expect((await main.textContent())!.match(/eva\.lind@strandglantan\.example/g)).toHaveLength(1);
    expect(scripts).toEqual([]);
    await visitor.close();
    await context.close();
  });
});
