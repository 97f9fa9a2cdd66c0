import type { Child } from "hono/jsx";
import type { Locale } from "#src/shared/i18n.ts";
import { CsrfField, type FormError, Section } from "#src/shared/web/form-parts.tsx";
import { stockholmWallClock } from "./meetings.ics.ts";
import { meetingTimeText } from "./meetings.mails.ts";
import type { MeetingsPublicT } from "./meetings.public-messages.ts";
import type { Meeting, Registration } from "./meetings.schemas.ts";

// The public meeting pages: the list of information meetings, the page after registering and the
// registrant's cancellation page, and the parts they share with the meeting page (meetings.public-meeting-view.tsx). Plain HTML: everything
// works without JavaScript. Organisers write titles, descriptions and agendas in Swedish, so on an English
// page those texts carry lang="sv" and screen readers read them with a Swedish voice.

/** What the registration form shows: typed values, messages, the CSRF token and the form's idempotency key. */
export type RegistrationFormState = {
  values: Record<string, string>;
  errors: FormError[];
  csrfToken: string;
  idempotencyKey: string;
};

/** Whether the public may register now, and if not, why. */
export type MeetingState = "open" | "cancelled" | "past" | "closed";

/** One meeting page: the meeting and its reference data in words. */
export type MeetingPageModel = {
  meeting: Meeting;
  state: MeetingState;
  /** Registration deadline text (the deadline, or the start when there is none). */
  closesAt: Date;
  /** "25 Tillverkning av metallvaror…" in the page's language. */
  industries: string[];
  themes: string[];
  /** Highlighted offers that are public in the catalogue now. */
  offers: { href: string; name: string; organisationName: string }[];
};

/** The registration form's fields in the order of the form (and of the error summary). */
export const REGISTRATION_FIELDS = [
  "orgNumber",
  "companyName",
  "personName",
  "email",
  "phone",
  "dietaryNeeds",
  "accessibilityNeeds",
] as const;

/** The HTML id of a registration field (the error summary links to it). */
export function registrationFieldId(name: string): string {
  return `registration-${name}`;
}

/** The id of the form (and of what stands in its place), where messages for the whole form point. */
export const REGISTRATION_FORM_ID = "registration-form";

/** The public page of a meeting. */
export function meetingHref(slug: string): string {
  return `/traffar/${encodeURIComponent(slug)}`;
}

// "torsdag 3 december 2026 kl. 16.00" / "Thursday 3 December 2026, 16:00 (Swedish time)".
function dateTimeText(locale: Locale, instant: Date): string {
  const format = new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    timeZone: "Europe/Stockholm",
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const { hour, minute } = stockholmWallClock(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  return locale === "sv"
    ? `${date} kl. ${pad(hour)}.${pad(minute)}`
    : `${date}, ${pad(hour)}:${pad(minute)} (Swedish time)`;
}

/** The registration deadline as the closed-state text says it. */
export function deadlineText(locale: Locale, closesAt: Date): string {
  return dateTimeText(locale, closesAt);
}

/** Places left, or undefined when the meeting has no limit. */
export function placesLeft(meeting: Meeting): number | undefined {
  return meeting.capacity === null ? undefined : Math.max(0, meeting.capacity - meeting.registeredCount);
}

/** Whether the next registrant goes on the waiting list. */
export function isFull(meeting: Meeting): boolean {
  return placesLeft(meeting) === 0;
}

/** Where the meeting is: the place, "Digitalt", or both. */
export function whereText(t: MeetingsPublicT, meeting: Meeting): string {
  if (!meeting.place) return t("where.digital");
  return meeting.onlineUrl ? t("where.both", { place: meeting.place }) : meeting.place;
}

function placesText(t: MeetingsPublicT, meeting: Meeting): string {
  const left = placesLeft(meeting);
  if (left === undefined) return t("places.unlimited");
  if (left === 0) return t("badge.full");
  return left === 1 ? t("places.one") : t("places.left", { count: left });
}

/** A small coloured label: "Inställd", "Fullt – väntelista". */
export function Tag({ color, children }: { color: "danger" | "warning" | "neutral"; children: Child }) {
  return (
    <span class="ds-tag" data-color={color}>
      {children}
    </span>
  );
}

function MeetingCard({ t, locale, meeting }: { t: MeetingsPublicT; locale: Locale; meeting: Meeting }) {
  const sv = locale === "en" ? "sv" : undefined;
  const area = meeting.municipalityName ?? meeting.countyName;
  const past = meeting.status === "held" || meeting.startsAt.getTime() < Date.now();
  return (
    <li>
      <article class="ds-card lots-card">
        <h3 class="ds-heading" data-size="xs">
          <a class="ds-link" href={meetingHref(meeting.slug)} lang={sv}>
            {meeting.title}
          </a>
        </h3>
        <p class="ds-paragraph">{meetingTimeText(locale, meeting.startsAt, meeting.durationMinutes)}</p>
        <p class="ds-paragraph">{[area, whereText(t, meeting)].filter(Boolean).join(" · ")}</p>
        {meeting.status === "cancelled" ? (
          <p class="ds-paragraph">
            <Tag color="danger">{t("badge.cancelled")}</Tag>
          </p>
        ) : past ? null : (
          <p class="ds-paragraph">
            {isFull(meeting) ? <Tag color="warning">{t("badge.full")}</Tag> : placesText(t, meeting)}
          </p>
        )}
      </article>
    </li>
  );
}

/** The list "Informationsträffar": upcoming meetings soonest first, then a few past ones. */
export function MeetingListView(props: {
  t: MeetingsPublicT;
  locale: Locale;
  upcoming: Meeting[];
  past: Meeting[];
}) {
  const { t, locale } = props;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      <Section id="upcoming-meetings" heading={t("list.upcoming")}>
        {props.upcoming.length === 0 ? (
          <p class="ds-paragraph">{t("list.none")}</p>
        ) : (
          <ul class="lots-grid">
            {props.upcoming.map((meeting) => (
              <MeetingCard t={t} locale={locale} meeting={meeting} />
            ))}
          </ul>
        )}
      </Section>
      <Section id="past-meetings" heading={t("list.past")}>
        {props.past.length === 0 ? (
          <p class="ds-paragraph">{t("list.noPast")}</p>
        ) : (
          <ul class="ds-list">
            {props.past.map((meeting) => (
              <li>
                <a class="ds-link" href={meetingHref(meeting.slug)} lang={locale === "en" ? "sv" : undefined}>
                  {meeting.title}
                </a>{" "}
                – {meetingTimeText(locale, meeting.startsAt, meeting.durationMinutes)}
                {meeting.municipalityName || meeting.countyName
                  ? `, ${meeting.municipalityName ?? meeting.countyName}`
                  : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** One line of facts: a bold label and its value. */
export function Fact({ label, children }: { label: string; children: Child }) {
  return (
    <li>
      <strong>{label}:</strong> {children}
    </li>
  );
}

/** After registering (reached by a redirect): registered or on the waiting list; no personal data. */
export function RegisteredView(props: {
  t: MeetingsPublicT;
  locale: Locale;
  meeting: Meeting;
  waiting: boolean;
}) {
  const { t, meeting, waiting } = props;
  return (
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {waiting ? t("done.waiting.title") : t("done.registered.title")}
      </h1>
      <p class="ds-paragraph">
        <a class="ds-link" href={meetingHref(meeting.slug)} lang={props.locale === "en" ? "sv" : undefined}>
          {meeting.title}
        </a>{" "}
        – {meetingTimeText(props.locale, meeting.startsAt, meeting.durationMinutes)}
      </p>
      <div class="ds-alert" data-color="success" role="status">
        <p class="ds-paragraph">{waiting ? t("done.waiting.text") : t("done.registered.text")}</p>
      </div>
      <p class="ds-paragraph">{t("done.noMail")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/traffar">
          {t("meeting.back")}
        </a>
      </p>
    </div>
  );
}

/** The registrant's page behind the link in the mail: the registration and a button to cancel it. */
export function CancelView(props: {
  t: MeetingsPublicT;
  locale: Locale;
  meeting: Meeting;
  registration: Registration;
  action: string;
  csrfToken: string;
  cancellable: boolean;
}) {
  const { t, locale, meeting, registration } = props;
  const cancelled = registration.status === "cancelled";
  return (
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {cancelled ? t("cancel.done.title") : t("cancel.title")}
      </h1>
      {cancelled ? (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{t("cancel.done.text")}</p>
        </div>
      ) : null}
      <ul class="ds-list">
        <Fact label={t("cancel.registration")}>
          <a class="ds-link" href={meetingHref(meeting.slug)} lang={locale === "en" ? "sv" : undefined}>
            {meeting.title}
          </a>
        </Fact>
        <Fact label={t("meeting.when")}>
          {meetingTimeText(locale, meeting.startsAt, meeting.durationMinutes)}
        </Fact>
        <Fact label={t("cancel.name")}>{registration.personName}</Fact>
        <Fact label={t("cancel.status")}>{t(`cancel.status.${registration.status}`)}</Fact>
      </ul>
      {cancelled ? null : props.cancellable ? (
        <form method="post" action={props.action} class="lots-stack">
          <CsrfField token={props.csrfToken} />
          <p class="ds-paragraph">{t("cancel.confirm")}</p>
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary" data-color="danger">
              {t("cancel.button")}
            </button>
          </div>
        </form>
      ) : (
        <p class="ds-paragraph">{t("cancel.tooLate")}</p>
      )}
    </div>
  );
}

/** A short page with a heading and a sentence: unknown meeting, unknown link. */
export function MessageView({ t, title, text }: { t: MeetingsPublicT; title: string; text: string }) {
  return (
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{text}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/traffar">
          {t("meeting.back")}
        </a>
      </p>
    </div>
  );
}
