// One crash-test run on one database: prepare the round, start `lots start`, let the clients submit while
// the server is killed with SIGKILL at random moments and started again on the same data, stop it cleanly,
// then count what the database holds per submission.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type ClientSettings, resendSubmissions, runClients } from "./clients.ts";
import { ServerProcess } from "./server-process.ts";
import {
  type CrashDatabase,
  type CrashTarget,
  createThrowawayDatabase,
  prepareCrashTarget,
} from "./setup.ts";
import { countStored, type StoredCount } from "./verify.ts";

/** What one run does. */
export type CrashOptions = {
  kind: "postgres" | "pglite";
  /** For PostgreSQL: a server URL; the run creates and drops its own database there. */
  postgresUrl?: string | undefined;
  /** A database made by the caller (e.g. a copy of the tests' migrated template), used instead and cleaned up. */
  prepared?: { database: CrashDatabase; cleanup: () => Promise<void> };
  submissions: number;
  clients: number;
  kills: number;
  seed: number;
  /** The run stops retrying after this many milliseconds. */
  timeLimitMs: number;
  log?: (line: string) => void;
};

/** What one run measured. `passed` means 0 lost, 0 duplicates, every submission acknowledged, every restart worked. */
export type CrashReport = {
  kind: "postgres" | "pglite";
  seed: number;
  submissions: number;
  clients: number;
  kills: number;
  restarts: number;
  restartFailure: string | undefined;
  acknowledged: number;
  replayed: number;
  acknowledgedAfterRetry: number;
  /** After the run: acknowledged submissions sent again, and how many came back as replays (must be all). */
  resent: number;
  resentReplayed: number;
  attempts: number;
  connectionErrors: number;
  serverErrors: number;
  rejected: { key: string; status: number; body: string }[];
  gaveUp: number;
  cleanStopExit: number | string | null;
  stored: StoredCount | undefined;
  lost: number;
  duplicates: number;
  durationMs: number;
  startMs: { first: number; restartMedian: number; restartMax: number };
  passed: boolean;
};

/** A small seeded generator (mulberry32), so a run's kill moments can be repeated from its logged seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** How many acknowledged submissions are sent once more after the run. */
const RESEND_SAMPLE = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the crash test once on one database and returns the figures; cleans up its database or data directory. */
export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => {});
  const runId = randomBytes(4).toString("hex");
  const started = performance.now();

  let database: CrashDatabase;
  let cleanup: () => Promise<void>;
  if (options.prepared) {
    ({ database, cleanup } = options.prepared);
  } else if (options.kind === "postgres") {
    if (!options.postgresUrl) throw new Error("The PostgreSQL run needs a server URL.");
    const throwaway = await createThrowawayDatabase(options.postgresUrl);
    database = { kind: "postgres", databaseUrl: throwaway.databaseUrl };
    cleanup = throwaway.drop;
    log(`database: ${throwaway.name} (throwaway)`);
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), "lots-crash-"));
    database = { kind: "pglite", dataDir };
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    log(`data directory: ${dataDir} (throwaway)`);
  }

  try {
    const target = await prepareCrashTarget(database);
    const server = new ServerProcess(database, await freePort(), randomBytes(32).toString("hex"));
    try {
      return await exercise(options, database, target, server, runId, started, log);
    } finally {
      await server.kill(); // a no-op after the clean stop; never leaves a server behind on an error
    }
  } finally {
    await cleanup();
  }
}

/** Starts the server, runs clients and kills, stops it cleanly and counts. */
async function exercise(
  options: CrashOptions,
  database: CrashDatabase,
  target: CrashTarget,
  server: ServerProcess,
  runId: string,
  started: number,
  log: (line: string) => void,
): Promise<CrashReport> {
  const random = seededRandom(options.seed);
  await server.start();
  log(
    `server up at ${server.url} in ${Math.round(server.startTimes[0]!)} ms; round /behov/${target.roundSlug}`,
  );

  // Kill moments: random points in the run (by acknowledged count, since the run's length is not known
  // beforehand), each followed by a random delay so the kill lands at an arbitrary point of a request.
  const thresholds = Array.from({ length: options.kills }, () =>
    Math.floor(options.submissions * (0.03 + 0.92 * random())),
  ).sort((a, b) => a - b);
  let acknowledgedSoFar = 0;
  let clientsDone = false;
  let kills = 0;
  let restarts = 0;
  let restartFailure: string | undefined;
  const deadline = Date.now() + options.timeLimitMs;

  const settings: ClientSettings = {
    baseUrl: () => server.url,
    roundSlug: target.roundSlug,
    runId,
    submissions: options.submissions,
    clients: options.clients,
    attemptTimeoutMs: 30_000,
    active: () => Date.now() < deadline && restartFailure === undefined && !server.unexpectedExit,
    onAcknowledged: (count) => {
      acknowledgedSoFar = count;
    },
  };
  const clients = runClients(settings).finally(() => {
    clientsDone = true;
  });

  const killer = (async () => {
    for (const threshold of thresholds) {
      while (!clientsDone && acknowledgedSoFar < threshold) await sleep(5);
      if (clientsDone) return;
      await sleep(Math.floor(random() * 250));
      await server.kill();
      kills++;
      log(`kill ${kills}/${options.kills} (SIGKILL) after ${acknowledgedSoFar} acknowledged`);
      try {
        await server.start();
        restarts++;
        log(`  restarted in ${Math.round(server.startTimes.at(-1)!)} ms`);
      } catch (error) {
        restartFailure = (error as Error).message;
        log(`  RESTART FAILED: ${restartFailure}`);
        return;
      }
    }
  })();

  await killer;
  // After a failed restart nothing answers: `active` turned false, so the clients stop soon.
  const stats = await clients.catch((error: unknown) => {
    if (restartFailure) return undefined;
    throw error;
  });
  restartFailure ??= server.unexpectedExit && `the server exited by itself: ${server.unexpectedExit}`;
  if (restartFailure || !stats) {
    return failedRun(options, kills, restarts, restartFailure ?? "unknown", performance.now() - started);
  }
  // Every acknowledged submission sent once more must come back as a replay, storing nothing new.
  const sample = Array.from({ length: Math.min(RESEND_SAMPLE, options.submissions) }, () =>
    Math.floor(random() * options.submissions),
  );
  const resent = await resendSubmissions({ ...settings, onAcknowledged: undefined }, sample);
  log(`resent ${sample.length} acknowledged submissions: ${resent.replayed} answered as replays`);
  const cleanStopExit = await server.stop();
  log(`all clients done; clean stop exit ${cleanStopExit}`);

  const stored = await countStored(database, target, runId, options.submissions, stats.acknowledged);
  const duplicates =
    stored.duplicateResponses.length + stored.duplicateCompanies.length + stored.duplicateNeedSets.length;
  const lost = stored.lost.length + stored.incomplete.length;
  const restartTimes = server.startTimes.slice(1);
  return {
    kind: options.kind,
    seed: options.seed,
    submissions: options.submissions,
    clients: options.clients,
    kills,
    restarts,
    restartFailure,
    acknowledged: stats.acknowledged.size,
    replayed: stats.replayed,
    acknowledgedAfterRetry: stats.acknowledgedAfterRetry,
    resent: sample.length,
    resentReplayed: resent.replayed,
    attempts: stats.attempts,
    connectionErrors: stats.connectionErrors,
    serverErrors: stats.serverErrors,
    rejected: stats.rejected,
    gaveUp: stats.gaveUp.length,
    cleanStopExit,
    stored,
    lost,
    duplicates,
    durationMs: performance.now() - started,
    startMs: {
      first: server.startTimes[0] ?? 0,
      restartMedian: median(restartTimes),
      restartMax: Math.max(0, ...restartTimes),
    },
    passed:
      lost === 0 &&
      duplicates === 0 &&
      stored.unexpected.length === 0 &&
      stats.acknowledged.size === options.submissions &&
      stats.rejected.length === 0 &&
      resent.replayed === sample.length &&
      kills === options.kills &&
      restarts === options.kills &&
      cleanStopExit === 0,
  };
}

function failedRun(
  options: CrashOptions,
  kills: number,
  restarts: number,
  restartFailure: string,
  durationMs: number,
): CrashReport {
  return {
    kind: options.kind,
    seed: options.seed,
    submissions: options.submissions,
    clients: options.clients,
    kills,
    restarts,
    restartFailure,
    acknowledged: 0,
    replayed: 0,
    acknowledgedAfterRetry: 0,
    resent: 0,
    resentReplayed: 0,
    attempts: 0,
    connectionErrors: 0,
    serverErrors: 0,
    rejected: [],
    gaveUp: 0,
    cleanStopExit: null,
    stored: undefined,
    lost: 0,
    duplicates: 0,
    durationMs,
    startMs: { first: 0, restartMedian: 0, restartMax: 0 },
    passed: false,
  };
}
