import { describe, expect, it } from "vitest";
import { AuditFilters, formatStockholmDateTime, nextDay, startOfStockholmDay } from "./audit.schemas.ts";

describe("Stockholm days", () => {
  it("start at local midnight in winter, summer and on the days the clocks change", () => {
    expect(startOfStockholmDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfStockholmDay("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfStockholmDay("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfStockholmDay("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfStockholmDay("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(formatStockholmDateTime(new Date("2026-11-28T13:03:12Z"))).toBe("2026-11-28 14:03:12");
  });
});

describe("audit filters", () => {
  it("treat empty fields as no filter and refuse bad dates and reversed ranges", () => {
    expect(AuditFilters.parse({ from: "", to: " ", action: "" })).toEqual({ page: 1, pageSize: 50 });
    expect(AuditFilters.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(AuditFilters.safeParse({ from: "28/11/2026" }).success).toBe(false);
    expect(AuditFilters.safeParse({ from: "2026-11-28", to: "2026-11-01" }).success).toBe(false);
    expect(AuditFilters.safeParse({ pageSize: "1000" }).success).toBe(false);
    expect(AuditFilters.safeParse({ organisationId: "x" }).success).toBe(false);
    expect(AuditFilters.parse({ page: "3", recordType: "api-token" })).toMatchObject({
      page: 3,
      recordType: "api-token",
    });
  });
});
