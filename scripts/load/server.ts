// The server side of `npm run test:load`: scripts/load/load-test.ts forks this file, so the load generator and
// the server do not share an event loop. It starts the real app as `lots start` does (production settings,
// logging off), loads the demo network, and hands the load generator what the mix needs: offer ids, a
// navigator's API token and survey for needs submissions, and a navigator's session for staff pages.

import { randomBytes } from "node:crypto";
import { loadConfig } from "#src/config.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { countOrganisations } from "#src/features/organisations/organisations.service.ts";
import { startServer } from "#src/server.ts";
import { sessionCookieName } from "#src/shared/auth/cookies.ts";
import { createLogger } from "#src/shared/logger.ts";
import { prepareIntakeBench } from "../../bench/intake-setup.ts";

/** What the server tells the load generator once it accepts requests. */
export type LoadReady = {
  type: "ready";
  port: number;
  dbKind: "pglite" | "postgres";
  offerIds: string[];
  surveyId: string;
  versionId: string;
  token: string;
  staffCookie: string;
};

async function main() {
  const dataDir = process.env.LOAD_DATA_DIR;
  if (!dataDir || !process.send) throw new Error("scripts/load/server.ts is started by load-test.ts.");
  const config = loadConfig({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.LOAD_SERVER_DATABASE_URL ?? "",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://127.0.0.1",
    SESSION_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO_ON_FIRST_START: "false",
  });
  const server = await startServer(config, createLogger({ level: "warn" }), { graceMs: 2_000 });
  const db = server.db;
  if ((await countOrganisations(db)) === 0) await seedDemoData(db);
  const intake = await prepareIntakeBench(db, config.sessionSecret);
  const offers = await db.selectFrom("offers").select("id").where("status", "=", "active").execute();
  const navigator = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "anna.sjoberg@nora.example")
    .executeTakeFirstOrThrow();
  const session = await createSession(db, { userId: navigator.id });
  const ready: LoadReady = {
    type: "ready",
    port: server.port,
    dbKind: server.dbKind,
    offerIds: offers.map((o) => o.id),
    surveyId: intake.surveyId,
    versionId: intake.versionId,
    token: intake.token,
    staffCookie: `${sessionCookieName(config.publicUrl)}=${session.sessionId}`,
  };
  process.send(ready);
  process.on("message", async (message) => {
    if (message === "stop") {
      await server.stop("load test done");
      process.exit(0);
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
