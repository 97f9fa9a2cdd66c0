import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { EvaluationCase } from "./matching.evaluation-fixture.ts";
import { matchOffers } from "./matching.service.ts";
import type { Weights } from "./matching.weights.ts";

// nDCG@k of the matching over a hand-judged evaluation set and the evaluation catalogue
// (test/fixtures/matching/, loaded by matching.evaluation-fixture.ts): the one computation both the quality
// test (matching.quality.int.test.ts, floors) and `npm run bench` (the figures) use.

/** How far down the ranking a case is judged. */
export const EVALUATION_CUTOFF = 5;

/** DCG over the first `cutoff` relevance grades: Σ (2^rel − 1) / log2(i + 1), i from 1. */
export function dcg(grades: readonly number[], cutoff = EVALUATION_CUTOFF): number {
  return grades.slice(0, cutoff).reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
}

/**
 * nDCG of one ranking: the DCG of the grades in the order ranked, divided by the DCG of the judgements
 * sorted best first; undefined when nothing is judged relevant (the ideal is 0).
 */
export function ndcg(
  rankedGrades: readonly number[],
  judgedGrades: readonly number[],
  cutoff = EVALUATION_CUTOFF,
): number | undefined {
  const ideal = dcg(
    [...judgedGrades].sort((a, b) => b - a),
    cutoff,
  );
  return ideal > 0 ? dcg(rankedGrades, cutoff) / ideal : undefined;
}

export type EvaluatedCase = {
  id: string;
  /** Undefined when the case judges no offer relevant. */
  ndcg: number | undefined;
  /** The ranked offers' slugs with their judged grades (0 when not judged). */
  top: { slug: string; rel: number }[];
};

export type SetEvaluation = { cases: EvaluatedCase[]; mean: number; offers: number };

/**
 * Ranks every case of `set` with `matchOffers` (limit `cutoff`, no near misses) over the offers in `db`,
 * which must hold the evaluation catalogue, and scores each ranking by the case's judgements (offer slugs);
 * with `weights`, the scorer uses those knobs instead of `WEIGHTS` (tuning).
 * Throws when a case judges an offer the catalogue does not have, so a renamed offer cannot silently lower
 * the figure.
 */
export async function evaluateSet(
  db: Db,
  set: readonly EvaluationCase[],
  cutoff = EVALUATION_CUTOFF,
  weights?: Weights,
): Promise<SetEvaluation> {
  const rows = await sql<{ id: string; slug: string }>`select id, slug from offers`.execute(db);
  const slugOf = new Map(rows.rows.map((r) => [r.id, r.slug]));
  const known = new Set(slugOf.values());
  const unknown = set.flatMap((c) =>
    Object.keys(c.judgements)
      .filter((slug) => !known.has(slug))
      .map((slug) => `${slug} (case ${c.id})`),
  );
  if (unknown.length > 0) {
    throw new Error(`the evaluation set judges offers the catalogue does not have: ${unknown.join(", ")}`);
  }
  const cases: EvaluatedCase[] = [];
  for (const c of set) {
    const judgements: Record<string, number> = c.judgements;
    const { results } = await matchOffers(
      db,
      { company: c.company, needs: c.needs, limit: cutoff, includeNearMisses: false },
      { locale: "sv", ...(weights ? { weights } : {}) },
    );
    const top = results.map((r) => {
      const slug = slugOf.get(r.offer.id) ?? r.offer.id;
      return { slug, rel: judgements[slug] ?? 0 };
    });
    cases.push({
      id: c.id,
      ndcg: ndcg(
        top.map((t) => t.rel),
        Object.values(judgements),
        cutoff,
      ),
      top,
    });
  }
  const scored = cases.flatMap((c) => (c.ndcg === undefined ? [] : [c.ndcg]));
  const mean = scored.length > 0 ? scored.reduce((a, b) => a + b, 0) / scored.length : 0;
  return { cases, mean, offers: rows.rows.length };
}
