import type { Db } from "#src/db/client.ts";
import { type Answer, mediaType, ResponseChecker } from "./fuzz-check.ts";
import { type FuzzFixtures, prepareFixtures } from "./fuzz-fixtures.ts";
import { listOperations, type Operation, type PlannedRequest, planRequest } from "./fuzz-generate.ts";
import { Rng } from "./fuzz-prng.ts";
import type { Schema } from "./fuzz-values.ts";

// The fuzz loop: fetch the OpenAPI document from the app, then send `requests` generated requests, one
// at a time (so a seed replays the same sequence against the same evolving data), round-robin over every
// operation in an order shuffled per round, and check each answer.

/** What `app.request` looks like: the Hono app or anything with the same signature. */
export type RequestTarget = {
  request(url: string, init?: RequestInit, env?: unknown): Response | Promise<Response>;
};

/** Counts for one operation. */
export type OperationCounts = {
  requests: number;
  valid: number;
  edge: number;
  invalid: number;
  s2xx: number;
  s3xx: number;
  s4xx: number;
  s5xx: number;
  findings: number;
  /** Milliseconds spent answering this operation's requests. */
  ms: number;
};

/** One answer that broke a rule, with what is needed to replay and understand it. */
export type Finding = {
  n: number;
  operation: string;
  kind: string;
  mutation: string;
  caller: string;
  method: string;
  url: string;
  requestBody?: string;
  status: number;
  problems: string[];
  responseBody: string;
};

/** The result of one run. */
export type FuzzReport = {
  seed: number;
  database: string;
  requests: number;
  durationMs: number;
  operations: Record<string, OperationCounts>;
  findings: Finding[];
};

const emptyCounts = (): OperationCounts => ({
  requests: 0,
  valid: 0,
  edge: 0,
  invalid: 0,
  s2xx: 0,
  s3xx: 0,
  s4xx: 0,
  s5xx: 0,
  findings: 0,
  ms: 0,
});

/** Ids that a created record answers with, so later requests can use it. */
function rememberCreated(fixtures: FuzzFixtures, operation: Operation, status: number, json: unknown): void {
  if (status !== 201 || !json || typeof json !== "object") return;
  const body = json as Schema;
  const id =
    typeof body.id === "string" ? body.id : typeof body.record?.id === "string" ? body.record.id : undefined;
  if (!id) return;
  const pool = operation.path.endsWith("/webhooks")
    ? "webhooks"
    : operation.path.endsWith("/referrals")
      ? "referrals"
      : operation.path.endsWith("/api-tokens")
        ? "apiTokens"
        : (
            {
              "/offers": "offers",
              "/needs": "needs",
              "/cases": "cases",
              "/companies": "companies",
            } as Record<string, string>
          )[operation.path];
  if (!pool) return;
  const org = typeof body.organisationId === "string" ? body.organisationId : body.record?.organisationId;
  fixtures.pools[pool]?.push(org ? { id, org } : { id });
}

/**
 * Runs the fuzzer against `app` over `db` (seeded with the demo data here when empty). `onProgress` hears
 * about every 1,000th request. Never throws for a finding: they are in the report.
 */
export async function runFuzz(options: {
  app: RequestTarget;
  db: Db;
  database: string;
  seed: number;
  requests: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzReport> {
  const started = performance.now();
  const documentResponse = await options.app.request("/api/v1/openapi.json");
  if (documentResponse.status !== 200)
    throw new Error(`GET /api/v1/openapi.json answered ${documentResponse.status}`);
  const doc = (await documentResponse.json()) as Schema;
  const fixtures = await prepareFixtures(options.db);
  const operations = listOperations(doc);
  const checker = new ResponseChecker(doc);
  const rng = new Rng(options.seed);
  const counter = { n: 0 };
  const report: FuzzReport = {
    seed: options.seed,
    database: options.database,
    requests: 0,
    durationMs: 0,
    operations: Object.fromEntries(operations.map((o) => [o.key, emptyCounts()])),
    findings: [],
  };
  let round: Operation[] = [];
  for (let n = 1; n <= options.requests; n++) {
    if (round.length === 0) round = rng.some(operations, operations.length, operations.length);
    const operation = round.pop()!;
    // Anonymous and bad tokens a fifth of the time, so most requests reach the authorised code.
    const roll = rng.next();
    const caller =
      roll < 0.15
        ? fixtures.callers[0]!
        : roll < 0.2
          ? rng.pick(fixtures.callers.filter((c) => c.kind === "bad-token"))
          : rng.pick(fixtures.callers.filter((c) => c.kind === "token"));
    const planned = planRequest(operation, caller, doc, fixtures, rng, counter);
    const sentAt = performance.now();
    const answer = await send(options.app, planned, n);
    const counts = report.operations[operation.key]!;
    counts.ms += performance.now() - sentAt;
    counts.requests++;
    counts[planned.kind]++;
    const bucket =
      answer.status >= 500 ? "s5xx" : answer.status >= 400 ? "s4xx" : answer.status >= 300 ? "s3xx" : "s2xx";
    counts[bucket]++;
    const problems = checker.check(planned, answer);
    if (problems.length > 0) {
      counts.findings++;
      report.findings.push({
        n,
        operation: operation.key,
        kind: planned.kind,
        mutation: planned.mutation,
        caller: planned.caller.label,
        method: planned.init.method,
        url:
          planned.url.length > 300
            ? `${planned.url.slice(0, 300)}… (${planned.url.length} chars)`
            : planned.url,
        ...(planned.init.body !== undefined
          ? {
              requestBody:
                planned.init.body.length > 500
                  ? `${planned.init.body.slice(0, 500)}… (${planned.init.body.length} chars)`
                  : planned.init.body,
            }
          : {}),
        status: answer.status,
        problems,
        responseBody: answer.text.slice(0, 500),
      });
    }
    if (/json/.test(answer.contentType) && answer.status === 201) {
      try {
        rememberCreated(fixtures, operation, answer.status, JSON.parse(answer.text));
      } catch {
        // Reported by the checker already.
      }
    }
    report.requests = n;
    if (n % 1000 === 0) options.onProgress?.(n);
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** Sends one request in process, each from its own client address so per-address rate limits stay out of the way. */
async function send(app: RequestTarget, planned: PlannedRequest, n: number): Promise<Answer> {
  const env = {
    incoming: { socket: { remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } },
  };
  try {
    const response = await app.request(planned.url, planned.init, env);
    return {
      status: response.status,
      contentType: mediaType(response.headers.get("content-type")),
      text: await response.text(),
    };
  } catch (error) {
    // app.request itself threw: the app did not answer at all, which counts as a server error.
    return { status: 599, contentType: "", text: `app.request threw: ${(error as Error).stack ?? error}` };
  }
}

/** Control characters as \u escapes, so a log of findings stays plain text. */
function printable(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0x7f;
    out += control ? `\\u${code.toString(16).padStart(4, "0")}` : char;
  }
  return out;
}

/** The report as text: per-operation counts, totals, then every distinct finding with its first example. */
export function formatReport(report: FuzzReport): string {
  const lines: string[] = [];
  const header = [
    "operation",
    "requests",
    "valid",
    "edge",
    "invalid",
    "2xx",
    "3xx",
    "4xx",
    "5xx",
    "findings",
    "ms/req",
  ];
  const perRequest = (c: OperationCounts) => (c.requests ? (c.ms / c.requests).toFixed(1) : "-");
  const rows = Object.entries(report.operations).map(([key, c]) =>
    [
      key,
      c.requests,
      c.valid,
      c.edge,
      c.invalid,
      c.s2xx,
      c.s3xx,
      c.s4xx,
      c.s5xx,
      c.findings,
      perRequest(c),
    ].map(String),
  );
  const total = emptyCounts();
  for (const c of Object.values(report.operations))
    for (const k of Object.keys(total) as (keyof OperationCounts)[]) total[k] += c[k];
  rows.push(
    [
      "TOTAL",
      total.requests,
      total.valid,
      total.edge,
      total.invalid,
      total.s2xx,
      total.s3xx,
      total.s4xx,
      total.s5xx,
      total.findings,
      perRequest(total),
    ].map(String),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  lines.push(fmt(header), ...rows.map(fmt));
  lines.push("");
  lines.push(
    `database ${report.database}  seed ${report.seed}  requests ${report.requests}  operations ${Object.keys(report.operations).length}  ` +
      `duration ${(report.durationMs / 1000).toFixed(1)} s  findings ${report.findings.length}`,
  );
  const distinct = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = `${f.operation} | ${f.problems.map((p) => p.replace(/\d{4,}/g, "N").replace(/"[^"]*"/g, '"…"')).join(" / ")}`;
    distinct.set(key, [...(distinct.get(key) ?? []), f]);
  }
  if (distinct.size > 0) {
    lines.push("", `${distinct.size} distinct findings (replay with FUZZ_SEED=${report.seed}):`);
    for (const [key, list] of distinct) {
      const f = list[0]!;
      lines.push(
        "",
        `- ${key}  (${list.length}×; first: request #${f.n})`,
        `  ${f.kind} / ${f.mutation} as ${f.caller}: ${f.method} ${printable(f.url)}`,
        ...(f.requestBody !== undefined ? [`  request body: ${printable(f.requestBody)}`] : []),
        `  answer ${f.status}: ${printable(f.responseBody.replace(/\s+/g, " ").slice(0, 300))}`,
      );
    }
  }
  return lines.join("\n");
}
