import { Checkboxes, Fieldset, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice } from "#src/shared/web/form-parts.tsx";
import { ADDABLE_TYPES } from "./surveys.editor.ts";
import type { surveysMessages } from "./surveys.messages.ts";
import type { QuestionInput, SurveyContentInput } from "./surveys.questions.ts";
import type { Survey } from "./surveys.schemas.ts";

// The survey editor: one form, every action a submit button of its own (save, add, remove, move, options),
// so it works without JavaScript. The first button is "Save", so Enter in a field saves.

type T = ReturnType<typeof surveysMessages>;

/** What the editor edits: the draft's number and the newest published version, if any. */
export type EditorModel = {
  survey: Survey;
  content: SurveyContentInput;
  draftVersion: number;
  publishedVersion: number | undefined;
  themes: Option[];
  errors: FormError[];
  notice: string | undefined;
  csrfToken: string;
};

function ActionButton(props: { value: string; label: string; context: string; danger?: boolean }) {
  return (
    <button
      class="ds-button"
      type="submit"
      name="action"
      value={props.value}
      data-variant="secondary"
      data-size="sm"
      {...(props.danger ? { "data-color": "danger" } : {})}
    >
      {props.label}
      <span class="ds-sr-only">{`: ${props.context}`}</span>
    </button>
  );
}

function Options({ t, q, i, errors }: { t: T; q: QuestionInput; i: number; errors: FormError[] }) {
  if (!("options" in q) || !Array.isArray(q.options)) return null;
  const n = i + 1;
  return (
    <>
      {q.options.map((o, j) => (
        <Fieldset legend={t("editor.optionGroup", { n: j + 1, q: n })}>
          <Input
            id={`e-q-${i}-o-${j}-id`}
            name={`q.${i}.option.${j}.id`}
            label={t("editor.optionId")}
            hint={t("editor.optionId.hint")}
            value={o.id}
            errors={errors}
          />
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
            value={o.label.en ?? ""}
            errors={errors}
          />
          <Input
            id={`e-q-${i}-o-${j}-themes`}
            name={`q.${i}.option.${j}.themes`}
            label={t("editor.optionThemes")}
            hint={t("editor.themes.hint")}
            value={(o.themes ?? []).join(", ")}
            errors={errors}
          />
          <div class="lots-actions">
            <ActionButton
              value={`remove-option:${i}:${j}`}
              label={t("editor.removeOption")}
              context={t("editor.optionGroup", { n: j + 1, q: n })}
              danger
            />
          </div>
        </Fieldset>
      ))}
      <div class="lots-actions">
        <ActionButton
          value={`add-option:${i}`}
          label={t("editor.addOption")}
          context={t("editor.questionN", { n })}
        />
      </div>
    </>
  );
}

function QuestionFields(props: { t: T; q: QuestionInput; i: number; count: number; model: EditorModel }) {
  const { t, q, i, model } = props;
  const { errors } = model;
  const context = t("editor.questionN", { n: i + 1 });
  return (
    <Fieldset legend={t("editor.question", { n: i + 1, type: t(`type.${q.type}`) })}>
      <input type="hidden" name={`q.${i}.shown`} value="yes" />
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
        value={q.label.en ?? ""}
        errors={errors}
      />
      <Input
        id={`e-q-${i}-help`}
        name={`q.${i}.help.sv`}
        label={t("editor.helpSv")}
        value={q.help?.sv ?? ""}
        errors={errors}
      />
      <Input
        id={`e-q-${i}-help-en`}
        name={`q.${i}.help.en`}
        label={t("editor.helpEn")}
        value={q.help?.en ?? ""}
        errors={errors}
      />
      {q.type === "free-text" ? (
        <Select
          id={`e-q-${i}-theme`}
          name={`q.${i}.theme`}
          label={t("editor.freeTextTheme")}
          value={q.theme ?? ""}
          options={[{ value: "", label: t("editor.noTheme") }, ...model.themes]}
          errors={errors}
        />
      ) : null}
      {q.type === "yes-no" || q.type === "theme-picker" ? (
        <Input
          id={`e-q-${i}-themes`}
          name={`q.${i}.themes`}
          label={q.type === "yes-no" ? t("editor.themesIfYes") : t("editor.pickerThemes")}
          hint={t("editor.themes.hint")}
          value={((q.type === "yes-no" ? q.themesIfYes : q.themes) ?? []).join(", ")}
          errors={errors}
        />
      ) : null}
      <Options t={t} q={q} i={i} errors={errors} />
      <Checkboxes
        id={`e-q-${i}-required`}
        name={`q.${i}.required`}
        legend={t("editor.requiredLegend", { n: i + 1 })}
        options={[{ value: "yes", label: t("editor.required") }]}
        selected={q.required ? ["yes"] : []}
        errors={errors}
      />
      <div class="lots-actions">
        {i > 0 ? <ActionButton value={`up:${i}`} label={t("editor.up")} context={context} /> : null}
        {i < props.count - 1 ? (
          <ActionButton value={`down:${i}`} label={t("editor.down")} context={context} />
        ) : null}
        <ActionButton value={`remove:${i}`} label={t("editor.remove")} context={context} danger />
      </div>
    </Fieldset>
  );
}

/** The editor of a survey's draft (or of a new draft copied from the newest version). */
export function SurveyEditorView({ t, model }: { t: T; model: EditorModel }) {
  const { content, errors } = model;
  const none: FormError[] = [];
  // Two save buttons: the first in the form is the one Enter presses, so it must save (not move or remove).
  const save = (label: string) => (
    <button class="ds-button" type="submit" name="action" value="save" data-variant="primary">
      {label}
    </button>
  );
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("editor.title", { name: model.survey.name })}
      </h1>
      <p class="ds-paragraph">
        {model.publishedVersion
          ? t("editor.draftOf", { draft: model.draftVersion, published: model.publishedVersion })
          : t("editor.firstDraft", { draft: model.draftVersion })}
      </p>
      <p class="ds-paragraph">{t("editor.intro")}</p>
      <Notice message={model.notice} />
      <ErrorSummary id="editor-errors" heading={t("editor.errors")} errors={errors} />
      <details class="ds-details">
        <summary>{t("editor.themeCodes")}</summary>
        <ul class="ds-list">
          {model.themes.map((theme) => (
            <li>
              <code>{theme.value}</code>: {theme.label}
            </li>
          ))}
        </ul>
      </details>
      <form method="post" action={`/admin/enkater/${model.survey.id}/redigera`} class="lots-stack">
        <CsrfField token={model.csrfToken} />
        <input type="hidden" name="base" value={JSON.stringify(content)} />
        <div class="lots-actions">{save(t("editor.saveTop"))}</div>
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
          value={content.titleEn ?? ""}
          errors={errors}
        />
        <TextArea
          id="e-introSv"
          name="introSv"
          label={t("editor.introSv")}
          value={content.introSv ?? ""}
          errors={errors}
        />
        <TextArea
          id="e-introEn"
          name="introEn"
          label={t("editor.introEn")}
          value={content.introEn ?? ""}
          errors={errors}
        />
        {content.questions.map((q, i) => (
          <QuestionFields t={t} q={q} i={i} count={content.questions.length} model={model} />
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
          <Input
            id="e-new-themes"
            name="new.themes"
            label={t("editor.newThemes")}
            hint={t("editor.themes.hint")}
            value=""
            errors={none}
          />
          <Checkboxes
            id="e-new-required"
            name="new.required"
            legend={t("editor.newRequired")}
            options={[{ value: "yes", label: t("editor.required") }]}
            selected={[]}
            errors={none}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" name="action" value="add" data-variant="secondary">
              {t("editor.add")}
            </button>
          </div>
        </Fieldset>
        <div class="lots-actions">{save(t("editor.save"))}</div>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/enkater/${model.survey.id}`}>
          {t("editor.back")}
        </a>
      </p>
    </div>
  );
}
