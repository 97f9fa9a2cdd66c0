// A real Lots server (startServer + stopOnSignals, as `lots start` runs it) with one extra route that
// writes, so process-level tests can check that every acknowledged write survives a shutdown.
// Test code only: it is never part of the app.
import { sql } from "kysely";
import { loadConfig } from "#src/config.ts";
import { startServer, stopOnSignals } from "#src/server.ts";
import { createLogger } from "#src/shared/logger.ts";

const config = loadConfig();
const logger = createLogger({ level: config.logLevel });
const server = await startServer(config, logger, {
  extendApp(app, db) {
    app.post("/__probe/writes/:id", async (c) => {
      await sql`insert into probe_writes (id) values (${c.req.param("id")})`.execute(db);
      // Slow enough that requests are in flight when the signal arrives.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return c.json({ ok: true });
    });
  },
});
await sql`create table if not exists probe_writes (id text primary key, at timestamptz not null default now())`.execute(
  server.db,
);
stopOnSignals(server, logger);
console.log(JSON.stringify({ probeServerUrl: server.url }));
