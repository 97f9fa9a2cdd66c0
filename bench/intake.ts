// Needs-intake benchmark (part of `npm run bench`; alone: `BENCH_ONLY=intake npm run bench`): survey
// submission throughput, POST /api/v1/surveys/{id}/responses with a navigator API token, as a ratio of
// a baseline route that inserts one row into a table on the same database, measured by the same process
// in the same run. Every request carries a fresh Idempotency-Key and a fresh org number, so each one runs
// the whole path: token check, validation, the transaction with the idempotency claim, a new company,
// contact, needs, two consents and the audit entries. Server side: bench/intake-setup.ts.

import autocannon, { type RawRequest, type Result } from "autocannon";
import { luhnCheckDigit } from "../src/shared/org-number.ts";
import type { IntakeTarget } from "./intake-setup.ts";

/** The ratio the issue asks for: submissions at least half as fast as a one-row insert. */
export const INTAKE_GOAL = 0.5;

export type IntakeSettings = { duration: number; connections: number; rounds: number; warmup: number };

type IntakeRouteName = "insert" | "submit";

type IntakeRun = {
  route: IntakeRouteName;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
};

/** Fresh per request: a new company (org number) and a new idempotency key. */
let serial = 0;
const runId = Date.now().toString(36);

/** A valid aktiebolag org number from a serial: 559 + six digits + the Luhn digit. */
function orgNumber(n: number): string {
  const nine = `559${String(n % 1_000_000).padStart(6, "0")}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}

/** A complete answer to the demo's industry survey (version 2) from a new company. */
export function submissionBody(target: IntakeTarget, n: number) {
  return {
    versionId: target.versionId,
    company: {
      orgNumber: orgNumber(n),
      name: `Benchbolaget ${n} AB`,
      postalCode: "71331",
      sizeBand: "10-19",
      sniCodes: ["25620"],
    },
    answers: {
      omraden: [
        { theme: "financing", urgency: "now", description: "Vi behöver finansiera en ny CNC-maskin." },
        { theme: "recruitment" },
      ],
      bradska: "halvar",
      energi: true,
      framtid: 3,
      "egna-ord":
        "Vi tappar order på pris och behöver bli effektivare, helst inom 6 månader & med stöd < 100 000 kr.",
      kontakt: { name: "Anna Svensson", role: "VD", email: `anna@benchbolaget-${n}.example` },
      samtycke: { contactAndReferral: true, statistics: true },
    },
  };
}

function requestFor(route: IntakeRouteName, target: IntakeTarget) {
  const path = route === "submit" ? `/api/v1/surveys/${target.surveyId}/responses` : "/__bench/insert";
  return {
    method: "POST" as const,
    path,
    setupRequest(request: RawRequest): RawRequest {
      const n = ++serial;
      request.headers = {
        ...request.headers,
        "content-type": "application/json",
        ...(route === "submit" ? { authorization: `Bearer ${target.token}` } : target.baselineHeaders),
        "idempotency-key": `bench-${runId}-${n}`,
      };
      request.body = JSON.stringify(submissionBody(target, n));
      return request;
    },
  };
}

/** One request to each route with its answer checked, so the load measures working routes. */
async function checkRoutes(baseUrl: string, target: IntakeTarget): Promise<void> {
  for (const route of ["insert", "submit"] as const) {
    const { path, setupRequest } = requestFor(route, target);
    const request = setupRequest({ method: "POST", path, headers: {} });
    const response = await fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: request.headers,
      body: request.body as string,
    });
    const body = (await response.json()) as Record<string, unknown>;
    if (response.status !== 201)
      throw new Error(`${route} answered ${response.status}: ${JSON.stringify(body)}`);
    if (route === "submit") {
      const needIds = body.needIds as unknown[] | undefined;
      // financing, recruitment, and sustainability from the energy question.
      if (body.companyCreated !== true || needIds?.length !== 3) {
        throw new Error(`the submission stored something unexpected: ${JSON.stringify(body)}`);
      }
    }
  }
}

function failuresOf(result: Result): number {
  return result.errors + result.timeouts + result.resets + result.non2xx;
}

function load(
  baseUrl: string,
  route: IntakeRouteName,
  target: IntakeTarget,
  settings: IntakeSettings,
  duration: number,
) {
  return autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration,
    pipelining: 1,
    timeout: 10,
    requests: [requestFor(route, target)],
  });
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * Checks both routes, warms them up, then measures each once per round (alternating which goes first)
 * and prints the runs and the submit/insert ratio per round and over all rounds.
 */
export async function runIntakeBench(
  baseUrl: string,
  target: IntakeTarget,
  settings: IntakeSettings,
  log: (line: string) => void,
): Promise<{ ratio: number; failures: number; insertRps: number; submitRps: number }> {
  await checkRoutes(baseUrl, target);
  const routes: IntakeRouteName[] = ["insert", "submit"];
  if (settings.warmup > 0) {
    for (const route of routes) {
      const result = await load(baseUrl, route, target, settings, settings.warmup);
      if (failuresOf(result) > 0)
        throw new Error(`warm-up of ${route}: ${failuresOf(result)} failed requests`);
    }
  }
  const runs: IntakeRun[] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    for (let i = 0; i < routes.length; i++) {
      const route = routes[(i + round - 1) % routes.length]!;
      const result = await load(baseUrl, route, target, settings, settings.duration);
      const run: IntakeRun = {
        route,
        round,
        rps: result.requests.mean,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
        failures: failuresOf(result),
      };
      runs.push(run);
      log(`  round ${round} ${route.padEnd(7)} ${run.rps.toFixed(0)} req/s`);
    }
  }
  const rpsOf = (route: IntakeRouteName, of: IntakeRun[]) =>
    mean(of.filter((run) => run.route === route).map((run) => run.rps));
  const ratioRows: string[][] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const inRound = runs.filter((run) => run.round === round);
    ratioRows.push([`round ${round}`, (rpsOf("submit", inRound) / rpsOf("insert", inRound)).toFixed(3)]);
  }
  const insertRps = rpsOf("insert", runs);
  const submitRps = rpsOf("submit", runs);
  const ratio = submitRps / insertRps;
  ratioRows.push(["mean req/s", ratio.toFixed(3)]);
  const rows = routes.flatMap((route) =>
    runs
      .filter((run) => run.route === route)
      .map((run) => [
        route,
        String(run.round),
        run.rps.toFixed(0),
        run.p50.toFixed(1),
        run.p99.toFixed(1),
        String(run.requests),
        String(run.failures),
      ]),
  );
  log("");
  log(table(["route", "round", "req/s (mean)", "p50 ms", "p99 ms", "requests", "errors+non-2xx"], rows));
  log("");
  log(table(["ratio", "submit/insert"], ratioRows));
  return { ratio, failures: runs.reduce((sum, run) => sum + run.failures, 0), insertRps, submitRps };
}
