import { formatDate, type Locale, pick } from "#src/shared/i18n.ts";
import { Input, type Option, Select } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import type { surveysMessages } from "./surveys.messages.ts";
import type { Question } from "./surveys.questions.ts";
import type { Campaign, Survey, SurveyResponse, SurveyVersion } from "./surveys.schemas.ts";

// The survey staff pages: the list, a survey (versions, rounds with their public links, answers), the
// editor of the draft and the new-round form. Plain forms; every field labelled.

type T = ReturnType<typeof surveysMessages>;

/** The surveys the user manages. */
export function SurveyListView({
  t,
  surveys,
  organisationNames,
  mayCreate,
}: {
  t: T;
  surveys: Survey[];
  organisationNames: Map<string, string>;
  mayCreate: boolean;
}) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      {mayCreate ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/enkater/ny">
            {t("new.link")}
          </a>
        </p>
      ) : null}
      {surveys.length === 0 ? (
        <p class="ds-paragraph">{t("list.none")}</p>
      ) : (
        <ul class="ds-list">
          {surveys.map((survey) => (
            <li>
              <a class="ds-link" href={`/admin/enkater/${survey.id}`}>
                {survey.name}
              </a>{" "}
              ({t(`list.kind.${survey.kind}`)}, {organisationNames.get(survey.organisationId) ?? ""})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the survey page shows. */
export type SurveyPageModel = {
  survey: Survey;
  versions: SurveyVersion[];
  campaigns: Campaign[];
  answers: SurveyResponse[];
  publicUrl: string;
  /** A QR code image (data: URI) of each round's public link, by round id. */
  qrCodes: Map<string, string>;
  notice: string | undefined;
  csrfToken: string;
  locale: Locale;
};

/** One survey: its versions, rounds and answers, with the actions. */
export function SurveyPageView({ t, model }: { t: T; model: SurveyPageModel }) {
  const { survey, versions } = model;
  const draft = versions.find((v) => !v.publishedAt);
  const latest = versions.find((v) => v.publishedAt);
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {survey.name}
      </h1>
      <Notice message={model.notice} />
      <Section id="survey-versions" heading={t("page.versions")}>
        <ul class="ds-list">
          {versions.map((v) => (
            <li>
              <a class="ds-link" href={`/admin/enkater/${survey.id}/versioner/${v.version}`}>
                {t("page.version", { version: v.version })}
              </a>
              {": "}
              {v.publishedAt ? t("page.published", { date: formatDate(v.publishedAt) }) : t("page.draft")}
            </li>
          ))}
        </ul>
        <div class="lots-actions">
          <a class="ds-link" href={`/admin/enkater/${survey.id}/redigera`}>
            {draft ? t("page.editDraft") : t("page.edit")}
          </a>
          {draft ? (
            <form method="post" action={`/admin/enkater/${survey.id}/publicera`}>
              <CsrfField token={model.csrfToken} />
              <button class="ds-button" type="submit" data-variant="primary">
                {t("page.publish", { version: draft.version })}
              </button>
            </form>
          ) : null}
        </div>
        {latest ? (
          <details class="ds-details">
            <summary>{t("page.questions", { version: latest.version })}</summary>
            <ol class="ds-list">
              {latest.questions.map((q) => (
                <li>
                  {pick(model.locale, q.label.sv, q.label.en)} ({t(`type.${q.type}`)})
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </Section>
      <Section id="survey-campaigns" heading={t("page.campaigns")}>
        {model.campaigns.length === 0 ? (
          <p class="ds-paragraph">{t("page.campaigns.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.campaigns.map((campaign) => (
              <li>
                {t("page.campaign.line", {
                  name: campaign.name,
                  opens: formatDate(campaign.opensAt),
                  closes: campaign.closesAt ? formatDate(campaign.closesAt) : t("page.campaign.open"),
                })}{" "}
                <a class="ds-link lots-break" href={`/behov/${campaign.slug}`}>
                  {`${model.publicUrl}/behov/${campaign.slug}`}
                </a>{" "}
                {t("page.campaign.scope", { scope: t(`campaign.scope.${campaign.scopeKind}`) })}
                {campaign.municipalityCodes.length > 0 ? ` (${campaign.municipalityCodes.join(", ")})` : ""}
                {campaign.sniCodes.length > 0 ? ` (SNI ${campaign.sniCodes.join(", ")})` : ""}{" "}
                {campaign.recurrence ? (
                  <>
                    {" "}
                    {t("page.campaign.recurrence", {
                      recurrence: t(`campaign.recurrence.${campaign.recurrence}`),
                    })}
                  </>
                ) : null}
                {model.qrCodes.get(campaign.id) ? (
                  <p class="ds-paragraph">
                    <img
                      src={model.qrCodes.get(campaign.id)}
                      alt={t("page.campaign.qr", { url: `${model.publicUrl}/behov/${campaign.slug}` })}
                      width={144}
                      height={144}
                    />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p class="ds-paragraph">
          <a class="ds-link" href={`/admin/enkater/${survey.id}/omgangar/ny`}>
            {t("campaign.title")}
          </a>
        </p>
      </Section>
      <Section id="survey-answers" heading={t("page.answers")}>
        {model.answers.length === 0 ? (
          <p class="ds-paragraph">{t("page.answers.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.answers.map((answer) => (
              <li>
                <a class="ds-link" href={`/admin/behov/svar/${answer.id}`}>
                  {t("page.answer", {
                    company: answer.companyName ?? "–",
                    date: formatDate(answer.createdAt),
                    version: answer.version,
                  })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** The new-round form. */
export function CampaignFormView(props: {
  t: T;
  survey: Survey;
  values: Record<string, string>;
  errors: FormError[];
  municipalities: Option[];
  csrfToken: string;
}) {
  const { t, values, errors } = props;
  const field = (name: string, label: string, hint?: string) => (
    <Input
      id={`c-${name}`}
      name={name}
      label={label}
      value={values[name] ?? ""}
      errors={errors}
      {...(hint ? { hint } : {})}
    />
  );
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("campaign.title")}
      </h1>
      <ErrorSummary id="campaign-errors" heading={t("campaign.errors")} errors={errors} />
      <form method="post" action={`/admin/enkater/${props.survey.id}/omgangar/ny`} class="lots-stack">
        <CsrfField token={props.csrfToken} />
        {field("name", t("campaign.name"))}
        {field("slug", t("campaign.slug"), t("campaign.slug.hint"))}
        <Select
          id="c-scopeKind"
          name="scopeKind"
          label={t("campaign.scope")}
          value={values.scopeKind ?? "municipality"}
          options={(["municipality", "industry", "meeting", "period"] as const).map((s) => ({
            value: s,
            label: t(`campaign.scope.${s}`),
          }))}
          errors={errors}
        />
        <Select
          id="c-municipalityCodes"
          name="municipalityCodes"
          label={t("campaign.municipality")}
          value={values.municipalityCodes ?? ""}
          options={[{ value: "", label: t("campaign.municipality.none") }, ...props.municipalities]}
          errors={errors}
        />
        {field("sniCodes", t("campaign.sni"))}
        {field("opensAt", t("campaign.opens"))}
        {field("closesAt", t("campaign.closes"))}
        <Select
          id="c-recurrence"
          name="recurrence"
          label={t("campaign.recurrence")}
          value={values.recurrence ?? ""}
          options={[
            { value: "", label: t("campaign.recurrence.none") },
            ...(["monthly", "quarterly", "half-yearly", "yearly"] as const).map((r) => ({
              value: r,
              label: t(`campaign.recurrence.${r}`),
            })),
          ]}
          errors={errors}
        />
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("campaign.create")}
          </button>
        </div>
      </form>
    </div>
  );
}

function themesOf(question: Question): string[] {
  switch (question.type) {
    case "free-text":
      return question.theme ? [question.theme] : [];
    case "yes-no":
      return question.themesIfYes;
    case "theme-picker":
      return question.themes;
    default:
      return [];
  }
}

/** One version's questions, read-only: a published version never changes, and the page says so. */
export function VersionView(props: {
  t: T;
  survey: Survey;
  version: SurveyVersion;
  nextVersion: number;
  themeNames: Map<string, string>;
  locale: Locale;
}) {
  const { t, version, locale } = props;
  const names = (codes: readonly string[]) =>
    codes.map((code) => props.themeNames.get(code) ?? code).join(", ");
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("version.title", { name: props.survey.name, version: version.version })}
      </h1>
      <div class="ds-alert" data-color={version.publishedAt ? "info" : "warning"}>
        <p class="ds-paragraph">
          {version.publishedAt
            ? t("version.locked", {
                version: version.version,
                date: formatDate(version.publishedAt),
                next: props.nextVersion,
              })
            : t("version.draft", { version: version.version })}
        </p>
      </div>
      <p class="ds-paragraph">{pick(locale, version.titleSv, version.titleEn ?? undefined)}</p>
      <ol class="ds-list lots-stack">
        {version.questions.map((q) => (
          <li>
            <p class="ds-paragraph">
              <strong>{pick(locale, q.label.sv, q.label.en)}</strong> ({t(`type.${q.type}`)}
              {q.required ? `, ${t("version.required")}` : ""})
              {q.label.en && locale === "sv" ? <span lang="en">{` / ${q.label.en}`}</span> : null}
            </p>
            {q.help ? <p class="ds-paragraph">{pick(locale, q.help.sv, q.help.en)}</p> : null}
            {themesOf(q).length > 0 ? (
              <p class="ds-paragraph">{t("version.themes", { themes: names(themesOf(q)) })}</p>
            ) : null}
            {"options" in q ? (
              <ul class="ds-list">
                {q.options.map((o) => (
                  <li>
                    <code>{o.id}</code> {pick(locale, o.label.sv, o.label.en)}
                    {o.themes.length > 0 ? ` (${t("version.themes", { themes: names(o.themes) })})` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/enkater/${props.survey.id}`}>
          {t("version.back")}
        </a>
      </p>
    </div>
  );
}

/** The new-survey form: organisation, names and a first question. */
export function NewSurveyView(props: {
  t: T;
  values: Record<string, string>;
  organisations: Option[];
  errors: FormError[];
  csrfToken: string;
}) {
  const { t, values, errors } = props;
  const field = (name: string, label: string, hint?: string) => (
    <Input
      id={`n-${name}`}
      name={name}
      label={label}
      value={values[name] ?? ""}
      errors={errors}
      {...(hint ? { hint } : {})}
    />
  );
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("new.title")}
      </h1>
      <p class="ds-paragraph">{t("new.intro")}</p>
      <ErrorSummary id="new-survey-errors" heading={t("new.errors")} errors={errors} />
      <form method="post" action="/admin/enkater/ny" class="lots-stack">
        <CsrfField token={props.csrfToken} />
        <Select
          id="n-organisationId"
          name="organisationId"
          label={t("new.organisation")}
          value={values.organisationId ?? ""}
          options={props.organisations}
          errors={errors}
        />
        {field("name", t("new.name"))}
        {field("slug", t("new.slug"), t("new.slug.hint"))}
        <Select
          id="n-kind"
          name="kind"
          label={t("new.kind")}
          value={values.kind ?? "needs"}
          options={(["needs", "pulse"] as const).map((k) => ({ value: k, label: t(`list.kind.${k}`) }))}
          errors={errors}
        />
        {field("titleSv", t("new.titleSv"))}
        {field("question", t("new.firstQuestion"))}
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("new.create")}
          </button>
        </div>
      </form>
    </div>
  );
}
