import type { Logger } from "#src/shared/logger.ts";

/** What one pass of a polled job did: `count` is added to `runNow()`'s result; `more` asks for another pass now. */
export type TickResult = { count: number; more: boolean };

export type Poller = {
  /** Runs passes until one reports no more work; resolves with the sum of their counts. Rejects on error. */
  runNow(): Promise<number>;
  /** Starts a run soon without waiting for it: cheap, and a no-op when a run is already queued. */
  wake(): void;
  /** Stops polling; resolves once the pass in progress (if any) has finished. */
  stop(): Promise<void>;
  /** True once `stop()` was called: a long pass checks it between items and stops early. */
  readonly isStopping: boolean;
};

/**
 * Runs `tick` every `intervalMs`, one pass at a time in this process (passes never overlap, so a worker on
 * PGlite's single connection never competes with itself). The timer is unref'd: it never keeps the process
 * alive. A failing pass is logged and the next poll tries again.
 */
export function startPoller(options: {
  name: string;
  intervalMs: number;
  logger: Logger;
  tick: () => Promise<TickResult>;
}): Poller {
  const { name, intervalMs, logger, tick } = options;
  let chain: Promise<unknown> = Promise.resolve();
  let queued = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const loop = async (): Promise<number> => {
    queued = false;
    let total = 0;
    while (!stopping) {
      const { count, more } = await tick();
      total += count;
      if (!more) break;
    }
    return total;
  };

  const enqueue = (): Promise<number> => {
    queued = true;
    const run = chain.then(() => (stopping ? 0 : loop()));
    chain = run.catch(() => undefined);
    return run;
  };

  const schedule = () => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(poll, intervalMs);
    timer.unref();
  };

  function poll() {
    timer = undefined;
    enqueue()
      .catch((error: unknown) =>
        logger.error({ err: error, job: name }, "job pass failed; retrying at next poll"),
      )
      .finally(schedule);
  }

  schedule();

  return {
    runNow: enqueue,
    wake() {
      if (stopping || queued) return;
      clearTimeout(timer);
      timer = undefined;
      poll();
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await chain;
    },
    get isStopping() {
      return stopping;
    },
  };
}
