import type { Child } from "hono/jsx";

// Small building blocks of every form, in Designsystemet's markup: error summary, validation messages,
// the hidden CSRF field, notices and sections.

/** A form error: the id of the field it belongs to (or of the form) and the sentence to show. */
export type FormError = { fieldId: string; message: string };

/** The error summary at the top of a form: a heading and a link to each wrong field. */
export function ErrorSummary({ id, heading, errors }: { id: string; heading: string; errors: FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <section class="ds-error-summary" tabindex={-1} aria-labelledby={`${id}-heading`} id={id}>
      <h2 class="ds-heading" data-size="xs" id={`${id}-heading`}>
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

/** The message of one field, when it has one. */
export function fieldError(errors: FormError[], fieldId: string): string | undefined {
  return errors.find((e) => e.fieldId === fieldId)?.message;
}

/** The validation message below a label, linked to its input with aria-describedby `${fieldId}-error`. */
export function ValidationMessage({ fieldId, message }: { fieldId: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="ds-validation-message" id={`${fieldId}-error`} data-field="validation">
      {message}
    </p>
  );
}

/** Attributes that tie an input to its error and description. */
export function describedBy(fieldId: string, message: string | undefined, hintId?: string) {
  const ids = [hintId, message ? `${fieldId}-error` : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": message ? ("true" as const) : undefined, "aria-describedby": ids || undefined };
}

/** A success notice after a change (the page was reached by a redirect after POST). */
export function Notice({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="ds-alert" data-color="success" role="status">
      <p class="ds-paragraph">{message}</p>
    </div>
  );
}

/** The hidden CSRF field every state-changing form sends back. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A section with a heading, labelled by it. */
export function Section({ id, heading, children }: { id: string; heading: string; children: Child }) {
  return (
    <section class="lots-section" aria-labelledby={id}>
      <h2 class="ds-heading" data-size="sm" id={id}>
        {heading}
      </h2>
      {children}
    </section>
  );
}
