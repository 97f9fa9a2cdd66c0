import type { Config } from "#src/config.ts";
import type { Db } from "#src/db/client.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { sendDueReminders } from "./meetings.registration.ts";

/** Reminders go out the day before; a pass every five minutes is soon enough and costs one query when idle. */
export const DEFAULT_MEETING_REMINDER_INTERVAL_MS = 5 * 60_000;

/**
 * Starts the meeting reminder job on the shared poller: everyone registered for a meeting that starts within
 * 24 hours gets one reminder (claimed per registration, so restarts and several processes never send twice).
 */
export function startMeetingReminderWorker(options: {
  db: Db;
  config: Pick<Config, "publicUrl" | "networkName" | "mailFrom">;
  logger: Logger;
  intervalMs?: number;
}): { runNow(): Promise<number>; stop(): Promise<void> } {
  const { db, config } = options;
  const logger = options.logger.child({ job: "meeting-reminders" });
  const poller = startPoller({
    name: "meeting-reminders",
    intervalMs: options.intervalMs ?? DEFAULT_MEETING_REMINDER_INTERVAL_MS,
    logger,
    async tick() {
      const sent = await sendDueReminders(db, {
        publicUrl: config.publicUrl,
        networkName: config.networkName,
        mailFrom: config.mailFrom,
      });
      if (sent > 0) {
        wakeMailWorkers(db);
        logger.info({ sent }, "meeting reminders queued");
      }
      return { count: sent, more: false };
    },
  });
  return { runNow: () => poller.runNow(), stop: () => poller.stop() };
}
