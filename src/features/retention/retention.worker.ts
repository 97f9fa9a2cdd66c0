import type { Db } from "#src/db/client.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { hasDailyRun, runDailyRetention, stockholmHour } from "./retention.service.ts";

/** How often the worker asks whether today's run is due: cheap (one indexed lookup). */
export const DEFAULT_CHECK_INTERVAL_MS = 10 * 60_000;
/** The run starts at the first check from this Stockholm hour on, away from office hours. */
export const DEFAULT_FIRST_HOUR = 3;

export type RetentionWorker = {
  /** Runs a check now (after any in progress); resolves with 1 when it ran today's retention, else 0. */
  check(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Starts the daily retention job on the shared poller: every `intervalMs` it checks whether today's
 * (Stockholm) run has happened and, from `firstHour` on, runs it. The day is claimed in the database
 * (retention_runs), so restarts and several processes run it once a day between them.
 */
export function startRetentionWorker(options: {
  db: Db;
  logger: Logger;
  intervalMs?: number;
  firstHour?: number;
  /** The clock (tests). */
  now?: () => Date;
}): RetentionWorker {
  const { db } = options;
  const logger = options.logger.child({ job: "retention" });
  const firstHour = options.firstHour ?? DEFAULT_FIRST_HOUR;
  const clock = options.now ?? (() => new Date());
  const poller = startPoller({
    name: "retention",
    intervalMs: options.intervalMs ?? DEFAULT_CHECK_INTERVAL_MS,
    logger,
    async tick() {
      const now = clock();
      if (stockholmHour(now) < firstHour || (await hasDailyRun(db, now))) return { count: 0, more: false };
      const result = await runDailyRetention(db, { now });
      if (result.ran) logger.info({ day: result.day, removed: result.report.totals }, "retention run done");
      return { count: result.ran ? 1 : 0, more: false };
    },
  });
  return { check: () => poller.runNow(), stop: () => poller.stop() };
}
