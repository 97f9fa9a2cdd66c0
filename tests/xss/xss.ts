// `npm run test:xss`: the XSS corpus (tests/xss/payloads.ts) in every free-text field, rendered in Chromium
// on every page that shows them, as every role. Starts the real server (PGlite in a temp directory, the demo
// network, NODE_ENV=test so the mail previews at /dev/mail exist), checks the detectors on a canary page,
// browses the clean demo once (the census must find nothing there), seeds the corpus (xss-seed.ts), then
// browses again as each role (xss-crawl.ts).
//
// Goals (exit 1 when one fails): 0 payload executions, 0 injected live elements, 0 HTML responses without a
// CSP whose script-src forbids inline script. Blocked attempts (CSP violation reports) are reported.
// Options: --quick (a few pages of each shape; for trying it out), --json=FILE (the full findings).

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { loadConfig } from "#src/config.ts";
import type { Db } from "#src/db/client.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { startServer } from "#src/server.ts";
import { sessionCookieName } from "#src/shared/auth/cookies.ts";
import { createLogger } from "#src/shared/logger.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { fromDetectorId, PAYLOADS, URL_PAYLOADS } from "./payloads.ts";
import { type Findings, openRole, type RoleContext } from "./xss-browser.ts";
import { appTags, type CrawlLimits, crawl } from "./xss-crawl.ts";
import { FIELDS, fieldName } from "./xss-fields.ts";
import { seedCorpus } from "./xss-seed.ts";

type RoleSpec = { role: string; email?: string; starts: string[]; allowed: (url: string) => boolean };

const staff = (url: string) => /^\/(admin|konto)(\/|\?|$)/.test(url);
const ROLES: RoleSpec[] = [
  {
    role: "anonymous",
    starts: [
      "/",
      "/traffar",
      "/statistik",
      "/behov",
      "/api/docs",
      "/dev/mail",
      "/tillganglighet",
      "/logga-in",
    ],
    allowed: (u) => !staff(u) && !u.startsWith("/mitt-foretag"),
  },
  { role: "company (private link)", starts: [], allowed: (u) => u.startsWith("/mitt-foretag") },
  {
    role: "navigator",
    email: "anna.sjoberg@nora.example",
    starts: ["/konto", "/admin/arenden"],
    allowed: staff,
  },
  {
    role: "org admin",
    email: "johan.berglund@almi.example",
    starts: ["/konto", "/admin/erbjudanden"],
    allowed: staff,
  },
  {
    role: "partner advisor",
    email: "mikael.holm@almi.example",
    starts: ["/konto", "/admin/inkorg"],
    allowed: staff,
  },
  {
    role: "analyst",
    email: "sara.nystrom@regionorebrolan.example",
    starts: ["/konto", "/admin/insikter"],
    allowed: staff,
  },
  {
    role: "platform admin",
    email: "karin.lindqvist@regionorebrolan.example",
    starts: ["/konto", "/admin/organisationer"],
    allowed: staff,
  },
];

function option(name: string): string | undefined {
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function cookiesFor(db: Db, spec: RoleSpec, cookieName: string) {
  if (!spec.email) return [];
  const user = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", spec.email)
    .executeTakeFirstOrThrow();
  const session = await createSession(db, { userId: user.id });
  return [{ name: cookieName, value: session.sessionId }];
}

/** The company whose private page the company role opens: one with needs (after seeding, its name holds payloads). */
async function companyLinkStart(db: Db): Promise<string> {
  const company = await db
    .selectFrom("companies")
    .innerJoin("needs", "needs.company_id", "companies.id")
    .select("companies.id")
    .orderBy("companies.name")
    .executeTakeFirstOrThrow();
  const link = await issueCompanyLink(db, company.id, { createdByLabel: "xss corpus" });
  return `/mitt-foretag?token=${link.token}`;
}

/** Proves the detectors work: a canary page with raw payloads and no CSP must show all three findings. */
async function canary(browser: Browser, baseUrl: string): Promise<string | null> {
  const role = await openRole(browser, "canary", baseUrl, []);
  await role.context.route("**/__xss-canary", (route) =>
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: `<!doctype html><title>c</title><img src=x onerror=top.__lotsXss(1001)><a href="javascript:top.__lotsXss(1002)">x</a>`,
    }),
  );
  await role.visit("/__xss-canary", null);
  const f = role.findings;
  await role.context.close();
  const ok = f.executions.some((e) => e.id === 1001) && f.injected.length >= 2 && f.cspMissing.length === 1;
  return ok ? null : `canary not detected: ${JSON.stringify(f).slice(0, 400)}`;
}

async function browseAll(
  browser: Browser,
  baseUrl: string,
  db: Db,
  cookieName: string,
  limits: CrawlLimits,
  knownTags: string[],
  label: string,
): Promise<{
  findings: Findings[];
  pages: number;
  shapes: number;
  perRole: string[];
  kinds: Record<string, string[]>;
}> {
  const findings: Findings[] = [];
  const perRole: string[] = [];
  let pages = 0;
  let shapes = 0;
  const kinds: Record<string, string[]> = {};
  const browseRole = async (spec: RoleSpec) => {
    const started = performance.now();
    const starts = spec.role.startsWith("company")
      ? [await companyLinkStart(db), "/mitt-foretag"]
      : spec.starts;
    const role: RoleContext = await openRole(
      browser,
      spec.role,
      baseUrl,
      await cookiesFor(db, spec, cookieName),
    );
    // Every payload as the public search's query; staff searches (same views, same escaping) get the first 25.
    const roleLimits = spec.email
      ? { ...limits, searchPayloads: Math.min(limits.searchPayloads, 25) }
      : limits;
    const result = await crawl(role, starts, spec.allowed, roleLimits, knownTags, (n) =>
      console.log(`[${label}] ${spec.role}: ${n} pages`),
    );
    await role.context.close();
    findings.push(role.findings);
    pages += result.visited.length;
    shapes += result.shapes.size;
    kinds[spec.role] = [...result.shapes].sort();
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    perRole.push(
      `${spec.role}: ${result.visited.length} pages (${result.shapes.size} kinds) in ${seconds} s`,
    );
    console.log(`[${label}] ${perRole.at(-1)}`);
  };
  // Two roles at a time: the pages are rendered by this process's server while the browser waits.
  const queue = [...ROLES];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) await browseRole(spec);
  };
  await Promise.all([worker(), worker()]);
  return { findings, pages, shapes, perRole, kinds };
}

/** Distinct lines with how often each occurred, most frequent first. */
function countBy(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([line, n]) => `  ${n} × ${line}`);
}

function merge(all: Findings[]): Findings {
  return {
    executions: all.flatMap((f) => f.executions),
    blocked: all.flatMap((f) => f.blocked),
    injected: all.flatMap((f) => f.injected),
    htmlResponses: all.reduce((n, f) => n + f.htmlResponses, 0),
    cspMissing: all.flatMap((f) => f.cspMissing),
  };
}

async function main(): Promise<number> {
  const quick = process.argv.includes("--quick");
  const full: CrawlLimits = { perShape: PAYLOADS.length + 5, total: 350, searchPayloads: PAYLOADS.length };
  const limits: CrawlLimits = quick ? { perShape: 3, total: 120, searchPayloads: 8 } : full;
  const baseline: CrawlLimits = { perShape: 2, total: quick ? 60 : 200, searchPayloads: 0 };
  const dataDir = mkdtempSync(path.join(tmpdir(), "lots-xss-"));
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SESSION_SECRET: randomBytes(32).toString("hex"),
  });
  const started = performance.now();
  const server = await startServer(config, createLogger({ level: "silent" }), { graceMs: 2_000 });
  const browser = await launchBrowser();
  try {
    const db = server.db;
    const cookieName = sessionCookieName(config.publicUrl);
    const knownTags = appTags(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src"));
    const canaryProblem = await canary(browser, server.url);
    if (canaryProblem) throw new Error(canaryProblem);
    console.log("canary: detector, census and CSP check each caught their planted fault");
    const clean = await browseAll(browser, server.url, db, cookieName, baseline, knownTags, "clean");
    const cleanFindings = merge(clean.findings);
    const seed = await seedCorpus(db, server.url);
    console.log(
      `seeded: ${seed.apiOffers} offers and ${seed.apiNotes} notes by API, ${seed.rowsUpdated} rows swept; ${seed.apiRefused.length + seed.refused.length} writes refused`,
    );
    const dirty = await browseAll(browser, server.url, db, cookieName, limits, knownTags, "corpus");
    const f = merge(dirty.findings);
    const fieldsFull = FIELDS.filter(
      (x) =>
        (seed.payloadsPerField.get(x.number)?.size ?? 0) >=
        (x.kind === "url" ? URL_PAYLOADS.length : PAYLOADS.length),
    );
    const lines = [
      `XSS corpus: ${PAYLOADS.length} payloads × ${FIELDS.length} fields (${fieldsFull.length} hold every payload meant for them) × ${dirty.pages} pages (${dirty.shapes} page kinds, summed over roles) as ${ROLES.length} roles${quick ? " [--quick]" : ""}`,
      ...dirty.perRole.map((r) => `  ${r}`),
      `clean demo first: ${clean.pages} pages, ${cleanFindings.injected.length} census findings, ${cleanFindings.executions.length} executions`,
      `script executions: ${f.executions.length}`,
      ...f.executions.slice(0, 40).map((e) => {
        const { payloadId, fieldNumber } = fromDetectorId(e.id);
        return `  payload ${payloadId} in ${fieldNumber === 0 ? "the search query" : fieldName(fieldNumber)} ran on ${e.page} (${e.role}, ${e.via}, frame ${e.frame.slice(0, 60)})`;
      }),
      `injected live elements: ${f.injected.length}`,
      ...f.injected.slice(0, 40).map((i) => `  ${i.page} (${i.role}): ${i.what}`),
      `HTML responses: ${f.htmlResponses}; without a CSP forbidding inline script: ${f.cspMissing.length}`,
      ...f.cspMissing.slice(0, 20).map((u) => `  ${u}`),
      `blocked by the CSP (reported, not executions): ${f.blocked.length}`,
      ...[...new Set(f.blocked.map((b) => `${b.directive} ${b.blocked}`))].slice(0, 10).map((b) => `  ${b}`),
      `writes refused while seeding: ${seed.apiRefused.length} by the API, ${seed.refused.length} by the database`,
      ...countBy([...seed.apiRefused, ...seed.refused].map((r) => r.replace(/ row \d+:/, ":"))),
      `fields holding fewer payloads: ${
        FIELDS.filter((x) => !fieldsFull.includes(x))
          .map((x) => `${x.table}.${x.column} (${seed.payloadsPerField.get(x.number)?.size ?? 0})`)
          .join(", ") || "none"
      }`,
      `took ${((performance.now() - started) / 1000).toFixed(0)} s`,
    ];
    console.log(lines.join("\n"));
    const json = option("json");
    if (json)
      writeFileSync(
        json,
        JSON.stringify(
          {
            clean: cleanFindings,
            corpus: f,
            pageKinds: dirty.kinds,
            seed: {
              ...seed,
              payloadsPerField: Object.fromEntries(
                [...seed.payloadsPerField].map(([k, v]) => [fieldName(k), v.size]),
              ),
            },
          },
          null,
          2,
        ),
      );
    const failed =
      f.executions.length > 0 ||
      f.injected.length > 0 ||
      f.cspMissing.length > 0 ||
      cleanFindings.injected.length > 0;
    console.log(failed ? "FAIL" : "PASS: 0 executions, 0 injected elements, every HTML response has the CSP");
    return failed ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop("xss corpus done");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
