import { describe, expect, it } from "vitest";
import { createLogger } from "#src/shared/logger.ts";
import { startPoller, type TickResult } from "./poller.ts";

const logger = createLogger({ level: "silent" });
const HOUR = 3_600_000;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("startPoller", () => {
  it("runs passes until one reports no more work, summing their counts", async () => {
    const results: TickResult[] = [
      { count: 3, more: true },
      { count: 2, more: true },
      { count: 0, more: false },
    ];
    let calls = 0;
    const poller = startPoller({
      name: "t",
      intervalMs: HOUR,
      logger,
      tick: async () => results[calls++] ?? { count: 0, more: false },
    });
    expect(await poller.runNow()).toBe(5);
    expect(calls).toBe(3);
    await poller.stop();
  });

  it("never runs two passes at once", async () => {
    let active = 0;
    let maxActive = 0;
    const poller = startPoller({
      name: "t",
      intervalMs: HOUR,
      logger,
      async tick() {
        active += 1;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active -= 1;
        return { count: 1, more: false };
      },
    });
    const counts = await Promise.all([poller.runNow(), poller.runNow(), poller.runNow()]);
    expect(counts).toEqual([1, 1, 1]);
    expect(maxActive).toBe(1);
    await poller.stop();
  });

  it("polls on its interval and keeps polling after a failing pass", async () => {
    let calls = 0;
    const twoCalls = deferred();
    const poller = startPoller({
      name: "t",
      intervalMs: 10,
      logger,
      async tick() {
        calls += 1;
        if (calls === 1) throw new Error("database down");
        twoCalls.resolve();
        return { count: 0, more: false };
      },
    });
    await twoCalls.promise;
    await poller.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it("wakes at once instead of waiting for the interval", async () => {
    const ran = deferred();
    const poller = startPoller({
      name: "t",
      intervalMs: HOUR,
      logger,
      async tick() {
        ran.resolve();
        return { count: 0, more: false };
      },
    });
    poller.wake();
    await ran.promise;
    await poller.stop();
  });

  it("stop waits for the pass in progress, ends the loop early and runs nothing after", async () => {
    const release = deferred();
    const started = deferred();
    let calls = 0;
    const poller = startPoller({
      name: "t",
      intervalMs: HOUR,
      logger,
      async tick() {
        calls += 1;
        started.resolve();
        await release.promise;
        return { count: 1, more: true };
      },
    });
    const run = poller.runNow();
    await started.promise;
    let stopped = false;
    const stopping = poller.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(stopped).toBe(false);
    expect(poller.isStopping).toBe(true);
    release.resolve();
    await stopping;
    expect(await run).toBe(1);
    expect(calls).toBe(1);
    expect(await poller.runNow()).toBe(0);
    expect(calls).toBe(1);
  });
});
