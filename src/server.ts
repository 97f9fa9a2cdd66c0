import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { buildApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createDb, type DbHandle } from "./db/client.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { seedDemoDataIfEmpty } from "./features/demo/demo.service.ts";
import type { Logger } from "./shared/logger.ts";

export type RunningServer = { url: string; stop(reason: string): Promise<void> };

/**
 * Opens the database, applies pending migrations, seeds demo data on the first start of an empty
 * embedded database, and serves HTTP. `stop` stops accepting connections, lets in-flight requests
 * finish (up to `graceMs`), then closes the database so PGlite flushes its files.
 */
export async function startServer(config: Config, logger: Logger, options: { graceMs?: number } = {}) {
  const started = performance.now();
  const handle: DbHandle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) logger.info({ migrations: applied }, "applied migrations");
    if (handle.kind === "pglite" && config.seedDemoOnFirstStart) {
      const seeded = await seedDemoDataIfEmpty(handle.db, logger);
      if (seeded) logger.info(seeded, "first start: loaded demo data (fictional companies)");
    }
  } catch (error) {
    await handle.close();
    throw error;
  }

  const app = buildApp({ config, db: handle.db, dbKind: handle.kind, logger });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${address.port}`;
  logger.info(
    { url, database: handle.kind, startupMs: Math.round(performance.now() - started) },
    `Lots is running at ${url}`,
  );

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      logger.info({ reason }, "shutting down: finishing in-flight requests");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          // Idle keep-alive sockets must not hold the shutdown open.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          resolve();
        }, options.graceMs ?? 10_000);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await handle.close();
      logger.info("database closed; goodbye");
    })();
    return stopping;
  };
  return { url, port: address.port, stop, db: handle.db, dbKind: handle.kind };
}
