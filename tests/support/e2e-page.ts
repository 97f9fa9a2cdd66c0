import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Page, Response } from "playwright-core";
import { expect } from "vitest";

// Helpers for the browser journeys in tests/e2e: axe checks, form submissions, and following links.

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page as it is now and fails on serious or critical violations, printing them. */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    const report = serious
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
          v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n"),
      )
      .join("\n");
    console.error(`axe violations on ${label}:\n${report}`);
  }
  expect(
    serious.map((v) => v.id),
    `serious or critical axe violations on ${label}`,
  ).toEqual([]);
  // A page that axe could not test at all must not pass as clean.
  expect(results.passes.length, `axe ran checks on ${label}`).toBeGreaterThan(10);
}

/** Runs `action` (a form submission) and returns the final answer of the navigation it starts. */
export async function submitting(page: Page, action: () => Promise<void>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) =>
        r.request().isNavigationRequest() &&
        r.request().frame() === page.mainFrame() &&
        (r.status() < 300 || r.status() >= 400),
    ),
    // The answer arrives before the new document replaces the old one: wait for that too.
    page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame()),
    action(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

/** The local links (path and query) inside <main> of a page fetched with the context's cookies. */
async function linksInMain(context: BrowserContext, href: string): Promise<string[]> {
  const response = await context.request.get(href, { maxRedirects: 0 });
  if (response.status() !== 200) return [];
  const html = await response.text();
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return [...main.matchAll(/href="(\/[^"#]*)"/g)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));
}

/** The staff pages reachable from the menu in at most two clicks (GET links only, no downloads). */
export async function reachableFromMenu(context: BrowserContext, menu: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  let frontier = menu;
  for (let depth = 0; depth < 2; depth++) {
    const next: string[] = [];
    for (const href of frontier) {
      for (const link of await linksInMain(context, href)) {
        if (seen.has(link) || !/^\/(admin|konto)(\/|\?|$)/.test(link) || /\.csv(\?|$)/.test(link)) continue;
        seen.add(link);
        next.push(link);
      }
    }
    frontier = next;
  }
  return seen;
}

// The callbacks given to page.evaluate run in the browser; the project has no DOM types.
type FocusedElement = { matches(selector: string): boolean; blur?: () => void };
declare const document: { activeElement: FocusedElement | null };

/** Presses Tab until the element matching `selector` has focus, as a keyboard user moves through a form. */
export async function tabTo(page: Page, selector: string, max = 250): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Moves focus to the field and replaces what it holds with `text`, using the keyboard. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  if (text) await page.keyboard.type(text);
}

/** Starts from the top of the page, so the next Tab walks the page from its first link. */
export async function fromTop(page: Page): Promise<void> {
  await page.keyboard.press("Escape");
  await page.evaluate(() => document.activeElement?.blur?.());
}
