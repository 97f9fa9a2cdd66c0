import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { buildApp, type LotsApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createDb, type Db, type DbHandle } from "./db/client.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { hasDemoData, seedDemoDataIfEmpty } from "./features/demo/demo.service.ts";
import { startInsightsWorker } from "./features/insights/insights.worker.ts";
import { startMailWorker } from "./features/mail/mail.worker.ts";
import { startMeetingReminderWorker } from "./features/meetings/meetings.worker.ts";
import { startNotificationWorker } from "./features/notifications/notifications.worker.ts";
import { startDeadlineWorker } from "./features/referrals/referrals.worker.ts";
import { startRetentionWorker } from "./features/retention/retention.worker.ts";
import { startPulseWorker } from "./features/surveys/surveys.pulse.worker.ts";
import { startWebhookWorker } from "./features/webhooks/webhooks.worker.ts";
import type { Logger } from "./shared/logger.ts";

/**
 * Opens the database, applies pending migrations, seeds demo data on the first start of an empty
 * embedded database, and serves HTTP. `stop` stops accepting connections, lets in-flight requests
 * finish (up to `graceMs`), then closes the database so PGlite flushes its files.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  options: {
    graceMs?: number;
    /** Adds routes to the app before it serves; used by benchmarks and process-level tests. */
    extendApp?: (app: LotsApp, db: Db) => void;
  } = {},
) {
  const started = performance.now();
  const handle: DbHandle = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) => logger.warn({ err: error }, "an idle database connection failed"),
  });
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

  const isDemo = await hasDemoData(handle.db);
  const app = buildApp({ config, db: handle.db, dbKind: handle.kind, logger, isDemo });
  options.extendApp?.(app, handle.db);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once("error", reject);
  });
  // Sends the mail outbox. On PGlite it must run in this process, the one holding the only connection.
  const mailWorker = startMailWorker({ db: handle.db, config, logger });
  // Sends queued webhook deliveries (signed, retried); on PGlite likewise in this process.
  const webhookWorker = startWebhookWorker({ db: handle.db, logger });
  // The daily retention job, the pulse's invitations and reminders, and the daily notification digest; each
  // claims its work in the database, so restarts and several processes never do it twice.
  const retentionWorker = startRetentionWorker({ db: handle.db, logger });
  const pulseWorker = startPulseWorker({ db: handle.db, config, logger });
  const notificationWorker = startNotificationWorker({ db: handle.db, logger });
  // Referral reminders, expiry with escalation, and the company's follow-up question (lotsning).
  const deadlineWorker = startDeadlineWorker({ db: handle.db, config, logger });
  // Keeps the needs-intelligence rollups current (a need shows in the dashboards within about a second).
  const insightsWorker = startInsightsWorker({ db: handle.db, logger });
  // The day-before reminder to everyone registered for a meeting.
  const meetingReminderWorker = startMeetingReminderWorker({ db: handle.db, config, logger });
  const address = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${address.port}`;
  logger.info(
    { url, database: handle.kind, startupMs: Math.round(performance.now() - started) },
    `Lots is running at ${url}`,
  );

  let stopping: Promise<void> | undefined;
  const stop = (reason: string) => {
    stopping ??= (async () => {
      await Promise.all([
        retentionWorker.stop(),
        pulseWorker.stop(),
        notificationWorker.stop(),
        webhookWorker.stop(),
        deadlineWorker.stop(),
        insightsWorker.stop(),
        meetingReminderWorker.stop(),
      ]);
      await mailWorker.stop();
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

export type RunningServer = Awaited<ReturnType<typeof startServer>>;

/**
 * Stops the server cleanly on SIGTERM or SIGINT (finish in-flight requests, close the database) and
 * exits 0; a second signal while stopping exits at once.
 */
export function stopOnSignals(server: RunningServer, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    process.removeAllListeners("SIGTERM");
    process.removeAllListeners("SIGINT");
    process.once("SIGTERM", () => process.exit(130));
    process.once("SIGINT", () => process.exit(130));
    server.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
