import type { Browser, Page } from "playwright-core";
import { periodContaining, previousPeriod } from "#src/features/insights/insights.periods.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import type { AxeTally } from "./a11y-axe.ts";
import { demoUser, newContext } from "./a11y-setup.ts";
import { check, Keyboard } from "./keyboard.ts";

// The keyboard-only pass of the five main journeys (issue 10), run by `npm run test:a11y` after the crawl.
// Only page.keyboard moves through the pages (the first page of a journey is opened as a typed address);
// every Tab stop must be visible with a focus indicator (tests/a11y/keyboard.ts); axe runs on each state
// a journey reaches that the crawl cannot (review steps, confirmations). The approach is the e2e specs'
// (needs-intake, matching, lotsning, insights, meetings), with the mouse taken out.

const ROUND = "tillverkande-industri-2026";
/** The company of journey 1, referred by the navigator in journey 3. */
const COMPANY = "Tangentbordets Verkstad i Nora AB";

export type JourneyResult = {
  name: string;
  ok: boolean;
  error?: string;
  tabStops: number;
  focusFailures: string[];
  axeRuns: number;
};

type Journey = { name: string; run(kb: Keyboard, axe: (label: string) => Promise<void>): Promise<void> };

const mainText = async (page: Page) => (await page.locator("main").textContent()) ?? "";
const pathOf = (page: Page) => new URL(page.url()).pathname;

/** Signs in on /logga-in by typing and pressing Enter. */
async function signIn(kb: Keyboard, email: string): Promise<void> {
  await kb.page.goto("/logga-in");
  await kb.typeInto("#email", email);
  await kb.typeInto("#password", DEMO_PASSWORD);
  await kb.pressEnter();
  check(pathOf(kb.page) !== "/logga-in", `signing in as ${email} failed`);
}

/** The needs form's company, answers and contact, filled with the keyboard; then review and send. */
async function answerNeedsForm(
  kb: Keyboard,
  axe: (label: string) => Promise<void>,
  company: { orgNumber: string; name: string; email: string; themes: boolean },
): Promise<void> {
  await kb.typeInto("#f-company-orgNumber", company.orgNumber);
  await kb.typeInto("#f-company-name", company.name);
  if (company.themes) {
    await kb.typeInto("#f-company-postalCode", "713 31");
    await kb.tick('input[name="answers.omraden"][value="financing"]');
    await kb.typeInto("#f-answers-egna-ord", "Vi behöver finansiera en ny CNC-maskin.");
  }
  await kb.tick("#f-answers-bradska");
  await kb.typeInto("#f-answers-kontakt-name", "Maria Ek");
  await kb.typeInto("#f-answers-kontakt-email", company.email);
  await kb.tick("#f-answers-samtycke");
  const review = await kb.activate('button[name="step"][value="review"]');
  check(review === 200, `the review step answered ${review}`);
  check((await mainText(kb.page)).includes("Finansiering och likviditet"), "the review lists the need");
  await axe("the review step");
  const sent = await kb.activate("#send-answers");
  check(sent === 200 && pathOf(kb.page).endsWith("/tack"), `sending answered ${sent} on ${kb.page.url()}`);
  const link = await kb.page.locator("#private-link-url").getAttribute("href");
  check(/\/mitt-foretag\?token=/.test(link ?? ""), "the confirmation shows the private link");
  await axe("the confirmation");
}

const JOURNEYS: Journey[] = [
  {
    name: "1. a company tells its needs (/behov)",
    async run(kb, axe) {
      await kb.page.goto("/");
      await kb.activate('a[href="/behov"]');
      check(pathOf(kb.page) === "/behov", "the main menu leads to /behov");
      await kb.activate(`main a[href="/behov/${ROUND}"]`);
      check(pathOf(kb.page) === `/behov/${ROUND}`, "the round's link opens the form");
      // Sent empty first: the error summary, then corrected.
      const empty = await kb.activate('button[name="step"][value="review"]');
      check(empty === 400, `the empty form answered ${empty}, not 400`);
      await axe("the needs form with errors");
      await kb.fromTop();
      await answerNeedsForm(kb, axe, {
        orgNumber: "559123-4561",
        name: COMPANY,
        email: "maria@tangentbordet.example",
        themes: true,
      });
    },
  },
  {
    name: "2. a company finds support (Hitta stöd för mitt företag) and sends its needs",
    async run(kb, axe) {
      await kb.page.goto("/hitta-stod/mitt-foretag");
      await kb.tabTo("#match-kommun");
      await kb.page.keyboard.type("Nora");
      check((await kb.focusedValue()) === "1884", "type-ahead chose Nora");
      await kb.typeInto("#match-anstallda", "12");
      await kb.tick('input[name="omrade"][value="financing"]');
      await kb.typeInto("#match-beskrivning", "Vi behöver finansiera en ny CNC-maskin");
      const shown = await kb.activate('button[type="submit"]:not([form])');
      check(shown === 200, `the ranked offers answered ${shown}`);
      const names = await kb.page
        .locator("section[aria-labelledby='match-results'] article h3")
        .allTextContents();
      check(names.length > 0, "offers are ranked");
      await axe("the ranked offers");
      await kb.activate('form[action="/hitta-stod/mitt-foretag/skicka"] button');
      check(pathOf(kb.page).startsWith("/behov/"), `sending the needs led to ${kb.page.url()}`);
      await axe("the prefilled needs form");
      await answerNeedsForm(kb, axe, {
        orgNumber: "556036-0793",
        name: "Nora Svarv & Fräs AB",
        email: "sara@norasvarv.example",
        themes: false,
      });
    },
  },
  {
    name: "3. a navigator signs in, opens a case and refers it (lotsning)",
    async run(kb, axe) {
      await signIn(kb, demoUser("navigator", "nora-kommun"));
      await kb.activate('nav a[href="/admin/arenden"]');
      check(pathOf(kb.page) === "/admin/arenden", "the staff menu leads to the cases");
      const row = kb.page.locator("main tr", { hasText: COMPANY });
      check((await row.count()) === 1, `${COMPANY} (journey 1) is in the navigator's queue`);
      const caseHref = await row.locator("a").first().getAttribute("href");
      await kb.activate(`main a[href="${caseHref}"]`);
      const casePath = pathOf(kb.page);
      check(/^\/admin\/arenden\/[0-9a-f-]{36}$/.test(casePath), `the case opened at ${casePath}`);
      const boxId = await kb.page
        .locator("label", { hasText: /^Hänvisa till Almi Företagslån$/ })
        .getAttribute("for");
      check(!!boxId, "the case offers a referral to Almi Företagslån");
      await kb.tick(`#${boxId}`);
      const referred = await kb.activate(`form[action="${casePath}/hanvisa"] button[type="submit"]`);
      check(referred === 200 && pathOf(kb.page) === casePath, `referring answered ${referred}`);
      check((await kb.page.locator("main").getByText("Almi Företagslån").count()) > 0, "the referral shows");
      await axe("the case after referring");
    },
  },
  {
    name: "4. an analyst signs in and filters Behovsbild",
    async run(kb, axe) {
      await signIn(kb, demoUser("analyst"));
      await kb.activate('nav a[href="/admin/insikter"]');
      check(pathOf(kb.page) === "/admin/insikter", "the staff menu leads to Behovsbild");
      const quarter = previousPeriod(periodContaining("quarter", stockholmDate(new Date())));
      await kb.chooseWithArrows("#filter-period", quarter.code);
      await kb.tabTo("#filter-kommun");
      await kb.page.keyboard.type("Nora");
      check((await kb.focusedValue()) === "1884", "type-ahead chose Nora");
      const filtered = await kb.activate('form[action="/admin/insikter"] button[type="submit"]');
      const query = new URL(kb.page.url()).searchParams;
      check(filtered === 200, `filtering answered ${filtered}`);
      check(query.get("period") === quarter.code && query.get("kommun") === "1884", "the filter is applied");
      check((await mainText(kb.page)).includes("Visar:"), "the page says what it shows");
      await axe("Behovsbild filtered with the keyboard");
    },
  },
  {
    name: "5. a visitor searches the catalogue, opens an offer and registers for a meeting",
    async run(kb, axe) {
      await kb.page.goto("/");
      await kb.typeInto("#home-search", "finansiering");
      await kb.pressEnter();
      check(pathOf(kb.page) === "/hitta-stod", "the search opens Hitta stöd");
      const first = await kb.page.locator('main a[href^="/hitta-stod/"]:not([href$="mitt-foretag"])').first();
      const offerHref = await first.getAttribute("href");
      await kb.activate(`main a[href="${offerHref}"]`);
      check(pathOf(kb.page) === offerHref, `the offer opened (${kb.page.url()})`);
      await kb.activate('nav a[href="/traffar"]');
      check(pathOf(kb.page) === "/traffar", "the main menu leads to Träffar");
      const meetingHref = await kb.page
        .locator('section[aria-labelledby="upcoming-meetings"] a[href^="/traffar/"]')
        .first()
        .getAttribute("href");
      await kb.activate(`main a[href="${meetingHref}"]`);
      await kb.typeInto("#registration-orgNumber", "556036-0793");
      await kb.typeInto("#registration-companyName", "Hotell Tangenten i Nora AB");
      await kb.typeInto("#registration-personName", "Eva Lind");
      await kb.typeInto("#registration-email", "eva.lind@tangenten.example");
      const registered = await kb.activate('section[aria-labelledby="registration"] button[type="submit"]');
      check(registered === 200, `registering answered ${registered}`);
      check((await mainText(kb.page)).includes("Du är anmäld"), "the page confirms the registration");
      await axe("registered for a meeting");
    },
  },
];

/**
 * Shows that the focus check can fail: on the home page with every focus style removed (a context that
 * bypasses the CSP, so a style can be injected), Tab to the main menu's first link must be reported as
 * "no visible focus indicator"; on the real page it must not.
 */
async function focusCheckControl(browser: Browser, baseUrl: string, comparer: Page): Promise<JourneyResult> {
  const name = "0. control: the focus check catches a removed focus indicator";
  const target = 'nav a[href="/hitta-stod"]';
  const failuresOn = async (strip: boolean) => {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto("/");
    if (strip)
      await page.addStyleTag({
        content:
          "*:focus, *:focus-visible, *:has(:focus-visible) { outline: none !important; box-shadow: none !important; }",
      });
    const kb = new Keyboard(page, "control", comparer);
    await kb.tabTo(target);
    await context.close();
    return { failures: kb.focusFailures.filter((f) => f.includes("Hitta stöd")), stops: kb.tabStops };
  };
  try {
    const real = await failuresOn(false);
    const stripped = await failuresOn(true);
    const ok = real.failures.length === 0 && stripped.failures.length === 1;
    const error = ok
      ? undefined
      : `real page: ${real.failures.length} failures, stripped page: ${stripped.failures.length} (want 0 and 1)`;
    console.log(`${ok ? "✓" : "✗"} ${name}${error ? ` — ${error}` : ""}`);
    return { name, ok, error, tabStops: real.stops + stripped.stops, focusFailures: [], axeRuns: 0 };
  } catch (e) {
    return { name, ok: false, error: String(e).split("\n")[0], tabStops: 0, focusFailures: [], axeRuns: 0 };
  }
}

/** Runs the five journeys in order (3 refers the case journey 1 opened); one result each. */
export async function runKeyboardJourneys(
  browser: Browser,
  baseUrl: string,
  tally: AxeTally,
): Promise<JourneyResult[]> {
  const results: JourneyResult[] = [];
  // Screenshots are compared on a blank page of its own context: no CSP, no effect on the journey's focus.
  const comparerContext = await browser.newContext();
  const comparer = await comparerContext.newPage();
  results.push(await focusCheckControl(browser, baseUrl, comparer));
  for (const journey of JOURNEYS) {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on("dialog", (dialog) => {
      scripts.push(dialog.message());
      void dialog.dismiss();
    });
    const kb = new Keyboard(page, journey.name.split(" ")[0] ?? journey.name, comparer);
    let axeRuns = 0;
    const axe = async (label: string) => {
      axeRuns++;
      const url = new URL(page.url());
      await tally.check(page, {
        role: "keyboard journeys",
        state: "journey",
        locale: "sv",
        pattern: `${journey.name.split(" ")[0]} ${label}`,
        url: `${url.pathname}${url.search}`,
        status: 200,
      });
    };
    const started = performance.now();
    let error: string | undefined;
    try {
      await journey.run(kb, axe);
      check(scripts.length === 0, `a dialog opened: ${scripts.join(", ")}`);
    } catch (e) {
      error = e instanceof Error ? e.message.split("\n")[0] : String(e);
    }
    const ok = !error && kb.focusFailures.length === 0;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `${ok ? "✓" : "✗"} ${journey.name}: ${kb.tabStops} Tab stops, ${seconds} s${error ? ` — ${error}` : ""}`,
    );
    for (const failure of kb.focusFailures) console.log(`    focus: ${failure}`);
    results.push({
      name: journey.name,
      ok,
      error,
      tabStops: kb.tabStops,
      focusFailures: kb.focusFailures,
      axeRuns,
    });
    await context.close();
  }
  await comparerContext.close();
  return results;
}
