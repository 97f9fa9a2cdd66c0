import type { Context } from "hono";
import type { Account } from "#src/features/users/users.accounts.service.ts";
import { usersMessages } from "#src/features/users/users.messages.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { Radios } from "#src/shared/web/form-fields.tsx";
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
import { accountMessages } from "./account.messages.ts";
import { MIN_PASSWORD_LENGTH } from "./account.service.ts";

export type AccountPageModel = {
  account: Account;
  /** What was typed in the profile form, when it is shown back with errors. */
  profile: { name: string; locale: string };
  profileErrors: FormError[];
  passwordErrors: FormError[];
  /** The notification mode to show checked: the stored one, or what was sent when it is shown with errors. */
  notificationMode: string;
  notificationErrors: FormError[];
  notice?: string | undefined;
};

/** Groups memberships by organisation: one row per organisation with its roles. */
function byOrganisation(memberships: Account["memberships"]) {
  const groups = new Map<string, { name: string; roles: Role[] }>();
  for (const m of memberships) {
    const group = groups.get(m.organisationId) ?? { name: m.organisationName, roles: [] };
    group.roles.push(m.role);
    groups.set(m.organisationId, group);
  }
  return [...groups.values()];
}

/**
 * /konto: details and language, notifications (one mail per event or a daily summary), password change, and
 * the organisations and roles the account holds.
 */
export function renderAccountPage(c: Context<AppEnv>, model: AccountPageModel, status: 200 | 400 = 200) {
  const t = accountMessages(c.var.locale);
  const roles = usersMessages(c.var.locale);
  const { account, profile, profileErrors, passwordErrors, notificationErrors } = model;
  const nameError = fieldError(profileErrors, "account-name");
  const localeError = fieldError(profileErrors, "account-locale");
  const currentError = fieldError(passwordErrors, "account-current");
  const nextError = fieldError(passwordErrors, "account-next");
  const confirmError = fieldError(passwordErrors, "account-confirm");
  const organisations = byOrganisation(account.memberships);
  return renderPage(
    c,
    t("title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("title")}
      </h1>
      <p class="ds-paragraph">{t("intro")}</p>
      <Notice message={model.notice} />

      <Section id="account-profile-heading" heading={t("profile.heading")}>
        <ErrorSummary id="account-profile-errors" heading={t("errors.heading")} errors={profileErrors} />
        <form class="lots-stack" method="post" action="/konto">
          <CsrfField token={c.var.csrfToken} />
          <div class="ds-field">
            <label class="ds-label" for="account-name">
              {t("profile.name")}
            </label>
            <ValidationMessage fieldId="account-name" message={nameError} />
            <input
              class="ds-input"
              id="account-name"
              name="name"
              type="text"
              autocomplete="name"
              required
              value={profile.name}
              {...describedBy("account-name", nameError)}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="account-email">
              {t("profile.email")}
            </label>
            <p class="ds-paragraph" data-field="description" id="account-email-hint">
              {t("profile.emailHint")}
            </p>
            <input
              class="ds-input"
              id="account-email"
              type="email"
              readonly
              value={account.email}
              aria-describedby="account-email-hint"
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="account-locale">
              {t("profile.language")}
            </label>
            <ValidationMessage fieldId="account-locale" message={localeError} />
            <select
              class="ds-input"
              id="account-locale"
              name="locale"
              {...describedBy("account-locale", localeError)}
            >
              <option value="sv" lang="sv" selected={profile.locale === "sv"}>
                {t("language.sv")}
              </option>
              <option value="en" lang="en" selected={profile.locale === "en"}>
                {t("language.en")}
              </option>
            </select>
          </div>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("profile.save")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="account-notifications-heading" heading={t("notifications.heading")}>
        <ErrorSummary
          id="account-notifications-errors"
          heading={t("errors.heading")}
          errors={notificationErrors}
        />
        <form class="lots-stack" method="post" action="/konto/aviseringar">
          <CsrfField token={c.var.csrfToken} />
          {/* A fieldset with a legend: screen readers name the radio group by its question. */}
          <Radios
            id="account-notifications"
            name="mode"
            legend={t("notifications.legend")}
            hint={t("notifications.hint")}
            options={[
              { value: "immediate", label: t("notifications.immediate") },
              { value: "daily", label: t("notifications.daily") },
            ]}
            selected={model.notificationMode}
            errors={notificationErrors}
          />
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("notifications.save")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="account-password-heading" heading={t("password.heading")}>
        <ErrorSummary id="account-password-errors" heading={t("errors.heading")} errors={passwordErrors} />
        <form class="lots-stack" method="post" action="/konto/losenord">
          <CsrfField token={c.var.csrfToken} />
          {/* A hidden user name lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autocomplete="username" value={account.email} />
          <div class="ds-field">
            <label class="ds-label" for="account-current">
              {t("password.current")}
            </label>
            <ValidationMessage fieldId="account-current" message={currentError} />
            <input
              class="ds-input"
              id="account-current"
              name="current"
              type="password"
              autocomplete="current-password"
              required
              {...describedBy("account-current", currentError)}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="account-next">
              {t("password.next")}
            </label>
            <p class="ds-paragraph" data-field="description" id="account-next-hint">
              {t("password.nextHint", { min: MIN_PASSWORD_LENGTH })}
            </p>
            <ValidationMessage fieldId="account-next" message={nextError} />
            <input
              class="ds-input"
              id="account-next"
              name="next"
              type="password"
              autocomplete="new-password"
              minlength={MIN_PASSWORD_LENGTH}
              required
              {...describedBy("account-next", nextError, "account-next-hint")}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="account-confirm">
              {t("password.confirm")}
            </label>
            <ValidationMessage fieldId="account-confirm" message={confirmError} />
            <input
              class="ds-input"
              id="account-confirm"
              name="confirm"
              type="password"
              autocomplete="new-password"
              required
              {...describedBy("account-confirm", confirmError)}
            />
          </div>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("password.save")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="account-memberships-heading" heading={t("memberships.heading")}>
        {organisations.length === 0 ? (
          <p class="ds-paragraph">{t("memberships.none")}</p>
        ) : (
          <TableScroll label={t("memberships.heading")}>
            <table class="ds-table" data-border="true">
              <thead>
                <tr>
                  <th scope="col">{t("memberships.organisation")}</th>
                  <th scope="col">{t("memberships.roles")}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((o) => (
                  <tr>
                    <td>{o.name}</td>
                    <td>{o.roles.map((r) => roles(`role.${r}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </>,
    status,
  );
}
