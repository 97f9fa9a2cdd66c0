import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AFTER_SIGN_IN } from "#src/features/auth/auth.routes.tsx";
import { DEMO_ORGANISATIONS, type DemoOrganisationSlug } from "#src/features/demo/demo.data.ts";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { periodContaining, periodLabel, previousPeriod } from "#src/features/insights/insights.periods.ts";
import { staffNavigation } from "#src/features/users/users.navigation.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import type { Role, UserActor } from "#src/shared/auth/actor.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, reachableFromMenu, submitting } from "#tests/support/e2e-page.ts";

// Journey: each demo role signs in on /logga-in with the keyboard, sees exactly the staff menu its role
// may use, opens every page in it (and each page's main form state), is refused the other roles' pages,
// and signs out with the keyboard. Every page is checked with axe against WCAG 2.1 A and AA.

// The callbacks given to page.evaluate run in the browser. The project has no DOM types (server code must
// not use them), so this file declares the little those callbacks touch.
type BrowserElement = {
  tagName: string;
  id: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): BrowserElement | null;
};
declare const document: { activeElement: BrowserElement | null };
declare function getComputedStyle(element: BrowserElement): { outlineStyle: string; outlineWidth: string };

const baseUrl = inject("baseUrl");
const STAFF_MENU = "Personalmeny";

/** The roles in the order the journey signs in as them. */
const ROLES_IN_ORDER = ["platform-admin", "org-admin", "navigator", "advisor", "analyst"] as const;

/** Finds an organisation's id by its demo slug; filled from the platform admin's organisation list. */
type OrgId = (slug: DemoOrganisationSlug) => string;

/**
 * The staff menu each role must show, written out here rather than taken from staffNavigation (the code
 * under test); the test also checks that staffNavigation gives the same, so the two cannot drift. `own` is
 * the id of the demo account's own organisation.
 */
const EXPECTED_MENU: Record<Role, (own: string) => [href: string, label: string][]> = {
  "platform-admin": () => [
    ["/konto", "Mitt konto"],
    ["/admin/organisationer", "Organisationer"],
    ["/admin/hsds", "HSDS-import och export"],
    ["/admin/erbjudanden", "Erbjudanden"],
    ["/admin/arenden", "Ärenden"],
    ["/admin/inkorg", "Inkorg för hänvisningar"],
    ["/admin/lotsning", "Lotsningsregler"],
    ["/admin/behov", "Behov"],
    ["/admin/foretag", "Företag"],
    ["/admin/enkater", "Enkäter"],
    ["/admin/traffar", "Träffar"],
    ["/admin/paket", "Branschpaket"],
    ["/admin/insikter", "Behovsbild"],
    ["/admin/logg", "Logg"],
  ],
  "org-admin": (own) => [
    ["/konto", "Mitt konto"],
    [`/admin/organisationer/${own}`, "Organisation"],
    [`/admin/organisationer/${own}/anvandare`, "Användare"],
    [`/admin/organisationer/${own}/api-nycklar`, "API-nycklar"],
    ["/admin/erbjudanden", "Erbjudanden"],
    ["/admin/arenden", "Ärenden"],
    ["/admin/inkorg", "Inkorg för hänvisningar"],
    ["/admin/lotsning", "Lotsningsregler"],
    ["/admin/enkater", "Enkäter"],
    ["/admin/traffar", "Träffar"],
    ["/admin/paket", "Branschpaket"],
    ["/admin/insikter", "Behovsbild"],
    ["/admin/logg", "Logg"],
  ],
  navigator: () => [
    ["/konto", "Mitt konto"],
    ["/admin/arenden", "Ärenden"],
    ["/admin/inkorg", "Inkorg för hänvisningar"],
    ["/admin/behov", "Behov"],
    ["/admin/foretag", "Företag"],
    ["/admin/enkater", "Enkäter"],
    ["/admin/traffar", "Träffar"],
    ["/admin/paket", "Branschpaket"],
    ["/admin/insikter", "Behovsbild"],
  ],
  advisor: () => [
    ["/konto", "Mitt konto"],
    ["/admin/erbjudanden", "Erbjudanden"],
    ["/admin/inkorg", "Inkorg för hänvisningar"],
  ],
  analyst: () => [
    ["/konto", "Mitt konto"],
    ["/admin/insikter", "Behovsbild"],
  ],
};

/**
 * Of the other roles' menu links, those a role may open although they are not in its own menu, because its
 * menu leads there: the platform admin reaches every organisation's users and API keys through
 * "Organisationer", and an org-admin reaches the organisation list (of its own organisation) from its
 * users page. Every other link outside a role's menu must be refused. The test checks that these links are
 * really linked from the pages the menu opens.
 */
const REACHED_THROUGH_MENU: Record<Role, (org: OrgId) => string[]> = {
  "platform-admin": (org) => [
    `/admin/organisationer/${org("almi-malardalen")}`,
    `/admin/organisationer/${org("almi-malardalen")}/anvandare`,
    `/admin/organisationer/${org("almi-malardalen")}/api-nycklar`,
  ],
  "org-admin": () => ["/admin/organisationer"],
  navigator: () => [],
  advisor: () => [],
  analyst: () => [],
};

/**
 * Staff pages no menu links to that a role must also be refused: another organisation's administration for
 * an org-admin, and its own organisation's administration for a member who is not its admin.
 */
const ALSO_REFUSED: Record<Role, (org: OrgId) => string[]> = {
  "platform-admin": () => [],
  "org-admin": (org) => [
    `/admin/organisationer/${org("nora-kommun")}`,
    `/admin/organisationer/${org("nora-kommun")}/anvandare`,
    `/admin/organisationer/${org("nora-kommun")}/api-nycklar`,
  ],
  navigator: (org) => [
    `/admin/organisationer/${org("nora-kommun")}`,
    `/admin/organisationer/${org("nora-kommun")}/anvandare`,
  ],
  advisor: (org) => [`/admin/organisationer/${org("almi-malardalen")}`],
  analyst: (org) => [`/admin/organisationer/${org("region-orebro-lan")}/anvandare`],
};

/** The journey's account for a role: the first demo user holding it. */
function accountFor(role: Role) {
  const account = DEMO_USERS.find((u) => u.role === role);
  if (!account) throw new Error(`no demo user with the role ${role}`);
  return account;
}

let browser: Browser;
let orgIds: Map<string, string>;

const org: OrgId = (slug) => {
  const id = orgIds.get(slug);
  if (!id) throw new Error(`organisation ${slug} not found in the organisation list`);
  return id;
};

function menuFor(role: Role): [string, string][] {
  return EXPECTED_MENU[role](org(accountFor(role).organisation));
}

/** Every role's menu links together: what some role sees in its menu. */
function allMenuHrefs(): Set<string> {
  return new Set(ROLES_IN_ORDER.flatMap((role) => menuFor(role).map(([href]) => href)));
}

async function newStaffContext(): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
}

/** The focused element: its tag, id, href, text, whether it sits in the staff menu, and its outline. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      href: el.getAttribute("href"),
      text: el.textContent?.trim() ?? "",
      inStaffMenu: el.closest('nav[aria-label="Personalmeny"]') !== null,
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
    };
  });
}

/** The staff menu's links as [href, text], in order. */
async function staffMenuLinks(page: Page): Promise<[string, string][]> {
  const links = page.getByRole("navigation", { name: STAFF_MENU }).getByRole("link");
  const out: [string, string][] = [];
  for (const link of await links.all()) {
    out.push([(await link.getAttribute("href")) ?? "", ((await link.textContent()) ?? "").trim()]);
  }
  return out;
}

/** Signs in on /logga-in by typing e-mail and password and pressing Enter, as a keyboard user does. */
async function signInWithKeyboard(page: Page, email: string): Promise<Response> {
  await page.locator("#email").focus();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  expect((await focused(page))?.id, "Tab goes from the e-mail field to the password field").toBe("password");
  await page.keyboard.type(DEMO_PASSWORD);
  return submitting(page, () => page.keyboard.press("Enter"));
}

/**
 * Brings a staff page into its main interactive state and checks it with axe: a form sent with input the
 * server rejects shows its error summary (the browser's own checks stop an empty required field before
 * the server sees it, so the input passes those); an invitation is sent; the audit log is filtered; an
 * API key is created and shown once.
 */
async function exerciseMainState(page: Page, href: string, role: Role, email: string): Promise<void> {
  const main = page.locator("main");
  const expectErrorState = async (response: Response, status: number, label: string) => {
    expect(response.status(), label).toBe(status);
    expect(await main.locator(".ds-error-summary").count(), label).toBe(1);
    expect(await page.locator("h1").count(), label).toBe(1);
    await expectNoSeriousViolations(page, label);
  };

  if (href === "/konto") {
    const form = main.locator('form[action="/konto/losenord"]');
    await form.getByLabel("Nuvarande lösenord").fill("inte-mitt-losenord-2026");
    await form.getByLabel("Nytt lösenord", { exact: true }).fill("ett-nytt-langt-losenord-2026");
    await form.getByLabel("Upprepa det nya lösenordet").fill("ett-annat-langt-losenord-2026");
    const response = await submitting(page, () => form.getByRole("button").click());
    await expectErrorState(response, 400, `/konto password form rejected (${role})`);
  } else if (href === "/admin/organisationer") {
    const form = main.locator('form[action="/admin/organisationer"]');
    const response = await submitting(page, () => form.getByRole("button").click());
    await expectErrorState(response, 400, `/admin/organisationer create form sent empty (${role})`);
  } else if (href.endsWith("/anvandare")) {
    const email = `ny.kollega.${role}@example.org`;
    const invite = async () => {
      const form = main.locator("#invite-form");
      await form.getByLabel("E-post", { exact: true }).fill(email);
      await form.getByLabel("Namn (valfritt)").fill("Ny Kollega");
      return submitting(page, () => form.getByRole("button").click());
    };
    const sent = await invite();
    expect(sent.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get("klart")).toBe("invited");
    expect(await main.locator("table").textContent()).toContain(email);
    await expectNoSeriousViolations(page, `users page after an invitation (${role})`);
    await expectErrorState(await invite(), 409, `users page inviting a member again (${role})`);
  } else if (href.endsWith("/api-nycklar")) {
    const form = () => main.locator(`form[action="${href}"]`);
    await form().locator("#token-name").fill("   ");
    const blank = await submitting(page, () => form().getByRole("button").click());
    await expectErrorState(blank, 400, `API keys form with a blank name (${role})`);
    await form().locator("#token-name").fill(`Journey ${role}`);
    const created = await submitting(page, () => form().getByRole("button").click());
    expect(created.status()).toBe(200);
    await expect.poll(() => main.locator("#created-token-label").count()).toBe(1);
    expect(await main.textContent()).toContain(`Journey ${role}`);
    await expectNoSeriousViolations(page, `API keys page showing a new key once (${role})`);
  } else if (href === "/admin/logg") {
    const form = main.locator("#audit-filter");
    await form.getByLabel("Vem", { exact: true }).fill(email);
    const filtered = await submitting(page, () => form.getByRole("button").click());
    expect(filtered.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get("actorLabel")).toBe(email);
    // What this journey did before (signing in, inviting, creating a key) is in the log, and only that.
    const actors = await main.locator("table tbody tr td:nth-child(2)").allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set([email]));
    await expectNoSeriousViolations(page, `/admin/logg filtered (${role})`);
    const invalid = await page.goto("/admin/logg?from=inte-ett-datum");
    if (!invalid) throw new Error("no answer for the invalid filter");
    await expectErrorState(invalid, 400, `/admin/logg with an invalid date (${role})`);
  } else if (/^\/admin\/organisationer\/[^/]+$/.test(href)) {
    // The organisation's settings: an org-admin may change its public profile only.
    const form = main.locator("form").filter({ has: page.locator('[name="descriptionSv"]') });
    const saved = await submitting(page, () => form.getByRole("button").first().click());
    expect(saved.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get("klart")).toBe("saved");
    await expectNoSeriousViolations(page, `organisation settings saved (${role})`);
  } else if (href === "/admin/arenden") {
    // The queue of every case the role may read, then one case's page.
    const all = await page.goto("/admin/arenden?queue=all&status=any");
    expect(all?.status()).toBe(200);
    await expectNoSeriousViolations(page, `/admin/arenden, all cases (${role})`);
    const first = main.locator('table a[href^="/admin/arenden/"]').first();
    if ((await first.count()) > 0) {
      expect((await submitting(page, () => first.click())).status()).toBe(200);
      await expectNoSeriousViolations(page, `a case's page (${role})`);
    }
  } else if (href === "/admin/inkorg") {
    const all = await page.goto("/admin/inkorg?status=any");
    expect(all?.status()).toBe(200);
    await expectNoSeriousViolations(page, `/admin/inkorg, every status (${role})`);
    const first = main.locator('table a[href^="/admin/hanvisningar/"]').first();
    if ((await first.count()) > 0) {
      expect((await submitting(page, () => first.click())).status()).toBe(200);
      await expectNoSeriousViolations(page, `a referral's page (${role})`);
    }
  } else if (href === "/admin/lotsning") {
    await expectNoSeriousViolations(page, `/admin/lotsning (${role})`);
  } else if (href === "/admin/hsds") {
    // The upload form without a file: the page explains what is missing.
    await expectNoSeriousViolations(page, `/admin/hsds (${role})`);
  } else if (href === "/admin/erbjudanden") {
    await expect.poll(() => main.locator("table").count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page, `/admin/erbjudanden list (${role})`);
  } else if (href === "/admin/behov") {
    // Filter the needs by theme: every row then shows that theme.
    const form = main.locator('form[action="/admin/behov"]');
    await form.getByLabel("Behovsområde").selectOption("financing");
    const filtered = await submitting(page, () => form.getByRole("button").click());
    expect(filtered.status()).toBe(200);
    expect(new URL(page.url()).searchParams.get("theme")).toBe("financing");
    const rows = await main.locator("table tbody tr").allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain("Finansiering och likviditet");
    await expectNoSeriousViolations(page, `/admin/behov filtered (${role})`);
  } else if (href === "/admin/foretag") {
    const form = main.locator('form[action="/admin/foretag"]');
    await form.getByLabel("Sök företag").fill("Noraberg");
    const found = await submitting(page, () => form.getByRole("button").click());
    expect(found.status()).toBe(200);
    await expectNoSeriousViolations(page, `/admin/foretag searched (${role})`);
    const opened = await submitting(page, () =>
      main.getByRole("link", { name: "Noraberg Precision AB" }).click(),
    );
    expect(opened.status()).toBe(200);
    expect(await main.textContent()).toContain("Samtycken");
    await expectNoSeriousViolations(page, `a company's page (${role})`);
  } else if (href === "/admin/enkater") {
    await expectNoSeriousViolations(page, `/admin/enkater (${role})`);
    const survey = main.getByRole("link", { name: "Behovsenkät för tillverkande industri" });
    if ((await survey.count()) === 0) return;
    expect((await submitting(page, () => survey.click())).status()).toBe(200);
    await expectNoSeriousViolations(page, `a survey's page (${role})`);
    expect(
      (await submitting(page, () => main.getByRole("link", { name: /Redigera/ }).click())).status(),
    ).toBe(200);
    await expectNoSeriousViolations(page, `the survey editor (${role})`);
    await main.getByLabel("Rubrik (svenska)").fill("");
    const rejected = await submitting(page, () =>
      main.getByRole("button", { name: "Spara utkastet" }).click(),
    );
    await expectErrorState(rejected, 400, `the survey editor with an empty title (${role})`);
  } else if (href === "/admin/insikter") {
    // Filter the needs picture to last quarter in Nora: the page says what it shows.
    const quarter = previousPeriod(periodContaining("quarter", stockholmDate(new Date())));
    const form = main.locator('form[action="/admin/insikter"]');
    await form.getByLabel("Period", { exact: true }).selectOption(quarter.code);
    await form.getByLabel("Kommun", { exact: true }).selectOption("1884");
    const filtered = await submitting(page, () => form.getByRole("button", { name: "Visa" }).click());
    expect(filtered.status()).toBe(200);
    const query = new URL(page.url()).searchParams;
    expect([query.get("period"), query.get("kommun")]).toEqual([quarter.code, "1884"]);
    expect(await main.getByRole("status").filter({ hasText: "Visar:" }).textContent()).toContain(
      `Visar: ${periodLabel(quarter, "sv")}, Nora kommun.`,
    );
    await expectNoSeriousViolations(page, `/admin/insikter filtered (${role})`);
    // The filter's error state and the other views: tests/e2e/insights.spec.ts.
  } else if (href === "/admin/traffar") {
    // A meeting the role organises (if any), then the new-meeting form and its error state.
    const meeting = main.locator('a[href^="/admin/traffar/"]:not([href="/admin/traffar/ny"])').first();
    if ((await meeting.count()) > 0) {
      expect((await submitting(page, () => meeting.click())).status()).toBe(200);
      await expectNoSeriousViolations(page, `a meeting's page (${role})`);
      await page.goBack();
    }
    expect(
      (await submitting(page, () => main.getByRole("link", { name: "Ny träff" }).click())).status(),
    ).toBe(200);
    await expectNoSeriousViolations(page, `the new-meeting form (${role})`);
    const rejected = await submitting(page, () =>
      main.getByRole("button", { name: "Spara som utkast" }).click(),
    );
    await expectErrorState(rejected, 400, `the new-meeting form with nothing filled in (${role})`);
  } else if (href === "/admin/paket") {
    // The visitor-industry pack: its scope, survey and offers, and where it starts a meeting or a round.
    expect(
      (
        await submitting(page, () => main.getByRole("link", { name: "Besöksnäring", exact: true }).click())
      ).status(),
    ).toBe(200);
    expect(await main.getByRole("link", { name: "Starta en träff från paketet" }).count()).toBe(1);
    await expectNoSeriousViolations(page, `the Besöksnäring pack (${role})`);
  } else {
    throw new Error(`no interactive state written for ${href}; add one`);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The organisations' ids are random per installation: read them from the platform admin's list.
  const context = await newStaffContext();
  try {
    const page = await context.newPage();
    await page.goto("/logga-in");
    await signInWithKeyboard(page, accountFor("platform-admin").email);
    await page.goto("/admin/organisationer");
    const byName = new Map<string, string>();
    for (const link of await page.locator('main a[href^="/admin/organisationer/"]').all()) {
      const id = (await link.getAttribute("href"))?.split("/")[3];
      if (id) byName.set(((await link.textContent()) ?? "").trim(), id);
    }
    orgIds = new Map(DEMO_ORGANISATIONS.map((o) => [o.slug, byName.get(o.name) ?? ""]));
    for (const [slug, id] of orgIds) expect(id, `id of ${slug}`).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await context.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("the expected menus", () => {
  it("match what staffNavigation gives each demo account, so the table and the code cannot drift", () => {
    for (const role of ROLES_IN_ORDER) {
      const account = accountFor(role);
      const actor: UserActor = {
        kind: "user",
        userId: "00000000-0000-4000-8000-000000000000",
        name: account.name,
        email: account.email,
        memberships: [{ organisationId: org(account.organisation), role }],
      };
      const fromCode = staffNavigation(actor, "sv").map((i): [string, string] => [i.href, i.label]);
      expect(fromCode, role).toEqual(menuFor(role));
    }
  });

  it("let a role reach outside its menu only other roles' menu links, never its own", () => {
    for (const role of ROLES_IN_ORDER) {
      const own = new Set(menuFor(role).map(([href]) => href));
      const reached = REACHED_THROUGH_MENU[role](org);
      for (const href of reached) {
        expect(own.has(href), `${role}: ${href} is not in its menu`).toBe(false);
        expect(allMenuHrefs().has(href), `${role}: ${href} is some role's menu link`).toBe(true);
      }
    }
  });
});

for (const role of ROLES_IN_ORDER) {
  describe(`signed in as ${role}`, () => {
    const account = accountFor(role);
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await newStaffContext();
      page = await context.newPage();
    });

    afterAll(async () => {
      await context?.close();
    });

    it("finds the demo accounts under a demo notice and signs in with the keyboard", async () => {
      const response = await page.goto("/logga-in");
      expect(response?.status()).toBe(200);
      expect(await page.getByRole("navigation", { name: STAFF_MENU }).count()).toBe(0);
      // The page-wide banner says this is a demonstration; the accounts sit under their own demo heading.
      expect(await page.locator("header .lots-demo").textContent()).toContain("Det här är en demonstration");
      const section = page.getByRole("region", { name: "Demokonton" });
      expect(await section.locator(".ds-alert").textContent()).toContain(DEMO_PASSWORD);
      const table = section.getByRole("table", { name: "Påhittade användare att prova tjänsten med" });
      const rows = await table.locator("tbody tr").allTextContents();
      for (const user of DEMO_USERS)
        expect(
          rows.some((r) => r.includes(user.email)),
          user.email,
        ).toBe(true);
      // The notice comes before the list.
      const order = await section
        .locator(".ds-alert, table")
        .evaluateAll((els) => els.map((el) => (el as unknown as BrowserElement).tagName.toLowerCase()));
      expect(order).toEqual(["div", "table"]);
      await expectNoSeriousViolations(page, `/logga-in (before signing in as ${role})`);

      const landed = await signInWithKeyboard(page, account.email);
      expect(landed.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe(AFTER_SIGN_IN);
      expect(await page.locator("h1").count()).toBe(1);
      expect(await page.getByRole("navigation", { name: STAFF_MENU }).textContent()).toContain(account.name);
      await expectNoSeriousViolations(page, `${AFTER_SIGN_IN} after signing in as ${role}`);
    });

    it("shows exactly the staff menu of the role", async () => {
      expect(await staffMenuLinks(page)).toEqual(menuFor(role));
      // The public menu no longer offers "Logga in".
      const publicMenu = page.getByRole("navigation", { name: "Huvudmeny" });
      expect(await publicMenu.getByRole("link", { name: "Logga in" }).count()).toBe(0);
    });

    if (role === "org-admin") {
      it("reaches every staff menu link and the sign-out button with Tab, in menu order, with a focus ring", async () => {
        await page.goto(AFTER_SIGN_IN);
        const reached: string[] = [];
        for (let i = 0; i < 30 && reached.length <= menuFor(role).length; i++) {
          await page.keyboard.press("Tab");
          const now = await focused(page);
          if (!now?.inStaffMenu) continue;
          expect(now.outlineStyle, `focus ring on ${now.text}`).not.toBe("none");
          expect(now.outlineWidth, `focus ring on ${now.text}`).toBeGreaterThanOrEqual(2);
          reached.push(now.tag === "a" ? (now.href ?? "") : `${now.tag}:${now.text}`);
        }
        expect(reached).toEqual([...menuFor(role).map(([href]) => href), "button:Logga ut"]);
        // Enter on a focused menu link opens its page.
        const users = menuFor(role).find(([href]) => href.endsWith("/anvandare"))?.[0] ?? "";
        await page.goto(AFTER_SIGN_IN);
        await page
          .getByRole("navigation", { name: STAFF_MENU })
          .getByRole("link", { name: "Användare" })
          .focus();
        await Promise.all([page.waitForURL(`${baseUrl}${users}`), page.keyboard.press("Enter")]);
        expect(await page.locator("h1").count()).toBe(1);
      });
    }

    it("opens every page in its menu, marked as current, in its main state too, without serious problems", async () => {
      for (const [href, label] of menuFor(role)) {
        const response = await page.goto(href);
        expect(response?.status(), href).toBe(200);
        expect(await page.locator("h1").count(), `one h1 on ${href}`).toBe(1);
        const current = page.getByRole("navigation", { name: STAFF_MENU }).locator('[aria-current="page"]');
        expect(await current.textContent(), `current page marked on ${href}`).toBe(label);
        await expectNoSeriousViolations(page, `${href} (${role})`);
        await exerciseMainState(page, href, role, account.email);
      }
      // Up to a dozen pages, each in one or more states with an axe run (seconds each on the dashboards).
    }, 180_000);

    it("is refused the other roles' menu links it cannot reach through its own menu, and other organisations' pages", async () => {
      const own = new Set(menuFor(role).map(([href]) => href));
      const reached = new Set(REACHED_THROUGH_MENU[role](org));
      const others = [...allMenuHrefs()].filter((href) => !own.has(href));
      // Every member may read their organisation's offers list (offers.policy.ts), though only managers get the link.
      const readable = new Set(["/admin/erbjudanden"]);
      const refused = [
        ...others.filter((href) => !reached.has(href) && !readable.has(href)),
        ...ALSO_REFUSED[role](org),
      ];
      if (role !== "platform-admin") expect(refused.length, "some links to refuse").toBeGreaterThan(0);

      for (const href of refused) {
        const response = await page.goto(href);
        expect([403, 404], `${role} must be refused ${href}`).toContain(response?.status());
        expect(await page.locator("h1").count(), `error page for ${href} has an h1`).toBe(1);
        // Still signed in: a refusal is not a sign-out.
        expect(await staffMenuLinks(page)).toEqual(menuFor(role));
      }
      if (refused[0]) await expectNoSeriousViolations(page, `refusal of ${refused.at(-1)} (${role})`);

      // The links the role may open outside its menu really are linked from the pages its menu opens.
      if (reached.size > 0) {
        const linked = await reachableFromMenu(context, [...own]);
        for (const href of reached) {
          expect(linked.has(href), `${role} reaches ${href} from its menu`).toBe(true);
          const response = await context.request.get(href, { maxRedirects: 0 });
          expect(response.status(), href).toBe(200);
        }
      }
    });

    it("signs out with the keyboard; the staff menu is gone and /konto asks for sign-in again", async () => {
      await page.goto(AFTER_SIGN_IN);
      const logout = page
        .getByRole("navigation", { name: STAFF_MENU })
        .getByRole("button", { name: "Logga ut" });
      await logout.focus();
      expect((await focused(page))?.text).toBe("Logga ut");
      const response = await submitting(page, () => page.keyboard.press("Enter"));
      expect(response.status()).toBe(200);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      expect(await page.getByRole("navigation", { name: STAFF_MENU }).count()).toBe(0);
      expect(await page.locator("main").textContent()).toContain("Du är utloggad.");
      const publicMenu = page.getByRole("navigation", { name: "Huvudmeny" });
      expect(await publicMenu.getByRole("link", { name: "Logga in" }).count()).toBe(1);
      await expectNoSeriousViolations(page, `/logga-in after signing out (${role})`);

      const again = await page.goto("/konto");
      expect(again?.status()).toBe(200);
      expect(again?.request().redirectedFrom()?.url()).toBe(`${baseUrl}/konto`);
      expect(new URL(page.url()).pathname).toBe("/logga-in");
      expect(await page.getByRole("navigation", { name: STAFF_MENU }).count()).toBe(0);
    });
  });
}
