import type { Question } from "#src/features/surveys/surveys.questions.ts";
import { type Locale, pick } from "#src/shared/i18n.ts";
import { Checkboxes, Fieldset, Input, type Option, Radios, TextArea } from "#src/shared/web/form-fields.tsx";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { type FormValues, fieldId, first } from "./intake-pages.form.ts";
import type { FormChoices, IntakeT } from "./intake-pages.views.tsx";

// One survey question as form controls: radios, checkboxes, a scale, text, the theme picker, yes/no, the
// contact block and the consent block. Names follow the service's error keys (intake-pages.form.ts).

const label = (locale: Locale, text: { sv: string; en?: string | undefined }) =>
  pick(locale, text.sv, text.en);

/** The controls of one question, with what was typed and its error. */
export function QuestionField(props: {
  question: Question;
  values: FormValues;
  errors: FormError[];
  locale: Locale;
  t: IntakeT;
  choices: FormChoices;
}) {
  const { question: q, values, errors, locale, t, choices } = props;
  const name = `answers.${q.id}`;
  const id = fieldId(name);
  const legend = `${label(locale, q.label)}${q.required ? ` ${t("form.required")}` : ""}`;
  const hint = q.help ? label(locale, q.help) : undefined;
  switch (q.type) {
    case "single-choice":
      return (
        <Radios
          id={id}
          name={name}
          legend={legend}
          hint={hint}
          options={q.options.map((o) => ({ value: o.id, label: label(locale, o.label) }))}
          selected={first(values, name)}
          errors={errors}
        />
      );
    case "multiple-choice":
      return (
        <Checkboxes
          id={id}
          name={name}
          legend={legend}
          hint={hint}
          options={q.options.map((o) => ({ value: o.id, label: label(locale, o.label) }))}
          selected={values[name] ?? []}
          errors={errors}
        />
      );
    case "scale": {
      const options: Option[] = [];
      for (let n = q.min; n <= q.max; n++) {
        const end =
          n === q.min && q.minLabel
            ? ` – ${label(locale, q.minLabel)}`
            : n === q.max && q.maxLabel
              ? ` – ${label(locale, q.maxLabel)}`
              : "";
        options.push({ value: String(n), label: `${n}${end}` });
      }
      return (
        <Radios
          id={id}
          name={name}
          legend={legend}
          hint={hint}
          options={options}
          selected={first(values, name)}
          errors={errors}
        />
      );
    }
    case "free-text":
      return q.multiline ? (
        <TextArea
          id={id}
          name={name}
          label={legend}
          hint={hint}
          value={first(values, name)}
          errors={errors}
          rows={5}
        />
      ) : (
        <Input id={id} name={name} label={legend} hint={hint} value={first(values, name)} errors={errors} />
      );
    case "theme-picker": {
      const offered =
        q.themes.length > 0 ? choices.themes.filter((o) => q.themes.includes(o.value)) : choices.themes;
      return (
        <Checkboxes
          id={id}
          name={name}
          legend={legend}
          hint={hint}
          options={offered}
          selected={values[name] ?? []}
          errors={errors}
        />
      );
    }
    case "yes-no":
      return (
        <Radios
          id={id}
          name={name}
          legend={legend}
          hint={hint}
          options={[
            { value: "yes", label: t("form.yes") },
            { value: "no", label: t("form.no") },
          ]}
          selected={first(values, name)}
          errors={errors}
        />
      );
    case "contact-block":
      return (
        <Fieldset legend={legend}>
          {hint ? <p class="ds-paragraph">{hint}</p> : null}
          {(["name", "role", "email", "phone"] as const).map((part) => (
            <Input
              id={fieldId(`${name}.${part}`)}
              name={`${name}.${part}`}
              label={t(`form.contact.${part}`)}
              value={first(values, `${name}.${part}`)}
              errors={errors}
              type={part === "email" ? "email" : part === "phone" ? "tel" : "text"}
              autocomplete={
                part === "email"
                  ? "email"
                  : part === "phone"
                    ? "tel"
                    : part === "name"
                      ? "name"
                      : "organization-title"
              }
            />
          ))}
        </Fieldset>
      );
    case "consent-block":
      return (
        <Fieldset legend={legend}>
          {hint ? <p class="ds-paragraph">{hint}</p> : null}
          <Checkboxes
            id={id}
            name={`${name}.contactAndReferral`}
            legend={label(locale, q.referralText)}
            options={[{ value: "yes", label: t("form.yes") }]}
            selected={values[`${name}.contactAndReferral`] ?? []}
            errors={errors}
          />
          {q.allowChosenOrganisations ? (
            <Checkboxes
              id={fieldId(`${name}.organisations`)}
              name={`${name}.organisations`}
              legend={t("form.consent.organisations")}
              hint={t("form.consent.chooseHint")}
              options={choices.organisations}
              selected={values[`${name}.organisations`] ?? []}
              errors={[]}
            />
          ) : null}
          <Checkboxes
            id={fieldId(`${name}.statistics`)}
            name={`${name}.statistics`}
            legend={label(locale, q.statisticsText)}
            options={[{ value: "yes", label: t("form.yes") }]}
            selected={values[`${name}.statistics`] ?? []}
            errors={[]}
          />
        </Fieldset>
      );
  }
}
