import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { loadConfig } from "#src/config.ts";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { DEMO_USERS } from "#src/features/demo/demo.users.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { type RunningServer, startServer } from "#src/server.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { createLogger } from "#src/shared/logger.ts";

// The sweep's server and its roles: the real server on a fresh PGlite directory with the demo data (as
// the e2e setup does), a browser context per role, and a new, empty organisation made through the app.

export type SweepServer = {
  server: RunningServer;
  routes: { method: string; path: string }[];
  cleanup(): Promise<void>;
};

/** Starts the real server (demo data seeded on the first start) and keeps the app's route list. */
export async function startSweepServer(): Promise<SweepServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lots-a11y-"));
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.A11Y_LOG_LEVEL ?? "warn",
    SESSION_SECRET: "a11y-secret-a11y-secret-a11y-secret-0123",
  });
  const routes: { method: string; path: string }[] = [];
  let server: RunningServer;
  try {
    server = await startServer(config, createLogger({ level: config.logLevel }), {
      graceMs: 2_000,
      extendApp: (app) => routes.push(...app.routes.map((r) => ({ method: r.method, path: r.path }))),
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    routes,
    async cleanup() {
      try {
        await server.stop("accessibility sweep finished");
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** A new browser context of the sweep's size. */
export function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
}

/** The demo user with `role` (the first one, or the one of `organisation`). */
export function demoUser(role: Role, organisation?: string): string {
  const user = DEMO_USERS.find((u) => u.role === role && (!organisation || u.organisation === organisation));
  if (!user) throw new Error(`the demo has no ${role}`);
  return user.email;
}

/** Signs a context in through the sign-in form (setup, not a keyboard journey). */
export async function signInContext(context: BrowserContext, email: string, password = DEMO_PASSWORD) {
  const page = await context.newPage();
  await page.goto("/logga-in");
  await page.fill("#email", email);
  await page.fill("#password", password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== "/logga-in"),
    page.press("#password", "Enter"),
  ]);
  await page.close();
}

/**
 * A company's private link, issued as the intake does, for the demo company with the most referrals
 * (so its page shows cases, statuses and the follow-up question). Returns the link's path.
 */
export async function companyLinkPath(server: RunningServer): Promise<string> {
  const company = await server.db
    .selectFrom("companies")
    .innerJoin("cases", "cases.company_id", "companies.id")
    .leftJoin("referrals", "referrals.case_id", "cases.id")
    .select(["companies.id", (eb) => eb.fn.count<string>("referrals.id").as("referrals")])
    .groupBy("companies.id")
    .orderBy("referrals", "desc")
    .orderBy("companies.id")
    .executeTakeFirstOrThrow();
  const link = await issueCompanyLink(server.db, company.id, { createdByLabel: "accessibility sweep" });
  return `/mitt-foretag?token=${link.token}`;
}

async function submitAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForEvent("framenavigated"), page.click(selector)]);
  await page.waitForLoadState("load");
}

/**
 * The "empty" organisation, made through the app: the platform admin creates it and invites an
 * org-admin; the invitation link from the outbox is accepted in a new context, which is returned
 * signed in. Every list of that organisation starts empty.
 */
export async function emptyOrganisationAdmin(
  browser: Browser,
  baseUrl: string,
  server: RunningServer,
  platformAdmin: BrowserContext,
): Promise<BrowserContext> {
  const page = await platformAdmin.newPage();
  await page.goto("/admin/organisationer");
  await page.fill("#org-name", "Tillgänglighetsnätverket Hällefors");
  await page.selectOption("#org-type", { index: 0 });
  await submitAndWait(page, 'form[action="/admin/organisationer"] button[type="submit"]');
  const orgPath = new URL(page.url()).pathname;
  if (!/^\/admin\/organisationer\/[0-9a-f-]{36}$/.test(orgPath))
    throw new Error(`creating the organisation led to ${page.url()}`);
  const email = "ny.admin@hallefors-a11y.example";
  await page.goto(`${orgPath}/anvandare`);
  await page.fill("#invite-email", email);
  await page.fill("#invite-name", "Nora Admin");
  await page.selectOption("#invite-role", "org-admin");
  await submitAndWait(page, '#invite-form button[type="submit"]');
  await page.close();
  const mail = await server.db
    .selectFrom("mail_outbox")
    .select("text_body")
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const token = /\/inbjudan\/([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1];
  if (!token) throw new Error("the invitation mail has no /inbjudan/ link");
  const context = await newContext(browser, baseUrl);
  const invited = await context.newPage();
  await invited.goto(`/inbjudan/${token}`);
  await invited.fill("#name", "Nora Admin");
  await invited.fill("#password", "tillganglig-2026-lots!");
  await invited.fill("#confirm", "tillganglig-2026-lots!");
  await submitAndWait(invited, 'form[action^="/inbjudan/"] button[type="submit"]');
  if (new URL(invited.url()).pathname.startsWith("/inbjudan"))
    throw new Error("accepting the invitation did not go through");
  await invited.close();
  return context;
}
