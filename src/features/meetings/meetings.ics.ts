import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from "ical-generator";

// The iCalendar invitation (RFC 5545 / iTIP RFC 5546) attached to meeting mails. Times are written as
// Stockholm wall-clock time with TZID=Europe/Stockholm and a VTIMEZONE, so Outlook, Google and Apple show the
// meeting at the right local time in any zone and across daylight saving. One UID per meeting; a change is
// sent with the same UID and a higher SEQUENCE, a cancellation as METHOD:CANCEL.

/** What one invitation (or its update or cancellation) says; every text is plain text, escaped by the library. */
export type MeetingIcsInput = {
  method: "REQUEST" | "CANCEL";
  /** Stable per meeting, e.g. `meeting-<uuid>@<host of publicUrl>` (see `meetingUid`). */
  uid: string;
  /** meetings.ics_sequence: raised on every change calendars must apply. */
  sequence: number;
  start: Date;
  durationMinutes: number;
  title: string;
  description: string;
  /** The place, or the online link when there is no place. */
  location?: string | null;
  /** The public meeting page. */
  url?: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  status: "CONFIRMED" | "CANCELLED";
  /** DTSTAMP; defaults to now. */
  timestamp?: Date;
};

/** The zone meetings are held in and written in: Swedish local time. */
export const MEETING_TIME_ZONE = "Europe/Stockholm";

// Sweden follows the EU rules since 1996: CEST from the last Sunday of March 02:00 (01:00 UTC), CET from the
// last Sunday of October 03:00 (01:00 UTC). Written out rather than generated from tzdata, so the file does
// not depend on a timezone package; the unit test checks it against the runtime's tzdata for 2025–2030.
const STOCKHOLM_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${MEETING_TIME_ZONE}`,
  `X-LIC-LOCATION:${MEETING_TIME_ZONE}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/**
 * An iCalendar file with one VEVENT for a meeting: METHOD REQUEST (invitation or update) or CANCEL, CRLF line
 * endings and folded lines. DTSTART/DTEND carry TZID=Europe/Stockholm with its VTIMEZONE; DTSTAMP is UTC.
 * Only when the start or end falls in the hour that happens twice as summer time ends (02:00–03:00 on the
 * last Sunday of October) are both written in UTC instead: clients disagree about which of the two a local
 * time there means (RFC 5545 says the first, ical.js takes the second), and UTC names one instant for all.
 * @example meetingIcs({ method: "REQUEST", uid: meetingUid(id, publicUrl), sequence: 0, start, durationMinutes: 90, … })
 */
export function meetingIcs(input: MeetingIcsInput): string {
  const end = new Date(input.start.getTime() + input.durationMinutes * 60_000);
  const calendar = ical({
    prodId: { company: "Lots", product: "Lots", language: "SV" },
    method: input.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // No calendar-wide zone name (DTSTAMP must stay UTC); the generator adds the VTIMEZONE the event uses.
    timezone: { name: null, generator: (zone) => (zone === MEETING_TIME_ZONE ? STOCKHOLM_VTIMEZONE : null) },
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: input.timestamp ?? new Date(),
    timezone: isRepeatedLocalTime(input.start) || isRepeatedLocalTime(end) ? null : MEETING_TIME_ZONE,
    start: new StockholmTime(input.start),
    end: new StockholmTime(end),
    summary: input.title,
    description: input.description,
    location: input.location ? input.location : null,
    url: input.url ? input.url : null,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        rsvp: false,
        role: ICalAttendeeRole.REQ,
        // Registering is the acceptance; a cancellation says nothing about the attendee's answer.
        ...(input.method === "REQUEST" ? { status: ICalAttendeeStatus.ACCEPTED } : {}),
      },
    ],
    status: input.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

const stockholmParts = new Intl.DateTimeFormat("en-US", {
  timeZone: MEETING_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** The Stockholm wall-clock fields of an instant, from the runtime's tzdata. */
export function stockholmWallClock(instant: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const parts: Record<string, number> = {};
  for (const part of stockholmParts.formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const field = (name: string) => parts[name] ?? 0;
  return {
    year: field("year"),
    month: field("month"),
    day: field("day"),
    hour: field("hour"),
    minute: field("minute"),
    second: field("second"),
  };
}

/** Whether an instant's Stockholm wall-clock time also names another instant (the repeated hour in October). */
export function isRepeatedLocalTime(instant: Date): boolean {
  const wall = JSON.stringify(stockholmWallClock(instant));
  return [-HOUR, HOUR].some(
    (shift) => JSON.stringify(stockholmWallClock(new Date(instant.getTime() + shift))) === wall,
  );
}

const HOUR = 3_600_000;

/**
 * An instant whose local getters read Stockholm time, whatever the process's TZ. ical-generator formats a
 * plain Date with a TZID from the process's local getters (wrong unless TZ=Europe/Stockholm); for a date
 * object of the shape of @date-fns/tz's TZDate (`internal`, `withTimeZone`, `tzComponents`) it reads the
 * getters of `withTimeZone(zone)` instead, which is what this provides without another dependency.
 */
class StockholmTime extends Date {
  readonly internal: Date;
  readonly timeZone = MEETING_TIME_ZONE;
  readonly #wall: ReturnType<typeof stockholmWallClock>;

  constructor(instant: Date) {
    super(instant.getTime());
    this.internal = new Date(instant.getTime());
    this.#wall = stockholmWallClock(instant);
  }

  withTimeZone(zone?: string | null): StockholmTime {
    if (zone && zone !== MEETING_TIME_ZONE)
      throw new Error(`meetingIcs: only ${MEETING_TIME_ZONE} is supported`);
    return this;
  }

  tzComponents() {
    return this.#wall;
  }

  override getFullYear(): number {
    return this.#wall.year;
  }
  override getMonth(): number {
    return this.#wall.month - 1;
  }
  override getDate(): number {
    return this.#wall.day;
  }
  override getHours(): number {
    return this.#wall.hour;
  }
  override getMinutes(): number {
    return this.#wall.minute;
  }
  override getSeconds(): number {
    return this.#wall.second;
  }
}
