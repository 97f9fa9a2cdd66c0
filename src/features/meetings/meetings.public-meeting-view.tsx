import type { Locale } from "#src/shared/i18n.ts";
import { Fieldset, Input, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, Section } from "#src/shared/web/form-parts.tsx";
import { meetingTimeText } from "./meetings.mails.ts";
import type { MeetingsPublicT } from "./meetings.public-messages.ts";
import {
  deadlineText,
  Fact,
  isFull,
  type MeetingPageModel,
  meetingHref,
  placesLeft,
  type REGISTRATION_FIELDS,
  REGISTRATION_FORM_ID,
  type RegistrationFormState,
  registrationFieldId,
  Tag,
  whereText,
} from "./meetings.public-views.tsx";
import type { Meeting } from "./meetings.schemas.ts";

// One meeting's public page: when, where, who presents and what, then the registration form — or, when
// registration is not open, why (cancelled, held or past, closed). See meetings.public-views.tsx for the rest.

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Why there is no form: cancelled, held or past, or registration closed. */
function StateNotice({ t, locale, model }: { t: MeetingsPublicT; locale: Locale; model: MeetingPageModel }) {
  const { state } = model;
  if (state === "open") return null;
  const color = state === "cancelled" ? "danger" : state === "closed" ? "warning" : "info";
  const text =
    state === "closed"
      ? t("state.closed.text", { when: deadlineText(locale, model.closesAt) })
      : t(`state.${state}.text`);
  return (
    <section class="ds-alert" data-color={color} id={REGISTRATION_FORM_ID} aria-labelledby="meeting-state">
      <h2 class="ds-heading" data-size="xs" id="meeting-state">
        {t(`state.${state}.title`)}
      </h2>
      <p class="ds-paragraph">{text}</p>
    </section>
  );
}

/** The registration form: the business, the person, and for a meeting with a place, dietary and access needs. */
function RegistrationForm(props: { t: MeetingsPublicT; meeting: Meeting; form: RegistrationFormState }) {
  const { t, meeting, form } = props;
  const input = (name: (typeof REGISTRATION_FIELDS)[number]) => ({
    id: registrationFieldId(name),
    name,
    value: form.values[name] ?? "",
    errors: form.errors,
  });
  const full = isFull(meeting);
  return (
    <Section id="registration" heading={t("form.title")}>
      <p class="ds-paragraph">{t("form.intro")}</p>
      {full ? (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("form.full")}</p>
        </div>
      ) : null}
      <form
        method="post"
        action={`${meetingHref(meeting.slug)}/anmalan`}
        class="lots-stack"
        id={REGISTRATION_FORM_ID}
        novalidate
      >
        <CsrfField token={form.csrfToken} />
        <input type="hidden" name="idempotencyKey" value={form.idempotencyKey} />
        <Fieldset legend={t("form.company")}>
          <Input
            {...input("orgNumber")}
            label={`${t("form.orgNumber")} ${t("form.required")}`}
            hint={t("form.orgNumber.hint")}
            inputmode="numeric"
          />
          <Input
            {...input("companyName")}
            label={`${t("form.companyName")} ${t("form.required")}`}
            autocomplete="organization"
          />
        </Fieldset>
        <Fieldset legend={t("form.person")}>
          <Input
            {...input("personName")}
            label={`${t("form.personName")} ${t("form.required")}`}
            autocomplete="name"
          />
          <Input
            {...input("email")}
            label={`${t("form.email")} ${t("form.required")}`}
            hint={t("form.email.hint")}
            type="email"
            autocomplete="email"
          />
          <Input
            {...input("phone")}
            label={`${t("form.phone")} ${t("form.optional")}`}
            type="tel"
            autocomplete="tel"
          />
        </Fieldset>
        {meeting.place ? (
          <Fieldset legend={t("form.needs")}>
            <TextArea
              {...input("dietaryNeeds")}
              label={`${t("form.dietaryNeeds")} ${t("form.optional")}`}
              rows={2}
            />
            <TextArea
              {...input("accessibilityNeeds")}
              label={`${t("form.accessibilityNeeds")} ${t("form.optional")}`}
              rows={2}
            />
          </Fieldset>
        ) : null}
        <p class="ds-paragraph">{t("form.privacy")}</p>
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {full ? t("form.submitWaiting") : t("form.submit")}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** A meeting's public page: when, where, who, what; then the registration form or why there is none. */
export function MeetingPageView(props: {
  t: MeetingsPublicT;
  locale: Locale;
  model: MeetingPageModel;
  form: RegistrationFormState;
}) {
  const { t, locale, model, form } = props;
  const { meeting } = model;
  const sv = locale === "en" ? "sv" : undefined;
  const area = meeting.municipalityName ?? meeting.countyName;
  return (
    <article class="lots-prose">
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href="/traffar">
          {t("meeting.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" lang={sv}>
        {meeting.title}
      </h1>
      {meeting.status === "cancelled" ? (
        <p class="ds-paragraph">
          <Tag color="danger">{t("badge.cancelled")}</Tag>
        </p>
      ) : null}
      <ErrorSummary id="error-summary" heading={t("form.errors")} errors={form.errors} />
      <ul class="ds-list">
        <Fact label={t("meeting.when")}>
          {meetingTimeText(locale, meeting.startsAt, meeting.durationMinutes)}
        </Fact>
        <Fact label={t("meeting.where")}>
          <span lang={meeting.place ? sv : undefined}>{whereText(t, meeting)}</span>
        </Fact>
        {area ? <Fact label={t("meeting.area")}>{area}</Fact> : null}
        <Fact label={t("meeting.organiser")}>{meeting.organisationName}</Fact>
        {model.state === "open" ? (
          <>
            <Fact label={t("meeting.places")}>
              {meeting.capacity === null
                ? t("places.unlimited")
                : isFull(meeting)
                  ? t("badge.full")
                  : t("places.of", { left: placesLeft(meeting) ?? 0, capacity: meeting.capacity })}
            </Fact>
            <Fact label={t("meeting.deadline")}>{deadlineText(locale, model.closesAt)}</Fact>
          </>
        ) : null}
      </ul>
      {meeting.onlineUrl && model.state === "open" ? (
        <p class="ds-paragraph">{t("meeting.digitalLink")}</p>
      ) : null}
      {meeting.description ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.about")}
          </h2>
          {paragraphs(meeting.description).map((p) => (
            <p class="ds-paragraph lots-prewrap" lang={sv}>
              {p}
            </p>
          ))}
        </>
      ) : null}
      {lines(meeting.agenda).length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.agenda")}
          </h2>
          <ul class="ds-list" lang={sv}>
            {lines(meeting.agenda).map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </>
      ) : null}
      {meeting.organisations.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.presenters")}
          </h2>
          <ul class="ds-list">
            {meeting.organisations.map((o) => (
              <li>{o.name}</li>
            ))}
          </ul>
        </>
      ) : null}
      {meeting.speakers.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.speakers")}
          </h2>
          <ul class="ds-list">
            {meeting.speakers.map((s) => (
              <li>{[s.name, s.role, s.organisationName].filter(Boolean).join(", ")}</li>
            ))}
          </ul>
        </>
      ) : null}
      {model.industries.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.industries")}
          </h2>
          <ul class="ds-list">
            {model.industries.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
      {model.themes.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.themes")}
          </h2>
          <p class="ds-paragraph">{model.themes.join(", ")}</p>
        </>
      ) : null}
      {model.offers.length > 0 ? (
        <>
          <h2 class="ds-heading" data-size="sm">
            {t("meeting.offers")}
          </h2>
          <ul class="ds-list">
            {model.offers.map((offer) => (
              <li>
                <a class="ds-link" href={offer.href}>
                  {offer.name}
                </a>{" "}
                {t("meeting.offerFrom", { organisation: offer.organisationName })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {model.state === "open" ? (
        <RegistrationForm t={t} meeting={meeting} form={form} />
      ) : (
        <StateNotice t={t} locale={locale} model={model} />
      )}
    </article>
  );
}
