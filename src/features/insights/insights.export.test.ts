import { parse } from "csv-parse/sync";
import readExcelFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { exportFileName, sheetNames, tablesToCsv, tablesToXlsx } from "./insights.export.ts";
import type { InsightTable, InsightValue } from "./insights.table.ts";

const count = (n: number, suppressed = false): InsightValue => ({ kind: "count", count: n, suppressed });

// 1729 stands for a count hidden as a complement: distinctive enough to search a whole file for.
const byTheme: InsightTable = {
  id: "needs-by-theme",
  title: "Behov per tema",
  rowHeader: "Tema",
  columns: ["Antal företag", "Andel", "Dagar till första kontakt"],
  rows: [
    {
      header: "Finansiering",
      values: [
        count(12345),
        { kind: "percent", value: 0.4234, suppressed: false },
        { kind: "days", value: 3.46, suppressed: false },
      ],
    },
    {
      header: "Export",
      values: [
        count(1729, true),
        { kind: "percent", value: 0.17, suppressed: true },
        { kind: "days", value: 12, suppressed: true },
      ],
    },
    {
      header: '=HYPERLINK("http://evil.test")',
      values: [
        count(0),
        { kind: "percent", value: null, suppressed: false },
        { kind: "days", value: null, suppressed: false },
      ],
    },
  ],
  total: {
    header: "Totalt",
    values: [
      count(14074),
      { kind: "percent", value: 1, suppressed: false },
      { kind: "days", value: 4, suppressed: false },
    ],
  },
  notes: ["Ett företag kan ha flera behov.", "+ betyder ökning"],
};

const byMunicipality: InsightTable = {
  id: "needs-by-municipality",
  title: "Behov per kommun",
  rowHeader: "Kommun",
  columns: ["Antal företag"],
  rows: [
    { header: "Nora", values: [count(2, true)] },
    { header: "Lindesberg", values: [count(9)] },
  ],
  notes: [],
};

function withoutTrailingNulls<T>(row: (T | null)[]): (T | null)[] {
  const cells = [...row];
  while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
  return cells;
}

function parseCsv(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false });
}

describe("tablesToCsv", () => {
  it("writes a BOM, CRLF line ends and machine-readable numbers", () => {
    const csv = tablesToCsv([byTheme], "sv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("\r\n");
    expect(csv.replaceAll("\r\n", "")).not.toContain("\n");
    expect(parseCsv(csv)).toEqual([
      ["Tema", "Antal företag", "Andel", "Dagar till första kontakt"],
      ["Finansiering", "12345", "42.3", "3.5"],
      // The count 1729 is hidden as a complement (".."); its share and days are not published either ("..").
      ["Export", "..", "..", ".."],
      ['\'=HYPERLINK("http://evil.test")', "0", "", ""],
      ["Totalt", "14074", "100", "4"],
      ["Ett företag kan ha flera behov."],
      ["'+ betyder ökning"],
    ]);
  });

  it("never writes a suppressed number", () => {
    const csv = tablesToCsv([byTheme, byMunicipality], "en");
    expect(csv).not.toContain("1729");
    expect(csv).not.toMatch(/(^|,)2(,|\r)/m);
  });

  it("puts each table's title before it and an empty row between tables", () => {
    const records = parseCsv(tablesToCsv([byTheme, byMunicipality], "sv"));
    expect(records[0]).toEqual(["Behov per tema"]);
    expect(records[1]?.[0]).toBe("Tema");
    const gap = records.findIndex((r) => r.length === 1 && r[0] === "");
    expect(gap).toBe(8);
    expect(records.slice(gap + 1)).toEqual([
      ["Behov per kommun"],
      ["Kommun", "Antal företag"],
      ["Nora", "< 3"],
      ["Lindesberg", "9"],
    ]);
  });
});

describe("tablesToXlsx", () => {
  it("writes one sheet per table with numbers as numbers and suppressed cells as the text < 3 or ..", async () => {
    const sheets = await readExcelFile(await tablesToXlsx([byTheme, byMunicipality], "sv"));
    expect(sheets.map((s) => s.sheet)).toEqual(["Behov per tema", "Behov per kommun"]);
    // read-excel-file pads every row to the sheet's width with nulls; the checks compare the cells written.
    const [theme, municipality] = sheets.map((s) => s.data.map(withoutTrailingNulls));
    expect(theme![0]).toEqual(["Behov per tema"]);
    expect(theme![1]).toEqual(["Tema", "Antal företag", "Andel", "Dagar till första kontakt"]);
    expect(theme![2]).toEqual(["Finansiering", 12345, 0.423, 3.5]);
    expect(typeof theme![2]![1]).toBe("number");
    expect(theme![3]).toEqual(["Export", "..", "..", ".."]);
    expect(theme![4]![0]).toBe('=HYPERLINK("http://evil.test")');
    expect(theme![4]![1]).toBe(0);
    expect(theme![5]).toEqual(["Totalt", 14074, 1, 4]);
    expect(theme!.flat()).toContain("Ett företag kan ha flera behov.");
    expect(theme!.flat()).toContain("+ betyder ökning");
    expect(municipality!.slice(2)).toEqual([
      ["Nora", "< 3"],
      ["Lindesberg", 9],
    ]);
    for (const cell of sheets.flatMap((s) => s.data.flat())) {
      expect(cell).not.toBe(1729);
      expect(String(cell)).not.toContain("1729");
      expect(cell).not.toBe(2);
    }
  });

  it("makes valid, unique sheet names from any title", async () => {
    const long = "Behov per tema och kommun under hela året 2026";
    const tables = [long, long, "Behov: [a/b] * c?", "", "History"].map((title, i) => ({
      ...byMunicipality,
      id: `t${i}`,
      title,
    }));
    const names = (await readExcelFile(await tablesToXlsx(tables, "sv"))).map((s) => s.sheet);
    expect(names).toEqual(
      sheetNames(
        tables.map((t) => t.title),
        "Tabell",
      ),
    );
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it("writes a workbook even for no tables", async () => {
    const sheets = await readExcelFile(await tablesToXlsx([], "en"));
    expect(sheets.map((s) => s.sheet)).toEqual(["Table"]);
  });
});

describe("sheetNames", () => {
  it("drops illegal characters, cuts at 31 and numbers duplicates regardless of case", () => {
    expect(sheetNames(["Behov: [a/b] * c?", "'Citerad'"], "Tabell")).toEqual(["Behov a b c", "Citerad"]);
    const long = "Behov per tema och kommun under hela året 2026";
    const [first, second] = sheetNames([long, long.toUpperCase()], "Tabell");
    expect(first).toBe("Behov per tema och kommun under");
    expect(second).toBe("BEHOV PER TEMA OCH KOMMUN U (2)");
    expect(sheetNames(["", "  ", "history"], "Tabell")).toEqual(["Tabell", "Tabell (2)", "history 1"]);
  });
});

describe("exportFileName", () => {
  it("is lower-case ASCII with the Stockholm date", () => {
    expect(exportFileName("behov", "csv", new Date("2026-11-29T10:00:00Z"))).toBe(
      "lots-behov-2026-11-29.csv",
    );
    expect(exportFileName("lots-behov", "xlsx", new Date("2026-11-29T10:00:00Z"))).toBe(
      "lots-behov-2026-11-29.xlsx",
    );
    // 23:30 UTC is already the next day in Stockholm.
    expect(exportFileName("Behov & åtgärder i Örebro", "xlsx", new Date("2026-11-29T23:30:00Z"))).toBe(
      "lots-behov-atgarder-i-orebro-2026-11-30.xlsx",
    );
    expect(exportFileName("", "csv", new Date("2026-06-01T12:00:00Z"))).toBe("lots-2026-06-01.csv");
  });
});
