import type { Config } from "#src/config.ts";
import type { Db } from "#src/db/client.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { runLotsningDeadlines } from "./referrals.deadlines.ts";

/** Deadlines are days long; a pass a minute keeps reminders and escalations within a minute of due. */
export const DEFAULT_DEADLINE_INTERVAL_MS = 60_000;

/**
 * Starts the lotsning job on the shared poller: reminders before referral deadlines, expiry and escalation
 * after them, follow-up questions 30 days after a case closed (referrals.deadlines.ts).
 */
export function startDeadlineWorker(options: {
  db: Db;
  config: Pick<Config, "publicUrl">;
  logger: Logger;
  intervalMs?: number;
}): { runNow(): Promise<number>; stop(): Promise<void> } {
  const logger = options.logger.child({ job: "lotsning-deadlines" });
  const poller = startPoller({
    name: "lotsning-deadlines",
    intervalMs: options.intervalMs ?? DEFAULT_DEADLINE_INTERVAL_MS,
    logger,
    async tick() {
      const run = await runLotsningDeadlines(options.db, { publicUrl: options.config.publicUrl, logger });
      const count = run.reminded + run.expired + run.followUps;
      if (count > 0) logger.info(run, "deadline pass done");
      // A full batch may mean more are due: ask for another pass at once.
      return { count, more: run.reminded >= 50 || run.expired >= 50 || run.followUps >= 50 };
    },
  });
  return { runNow: () => poller.runNow(), stop: () => poller.stop() };
}
