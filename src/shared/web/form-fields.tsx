import type { Child } from "hono/jsx";
import { describedBy, type FormError, fieldError, ValidationMessage } from "./form-parts.tsx";

// Labelled form controls in Designsystemet's markup, each with its hint and validation message tied to the
// input (aria-describedby, aria-invalid). Plain HTML controls: they work without JavaScript.

/** One choice of a select, a checkbox group or a radio group. */
export type Option = { value: string; label: string };

/** The id of a field's hint, when it has one. */
export function hintId(id: string, hint: string | undefined) {
  return hint ? `${id}-hint` : undefined;
}

/** A field's hint below its label. */
export function Hint({ id, hint }: { id: string; hint: string | undefined }) {
  if (!hint) return null;
  return (
    <p class="ds-paragraph" data-field="description" id={`${id}-hint`}>
      {hint}
    </p>
  );
}

/** A one-line text field. */
export function Input(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  errors: FormError[];
  hint?: string;
  type?: string;
  inputmode?: "numeric";
  lang?: string;
  autocomplete?: string;
}) {
  const error = fieldError(props.errors, props.id);
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ValidationMessage fieldId={props.id} message={error} />
      <input
        class="ds-input"
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value}
        inputmode={props.inputmode}
        lang={props.lang}
        autocomplete={props.autocomplete}
        {...describedBy(props.id, error, hintId(props.id, props.hint))}
      />
    </div>
  );
}

/** A multi-line text field. */
export function TextArea(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  errors: FormError[];
  rows?: number;
  lang?: string;
  hint?: string;
}) {
  const error = fieldError(props.errors, props.id);
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id}>
        {props.label}
      </label>
      <Hint id={props.id} hint={props.hint} />
      <ValidationMessage fieldId={props.id} message={error} />
      <textarea
        class="ds-input"
        id={props.id}
        name={props.name}
        rows={props.rows ?? 4}
        lang={props.lang}
        {...describedBy(props.id, error, hintId(props.id, props.hint))}
      >
        {props.value}
      </textarea>
    </div>
  );
}

/** A group of checkboxes; the error points at the first box, whose id is the group's field id. */
export function Checkboxes(props: {
  id: string;
  name: string;
  legend: string;
  options: Option[];
  selected: string[];
  errors: FormError[];
  hint?: string;
}) {
  const error = fieldError(props.errors, props.id);
  return (
    <fieldset class="ds-fieldset" {...describedBy(props.id, error, hintId(props.id, props.hint))}>
      <legend class="ds-label">{props.legend}</legend>
      <Hint id={props.id} hint={props.hint} />
      <ValidationMessage fieldId={props.id} message={error} />
      {props.options.map((option, i) => (
        <div class="ds-field">
          <input
            class="ds-input"
            type="checkbox"
            id={i === 0 ? props.id : `${props.id}-${option.value}`}
            name={props.name}
            value={option.value}
            checked={props.selected.includes(option.value)}
          />
          <label
            class="ds-label"
            data-weight="regular"
            for={i === 0 ? props.id : `${props.id}-${option.value}`}
          >
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** A drop-down list. */
export function Select(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: Option[];
  errors: FormError[];
}) {
  const error = fieldError(props.errors, props.id);
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id}>
        {props.label}
      </label>
      <ValidationMessage fieldId={props.id} message={error} />
      <select class="ds-input" id={props.id} name={props.name} {...describedBy(props.id, error)}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of fields under a small heading. */
export function Fieldset({ legend, children }: { legend: string; children: Child }) {
  return (
    <fieldset class="ds-fieldset lots-stack">
      <legend class="ds-heading" data-size="xs">
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}

/** A group of radio buttons; the error points at the first button, whose id is the group's field id. */
export function Radios(props: {
  id: string;
  name: string;
  legend: string;
  options: Option[];
  selected: string;
  errors: FormError[];
  hint?: string;
  required?: boolean;
}) {
  const error = fieldError(props.errors, props.id);
  return (
    <fieldset class="ds-fieldset" {...describedBy(props.id, error, hintId(props.id, props.hint))}>
      <legend class="ds-label">{props.legend}</legend>
      <Hint id={props.id} hint={props.hint} />
      <ValidationMessage fieldId={props.id} message={error} />
      {props.options.map((option, i) => (
        <div class="ds-field">
          <input
            class="ds-input"
            type="radio"
            id={i === 0 ? props.id : `${props.id}-${option.value}`}
            name={props.name}
            value={option.value}
            checked={props.selected === option.value}
          />
          <label
            class="ds-label"
            data-weight="regular"
            for={i === 0 ? props.id : `${props.id}-${option.value}`}
          >
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
