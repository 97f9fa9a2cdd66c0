import { expect } from "vitest";

// Checks for issue 8's small-cell protection, applied to what a reader gets: page tables, exports and API
// answers. A line is a set of counts with the total they add up to (the test data gives each company one
// need, so totals are sums and subtraction is exact); null is a hidden count.

export type Line = { label: string; cells: (number | null)[]; total: number | null };

/** Reads a displayed figure: a Swedish-formatted whole number, or null for "< 3" and "..". */
export function readShown(text: string): number | null | undefined {
  const clean = text.replace(/&lt;/g, "<").replace(/[\s\u00a0]/g, "");
  if (clean === "<3" || clean === "..") return null;
  return /^\d+$/.test(clean) ? Number(clean) : undefined;
}

/**
 * Fails when a line reveals a count of 1 or 2 companies: shown as such, or worked out by subtracting the shown
 * cells from the shown total (one hidden cell, or hidden cells that together make 1 or 2).
 */
export function expectProtected(lines: readonly Line[]): void {
  for (const line of lines) {
    for (const value of [...line.cells, line.total]) {
      if (value !== null) expect(value === 0 || value >= 3, `${line.label}: shows ${value}`).toBe(true);
    }
    const hidden = line.cells.filter((v) => v === null).length;
    if (line.total === null || hidden === 0) continue;
    expect(hidden, `${line.label}: one hidden cell is its total minus the others`).toBeGreaterThan(1);
    const rest = line.total - line.cells.reduce<number>((a, v) => a + (v ?? 0), 0);
    expect(rest === 1 || rest === 2, `${line.label}: the hidden cells add up to ${rest}`).toBe(false);
  }
}

type HtmlCell = { kind: string | undefined; text: string };

/** The insight tables of a page, by figure id: body rows and the total row, cells with their data-kind. */
export function tablesOfPage(
  html: string,
): Map<string, { rows: HtmlCell[][]; total: HtmlCell[] | undefined }> {
  const tables = new Map<string, { rows: HtmlCell[][]; total: HtmlCell[] | undefined }>();
  for (const figure of html.matchAll(/<figure class="lots-insight" id="([^"]+)">([\s\S]*?)<\/figure>/g)) {
    const [, id, body] = figure as unknown as [string, string, string];
    const rowsOf = (part: string | undefined) =>
      [...(part ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
        [...row[1]!.matchAll(/<td[^>]*?(?:data-kind="([a-z]+)")?[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => ({
          kind: cell[1],
          text: cell[2]!,
        })),
      );
    const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(body)?.[1];
    const tfoot = /<tfoot>([\s\S]*?)<\/tfoot>/.exec(body)?.[1];
    tables.set(id, { rows: rowsOf(tbody), total: tfoot ? rowsOf(tfoot)[0] : undefined });
  }
  return tables;
}

/**
 * The lines of a page table: every column of company counts with its total row, and, where the last column is
 * the row's total (`rowTotals`), every row.
 */
export function linesOfPageTable(
  id: string,
  table: { rows: HtmlCell[][]; total: HtmlCell[] | undefined },
  rowTotals = false,
): Line[] {
  const lines: Line[] = [];
  const width = table.rows[0]?.length ?? table.total?.length ?? 0;
  const value = (cell: HtmlCell | undefined) => {
    const v = readShown(cell?.text ?? "");
    if (v === undefined) throw new Error(`${id}: "${cell?.text}" is not a figure`);
    return v;
  };
  for (let c = 0; c < width; c++) {
    const column = table.rows.map((row) => row[c]);
    if (!column.every((cell) => cell?.kind === "count")) continue;
    const total = table.total?.[c]?.kind === "count" ? value(table.total[c]) : null;
    lines.push({ label: `${id} column ${c}`, cells: column.map(value), total: table.total ? total : null });
  }
  if (rowTotals) {
    [...table.rows, ...(table.total ? [table.total] : [])].forEach((row, r) => {
      lines.push({ label: `${id} row ${r}`, cells: row.slice(0, -1).map(value), total: value(row.at(-1)) });
    });
  }
  return lines;
}
