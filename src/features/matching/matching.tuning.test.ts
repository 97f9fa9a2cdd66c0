import { describe, expect, it } from "vitest";
import { coordinateAscent, leaveOneSetOut, meanOver } from "./matching.tuning.ts";

describe("tuning the scorer's knobs", () => {
  it("averages sets equally and refuses a set it has no score for", () => {
    expect(meanOver({ a: 0.5, b: 1 }, ["a", "b"])).toBe(0.75);
    expect(() => meanOver({ a: 0.5 }, ["a", "b"])).toThrow("no score for set b");
    expect(() => meanOver({ a: 0.5 }, [])).toThrow();
  });

  it("climbs knob by knob to the grid's best point of a separable objective", async () => {
    // Peak at x = 3, y = 0.2; the start is off on both.
    const objective = async (k: Readonly<Record<"x" | "y", number>>) => -((k.x - 3) ** 2) - (k.y - 0.2) ** 2;
    const fit = await coordinateAscent(
      { x: 0, y: 1 },
      { x: [0, 1, 2, 3, 4], y: [0, 0.2, 0.6, 1] },
      objective,
    );
    expect(fit.knobs).toEqual({ x: 3, y: 0.2 });
    expect(fit.objective).toBeCloseTo(0, 12);
  });

  it("keeps the start when no value beats it by more than the minimum gain, and leaves other knobs alone", async () => {
    const steps: string[] = [];
    const fit = await coordinateAscent(
      { x: 1, z: 7 },
      { x: [0, 1, 2] },
      async (k) => (k.x === 2 ? 0.50005 : 0.5),
      { onStep: (s) => steps.push(s) },
    );
    expect(fit.knobs).toEqual({ x: 1, z: 7 });
    expect(steps).toEqual([]);
  });

  it("cross-validates: each set is scored with knobs fitted on the others only", async () => {
    // Set "a" rewards a high knob, sets "b" and "c" a low one. Fitted without "a", the knob goes low and "a"
    // gets worse; fitted without "b" (or "c"), "a" and the other cancel out, so the knob stays where it was.
    const scoresFor = async (k: Readonly<Record<"w", number>>) => ({ a: k.w, b: 1 - k.w, c: 1 - k.w });
    const results = await leaveOneSetOut(["a", "b", "c"], { w: 0.5 }, { w: [0, 0.5, 1] }, scoresFor);
    expect(results.map((r) => [r.heldOut, r.knobs.w, r.before, r.after])).toEqual([
      ["a", 0, 0.5, 0],
      ["b", 0.5, 0.5, 0.5],
      ["c", 0.5, 0.5, 0.5],
    ]);
  });
});
