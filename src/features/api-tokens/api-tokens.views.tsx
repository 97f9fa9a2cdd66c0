import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { CsrfField, ErrorSummary } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { apiTokenMessages } from "./api-tokens.messages.ts";
import type { ApiTokenRecord } from "./api-tokens.schemas.ts";

/** The validity choices of the form, in days; "never" means until revoked. */
export const VALIDITY_CHOICES = ["30", "90", "180", "365", "never"] as const;
export type Validity = (typeof VALIDITY_CHOICES)[number];
export const DEFAULT_VALIDITY: Validity = "90";

type Field = "name" | "role" | "validity";

export type ApiTokenPageModel = {
  organisation: { id: string; name: string };
  tokens: ApiTokenRecord[];
  /** Roles the signed-in user may give a token. */
  roles: Role[];
  csrfToken: string;
  /** The form's values as sent, so a rejected form keeps them. */
  form: Partial<Record<Field, string>>;
  errors: Partial<Record<Field, true>>;
  /** The token just created: shown this once. */
  created?: { token: string; name: string } | undefined;
  /** The name of a token just revoked. */
  revokedName?: string | undefined;
};

/** The page's own path. */
export function apiTokensPath(organisationId: string): string {
  return `/admin/organisationer/${organisationId}/api-nycklar`;
}

/** /admin/organisationer/:id/api-nycklar: the new token (once), the list with revoke buttons, the create form. */
export function renderApiTokensPage(c: Context<AppEnv>, model: ApiTokenPageModel, status: 200 | 400 = 200) {
  const t = apiTokenMessages(c.var.locale);
  const { organisation, form, errors } = model;
  const path = apiTokensPath(organisation.id);
  const errorFields = (["name", "role", "validity"] as const).filter((f) => errors[f]);
  const message = (field: Field) =>
    errors[field] ? (
      <p class="ds-validation-message" id={`token-${field}-error`} data-field="validation">
        {t(`error.${field}`)}
      </p>
    ) : null;
  const invalid = (field: Field) =>
    errors[field] ? { "aria-invalid": "true", "aria-describedby": `token-${field}-error` } : {};
  const validity = form.validity ?? DEFAULT_VALIDITY;
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
      <p class="ds-paragraph">{t("page.intro", { organisation: organisation.name })}</p>

      {model.created ? (
        <div class="ds-alert" data-color="success" role="status">
          <h2 class="ds-heading" data-size="xs">
            {t("created.heading", { name: model.created.name })}
          </h2>
          <p class="ds-paragraph">
            <strong>{t("created.warning")}</strong>
          </p>
          <p class="ds-paragraph" id="created-token-label">
            {t("created.label")}:
          </p>
          <p class="ds-paragraph">
            <code id="created-token">{model.created.token}</code>
          </p>
          <p class="ds-paragraph">{t("created.usage")}</p>
        </div>
      ) : null}

      {model.revokedName ? (
        <div class="ds-alert" data-color="info" role="status">
          <p class="ds-paragraph">{t("revoke.done", { name: model.revokedName })}</p>
        </div>
      ) : null}

      <section class="lots-section" aria-labelledby="tokens-heading">
        <h2 class="ds-heading" data-size="md" id="tokens-heading">
          {t("list.heading")}
        </h2>
        {model.tokens.length === 0 ? (
          <p class="ds-paragraph">{t("list.empty")}</p>
        ) : (
          <TableScroll label={t("list.caption")}>
            <table class="ds-table" data-border="true">
              <caption>{t("list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.name")}</th>
                  <th scope="col">{t("list.role")}</th>
                  <th scope="col">{t("list.prefix")}</th>
                  <th scope="col">{t("list.created")}</th>
                  <th scope="col">{t("list.lastUsed")}</th>
                  <th scope="col">{t("list.expires")}</th>
                  <th scope="col">{t("list.status")}</th>
                  <th scope="col">{t("list.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {model.tokens.map((token) => (
                  <tr>
                    <th scope="row">{token.name}</th>
                    <td>{t(`role.${token.role}`)}</td>
                    <td>
                      <code>{`lots_${token.prefix}_…`}</code>
                    </td>
                    <td>{formatDate(token.createdAt)}</td>
                    <td>{token.lastUsedAt ? formatDate(token.lastUsedAt) : t("list.never")}</td>
                    <td>{token.expiresAt ? formatDate(token.expiresAt) : t("list.noExpiry")}</td>
                    <td>{t(`status.${token.status}`)}</td>
                    <td>
                      {token.status === "active" ? (
                        <form method="post" action={`${path}/${token.id}/aterkalla`}>
                          <CsrfField token={model.csrfToken} />
                          <button
                            class="ds-button"
                            data-variant="secondary"
                            data-color="danger"
                            data-size="sm"
                            type="submit"
                            aria-label={t("revoke.label", { name: token.name })}
                          >
                            {t("revoke.button")}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section class="lots-section" aria-labelledby="create-heading">
        <h2 class="ds-heading" data-size="md" id="create-heading">
          {t("create.heading")}
        </h2>
        <ErrorSummary
          id="token-errors"
          heading={t("error.heading")}
          errors={errorFields.map((field) => ({ fieldId: `token-${field}`, message: t(`error.${field}`) }))}
        />
        <form class="lots-stack" method="post" action={path}>
          <CsrfField token={model.csrfToken} />
          <div class="ds-field">
            <label class="ds-label" for="token-name">
              {t("create.name")}
            </label>
            <p class="ds-paragraph" data-field="description" id="token-name-hint">
              {t("create.nameHint")}
            </p>
            {message("name")}
            <input
              class="ds-input"
              id="token-name"
              name="name"
              type="text"
              maxlength={100}
              required
              autocomplete="off"
              value={form.name ?? ""}
              aria-describedby={errors.name ? "token-name-hint token-name-error" : "token-name-hint"}
              aria-invalid={errors.name ? "true" : undefined}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="token-role">
              {t("create.role")}
            </label>
            {message("role")}
            <select class="ds-input" id="token-role" name="role" required {...invalid("role")}>
              {model.roles.map((role) => (
                <option value={role} selected={(form.role ?? "analyst") === role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="ds-field">
            <label class="ds-label" for="token-validity">
              {t("create.validity")}
            </label>
            {message("validity")}
            <select class="ds-input" id="token-validity" name="validity" {...invalid("validity")}>
              {VALIDITY_CHOICES.map((choice) => (
                <option value={choice} selected={validity === choice}>
                  {choice === "never" ? t("create.forever") : t("create.days", { days: choice })}
                </option>
              ))}
            </select>
          </div>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("create.submit")}
            </button>
          </div>
        </form>
      </section>
    </>,
    status,
  );
}
