import type { OutgoingMail } from "#src/features/mail/mail.service.ts";
import { renderMail } from "#src/features/mail/mail.templates.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { MEETING_TIME_ZONE, meetingIcs, stockholmWallClock } from "./meetings.ics.ts";
import { meetingMailMessages } from "./meetings.mail-messages.ts";

// The mails to people who register for a meeting, in their own language, with the calendar invitation,
// its updates and cancellations attached as iCalendar files (one UID per meeting, see meetings.ics.ts).
// Builders only: the service decides when to send and puts the mail in the outbox.

/** Everything a meeting mail needs; the service loads it. Texts are plain text, escaped in the HTML part. */
export type MeetingMailContext = {
  locale: Locale;
  /** e.g. http://localhost:3000, without a trailing slash. */
  publicUrl: string;
  /** e.g. "Lots". */
  networkName: string;
  /** From MAIL_FROM: the ORGANIZER of the invitation. */
  organizer: { name: string; email: string };
  meeting: {
    id: string;
    slug: string;
    title: string;
    description: string;
    startsAt: Date;
    durationMinutes: number;
    place: string | null;
    onlineUrl: string | null;
    /** meetings.ics_sequence, already raised by the service for a change or cancellation. */
    icsSequence: number;
    status: string;
  };
  /** The raw cancel token is only known right after registering; later mails go without the link. */
  registration: { personName: string; email: string; cancelToken?: string };
};

type Attachment = NonNullable<OutgoingMail["attachments"]>[number];
type Translate = ReturnType<typeof meetingMailMessages>;

/** The iCalendar UID of a meeting: stable across updates and cancellations, unique to this installation. */
export function meetingUid(meetingId: string, publicUrl: string): string {
  return `meeting-${meetingId}@${new URL(publicUrl).hostname}`;
}

/** The public page of a meeting. */
export function meetingPageUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/traffar/${encodeURIComponent(slug)}`;
}

/** The registrant's own cancel link; the token is the raw one from the registration. */
export function cancelRegistrationUrl(publicUrl: string, cancelToken: string): string {
  return `${publicUrl}/traffar/avboka/${encodeURIComponent(cancelToken)}`;
}

const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  sv: new Intl.DateTimeFormat("sv-SE", {
    timeZone: MEETING_TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: MEETING_TIME_ZONE,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }),
};

// "torsdag 3 december 2026" / "Thursday 3 December 2026": the parts in this order, without en-GB's comma.
function dateText(locale: Locale, instant: Date): string {
  const parts = Object.fromEntries(dateFormats[locale].formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

// Swedish writes 09.00, English 09:00; both 24-hour Stockholm time.
function clockText(locale: Locale, instant: Date): string {
  const { hour, minute } = stockholmWallClock(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(hour)}${locale === "sv" ? "." : ":"}${pad(minute)}`;
}

/**
 * When a meeting is, in Stockholm time and the reader's conventions.
 * @example meetingTimeText("sv", start, 90) // "torsdag 3 december 2026 kl. 09.00–10.30"
 * @example meetingTimeText("en", start, 90) // "Thursday 3 December 2026, 09:00–10:30 (Swedish time)"
 */
export function meetingTimeText(locale: Locale, startsAt: Date, durationMinutes: number): string {
  const end = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const sameDay = dateText(locale, startsAt) === dateText(locale, end);
  if (locale === "sv") {
    const start = `${dateText("sv", startsAt)} kl. ${clockText("sv", startsAt)}`;
    return sameDay
      ? `${start}–${clockText("sv", end)}`
      : `${start} – ${dateText("sv", end)} kl. ${clockText("sv", end)}`;
  }
  const start = `${dateText("en", startsAt)}, ${clockText("en", startsAt)}`;
  return sameDay
    ? `${start}–${clockText("en", end)} (Swedish time)`
    : `${start} – ${dateText("en", end)}, ${clockText("en", end)} (Swedish time)`;
}

/** The .ics attachment of a mail: an invitation or update (REQUEST) or a cancellation (CANCEL). */
function calendarAttachment(ctx: MeetingMailContext, t: Translate, method: "REQUEST" | "CANCEL"): Attachment {
  const { meeting } = ctx;
  const page = meetingPageUrl(ctx.publicUrl, meeting.slug);
  const description = [
    meeting.description.trim(),
    meeting.onlineUrl ? t("ics.online", { url: meeting.onlineUrl }) : "",
    t("ics.page", { url: page }),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const content = meetingIcs({
    method,
    uid: meetingUid(meeting.id, ctx.publicUrl),
    sequence: meeting.icsSequence,
    start: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    title: meeting.title,
    description,
    location: meeting.place ?? meeting.onlineUrl,
    url: page,
    organizer: ctx.organizer,
    attendee: { name: ctx.registration.personName, email: ctx.registration.email },
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
  });
  return {
    filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    content,
  };
}

// The time, then the place and/or the online link.
function whenAndWhere(ctx: MeetingMailContext, t: Translate): string[] {
  const { meeting } = ctx;
  const lines = [t("when", { when: meetingTimeText(ctx.locale, meeting.startsAt, meeting.durationMinutes) })];
  if (meeting.place) lines.push(t("place", { place: meeting.place }));
  if (meeting.onlineUrl) lines.push(t("online", { url: meeting.onlineUrl }));
  if (!meeting.place && !meeting.onlineUrl) lines.push(t("placeLater"));
  return [lines.join("\n")];
}

function cancelParagraph(
  ctx: MeetingMailContext,
  t: Translate,
  key: "cancelLink" | "waiting.cancelLink",
): string[] {
  const token = ctx.registration.cancelToken;
  return token ? [t(key, { url: cancelRegistrationUrl(ctx.publicUrl, token) })] : [];
}

function compose(
  ctx: MeetingMailContext,
  t: Translate,
  subject: string,
  paragraphs: string[],
  options: { attachment?: Attachment; action?: { label: string; url: string } } = {},
): OutgoingMail {
  const action = options.action ?? {
    label: t("meetingPage"),
    url: meetingPageUrl(ctx.publicUrl, ctx.meeting.slug),
  };
  return {
    to: ctx.registration.email,
    subject,
    ...renderMail({
      locale: ctx.locale,
      greeting: t("greeting", { name: ctx.registration.personName }),
      paragraphs,
      action,
    }),
    attachments: options.attachment ? [options.attachment] : [],
  };
}

/** "Du är anmäld": time, place or link, the cancel link when the token is known, and invite.ics (REQUEST). */
export function confirmationMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const title = ctx.meeting.title;
  return compose(
    ctx,
    t,
    t("confirmation.subject", { title }),
    [
      t("confirmation.intro", { title }),
      ...whenAndWhere(ctx, t),
      t("invitationAttached"),
      ...cancelParagraph(ctx, t, "cancelLink"),
    ],
    { attachment: calendarAttachment(ctx, t, "REQUEST") },
  );
}

/** On the waiting list: the time (no place or link, no invitation yet) and the cancel link when known. */
export function waitingListMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const { title, startsAt, durationMinutes } = ctx.meeting;
  return compose(ctx, t, t("waiting.subject", { title }), [
    t("waiting.intro", { title }),
    t("when", { when: meetingTimeText(ctx.locale, startsAt, durationMinutes) }),
    ...cancelParagraph(ctx, t, "waiting.cancelLink"),
  ]);
}

/** A place became free: the registrant moved up from the waiting list and gets invite.ics (REQUEST). */
export function promotedMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const title = ctx.meeting.title;
  return compose(
    ctx,
    t,
    t("promoted.subject", { title }),
    [
      t("promoted.intro", { title }),
      ...whenAndWhere(ctx, t),
      t("invitationAttached"),
      ...cancelParagraph(ctx, t, "cancelLink"),
    ],
    { attachment: calendarAttachment(ctx, t, "REQUEST") },
  );
}

/**
 * "Ändrad tid eller plats": what changed (`changes`, one plain-text line each, in the registrant's language),
 * the new time and place, and invite.ics (REQUEST) with the meeting's raised sequence and the same UID.
 */
export function meetingUpdatedMail(ctx: MeetingMailContext, changes: string[]): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const title = ctx.meeting.title;
  const list = changes.map((change) => `– ${change}`).join("\n");
  return compose(
    ctx,
    t,
    t("updated.subject", { title }),
    [
      t("updated.intro", { title }),
      ...(changes.length > 0 ? [t("updated.changes", { changes: list })] : []),
      ...whenAndWhere(ctx, t),
      t("updated.invitationAttached"),
      ...cancelParagraph(ctx, t, "cancelLink"),
    ],
    { attachment: calendarAttachment(ctx, t, "REQUEST") },
  );
}

/** The meeting is cancelled: cancel.ics (METHOD:CANCEL, STATUS:CANCELLED) removes it from the calendar. */
export function meetingCancelledMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const { title, startsAt, durationMinutes } = ctx.meeting;
  return compose(
    ctx,
    t,
    t("cancelled.subject", { title }),
    [
      t("cancelled.intro", { title }),
      t("cancelled.was", { when: meetingTimeText(ctx.locale, startsAt, durationMinutes) }),
      t("cancelled.calendar"),
    ],
    { attachment: calendarAttachment(ctx, t, "CANCEL") },
  );
}

/** The registrant cancelled: a receipt, and cancel.ics (METHOD:CANCEL) to take it out of their calendar. */
export function registrationCancelledMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const { title, startsAt, durationMinutes } = ctx.meeting;
  return compose(
    ctx,
    t,
    t("registrationCancelled.subject", { title }),
    [
      t("registrationCancelled.intro", { title }),
      t("when", { when: meetingTimeText(ctx.locale, startsAt, durationMinutes) }),
      t("registrationCancelled.calendar"),
    ],
    { attachment: calendarAttachment(ctx, t, "CANCEL") },
  );
}

/** The day before: time, place or link, and the cancel link when the token is known. No attachment. */
export function reminderMail(ctx: MeetingMailContext): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const title = ctx.meeting.title;
  return compose(ctx, t, t("reminder.subject", { title }), [
    t("reminder.intro", { title }),
    ...whenAndWhere(ctx, t),
    ...cancelParagraph(ctx, t, "cancelLink"),
  ]);
}

/** After the meeting, to attendees: thanks, and the button "Berätta om era behov" to the follow-up survey. */
export function followUpSurveyMail(ctx: MeetingMailContext, surveyUrl: string): OutgoingMail {
  const t = meetingMailMessages(ctx.locale);
  const title = ctx.meeting.title;
  return compose(
    ctx,
    t,
    t("followUp.subject", { title }),
    [t("followUp.intro", { title, network: ctx.networkName })],
    { action: { label: t("followUp.action"), url: surveyUrl } },
  );
}
