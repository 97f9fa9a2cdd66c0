import type { Campaign, SurveyVersion } from "#src/features/surveys/surveys.schemas.ts";
import { formatDate, type Locale, pick } from "#src/shared/i18n.ts";
import { Fieldset, Input, type Option, Select } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Section } from "#src/shared/web/form-parts.tsx";
import { type COMPANY_FIELDS, type FormValues, fieldId, first } from "./intake-pages.form.ts";
import type { intakeMessages } from "./intake-pages.messages.ts";
import { QuestionField } from "./intake-pages.question.tsx";

// The public needs form "Berätta om era behov": the landing page, the form drawn from any survey version,
// the review step and the thank-you page. Plain HTML forms: everything works without JavaScript; the one
// script only saves what is typed in the browser.

export type IntakeT = ReturnType<typeof intakeMessages>;

/** The lists the form offers. */
export type FormChoices = {
  themes: Option[];
  municipalities: Option[];
  sizeBands: Option[];
  organisations: Option[];
};

/** The landing page: the open campaigns with public links. */
export function LandingView({ t, campaigns }: { t: IntakeT; campaigns: Campaign[] }) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("landing.title")}
      </h1>
      <p class="ds-paragraph">{t("landing.intro")}</p>
      <Section id="open-surveys" heading={t("landing.open")}>
        {campaigns.length === 0 ? (
          <p class="ds-paragraph">{t("landing.none")}</p>
        ) : (
          <ul class="ds-list">
            {campaigns.map((campaign) => (
              <li>
                <a class="ds-link" href={`/behov/${campaign.slug}`}>
                  {campaign.name}
                </a>{" "}
                –{" "}
                {campaign.closesAt
                  ? t("landing.closes", { date: formatDate(campaign.closesAt) })
                  : t("landing.alwaysOpen")}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** The needs form for a campaign, drawn from the version's questions, with what was typed and its errors. */
export function NeedsFormView(props: {
  t: IntakeT;
  locale: Locale;
  campaign: Campaign;
  version: SurveyVersion;
  values: FormValues;
  errors: FormError[];
  csrfToken: string;
  idempotencyKey: string;
  choices: FormChoices;
  onBehalf: boolean;
}) {
  const { t, locale, campaign, version, values, errors, choices } = props;
  const company = (field: (typeof COMPANY_FIELDS)[number]) => `company.${field}`;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {pick(locale, version.titleSv, version.titleEn)}
      </h1>
      {version.introSv ? <p class="ds-paragraph">{pick(locale, version.introSv, version.introEn)}</p> : null}
      {props.onBehalf ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("form.onBehalf")}</p>
        </div>
      ) : null}
      <ErrorSummary id="error-summary" heading={t("form.errors")} errors={errors} />
      <form
        method="post"
        action={`/behov/${campaign.slug}`}
        class="lots-stack"
        id="needs-form"
        novalidate
        data-autosave={autosaveKey(campaign.slug)}
      >
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <input type="hidden" name="versionId" value={version.id} />
        <p class="ds-paragraph lots-autosave-hint" hidden>
          {t("form.saveHint")}
        </p>
        <Fieldset legend={t("form.company")}>
          <Input
            id={fieldId(company("orgNumber"))}
            name={company("orgNumber")}
            label={`${t("form.orgNumber")} ${t("form.required")}`}
            hint={t("form.orgNumber.hint")}
            value={first(values, company("orgNumber"))}
            errors={errors}
            inputmode="numeric"
          />
          <Input
            id={fieldId(company("name"))}
            name={company("name")}
            label={`${t("form.name")} ${t("form.required")}`}
            value={first(values, company("name"))}
            errors={errors}
            autocomplete="organization"
          />
          <Input
            id={fieldId(company("postalCode"))}
            name={company("postalCode")}
            label={t("form.postalCode")}
            hint={t("form.postalCode.hint")}
            value={first(values, company("postalCode"))}
            errors={errors}
            inputmode="numeric"
            autocomplete="postal-code"
          />
          <Select
            id={fieldId(company("municipalityCode"))}
            name={company("municipalityCode")}
            label={t("form.municipality")}
            value={first(values, company("municipalityCode"))}
            options={[{ value: "", label: t("form.municipality.none") }, ...choices.municipalities]}
            errors={errors}
          />
          <Input
            id={fieldId(company("sniCodes"))}
            name={company("sniCodes")}
            label={t("form.sni")}
            hint={t("form.sni.hint")}
            value={first(values, company("sniCodes"))}
            errors={errors}
          />
          <Select
            id={fieldId(company("sizeBand"))}
            name={company("sizeBand")}
            label={t("form.sizeBand")}
            value={first(values, company("sizeBand"))}
            options={[{ value: "", label: t("form.sizeBand.none") }, ...choices.sizeBands]}
            errors={errors}
          />
          <Input
            id={fieldId(company("foundedYear"))}
            name={company("foundedYear")}
            label={t("form.foundedYear")}
            hint={t("form.foundedYear.hint")}
            value={first(values, company("foundedYear"))}
            errors={errors}
            inputmode="numeric"
          />
        </Fieldset>
        <Fieldset legend={t("form.questions")}>
          {version.questions.map((question) => (
            <QuestionField
              question={question}
              values={values}
              errors={errors}
              locale={locale}
              t={t}
              choices={choices}
            />
          ))}
        </Fieldset>
        <div class="lots-actions">
          <button class="ds-button" type="submit" name="step" value="review" data-variant="primary">
            {t("form.next")}
          </button>
        </div>
      </form>
      <script src="/assets/autosave.js" defer />
    </div>
  );
}

/** Every posted field again, hidden: the review step sends exactly what was checked. */
function HiddenValues({ values }: { values: FormValues }) {
  return (
    <>
      {Object.entries(values)
        .filter(([name]) => name !== "_csrf" && name !== "step")
        .flatMap(([name, list]) => list.map((value) => <input type="hidden" name={name} value={value} />))}
    </>
  );
}

/** A row of the review: a question and the answer in words. */
export type ReviewRow = { question: string; answer: string };

/** The review step: what will be stored, who sees it, the public-document note; change or send. */
export function ReviewView(props: {
  t: IntakeT;
  campaign: Campaign;
  values: FormValues;
  csrfToken: string;
  companyLines: string[];
  needs: string[];
  rows: ReviewRow[];
  sharing: string[];
}) {
  const { t } = props;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("review.title")}
      </h1>
      <p class="ds-paragraph">{t("review.intro")}</p>
      <Section id="review-company" heading={t("review.company")}>
        <ul class="ds-list">
          {props.companyLines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </Section>
      <Section id="review-needs" heading={t("review.needs")}>
        {props.needs.length === 0 ? (
          <p class="ds-paragraph">{t("review.noNeeds")}</p>
        ) : (
          <ul class="ds-list">
            {props.needs.map((need) => (
              <li>{need}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="review-answers" heading={t("review.answers")}>
        <dl class="lots-answers">
          {props.rows.map((row) => (
            <>
              <dt>{row.question}</dt>
              <dd class="lots-prewrap">{row.answer || t("review.noAnswer")}</dd>
            </>
          ))}
        </dl>
      </Section>
      <Section id="review-sharing" heading={t("review.with")}>
        <ul class="ds-list">
          {props.sharing.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("review.public")}</p>
        </div>
      </Section>
      <div class="lots-actions">
        <form method="post" action={`/behov/${props.campaign.slug}/skicka`}>
          <CsrfField token={props.csrfToken} />
          <HiddenValues values={props.values} />
          <button class="ds-button" type="submit" data-variant="primary" id="send-answers">
            {t("review.send")}
          </button>
        </form>
        <form method="post" action={`/behov/${props.campaign.slug}`}>
          <CsrfField token={props.csrfToken} />
          <HiddenValues values={props.values} />
          <button class="ds-button" type="submit" name="step" value="edit" data-variant="secondary">
            {t("review.edit")}
          </button>
        </form>
      </div>
    </div>
  );
}

/**
 * Where the browser keeps a round's unsent form (/assets/autosave.js): one entry per round, so a reload,
 * which draws a new idempotency key, still finds it; the entry holds its own key and brings it back.
 */
export function autosaveKey(slug: string): string {
  return `lots-needs:${slug}`;
}

/** The thank-you page, with the private link when it is shown now; it clears the saved form. */
export function ThanksView(props: {
  t: IntakeT;
  organisation: string;
  replayed: boolean;
  link: { url: string; expiresAt: Date; email: string | null } | undefined;
  autosaveKey: string;
}) {
  const { t, link } = props;
  return (
    <div class="lots-stack" data-autosave-done={props.autosaveKey}>
      <h1 class="ds-heading" data-size="lg">
        {t("thanks.title")}
      </h1>
      {props.replayed ? <p class="ds-paragraph">{t("thanks.replayed")}</p> : null}
      <p class="ds-paragraph">{t("thanks.next", { organisation: props.organisation })}</p>
      <Section id="private-link" heading={t("thanks.link")}>
        {link ? (
          <>
            <p class="ds-paragraph">{t("thanks.linkHint", { date: formatDate(link.expiresAt) })}</p>
            <p class="ds-paragraph lots-break">
              <a class="ds-link" href={link.url} id="private-link-url">
                {link.url}
              </a>
            </p>
            {link.email ? <p class="ds-paragraph">{t("thanks.linkMailed", { email: link.email })}</p> : null}
          </>
        ) : (
          <p class="ds-paragraph">{t("thanks.noLink", { organisation: props.organisation })}</p>
        )}
      </Section>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t("thanks.back")}
        </a>
      </p>
      <script src="/assets/autosave.js" defer />
    </div>
  );
}

/** A short page with a heading and a sentence: closed survey, unknown link. */
export function MessageView({ title, text }: { title: string; text: string }) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{text}</p>
    </div>
  );
}
