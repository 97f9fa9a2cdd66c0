// `npm run bench -- --scale=national` (issue 10): Lots at the size of Sweden. On PostgreSQL (BENCH_DATABASE_URL
// or TEST_DATABASE_URL, a throwaway database) at full scale, and on PGlite at a smaller, stated scale:
// 1. writes a seeded SCB-like register file of 1,230,000 companies (bench/national-data.ts);
// 2. loads it with a plain multi-row INSERT into `companies` (the reference), truncates, and imports it with the
//    real `lots companies import` code path (importCompanyRegister): rows/s of both and their ratio;
// 3. adds 10,000 offers and 1,000,000 needs (set-based SQL) and refreshes the insights rollups as the worker does;
// 4. starts the real server as a child process and measures, each against the bare route of the same run,
//    catalogue search, matching (5 needs), the dashboard's figures (insights API) and the staff company lookup;
// 5. reports the server's RSS idle (after warm-up) and at its peak under the load.
// Exit 1 on any failed request, a wrong import count or any other error. See docs/benchmarks.md.

import { randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb } from "../src/db/client.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { importCompanyRegister } from "../src/features/companies/companies.import.ts";
import { refreshDirtySubjects } from "../src/features/insights/insights.rollup.ts";
import { adminQuery, intFromEnv, withDatabase } from "./bench-db.ts";
import { forkBenchServer, stopBenchServer } from "./bench-process.ts";
import { generateNeeds, loadOffers, rawInsert, writeRegisterFile } from "./national-data.ts";
import { type RouteLoad, type RouteResult, rssMiB, runRoute, sampleRss } from "./national-load.ts";
import { nationalRoutes } from "./national-routes.ts";
import type { NationalReady } from "./national-server.ts";

type Kind = "pglite" | "postgres";
type Scale = { companies: number; offers: number; needs: number; withNeeds: number };

const BATCH = 1_000;
const FULL: Scale = {
  companies: intFromEnv("BENCH_NATIONAL_COMPANIES", 1_230_000, 1_000),
  offers: intFromEnv("BENCH_NATIONAL_OFFERS", 10_000, 100),
  needs: intFromEnv("BENCH_NATIONAL_NEEDS", 1_000_000, 1_000),
  withNeeds: intFromEnv("BENCH_NATIONAL_COMPANIES_WITH_NEEDS", 100_000, 100),
};
/**
 * PGlite runs at a tenth of the companies and needs unless BENCH_NATIONAL_PGLITE_SCALE says otherwise (0 skips
 * it): single-threaded WebAssembly in the server's own process; at 1,000,000 needs the rollup build alone took
 * about 5 minutes in the insights bench (docs/benchmarks.md), which would break the 20-minute budget.
 */
const PGLITE_DIVISOR = intFromEnv("BENCH_NATIONAL_PGLITE_SCALE", 10, 0);

function log(line: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

const n = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);

type KindResult = {
  kind: Kind;
  version: string;
  scale: Scale;
  generateSeconds: number;
  rawSeconds: number;
  importSeconds: number;
  importPeakRss: number;
  offersSeconds: number;
  needsSeconds: number;
  rollupSeconds: number;
  routes: RouteResult[];
  idleRss: number;
  peakRss: number;
};

async function benchKind(kind: Kind, adminUrl: string | undefined, scale: Scale): Promise<KindResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), "lots-national-"));
  const name = `lots_national_${randomBytes(6).toString("hex")}`;
  const databaseUrl = kind === "postgres" ? withDatabase(adminUrl!, name) : undefined;
  const dataDir = path.join(work, "data");
  if (kind === "postgres") await adminQuery(adminUrl!, `CREATE DATABASE ${name}`);
  let server: Awaited<ReturnType<typeof forkBenchServer<NationalReady>>> | undefined;
  try {
    log(`== ${kind}: ${n(scale.companies)} companies, ${n(scale.offers)} offers, ${n(scale.needs)} needs`);
    const handle = await createDb({ databaseUrl, dataDir });
    const { db } = handle;
    let result: Omit<KindResult, "routes" | "idleRss" | "peakRss">;
    try {
      await migrateToLatest(db);
      const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db))
        .rows[0]!.v;
      const file = path.join(work, "register.csv");
      let t0 = performance.now();
      const soleTraders = await writeRegisterFile(file, scale.companies);
      const generateSeconds = (performance.now() - t0) / 1000;
      log(
        `register file: ${n(scale.companies)} rows (${n(soleTraders)} sole traders) in ${generateSeconds.toFixed(1)} s`,
      );

      t0 = performance.now();
      const rawRows = await rawInsert(db, file, BATCH);
      const rawSeconds = (performance.now() - t0) / 1000;
      log(
        `raw multi-row INSERT: ${n(rawRows)} rows in ${rawSeconds.toFixed(1)} s (${n(rawRows / rawSeconds)} rows/s)`,
      );
      await sql`truncate companies cascade`.execute(db);

      let importPeakRss = process.memoryUsage().rss / 2 ** 20;
      const memory = setInterval(() => {
        importPeakRss = Math.max(importPeakRss, process.memoryUsage().rss / 2 ** 20);
      }, 200);
      t0 = performance.now();
      const report = await importCompanyRegister(db, createReadStream(file), {
        batchSize: BATCH,
        onProgress: ({ rows, seconds }) => log(`  import: ${n(rows)} rows, ${n(rows / seconds)} rows/s`),
      }).finally(() => clearInterval(memory));
      const importSeconds = (performance.now() - t0) / 1000;
      if (report.inserted !== scale.companies || report.invalid !== 0 || report.soleTraders !== soleTraders) {
        throw new Error(`the import stored something unexpected: ${JSON.stringify(report)}`);
      }
      log(
        `import: ${n(report.inserted)} inserted in ${importSeconds.toFixed(1)} s ` +
          `(${n(report.rows / importSeconds)} rows/s); bench process peak RSS ${n(importPeakRss)} MiB`,
      );

      t0 = performance.now();
      await loadOffers(db, scale.offers);
      const offersSeconds = (performance.now() - t0) / 1000;
      log(`offers: ${n(scale.offers)} in ${offersSeconds.toFixed(1)} s`);
      t0 = performance.now();
      await generateNeeds(db, scale.needs, scale.withNeeds);
      const needsSeconds = (performance.now() - t0) / 1000;
      log(`needs: ${n(scale.needs)} on ${n(scale.withNeeds)} companies in ${needsSeconds.toFixed(1)} s`);
      t0 = performance.now();
      while ((await refreshDirtySubjects(db, 5_000)) > 0);
      await sql`analyze`.execute(db);
      const rollupSeconds = (performance.now() - t0) / 1000;
      log(`insights rollups refreshed in ${rollupSeconds.toFixed(1)} s`);
      rmSync(file, { force: true });
      result = {
        kind,
        version,
        scale,
        generateSeconds,
        rawSeconds,
        importSeconds,
        importPeakRss,
        offersSeconds,
        needsSeconds,
        rollupSeconds,
      };
    } finally {
      await handle.close();
    }

    server = await forkBenchServer<NationalReady>("national-server.ts", dataDir, databaseUrl, 300);
    const pid = server.child.pid!;
    const routes: RouteLoad[] = nationalRoutes(server.ready);
    // Warm-up: every route a little (JIT, pools, the catalogue index), not recorded.
    for (const route of routes) {
      const requests = route.warmup ?? Math.min(20, route.requests);
      if (requests === 0) continue;
      const warm = await runRoute(server.baseUrl, { ...route, requests }, 1_000_000);
      if (warm.failures > 0) throw new Error(`${route.name} failed during warm-up: ${warm.firstFailure}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const idleRss = rssMiB(pid);
    log(`server idle after warm-up: RSS ${n(idleRss)} MiB`);
    const sampler = sampleRss(pid);
    const results: RouteResult[] = [];
    for (const route of routes) {
      const r = await runRoute(server.baseUrl, route);
      log(
        `${route.name}: ${r.requests} requests, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, ${n(r.rps)} req/s, ${r.failures} failed`,
      );
      if (r.firstFailure) log(`  first failure: ${r.firstFailure}`);
      results.push(r);
    }
    const peakRss = sampler.stop();
    return { ...result, routes: results, idleRss, peakRss };
  } finally {
    if (server) await stopBenchServer(server.child);
    if (kind === "postgres") await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    rmSync(work, { recursive: true, force: true });
  }
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function report(r: KindResult): number {
  console.log(
    `\n== ${r.kind} ${r.version}: ${n(r.scale.companies)} companies, ${n(r.scale.offers)} offers, ${n(r.scale.needs)} needs`,
  );
  const importRate = r.scale.companies / r.importSeconds;
  const rawRate = r.scale.companies / r.rawSeconds;
  console.log(
    table(
      ["load", "seconds", "rows/s"],
      [
        ["register file written", r.generateSeconds.toFixed(1), n(r.scale.companies / r.generateSeconds)],
        ["raw multi-row INSERT into companies (no validation)", r.rawSeconds.toFixed(1), n(rawRate)],
        ["lots companies import (importCompanyRegister)", r.importSeconds.toFixed(1), n(importRate)],
        [
          `${n(r.scale.offers)} offers (search triggers)`,
          r.offersSeconds.toFixed(1),
          n(r.scale.offers / r.offersSeconds),
        ],
        [
          `${n(r.scale.needs)} needs (set-based)`,
          r.needsSeconds.toFixed(1),
          n(r.scale.needs / r.needsSeconds),
        ],
        ["insights rollups refreshed", r.rollupSeconds.toFixed(1), "–"],
      ],
    ),
  );
  console.log(
    `import/raw ratio (rows/s): ${(importRate / rawRate).toFixed(3)}; import process peak RSS ${n(r.importPeakRss)} MiB`,
  );
  const bare = r.routes.find((x) => x.name === "bare")!;
  console.log(
    table(
      [
        "route",
        "requests",
        "conc.",
        "p50 ms",
        "p99 ms",
        "req/s",
        "p50/bare",
        "p99/bare",
        "req/s ÷ bare",
        "failed",
      ],
      r.routes.map((x) => [
        x.name,
        String(x.requests),
        String(x.concurrency),
        ms(x.p50),
        ms(x.p99),
        n(x.rps),
        (x.p50 / bare.p50).toFixed(1),
        (x.p99 / bare.p99).toFixed(1),
        (x.rps / bare.rps).toFixed(3),
        String(x.failures),
      ]),
    ),
  );
  console.log(`server RSS: idle ${n(r.idleRss)} MiB, peak under load ${n(r.peakRss)} MiB`);
  return r.routes.reduce((sum, x) => sum + x.failures, 0);
}

/** Runs the national-scale benchmark; true when every step and request succeeded. */
export async function runNationalBench(): Promise<boolean> {
  const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;
  const cpus = os.cpus();
  console.log("Lots national-scale benchmark (npm run bench -- --scale=national)");
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(
    `machine:  ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${n(os.totalmem() / 2 ** 30)} GiB`,
  );
  console.log(`node:     ${process.version}`);
  console.log(
    `load:     ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(" ")} (1, 5, 15 min averages)`,
  );
  const kinds: [Kind, Scale][] = [];
  if (adminUrl) kinds.push(["postgres", FULL]);
  else
    console.log("PostgreSQL: skipped — set BENCH_DATABASE_URL or TEST_DATABASE_URL for the full-scale run.");
  if (PGLITE_DIVISOR > 0) {
    const d = PGLITE_DIVISOR;
    const small = (v: number) => Math.max(100, Math.round(v / d));
    kinds.push([
      "pglite",
      {
        companies: small(FULL.companies),
        offers: FULL.offers,
        needs: small(FULL.needs),
        withNeeds: small(FULL.withNeeds),
      },
    ]);
    if (d > 1)
      console.log(
        `PGlite: runs at 1/${d} of the companies and needs (all ${n(FULL.offers)} offers), not at full scale.`,
      );
  } else console.log("PGlite: skipped (BENCH_NATIONAL_PGLITE_SCALE=0).");
  let failures = 0;
  for (const [kind, scale] of kinds) failures += report(await benchKind(kind, adminUrl, scale));
  if (failures > 0) {
    console.error(`\nFAILED: ${failures} requests failed or answered non-2xx; the figures are not valid.`);
    return false;
  }
  return true;
}
