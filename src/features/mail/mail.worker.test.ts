import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./mail.worker.ts";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe("retryDelayMs", () => {
  it("doubles from 30 seconds when the jitter is neutral", () => {
    const neutral = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, neutral))).toEqual([
      30 * SECOND,
      1 * MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
      32 * MINUTE,
    ]);
  });

  it("is capped at one hour, also with the largest jitter", () => {
    expect(retryDelayMs(8, () => 0.5)).toBe(60 * MINUTE);
    expect(retryDelayMs(9, () => 0.999)).toBe(60 * MINUTE);
    expect(retryDelayMs(50, () => 0.999)).toBe(60 * MINUTE);
  });

  it("spreads each delay by ±20 %", () => {
    expect(retryDelayMs(1, () => 0)).toBe(24 * SECOND);
    expect(retryDelayMs(1, () => 0.999_999)).toBeCloseTo(36 * SECOND, -1);
    expect(retryDelayMs(3, () => 0)).toBe(96 * SECOND);
    // At the cap the spread is downward only: 48 to 60 minutes.
    expect(retryDelayMs(12, () => 0)).toBe(48 * MINUTE);
  });

  it("gives different delays for different random draws (mails failing together spread out)", () => {
    const delays = new Set([0.1, 0.3, 0.6, 0.9].map((r) => retryDelayMs(2, () => r)));
    expect(delays.size).toBe(4);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(48 * SECOND);
      expect(delay).toBeLessThan(72 * SECOND);
    }
  });
});
