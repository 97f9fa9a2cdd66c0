// The server side of the national-scale benchmark: bench/national.ts forks this file on the database it has
// filled. It starts the real app as `lots start` does (production settings, no request logging), adds the bare
// baseline route of bench/server.ts, and hands the load generator an analyst's and a navigator's API token.

import { randomBytes } from "node:crypto";
import { loadConfig } from "#src/config.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createOrganisations } from "#src/features/organisations/organisations.service.ts";
import { startServer } from "#src/server.ts";
import { createLogger } from "#src/shared/logger.ts";
import { serveUntilStopped } from "./bench-process.ts";

/** What the server tells bench/national.ts once it accepts requests. */
export type NationalReady = {
  type: "ready";
  port: number;
  dbKind: "pglite" | "postgres";
  analystToken: string;
  navigatorToken: string;
};

async function main() {
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir || !process.send) throw new Error("bench/national-server.ts is started by bench/national.ts.");
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
  const server = await startServer(config, createLogger({ level: "warn" }), {
    graceMs: 2_000,
    extendApp(app) {
      app.get("/__bench/bare", (c) => c.json({ ok: true }));
    },
  });
  const [region] = await createOrganisations(server.db, [
    { slug: "bench-analysts", name: "Benchregionen analys", type: "region" },
  ]);
  const token = async (role: "analyst" | "navigator") =>
    (
      await createApiToken(server.db, CLI_ACTOR, {
        organisationId: region!.id,
        name: `national bench ${role}`,
        role,
      })
    ).token;
  const ready: NationalReady = {
    type: "ready",
    port: server.port,
    dbKind: server.dbKind,
    analystToken: await token("analyst"),
    navigatorToken: await token("navigator"),
  };
  serveUntilStopped(server, ready);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
