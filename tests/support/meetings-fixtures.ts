import ICAL from "ical.js";
import type { Db } from "#src/db/client.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import type { MeetingMailSettings } from "#src/features/meetings/meetings.notify.ts";
import type { MeetingInput } from "#src/features/meetings/meetings.schemas.ts";
import { createMeeting, publishMeeting } from "#src/features/meetings/meetings.service.ts";

// Meetings for tests: a published meeting of an organisation, the mails sent about it, and their calendar
// invitations parsed the way a calendar client reads them (ical.js, with the file's own VTIMEZONE).

export const SYSTEM = { actor: CLI_ACTOR };
export const MAIL_SETTINGS: MeetingMailSettings = {
  publicUrl: "https://lots.test",
  networkName: "Testnätverket",
  mailFrom: "Lots <no-reply@lots.test>",
};

let serial = 0;

/** A published meeting of the organisation (Nora, digital and in place), starting `daysAhead` days from now. */
export async function publishedMeeting(
  db: Db,
  organisationId: string,
  overrides: Partial<MeetingInput> = {},
  daysAhead = 10,
) {
  serial++;
  const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
  const meeting = await createMeeting(
    db,
    {
      organisationId,
      title: `Informationsträff ${serial}`,
      description: "Stöd för företagen i Nora.",
      municipalityCode: "1884",
      sniCodes: ["25"],
      themes: ["financing"],
      date: day,
      time: "09:00",
      durationMinutes: 90,
      place: "Nora stadshus",
      onlineUrl: "https://meet.example/nora",
      agenda: "09.00 Välkommen\n09.15 Stöd för finansiering",
      ...overrides,
    },
    SYSTEM,
  );
  await publishMeeting(db, meeting.id, SYSTEM);
  return meeting;
}

/** A registration form for a person (unique e-mail per key). */
export function registrationFor(key: string, orgNumber = "5560360793") {
  return {
    orgNumber,
    companyName: "Nora Mekaniska AB",
    personName: `Person ${key}`,
    email: `${key}@traff.test`,
    dietaryNeeds: "Vegetariskt",
  };
}

/** The mails to an address, oldest first, with their attachments. */
export async function mailsTo(db: Db, to: string) {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["to_address", "subject", "text_body", "attachments", "created_at"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    ...row,
    attachments: row.attachments as { filename: string; contentType: string; content: string }[],
  }));
}

/** An .ics parsed as a calendar client reads it: method, UID, sequence, status, start as an instant and its zone. */
export function readIcs(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vtimezone = calendar.getFirstSubcomponent("vtimezone");
  if (vtimezone) ICAL.TimezoneService.register(vtimezone);
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the invitation");
  const event = new ICAL.Event(vevent);
  const result = {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue("status")),
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    zone: event.startDate.zone?.tzid,
    localStart: event.startDate.toString(),
  };
  ICAL.TimezoneService.reset();
  return result;
}

/** The calendar attachment of a mail, parsed. */
export function icsOf(mail: { attachments: { contentType: string; content: string }[] }) {
  const attachment = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  if (!attachment) throw new Error("the mail has no calendar invitation");
  return { ...readIcs(attachment.content), contentType: attachment.contentType };
}
