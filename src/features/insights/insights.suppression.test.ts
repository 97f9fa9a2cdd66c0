import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  apiCount,
  COMPLEMENT_LABEL,
  MIN_COUNT,
  SUPPRESSED_LABEL,
  shownCount,
  suppressLine,
  suppressTable,
  type TableSuppression,
} from "./insights.suppression.ts";

const RUNS = { numRuns: 500 };

// Tables up to 6 x 6 of counts 0..20, with extra weight on 0..2 so small cells and small margins are common.
const count = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 2 }), weight: 1 },
);
const tableOf = (cell: fc.Arbitrary<number>) =>
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([rows, columns]) =>
    fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
      minLength: rows,
      maxLength: rows,
    }),
  );
const table = tableOf(count);

/** A member of a line as a reader sees it: its true count, whether it is hidden, and its side of the sum. */
interface Member {
  id: string;
  value: number;
  hidden: boolean;
  sign: 1 | -1;
}

const total = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Every line of the published table, worked out here independently of the implementation: each row with its
 * row total, each column with its column total, the row totals with the grand total, the column totals with
 * the grand total. Cells count +1 and the line's total -1, so each line's members sum to zero.
 */
function linesOf(counts: number[][], s: TableSuppression): Member[][] {
  const rowSums = counts.map(total);
  const columnSums = counts[0]!.map((_, c) => total(counts.map((row) => row[c]!)));
  const cell = (r: number, c: number): Member => ({
    id: `c${r},${c}`,
    value: counts[r]![c]!,
    hidden: s.cells[r]![c]!,
    sign: 1,
  });
  const rowTotal = (r: number, sign: 1 | -1): Member => ({
    id: `r${r}`,
    value: rowSums[r]!,
    hidden: s.rowTotals[r]!,
    sign,
  });
  const columnTotal = (c: number, sign: 1 | -1): Member => ({
    id: `k${c}`,
    value: columnSums[c]!,
    hidden: s.columnTotals[c]!,
    sign,
  });
  const grand: Member = { id: "g", value: total(rowSums), hidden: s.grandTotal, sign: -1 };
  return [
    ...counts.map((row, r) => [...row.map((_, c) => cell(r, c)), rowTotal(r, -1)]),
    ...columnSums.map((_, c) => [...counts.map((_, r) => cell(r, c)), columnTotal(c, -1)]),
    [...rowSums.map((_, r) => rowTotal(r, 1)), grand],
    [...columnSums.map((_, c) => columnTotal(c, 1)), grand],
  ];
}

/** The attack the issue names: a line's total minus its shown cells (or its cells summed) when one is hidden. */
function recoverBySubtraction(lines: Member[][]): Map<string, number> {
  const known = new Map<string, number>();
  // Each recovered count becomes known and may open further lines, so repeat until nothing new is learnt.
  for (let learnt = true; learnt; ) {
    learnt = false;
    for (const line of lines) {
      const unknown = line.filter((m) => m.hidden && !known.has(m.id));
      if (unknown.length !== 1) continue;
      const target = unknown[0]!;
      const rest = line
        .filter((m) => m !== target)
        .reduce((acc, m) => acc + m.sign * (m.hidden ? known.get(m.id)! : m.value), 0);
      known.set(target.id, -rest * target.sign);
      learnt = true;
    }
  }
  return known;
}

/** Hidden members that adding and subtracting any lines pins exactly: the unit vectors in the row space. */
function recoverByLinearAlgebra(lines: Member[][]): string[] {
  const ids = [
    ...new Set(
      lines
        .flat()
        .filter((m) => m.hidden)
        .map((m) => m.id),
    ),
  ];
  const matrix = lines.map((line) => ids.map((id): number => line.find((m) => m.id === id)?.sign ?? 0));
  let rank = 0;
  for (let column = 0; column < ids.length && rank < matrix.length; column++) {
    const pivot = matrix.findIndex((row, r) => r >= rank && Math.abs(row[column]!) > 1e-9);
    if (pivot < 0) continue;
    [matrix[rank], matrix[pivot]] = [matrix[pivot]!, matrix[rank]!];
    const head = matrix[rank]![column]!;
    matrix[rank] = matrix[rank]!.map((x) => x / head);
    for (let r = 0; r < matrix.length; r++) {
      const factor = matrix[r]![column]!;
      if (r !== rank && Math.abs(factor) > 1e-9)
        matrix[r] = matrix[r]!.map((x, k) => x - factor * matrix[rank]![k]!);
    }
    rank++;
  }
  return matrix.flatMap((row) => {
    const nonZero = row.flatMap((x, k) => (Math.abs(x) > 1e-9 ? [k] : []));
    return nonZero.length === 1 ? [ids[nonZero[0]!]!] : [];
  });
}

/**
 * A reader who knows that zeros are shown, so each "< 3" is 1 or 2 and each ".." (a hidden count of 3 or more)
 * is at least 3: for one line, every assignment of possible counts to its hidden members that makes the line
 * add up. Returns the hidden members left with one possible count that is also their true count.
 */
function pinnedByLabels(line: Member[]): Member[] {
  const hidden = line.filter((m) => m.hidden);
  const rest = line.filter((m) => !m.hidden).reduce((acc, m) => acc + m.sign * m.value, 0);
  // No hidden count can exceed everything in the line put together, which bounds the guesses for "..".
  const ceiling = line.reduce((acc, m) => acc + m.value, 0);
  const options = hidden.map((m) =>
    small(m.value) ? [1, 2] : Array.from({ length: Math.max(0, ceiling - 2) }, (_, i) => i + MIN_COUNT),
  );
  // For each hidden member, the sums the other hidden members can make together (a set, built one by one).
  const sumsOfOthers = (skip: number) => {
    let sums = new Set([0]);
    for (const [k, m] of hidden.entries()) {
      if (k === skip) continue;
      const next = new Set<number>();
      for (const s of sums) for (const o of options[k]!) next.add(s + m.sign * o);
      sums = next;
    }
    return sums;
  };
  return hidden.filter((m, k) => {
    const others = sumsOfOthers(k);
    const possible = options[k]!.filter((o) => others.has(-rest - m.sign * o));
    return possible.length === 1 && possible[0] === m.value;
  });
}

const small = (n: number) => n > 0 && n < MIN_COUNT;

describe("suppressLine", () => {
  it("hides a small cell and the smallest other non-zero cell: [5, 2, 7] of 14", () => {
    expect(suppressLine([5, 2, 7], 14)).toEqual({ cells: [true, true, false], total: false });
  });

  it("keeps a zero shown and so needs a complement for [2, 0, 9]: 11 - 9 - 0 would give the 2 away", () => {
    expect(suppressLine([2, 0, 9], "derived")).toEqual({ cells: [true, false, true], total: false });
  });

  it("hides the total when no shown non-zero cell is left, and hides a total below 3", () => {
    expect(suppressLine([2, 0, 0], "derived")).toEqual({ cells: [true, false, false], total: true });
    expect(suppressLine([4, 0], 2)).toEqual({ cells: [true, false], total: true });
    // A given total may count more than its cells (companies in no category); 5 - 0 would still reveal the 2.
    expect(suppressLine([2, 0], 5)).toEqual({ cells: [true, false], total: true });
  });

  it("hides more when the hidden cells are all 1s: two '< 3' of [1, 1, 5] / 7 add up to 2", () => {
    expect(suppressLine([1, 1, 5], "derived")).toEqual({ cells: [true, true, true], total: false });
    expect(suppressLine([2, 2, 9, 4], "derived")).toEqual({ cells: [true, true, false, true], total: false });
    // 1 and 2 hidden together leave both 1 + 2 and 2 + 1, so no third cell is needed.
    expect(suppressLine([1, 2, 9], "derived")).toEqual({ cells: [true, true, false], total: false });
  });

  it("hides nothing in a line of zeros and counts of 3 or more", () => {
    expect(suppressLine([0, 3, 0, 20], "derived")).toEqual({
      cells: [false, false, false, false],
      total: false,
    });
  });

  it("rejects what is not a count", () => {
    expect(() => suppressLine([1, -1], "derived")).toThrow(RangeError);
    expect(() => suppressLine([1.5], "derived")).toThrow(RangeError);
  });

  it("never leaves a line with one hidden member, and hides every count in 1..2 (property)", () => {
    fc.assert(
      fc.property(fc.array(count, { maxLength: 8 }), (cells) => {
        const s = suppressLine(cells, "derived");
        const members = [
          ...cells.map((value, i) => ({ value, hidden: s.cells[i]! })),
          { value: total(cells), hidden: s.total },
        ];
        for (const m of members) if (small(m.value)) expect(m.hidden).toBe(true);
        expect(members.filter((m) => m.hidden)).not.toHaveLength(1);
        expect(members.filter((m) => m.hidden && m.value === 0)).toEqual([]);
      }),
      RUNS,
    );
  });
});

describe("suppressTable", () => {
  it("gives a small cell's row and its column a second hidden member each", () => {
    expect(
      suppressTable([
        [5, 2, 7],
        [6, 8, 9],
      ]),
    ).toEqual({
      // The 2 is primary; the 5 completes its row, the 8 its column, and the 6 then completes both.
      cells: [
        [true, true, false],
        [true, true, false],
      ],
      rowTotals: [false, false],
      columnTotals: [false, false, false],
      grandTotal: false,
    });
  });

  it("hides small margins and protects them against the other margins, breaking ties by position", () => {
    const s = suppressTable([
      [1, 0],
      [0, 9],
      [4, 5],
    ]);
    // Primary: the 1 and its row total 1. Column 0 takes the 4 as complement; the row totals 1, 9, 9 take
    // the first 9 (row 1); rows 1 and 2 then each need a second hidden member: the 9 and the 5.
    expect(s).toEqual({
      cells: [
        [true, false],
        [false, true],
        [true, true],
      ],
      rowTotals: [true, true, false],
      columnTotals: [false, false],
      grandTotal: false,
    });
  });

  it("closes a bridge between two groups of hidden cells that adding up lines would open", () => {
    // Single-line rules alone hide two 2 x 2 blocks joined by the 6 at row 2, column 0; adding the block's
    // rows and subtracting its columns would then give that 6 away.
    const counts = [
      [15, 19, 2, 3],
      [2, 8, 0, 11],
      [6, 6, 6, 1],
      [2, 18, 0, 0],
    ];
    const s = suppressTable(counts);
    expect(s.cells[2]![0]).toBe(true);
    expect(recoverByLinearAlgebra(linesOf(counts, s))).toEqual([]);
  });

  it("closes a bridge through the margins when the two groups meet only in zeros", () => {
    // Two blocks that share no non-zero cell: the 3 at row 0, column 3 would be the only link between them.
    const counts = [
      [7, 1, 0, 3],
      [1, 6, 0, 0],
      [0, 0, 2, 1],
      [0, 0, 10, 16],
    ];
    const s = suppressTable(counts);
    expect(s.cells[0]![3]).toBe(true);
    expect(s.cells.flat().filter((hidden, i) => hidden && counts.flat()[i] === 0)).toEqual([]);
    expect(recoverByLinearAlgebra(linesOf(counts, s))).toEqual([]);
  });

  it("protects totals the view gives (distinct companies) as if they added up, and hides small ones", () => {
    // Themes × municipalities: a company with needs in both themes counts once in its municipality's total.
    const s = suppressTable(
      [
        [2, 5],
        [4, 4],
      ],
      { rowTotals: [7, 8], columnTotals: [5, 8], grandTotal: 12 },
    );
    expect(s.cells[0]![0]).toBe(true);
    // Its row and its column each get a second hidden member, so 7 - 5 and 5 - 4 give nothing away.
    expect(s.cells[0]![1] || s.rowTotals[0]).toBe(true);
    expect(s.cells[1]![0] || s.columnTotals[0]).toBe(true);
    expect(suppressTable([[4]], { rowTotals: [2], columnTotals: [4], grandTotal: 4 }).rowTotals).toEqual([
      true,
    ]);
    expect(() => suppressTable([[4]], { rowTotals: [1, 2] })).toThrow(RangeError);
  });

  it("handles a table without cells", () => {
    expect(suppressTable([])).toEqual({ cells: [], rowTotals: [], columnTotals: [], grandTotal: false });
  });

  it("rejects ragged tables and non-counts", () => {
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[Number.NaN]])).toThrow(RangeError);
  });

  it("hides every count in 1..2, cells and totals alike, and never a zero (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        for (const line of linesOf(counts, suppressTable(counts))) {
          for (const m of line) {
            if (small(m.value)) expect(m.hidden, m.id).toBe(true);
            if (m.value === 0) expect(m.hidden, m.id).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("never leaves a row, column or margin with exactly one hidden member (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        for (const line of linesOf(counts, suppressTable(counts))) {
          expect(line.filter((m) => m.hidden).map((m) => m.id)).not.toHaveLength(1);
        }
      }),
      RUNS,
    );
  });

  it("lets no hidden count be recovered by subtracting shown values from a total (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        expect([...recoverBySubtraction(linesOf(counts, suppressTable(counts)))]).toEqual([]);
      }),
      RUNS,
    );
  });

  it("lets no hidden count be recovered by adding and subtracting any lines (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        expect(recoverByLinearAlgebra(linesOf(counts, suppressTable(counts)))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("lets no line pin a hidden count by reading '< 3' as 1 or 2, unless nothing is left to hide (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        for (const line of linesOf(counts, suppressTable(counts))) {
          const pinned = pinnedByLabels(line);
          if (pinned.length === 0) continue;
          // The one exception: every non-zero member of the line is already hidden, as in [1, 1] of 2.
          expect(
            line.filter((m) => !m.hidden && m.value > 0),
            pinned[0]!.id,
          ).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it("gives the same answer for the same table, without touching the input (property)", () => {
    fc.assert(
      fc.property(table, (counts) => {
        const copy = structuredClone(counts);
        const first = suppressTable(counts);
        expect(counts).toEqual(copy);
        expect(suppressTable(copy)).toEqual(first);
      }),
      RUNS,
    );
  });

  it("hides nothing when every count and total is 0 or at least 3 (property)", () => {
    // Sums of zeros and counts of 3 or more are themselves 0 or at least 3, so the margins qualify too.
    const safe = fc.oneof(fc.constant(0), fc.integer({ min: MIN_COUNT, max: 20 }));
    fc.assert(
      fc.property(tableOf(safe), (counts) => {
        const s = suppressTable(counts);
        expect([...s.cells.flat(), ...s.rowTotals, ...s.columnTotals, s.grandTotal]).not.toContain(true);
      }),
      RUNS,
    );
  });
});

describe("rendering a count", () => {
  it("shows '< 3' for a suppressed count and the Swedish number otherwise, in both languages", () => {
    expect(SUPPRESSED_LABEL).toBe("< 3");
    expect(shownCount(2, true, "sv")).toBe("< 3");
    expect(shownCount(1, true, "en")).toBe("< 3");
    // A complement is 3 or more: it is not "< 3", it is hidden.
    expect(COMPLEMENT_LABEL).toBe("..");
    expect(shownCount(40, true, "en")).toBe("..");
    expect(shownCount(0, false, "sv")).toBe("0");
    expect(shownCount(1234567, false, "sv")).toBe("1\u00a0234\u00a0567");
    expect(shownCount(1234567, false, "en")).toBe("1\u00a0234\u00a0567");
  });

  it("drops the number from the API answer when it is suppressed", () => {
    expect(apiCount(2, true)).toEqual({ count: null, suppressed: true });
    expect(apiCount(12, false)).toEqual({ count: 12, suppressed: false });
    expect(apiCount(0, false)).toEqual({ count: 0, suppressed: false });
  });
});
