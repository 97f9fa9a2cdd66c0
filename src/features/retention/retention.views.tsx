import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatNumber } from "#src/shared/i18n.ts";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type FormError,
  fieldError,
  Notice,
  Section,
  ValidationMessage,
} from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { type RetentionMessages, retentionMessages } from "./retention.messages.ts";
import { MAX_MONTHS, RETENTION_FIELDS, type RetentionField, type RunSummary } from "./retention.service.ts";

export type RetentionPageModel = {
  organisation: { id: string; name: string };
  /** The form's values as typed (a rejected form shows them back unchanged). */
  values: Record<RetentionField, string>;
  errors: FormError[];
  runs: RunSummary[];
  saved?: boolean;
};

/** The page's own path. */
export function retentionPath(organisationId: string): string {
  return `/admin/organisationer/${organisationId}/gallring`;
}

/** The id of a field's input. */
export const fieldId = (field: RetentionField) => `retention-${field}`;

const dateTime = (value: Date) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(value);

function MonthsInput({
  t,
  field,
  value,
  error,
}: {
  t: RetentionMessages;
  field: RetentionField;
  value: string;
  error: string | undefined;
}) {
  const id = fieldId(field);
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {t(`form.${field}`)} ({t("form.months")})
      </label>
      <p class="ds-paragraph" data-field="description" id={`${id}-hint`}>
        {t(`form.${field}Hint`)} {t("form.empty")}.
      </p>
      <ValidationMessage fieldId={id} message={error} />
      <input
        class="ds-input"
        id={id}
        name={field}
        type="text"
        inputmode="numeric"
        pattern="[0-9]*"
        maxlength={3}
        size={5}
        autocomplete="off"
        value={value}
        {...describedBy(id, error, `${id}-hint`)}
      />
    </div>
  );
}

function Runs({ t, model }: { t: RetentionMessages; model: RetentionPageModel }) {
  if (model.runs.length === 0) return <p class="ds-paragraph">{t("runs.none")}</p>;
  return (
    <TableScroll label={t("runs.caption", { organisation: model.organisation.name })}>
      <table class="ds-table" data-border="true">
        <caption>{t("runs.caption", { organisation: model.organisation.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("runs.when")}</th>
            <th scope="col">{t("runs.trigger")}</th>
            <th scope="col">{t("runs.status")}</th>
            <th scope="col">{t("runs.contacts")}</th>
            <th scope="col">{t("runs.responses")}</th>
            <th scope="col">{t("runs.needs")}</th>
            <th scope="col">{t("runs.registrations")}</th>
          </tr>
        </thead>
        <tbody>
          {model.runs.map((run) => (
            <tr>
              <th scope="row">{dateTime(run.finishedAt ?? run.startedAt)}</th>
              <td>{t(`runs.${run.trigger}`)}</td>
              <td>{t(`status.${run.status}`)}</td>
              <td>{formatNumber(run.removed.contactsErased)}</td>
              <td>{formatNumber(run.removed.responsesScrubbed)}</td>
              <td>{formatNumber(run.removed.needsCleared)}</td>
              {/* Runs from before meetings existed have no such count. */}
              <td>{formatNumber(run.removed.registrationsErased ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** /admin/organisationer/:id/gallring: the three retention periods and what the job removed lately. */
export function renderRetentionPage(c: Context<AppEnv>, model: RetentionPageModel, status: 200 | 400 = 200) {
  const t = retentionMessages(c.var.locale);
  const { organisation } = model;
  const path = retentionPath(organisation.id);
  return renderPage(
    c,
    t("page.title", { organisation: organisation.name }),
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/organisationer/${organisation.id}`}>
          {t("page.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("page.title", { organisation: organisation.name })}
      </h1>
      <Notice message={model.saved ? t("page.saved") : undefined} />
      <p class="ds-paragraph">{t("page.intro", { organisation: organisation.name })}</p>
      <p class="ds-paragraph">{t("page.counts")}</p>

      <Section id="retention-form-heading" heading={t("form.heading")}>
        <ErrorSummary id="retention-errors" heading={t("errors.heading")} errors={model.errors} />
        <form class="lots-stack" method="post" action={path} novalidate>
          <CsrfField token={c.var.csrfToken} />
          {RETENTION_FIELDS.map((field) => (
            <MonthsInput
              t={t}
              field={field}
              value={model.values[field]}
              error={fieldError(model.errors, fieldId(field))}
            />
          ))}
          <p class="ds-paragraph" data-size="sm">{`1–${MAX_MONTHS}`}</p>
          <div>
            <button class="ds-button" data-variant="primary" type="submit">
              {t("form.submit")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="retention-runs-heading" heading={t("runs.heading")}>
        <Runs t={t} model={model} />
        <p class="ds-paragraph">
          {t("runs.audit")}{" "}
          <a class="ds-link" href={`/admin/logg?organisationId=${organisation.id}`}>
            {t("runs.auditLink")}
          </a>
        </p>
      </Section>
    </>,
    status,
  );
}
