// Fits the matching scorer's knobs (`WEIGHTS` in src/features/matching/matching.weights.ts) to the judged
// evaluation sets: `npm run tune:matching` (options: --sets evaluation,holdout,…  --passes 3  --no-cross-validation).
// First leave-one-set-out cross-validation (per set: fitted on the others, scored on it, against today's
// knobs), which estimates what a fit is worth on cases it was not fitted to; then a fit on all the sets.
// It prints knobs to consider and changes nothing: a human copies them into WEIGHTS, and the change is then
// measured once on a set nobody has read (docs/decisions/008). Runs on a throwaway PGlite database.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { evaluateSet } from "#src/features/matching/matching.evaluation.ts";
import {
  EVALUATION_SET_NAMES,
  type EvaluationSetName,
  loadEvaluationCatalogue,
  loadEvaluationSet,
  seedEvaluationCatalogue,
} from "#src/features/matching/matching.evaluation-fixture.ts";
import {
  coordinateAscent,
  type KnobGrid,
  leaveOneSetOut,
  meanOver,
  type SetScores,
} from "#src/features/matching/matching.tuning.ts";
import { WEIGHTS, type Weights } from "#src/features/matching/matching.weights.ts";

type Knob = keyof Weights;

// The values tried per knob. Not tuned: capacity, the outcome prior (the evaluation catalogue has no
// outcomes) and the coverage pool (a count). `answeredFrom` stays at 0.05 or more: below it an offer that
// merely shares a word with a need would be shown as answering it.
const GRID: KnobGrid<Knob> = {
  themeShare: [0.45, 0.55, 0.65, 0.75, 0.85, 0.95],
  secondaryTheme: [0.6, 0.7, 0.8, 0.9, 1],
  themeBreadth: [0, 0.025, 0.05, 0.075, 0.1],
  themeInText: [0, 0.1, 0.2, 0.3, 0.4],
  synonym: [0.3, 0.5, 0.7, 0.9],
  fieldFloor: [0.2, 0.35, 0.5, 0.65, 0.8],
  inferredTheme: [0.6, 0.7, 0.8, 0.9, 1],
  answeredFrom: [0.05, 0.1, 0.15, 0.2],
  areaUnknown: [0.4, 0.6, 0.8, 1],
  coverage: [0, 0.25, 0.5, 0.75],
};

const Args = z.object({
  sets: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").map((s) => s.trim()) : [...EVALUATION_SET_NAMES]))
    .pipe(z.array(z.enum(EVALUATION_SET_NAMES)).min(2, "name at least two sets")),
  passes: z.coerce.number().int().min(1).max(10).default(3),
  "no-cross-validation": z.boolean().default(false),
});

function readArgs(): unknown {
  try {
    return parseArgs({
      options: {
        sets: { type: "string" },
        passes: { type: "string" },
        "no-cross-validation": { type: "boolean" },
      },
    }).values;
  } catch (error) {
    console.error(`tune:matching: ${(error as Error).message}`);
    console.error("Options: --sets a,b,…  --passes N  --no-cross-validation");
    process.exit(2);
  }
}

const parsed = Args.safeParse(readArgs());
if (!parsed.success) {
  console.error(
    `tune:matching: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
  );
  console.error(`Sets: ${EVALUATION_SET_NAMES.join(", ")}`);
  process.exit(2);
}
const args = parsed.data;
const sets: EvaluationSetName[] = args.sets;
const cases = Object.fromEntries(sets.map((name) => [name, loadEvaluationSet(name).cases]));

const dataDir = mkdtempSync(path.join(tmpdir(), "lots-tune-"));
const handle = await createDb({ dataDir });
try {
  const { db } = handle;
  await migrateToLatest(db);
  // The day before, as the bench seeds it, so validity dates keep their distance from "today".
  await seedEvaluationCatalogue(db, loadEvaluationCatalogue(), new Date(Date.now() - 86_400_000));

  const cache = new Map<string, SetScores>();
  let evaluations = 0;
  const started = Date.now();
  const scoresFor = async (knobs: Readonly<Record<Knob, number>>): Promise<SetScores> => {
    const key = JSON.stringify(knobs);
    const known = cache.get(key);
    if (known) return known;
    const scores: Record<string, number> = {};
    for (const name of sets) scores[name] = (await evaluateSet(db, cases[name]!, undefined, knobs)).mean;
    cache.set(key, scores);
    evaluations++;
    if (evaluations % 20 === 0) {
      console.log(`  … ${evaluations} knob settings ranked (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    return scores;
  };
  const start: Record<Knob, number> = { ...WEIGHTS };
  const changed = (knobs: Record<Knob, number>) =>
    Object.entries(knobs)
      .filter(([knob, value]) => value !== start[knob as Knob])
      .map(([knob, value]) => `${knob} ${start[knob as Knob]} → ${value}`)
      .join(", ") || "none";
  const fmt = (n: number) => n.toFixed(3);
  const total = sets.reduce((n, name) => n + cases[name]!.length, 0);
  console.log(`Tuning on ${sets.length} sets (${total} cases): ${sets.join(", ")}`);
  const today = await scoresFor(start);
  console.log(
    `Today's knobs: mean ${fmt(meanOver(today, sets))}; ${sets.map((s) => `${s} ${fmt(today[s]!)}`).join(", ")}`,
  );

  if (!args["no-cross-validation"]) {
    console.log(
      "\nLeave-one-set-out cross-validation (fitted on the other sets, scored on the one left out):",
    );
    const folds = await leaveOneSetOut(sets, start, GRID, scoresFor, { maxPasses: args.passes });
    for (const fold of folds) {
      console.log(
        `  ${fold.heldOut.padEnd(12)} today ${fmt(fold.before)} → fitted elsewhere ${fmt(fold.after)} ` +
          `(${fold.after - fold.before >= 0 ? "+" : ""}${(fold.after - fold.before).toFixed(3)}); ${changed(fold.knobs)}`,
      );
    }
    const gain = folds.reduce((sum, f) => sum + (f.after - f.before), 0) / folds.length;
    const better = folds.filter((f) => f.after > f.before + 1e-9).length;
    console.log(
      `  mean change on the set left out: ${gain >= 0 ? "+" : ""}${gain.toFixed(3)} (better on ${better} of ${folds.length})`,
    );
  }

  console.log("\nFit on all the sets:");
  const fit = await coordinateAscent(start, GRID, async (knobs) => meanOver(await scoresFor(knobs), sets), {
    maxPasses: args.passes,
    onStep: (step) => console.log(`  ${step}`),
  });
  const after = await scoresFor(fit.knobs);
  console.log(`Fitted knobs: ${changed(fit.knobs)}`);
  console.log(
    `Mean ${fmt(meanOver(today, sets))} → ${fmt(fit.objective)}; ${sets.map((s) => `${s} ${fmt(today[s]!)} → ${fmt(after[s]!)}`).join(", ")}`,
  );
  console.log(
    `${evaluations} knob settings ranked in ${Math.round((Date.now() - started) / 1000)} s. Nothing was changed.`,
  );
} finally {
  await handle.close();
  rmSync(dataDir, { recursive: true, force: true });
}
