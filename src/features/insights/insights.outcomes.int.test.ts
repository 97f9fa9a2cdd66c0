import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endStatisticsConsent } from "#tests/support/insights-fixtures.ts";
import {
  answerCampaign,
  type FixtureReferral,
  inviteToCampaign,
  makeOutcomeCampaign,
  makeOutcomeCase,
  makeOutcomeCompany,
  makeOutcomeNeed,
  makeOutcomeOffer,
  makeOutcomeReferral,
  makeTeam,
} from "#tests/support/insights-outcomes-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { OutcomesInsightAnswer } from "./insights.outcomes.schemas.ts";
import {
  declineSignals,
  firstContactTimes,
  type OutcomeFilter,
  outcomeFunnel,
  outcomesForApi,
  outcomeTables,
  surveyAnswers,
} from "./insights.outcomes.service.ts";
import type { InsightTable, InsightValue } from "./insights.table.ts";

// The lotsning outcome views on two hand-made populations: two companies in Askersund in May 2025 (every
// figure must be hidden, and nothing recoverable from a total), and sixteen in Örebro in March 2026 (exact
// figures computed by hand below; one company never consented to statistics and must not count).

let testDb: TestDb;
const SMALL: OutcomeFilter = { from: "2025-05-01", to: "2025-05-31", municipalities: ["1882"] };
const MIXED: OutcomeFilter = { from: "2025-06-01", to: "2025-06-30", municipalities: ["1881"] };
const BIG: OutcomeFilter = { from: "2026-03-01", to: "2026-03-31", municipalities: ["1880"] };
const A: string[] = []; // A[1]..A[16] of the big population

type Step = Omit<FixtureReferral, "offerId" | "partnerId" | "sentAt" | "municipality"> & {
  offer: "o1" | "o2" | "o3";
};

beforeAll(async () => {
  testDb = await createTestDb();
  const db = testDb.db;
  const network = await makeOrganisation(db, "Lotsnätverket");
  const team = await makeTeam(db, network);
  const partners = {
    o1: await makeOrganisation(db, "Partner Alfa"),
    o2: await makeOrganisation(db, "Partner Beta"),
    o3: await makeOrganisation(db, "Partner Gamma"),
  };
  const offers = {
    o1: await makeOutcomeOffer(db, partners.o1, "Rådgivning", "Advice"),
    o2: await makeOutcomeOffer(db, partners.o2, "Lån"),
    o3: await makeOutcomeOffer(db, partners.o3, "Bidrag"),
  };

  /** A company with a need at `needAt`, a case when `steps` is given, and those referrals sent at `sentAt`. */
  async function journey(
    municipality: string,
    needAt: Date,
    steps: Step[] | undefined,
    options: { statistics?: boolean } = {},
  ) {
    const companyId = await makeOutcomeCompany(db, municipality, options);
    const needId = await makeOutcomeNeed(db, companyId, network, municipality, needAt);
    if (steps) {
      const caseId = await makeOutcomeCase(db, {
        companyId,
        needId,
        organisationId: network,
        teamId: team,
        at: needAt,
      });
      const sentAt = new Date(needAt.getTime() + 2 * 86_400_000);
      for (const { offer, ...step } of steps)
        await makeOutcomeReferral(db, caseId, companyId, {
          ...step,
          offerId: offers[offer],
          partnerId: partners[offer],
          sentAt,
          municipality,
        });
    }
    return companyId;
  }

  // The small population: both referred, one helped, one declined (and expired elsewhere); both answer a pulse.
  const may = new Date("2025-05-12T08:00:00Z");
  const s1 = await journey("1882", may, [
    { offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 1 },
  ]);
  const s2 = await journey("1882", may, [
    { offer: "o1", status: "declined", declineReason: "no-capacity", respondedAfterDays: 2 },
    { offer: "o3", status: "expired" },
  ]);
  const pulse2025 = await makeOutcomeCampaign(db, network, {
    name: "Pulsen 2025 K2",
    pulse: true,
    opensAt: new Date("2025-04-01T00:00:00Z"),
  });
  for (const company of [s1, s2]) {
    await inviteToCampaign(db, pulse2025, company, new Date("2025-05-02T08:00:00Z"));
    await answerCampaign(db, pulse2025, company, new Date("2025-05-20T08:00:00Z"));
  }

  // The mixed population: some figures small, some not, so complements must be hidden next to totals.
  // Alfa helps M1-M4; Gamma declines them (not eligible); Beta declines M5; M6-M8 expire at Beta, M5 at Gamma.
  const june = new Date("2025-06-10T08:00:00Z");
  const mixed: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const steps: Step[] | undefined =
      i <= 4
        ? [
            { offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 1 },
            { offer: "o3", status: "declined", declineReason: "not-eligible", respondedAfterDays: 2 },
          ]
        : i === 5
          ? [
              { offer: "o2", status: "declined", declineReason: "no-capacity", respondedAfterDays: 1 },
              { offer: "o3", status: "expired" },
            ]
          : i <= 8
            ? [{ offer: "o2", status: "expired" }]
            : undefined;
    mixed.push(await journey("1881", june, steps));
  }
  const breakfast2025 = await makeOutcomeCampaign(db, network, {
    name: "Frukost juni",
    pulse: false,
    opensAt: new Date("2025-06-01T00:00:00Z"),
  });
  for (const company of mixed.slice(0, 4))
    await answerCampaign(db, breakfast2025, company, new Date("2025-06-20T08:00:00Z"));
  await inviteToCampaign(db, pulse2025, mixed[4]!, new Date("2025-06-02T08:00:00Z"));
  await answerCampaign(db, pulse2025, mixed[4]!, new Date("2025-06-20T08:00:00Z"));

  // The big population. Days to first contact: Alfa 1, 2 (a contact-log entry before the answer), 3, 4, 10;
  // Beta 0.5, 1, 2, 3; Gamma 1, 1, 1. Gamma's referrals of A7-A9 expired.
  const march = new Date("2026-03-05T10:00:00Z");
  const plan: (Step[] | undefined)[] = [
    [{ offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 1 }],
    [{ offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 5, contactAfterDays: 2 }],
    [{ offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 3 }],
    [
      { offer: "o1", status: "closed", outcome: "not-helped", respondedAfterDays: 4 },
      { offer: "o3", status: "declined", declineReason: "not-eligible", respondedAfterDays: 1 },
    ],
    [
      { offer: "o1", status: "in-progress", respondedAfterDays: 10 },
      { offer: "o3", status: "declined", declineReason: "not-eligible", respondedAfterDays: 1 },
    ],
    [
      { offer: "o2", status: "accepted", respondedAfterDays: 0.5 },
      { offer: "o3", status: "declined", declineReason: "not-eligible", respondedAfterDays: 1 },
    ],
    ...[1, 2, 3].map((days): Step[] => [
      { offer: "o2", status: "declined", declineReason: "no-capacity", respondedAfterDays: days },
      { offer: "o3", status: "expired" },
    ]),
    [], // A10-A12: a case, no referral
    [],
    [],
    undefined, // A13-A15: a need only
    undefined,
    undefined,
  ];
  A.push("");
  for (const steps of plan) A.push(await journey("1880", march, steps));
  // A16 never consented to statistics: helped slowly and declined, it would change every figure.
  A.push(
    await journey(
      "1880",
      march,
      [
        { offer: "o1", status: "closed", outcome: "helped", respondedAfterDays: 100 },
        { offer: "o2", status: "declined", declineReason: "no-capacity", respondedAfterDays: 1 },
      ],
      { statistics: false },
    ),
  );

  const opensAt = new Date("2026-03-01T06:00:00Z");
  const pulse = await makeOutcomeCampaign(db, network, { name: "Pulsen 2026 K1", pulse: true, opensAt });
  const breakfast = await makeOutcomeCampaign(db, network, {
    name: "Näringslivsfrukost mars",
    pulse: false,
    opensAt,
  });
  const answered = new Date("2026-03-15T10:00:00Z");
  for (const i of [1, 2, 3, 4, 5, 6, 16])
    await inviteToCampaign(db, pulse, A[i]!, new Date("2026-03-02T08:00:00Z"));
  for (const i of [1, 2, 3, 4, 10, 16]) await answerCampaign(db, pulse, A[i]!, answered);
  for (const i of [11, 12, 13, 16]) await answerCampaign(db, breakfast, A[i]!, answered);
  await answerCampaign(db, breakfast, A[14]!, new Date("2026-04-02T10:00:00Z")); // after the period
});

afterAll(async () => {
  await testDb?.close();
});

const shown = (value: InsightValue | undefined): number | string | null => {
  if (!value) return null;
  if (value.kind === "text") return value.text;
  if (value.suppressed) return "hidden";
  return value.kind === "count" ? value.count : value.value;
};
const column = (table: InsightTable, c: number) => [
  ...table.rows.map((row) => shown(row.values[c])),
  ...(table.total ? [shown(table.total.values[c])] : []),
];

/** Fails when a small count shows, or a hidden member of a line with a shown total is alone. */
function expectProtected(table: InsightTable, options: { rowLines?: boolean } = {}) {
  const all = [...table.rows, ...(table.total ? [table.total] : [])];
  for (const row of all)
    for (const value of row.values)
      if (value.kind === "count" && value.count > 0 && value.count < 3)
        expect(value.suppressed, `${table.id}: ${row.header}`).toBe(true);
  const lines: InsightValue[][] = [];
  if (table.total)
    for (let c = 0; c < table.columns.length; c++) lines.push(all.map((row) => row.values[c]!));
  if (options.rowLines) for (const row of all) lines.push(row.values);
  for (const line of lines) {
    const counts = line.filter((v) => v.kind === "count");
    const total = counts[counts.length - 1];
    if (!total || total.suppressed) continue;
    const hidden = counts.filter((v) => v.suppressed).length;
    if (hidden > 0) expect(hidden, `${table.id}: a hidden value alone on its line`).toBeGreaterThanOrEqual(2);
  }
  if (table.id === "outcome-funnel") {
    const stages = table.rows.map((row) => row.values[0]!).filter((v) => v.kind === "count" && !v.suppressed);
    const counts = stages.map((v) => (v.kind === "count" ? v.count : 0));
    for (let i = 1; i < counts.length; i++) expect([1, 2]).not.toContain(counts[i - 1]! - counts[i]!);
  }
}

/** Every count in an API answer: hidden ones must be null, shown ones 0 or at least 3. */
function apiCounts(value: unknown, found: (number | null)[] = []): (number | null)[] {
  if (Array.isArray(value)) for (const item of value) apiCounts(item, found);
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if ("count" in record && "suppressed" in record) {
      expect(record.suppressed ? record.count : "shown").toBe(record.suppressed ? null : "shown");
      found.push(record.count as number | null);
    } else for (const item of Object.values(record)) apiCounts(item, found);
  }
  return found;
}

describe("a handful of companies in one municipality", () => {
  it("hides every count and every value derived from one, in every table", async () => {
    const tables = await outcomeTables(testDb.db, SMALL, "sv");
    expect(tables.map((t) => t.id)).toEqual([
      "outcome-funnel",
      "first-contact",
      "decline-signals",
      "survey-answers",
    ]);
    for (const table of tables) expectProtected(table, { rowLines: table.id === "decline-signals" });
    const [funnel, contact, declines, surveys] = tables as [
      InsightTable,
      InsightTable,
      InsightTable,
      InsightTable,
    ];
    expect(column(funnel, 0)).toEqual(["hidden", "hidden", "hidden", "hidden", "hidden"]);
    expect(column(funnel, 1)).toEqual(["hidden", "hidden", "hidden", "hidden", "hidden"]);
    expect(contact.rows.map((r) => r.header)).toEqual(["Partner Alfa", "Partner Gamma"]);
    expect(column(contact, 0)).toEqual(["hidden", 0, "hidden"]);
    expect(column(contact, 1)).toEqual(["hidden", null, "hidden"]);
    expect(column(contact, 2)).toEqual(["hidden", null, "hidden"]);
    expect(column(contact, 3)).toEqual([0, "hidden", "hidden"]);
    expect(declines.rows.map((r) => r.header)).toEqual(["Rådgivning (Partner Alfa)"]);
    expect(column(declines, 0)).toEqual(["hidden", "hidden"]);
    expect(column(declines, 6)).toEqual(["hidden", "hidden"]);
    expect(surveys.rows.map((r) => r.header)).toEqual(["Pulsen 2025 K2"]);
    expect(surveys.rows[0]!.values.map(shown)).toEqual(["hidden", "hidden", "hidden"]);
    expect(surveys.total!.values.map(shown)).toEqual(["hidden", "hidden", "hidden"]);
    for (const table of tables)
      expect(table.notes).toContain(
        "Färre än 3 företag visas som ”< 3”, och ibland döljs även ett annat värde så att det inte går att räkna fram.",
      );
  });

  it("sends no small count, time or rate in the API answer", async () => {
    const answer = await outcomesForApi(testDb.db, SMALL);
    expect(() => OutcomesInsightAnswer.parse(answer)).not.toThrow();
    const counts = apiCounts(answer);
    expect(counts.length).toBeGreaterThan(20);
    expect(counts.every((n) => n === null || n === 0)).toBe(true);
    expect(answer.funnel.map((s) => s.count)).toEqual([null, null, null, null, null]);
    for (const row of [...answer.organisations, answer.organisationsTotal]) {
      expect(row.medianDays).toBeNull();
      expect(row.p90Days).toBeNull();
    }
    expect(answer.campaigns[0]!.responseRate).toBeNull();
    expect(answer.campaignsTotal.responseRate).toBeNull();
  });
});

describe("some small figures next to larger ones", () => {
  it("hides a complement wherever a small figure sits on a line with a shown total", async () => {
    const tables = await outcomeTables(testDb.db, MIXED, "sv");
    for (const table of tables) expectProtected(table, { rowLines: table.id === "decline-signals" });
    const [funnel, contact, declines, surveys] = tables as [
      InsightTable,
      InsightTable,
      InsightTable,
      InsightTable,
    ];
    // 10 → 8 → 8 would tell that 2 dropped out: both 8s go; 4 is 6 below the last shown stage.
    expect(column(funnel, 0)).toEqual([10, "hidden", "hidden", 4, 4]);
    expect(column(funnel, 1)).toEqual([1, "hidden", "hidden", 0.4, 0.4]);
    expect(contact.rows.map((r) => r.header)).toEqual(["Partner Alfa", "Partner Beta", "Partner Gamma"]);
    expect(column(contact, 0)).toEqual(["hidden", "hidden", 4, 5]);
    expect(column(contact, 1)).toEqual([1, "hidden", 2, 1]);
    // 3 and 1 of 4 with "< 3" read as 1 or 2 and the complement as 3 or more would pin both: the total goes too.
    expect(column(contact, 3)).toEqual([0, "hidden", "hidden", "hidden"]);
    expect(shown(declines.rows[0]!.values[0])).toBe("hidden");
    expect(surveys.rows.map((r) => r.header)).toEqual(["Pulsen 2025 K2", "Frukost juni"]);
    expect(column(surveys, 0)).toEqual(["hidden", "hidden", 5]);
    const answer = await outcomesForApi(testDb.db, MIXED);
    expect(answer.funnel.map((s) => s.count)).toEqual([10, null, null, 4, 4]);
    expect(answer.organisations.map((o) => o.expired.count)).toEqual([0, null, null]);
    expect(answer.organisations[1]!.medianDays).toBeNull();
    for (const n of apiCounts(answer)) expect(n === null || n === 0 || n >= 3).toBe(true);
  });
});

describe("enough companies", () => {
  it("shows the funnel's exact figures", async () => {
    const funnel = await outcomeFunnel(testDb.db, BIG, "sv");
    expectProtected(funnel);
    expect(column(funnel, 0)).toEqual([15, 12, 9, 6, 3]);
    expect(column(funnel, 1)).toEqual([1, 0.8, 0.6, 0.4, 0.2]);
  });

  it("computes the median and 90th percentile to first contact per organisation", async () => {
    const table = await firstContactTimes(testDb.db, BIG, "sv");
    expectProtected(table);
    expect(table.rows.map((r) => r.header)).toEqual(["Partner Alfa", "Partner Beta", "Partner Gamma"]);
    expect(column(table, 0)).toEqual([5, 4, 3, 9]);
    // Alfa: 1, 2, 3, 4, 10 days → median 3, p90 = 4 + 0.6 × (10 − 4) = 7.6 (percentile_cont).
    const times = (c: number) =>
      column(table, c).map((v) => (typeof v === "number" ? Math.round(v * 1000) / 1000 : v));
    expect(times(1)).toEqual([3, 1.5, 1, 1.5]);
    expect(times(2)).toEqual([7.6, 2.7, 1, 3.9]);
    expect(column(table, 3)).toEqual([0, 0, 3, 3]);
  });

  it("shows declines by offer and reason", async () => {
    const table = await declineSignals(testDb.db, BIG, "en");
    expectProtected(table, { rowLines: true });
    expect(table.columns).toEqual([
      "No capacity",
      "Not eligible",
      "Not relevant",
      "Company unreachable",
      "Referred elsewhere",
      "Company declined",
      "Any reason",
    ]);
    expect(table.rows.map((r) => r.header)).toEqual(["Lån (Partner Beta)", "Bidrag (Partner Gamma)"]);
    expect(table.rows.map((r) => r.values.map(shown))).toEqual([
      [3, 0, 0, 0, 0, 0, 3],
      [0, 3, 0, 0, 0, 0, 3],
    ]);
    expect(table.total!.values.map(shown)).toEqual([3, 3, 0, 0, 0, 0, 6]);
  });

  it("shows answers per survey round and the pulse's response rate", async () => {
    const table = await surveyAnswers(testDb.db, BIG, "sv");
    expectProtected(table);
    expect(table.rows.map((r) => r.header)).toEqual(["Näringslivsfrukost mars", "Pulsen 2026 K1"]);
    expect(table.rows.map((r) => r.values.map(shown))).toEqual([
      [3, "–", null],
      [5, 6, 4 / 6],
    ]);
    expect(table.total!.values.map(shown)).toEqual([8, 6, 4 / 6]);
    const answer = await outcomesForApi(testDb.db, BIG);
    expect(() => OutcomesInsightAnswer.parse(answer)).not.toThrow();
    expect(answer.funnel.map((s) => s.count)).toEqual([15, 12, 9, 6, 3]);
    expect(answer.organisations[0]).toMatchObject({
      organisation: { name: "Partner Alfa" },
      companies: { count: 5, suppressed: false },
      medianDays: 3,
      timesSuppressed: false,
      expired: { count: 0, suppressed: false },
    });
    expect(answer.declinesTotal.reasons["no-capacity"]).toEqual({ count: 3, suppressed: false });
    expect(answer.campaigns.map((c) => c.answers.count)).toEqual([3, 5]);
  });

  it("leaves a company out of the next figures once it withdraws statistics consent", async () => {
    await endStatisticsConsent(testDb.db, A[1]!);
    const [funnel, contact, , surveys] = (await outcomeTables(testDb.db, BIG, "sv")) as InsightTable[];
    for (const table of [funnel!, contact!, surveys!]) expectProtected(table);
    expect(column(funnel!, 0)).toEqual([14, 11, 8, 5, "hidden"]);
    expect(column(contact!, 0)).toEqual([4, 4, 3, 8]);
    // Alfa without A1: 2, 3, 4, 10 days → median 3.5, p90 = 4 + 0.7 × 6 = 8.2.
    expect(
      contact!.rows[0]!.values.slice(1, 3).map((v) => Math.round(Number(shown(v)) * 1000) / 1000),
    ).toEqual([3.5, 8.2]);
    expect(surveys!.rows.map((r) => r.values.map(shown))).toEqual([
      [3, "–", null],
      [4, 5, 3 / 5],
    ]);
    expect(shown(surveys!.total!.values[0])).toBe(7);
  });
});
