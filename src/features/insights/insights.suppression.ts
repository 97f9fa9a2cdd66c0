/**
 * Small-cell protection for the needs-intelligence views (issue 8): any count of fewer than
 * {@link MIN_COUNT} companies is shown as "< 3", and hiding it must not be undone by subtracting the shown
 * cells of a line from its shown total. Pure functions, so the page, CSV, XLSX and API all call the same code
 * on the same numbers and hide the same cells.
 */
import { formatNumber, type Locale } from "#src/shared/i18n.ts";

/** Counts from 1 up to (not including) this many companies are never shown. */
export const MIN_COUNT = 3;

/** What every view shows in place of a count of 1 or 2 companies. */
export const SUPPRESSED_LABEL = `< ${MIN_COUNT}`;

/**
 * What every view shows in place of a count of 3 or more hidden only so that a small count next to it cannot
 * be worked out by subtraction (Statistics Sweden's sign for a figure not published).
 */
export const COMPLEMENT_LABEL = "..";

/** Which members of a one-dimensional line (cells plus their total) are suppressed. */
export interface LineSuppression {
  cells: boolean[];
  total: boolean;
}

/** Which cells and margins of a two-dimensional table are suppressed. */
export interface TableSuppression {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

/**
 * Totals a table shows that are not the sums of its cells: distinct companies, where a company with needs in
 * two themes counts once in its municipality's total. Protection then treats each line as if it added up
 * (the reader may assume it does), which hides at least as much as needed.
 */
export interface TableMargins {
  rowTotals?: readonly number[];
  columnTotals?: readonly number[];
  grandTotal?: number;
}

/** A count as the API answers it: the number, or null with `suppressed: true`. */
export interface ApiCount {
  count: number | null;
  suppressed: boolean;
}

/**
 * Whether a count is small enough to be hidden on its own account (primary suppression).
 * Zero is deliberately not sensitive: "no company" discloses nothing about any company, and showing zeros
 * keeps the tables readable. The price is that a reader knows every "< 3" stands for 1 or 2, which the
 * complement rule below has to take into account.
 */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < MIN_COUNT;
}

/**
 * Suppresses a one-dimensional line: the cells and their total (given, or `"derived"` as the cells' sum).
 * Counts in 1..2 are hidden, then complements until no hidden count can be worked out from the line: steps 1
 * and 2 of {@link suppressTable} on this one line. A hidden total whose cells are all zero (possible only when
 * a given total is not the cells' sum) stays the only hidden member, since zeros stay shown.
 */
export function suppressLine(cells: readonly number[], total: number | "derived"): LineSuppression {
  const values = [...cells, total === "derived" ? sum(cells) : total];
  values.forEach(assertCount);
  const hidden = values.map(isSmallCount);
  protect(values, [values.map((_, i) => i)], hidden);
  return { cells: hidden.slice(0, cells.length), total: hidden[cells.length]! };
}

/**
 * Suppresses a table of counts with its row totals, column totals and grand total: derived here as sums
 * unless `margins` gives the totals the view shows (distinct companies).
 *
 * 1. Primary: every cell and every total in 1..2 is hidden.
 * 2. Complementary, repeated until nothing changes, over every row (with its row total), every column (with
 *    its column total), the row totals (with the grand total) and the column totals (with the grand total):
 *    - a line with exactly one hidden member would give it away by subtraction, so a second one is hidden;
 *    - a line that leaves a hidden member a single possible count also gives it away, since the reader knows
 *      each "< 3" is 1 or 2 (for [1, 1, 5] of 7, the two "< 3" add up to 2, so both are 1).
 *    The complement is the line's smallest shown non-zero cell, the lowest position on a tie, else its total.
 *    The order of lines and the tie-break are fixed so the same table is hidden the same way everywhere.
 *
 * 3. Across lines: adding and subtracting several lines' equations pins a hidden member exactly when it lies
 *    on no cycle of hidden members (rows and columns as nodes, hidden members as edges): a "bridge" between
 *    two otherwise separate groups of hidden cells. Such a bridge gets a complement joining the two groups,
 *    the smallest shown non-zero one (on a tie the first in the order cells row by row, row totals, column
 *    totals, grand total), or, where the groups meet only in zeros, two joining them through a third row or
 *    column; then step 2 runs again.
 *
 * Zeros are never hidden, so a line whose non-zero members are all small (such as [1, 1] of 2) cannot be
 * protected by hiding more: the view should merge categories there. Several lines read together with the
 * "1 or 2" reading of "< 3" are not checked.
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  margins: TableMargins = {},
): TableSuppression {
  const rows = counts.length;
  // A table without rows still has its columns' totals (all zero), when the view gives them.
  const columns = counts[0]?.length ?? margins.columnTotals?.length ?? 0;
  if (counts.some((row) => row.length !== columns)) throw new RangeError("Every row needs as many columns");
  for (const row of counts) row.forEach(assertCount);
  if (margins.rowTotals && margins.rowTotals.length !== rows) throw new RangeError("One row total per row");
  if (margins.columnTotals && margins.columnTotals.length !== columns)
    throw new RangeError("One column total per column");

  // One flat array of members: the cells row by row, then the row totals, the column totals, the grand total.
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const rowSums = margins.rowTotals ?? counts.map(sum);
  const columnSums =
    margins.columnTotals ?? Array.from({ length: columns }, (_, c) => sum(counts.map((row) => row[c]!)));
  const values = [...counts.flat(), ...rowSums, ...columnSums, margins.grandTotal ?? sum(counts.map(sum))];
  values.forEach(assertCount);

  // Each line lists its members with the total last, in the fixed order that makes the output stable.
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines = [
    ...range(rows).map((r) => [...range(columns).map((c) => r * columns + c), rowTotal(r)]),
    ...range(columns).map((c) => [...range(rows).map((r) => r * columns + c), columnTotal(c)]),
    [...range(rows).map(rowTotal), grand],
    [...range(columns).map(columnTotal), grand],
  ];
  // Each member as an edge between its row (the margin row for column totals) and its column.
  const ends = values.map((_, i): [number, number] => {
    if (i < rows * columns) return [Math.floor(i / columns), rows + 1 + (i % columns)];
    if (i < columnTotal(0)) return [i - rowTotal(0), rows + 1 + columns];
    return [rows, rows + 1 + (i === grand ? columns : i - columnTotal(0))];
  });
  const hidden = values.map(isSmallCount);
  do protect(values, lines, hidden);
  while (joinBridge(values, ends, hidden));
  return {
    cells: range(rows).map((r) => hidden.slice(r * columns, (r + 1) * columns)),
    rowTotals: range(rows).map((r) => hidden[rowTotal(r)]!),
    columnTotals: range(columns).map((c) => hidden[columnTotal(c)]!),
    grandTotal: hidden[grand]!,
  };
}

/**
 * The text a chart, table or export shows for a count: "< 3" when it is suppressed for being small, ".." when
 * it is hidden only so that a small one cannot be worked out (a complement: 3 or more), else the number in
 * Swedish format (the issue asks for Swedish number formats in both interface languages, hence the locale is
 * only taken so callers need not special-case it).
 */
export function shownCount(count: number, suppressed: boolean, _locale: Locale): string {
  if (!suppressed) return formatNumber(count);
  return isSmallCount(count) ? SUPPRESSED_LABEL : COMPLEMENT_LABEL;
}

/** A count as the API answers it; the number is dropped, not just flagged, when it is suppressed. */
export function apiCount(count: number, suppressed: boolean): ApiCount {
  return suppressed ? { count: null, suppressed: true } : { count, suppressed: false };
}

/** Adds complements over members shared by lines (each with its total last) until no line gives one away. */
function protect(values: readonly number[], lines: readonly (readonly number[])[], hidden: boolean[]): void {
  // Every pass either hides one more member or changes nothing, so this ends after at most values.length passes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (!disclosesHidden(line, values, hidden)) continue;
      const complement = chooseComplement(line, values, hidden);
      if (complement === undefined) continue;
      hidden[complement] = true;
      changed = true;
    }
  }
}

/**
 * Whether a reader of this line alone can work out a hidden member's exact count. The reader knows what the
 * labels say: each "< 3" is 1 or 2 (zeros are shown), each ".." (a complement) is 3 or more.
 */
function disclosesHidden(
  line: readonly number[],
  values: readonly number[],
  hidden: readonly boolean[],
): boolean {
  // The line says: cells - total = 0. Members the reader sees move to the right-hand side as `rest`.
  let rest = 0;
  const unknown: { sign: number; value: number; low: number; high: number }[] = [];
  line.forEach((i, position) => {
    const sign = position === line.length - 1 ? -1 : 1;
    const value = values[i]!;
    if (!hidden[i]) rest -= sign * value;
    else if (isSmallCount(value)) unknown.push({ sign, value, low: 1, high: MIN_COUNT - 1 });
    else unknown.push({ sign, value, low: MIN_COUNT, high: Number.POSITIVE_INFINITY });
  });
  if (unknown.length === 1) return true; // the total minus the shown cells, or the shown cells summed
  // With those ranges, [1, 1, 5] of 7 pins both hidden cells to 1 (they add up to 2), and [1, 4] of 5 with the
  // 4 as ".." pins it to 3 or 4 — not one value — but [1, 3] of 4 pins both. A hidden member is given away when
  // the line leaves it one value and that is the truth (a wrong guess teaches the reader nothing).
  return unknown.some((member, k) => {
    let low = rest;
    let high = rest;
    unknown.forEach((other, j) => {
      if (j === k) return;
      low -= Math.max(other.sign * other.low, other.sign * other.high);
      high -= Math.min(other.sign * other.low, other.sign * other.high);
    });
    const [from, to] = member.sign > 0 ? [low, high] : [-high, -low];
    const only = Math.max(from, member.low);
    return only === Math.min(to, member.high) && only === member.value;
  });
}

/** The line's smallest shown non-zero cell (lowest position on a tie), else its total if shown and non-zero. */
function chooseComplement(
  line: readonly number[],
  values: readonly number[],
  hidden: readonly boolean[],
): number | undefined {
  let best: number | undefined;
  for (const i of line.slice(0, -1)) {
    if (hidden[i] || values[i] === 0) continue;
    if (best === undefined || values[i]! < values[best]!) best = i;
  }
  const total = line[line.length - 1]!;
  // Zeros stay shown even here: hiding a zero would make "< 3" mean 0 too and mislead every reader.
  return best ?? (hidden[total] || values[total] === 0 ? undefined : total);
}

/**
 * Looks for hidden members that are bridges of the hidden members' graph, in index order, and hides the
 * cheapest members joining the first joinable one's two sides into a cycle; says whether it hid any.
 */
function joinBridge(
  values: readonly number[],
  ends: readonly [number, number][],
  hidden: boolean[],
): boolean {
  const links = new Map<number, [number, number][]>(); // node -> [member, node at its other end]
  for (const [m, [a, b]] of ends.entries()) {
    if (!hidden[m]) continue;
    if (!links.has(a)) links.set(a, []);
    if (!links.has(b)) links.set(b, []);
    links.get(a)!.push([m, b]);
    links.get(b)!.push([m, a]);
  }
  const reach = (start: number, skip: number) => {
    const seen = new Set([start]);
    for (const queue = [start]; queue.length > 0; ) {
      for (const [m, next] of links.get(queue.pop()!) ?? []) {
        if (m === skip || seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    return seen;
  };
  // The smallest shown non-zero member with ends accepted by `joins` (the first in index order on a tie).
  const cheapest = (joins: (a: number, b: number) => boolean) => {
    let best: number | undefined;
    ends.forEach(([a, b], m) => {
      if (!joins(a, b) || hidden[m] || values[m] === 0) return;
      if (best === undefined || values[m]! < values[best]!) best = m;
    });
    return best;
  };
  for (const bridge of bridges(links)) {
    const [one, other] = ends[bridge]!.map((end) => reach(end, bridge)) as [Set<number>, Set<number>];
    const across = (x: Set<number>, y: Set<number>) => (a: number, b: number) =>
      (x.has(a) && y.has(b)) || (y.has(a) && x.has(b));
    const direct = cheapest(across(one, other));
    if (direct !== undefined) {
      hidden[direct] = true;
      return true;
    }
    // The two sides meet only in zeros (as in a block-diagonal table): go round through a third row or
    // column, such as a margin, hiding one member towards each side.
    let detour: [number, number] | undefined;
    for (const node of new Set(ends.flat())) {
      if (one.has(node) || other.has(node)) continue;
      const via = new Set([node]);
      const pair = [cheapest(across(via, one)), cheapest(across(via, other))];
      if (pair[0] === undefined || pair[1] === undefined) continue;
      const cost = (p: number[]) => values[p[0]!]! + values[p[1]!]!;
      if (detour === undefined || cost(pair as number[]) < cost(detour)) detour = pair as [number, number];
    }
    if (detour !== undefined) {
      for (const m of detour) hidden[m] = true;
      return true;
    }
  }
  return false;
}

/** The bridges (edges on no cycle) of a graph given as adjacency lists, by Tarjan's depth-first search. */
function bridges(links: ReadonlyMap<number, readonly [number, number][]>): number[] {
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const found: number[] = [];
  for (const root of links.keys()) {
    if (order.has(root)) continue;
    order.set(root, order.size);
    low.set(root, order.get(root)!);
    const stack: [node: number, via: number, next: number][] = [[root, -1, 0]];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, via, next] = top;
      const edge = links.get(node)![next];
      if (edge) {
        top[2]++;
        const [m, to] = edge;
        if (m === via) continue;
        if (order.has(to)) low.set(node, Math.min(low.get(node)!, order.get(to)!));
        else {
          order.set(to, order.size);
          low.set(to, order.get(to)!);
          stack.push([to, m, 0]);
        }
        continue;
      }
      stack.pop();
      const parent = stack[stack.length - 1]?.[0];
      if (parent === undefined) continue;
      low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      if (low.get(node)! > order.get(parent)!) found.push(via);
    }
  }
  return found.sort((a, b) => a - b);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function assertCount(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Not a count: ${value}`);
}
