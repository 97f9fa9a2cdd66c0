import { describe, expect, it } from "vitest";
import { nextPeriodNames, periodEnd } from "./surveys.pulse.periods.ts";

describe("pulse periods", () => {
  const previous = { slug: "pulsen-2026-q4", name: "Pulsen 2026 kvartal 4" };

  it("names the next period after the calendar period it starts in", () => {
    const q1 = new Date("2027-01-01T00:00:00Z");
    expect(nextPeriodNames(previous, "quarterly", q1)).toEqual({
      slug: "pulsen-2027-q1",
      name: "Pulsen 2027 kvartal 1",
    });
    expect(nextPeriodNames(previous, "half-yearly", new Date("2027-07-01T00:00:00Z"))).toEqual({
      slug: "pulsen-2027-h2",
      name: "Pulsen 2027 halvår 2",
    });
    expect(nextPeriodNames({ slug: "pulsen-2026", name: "Pulsen 2026" }, "yearly", q1)).toEqual({
      slug: "pulsen-2027",
      name: "Pulsen 2027",
    });
    expect(nextPeriodNames({ slug: "puls-2026-12", name: "Puls december 2026" }, "monthly", q1)).toEqual({
      slug: "puls-2027-01",
      name: "Puls januari 2027",
    });
  });

  it("reads a start at midnight Stockholm time (23:00 UTC the day before) as the new month", () => {
    expect(nextPeriodNames(previous, "quarterly", new Date("2026-12-31T23:00:00Z")).slug).toBe(
      "pulsen-2027-q1",
    );
    expect(nextPeriodNames(previous, "quarterly", new Date("2027-03-31T22:00:00Z")).slug).toBe(
      "pulsen-2027-q2",
    );
  });

  it("keeps a slug without a period suffix as the base", () => {
    expect(
      nextPeriodNames(
        { slug: "kvartalsenkat", name: "Kvartalsenkät" },
        "quarterly",
        new Date("2027-04-01T00:00:00Z"),
      ),
    ).toEqual({ slug: "kvartalsenkat-2027-q2", name: "Kvartalsenkät 2027 kvartal 2" });
  });

  it("ends a period whole calendar months later", () => {
    expect(periodEnd(new Date("2026-10-01T00:00:00Z"), "quarterly").toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    expect(periodEnd(new Date("2026-07-01T00:00:00Z"), "half-yearly").toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
    expect(periodEnd(new Date("2026-12-01T00:00:00Z"), "monthly").toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
  });
});
