import type { Child } from "hono/jsx";

// Form building blocks of the sign-in pages, in Designsystemet's markup: error summary, labelled fields
// with their validation messages, and the hidden CSRF field.

/** A form error: the id of the field it belongs to and the sentence to show. */
export type FormError = { fieldId: string; message: string };

/** The error summary at the top of a form: a heading and a link to each wrong field. */
export function ErrorSummary({ heading, errors }: { heading: string; errors: FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <section
      class="ds-error-summary"
      tabindex={-1}
      aria-labelledby="error-summary-heading"
      id="error-summary"
    >
      <h2 class="ds-heading" data-size="xs" id="error-summary-heading">
        {heading}
      </h2>
      <ul class="ds-list">
        {errors.map((e) => (
          <li>
            <a class="ds-link" href={`#${e.fieldId}`}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One labelled input with its hint and validation message, tied together with aria-describedby. */
export function Field(props: {
  id: string;
  name: string;
  label: string;
  type: "email" | "password" | "text";
  autocomplete: string;
  value?: string | undefined;
  hint?: string | undefined;
  errors: FormError[];
}) {
  const message = props.errors.find((e) => e.fieldId === props.id)?.message;
  const describedBy = [props.hint ? `${props.id}-hint` : undefined, message ? `${props.id}-error` : undefined]
    .filter(Boolean)
    .join(" ");
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="ds-paragraph" data-field="description" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {message ? (
        <p class="ds-validation-message" id={`${props.id}-error`} data-field="validation">
          {message}
        </p>
      ) : null}
      <input
        class="ds-input"
        id={props.id}
        name={props.name}
        type={props.type}
        autocomplete={props.autocomplete}
        value={props.type === "password" ? undefined : (props.value ?? "")}
        aria-invalid={message ? "true" : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

/** The hidden field every state-changing form sends back (checked by the CSRF middleware). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A page body with a heading. */
export function Prose({ title, children }: { title: string; children: Child }) {
  return (
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      {children}
    </div>
  );
}
