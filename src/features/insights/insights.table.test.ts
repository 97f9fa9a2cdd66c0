import { describe, expect, it } from "vitest";
import {
  columnKind,
  hasSuppressed,
  type InsightTable,
  type InsightValue,
  numericValue,
  suppressedLabel,
  valueText,
} from "./insights.table.ts";

const NBSP = "\u00a0";
const count = (n: number, suppressed = false): InsightValue => ({ kind: "count", count: n, suppressed });
const percent = (value: number | null, suppressed = false): InsightValue => ({
  kind: "percent",
  value,
  suppressed,
});
const days = (value: number | null, suppressed = false): InsightValue => ({
  kind: "days",
  value,
  suppressed,
});

describe("valueText", () => {
  it("formats counts the Swedish way in both languages", () => {
    expect(valueText(count(12345), "sv")).toBe(`12${NBSP}345`);
    expect(valueText(count(12345), "en")).toBe(`12${NBSP}345`);
    expect(valueText(count(0), "sv")).toBe("0");
  });

  it('shows "< 3" for a suppressed count of 1 or 2 and ".." for a larger one, never the number', () => {
    expect(valueText(count(1, true), "sv")).toBe("< 3");
    expect(valueText(count(2, true), "en")).toBe("< 3");
    // Counts of 3 or more are hidden only as complements, so "< 3" would be untrue for them.
    expect(valueText(count(3, true), "sv")).toBe("..");
    expect(valueText(count(1729, true), "en")).toBe("..");
  });

  it('shows ".." (not published) for every suppressed percentage and duration, whatever its number', () => {
    // A share or a time is not a count of companies, so "< 3" would say something untrue about it.
    expect(valueText(percent(0.5, true), "sv")).toBe("..");
    expect(valueText(percent(null, true), "en")).toBe("..");
    expect(valueText(days(4.5, true), "en")).toBe("..");
  });

  it('writes percentages whole with a space before "%", and null as "–"', () => {
    expect(valueText(percent(0.42), "sv")).toBe(`42${NBSP}%`);
    expect(valueText(percent(0.4249), "en")).toBe(`42${NBSP}%`);
    expect(valueText(percent(1), "sv")).toBe(`100${NBSP}%`);
    expect(valueText(percent(null), "sv")).toBe("–");
  });

  it("writes days with a decimal comma and the unit word in the interface language", () => {
    expect(valueText(days(3.5), "sv")).toBe(`3,5${NBSP}dagar`);
    expect(valueText(days(3.5), "en")).toBe(`3,5${NBSP}days`);
    expect(valueText(days(3.46), "sv")).toBe(`3,5${NBSP}dagar`);
    expect(valueText(days(1), "sv")).toBe(`1${NBSP}dag`);
    expect(valueText(days(1), "en")).toBe(`1${NBSP}day`);
    expect(valueText(days(2), "sv")).toBe(`2${NBSP}dagar`);
    expect(valueText(days(null), "en")).toBe("–");
  });

  it("passes text through unchanged", () => {
    expect(valueText({ kind: "text", text: "Nora" }, "en")).toBe("Nora");
  });
});

describe("suppressedLabel", () => {
  it('labels a suppressed count "< 3" for 1 or 2 and ".." for 3 or more, and a shown count not at all', () => {
    expect(suppressedLabel({ count: 1, suppressed: true })).toBe("< 3");
    expect(suppressedLabel({ count: 2, suppressed: true })).toBe("< 3");
    expect(suppressedLabel({ count: 3, suppressed: true })).toBe("..");
    expect(suppressedLabel({ count: 40, suppressed: true })).toBe("..");
    expect(suppressedLabel({ count: 2, suppressed: false })).toBeUndefined();
    expect(suppressedLabel({ count: 40, suppressed: false })).toBeUndefined();
  });
});

describe("numericValue", () => {
  it("gives the number a chart may draw", () => {
    expect(numericValue(count(42))).toBe(42);
    expect(numericValue(count(0))).toBe(0);
    expect(numericValue(percent(0))).toBe(0);
    expect(numericValue(days(2.5))).toBe(2.5);
  });

  it("gives null for suppressed, not applicable and text, so nothing is drawn", () => {
    expect(numericValue(count(7, true))).toBeNull();
    expect(numericValue(percent(0.3, true))).toBeNull();
    expect(numericValue(days(3, true))).toBeNull();
    expect(numericValue(percent(null))).toBeNull();
    expect(numericValue({ kind: "text", text: "12" })).toBeNull();
  });
});

describe("columnKind and hasSuppressed", () => {
  const table: InsightTable = {
    id: "t",
    title: "T",
    rowHeader: "Tema",
    columns: ["Kommun", "Antal", "Andel"],
    rows: [
      { header: "A", values: [{ kind: "text", text: "Nora" }, count(5), percent(0.5)] },
      { header: "B", values: [{ kind: "text", text: "Lindesberg" }, count(5), percent(0.5)] },
    ],
    notes: [],
  };

  it("finds the kind of a column's numbers, or null for text", () => {
    expect(columnKind(table, 0)).toBeNull();
    expect(columnKind(table, 1)).toBe("count");
    expect(columnKind(table, 2)).toBe("percent");
  });

  it("notices a suppressed value in the rows or only in the total row", () => {
    expect(hasSuppressed(table)).toBe(false);
    expect(hasSuppressed({ ...table, total: { header: "Totalt", values: [count(0), count(2, true)] } })).toBe(
      true,
    );
    const row = { header: "C", values: [{ kind: "text", text: "Nora" } as const, count(1, true)] };
    expect(hasSuppressed({ ...table, rows: [...table.rows, row] })).toBe(true);
  });
});
