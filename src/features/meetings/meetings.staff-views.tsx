import type { Locale } from "#src/shared/i18n.ts";
import {
  CsrfField,
  ErrorSummary,
  type FormError,
  fieldError,
  Notice,
  Section,
  ValidationMessage,
} from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { Meeting, Registration } from "./meetings.schemas.ts";
import type { MeetingsStaffT } from "./meetings.staff-messages.ts";
import { MeetingOutcomeView, type OutcomeModel } from "./meetings.staff-outcome-view.tsx";
import { Registrations, WaitingList } from "./meetings.staff-registrations-view.tsx";

// The organisers' list of meetings and the page of one meeting: facts, status actions, registrations with
// attendance, the waiting list and the follow-up. The outcome (answers, needs, cases) is its own view.

/** Base path of the organisers' pages. */
export const STAFF_PATH = "/admin/traffar";

/** A meeting's start in Swedish (or British) long form, Stockholm time: "16 januari 2031 09:00". */
export function formatWhen(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "long",
    timeStyle: "short",
  }).format(at);
}

function registeredText(t: MeetingsStaffT, meeting: Meeting) {
  return meeting.capacity === null
    ? t("list.registeredOpen", { count: meeting.registeredCount })
    : t("list.registered", { count: meeting.registeredCount, capacity: meeting.capacity });
}

function MeetingTable(props: {
  t: MeetingsStaffT;
  locale: Locale;
  meetings: Meeting[];
  caption: string;
  showOrganiser: boolean;
}) {
  const { t } = props;
  if (props.meetings.length === 0) return <p class="ds-paragraph">{t("list.none")}</p>;
  return (
    <TableScroll label={props.caption}>
      <table class="ds-table" data-border="true">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("list.col.title")}</th>
            {props.showOrganiser ? <th scope="col">{t("list.col.organiser")}</th> : null}
            <th scope="col">{t("list.col.when")}</th>
            <th scope="col">{t("list.col.status")}</th>
            <th scope="col">{t("list.col.registered")}</th>
            <th scope="col">{t("list.col.waiting")}</th>
          </tr>
        </thead>
        <tbody>
          {props.meetings.map((m) => (
            <tr>
              <td>
                <a class="ds-link" href={`${STAFF_PATH}/${m.slug}`}>
                  {m.title}
                </a>
              </td>
              {props.showOrganiser ? <td>{m.organisationName}</td> : null}
              <td>{formatWhen(m.startsAt, props.locale)}</td>
              <td>{t(`status.${m.status}`)}</td>
              <td>{registeredText(t, m)}</td>
              <td>{m.waitingCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The list page model. */
export type MeetingListModel = {
  upcoming: Meeting[];
  past: Meeting[];
  showOrganiser: boolean;
  canCreate: boolean;
};

/** /admin/traffar: upcoming and past meetings of the actor's organisations. */
export function MeetingListView({
  t,
  locale,
  model,
}: {
  t: MeetingsStaffT;
  locale: Locale;
  model: MeetingListModel;
}) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      {model.canCreate ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={`${STAFF_PATH}/ny`}>
            {t("list.new")}
          </a>
        </p>
      ) : null}
      <Section id="meetings-upcoming" heading={t("list.upcoming")}>
        <MeetingTable
          t={t}
          locale={locale}
          meetings={model.upcoming}
          caption={t("list.upcoming")}
          showOrganiser={model.showOrganiser}
        />
      </Section>
      <Section id="meetings-past" heading={t("list.past")}>
        <MeetingTable
          t={t}
          locale={locale}
          meetings={model.past}
          caption={t("list.past")}
          showOrganiser={model.showOrganiser}
        />
      </Section>
    </div>
  );
}

/** What the meeting page shows. */
export type MeetingPageModel = {
  meeting: Meeting;
  notice: string | undefined;
  errors: FormError[];
  csrfToken: string;
  now: Date;
  themeNames: Map<string, string>;
  packName: string | undefined;
  surveyName: string | undefined;
  registrations: Registration[];
  outcome: OutcomeModel;
};

function Fact({ label, children }: { label: string; children: unknown }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class="lots-prewrap">{children as string}</dd>
    </>
  );
}

function Facts({ t, locale, model }: { t: MeetingsStaffT; locale: Locale; model: MeetingPageModel }) {
  const m = model.meeting;
  const none = t("page.none");
  return (
    <Section id="meeting-facts" heading={t("page.facts")}>
      <dl class="lots-answers">
        <Fact label={t("page.status")}>{t(`status.${m.status}`)}</Fact>
        <Fact label={t("page.organiser")}>{m.organisationName}</Fact>
        <Fact label={t("page.when")}>
          {`${formatWhen(m.startsAt, locale)}, ${t("page.duration", { minutes: m.durationMinutes })}`}
        </Fact>
        <Fact label={t("page.where")}>{m.place ?? none}</Fact>
        <Fact label={t("page.online")}>{m.onlineUrl ?? none}</Fact>
        <Fact label={t("page.area")}>{m.municipalityName ?? m.countyName ?? none}</Fact>
        <Fact label={t("page.industries")}>{m.sniCodes.join(", ") || none}</Fact>
        <Fact label={t("page.themes")}>
          {m.themes.map((code) => model.themeNames.get(code) ?? code).join(", ") || none}
        </Fact>
        <Fact label={t("page.capacity")}>{registeredText(t, m)}</Fact>
        <Fact label={t("page.deadline")}>
          {m.registrationDeadline ? formatWhen(m.registrationDeadline, locale) : t("page.noDeadline")}
        </Fact>
        <Fact label={t("page.presenters")}>{m.organisations.map((o) => o.name).join(", ") || none}</Fact>
        <Fact label={t("page.speakers")}>
          {m.speakers
            .map((s) => [s.name, s.role, s.organisationName].filter(Boolean).join(", "))
            .join("\n") || none}
        </Fact>
        <Fact label={t("page.offers")}>
          {m.offers.map((o) => `${o.name} (${o.organisationName})`).join("\n") || none}
        </Fact>
        <Fact label={t("page.agenda")}>{m.agenda || none}</Fact>
        {model.packName ? <Fact label={t("page.pack")}>{model.packName}</Fact> : null}
      </dl>
    </Section>
  );
}

function Actions({ t, model }: { t: MeetingsStaffT; model: MeetingPageModel }) {
  const m = model.meeting;
  const base = `${STAFF_PATH}/${m.slug}`;
  const cancelError = fieldError(model.errors, "meeting-cancel-confirm");
  return (
    <Section id="meeting-actions" heading={t("page.actions")}>
      <ul class="ds-list lots-actions">
        {m.status === "draft" || m.status === "published" ? (
          <li>
            <a class="ds-link" href={`${base}/redigera`}>
              {t("page.edit")}
            </a>
          </li>
        ) : null}
        <li>
          <a class="ds-link" href={`${base}/klona`}>
            {t("page.clone")}
          </a>
        </li>
        {m.status !== "draft" ? (
          <li>
            <a class="ds-link" href={`/traffar/${m.slug}`}>
              {t("page.public")}
            </a>
          </li>
        ) : null}
      </ul>
      {m.status === "draft" ? (
        <form method="post" action={`${base}/publicera`} class="lots-stack">
          <CsrfField token={model.csrfToken} />
          <p class="ds-paragraph">{t("page.publishHint")}</p>
          <button class="ds-button" data-variant="primary" type="submit">
            {t("page.publish")}
          </button>
        </form>
      ) : null}
      {m.status === "published" && model.now >= m.startsAt ? (
        <form method="post" action={`${base}/genomford`} class="lots-stack">
          <CsrfField token={model.csrfToken} />
          <p class="ds-paragraph">{t("page.heldHint")}</p>
          <button class="ds-button" data-variant="primary" type="submit">
            {t("page.held")}
          </button>
        </form>
      ) : null}
      {m.status === "published" ? (
        <form method="post" action={`${base}/installa`} class="lots-stack">
          <CsrfField token={model.csrfToken} />
          <div class="ds-field">
            <ValidationMessage fieldId="meeting-cancel-confirm" message={cancelError} />
            <input
              class="ds-input"
              type="checkbox"
              id="meeting-cancel-confirm"
              name="confirm"
              value="yes"
              aria-invalid={cancelError ? "true" : undefined}
              aria-describedby={cancelError ? "meeting-cancel-confirm-error" : undefined}
            />
            <label class="ds-label" data-weight="regular" for="meeting-cancel-confirm">
              {t("page.cancelConfirm")}
            </label>
          </div>
          <button class="ds-button" data-variant="secondary" data-color="danger" type="submit">
            {t("page.cancel")}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

function FollowUp({ t, model }: { t: MeetingsStaffT; model: MeetingPageModel }) {
  const sent = model.registrations.filter((r) => r.followupSentAt !== null).length;
  return (
    <Section id="meeting-follow-up" heading={t("page.followUp")}>
      {model.surveyName === undefined ? (
        <p class="ds-paragraph">{t("page.followUp.none")}</p>
      ) : (
        <>
          <p class="ds-paragraph">{t("page.followUp.survey", { name: model.surveyName })}</p>
          <p class="ds-paragraph">
            {sent > 0 ? t("page.followUp.sent", { count: sent }) : t("page.followUp.notSent")}
          </p>
        </>
      )}
    </Section>
  );
}

/** /admin/traffar/:slug: everything the organiser needs about one meeting. */
export function MeetingPageView({
  t,
  locale,
  model,
}: {
  t: MeetingsStaffT;
  locale: Locale;
  model: MeetingPageModel;
}) {
  return (
    <div class="lots-stack">
      <p class="ds-paragraph">
        <a class="ds-link" href={STAFF_PATH}>
          {t("form.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {model.meeting.title}
      </h1>
      <Notice message={model.notice} />
      <ErrorSummary id="meeting-errors" heading={t("form.errors")} errors={model.errors} />
      <Actions t={t} model={model} />
      <Facts t={t} locale={locale} model={model} />
      <Registrations
        t={t}
        model={{ ...model, attendanceAction: `${STAFF_PATH}/${model.meeting.slug}/narvaro` }}
      />
      <WaitingList t={t} model={{ ...model, attendanceAction: "" }} />
      <FollowUp t={t} model={model} />
      <MeetingOutcomeView t={t} outcome={model.outcome} />
    </div>
  );
}
