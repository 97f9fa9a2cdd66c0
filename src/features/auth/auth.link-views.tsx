import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "#src/shared/app-env.ts";
import { CsrfField, ErrorSummary, type FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { Field, Prose } from "./auth.form-parts.tsx";
import { authMessages } from "./auth.messages.ts";

// The pages behind e-mailed links and the form that sends them: forgotten password, new password,
// invitation and login link.

/** The forgotten-password form: an address and what to send. */
export function renderForgotPage(
  c: Context<AppEnv>,
  model: { email?: string; kind?: "reset" | "link"; errors?: FormError[] },
  status: ContentfulStatusCode = 200,
) {
  const t = authMessages(c.var.locale);
  const errors = model.errors ?? [];
  const kind = model.kind ?? "reset";
  return renderPage(
    c,
    t("forgot.title"),
    <Prose title={t("forgot.title")}>
      <p class="ds-paragraph">{t("forgot.intro")}</p>
      <ErrorSummary id="error-summary" heading={t("error.formHeading")} errors={errors} />
      <form class="lots-stack" method="post" action="/glomt-losenord" novalidate>
        <CsrfField token={c.var.csrfToken} />
        <Field
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          label={t("login.email")}
          value={model.email}
          errors={errors}
        />
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{t("forgot.choice")}</legend>
          <div class="ds-field">
            <input
              class="ds-input"
              type="radio"
              id="kind-reset"
              name="kind"
              value="reset"
              checked={kind === "reset"}
            />
            <label class="ds-label" for="kind-reset" data-weight="regular">
              {t("forgot.reset")}
            </label>
          </div>
          <div class="ds-field">
            <input
              class="ds-input"
              type="radio"
              id="kind-link"
              name="kind"
              value="link"
              checked={kind === "link"}
            />
            <label class="ds-label" for="kind-link" data-weight="regular">
              {t("forgot.link")}
            </label>
          </div>
        </fieldset>
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("forgot.submit")}
          </button>
        </div>
      </form>
    </Prose>,
    status,
  );
}

/** The same answer whether or not the address has an account. */
export function renderForgotSent(c: Context<AppEnv>, email: string) {
  const t = authMessages(c.var.locale);
  return renderPage(
    c,
    t("forgot.sentTitle"),
    <Prose title={t("forgot.sentTitle")}>
      <div class="ds-alert" data-color="info" role="status">
        <p class="ds-paragraph">{t("forgot.sent", { email })}</p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href="/logga-in">
          {t("forgot.back")}
        </a>
      </p>
    </Prose>,
  );
}

/** The new-password form behind a reset link. */
export function renderResetPage(
  c: Context<AppEnv>,
  model: { token: string; email: string; errors?: FormError[] },
  status: ContentfulStatusCode = 200,
) {
  const t = authMessages(c.var.locale);
  const errors = model.errors ?? [];
  return renderPage(
    c,
    t("reset.title"),
    <Prose title={t("reset.title")}>
      <p class="ds-paragraph">{t("reset.intro", { email: model.email })}</p>
      <ErrorSummary id="error-summary" heading={t("error.formHeading")} errors={errors} />
      <form class="lots-stack" method="post" action={`/aterstall/${model.token}`} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="username" value={model.email} autocomplete="username" />
        <Field
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          label={t("reset.password")}
          hint={t("password.hint")}
          errors={errors}
        />
        <Field
          id="confirm"
          name="confirm"
          type="password"
          autocomplete="new-password"
          label={t("reset.confirm")}
          errors={errors}
        />
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("reset.submit")}
          </button>
        </div>
      </form>
    </Prose>,
    status,
  );
}

/** The invitation form: name and password. */
export function renderInvitePage(
  c: Context<AppEnv>,
  model: { token: string; email: string; name?: string; errors?: FormError[] },
  status: ContentfulStatusCode = 200,
) {
  const t = authMessages(c.var.locale);
  const errors = model.errors ?? [];
  return renderPage(
    c,
    t("invite.title"),
    <Prose title={t("invite.title")}>
      <p class="ds-paragraph">
        {t("invite.intro", { network: c.var.deps.config.networkName, email: model.email })}
      </p>
      <ErrorSummary id="error-summary" heading={t("error.formHeading")} errors={errors} />
      <form class="lots-stack" method="post" action={`/inbjudan/${model.token}`} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <input type="hidden" name="username" value={model.email} autocomplete="username" />
        <Field
          id="name"
          name="name"
          type="text"
          autocomplete="name"
          label={t("invite.name")}
          value={model.name}
          errors={errors}
        />
        <Field
          id="password"
          name="password"
          type="password"
          autocomplete="new-password"
          label={t("invite.password")}
          hint={t("password.hint")}
          errors={errors}
        />
        <Field
          id="confirm"
          name="confirm"
          type="password"
          autocomplete="new-password"
          label={t("reset.confirm")}
          errors={errors}
        />
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("invite.submit")}
          </button>
        </div>
      </form>
    </Prose>,
    status,
  );
}

/** The page a login link opens: a button, so that mail scanners fetching the link do not use it up. */
export function renderLoginLinkPage(c: Context<AppEnv>, model: { token: string; email: string }) {
  const t = authMessages(c.var.locale);
  return renderPage(
    c,
    t("loginLink.title"),
    <Prose title={t("loginLink.title")}>
      <p class="ds-paragraph">{t("loginLink.body", { email: model.email })}</p>
      <form method="post" action={`/inloggningslank/${model.token}`}>
        <CsrfField token={c.var.csrfToken} />
        <button class="ds-button" data-variant="primary" type="submit">
          {t("loginLink.submit")}
        </button>
      </form>
    </Prose>,
  );
}
