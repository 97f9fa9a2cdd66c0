import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { dcg, evaluateSet, ndcg } from "./matching.evaluation.ts";
import { BLIND_SET } from "./matching.evaluation-blind.ts";
import { FRESH_SET } from "./matching.evaluation-fresh.ts";
import { HOLDOUT_SET } from "./matching.evaluation-holdout.ts";
import { EVALUATION_SET } from "./matching.evaluation-set.ts";

// Issue 6: nDCG@5 of the matching over the repo's hand-judged evaluation sets, with floors. The evaluation set
// must meet the goal (0.8); the other sets have regression floors a little under their figures of 2026-11-29
// (docs/matching.md): held-out 0.817, fresh 0.816, blind 0.779. Lower a floor only with a reason in
// docs/matching.md; `npm run bench` prints every case.

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
  // Seeded the day before today, as the sets were judged, so validity dates keep their distance from today.
  await seedDemoData(testDb.db, { now: new Date(Date.now() - 24 * 60 * 60 * 1000) });
});

afterAll(async () => {
  await testDb?.close();
});

describe("nDCG@5", () => {
  it("is 1 for the ideal order, less for a worse one, and undefined with nothing relevant", () => {
    expect(ndcg([3, 2, 1], [1, 3, 2])).toBe(1);
    expect(ndcg([0, 3, 2], [3, 2])).toBeCloseTo(dcg([0, 3, 2]) / dcg([3, 2]), 10);
    expect(ndcg([0, 3, 2], [3, 2])).toBeLessThan(1);
    expect(ndcg([0, 0], [])).toBeUndefined();
    // Only the first five count.
    expect(ndcg([0, 0, 0, 0, 0, 3], [3])).toBe(0);
  });
});

describe("ranking quality over the demo catalogue", () => {
  it.each([
    ["the evaluation set", EVALUATION_SET, 0.8],
    ["the held-out set", HOLDOUT_SET, 0.8],
    ["the fresh set", FRESH_SET, 0.79],
    ["the blind set", BLIND_SET, 0.75],
  ] as const)("%s stays at or above its floor", async (_name, set, floor) => {
    const evaluation = await evaluateSet(testDb.db, set);
    const scored = evaluation.cases.filter((c) => c.ndcg !== undefined);
    expect(scored.length).toBe(set.length);
    expect(evaluation.mean).toBeGreaterThanOrEqual(floor);
  });
});
