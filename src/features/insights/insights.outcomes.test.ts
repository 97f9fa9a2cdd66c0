import { describe, expect, it } from "vitest";
import {
  campaignFigures,
  declineFigures,
  firstContactFigures,
  suppressFunnel,
} from "./insights.outcomes.figures.ts";

// The outcome figures' protection, pure: the funnel's step rule and the lines protected against totals.

describe("suppressFunnel", () => {
  it("hides counts of 1 or 2 companies and keeps zeros", () => {
    expect(suppressFunnel([2, 2, 1, 0, 0])).toEqual([true, true, true, false, false]);
    expect(suppressFunnel([0, 0, 0, 0, 0])).toEqual([false, false, false, false, false]);
  });

  it("hides a stage 1 or 2 below the last shown one, comparing the next stage with the last shown", () => {
    expect(suppressFunnel([10, 8, 7, 4, 3])).toEqual([false, true, false, false, true]);
    expect(suppressFunnel([10, 9, 8, 7, 3])).toEqual([false, true, true, false, false]);
    expect(suppressFunnel([15, 12, 9, 6, 3])).toEqual([false, false, false, false, false]);
  });

  it("lets equal stages show (a difference of 0 reveals no company)", () => {
    expect(suppressFunnel([5, 5, 4, 0, 0])).toEqual([false, false, true, false, false]);
    expect(suppressFunnel([3, 3, 3, 3, 3])).toEqual([false, false, false, false, false]);
  });

  it("never leaves two consecutive shown stages 1 or 2 apart", () => {
    for (let seed = 0; seed < 500; seed++) {
      const counts = [20];
      for (let i = 1; i < 5; i++) counts.push(Math.max(0, counts[i - 1]! - ((seed * (i + 3)) % 5)));
      const hidden = suppressFunnel(counts);
      const shown = counts.filter((_, i) => !hidden[i]);
      for (let i = 1; i < shown.length; i++) expect([1, 2]).not.toContain(shown[i - 1]! - shown[i]!);
    }
  });
});

describe("outcome figures", () => {
  it("protects the companies and expired columns against their totals, and hides times under 3", () => {
    const figures = firstContactFigures([
      { organisationId: "b", organisationName: "Beta", companies: 1, medianDays: 2, p90Days: 2, expired: 4 },
      { organisationId: "a", organisationName: "Alfa", companies: 6, medianDays: 3, p90Days: 5, expired: 0 },
      { organisationId: null, organisationName: null, companies: 7, medianDays: 3, p90Days: 5, expired: 4 },
    ]);
    expect(figures.organisations.map((f) => f.organisation?.name)).toEqual(["Alfa", "Beta"]);
    expect(figures.organisations.map((f) => f.companies.suppressed)).toEqual([true, true]);
    expect(figures.organisations.map((f) => f.timesSuppressed)).toEqual([false, true]);
    expect(figures.total.companies.suppressed).toBe(false);
    expect(figures.organisations.map((f) => f.expired.suppressed)).toEqual([false, false]);
  });

  it("protects the decline matrix with its distinct margins", () => {
    const labels = ["x", "y"].map((id) => ({
      offerId: id,
      name: `Lån ${id}`,
      nameEn: null,
      organisationId: "o",
      organisationName: "Org",
    }));
    const figures = declineFigures(
      [
        { offerId: "x", reason: "no-capacity", companies: 1 },
        { offerId: "x", reason: "not-eligible", companies: 4 },
        { offerId: "y", reason: "no-capacity", companies: 5 },
        { offerId: "y", reason: "not-eligible", companies: 3 },
        { offerId: "x", reason: null, companies: 5 },
        { offerId: "y", reason: null, companies: 8 },
        { offerId: null, reason: "no-capacity", companies: 6 },
        { offerId: null, reason: "not-eligible", companies: 7 },
        { offerId: null, reason: null, companies: 13 },
      ],
      labels,
    );
    const [x, y] = figures.offers;
    expect(x!.reasons["no-capacity"].suppressed).toBe(true);
    // One hidden cell in row x and in column no-capacity would each be given away: complements are hidden.
    expect(Object.values(x!.reasons).filter((c) => c.suppressed).length + Number(x!.total.suppressed)).toBe(
      2,
    );
    expect(y!.reasons["no-capacity"].suppressed || figures.total.reasons["no-capacity"].suppressed).toBe(
      true,
    );
  });

  it("hides a response rate when 1 or 2 invited companies answered, and has none without invitations", () => {
    const figures = campaignFigures([
      { campaignId: "p", campaignName: "Puls", pulse: true, answers: 4, invited: 9, invitedAnswered: 2 },
      { campaignId: "q", campaignName: "Puls 2", pulse: true, answers: 5, invited: 0, invitedAnswered: 0 },
      { campaignId: "m", campaignName: "Möte", pulse: false, answers: 3, invited: 0, invitedAnswered: 0 },
      { campaignId: null, campaignName: null, pulse: true, answers: 12, invited: 9, invitedAnswered: 2 },
    ]);
    const [p, q, m] = figures.campaigns;
    expect(p!.responseRateSuppressed).toBe(true);
    expect(q!.responseRate).toBeNull();
    expect(m!.invited).toBeNull();
    expect(m!.responseRate).toBeNull();
    expect(figures.total.answers).toEqual({ count: 12, suppressed: false });
  });
});
