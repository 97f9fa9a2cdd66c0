/**
 * CSV and XLSX downloads of the needs-intelligence tables (issue 8). They write the same tables the pages
 * show, after small-cell protection, so a suppressed count is "< 3" (or ".." for a hidden complement) in the file too and its number is never
 * written. Numbers are machine-readable (a point as decimal sign, no thousands separator) rather than
 * Swedish-formatted: a spreadsheet formats them itself, and text such as "12 345" would not sum.
 */
import { stringify } from "csv-stringify/sync";
import writeExcelFile, { type Cell, type SheetData } from "write-excel-file/node";
import { formatDate, type Locale } from "#src/shared/i18n.ts";
import { COMPLEMENT_LABEL } from "./insights.suppression.ts";
import { type InsightRow, type InsightTable, type InsightValue, suppressedLabel } from "./insights.table.ts";

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_MAX = 31;
/** Characters Excel refuses in sheet names. */
const SHEET_NAME_ILLEGAL = /[[\]:*?/\\]/g;
/** Text that a spreadsheet could take for a formula (the same starts csv-stringify's escape_formulas knows). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One value as a CSV cell. Text as it is; a count as a plain integer ("12345"); a percentage in percent
 * units rounded to one decimal with a point ("42.3" for 0.4234, no "%"); days rounded to one decimal with
 * a point ("3.5"); a suppressed count as "< 3" or "..", another suppressed value as ".."; not applicable as an empty cell.
 */
function csvCell(value: InsightValue): string | number {
  switch (value.kind) {
    case "text":
      return value.text;
    case "count":
      return suppressedLabel(value) ?? value.count;
    case "percent":
      if (value.suppressed) return COMPLEMENT_LABEL;
      return value.value === null ? "" : roundTo(value.value * 100, 1);
    case "days":
      if (value.suppressed) return COMPLEMENT_LABEL;
      return value.value === null ? "" : roundTo(value.value, 1);
  }
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** A table's CSV records in reading order: header, rows, total, then each note as a record of one cell. */
function csvRecords(table: InsightTable): (string | number)[][] {
  const line = (row: InsightRow) => [
    row.header,
    ...table.columns.map((_, c) => csvCell(row.values[c] ?? NOT_APPLICABLE)),
  ];
  return [
    [table.rowHeader, ...table.columns],
    ...table.rows.map(line),
    ...(table.total ? [line(table.total)] : []),
    ...table.notes.map((note) => [note]),
  ];
}

const NOT_APPLICABLE: InsightValue = { kind: "percent", value: null, suppressed: false };

/**
 * The tables as one CSV file, following the audit export's conventions (audit.csv.ts): UTF-8 with a
 * byte-order mark so Excel reads å, ä, ö; comma delimiter; RFC 4180 quoting; CRLF line ends; and
 * formula-injection protection (a text cell starting with = + - @ gets a leading apostrophe), since theme,
 * municipality and note texts are typed by people.
 *
 * Layout: a table is its header row (row header label, then the column labels), its rows, its total row,
 * then each note as a row of one cell. One table starts with its header row, so it loads straight into a
 * spreadsheet or a script; several tables are each preceded by a row holding the title and separated by an
 * empty row. Cell values: see {@link csvCell} — integers plain, percentages as percent units with a point
 * and one decimal ("42.3"), days with a point and one decimal ("3.5"), suppressed "< 3" or "..", not applicable empty.
 * `locale` is taken for symmetry with the XLSX export; titles and labels come translated in the tables.
 */
export function tablesToCsv(tables: readonly InsightTable[], _locale: Locale): string {
  const rows: (string | number)[][] = [];
  tables.forEach((table, i) => {
    if (tables.length > 1) {
      if (i > 0) rows.push([]);
      rows.push([table.title]);
    }
    rows.push(...csvRecords(table));
  });
  return stringify(rows, { bom: true, record_delimiter: "windows", escape_formulas: true });
}

const bold = { fontWeight: "bold" } as const;

/** A text cell; text a spreadsheet could read as a formula is pinned to the Text format ("@"). */
function textCell(text: string, style: { fontWeight?: "bold" } = {}): Cell {
  return FORMULA_START.test(text)
    ? { type: String, value: text, format: "@", ...style }
    : { type: String, value: text, ...style };
}

/**
 * One value as an XLSX cell: counts as numbers, percentages as the fraction with a percent format (Excel
 * shows 42,3 % in a Swedish locale), days as numbers with one decimal, suppressed values of any kind as the
 * text "< 3" or "..", not applicable as an empty cell.
 */
function xlsxCell(value: InsightValue, style: { fontWeight?: "bold" } = {}): Cell {
  switch (value.kind) {
    case "text":
      return textCell(value.text, style);
    case "count":
      return value.suppressed
        ? textCell(suppressedLabel(value)!, style)
        : { type: Number, value: value.count, format: "0", ...style };
    case "percent":
      if (value.suppressed) return textCell(COMPLEMENT_LABEL, style);
      return value.value === null
        ? null
        : { type: Number, value: roundTo(value.value, 3), format: "0.0%", ...style };
    case "days":
      if (value.suppressed) return textCell(COMPLEMENT_LABEL, style);
      return value.value === null
        ? null
        : { type: Number, value: roundTo(value.value, 1), format: "0.0", ...style };
  }
}

/**
 * Excel sheet names for the titles: the characters Excel refuses ([ ] : * ? / \) and control characters
 * dropped, no leading or trailing apostrophe, at most 31 characters, never "History" (reserved by Excel),
 * unique regardless of case (Excel's rule) by a " (2)"-style suffix; an empty name becomes `fallback`.
 */
export function sheetNames(titles: readonly string[], fallback: string): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    const cleaned = title
      .replace(SHEET_NAME_ILLEGAL, " ")
      .replace(/\p{Cc}/gu, "")
      .replace(/\s+/g, " ");
    let base = cleaned.replace(/^[\s']+|[\s']+$/g, "") || fallback;
    if (base.toLowerCase() === "history") base = `${base} 1`;
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? "" : ` (${n})`;
      const name = `${cut(base, SHEET_NAME_MAX - suffix.length).replace(/[\s']+$/, "")}${suffix}`;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  });
}

/** The first `max` UTF-16 units of a text, never splitting a surrogate pair (the library counts units). */
function cut(text: string, max: number): string {
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/**
 * The tables as an XLSX workbook, one sheet per table (named by {@link sheetNames}). A sheet holds the full
 * title in bold (the sheet name may be shortened), the bold header row, the rows, the bold total row, an
 * empty row and the notes. Counts are numbers, suppressed cells the text "< 3" or ".."; every text is written as a
 * string (write-excel-file never makes formulas of strings, and text starting with = + - @ also gets the
 * Text format so Excel will not evaluate it after an edit).
 */
export async function tablesToXlsx(tables: readonly InsightTable[], locale: Locale): Promise<Buffer> {
  const names = sheetNames(
    tables.map((table) => table.title),
    locale === "sv" ? "Tabell" : "Table",
  );
  const sheets = (tables.length > 0 ? tables : [emptyTable(locale)]).map((table, i) => {
    const data: SheetData = [
      [textCell(table.title, bold)],
      [textCell(table.rowHeader, bold), ...table.columns.map((c) => textCell(c, bold))],
      ...table.rows.map((row) => sheetRow(table, row)),
      ...(table.total ? [sheetRow(table, table.total, bold)] : []),
      ...(table.notes.length > 0 ? [[null], ...table.notes.map((note) => [textCell(note)])] : []),
    ];
    const widest = Math.max(
      10,
      ...[table.rowHeader, ...table.rows.map((r) => r.header)].map((s) => s.length),
    );
    return {
      data,
      sheet: names[i] ?? (locale === "sv" ? "Tabell" : "Table"),
      columns: [
        { width: Math.min(widest + 2, 60) },
        ...table.columns.map((c) => ({ width: Math.max(12, c.length + 2) })),
      ],
      stickyRowsCount: 2,
    };
  });
  return writeExcelFile(sheets).toBuffer();
}

function sheetRow(table: InsightTable, row: InsightRow, style: { fontWeight?: "bold" } = {}): Cell[] {
  return [
    textCell(row.header, style),
    ...table.columns.map((_, c) => xlsxCell(row.values[c] ?? NOT_APPLICABLE, style)),
  ];
}

/** A workbook needs a sheet; an export of no tables gets one empty, titled sheet. */
function emptyTable(locale: Locale): InsightTable {
  const title = locale === "sv" ? "Tabell" : "Table";
  return { id: "empty", title, columns: [], rowHeader: "", rows: [], notes: [] };
}

/**
 * The download's file name: "lots-" (unless `base` already starts with it), `base` in lower-case ASCII
 * (å, ä, ö → a, a, o; anything else → "-"), the Stockholm date and the extension, e.g.
 * `exportFileName("behov", "csv", date)` → `lots-behov-2026-11-29.csv`. Plain ASCII, so it is safe in a
 * Content-Disposition header without encoding.
 */
export function exportFileName(base: string, format: "csv" | "xlsx", date: Date): string {
  const slug = base
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const stem = slug === "" ? "lots" : slug.startsWith("lots-") || slug === "lots" ? slug : `lots-${slug}`;
  return `${stem}-${formatDate(date)}.${format}`;
}
