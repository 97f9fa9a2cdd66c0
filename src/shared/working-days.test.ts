import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  isWorkingDay,
  responseDeadline,
  stockholmDate,
  stockholmInstant,
} from "./working-days.ts";

describe("Swedish working days", () => {
  it("skips weekends, public holidays and the eves that are days off", () => {
    expect(isWorkingDay("2026-12-04")).toBe(true); // Friday
    expect(isWorkingDay("2026-12-05")).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-24")).toBe(false); // julafton (Thursday)
    expect(isWorkingDay("2026-12-25")).toBe(false); // juldagen
    expect(isWorkingDay("2026-06-19")).toBe(false); // midsommarafton
    expect(isWorkingDay("2026-04-06")).toBe(false); // annandag påsk
    expect(isWorkingDay("2026-05-14")).toBe(false); // Kristi himmelsfärd
    expect(isWorkingDay("2026-01-06")).toBe(false); // trettondedag jul
    expect(isWorkingDay("2026-04-30")).toBe(true); // valborgsmässoafton is a working day
  });

  it("counts working days over Christmas and the new year", () => {
    // Mon 21 Dec + 5 working days: 22, 23, 28, 29, 30 (24–27 off, 31 off).
    expect(addWorkingDays("2026-12-21", 5)).toBe("2026-12-30");
    expect(addWorkingDays("2026-12-30", 1)).toBe("2027-01-04");
    expect(addWorkingDays("2026-12-30", -1)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-04", 0)).toBe("2026-12-04");
  });

  it("gives deadlines at the end of the Stockholm day, across daylight saving time", () => {
    expect(stockholmInstant("2026-12-04", "23:59:59").toISOString()).toBe("2026-12-04T22:59:59.000Z");
    expect(stockholmInstant("2026-07-01", "23:59:59").toISOString()).toBe("2026-07-01T21:59:59.000Z");
    expect(stockholmDate(new Date("2026-12-04T23:30:00Z"))).toBe("2026-12-05");
    // Sent Thursday 26 March (winter time), 3 working days → Tuesday 31 March (summer time from the 29th).
    const { respondBy, remindAt } = responseDeadline(new Date("2026-03-26T09:00:00Z"), 3, 1);
    expect(respondBy.toISOString()).toBe("2026-03-31T21:59:59.000Z");
    expect(remindAt.toISOString()).toBe("2026-03-30T06:00:00.000Z");
  });

  it("reminds at once when the reminder day is already past", () => {
    const sentAt = new Date("2026-12-04T15:00:00Z");
    const { remindAt } = responseDeadline(sentAt, 1, 3);
    expect(remindAt).toEqual(sentAt);
  });
});
