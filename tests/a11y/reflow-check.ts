import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "#tests/support/browser.ts";
import { scanPage, submitFormAsIs } from "./a11y-page-scan.ts";
import { compileRoutes, isDestructive, patternOf, skipReason, urlKey } from "./a11y-routes.ts";
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

// `npm run test:reflow` (tests/a11y/reflow-check.ts): WCAG 2.1 SC 1.4.10 (Reflow) over every page. The sweep's server and
// roles (a11y-setup.ts), but no axe: every role crawls every route pattern it can reach (same-origin GET
// links and GET forms with their default values, as the sweep does) in a 320 × 640 px viewport and reports
// each page whose document is wider than the viewport, with the elements that stick out — the deepest ones
// past the right edge that no scroll region of their own contains — so the cause can be found.
// Then, as the sweep's "errors" state, every POST form that destroys nothing is submitted as it is and the
// answer (field errors, a review step, a confirmation) is measured too.
// Options: --per-pattern=N (URLs per route pattern, default 2), --max-pages=N (per role, default 400),
// --roles=a,b (only the roles whose names start so), --no-forms (skip the form pass).
// Exit code 1 when a page overflows.

const WIDTH = 320;
const HEIGHT = 640;

/** One role: its signed-in (or anonymous) context and where its crawl starts. */
type Role = { role: string; context: BrowserContext; starts: string[] };

/** A page wider than the viewport. */
type Overflow = { role: string; pattern: string; url: string; width: number; culprits: string[] };

// Run in the browser (the project has no DOM types). An element "sticks out" when its right edge is past
// the viewport and no ancestor clips or scrolls it sideways; only the deepest such elements are listed.
type Measured = { scrollWidth: number; culprits: string[] };

const MEASURE = `((width) => {
  const texts = new Map();
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o !== "visible") return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll("*")].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !clipped(el);
  });
  // A long word overflows the text's own box, not its element's: measure the text too.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    // An element that clips its own text (Designsystemet's ds-sr-only) does not widen the page.
    if (!el || !node.textContent.trim() || out.includes(el) || getComputedStyle(el).overflowX !== "visible") continue;
    range.selectNodeContents(node);
    if (range.getBoundingClientRect().right > width + 1 && !clipped(el) && el.getBoundingClientRect().right <= width + 1) {
      out.push(el);
      texts.set(el, Math.round(range.getBoundingClientRect().right));
    }
  }
  const deepest = out.filter((el) => !out.some((other) => other !== el && el.contains(other)));
  const describe = (el) => {
    const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    const text = (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    const right = texts.get(el) ?? Math.round(el.getBoundingClientRect().right);
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + cls + (texts.has(el) ? " (text)" : "") + " → " + right + " px" +
      (text ? ' "' + text + '"' : "");
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    culprits: [...new Set(deepest.map(describe))].slice(0, 8),
  };
})`;

/** Opens a URL; false when it is no HTML page (a download, JSON) or failed. */
async function open(page: Page, url: string): Promise<boolean> {
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    return Boolean(response?.headers()["content-type"]?.includes("text/html"));
  } catch {
    return false;
  }
}

/** Crawls one role at 320 px and returns the pages that overflow and how many pages and patterns it saw. */
async function crawl(
  session: Role,
  routes: ReturnType<typeof compileRoutes>,
  baseUrl: string,
  perPattern: number,
  maxPages: number,
): Promise<{ overflows: Overflow[]; pages: number; patterns: Set<string> }> {
  const origin = new URL(baseUrl).origin;
  const page = await session.context.newPage();
  page.on("dialog", (dialog) => void dialog.dismiss());
  await page.setViewportSize({ width: WIDTH, height: HEIGHT });
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  const queue = session.starts.map((s) => new URL(s, baseUrl).href);
  const overflows: Overflow[] = [];
  const postForms = new Map<string, { pageUrl: string; index: number; action: string; buttons: string[] }>();
  let pages = 0;
  const measure = async (pattern: string, url: string) => {
    const measured = (await page.evaluate(`${MEASURE}(${WIDTH})`)) as Measured;
    if (measured.scrollWidth > WIDTH) {
      overflows.push({ role: session.role, pattern, url, width: measured.scrollWidth, ...measured });
    }
  };
  const full = (url: URL) => (counts.get(patternOf(routes, url)) ?? 0) >= perPattern;
  while (queue.length > 0 && pages < maxPages) {
    const href = queue.shift()!;
    const requested = new URL(href);
    if (seen.has(urlKey(requested)) || full(requested)) continue;
    seen.add(urlKey(requested));
    if (!(await open(page, href))) continue;
    const landed = new URL(page.url());
    landed.hash = "";
    const pattern = patternOf(routes, landed);
    if (urlKey(landed) !== urlKey(requested) && (seen.has(urlKey(landed)) || full(landed))) continue;
    seen.add(urlKey(landed));
    counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    pages++;
    await measure(pattern, urlKey(landed));
    const scan = await scanPage(page);
    for (const form of scan.postForms) {
      const key = `${pattern} → ${patternOf(routes, new URL(form.action))} #${form.index}`;
      if (!postForms.has(key)) postForms.set(key, { pageUrl: landed.href, ...form });
    }
    for (const link of [...scan.links, ...scan.getForms]) {
      const url = new URL(link);
      url.hash = "";
      if (skipReason(url, origin) || seen.has(urlKey(url)) || full(url)) continue;
      queue.push(url.href);
    }
  }
  // The answers to POST forms, submitted unchanged (the error pass of the sweep, without axe).
  const patterns = new Set(counts.keys());
  for (const [key, form] of process.argv.includes("--no-forms") ? [] : postForms) {
    if (isDestructive(new URL(form.action).pathname, form.buttons)) continue;
    if (!(await open(page, form.pageUrl))) continue;
    const index = (await page.evaluate(
      `((a, i) => { const fs = [...document.forms]; const at = (f) => new URL(f.getAttribute("action") || location.href, location.href).href; return fs[i] && at(fs[i]) === a ? i : fs.findIndex((f) => at(f) === a); })(${JSON.stringify(form.action)}, ${form.index})`,
    )) as number;
    if (index < 0) continue;
    const status = await submitFormAsIs(page, index).catch(() => null);
    if (status === null) continue;
    pages++;
    patterns.add(`POST ${key}`);
    await measure(
      `POST ${key}`,
      `${urlKey(new URL(page.url()))} (after POST from ${urlKey(new URL(form.pageUrl))})`,
    );
  }
  await page.close();
  return { overflows, pages, patterns };
}

/** The sweep's roles: anonymous, a company by its private link, each demo staff role, an empty organisation. */
async function roles(browser: Browser, sweep: SweepServer, baseUrl: string): Promise<Role[]> {
  const staff = async (role: string, email: string): Promise<Role> => {
    const context = await newContext(browser, baseUrl);
    await signInContext(context, email);
    return { role, context, starts: ["/konto", "/"] };
  };
  const company = await newContext(browser, baseUrl);
  const opening = await company.newPage();
  await opening.goto(await companyLinkPath(sweep.server));
  await opening.close();
  const platformAdmin = await staff("platform admin", demoUser("platform-admin"));
  const empty = await emptyOrganisationAdmin(browser, baseUrl, sweep.server, platformAdmin.context);
  return [
    {
      role: "anonymous",
      context: await newContext(browser, baseUrl),
      starts: ["/", "/hitta-stod/mitt-foretag"],
    },
    { role: "company (private link)", context: company, starts: ["/mitt-foretag", "/"] },
    await staff("navigator", demoUser("navigator", "nora-kommun")),
    await staff("partner advisor", demoUser("advisor", "almi-malardalen")),
    await staff("org admin", demoUser("org-admin")),
    await staff("analyst", demoUser("analyst")),
    platformAdmin,
    { role: "org admin (new, empty organisation)", context: empty, starts: ["/konto", "/"] },
  ];
}

async function main(): Promise<number> {
  const started = performance.now();
  const perPattern = wholeNumber("per-pattern", 2);
  const maxPages = wholeNumber("max-pages", 400);
  const only = option("roles")?.split(",");
  const sweep = await startSweepServer();
  const baseUrl = sweep.server.url;
  const routes = compileRoutes(sweep.routes);
  const browser = await launchBrowser();
  const overflows: Overflow[] = [];
  const allPatterns = new Set<string>();
  try {
    const sessions = (await roles(browser, sweep, baseUrl)).filter(
      (s) => !only || only.some((r) => s.role.startsWith(r)),
    );
    for (const session of sessions) {
      const result = await crawl(session, routes, baseUrl, perPattern, maxPages);
      for (const p of result.patterns) allPatterns.add(p);
      console.log(
        `${session.role}: ${result.pages} pages, ${result.patterns.size} patterns, ${result.overflows.length} too wide`,
      );
      overflows.push(...result.overflows);
      await session.context.close();
    }
  } finally {
    await browser.close();
    await sweep.cleanup();
  }
  const forms = [...allPatterns].filter((p) => p.startsWith("POST ")).length;
  console.log(
    `\n${allPatterns.size - forms} GET route patterns and ${forms} form answers at ${WIDTH} × ${HEIGHT} px`,
  );
  const byPattern = new Map<string, Overflow[]>();
  for (const o of overflows) byPattern.set(o.pattern, [...(byPattern.get(o.pattern) ?? []), o]);
  for (const [pattern, list] of [...byPattern].sort()) {
    const widths = list.map((o) => o.width);
    const range =
      Math.min(...widths) === Math.max(...widths)
        ? `${widths[0]}`
        : `${Math.min(...widths)}–${Math.max(...widths)}`;
    console.log(`\n${pattern}: ${range} px (${[...new Set(list.map((o) => o.role))].join(", ")})`);
    for (const o of list) console.log(`  ${o.width} px ${o.url} [${o.role}]`);
    for (const c of [...new Set(list.flatMap((o) => o.culprits))].slice(0, 12)) console.log(`      ${c}`);
  }
  console.log(
    `\n${byPattern.size} of ${allPatterns.size} patterns too wide; ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return byPattern.size > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
