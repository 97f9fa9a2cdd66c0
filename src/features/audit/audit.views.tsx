import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatNumber } from "#src/shared/i18n.ts";
import { ErrorSummary } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { auditMessages } from "./audit.messages.ts";
import { type AuditEntry, formatStockholmDateTime } from "./audit.schemas.ts";
import { AUDIT_ACTIONS } from "./audit.service.ts";

/** The filter form's raw values, kept as the user typed them so a bad value is shown back. */
export type AuditFormValues = Partial<
  Record<"from" | "to" | "actorLabel" | "action" | "recordType" | "organisationId", string>
>;

export type AuditPageModel = {
  values: AuditFormValues;
  /** Field → message key, when the filter was invalid. */
  errors: Partial<Record<"from" | "to" | "other", "error.from" | "error.to" | "error.other">>;
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  /** The organisations the actor may filter by (all, for a platform admin). */
  organisations: { id: string; name: string }[];
  seesAll: boolean;
};

const FILTER_KEYS = ["from", "to", "actorLabel", "action", "recordType", "organisationId"] as const;

/** The query string of the current filters, with an optional page. */
export function filterQuery(values: AuditFormValues, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = values[key]?.trim();
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

function actionLabel(t: ReturnType<typeof auditMessages>, action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? t(`action.${action as (typeof AUDIT_ACTIONS)[number]}`)
    : action;
}

/** /admin/logg: the filter form, the entries of one page, paging and the CSV link. */
export function renderAuditPage(c: Context<AppEnv>, model: AuditPageModel, status: 200 | 400 = 200) {
  const t = auditMessages(c.var.locale);
  const { values, errors } = model;
  const pages = Math.max(1, Math.ceil(model.total / model.pageSize));
  const errorList = Object.entries(errors) as [string, Parameters<typeof t>[0]][];
  const fieldError = (field: "from" | "to") =>
    errors[field] ? (
      <p class="ds-validation-message" id={`audit-${field}-error`} data-field="validation">
        {t(errors[field])}
      </p>
    ) : null;
  return renderPage(
    c,
    t("page.title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("page.title")}
      </h1>
      <p class="ds-paragraph">{model.seesAll ? t("page.introAll") : t("page.intro")}</p>

      <ErrorSummary
        id="audit-errors"
        heading={t("error.heading")}
        errors={errorList.map(([field, key]) => ({
          fieldId: field === "other" ? "audit-filter" : `audit-${field}`,
          message: t(key),
        }))}
      />

      <search>
        <form id="audit-filter" class="lots-stack" method="get" action="/admin/logg">
          <h2 class="ds-heading" data-size="sm">
            {t("filter.heading")}
          </h2>
          <div class="ds-field">
            <label class="ds-label" for="audit-from">
              {t("filter.from")}
            </label>
            {fieldError("from")}
            <input
              class="ds-input"
              id="audit-from"
              name="from"
              type="date"
              value={values.from ?? ""}
              aria-invalid={errors.from ? "true" : undefined}
              aria-describedby={errors.from ? "audit-from-error" : undefined}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="audit-to">
              {t("filter.to")}
            </label>
            {fieldError("to")}
            <input
              class="ds-input"
              id="audit-to"
              name="to"
              type="date"
              value={values.to ?? ""}
              aria-invalid={errors.to ? "true" : undefined}
              aria-describedby={errors.to ? "audit-to-error" : undefined}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="audit-actor">
              {t("filter.actor")}
            </label>
            <p class="ds-paragraph" data-field="description" id="audit-actor-hint">
              {t("filter.actorHint")}
            </p>
            <input
              class="ds-input"
              id="audit-actor"
              name="actorLabel"
              type="text"
              value={values.actorLabel ?? ""}
              aria-describedby="audit-actor-hint"
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="audit-action">
              {t("filter.action")}
            </label>
            <select class="ds-input" id="audit-action" name="action">
              <option value="">{t("filter.any")}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option value={action} selected={values.action === action}>
                  {actionLabel(t, action)}
                </option>
              ))}
            </select>
          </div>
          <div class="ds-field">
            <label class="ds-label" for="audit-record-type">
              {t("filter.recordType")}
            </label>
            <input
              class="ds-input"
              id="audit-record-type"
              name="recordType"
              type="text"
              value={values.recordType ?? ""}
            />
          </div>
          {model.organisations.length > 1 ? (
            <div class="ds-field">
              <label class="ds-label" for="audit-organisation">
                {t("table.organisation")}
              </label>
              <select class="ds-input" id="audit-organisation" name="organisationId">
                <option value="">{t("filter.any")}</option>
                {model.organisations.map((o) => (
                  <option value={o.id} selected={values.organisationId === o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("filter.submit")}
            </button>
            <a class="ds-link" href="/admin/logg">
              {t("filter.clear")}
            </a>
          </div>
        </form>
      </search>

      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/logg.csv${filterQuery(values)}`}>
          {t("download")}
        </a>
      </p>

      <p class="ds-paragraph" aria-live="polite">
        {t("summary", { total: formatNumber(model.total), page: model.page, pages })}
      </p>
      {model.entries.length === 0 ? (
        <p class="ds-paragraph">{t("table.empty")}</p>
      ) : (
        <TableScroll label={t("table.caption")}>
          <table class="ds-table" data-border="true">
            <caption>{t("table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("table.at")}</th>
                <th scope="col">{t("table.actor")}</th>
                <th scope="col">{t("table.action")}</th>
                <th scope="col">{t("table.record")}</th>
                <th scope="col">{t("table.organisation")}</th>
                <th scope="col">{t("table.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {model.entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at.toISOString()}>{formatStockholmDateTime(e.at)}</time>
                  </td>
                  <td>{e.actorLabel}</td>
                  <td>{actionLabel(t, e.action)}</td>
                  <td>
                    {e.recordType}
                    {e.recordId ? <code> {e.recordId}</code> : null}
                  </td>
                  <td>{e.organisationName ?? "–"}</td>
                  <td>{e.ip ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {pages > 1 ? (
        <nav class="ds-pagination" aria-label={t("paging.label")}>
          <ul>
            <li>
              {model.page > 1 ? (
                <a
                  class="ds-button"
                  data-variant="tertiary"
                  href={`/admin/logg${filterQuery(values, { page: String(model.page - 1) })}`}
                >
                  {t("paging.previous")}
                </a>
              ) : null}
            </li>
            <li>
              {model.page < pages ? (
                <a
                  class="ds-button"
                  data-variant="tertiary"
                  href={`/admin/logg${filterQuery(values, { page: String(model.page + 1) })}`}
                >
                  {t("paging.next")}
                </a>
              ) : null}
            </li>
          </ul>
        </nav>
      ) : null}
    </>,
    status,
  );
}
