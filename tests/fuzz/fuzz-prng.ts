// A small seeded pseudo-random generator (sfc32 seeded through splitmix32), so a run is replayed exactly
// from its seed: `FUZZ_SEED=<n> npm run test:fuzz`. Math.random cannot be seeded; fast-check's generators
// would hide the request plan behind shrinking we do not need, since every request is logged by number.

/** A deterministic random source for one fuzz run. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Seeds the four state words from one 32-bit seed (splitmix32 spreads close seeds apart). */
  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Rng.pick of an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A random subset of `items` with between min and max elements (fewer when the list is shorter). */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const count = Math.min(items.length, this.int(min, max));
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

/** The seed of this run: FUZZ_SEED when set (a decimal 32-bit number), otherwise a fresh random one. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FUZZ_SEED;
  if (given !== undefined && given !== "") {
    const parsed = Number(given);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0xffffffff) {
      throw new Error(`FUZZ_SEED must be a whole number from 0 to ${0xffffffff}, not ${given}`);
    }
    return parsed;
  }
  return Math.floor(Math.random() * 0xffffffff) >>> 0;
}
