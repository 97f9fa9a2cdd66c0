import fc from "fast-check";
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  isRepeatedLocalTime,
  MEETING_TIME_ZONE,
  type MeetingIcsInput,
  meetingIcs,
  stockholmWallClock,
} from "./meetings.ics.ts";

// The invitation is checked the way a calendar reads it: parsed by ical.js (a maintained RFC 5545 parser),
// with the VTIMEZONE taken from the file itself, never by comparing strings only.

const base: MeetingIcsInput = {
  method: "REQUEST",
  uid: "meeting-5f0c7f1e-8d0a-4b8e-9a44-2f1d1c1b1a10@lots.example",
  sequence: 0,
  start: new Date("2026-12-03T08:00:00Z"),
  durationMinutes: 90,
  title: "Informationsträff för tillverkande industri i Nora",
  description: "Vi berättar om stödet som finns.",
  location: "Nora stadshus, Prästgatan 13",
  url: "https://lots.example/traffar/nora-industri",
  organizer: { name: "Lots", email: "noreply@lots.example" },
  attendee: { name: "Anna Öberg", email: "anna@example.se" },
  status: "CONFIRMED",
  timestamp: new Date("2026-11-20T12:00:00Z"),
};

/** Parses an .ics the way a client does: the file's own VTIMEZONE defines Europe/Stockholm, nothing else. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vtimezone = calendar.getFirstSubcomponent("vtimezone");
  if (vtimezone) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const end = event.endDate;
  return { calendar, vevent, event, start, end };
}

afterEach(() => {
  ICAL.TimezoneService.reset();
});

describe("meetingIcs", () => {
  it("writes a REQUEST with METHOD, UID, SEQUENCE, DTSTAMP and CRLF line endings", () => {
    const ics = meetingIcs(base);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.replaceAll("\r\n", "")).not.toContain("\n");
    const { calendar, vevent, event } = parse(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(String(calendar.getFirstPropertyValue("prodid"))).toContain("Lots");
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(0);
    expect(vevent.getFirstPropertyValue("status")).toBe("CONFIRMED");
    const stamp = vevent.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe("2026-11-20T12:00:00.000Z");
    expect(event.organizer).toBe("mailto:noreply@lots.example");
    const attendee = vevent.getFirstProperty("attendee");
    expect(String(attendee?.getFirstValue()).toLowerCase()).toBe("mailto:anna@example.se");
    expect(attendee?.getParameter("cn")).toBe("Anna Öberg");
    expect(vevent.getFirstPropertyValue("url")).toBe(base.url);
    expect(event.location).toBe(base.location);
  });

  it("places a winter meeting at 09:00 Stockholm time = 08:00 UTC", () => {
    const { vevent, start, end } = parse(meetingIcs(base));
    expect(vevent.getFirstProperty("dtstart")?.getParameter("tzid")).toBe(MEETING_TIME_ZONE);
    expect(start.zone.tzid).toBe(MEETING_TIME_ZONE);
    expect([start.year, start.month, start.day, start.hour, start.minute]).toEqual([2026, 12, 3, 9, 0]);
    expect(start.toJSDate().toISOString()).toBe("2026-12-03T08:00:00.000Z");
    expect(start.convertToZone(ICAL.Timezone.utcTimezone).hour).toBe(8);
    expect(end.zone.tzid).toBe(MEETING_TIME_ZONE);
    expect(end.toJSDate().toISOString()).toBe("2026-12-03T09:30:00.000Z");
  });

  it("places a summer meeting at 09:00 Stockholm time = 07:00 UTC", () => {
    const { start, end } = parse(
      meetingIcs({ ...base, start: new Date("2027-06-10T07:00:00Z"), durationMinutes: 120 }),
    );
    expect([start.year, start.month, start.day, start.hour, start.minute]).toEqual([2027, 6, 10, 9, 0]);
    expect(start.toJSDate().toISOString()).toBe("2027-06-10T07:00:00.000Z");
    expect(end.hour).toBe(11);
    expect(end.toJSDate().getTime() - start.toJSDate().getTime()).toBe(120 * 60_000);
  });

  it("does not depend on the server's time zone", () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = "America/New_York";
      expect(base.start.getHours()).toBe(3); // the change of zone took effect in this process
      const inNewYork = meetingIcs(base);
      process.env.TZ = "Asia/Tokyo";
      const inTokyo = meetingIcs(base);
      expect(inNewYork).toBe(inTokyo);
      expect(inNewYork).toContain("DTSTART;TZID=Europe/Stockholm:20261203T090000\r\n");
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("sends a change with the same UID and a higher SEQUENCE", () => {
    const first = parse(meetingIcs(base)).event;
    ICAL.TimezoneService.reset();
    const moved = parse(
      meetingIcs({ ...base, sequence: 1, start: new Date("2026-12-04T12:30:00Z"), location: "Digitalt" }),
    );
    expect(moved.event.uid).toBe(first.uid);
    expect(moved.event.sequence).toBeGreaterThan(first.sequence);
    expect(moved.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(moved.start.toJSDate().toISOString()).toBe("2026-12-04T12:30:00.000Z");
    expect(moved.start.hour).toBe(13);
  });

  it("cancels with METHOD:CANCEL and STATUS:CANCELLED, same UID", () => {
    const { calendar, vevent, event } = parse(
      meetingIcs({ ...base, method: "CANCEL", status: "CANCELLED", sequence: 2 }),
    );
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.uid).toBe(base.uid);
    expect(event.sequence).toBe(2);
  });

  it("round-trips commas, semicolons, backslashes, line breaks and å ä ö, and folds long lines", () => {
    const title = "Träff, fika; och frågor\\svar om åäö ÅÄÖ";
    const description = `Agenda:\n1. Välkommen, Nora kommun; Örebro universitet\n2. ${"Stöd för företag, ".repeat(12)}slut`;
    const location = "Kyrkogatan 5, 713 30 Nora; ingång från gården";
    const ics = meetingIcs({ ...base, title, description, location });
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const { event } = parse(ics);
    expect(event.summary).toBe(title);
    expect(event.description).toBe(description);
    expect(event.location).toBe(location);
  });

  it("leaves out LOCATION and URL when there are none", () => {
    const ics = meetingIcs({ ...base, location: null, url: null });
    expect(ics).not.toMatch(/^LOCATION/m);
    expect(ics).not.toMatch(/^URL/m);
  });

  it("writes UTC when the start falls in the hour that happens twice in October, so no client guesses", () => {
    // 2026-10-25 02:30 happens twice in Stockholm: 00:30Z (summer time) and 01:30Z (standard time).
    for (const iso of ["2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]) {
      ICAL.TimezoneService.reset();
      const ics = meetingIcs({ ...base, start: new Date(iso), durationMinutes: 60 });
      expect(ics).not.toContain("TZID=");
      const { start } = parse(ics);
      expect(start.toJSDate().toISOString()).toBe(iso);
    }
    // Just outside the repeated hour the Stockholm time is written again.
    const after = parse(
      meetingIcs({ ...base, start: new Date("2026-10-25T02:00:00Z"), durationMinutes: 60 }),
    ).start;
    expect(after.zone.tzid).toBe(MEETING_TIME_ZONE);
    expect([after.hour, after.minute]).toEqual([3, 0]);
    expect(after.toJSDate().toISOString()).toBe("2026-10-25T02:00:00.000Z");
  });

  it("property: for any instant in 2025–2030, DTSTART and DTEND read back as UTC are the instants asked for", () => {
    const anyInstant = fc.date({
      min: new Date("2025-01-01T00:00:00Z"),
      max: new Date("2030-12-31T23:59:59Z"),
      noInvalidDate: true,
    });
    // Half the runs land within three hours of a daylight-saving change, where mistakes would show.
    const nearChange = fc
      .record({
        year: fc.integer({ min: 2025, max: 2030 }),
        month: fc.constantFrom(3, 10),
        minutes: fc.integer({ min: -180, max: 180 }),
      })
      .map(({ year, month, minutes }) => {
        const lastDay = new Date(Date.UTC(year, month, 0));
        const lastSunday = lastDay.getUTCDate() - lastDay.getUTCDay();
        return new Date(Date.UTC(year, month - 1, lastSunday, 1, minutes));
      });
    fc.assert(
      fc.property(
        fc.oneof(anyInstant, nearChange),
        fc.integer({ min: 15, max: 600 }),
        (instant, durationMinutes) => {
          const start = new Date(Math.floor(instant.getTime() / 1000) * 1000); // iCalendar has whole seconds
          const end = new Date(start.getTime() + durationMinutes * 60_000);
          ICAL.TimezoneService.reset();
          const parsed = parse(meetingIcs({ ...base, start, durationMinutes }));
          expect(parsed.start.toJSDate().getTime()).toBe(start.getTime());
          expect(parsed.end.toJSDate().getTime()).toBe(end.getTime());
          if (isRepeatedLocalTime(start) || isRepeatedLocalTime(end)) {
            expect(parsed.start.zone.tzid).toBe("UTC");
          } else {
            expect(parsed.start.zone.tzid).toBe(MEETING_TIME_ZONE);
            const wall = stockholmWallClock(start);
            expect([parsed.start.year, parsed.start.month, parsed.start.day, parsed.start.hour]).toEqual([
              wall.year,
              wall.month,
              wall.day,
              wall.hour,
            ]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
