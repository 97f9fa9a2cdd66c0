import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endStatisticsConsent, makeCompanyWithNeeds } from "#tests/support/insights-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import {
  calendarPeriod,
  countCompaniesWithNeeds,
  liveRows,
  type NeedsCountQuery,
  type NeedsCountRow,
  periodStarts,
  rollupRows,
} from "./insights.repository.ts";
import { countDirtySubjects, refreshDirtySubjects } from "./insights.rollup.ts";

// The rollups against an oracle written in plain TypeScript from the same generated needs: every figure the
// cells give equals a distinct count of companies, as does the live path, before and after a consent is
// withdrawn and a company is erased.

let testDb: TestDb;
let org: string;

type Generated = {
  id: string;
  counts: boolean;
  sni: string;
  size: string;
  needs: { theme: string; at: Date; municipality: string }[];
};
const generated: Generated[] = [];

const THEMES = ["financing", "recruitment", "digitalisation", "sales-export"];
const MUNICIPALITIES = ["1884", "1885", "1880"];
const SNI = [
  ["25620", "C"],
  ["56100", "I"],
  ["62010", "J"],
] as const;
const SIZES = ["1-4", "10-19"];

// A small deterministic generator, so a failure can be replayed.
let seed = 20_261_129;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
function pickOne<T>(values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function stockholmMonth(at: Date): string {
  const local = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short" }).format(
    at,
  );
  return `${local.slice(0, 7)}-01`;
}

/** The oracle: distinct companies per key in [from, to] under the rollup's rules. */
function oracle(query: NeedsCountQuery): { rows: Map<string, number>; total: number } {
  const inRange = (at: Date) => {
    const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "short" }).format(
      at,
    );
    return day >= query.from && day <= query.to;
  };
  const rows = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const company of generated.filter((c) => c.counts)) {
    const needs = company.needs
      .filter((n) => inRange(n.at))
      .filter((n) => !query.themes?.length || query.themes.includes(n.theme));
    if (needs.length === 0) continue;
    const latest = needs.reduce((a, b) => (b.at > a.at ? b : a));
    const sniSection = SNI.find(([code]) => code === company.sni)![1];
    if (query.municipalities?.length && !query.municipalities.includes(latest.municipality)) continue;
    if (query.sizeBands?.length && !query.sizeBands.includes(company.size)) continue;
    if (query.sniSections?.length && !query.sniSections.includes(sniSection)) continue;
    all.add(company.id);
    for (const need of needs) {
      const key = query.groupBy
        .map((d) =>
          d === "theme"
            ? need.theme
            : d === "municipality"
              ? latest.municipality
              : d === "sniSection"
                ? sniSection
                : company.size,
        )
        .join("|");
      if (!rows.has(key)) rows.set(key, new Set());
      rows.get(key)!.add(company.id);
    }
  }
  return { rows: new Map([...rows].map(([k, v]) => [k, v.size])), total: all.size };
}

function asMap(groupBy: NeedsCountQuery["groupBy"], rows: readonly NeedsCountRow[]): Map<string, number> {
  return new Map(rows.map((row) => [groupBy.map((d) => row.key[d]).join("|"), row.companies]));
}

const QUERIES: NeedsCountQuery[] = [
  { from: "2025-01-01", to: "2025-12-31", groupBy: ["theme", "municipality"] },
  { from: "2025-01-01", to: "2025-12-31", groupBy: ["municipality"] },
  { from: "2025-01-01", to: "2025-12-31", groupBy: [] },
  { from: "2025-04-01", to: "2025-06-30", groupBy: ["theme"], municipalities: ["1884"] },
  { from: "2025-07-01", to: "2025-07-31", groupBy: ["theme", "sniSection"] },
  { from: "2026-01-01", to: "2026-03-31", groupBy: ["sizeBand", "municipality"], themes: ["financing"] },
  { from: "2025-01-01", to: "2025-12-31", groupBy: ["sniSection"], sizeBands: ["1-4"] },
];

async function expectExact() {
  while ((await refreshDirtySubjects(testDb.db)) > 0);
  for (const query of QUERIES) {
    const expected = oracle(query);
    const period = calendarPeriod(query.from, query.to)!;
    const fromCells = await rollupRows(testDb.db, query, { kind: period.kind, starts: [period.start] });
    expect(asMap(query.groupBy, fromCells), JSON.stringify(query)).toEqual(expected.rows);
    expect(asMap(query.groupBy, await liveRows(testDb.db, query, undefined))).toEqual(expected.rows);
    const counted = await countCompaniesWithNeeds(testDb.db, query);
    expect(counted.source).toBe("rollup");
    expect(counted.total).toBe(expected.total);
  }
}

beforeAll(async () => {
  testDb = await createTestDb();
  org = await makeOrganisation(testDb.db, "Region Orebro lan", "region");
  for (let i = 0; i < 40; i++) {
    const [sni] = pickOne(SNI);
    const home = pickOne(MUNICIPALITIES);
    const company: Generated = { id: "", counts: random() > 0.15, sni, size: pickOne(SIZES), needs: [] };
    const many = 1 + Math.floor(random() * 5);
    for (let k = 0; k < many; k++) {
      // Needs over 2025 and early 2026; one in five filed from another municipality (the company moved).
      const at = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 455 * 86_400_000));
      company.needs.push({
        theme: pickOne(THEMES),
        at,
        municipality: random() < 0.2 ? pickOne(MUNICIPALITIES) : home,
      });
    }
    company.id = await makeCompanyWithNeeds(testDb.db, org, {
      municipality: home,
      sni,
      sizeBand: company.size,
      statistics: company.counts,
      needs: company.needs.map((n) => ({ theme: n.theme, at: n.at, municipality: n.municipality })),
    });
    generated.push(company);
  }
});
afterAll(async () => {
  await testDb?.close();
});

describe("needs rollups", () => {
  it("finds the calendar periods a range is made of", () => {
    expect(calendarPeriod("2025-01-01", "2025-12-31")).toEqual({ kind: "year", start: "2025-01-01" });
    expect(calendarPeriod("2025-04-01", "2025-06-30")).toEqual({ kind: "quarter", start: "2025-04-01" });
    expect(calendarPeriod("2024-02-01", "2024-02-29")).toEqual({ kind: "month", start: "2024-02-01" });
    expect(calendarPeriod("2025-01-02", "2025-12-31")).toBeUndefined();
    expect(calendarPeriod("2025-02-01", "2025-04-30")).toBeUndefined();
    expect(periodStarts("month", "2025-11-01", "2026-01-31")).toEqual([
      "2025-11-01",
      "2025-12-01",
      "2026-01-01",
    ]);
    expect(periodStarts("quarter", "2025-02-01", "2025-06-30")).toEqual([]);
  });

  it("gives every calendar period's figures as distinct companies, equal to the live count and to an oracle", async () => {
    await expectExact();
    // The year is not the sum of its months when companies come back (the trap the issue measured).
    const months = await countCompaniesWithNeeds(testDb.db, {
      from: "2025-01-01",
      to: "2025-12-31",
      groupBy: ["month"],
    });
    const year = await countCompaniesWithNeeds(testDb.db, {
      from: "2025-01-01",
      to: "2025-12-31",
      groupBy: [],
    });
    expect(months.rows.reduce((a, r) => a + r.companies, 0)).toBeGreaterThan(year.total);
  });

  it("stays exact after a statistics consent is withdrawn and a company is erased", async () => {
    const leaving = generated.find((c) => c.counts)!;
    await endStatisticsConsent(testDb.db, leaving.id);
    leaving.counts = false;
    expect(await countDirtySubjects(testDb.db)).toBe(1);
    await expectExact();

    // Erasure keeps the anonymous needs counting once as one subject.
    const erased = generated.filter((c) => c.counts)[1]!;
    await testDb.db
      .updateTable("needs")
      .set({ company_id: null, anonymous_in_statistics: true, statistics_subject: crypto.randomUUID() })
      .where("company_id", "=", erased.id)
      .execute();
    await testDb.db.deleteFrom("consents").where("company_id", "=", erased.id).execute();
    await testDb.db.deleteFrom("companies").where("id", "=", erased.id).execute();
    await expectExact();
  });

  it("answers a range that is not a calendar period from the needs, exactly", async () => {
    const query: NeedsCountQuery = { from: "2025-02-15", to: "2025-09-30", groupBy: ["theme"] };
    const counted = await countCompaniesWithNeeds(testDb.db, query);
    expect(counted.source).toBe("live");
    const expected = oracle(query);
    expect(asMap(query.groupBy, counted.rows)).toEqual(expected.rows);
    expect(counted.total).toBe(expected.total);
  });

  it("keeps each month's own figure when grouped by month", async () => {
    const query: NeedsCountQuery = { from: "2025-01-01", to: "2025-06-30", groupBy: ["month"] };
    const counted = await countCompaniesWithNeeds(testDb.db, query);
    for (const row of counted.rows) {
      const month = row.key.month!;
      const end = periodStarts("month", month, "2025-06-30")[0]!;
      expect(end).toBe(month);
      const single = oracle({
        from: month,
        to: new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7), 0)).toISOString().slice(0, 10),
        groupBy: [],
      });
      expect(row.companies, month).toBe(single.total);
    }
    expect(counted.rows.map((r) => r.key.month)).toEqual(
      [...new Set(generated.filter((c) => c.counts).flatMap((c) => c.needs.map((n) => stockholmMonth(n.at))))]
        .filter((m) => m <= "2025-06-01")
        .sort(),
    );
  });
});
