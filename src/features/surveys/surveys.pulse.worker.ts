import type { Config } from "#src/config.ts";
import type { Db } from "#src/db/client.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { runPulses } from "./surveys.pulse.service.ts";

/** Pulses change by the day; an hourly pass is soon enough and costs a few queries. */
export const DEFAULT_PULSE_INTERVAL_MS = 60 * 60_000;

export type PulseWorker = {
  /** Runs a pass now (after any in progress); resolves with the number of mails queued. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
};

/**
 * Starts the pulse job on the shared poller: creates the next periods' campaigns, sends invitations and
 * reminders (see surveys.pulse.service.ts). Every step is claimed in the database, so restarts and several
 * processes never send a mail twice.
 */
export function startPulseWorker(options: {
  db: Db;
  config: Pick<Config, "publicUrl" | "networkName">;
  logger: Logger;
  intervalMs?: number;
}): PulseWorker {
  const { db, config } = options;
  const logger = options.logger.child({ job: "pulse" });
  const poller = startPoller({
    name: "pulse",
    intervalMs: options.intervalMs ?? DEFAULT_PULSE_INTERVAL_MS,
    logger,
    async tick() {
      const report = await runPulses(db, { publicUrl: config.publicUrl, networkName: config.networkName });
      if (report.mails > 0) wakeMailWorkers(db);
      if (report.mails > 0 || report.campaignsCreated.length > 0) logger.info(report, "pulse pass done");
      return { count: report.mails, more: false };
    },
  });
  return { runNow: () => poller.runNow(), stop: () => poller.stop() };
}
