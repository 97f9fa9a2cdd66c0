import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// WCAG 1.4.10 (Reflow): a data table wider than a 320 px screen must scroll inside its own named, focusable
// region (TableScroll), not widen the page. The browser check (tests/e2e/reflow.spec.ts, npm run
// test:reflow) sees only the tables that hold rows in its data; a table shown only in some states (a
// retention run, a mail in the outbox) slipped past it once. So every table a view writes is checked here:
// it stands inside <TableScroll …> (within the few lines above it) or wraps its cells (class lots-break).

const SRC = fileURLToPath(new URL("../../", import.meta.url));

function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return viewFiles(full);
    return entry.name.endsWith(".tsx") && !entry.name.includes(".test.") ? [full] : [];
  });
}

/** The lines (1-based) of each `<table` in `source` that neither TableScroll nor lots-break keeps on screen. */
function unwrappedTables(source: string): number[] {
  const lines = source.split("\n");
  return lines.flatMap((line, i) => {
    if (!/<table[\s>]/.test(line) || line.includes("lots-break")) return [];
    const above = lines.slice(Math.max(0, i - 4), i).join("\n");
    return /<TableScroll[\s>]/.test(above) ? [] : [i + 1];
  });
}

describe("tables on narrow screens", () => {
  it("tells a wrapped table from an unwrapped one (the check can fail)", () => {
    const wrapped = '<TableScroll label="x">\n  <table class="ds-table">\n  </table>\n</TableScroll>';
    const bare = '<section>\n  <table class="ds-table">\n  </table>\n</section>';
    const breaking = '<table class="ds-table lots-break">';
    expect(unwrappedTables(wrapped)).toEqual([]);
    expect(unwrappedTables(bare)).toEqual([2]);
    expect(unwrappedTables(breaking)).toEqual([]);
  });

  it("every table a view writes scrolls in its own region or wraps its cells", () => {
    const files = viewFiles(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      unwrappedTables(readFileSync(file, "utf8")).map((line) => `${path.relative(SRC, file)}:${line}`),
    );
    expect(found).toEqual([]);
  });
});
