import type { BrowserContext, Page } from "playwright-core";
import type { AxeTally, SweepState } from "./a11y-axe.ts";
import { scanPage, submitFormAsIs } from "./a11y-page-scan.ts";
import { type compileRoutes, isDestructive, patternOf, skipReason, urlKey } from "./a11y-routes.ts";

// The crawl of one role: breadth-first over same-origin GET links and GET forms (default values) from the
// role's start pages, at most `perPattern` URLs per route pattern; axe on every page in Swedish; then each
// pattern once in English, a few at 320 px, search forms with a word that finds nothing ("empty"), and
// every POST form that destroys nothing submitted as it is ("errors").

/** A signed-in (or anonymous) browser context and where its crawl starts. */
export type RoleSession = {
  role: string;
  context: BrowserContext;
  starts: string[];
  /** The state the role's pages show: "filled" for the demo's users, "empty" for a new organisation. */
  state: SweepState;
};

export type CrawlSettings = {
  baseUrl: string;
  routes: ReturnType<typeof compileRoutes>;
  perPattern: number;
  maxPages: number;
  narrowPages: number;
  tally: AxeTally;
  /**
   * Patterns an earlier role has already crawled in full (the anonymous visitor's public pages): a later
   * role does not open them again (the shell around them is checked on the role's own pages).
   */
  covered: Set<string>;
};

/** What the crawl of one role did. */
export type RoleResult = {
  role: string;
  pages: number;
  patterns: number;
  english: number;
  narrow: number;
  narrowOverflow: string[];
  empty: number;
  errorForms: number;
  errorFormsWith4xx: number;
  destructiveSkipped: number;
  notFollowed: Record<string, number>;
  problems: string[];
};

type FoundForm = { pageUrl: string; index: number; action: string; buttons: string[] };

const LOCALE_COOKIE = "lots_lang";

async function setLocale(session: RoleSession, baseUrl: string, locale: "sv" | "en"): Promise<void> {
  await session.context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: baseUrl }]);
}

/** Opens a URL; null (with the reason) when it is no HTML page: a download, JSON, or an error. */
async function open(page: Page, url: string): Promise<{ status: number } | { skipped: string }> {
  try {
    const response = await page.goto(url, { waitUntil: "load", timeout: 30_000 });
    if (!response) return { skipped: "no answer" };
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) return { skipped: `not HTML (${type.split(";")[0]})` };
    return { status: response.status() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { skipped: /download/i.test(message) ? "download" : `failed: ${message.split("\n")[0]}` };
  }
}

/** Crawls one role and runs every pass; axe outcomes go to `settings.tally`. */
export async function crawlRole(session: RoleSession, settings: CrawlSettings): Promise<RoleResult> {
  const { baseUrl, routes, tally } = settings;
  const origin = new URL(baseUrl).origin;
  const result: RoleResult = {
    role: session.role,
    pages: 0,
    patterns: 0,
    english: 0,
    narrow: 0,
    narrowOverflow: [],
    empty: 0,
    errorForms: 0,
    errorFormsWith4xx: 0,
    destructiveSkipped: 0,
    notFollowed: {},
    problems: [],
  };
  const note = (reason: string) => {
    result.notFollowed[reason] = (result.notFollowed[reason] ?? 0) + 1;
  };
  await setLocale(session, baseUrl, "sv");
  const page = await session.context.newPage();
  page.on("dialog", (dialog) => void dialog.dismiss());

  const visited = new Set<string>();
  const perPattern = new Map<string, number>();
  const firstOfPattern = new Map<string, string>();
  const noHits = new Map<string, string>();
  const postForms = new Map<string, FoundForm>();
  const queue = session.starts.map((s) => new URL(s, baseUrl).href);
  const queued = new Set(queue.map((href) => urlKey(new URL(href))));

  const limit = (pattern: string) => (settings.covered.has(pattern) ? 0 : settings.perPattern);
  const enqueue = (href: string) => {
    const url = new URL(href);
    url.hash = "";
    const reason = skipReason(url, origin);
    if (reason) return note(reason);
    const key = urlKey(url);
    if (queued.has(key)) return;
    if ((perPattern.get(patternOf(routes, url)) ?? 0) >= limit(patternOf(routes, url)))
      return note("pattern full");
    queued.add(key);
    queue.push(url.href);
  };

  /** Claims a slot of the URL's pattern; false when the pattern has had its share or the URL was seen. */
  const claim = (url: URL): string | null => {
    const key = urlKey(url);
    const pattern = patternOf(routes, url);
    if (visited.has(key)) return null;
    if ((perPattern.get(pattern) ?? 0) >= limit(pattern)) {
      note("pattern full");
      return null;
    }
    visited.add(key);
    perPattern.set(pattern, (perPattern.get(pattern) ?? 0) + 1);
    if (!firstOfPattern.has(pattern)) firstOfPattern.set(pattern, url.href);
    return pattern;
  };

  while (queue.length > 0 && result.pages < settings.maxPages) {
    const href = queue.shift()!;
    const requested = new URL(href);
    if (visited.has(urlKey(requested))) continue;
    const opened = await open(page, href);
    if ("skipped" in opened) {
      note(opened.skipped);
      if (opened.skipped.startsWith("failed")) result.problems.push(`${href}: ${opened.skipped}`);
      continue;
    }
    // A redirect (to sign-in, to the canonical page) counts as the page it lands on.
    const landed = new URL(page.url());
    landed.hash = "";
    if (urlKey(landed) !== urlKey(requested)) visited.add(urlKey(requested));
    const pattern = claim(landed);
    if (!pattern) continue;
    result.pages++;
    if (process.env.A11Y_VERBOSE) console.log(`  [${result.pages}] ${opened.status} ${urlKey(landed)}`);
    await tally.check(page, {
      role: session.role,
      state: session.state,
      locale: "sv",
      pattern,
      url: urlKey(landed),
      status: opened.status,
    });
    const scan = await scanPage(page);
    for (const link of [...scan.links, ...scan.getForms]) enqueue(link);
    for (const link of scan.noHitForms) {
      const url = new URL(link);
      const key = `${patternOf(routes, url)}`;
      if (!noHits.has(key) && !skipReason(url, origin)) noHits.set(key, url.href);
    }
    if (settings.covered.has(pattern)) continue;
    for (const form of scan.postForms) {
      const key = `${pattern} → ${patternOf(routes, new URL(form.action))} #${form.index}`;
      if (!postForms.has(key)) postForms.set(key, { pageUrl: landed.href, ...form });
    }
  }
  if (queue.length > 0) result.problems.push(`stopped at ${settings.maxPages} pages, ${queue.length} queued`);
  result.patterns = firstOfPattern.size;
  const own = [...firstOfPattern].filter(([pattern]) => !settings.covered.has(pattern));

  // "Empty": every search form once with a word that finds nothing.
  for (const [pattern, href] of [...noHits].filter(([p]) => !settings.covered.has(p))) {
    const opened = await open(page, href);
    if ("skipped" in opened) {
      note(opened.skipped);
      continue;
    }
    result.empty++;
    const url = urlKey(new URL(page.url()));
    await tally.check(page, {
      role: session.role,
      state: "empty",
      locale: "sv",
      pattern,
      url,
      status: opened.status,
    });
  }

  // Each pattern once in English.
  await setLocale(session, baseUrl, "en");
  for (const [pattern, href] of own) {
    const opened = await open(page, href);
    if ("skipped" in opened) continue;
    result.english++;
    const url = urlKey(new URL(page.url()));
    await tally.check(page, {
      role: session.role,
      state: session.state,
      locale: "en",
      pattern,
      url,
      status: opened.status,
    });
  }
  await setLocale(session, baseUrl, "sv");

  // The first few patterns at 320 px wide (WCAG 1.4.10 reflow: no sideways scrolling either).
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [pattern, href] of own.slice(0, settings.narrowPages)) {
    const opened = await open(page, href);
    if ("skipped" in opened) continue;
    result.narrow++;
    const url = urlKey(new URL(page.url()));
    await tally.check(page, {
      role: session.role,
      state: "narrow",
      locale: "sv",
      pattern,
      url,
      status: opened.status,
    });
    const width = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    if (width > 321) result.narrowOverflow.push(`${url} (${width} px)`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // "Errors": every POST form that destroys nothing, submitted as it is.
  for (const [key, form] of postForms) {
    if (isDestructive(new URL(form.action).pathname, form.buttons)) {
      result.destructiveSkipped++;
      continue;
    }
    const opened = await open(page, form.pageUrl);
    if ("skipped" in opened) continue;
    const index = (await page.evaluate(
      `((a, i) => { const fs = [...document.forms]; const at = (f) => new URL(f.getAttribute("action") || location.href, location.href).href; return fs[i] && at(fs[i]) === a ? i : fs.findIndex((f) => at(f) === a); })(${JSON.stringify(form.action)}, ${form.index})`,
    )) as number;
    if (index < 0) continue;
    let status: number | null = null;
    try {
      status = await submitFormAsIs(page, index);
    } catch (error) {
      result.problems.push(`${key}: the form did not answer (${String(error).split("\n")[0]})`);
      continue;
    }
    if (status === null) continue;
    result.errorForms++;
    if (status >= 400 && status < 500) result.errorFormsWith4xx++;
    const url = urlKey(new URL(page.url()));
    await tally.check(page, { role: session.role, state: "errors", locale: "sv", pattern: key, url, status });
  }
  await page.close();
  for (const [pattern] of own) settings.covered.add(pattern);
  return result;
}
