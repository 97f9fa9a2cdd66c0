// The server side of `npm run bench`: bench/http.ts forks this file once per database, so the load
// generator and the server do not share an event loop (with PGlite, the database shares it too).
// It starts the real app exactly as `lots start` does (migrations, middleware, routes), adds two
// bench-only routes to that same app instance, plus the needs-intake bench's baseline route and survey
// (bench/intake-setup.ts), and serves on 127.0.0.1 with a free port.

import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { loadConfig } from "#src/config.ts";
import { startServer } from "#src/server.ts";
import { createLogger } from "#src/shared/logger.ts";
import { serveUntilStopped } from "./bench-process.ts";
import { addBaselineRoute, type IntakeTarget, prepareIntakeBench } from "./intake-setup.ts";

/** What the server tells the parent once it accepts requests. */
export type ReadyMessage = {
  type: "ready";
  port: number;
  dbKind: "pglite" | "postgres";
  serverVersion: string;
  municipalityCount: number;
  /** The needs-intake bench's survey and navigator token (bench/intake.ts). */
  intake: IntakeTarget;
};

async function main() {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir || !process.send)
    throw new Error("bench/server.ts is started by bench/http.ts, not directly.");

  // Production settings, so the measured app is the one operators run; no request logging.
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.BENCH_SERVER_DATABASE_URL ?? "",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://127.0.0.1",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO_ON_FIRST_START: "false",
  });
  const logger = createLogger({ level: "warn" });

  // Filled once the database is migrated; the primary-key route walks through every code in turn so
  // it does not measure one hot row.
  const codes: string[] = [];
  let next = 0;

  const server = await startServer(config, logger, {
    graceMs: 2_000,
    extendApp(app, db) {
      app.get("/__bench/bare", (c) => c.json({ ok: true }));
      app.get("/__bench/pk", async (c) => {
        const code = codes[next++ % codes.length]!;
        const row = await db
          .selectFrom("municipalities")
          .select(["code", "name"])
          .where("code", "=", code)
          .executeTakeFirstOrThrow();
        return c.json(row);
      });
      addBaselineRoute(app, db);
    },
  });

  const intake = await prepareIntakeBench(server.db, config.sessionSecret);
  const rows = await server.db.selectFrom("municipalities").select("code").orderBy("code").execute();
  codes.push(...rows.map((row) => row.code));
  const version = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(
    server.db,
  );

  const ready: ReadyMessage = {
    type: "ready",
    port: server.port,
    dbKind: server.dbKind,
    serverVersion: version.rows[0]?.version ?? "unknown",
    municipalityCount: codes.length,
    intake,
  };
  serveUntilStopped(server, ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
