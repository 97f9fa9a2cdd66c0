// `npm run bench`: HTTP throughput of the real app on PGlite, and on PostgreSQL when
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server. Absolute requests per second depend on the
// machine and on whatever else it is doing, so the result that matters is the RATIO of each route to
// a bare route measured by the same process in the same minute: the cost the database path adds.
// See docs/benchmarks.md.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { adminQuery, intFromEnv, withDatabase } from "./bench-db.ts";
import { forkBenchServer, stopBenchServer } from "./bench-process.ts";
import { runCatalogueSearchBench } from "./catalogue-search.ts";
import { runInsightsBench } from "./insights.ts";
import { INTAKE_GOAL, runIntakeBench } from "./intake.ts";
import { runMatchingBench } from "./matching.ts";
import type { ReadyMessage } from "./server.ts";

type DbKind = ReadyMessage["dbKind"];

const settings = {
  /** Seconds of measurement per route and round. */
  duration: intFromEnv("BENCH_DURATION", 10, 1),
  connections: intFromEnv("BENCH_CONNECTIONS", 10, 1),
  rounds: intFromEnv("BENCH_ROUNDS", 2, 1),
  /** Seconds of unrecorded load per route before the first round (JIT, pools, caches). */
  warmup: intFromEnv("BENCH_WARMUP", 3, 0),
};

const ROUTES = [
  { name: "bare", path: "/__bench/bare" },
  { name: "pk", path: "/__bench/pk" },
  { name: "municipalities", path: "/api/v1/reference/municipalities" },
] as const;
type RouteName = (typeof ROUTES)[number]["name"];

type Run = {
  route: RouteName;
  round: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Connection errors, timeouts, resets and non-2xx answers: anything but a clean 2xx. */
  failures: number;
};

// ---------------------------------------------------------------------------------------------------
// Databases and the server process

/** A throwaway database (PostgreSQL) or data directory (PGlite), and how to remove it. */
async function prepareDatabase(kind: DbKind, adminUrl: string | undefined) {
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-bench-"));
    return {
      dataDir,
      databaseUrl: undefined,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `lots_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl!, `CREATE DATABASE ${name}`);
  // The configuration wants a data directory on PostgreSQL too; nothing is written to it.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-bench-"));
  return {
    dataDir,
    databaseUrl: withDatabase(adminUrl!, name),
    async cleanup() {
      // The server process has exited, so nothing is connected; FORCE only covers a crashed run.
      await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** One request per route with its answer checked, so the load test measures working routes. */
async function checkRoutes(baseUrl: string, municipalityCount: number): Promise<void> {
  const get = async (route: string) => {
    const response = await fetch(`${baseUrl}${route}`);
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  };
  const bare = await get("/__bench/bare");
  if (bare.ok !== true) throw new Error("/__bench/bare answered an unexpected body");
  const pk = await get("/__bench/pk");
  if (typeof pk.code !== "string" || !/^\d{4}$/.test(pk.code) || typeof pk.name !== "string") {
    throw new Error("/__bench/pk answered an unexpected body");
  }
  const list = await get("/api/v1/reference/municipalities");
  if (!Array.isArray(list.items) || list.items.length !== municipalityCount || municipalityCount === 0) {
    throw new Error(`/api/v1/reference/municipalities did not list all ${municipalityCount} municipalities`);
  }
}

function failuresOf(result: Result): number {
  return result.errors + result.timeouts + result.resets + result.non2xx;
}

async function load(url: string, duration: number): Promise<Result> {
  return autocannon({ url, connections: settings.connections, duration, pipelining: 1, timeout: 10 });
}

/**
 * Warms every route up, then measures each route once per round. Each round starts one route later
 * than the one before, so no route always runs first or last; per-round ratios show drift.
 */
async function measure(baseUrl: string, log: (line: string) => void): Promise<Run[]> {
  const runs: Run[] = [];
  if (settings.warmup > 0) {
    for (const route of ROUTES) {
      const result = await load(`${baseUrl}${route.path}`, settings.warmup);
      const failures = failuresOf(result);
      if (failures > 0) throw new Error(`warm-up of ${route.name}: ${failures} failed requests`);
    }
  }
  for (let round = 1; round <= settings.rounds; round++) {
    for (let i = 0; i < ROUTES.length; i++) {
      const route = ROUTES[(i + round - 1) % ROUTES.length]!;
      const result = await load(`${baseUrl}${route.path}`, settings.duration);
      const run: Run = {
        route: route.name,
        round,
        rps: result.requests.mean,
        p50: result.latency.p50,
        p99: result.latency.p99,
        requests: result.requests.total,
        failures: failuresOf(result),
      };
      runs.push(run);
      log(`  round ${round} ${route.name.padEnd(14)} ${run.rps.toFixed(0)} req/s`);
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------
// Reporting

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

type Ratios = { pkBare: number; municipalitiesBare: number; municipalitiesPk: number };

function ratios(rps: Record<RouteName, number>): Ratios {
  return {
    pkBare: rps.pk / rps.bare,
    municipalitiesBare: rps.municipalities / rps.bare,
    municipalitiesPk: rps.municipalities / rps.pk,
  };
}

function rpsByRoute(runs: Run[]): Record<RouteName, number> {
  const of = (name: RouteName) => mean(runs.filter((run) => run.route === name).map((run) => run.rps));
  return { bare: of("bare"), pk: of("pk"), municipalities: of("municipalities") };
}

function report(runs: Run[]): { text: string; overall: Ratios; failures: number } {
  const rows = ROUTES.flatMap((route) =>
    runs
      .filter((run) => run.route === route.name)
      .map((run) => [
        route.name,
        String(run.round),
        run.rps.toFixed(0),
        run.p50.toFixed(1),
        run.p99.toFixed(1),
        String(run.requests),
        String(run.failures),
      ]),
  );
  const overall = ratios(rpsByRoute(runs));
  const ratioRows: string[][] = [];
  for (let round = 1; round <= settings.rounds; round++) {
    const r = ratios(rpsByRoute(runs.filter((run) => run.round === round)));
    ratioRows.push([
      `round ${round}`,
      r.pkBare.toFixed(3),
      r.municipalitiesBare.toFixed(3),
      r.municipalitiesPk.toFixed(3),
    ]);
  }
  ratioRows.push([
    "mean req/s",
    overall.pkBare.toFixed(3),
    overall.municipalitiesBare.toFixed(3),
    overall.municipalitiesPk.toFixed(3),
  ]);
  const text = [
    table(["route", "round", "req/s (mean)", "p50 ms", "p99 ms", "requests", "errors+non-2xx"], rows),
    "",
    table(["ratio", "pk/bare", "municipalities/bare", "municipalities/pk"], ratioRows),
  ].join("\n");
  return { text, overall, failures: runs.reduce((sum, run) => sum + run.failures, 0) };
}

// ---------------------------------------------------------------------------------------------------

type Parts = { http: boolean; intake: boolean };

async function benchDatabase(kind: DbKind, adminUrl: string | undefined, parts: Parts) {
  const database = await prepareDatabase(kind, adminUrl);
  try {
    const server = await forkBenchServer<ReadyMessage>(
      "server.ts",
      database.dataDir,
      database.databaseUrl,
      180,
    );
    try {
      const { ready, baseUrl } = server;
      console.log(`\n== ${ready.dbKind} (server_version ${ready.serverVersion}) at ${baseUrl}`);
      let http: ReturnType<typeof report> | undefined;
      if (parts.http) {
        await checkRoutes(baseUrl, ready.municipalityCount);
        const runs = await measure(baseUrl, (line) => console.log(line));
        http = report(runs);
        console.log(`\n${http.text}`);
      }
      let intake: Awaited<ReturnType<typeof runIntakeBench>> | undefined;
      if (parts.intake) {
        console.log(`\n-- needs intake on ${ready.dbKind}: survey submissions vs a one-row insert`);
        intake = await runIntakeBench(baseUrl, ready.intake, settings, (line) => console.log(line));
      }
      return { kind: ready.dbKind, version: ready.serverVersion, http, intake };
    } finally {
      await stopBenchServer(server.child);
    }
  } finally {
    await database.cleanup();
  }
}

/** `--scale=national` (or `--scale national`) from `npm run bench -- …`; undefined when not given. */
function scaleFromArgv(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === "--scale" || arg.startsWith("--scale="));
  if (at < 0) return undefined;
  const value = argv[at]!.includes("=") ? argv[at]!.slice("--scale=".length) : argv[at + 1];
  if (value !== "national") {
    throw new Error(`Unknown --scale ${JSON.stringify(value ?? "")}: the only scale is "national".`);
  }
  return value;
}

async function main() {
  // `npm run bench -- --scale=national` runs the national-scale benchmark instead (bench/national.ts).
  if (scaleFromArgv(process.argv.slice(2)) === "national") {
    const { runNationalBench } = await import("./national.ts");
    if (!(await runNationalBench())) process.exitCode = 1;
    return;
  }
  const cpus = os.cpus();
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  console.log("Lots HTTP benchmark");
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(
    `machine:  ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}`,
  );
  console.log(`node:     ${process.version}`);
  // Other work on the machine moves absolute figures; the load average says how busy it was.
  console.log(
    `load:     ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")} (1, 5, 15 min averages)`,
  );
  console.log(
    `settings: ${settings.connections} connections, ${settings.duration} s per run, ` +
      `${settings.rounds} rounds, ${settings.warmup} s warm-up per route`,
  );
  console.log(
    `databases: pglite${adminUrl ? ", postgres (throwaway database on BENCH/TEST_DATABASE_URL)" : ""}`,
  );

  // BENCH_ONLY=http, intake, catalogue, matching or insights runs one part; by default all run.
  const only = process.env.BENCH_ONLY;
  if (only && !["http", "intake", "catalogue", "matching", "insights"].includes(only)) {
    throw new Error("BENCH_ONLY must be http, intake, catalogue, matching or insights");
  }
  if (only === "catalogue") {
    if (!(await runCatalogueSearchBench(adminUrl))) process.exitCode = 1;
    return;
  }
  if (only === "matching") {
    if (!(await runMatchingBench(adminUrl))) process.exitCode = 1;
    return;
  }
  if (only === "insights") {
    if (!(await runInsightsBench(adminUrl))) process.exitCode = 1;
    return;
  }
  const parts: Parts = { http: !only || only === "http", intake: !only || only === "intake" };
  const kinds: DbKind[] = adminUrl ? ["pglite", "postgres"] : ["pglite"];
  const results = [];
  for (const kind of kinds) results.push(await benchDatabase(kind, adminUrl, parts));

  let failures = 0;
  if (parts.http) {
    console.log("\n== summary (ratios of mean req/s)");
    console.log(
      table(
        ["database", "pk/bare", "municipalities/bare", "municipalities/pk", "errors+non-2xx"],
        results.map((r) => [
          `${r.kind} ${r.version}`,
          r.http!.overall.pkBare.toFixed(3),
          r.http!.overall.municipalitiesBare.toFixed(3),
          r.http!.overall.municipalitiesPk.toFixed(3),
          String(r.http!.failures),
        ]),
      ),
    );
    failures += results.reduce((sum, r) => sum + r.http!.failures, 0);
  }
  if (parts.intake) {
    console.log(`\n== needs intake summary (goal: submit/insert >= ${INTAKE_GOAL}, 0 errors)`);
    console.log(
      table(
        ["database", "insert req/s", "submit req/s", "submit/insert", "errors+non-2xx"],
        results.map((r) => [
          `${r.kind} ${r.version}`,
          r.intake!.insertRps.toFixed(0),
          r.intake!.submitRps.toFixed(0),
          r.intake!.ratio.toFixed(3),
          String(r.intake!.failures),
        ]),
      ),
    );
    failures += results.reduce((sum, r) => sum + r.intake!.failures, 0);
    const missed = results.filter((r) => r.intake!.ratio < INTAKE_GOAL);
    if (missed.length > 0) {
      console.error(
        `\nGOAL MISSED: submit/insert below ${INTAKE_GOAL} on ${missed.map((r) => r.kind).join(", ")}.`,
      );
      process.exitCode = 1;
    }
  }
  if (failures > 0) {
    console.error(`\nFAILED: ${failures} requests failed or answered non-2xx; the figures are not valid.`);
    process.exitCode = 1;
  }
  // The catalogue search goals (docs/benchmarks.md) are reported, and a miss sets the exit code.
  if (!only && !(await runCatalogueSearchBench(adminUrl))) process.exitCode = 1;
  // So are the matching goals (nDCG@5, p99 and statements per match).
  if (!only && !(await runMatchingBench(adminUrl))) process.exitCode = 1;
  // And the needs intelligence goals (p99, faster than DuckDB, equal results).
  if (!only && !(await runInsightsBench(adminUrl))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
