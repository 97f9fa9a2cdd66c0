import type { Child } from "hono/jsx";
import { describedBy, type FormError, fieldError, ValidationMessage } from "#src/shared/web/form-parts.tsx";

// Form building blocks of the sign-in pages beyond the shared ones (src/shared/web/form-parts.tsx): a
// labelled input with hint and validation message, and the page body.

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
  const message = fieldError(props.errors, props.id);
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
      <ValidationMessage fieldId={props.id} message={message} />
      <input
        class="ds-input"
        id={props.id}
        name={props.name}
        type={props.type}
        autocomplete={props.autocomplete}
        value={props.type === "password" ? undefined : (props.value ?? "")}
        {...describedBy(props.id, message, props.hint ? `${props.id}-hint` : undefined)}
      />
    </div>
  );
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
