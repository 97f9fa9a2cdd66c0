import { describe, expect, it } from "vitest";
import type { RegisterImportReport } from "#src/features/companies/companies.import.schemas.ts";
import { importSummary } from "./companies-import.ts";

// The summary `lots companies import` prints: the counts, and the differences from curated fields only when
// there are any.

const report = (changes: Partial<RegisterImportReport>): RegisterImportReport => ({
  rows: 10,
  inserted: 4,
  updated: 3,
  unchanged: 2,
  invalid: 1,
  wouldInsert: 0,
  wouldUpdate: 0,
  soleTraders: 0,
  differences: 0,
  differencesCleared: 0,
  seconds: 2,
  dryRun: false,
  ...changes,
});

describe("importSummary", () => {
  it("says nothing about differences when there are none", () => {
    expect(importSummary(report({}))).toBe(
      "10 rows in 2.0 s (5 rows/s): inserted 4, updated 3, unchanged 2, invalid 1.\n",
    );
  });

  it("counts the curated fields the register disagrees with, and those it now agrees with", () => {
    expect(importSummary(report({ differences: 2, differencesCleared: 1 }))).toBe(
      "10 rows in 2.0 s (5 rows/s): inserted 4, updated 3, unchanged 2, invalid 1.\n" +
        "2 curated fields differ from the register: kept, and waiting for staff to accept or keep on the " +
        "company pages. 1 earlier difference cleared: the register now agrees.\n",
    );
  });

  it("says when the register now agrees with every curated field", () => {
    expect(importSummary(report({ differencesCleared: 2 }))).toContain(
      "\nNo curated field differs from the register. 2 earlier differences cleared: the register now agrees.\n",
    );
    expect(importSummary(report({ dryRun: true, differencesCleared: 1 }))).toContain(
      "\nNo curated field differs from the register. 1 earlier difference would be cleared: the register now agrees.\n",
    );
  });

  it("in a dry run, says what would happen and that nothing was written", () => {
    expect(importSummary(report({ dryRun: true, wouldInsert: 5, wouldUpdate: 4, differences: 1 }))).toBe(
      "10 rows in 2.0 s (5 rows/s): 9 valid (5 new, 4 already registered), 1 invalid.\n" +
        "1 curated field differs from the register and would wait for staff on the company pages.\n" +
        "Dry run: nothing was written.\n",
    );
  });
});
