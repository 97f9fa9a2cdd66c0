import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "#tests/support/browser.ts";
import { PAYLOADS, rawPayloadFor } from "#tests/xss/payloads.ts";
import { openRole, type RoleContext } from "#tests/xss/xss-browser.ts";
import { appTags } from "#tests/xss/xss-crawl.ts";

// The CI smoke of `npm run test:xss` (tests/xss): ten payloads of the corpus typed into what a visitor
// controls without writing anything — the catalogue search, its filters, the meetings list and a missing
// page's address — rendered in Chromium. Read-only, so the shared e2e server's data stays as the other
// journeys expect. 0 executions, 0 injected live elements, the CSP on every HTML response.

const baseUrl = inject("baseUrl");
const SMOKE = [1, 2, 5, 7, 9, 11, 19, 36, 43, 45]
  .map((id) => PAYLOADS[id - 1])
  .filter((p) => p !== undefined);

let browser: Browser;
let role: RoleContext;
let knownTags: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  role = await openRole(browser, "anonymous", baseUrl, []);
  knownTags = appTags(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src"));
});

afterAll(async () => {
  await browser?.close();
});

describe("XSS smoke: payloads in queries and addresses", () => {
  it("detects a payload that does run (a planted page without escaping or CSP)", async () => {
    const canary = await openRole(browser, "canary", baseUrl, []);
    await canary.context.route("**/__xss-canary", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<img src=x onerror=top.__lotsXss(1001)>",
      }),
    );
    await canary.visit("/__xss-canary", knownTags);
    await canary.context.close();
    expect(canary.findings.executions.map((e) => e.id)).toContain(1001);
    expect(canary.findings.injected.length).toBeGreaterThan(0);
    expect(canary.findings.cspMissing).toHaveLength(1);
  });

  it("runs none of them and injects no live element", async () => {
    expect(SMOKE).toHaveLength(10);
    for (const payload of SMOKE) {
      const text = rawPayloadFor(payload, 0);
      const q = encodeURIComponent(text);
      for (const url of [
        `/hitta-stod?q=${q}`,
        `/hitta-stod?q=${q}&tema=${q}&kommun=${q}`,
        `/traffar?kommun=${q}`,
        `/${q}`,
      ]) {
        await role.visit(url, knownTags);
      }
    }
    const f = role.findings;
    expect(f.executions, "payloads that ran").toEqual([]);
    expect(f.injected, "live elements a payload made").toEqual([]);
    expect(f.cspMissing, "HTML responses without a CSP forbidding inline script").toEqual([]);
    expect(f.htmlResponses).toBeGreaterThanOrEqual(SMOKE.length * 4);
  }, 60_000);
});
