// `npm run test:crash`: the crash test of issue 10. The real server (`lots start`) as a child process,
// needs submissions through the public needs form from concurrent clients, each with its own idempotency
// key, the server killed with SIGKILL at random moments and started again on the same data; clients send
// again whatever was not acknowledged. Then every key is counted in the database: acknowledged but lost,
// and duplicates, must both be 0. Runs on PostgreSQL and on PGlite separately; exits 1 on any failure.
//
// Usage: npm run test:crash -- [--db=both|postgres|pglite] [--submissions=2000] [--clients=20] [--kills=10]
//                              [--seed=N] [--time-limit=1200]
// PostgreSQL: CRASH_DATABASE_URL, else DATABASE_URL, else TEST_DATABASE_URL names a server; the test makes
// and drops its own database there. PGlite: a temporary data directory, removed afterwards.

import { parseArgs } from "node:util";
import { z } from "zod";
import { type CrashReport, runCrashTest } from "./crash-test/run.ts";

const Options = z.object({
  db: z.enum(["both", "postgres", "pglite"]).default("both"),
  submissions: z.coerce.number().int().min(1).max(100_000).default(2000),
  clients: z.coerce.number().int().min(1).max(200).default(20),
  kills: z.coerce.number().int().min(0).max(100).default(10),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .default(() => Math.floor(Math.random() * 2 ** 31)),
  "time-limit": z.coerce.number().int().min(10).default(1200),
});

function summary(report: CrashReport): string {
  const s = report.stored;
  const lines = [
    `crash test on ${report.kind}: ${report.passed ? "PASSED" : "FAILED"}`,
    `  submissions ${report.submissions} from ${report.clients} clients, seed ${report.seed}`,
    `  kills (SIGKILL) ${report.kills}, restarts ${report.restarts}` +
      (report.restartFailure ? `, RESTART FAILED: ${report.restartFailure}` : ""),
    `  acknowledged ${report.acknowledged}/${report.submissions}` +
      ` (after a retry ${report.acknowledgedAfterRetry}; of them replays of an answer stored before a kill ${report.replayed})`,
    `  resent after the run ${report.resent}, answered as replays ${report.resentReplayed}`,
    `  attempts ${report.attempts}, connection errors ${report.connectionErrors}, 5xx ${report.serverErrors}, ` +
      `rejected (4xx) ${report.rejected.length}, given up ${report.gaveUp}`,
    s
      ? `  stored: responses ${s.responses}, needs ${s.needs}; unexpected responses ${s.unexpected.length}`
      : "  stored: not counted (the run did not finish)",
    `  LOST (acknowledged, not stored completely) ${report.lost}` +
      (s ? ` [missing ${s.lost.length}, incomplete ${s.incomplete.length}]` : ""),
    `  DUPLICATES ${report.duplicates}` +
      (s
        ? ` [responses per key ${s.duplicateResponses.length}, companies/contacts per org number ` +
          `${s.duplicateCompanies.length}, need sets per submission ${s.duplicateNeedSets.length}]`
        : ""),
    `  clean stop exit ${report.cleanStopExit}; server start ${Math.round(report.startMs.first)} ms, ` +
      `restart median ${Math.round(report.startMs.restartMedian)} ms, max ${Math.round(report.startMs.restartMax)} ms`,
    `  duration ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  for (const rejected of report.rejected.slice(0, 3)) {
    lines.push(
      `  rejected ${rejected.key}: ${rejected.status} ${rejected.body.replace(/\s+/g, " ").slice(0, 160)}`,
    );
  }
  if (s) {
    for (const [label, list] of [
      ["lost", s.lost],
      ["incomplete", s.incomplete],
      ["duplicate responses", s.duplicateResponses],
      ["duplicate companies", s.duplicateCompanies],
      ["duplicate need sets", s.duplicateNeedSets],
    ] as const) {
      if (list.length > 0)
        lines.push(`  ${label}: ${list.slice(0, 10).join(", ")}${list.length > 10 ? " …" : ""}`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      submissions: { type: "string" },
      clients: { type: "string" },
      kills: { type: "string" },
      seed: { type: "string" },
      "time-limit": { type: "string" },
    },
  });
  const options = Options.parse(values);
  const postgresUrl =
    process.env.CRASH_DATABASE_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  const kinds = options.db === "both" ? (["postgres", "pglite"] as const) : ([options.db] as const);
  if (kinds.includes("postgres") && !postgresUrl) {
    console.error(
      "The PostgreSQL run needs a server: set CRASH_DATABASE_URL (or DATABASE_URL or TEST_DATABASE_URL), " +
        "e.g. postgres://postgres@127.0.0.1:5432/postgres; the test creates and drops its own database there. " +
        "Or run only PGlite with --db=pglite.",
    );
    return 1;
  }

  const reports: CrashReport[] = [];
  for (const kind of kinds) {
    console.log(
      `\n[crash] ${kind}: ${options.submissions} submissions, ${options.clients} clients, ` +
        `${options.kills} kills, seed ${options.seed}`,
    );
    const report = await runCrashTest({
      kind,
      postgresUrl,
      submissions: options.submissions,
      clients: options.clients,
      kills: options.kills,
      seed: options.seed,
      timeLimitMs: options["time-limit"] * 1000,
      log: (line) => console.log(`[crash] ${line}`),
    });
    reports.push(report);
    console.log(`\n${summary(report)}`);
  }
  const failed = reports.filter((report) => !report.passed);
  console.log(
    `\n[crash] ${failed.length === 0 ? "all passed" : `FAILED on ${failed.map((r) => r.kind).join(", ")}`}: ` +
      reports.map((r) => `${r.kind} lost ${r.lost}, duplicates ${r.duplicates}`).join("; "),
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
