import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { buildApp } from "#src/app.ts";
import { loadConfig } from "#src/config.ts";
import { createDb, type DbHandle } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { createLogger } from "#src/shared/logger.ts";
import { fuzzSeed } from "./fuzz-prng.ts";
import { type FuzzReport, formatReport, runFuzz } from "./fuzz-runner.ts";

// `npm run test:fuzz`: at least 10,000 generated requests over every operation of /api/v1/openapi.json,
// in process (app.request) on a fresh PGlite database with the demo data, and on PostgreSQL too when
// TEST_DATABASE_URL is set. Options: --requests=N (default 10000), --db=pglite|postgres|both (default:
// both when TEST_DATABASE_URL is set), --json=FILE (the full report). FUZZ_SEED=<n> replays a run.
// Exit code 1 when any answer broke a rule.

type Target = {
  name: string;
  open(): Promise<{ handle: DbHandle; dataDir: string; cleanup(): Promise<void> }>;
};

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const pgliteTarget: Target = {
  name: "pglite",
  async open() {
    const dataDir = mkdtempSync(path.join(tmpdir(), "lots-fuzz-"));
    const handle = await createDb({ dataDir });
    return {
      handle,
      dataDir,
      async cleanup() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

function postgresTarget(serverUrl: string): Target {
  const admin = async (statement: string) => {
    const url = new URL(serverUrl);
    url.pathname = "/postgres";
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    name: "postgres",
    async open() {
      const name = `lots_fuzz_${randomBytes(6).toString("hex")}`;
      await admin(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const dataDir = mkdtempSync(path.join(tmpdir(), "lots-fuzz-"));
      const handle = await createDb({ databaseUrl: url.toString(), dataDir, poolSize: 4 });
      return {
        handle,
        dataDir,
        async cleanup() {
          await handle.close();
          await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

async function fuzzOn(target: Target, seed: number, requests: number): Promise<FuzzReport> {
  const opened = await target.open();
  try {
    const setupStart = performance.now();
    await migrateToLatest(opened.handle.db);
    const config = loadConfig({
      NODE_ENV: "test",
      DATA_DIR: opened.dataDir,
      SESSION_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-0123",
    });
    const logger = createLogger({ level: process.env.FUZZ_LOG_LEVEL ?? "silent" });
    const app = buildApp({ config, db: opened.handle.db, dbKind: opened.handle.kind, logger });
    console.log(
      `[${target.name}] migrated in ${((performance.now() - setupStart) / 1000).toFixed(1)} s; seeding the demo data and fuzzing…`,
    );
    return await runFuzz({
      app,
      db: opened.handle.db,
      database: target.name,
      seed,
      requests,
      onProgress: (done) => console.log(`[${target.name}] ${done} requests`),
    });
  } finally {
    await opened.cleanup();
  }
}

async function main(): Promise<number> {
  const seed = fuzzSeed();
  const requests = Number(option("requests") ?? process.env.FUZZ_REQUESTS ?? 10_000);
  if (!Number.isInteger(requests) || requests < 1)
    throw new Error("--requests must be a positive whole number");
  const serverUrl = process.env.TEST_DATABASE_URL;
  const which = option("db") ?? (serverUrl ? "both" : "pglite");
  const targets: Target[] = [];
  if (which === "pglite" || which === "both") targets.push(pgliteTarget);
  if (which === "postgres" || which === "both") {
    if (!serverUrl) throw new Error("--db=postgres needs TEST_DATABASE_URL");
    targets.push(postgresTarget(serverUrl));
  }
  console.log(
    `fuzz seed ${seed} (replay: FUZZ_SEED=${seed} npm run test:fuzz), ${requests} requests on ${targets.map((t) => t.name).join(" and ")}`,
  );
  const reports: FuzzReport[] = [];
  for (const target of targets) {
    const report = await fuzzOn(target, seed, requests);
    reports.push(report);
    console.log(`\n${formatReport(report)}\n`);
  }
  const jsonPath = option("json");
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify(reports, null, 2));
  const findings = reports.reduce((sum, r) => sum + r.findings.length, 0);
  console.log(
    findings === 0
      ? `fuzz: 0 findings in ${reports.map((r) => `${r.requests} requests on ${r.database}`).join(", ")} (seed ${seed})`
      : `fuzz: ${findings} findings (seed ${seed}; replay with FUZZ_SEED=${seed})`,
  );
  return findings === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
