import { writeFileSync } from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser } from "#tests/support/browser.ts";
import { AxeTally } from "./a11y-axe.ts";
import { crawlRole, type RoleResult, type RoleSession } from "./a11y-crawl.ts";
import { formatReport } from "./a11y-report.ts";
import { compileRoutes } from "./a11y-routes.ts";
import {
  companyLinkPath,
  demoUser,
  emptyOrganisationAdmin,
  newContext,
  type SweepServer,
  signInContext,
  startSweepServer,
} from "./a11y-setup.ts";
import { option, wholeNumber } from "./cli-options.ts";
import { type JourneyResult, runKeyboardJourneys } from "./keyboard-journeys.ts";

// `npm run test:a11y`: the accessibility sweep of issue 10. The real server on a fresh PGlite directory
// with the demo data; first the keyboard-only pass of the five main journeys (keyboard-journeys.ts), then,
// for every role — anonymous visitor, a company through its private link, each demo staff role and the
// org-admin of a new, empty organisation — a crawl of every page it can reach with axe in each state
// (a11y-crawl.ts). Options: --per-pattern=N (URLs per route pattern, default 2), --max-pages=N (per role,
// default 300), --parallel=N (roles crawled at once after the anonymous visitor, default 3), --roles=a,b
// (only those), --no-journeys, --no-crawl, --json=FILE (every axe run).
// Exit code 1 when a goal fails: a serious or critical violation, a page axe could not test, a 5xx, a
// page the crawl could not open, or a keyboard journey that failed.

/** Every role's browser context and start pages; the empty organisation is made through the app. */
async function roleSessions(browser: Browser, sweep: SweepServer, baseUrl: string): Promise<RoleSession[]> {
  const staff = async (role: string, email: string): Promise<RoleSession> => {
    const context = await newContext(browser, baseUrl);
    await signInContext(context, email);
    return { role, context, starts: ["/konto", "/"], state: "filled" };
  };
  const anonymous: RoleSession = {
    role: "anonymous",
    context: await newContext(browser, baseUrl),
    // Hitta stöd för mitt företag was once linked from no page (the sweep found it); it stays a start of its own.
    starts: ["/", "/hitta-stod/mitt-foretag"],
    state: "filled",
  };
  const companyContext: BrowserContext = await newContext(browser, baseUrl);
  const opening = await companyContext.newPage();
  await opening.goto(await companyLinkPath(sweep.server));
  if (new URL(opening.url()).pathname !== "/mitt-foretag") throw new Error("the private link did not open");
  await opening.close();
  const company: RoleSession = {
    role: "company (private link)",
    context: companyContext,
    starts: ["/mitt-foretag", "/"],
    state: "filled",
  };
  const platformAdmin = await staff("platform admin", demoUser("platform-admin"));
  const emptyAdmin = await emptyOrganisationAdmin(browser, baseUrl, sweep.server, platformAdmin.context);
  return [
    anonymous,
    company,
    await staff("navigator", demoUser("navigator", "nora-kommun")),
    await staff("partner advisor", demoUser("advisor", "almi-malardalen")),
    await staff("org admin", demoUser("org-admin")),
    await staff("analyst", demoUser("analyst")),
    platformAdmin,
    {
      role: "org admin (new, empty organisation)",
      context: emptyAdmin,
      starts: ["/konto", "/"],
      state: "empty",
    },
  ];
}

async function main(): Promise<number> {
  const started = performance.now();
  const perPattern = wholeNumber("per-pattern", 2);
  const maxPages = wholeNumber("max-pages", 300);
  const onlyRoles = option("roles")?.split(",");
  const parallel = wholeNumber("parallel", 3);
  const sweep = await startSweepServer();
  const baseUrl = sweep.server.url;
  console.log(`server at ${baseUrl} (PGlite, demo data); ${perPattern} URLs per route pattern`);
  const browser = await launchBrowser();
  const tally = new AxeTally();
  const roles: RoleResult[] = [];
  let journeys: JourneyResult[] = [];
  try {
    if (!process.argv.includes("--no-journeys")) {
      console.log("keyboard-only journeys:");
      journeys = await runKeyboardJourneys(browser, baseUrl, tally);
    }
    if (!process.argv.includes("--no-crawl")) {
      const settings = {
        baseUrl,
        routes: compileRoutes(sweep.routes),
        perPattern,
        maxPages,
        narrowPages: 4,
        tally,
      };
      const sessions = (await roleSessions(browser, sweep, baseUrl)).filter(
        (session) => !onlyRoles || onlyRoles.some((r) => session.role.startsWith(r)),
      );
      // The anonymous visitor goes first and alone: the public pages it crawls in full are "covered", so
      // the other roles, crawled `parallel` at a time, open one instance of each and spend their time on
      // their own pages.
      const crawl = async (session: RoleSession, covered: Set<string>) => {
        const roleStart = performance.now();
        console.log(`crawling as ${session.role}…`);
        const result = await crawlRole(session, { ...settings, covered });
        const seconds = ((performance.now() - roleStart) / 1000).toFixed(0);
        console.log(
          `${session.role}: ${result.pages} pages, ${result.patterns} patterns, ${result.english} in English, ` +
            `${result.narrow} at 320 px, ${result.empty} empty, ${result.errorForms} error forms (${seconds} s)`,
        );
        await session.context.close();
        return result;
      };
      const publicPatterns = new Set<string>();
      const [first, ...rest] = sessions;
      if (first) roles.push(await crawl(first, publicPatterns));
      const pending = [...rest];
      const results = new Map<RoleSession, RoleResult>();
      const worker = async () => {
        for (let session = pending.shift(); session; session = pending.shift())
          results.set(session, await crawl(session, new Set(publicPatterns)));
      };
      await Promise.all(Array.from({ length: parallel }, worker));
      for (const session of rest) roles.push(results.get(session)!);
    }
  } finally {
    await browser.close();
    await sweep.cleanup();
  }
  const seconds = (performance.now() - started) / 1000;
  const report = formatReport({ roles, journeys, tally, seconds, perPattern });
  console.log(report.text);
  const json = option("json");
  if (json) writeFileSync(json, JSON.stringify({ roles, journeys, runs: tally.runs }, null, 2));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
