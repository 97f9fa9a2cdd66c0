import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { dcg, evaluateSet, ndcg } from "./matching.evaluation.ts";
import {
  EVALUATION_SET_NAMES,
  type EvaluationSetName,
  loadEvaluationCatalogue,
  loadEvaluationSet,
  seedEvaluationCatalogue,
} from "./matching.evaluation-fixture.ts";

// Issue 6: nDCG@5 of the matching over the repo's hand-judged evaluation sets (test/fixtures/matching/), with
// floors. The evaluation set must meet the goal (0.8); the other sets have regression floors at or a little
// under their latest figures (docs/matching.md, 2026-11-30): 0.8 where the set is over the goal, and for the
// blind sets under it, fourth 0.739, fifth 0.764, seventh 0.758 and eighth 0.781. Lower a floor only with a
// reason in docs/matching.md; `npm run bench` prints every case.

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
  // Seeded the day before today, as the sets were judged, so validity dates keep their distance from today.
  const seededAt = new Date(Date.now() - 24 * 60 * 60 * 1000);
  await seedEvaluationCatalogue(testDb.db, loadEvaluationCatalogue(), seededAt);
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

describe("the evaluation fixtures", () => {
  it("hold a catalogue of at least 40 offers and at least 30 cases in the first set", () => {
    expect(loadEvaluationCatalogue().offers.length).toBeGreaterThanOrEqual(40);
    expect(loadEvaluationSet("evaluation").cases.length).toBeGreaterThanOrEqual(30);
  });
});

/** Floors a little under each set's latest figure (docs/matching.md); 0.8 is the goal. */
const FLOORS: Record<EvaluationSetName, number> = {
  evaluation: 0.8,
  holdout: 0.8,
  fresh: 0.8,
  blind: 0.8,
  "blind-2": 0.8,
  "blind-3": 0.8,
  "blind-4": 0.73,
  "blind-5": 0.75,
  "blind-6": 0.8,
  "blind-7": 0.75,
  "blind-8": 0.77,
};

describe("ranking quality over the evaluation catalogue", () => {
  it.each(EVALUATION_SET_NAMES.map((name) => [name, FLOORS[name]] as const))(
    "the %s set stays at or above its floor (%s)",
    async (name, floor) => {
      const { cases } = loadEvaluationSet(name);
      const evaluation = await evaluateSet(testDb.db, cases);
      const scored = evaluation.cases.filter((c) => c.ndcg !== undefined);
      expect(scored.length).toBe(cases.length);
      expect(evaluation.mean).toBeGreaterThanOrEqual(floor);
    },
  );
});
