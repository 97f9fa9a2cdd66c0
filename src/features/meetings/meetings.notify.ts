import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { MeetingRegistrationsTable } from "#src/db/schema.ts";
import { enqueueMail } from "#src/features/mail/mail.service.ts";
import {
  confirmationMail,
  followUpSurveyMail,
  type MeetingMailContext,
  meetingCancelledMail,
  meetingUpdatedMail,
  promotedMail,
  registrationCancelledMail,
  reminderMail,
  waitingListMail,
} from "./meetings.mails.ts";
import * as repository from "./meetings.repository.ts";
import type { Meeting } from "./meetings.schemas.ts";

// Which mail goes to whom when something happens to a meeting or a registration. Every mail is put in the
// outbox in the transaction of the change that causes it, so it goes out if and only if the change commits.

/** What the mails need from the configuration. */
export type MeetingMailSettings = { publicUrl: string; networkName: string; mailFrom: string };

/** The address part of a From header (`Lots <no-reply@x>` → no-reply@x). */
export function mailAddress(from: string): string {
  const match = /<([^>]+)>/.exec(from);
  return (match ? match[1]! : from).trim();
}

/** The context every meeting mail is built from. */
export function mailContext(
  meeting: Meeting,
  registration: Pick<Selectable<MeetingRegistrationsTable>, "person_name" | "email" | "locale">,
  settings: MeetingMailSettings,
  cancelToken?: string,
): MeetingMailContext {
  return {
    locale: registration.locale,
    publicUrl: settings.publicUrl,
    networkName: settings.networkName,
    organizer: { name: meeting.organisationName, email: mailAddress(settings.mailFrom) },
    meeting: {
      id: meeting.id,
      slug: meeting.slug,
      title: meeting.title,
      description: meeting.description,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      icsSequence: meeting.icsSequence,
      status: meeting.status,
    },
    registration: {
      personName: registration.person_name,
      email: registration.email,
      ...(cancelToken ? { cancelToken } : {}),
    },
  };
}

type Registration = Selectable<MeetingRegistrationsTable>;

/** The mail for one registration event. */
export type RegistrationEvent =
  | { kind: "registered"; cancelToken: string }
  | { kind: "waiting"; cancelToken: string }
  | { kind: "promoted"; cancelToken?: string }
  | { kind: "self-cancelled" }
  | { kind: "reminder" }
  | { kind: "follow-up"; surveyUrl: string };

/** Queues the mail that tells one registrant about `event`. */
export async function notifyRegistration(
  db: Db,
  meeting: Meeting,
  registration: Registration,
  settings: MeetingMailSettings,
  event: RegistrationEvent,
): Promise<void> {
  const token = "cancelToken" in event ? event.cancelToken : undefined;
  const ctx = mailContext(meeting, registration, settings, token);
  const mail = (() => {
    switch (event.kind) {
      case "registered":
        return confirmationMail(ctx);
      case "waiting":
        return waitingListMail(ctx);
      case "promoted":
        return promotedMail(ctx);
      case "self-cancelled":
        return registrationCancelledMail(ctx);
      case "reminder":
        return reminderMail(ctx);
      case "follow-up":
        return followUpSurveyMail(ctx, event.surveyUrl);
    }
  })();
  await enqueueMail(db, mail);
}

/**
 * Tells everyone concerned that the meeting changed: a calendar update (same UID, higher SEQUENCE) to those
 * registered, or, when it is cancelled, a calendar cancellation to those registered and a note to those waiting.
 */
export async function notifyRegistrants(
  db: Db,
  meeting: Meeting,
  settings: MeetingMailSettings,
  change: { kind: "updated"; changes: string[] } | { kind: "cancelled" },
): Promise<number> {
  const statuses =
    change.kind === "cancelled" ? (["registered", "waiting"] as const) : (["registered"] as const);
  const registrations = await repository.listRegistrations(db, meeting.id, statuses);
  for (const registration of registrations) {
    const ctx = mailContext(meeting, registration, settings);
    await enqueueMail(
      db,
      change.kind === "cancelled" ? meetingCancelledMail(ctx) : meetingUpdatedMail(ctx, change.changes),
    );
  }
  return registrations.length;
}
