import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Role, UserActor } from "#src/shared/auth/actor.ts";
import { CsrfField, ErrorSummary, type FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { Field, Prose } from "./auth.form-parts.tsx";
import { authMessages } from "./auth.messages.ts";

export type DemoUser = { email: string; name: string; role: Role; organisationName: string };

export type LoginPageModel = {
  email?: string | undefined;
  next?: string | undefined;
  errors?: FormError[];
  notice?: string | undefined;
  /** Shown under a demo banner when the app runs on demo data. */
  demo?: { users: DemoUser[]; password: string } | undefined;
};

function loginAction(next: string | undefined): string {
  return next ? `/logga-in?next=${encodeURIComponent(next)}` : "/logga-in";
}

/** The sign-in form, with the demo accounts under a banner in demo mode. */
export function renderLoginPage(
  c: Context<AppEnv>,
  model: LoginPageModel,
  status: ContentfulStatusCode = 200,
) {
  const t = authMessages(c.var.locale);
  const errors = model.errors ?? [];
  return renderPage(
    c,
    t("login.title"),
    <>
      <Prose title={t("login.title")}>
        {model.notice ? (
          <div class="ds-alert" data-color="success" role="status">
            <p class="ds-paragraph">{model.notice}</p>
          </div>
        ) : null}
        <p class="ds-paragraph">{t("login.intro")}</p>
        <ErrorSummary id="error-summary" heading={t("error.heading")} errors={errors} />
        <form class="lots-stack" method="post" action={loginAction(model.next)} novalidate>
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
          <Field
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            label={t("login.password")}
            errors={errors}
          />
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("login.submit")}
            </button>
          </div>
        </form>
        <p class="ds-paragraph">
          <a class="ds-link" href="/glomt-losenord">
            {t("login.forgot")}
          </a>
        </p>
      </Prose>
      {model.demo && model.demo.users.length > 0 ? (
        <DemoAccounts c={c} next={model.next} demo={model.demo} />
      ) : null}
    </>,
    status,
  );
}

function DemoAccounts({
  c,
  next,
  demo,
}: {
  c: Context<AppEnv>;
  next: string | undefined;
  demo: NonNullable<LoginPageModel["demo"]>;
}) {
  const t = authMessages(c.var.locale);
  return (
    <section class="lots-section" aria-labelledby="demo-accounts">
      <div class="ds-alert" data-color="warning">
        <h2 class="ds-heading" data-size="sm" id="demo-accounts">
          {t("demo.heading")}
        </h2>
        <p class="ds-paragraph">
          {t("demo.body")} <code>{demo.password}</code>
        </p>
      </div>
      <TableScroll label={t("demo.caption")}>
        <table class="ds-table" data-border="true">
          <caption>{t("demo.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("demo.name")}</th>
              <th scope="col">{t("demo.role")}</th>
              <th scope="col">{t("demo.organisation")}</th>
              <th scope="col">{t("demo.email")}</th>
              <th scope="col">
                <span class="ds-sr-only">{t("login.submit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {demo.users.map((u) => (
              <tr>
                <td>{u.name}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.organisationName}</td>
                <td>{u.email}</td>
                <td>
                  <form method="post" action={loginAction(next)}>
                    <CsrfField token={c.var.csrfToken} />
                    <input type="hidden" name="email" value={u.email} />
                    <input type="hidden" name="password" value={demo.password} />
                    <button class="ds-button" data-variant="secondary" data-size="sm" type="submit">
                      {t("demo.signInAs", { name: u.name })}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The sign-in page for someone already signed in: who they are, the way on, and the sign-out button. */
export function renderSignedInPage(c: Context<AppEnv>, actor: UserActor, notice?: string) {
  const t = authMessages(c.var.locale);
  return renderPage(
    c,
    t("signedIn.heading"),
    <Prose title={t("signedIn.heading")}>
      {notice ? (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{notice}</p>
        </div>
      ) : null}
      <p class="ds-paragraph">
        {t("signedIn.body", { name: actor.name || actor.email, email: actor.email })}
      </p>
      <div class="lots-actions">
        <a class="ds-button" data-variant="primary" href="/konto">
          {t("signedIn.toAccount")}
        </a>
        <form method="post" action="/logga-ut">
          <CsrfField token={c.var.csrfToken} />
          <button class="ds-button" data-variant="secondary" type="submit">
            {t("logout.submit")}
          </button>
        </form>
      </div>
    </Prose>,
  );
}

/** The answer to a refused state-changing request (CSRF): 403 with what to do next. */
export function renderCsrfRefused(c: Context<AppEnv>) {
  const t = authMessages(c.var.locale);
  return renderPage(
    c,
    t("csrf.title"),
    <Prose title={t("csrf.title")}>
      <p class="ds-paragraph">{t("csrf.body")}</p>
      <p class="ds-paragraph">{t("csrf.next")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t("csrf.home")}
        </a>
      </p>
    </Prose>,
    403,
  );
}

/** A used, expired or unknown one-time link. */
export function renderInvalidLink(c: Context<AppEnv>, kind: "invitation" | "password-help") {
  const t = authMessages(c.var.locale);
  return renderPage(
    c,
    t("link.invalidTitle"),
    <Prose title={t("link.invalidTitle")}>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{kind === "invitation" ? t("invite.invalid") : t("link.invalid")}</p>
      </div>
      {kind === "password-help" ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/glomt-losenord">
            {t("link.requestNew")}
          </a>
        </p>
      ) : null}
    </Prose>,
    410,
  );
}
