import { formatDate, type Locale, pick } from "#src/shared/i18n.ts";
import { Checkboxes, Fieldset, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import { ADDABLE_TYPES } from "./surveys.editor.ts";
import type { surveysMessages } from "./surveys.messages.ts";
import type { SurveyContentInput } from "./surveys.questions.ts";
import type { Campaign, Survey, SurveyResponse, SurveyVersion } from "./surveys.schemas.ts";

// The survey staff pages: the list, a survey (versions, rounds with their public links, answers), the
// editor of the draft and the new-round form. Plain forms; every field labelled.

type T = ReturnType<typeof surveysMessages>;

/** The surveys the user manages. */
export function SurveyListView({
  t,
  surveys,
  organisationNames,
}: {
  t: T;
  surveys: Survey[];
  organisationNames: Map<string, string>;
}) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
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
              {t("page.version", { version: v.version })}:{" "}
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
                </a>
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

/** The editor of a survey's draft (or of a new draft from the latest version). */
export function SurveyEditorView(props: {
  t: T;
  survey: Survey;
  content: SurveyContentInput;
  errors: FormError[];
  csrfToken: string;
}) {
  const { t, content, errors } = props;
  const text = (value: string | null | undefined) => value ?? "";
  const none: FormError[] = [];
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("editor.title", { name: props.survey.name })}
      </h1>
      <p class="ds-paragraph">{t("editor.intro")}</p>
      <ErrorSummary id="editor-errors" heading={t("editor.errors")} errors={errors} />
      <form method="post" action={`/admin/enkater/${props.survey.id}/redigera`} class="lots-stack">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="base" value={JSON.stringify(content)} />
        <Input
          id="e-titleSv"
          name="titleSv"
          label={t("editor.titleSv")}
          value={content.titleSv}
          errors={errors}
        />
        <Input
          id="e-titleEn"
          name="titleEn"
          label={t("editor.titleEn")}
          value={text(content.titleEn)}
          errors={none}
        />
        <TextArea
          id="e-introSv"
          name="introSv"
          label={t("editor.introSv")}
          value={text(content.introSv)}
          errors={none}
        />
        <TextArea
          id="e-introEn"
          name="introEn"
          label={t("editor.introEn")}
          value={text(content.introEn)}
          errors={none}
        />
        {content.questions.map((q, i) => (
          <Fieldset legend={t("editor.question", { n: i + 1, type: t(`type.${q.type}`) })}>
            <Input
              id={`e-q-${i}-sv`}
              name={`q.${i}.label.sv`}
              label={t("editor.labelSv")}
              value={q.label.sv}
              errors={errors}
            />
            <Input
              id={`e-q-${i}-en`}
              name={`q.${i}.label.en`}
              label={t("editor.labelEn")}
              value={text(q.label.en)}
              errors={none}
            />
            <Input
              id={`e-q-${i}-help`}
              name={`q.${i}.help.sv`}
              label={t("editor.helpSv")}
              value={text(q.help?.sv)}
              errors={none}
            />
            <Input
              id={`e-q-${i}-help-en`}
              name={`q.${i}.help.en`}
              label={t("editor.helpEn")}
              value={text(q.help?.en)}
              errors={none}
            />
            {"options" in q && Array.isArray(q.options)
              ? q.options.map((o, j) => (
                  <>
                    <Input
                      id={`e-q-${i}-o-${j}`}
                      name={`q.${i}.option.${j}.sv`}
                      label={t("editor.option", { n: j + 1 })}
                      value={o.label.sv}
                      errors={errors}
                    />
                    <Input
                      id={`e-q-${i}-o-${j}-en`}
                      name={`q.${i}.option.${j}.en`}
                      label={t("editor.optionEn", { n: j + 1 })}
                      value={text(o.label.en)}
                      errors={none}
                    />
                  </>
                ))
              : null}
            <Checkboxes
              id={`e-q-${i}-flags`}
              name={`q.${i}.required`}
              legend={t("editor.required")}
              options={[{ value: "yes", label: t("editor.required") }]}
              selected={q.required ? ["yes"] : []}
              errors={none}
            />
            <Checkboxes
              id={`e-q-${i}-remove`}
              name={`q.${i}.remove`}
              legend={t("editor.remove")}
              options={[{ value: "yes", label: t("editor.remove") }]}
              selected={[]}
              errors={none}
            />
          </Fieldset>
        ))}
        <Fieldset legend={t("editor.new")}>
          <Select
            id="e-new-type"
            name="new.type"
            label={t("editor.newType")}
            value=""
            options={[
              { value: "", label: t("editor.newType.none") },
              ...ADDABLE_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) })),
            ]}
            errors={none}
          />
          <Input id="e-new-label" name="new.label" label={t("editor.newLabel")} value="" errors={none} />
          <TextArea
            id="e-new-options"
            name="new.options"
            label={t("editor.newOptions")}
            hint={t("editor.newOptions.hint")}
            value=""
            errors={none}
          />
          <Input id="e-new-themes" name="new.themes" label={t("editor.newThemes")} value="" errors={none} />
          <Checkboxes
            id="e-new-required"
            name="new.required"
            legend={t("editor.required")}
            options={[{ value: "yes", label: t("editor.required") }]}
            selected={[]}
            errors={none}
          />
        </Fieldset>
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("editor.save")}
          </button>
        </div>
      </form>
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
