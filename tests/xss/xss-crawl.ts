// Browsing as each role: start pages, then every local link found (breadth first), plus each GET search form
// submitted with every payload as the query. Detail and edit pages of the same shape (/admin/arenden/:id…)
// are capped per shape; downloads, JSON and sign-out are skipped.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PAYLOADS, rawPayloadFor } from "./payloads.ts";
import type { RoleContext } from "./xss-browser.ts";

/** How far one role's browsing goes. */
export type CrawlLimits = { perShape: number; total: number; searchPayloads: number };

/** What one role's browsing visited. */
export type CrawlResult = { visited: string[]; shapes: Set<string> };

const SKIP = [
  /^\/logga-ut/,
  /^\/lang\//,
  /^\/api\/(?!docs)/,
  /^\/hsds\//,
  /^\/assets\//,
  /\.(csv|xlsx|ics|json)(\?|$)/,
  /\/export(\?|$)/,
  /^\/(healthz|readyz)/,
  /^\/statistik\/export/,
];

/** A URL's shape: ids, numbers and payload slugs replaced, query keys kept, values dropped. */
export function shapeOf(url: string): string {
  const [pathname = "", query = ""] = url.split("?");
  const segments = pathname.split("/").map((s) => (/\d/.test(s) ? ":x" : s));
  const keys = [...new URLSearchParams(query).keys()].sort().join("&");
  return `${segments.join("/")}${keys ? `?${keys}` : ""}`;
}

/**
 * The tag names the app's own views write (every JSX intrinsic element under src/), plus the elements a
 * browser adds itself. A tag outside this set on a page came from a payload.
 */
export function appTags(srcDir: string): string[] {
  const tags = new Set(["html", "head", "body", "tbody"]);
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tsx|ts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        for (const m of readFileSync(full, "utf8").matchAll(/<([a-z][a-z0-9]*)[\s>/]/g))
          if (m[1]) tags.add(m[1]);
      }
    }
  };
  walk(srcDir);
  // Words after "<" in comments and strings that are not tags do no harm: they only widen the set.
  return [...tags];
}

/** Browses as one role from `starts`, within `allowed`, and returns what it visited. */
export async function crawl(
  role: RoleContext,
  starts: string[],
  allowed: (url: string) => boolean,
  limits: CrawlLimits,
  knownTags: string[] | null,
  onProgress?: (visited: number) => void,
): Promise<CrawlResult> {
  const queue = [...starts];
  const seen = new Set(queue);
  const perShape = new Map<string, number>();
  const searched = new Set<string>();
  const visited: string[] = [];
  const shapes = new Set<string>();
  while (queue.length > 0 && visited.length < limits.total) {
    // A page of a kind not seen yet goes first, so the page limit cuts repeats, never whole kinds of pages.
    const fresh = queue.findIndex((u) => !perShape.has(shapeOf(u)));
    const url = queue.splice(Math.max(fresh, 0), 1)[0] as string;
    const shape = shapeOf(url);
    const count = perShape.get(shape) ?? 0;
    const isSearch = url.includes("__lotsXss");
    if (!isSearch && count >= limits.perShape) continue;
    perShape.set(shape, count + 1);
    shapes.add(shape);
    const result = await role.visit(url, knownTags);
    visited.push(url);
    if (visited.length % 50 === 0) onProgress?.(visited.length);
    for (const link of result.links) {
      if (seen.has(link) || SKIP.some((re) => re.test(link)) || !allowed(link)) continue;
      seen.add(link);
      queue.push(link);
    }
    for (const form of result.searchForms) {
      const key = `${form.action}?${form.input}`;
      if (searched.has(key) || SKIP.some((re) => re.test(form.action)) || !allowed(form.action)) continue;
      searched.add(key);
      // The query field is field number 0 in detector ids: it is typed, not stored.
      for (const payload of PAYLOADS.slice(0, limits.searchPayloads)) {
        const query = new URLSearchParams({ [form.input]: rawPayloadFor(payload, 0) });
        queue.push(`${form.action}?${query.toString()}`);
      }
    }
  }
  return { visited, shapes };
}
