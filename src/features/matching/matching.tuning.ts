// Choosing the scorer's knobs from the judged sets instead of by hand (`npm run tune:matching`): a
// coordinate ascent over a small grid per knob, and leave-one-set-out cross-validation, which fits on all
// sets but one and measures the one left out, so a change of knobs is judged on cases it was not fitted to.
// Pure: the objective (ranking the sets with given knobs) is passed in.

/** The values each knob may take; knobs not named keep their starting value. */
export type KnobGrid<K extends string> = Partial<Record<K, readonly number[]>>;

/** Mean nDCG@5 per set name for one choice of knobs. */
export type SetScores = Readonly<Record<string, number>>;

/** The mean of the named sets' scores: each set counts the same, however many cases it has. */
export function meanOver(scores: SetScores, sets: readonly string[]): number {
  if (sets.length === 0) throw new Error("meanOver needs at least one set");
  let sum = 0;
  for (const set of sets) {
    const score = scores[set];
    if (score === undefined) throw new Error(`no score for set ${set}`);
    sum += score;
  }
  return sum / sets.length;
}

export type AscentResult<K extends string> = { knobs: Record<K, number>; objective: number; passes: number };

/**
 * Coordinate ascent: knob by knob, in the grid's order, tries each of its values with the others held and
 * keeps the best if it beats the current objective by more than `minGain`; repeats until a pass moves
 * nothing or `maxPasses` is reached. Deterministic (first best value wins a tie); `evaluate` may cache.
 */
export async function coordinateAscent<K extends string>(
  start: Readonly<Record<K, number>>,
  grid: KnobGrid<K>,
  evaluate: (knobs: Readonly<Record<K, number>>) => Promise<number>,
  options: { maxPasses?: number; minGain?: number; onStep?: (step: string) => void } = {},
): Promise<AscentResult<K>> {
  const maxPasses = options.maxPasses ?? 3;
  const minGain = options.minGain ?? 1e-4;
  const knobs = { ...start } as Record<K, number>;
  let best = await evaluate(knobs);
  let passes = 0;
  while (passes < maxPasses) {
    passes++;
    let moved = false;
    for (const knob of Object.keys(grid) as K[]) {
      const kept = knobs[knob];
      let chosen = kept;
      for (const value of grid[knob] ?? []) {
        if (value === kept) continue;
        const objective = await evaluate({ ...knobs, [knob]: value });
        if (objective > best + minGain) {
          best = objective;
          chosen = value;
        }
      }
      if (chosen !== kept) {
        knobs[knob] = chosen;
        moved = true;
        options.onStep?.(`${knob} ${kept} → ${chosen}: ${best.toFixed(4)}`);
      }
    }
    if (!moved) break;
  }
  return { knobs, objective: best, passes };
}

export type HeldOutResult<K extends string> = {
  heldOut: string;
  before: number;
  after: number;
  knobs: Record<K, number>;
};

/**
 * Leave-one-set-out cross-validation: for each set, fits the knobs on the other sets (coordinate ascent from
 * `start`) and scores the set left out with the start knobs and with the fitted ones.
 */
export async function leaveOneSetOut<K extends string>(
  sets: readonly string[],
  start: Readonly<Record<K, number>>,
  grid: KnobGrid<K>,
  scoresFor: (knobs: Readonly<Record<K, number>>) => Promise<SetScores>,
  options: { maxPasses?: number; onStep?: (step: string) => void } = {},
): Promise<HeldOutResult<K>[]> {
  if (sets.length < 2) throw new Error("leave-one-set-out needs at least two sets");
  const before = await scoresFor(start);
  const results: HeldOutResult<K>[] = [];
  for (const heldOut of sets) {
    const training = sets.filter((set) => set !== heldOut);
    const fit = await coordinateAscent(
      start,
      grid,
      async (knobs) => meanOver(await scoresFor(knobs), training),
      options,
    );
    const after = (await scoresFor(fit.knobs))[heldOut]!;
    results.push({ heldOut, before: before[heldOut]!, after, knobs: fit.knobs });
  }
  return results;
}
