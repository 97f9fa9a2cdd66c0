import type { Db } from "#src/db/client.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import { REFRESH_BATCH, refreshDirtySubjects } from "./insights.rollup.ts";

/** A need should be in the dashboards within seconds (issue 8 asks for 5): a pass every second. */
export const DEFAULT_INSIGHTS_INTERVAL_MS = 1_000;

/**
 * Starts the rollup worker on the shared poller: recomputes the subjects whose needs or statistics consent
 * changed (marked by triggers) and applies the difference to the rollup cells.
 */
export function startInsightsWorker(options: { db: Db; logger: Logger; intervalMs?: number }): {
  runNow(): Promise<number>;
  stop(): Promise<void>;
} {
  const logger = options.logger.child({ job: "insights-rollup" });
  const poller = startPoller({
    name: "insights-rollup",
    intervalMs: options.intervalMs ?? DEFAULT_INSIGHTS_INTERVAL_MS,
    logger,
    async tick() {
      const count = await refreshDirtySubjects(options.db);
      if (count > 0) logger.debug({ subjects: count }, "rollups refreshed");
      // A full batch may mean more are waiting (a first start after an import): go again at once.
      return { count, more: count >= REFRESH_BATCH };
    },
  });
  return { runNow: () => poller.runNow(), stop: () => poller.stop() };
}
