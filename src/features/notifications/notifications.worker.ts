import type { Db } from "#src/db/client.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { sendDailyDigests } from "./notifications.service.ts";

/**
 * How often the worker asks whether today's digest is due. Before 07:00 a pass costs nothing (no query);
 * after it, one insert that conflicts. A minute keeps the digest close to 07:00.
 */
export const DEFAULT_DIGEST_INTERVAL_MS = 60_000;

export type NotificationWorker = {
  /** Runs a pass now (after any in progress); resolves with the number of digest mails queued. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Starts the daily digest job on the shared poller (see `sendDailyDigests`). The day is claimed in the
 * database, so restarts and several processes send each user at most one digest a day between them.
 */
export function startNotificationWorker(options: {
  db: Db;
  logger: Logger;
  intervalMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}): NotificationWorker {
  const { db } = options;
  const logger = options.logger.child({ job: "notification-digest" });
  const clock = options.now ?? (() => new Date());
  const poller = startPoller({
    name: "notification-digest",
    intervalMs: options.intervalMs ?? DEFAULT_DIGEST_INTERVAL_MS,
    logger,
    async tick() {
      const mails = await sendDailyDigests(db, { now: clock() });
      if (mails > 0) {
        // The digests were committed in their own transactions; send them now rather than at the next poll.
        wakeMailWorkers(db);
        logger.info({ mails }, "daily digests queued");
      }
      return { count: mails, more: false };
    },
  });
  return { runNow: () => poller.runNow(), stop: () => poller.stop() };
}
