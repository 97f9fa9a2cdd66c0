import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Role } from "#src/shared/auth/actor.ts";
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
import { type UsersMessages, usersMessages } from "./users.messages.ts";
import type { MemberView } from "./users.schemas.ts";

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  dateStyle: "short",
  timeStyle: "short",
});

/** A time the Swedish way in Stockholm time: 2026-11-28 14:05. */
export function formatDateTime(value: Date): string {
  return dateTime.format(value);
}

/** The roles in words, in the order given. */
export function roleList(t: UsersMessages, roles: readonly Role[]): string {
  return roles.map((r) => t(`role.${r}`)).join(", ");
}

function displayName(t: UsersMessages, member: MemberView): string {
  return member.name || t("list.noName");
}

export type InviteValues = { email?: string; name?: string; role?: string };

export type UsersPageModel = {
  organisation: { id: string; name: string };
  members: MemberView[];
  grantableRoles: Role[];
  values: InviteValues;
  errors: FormError[];
  notice?: string | undefined;
};

/** /admin/organisationer/:id/anvandare: the members, and a form to invite someone. */
export function renderUsersPage(
  c: Context<AppEnv>,
  model: UsersPageModel,
  status: 200 | 400 | 409 | 403 = 200,
) {
  const t = usersMessages(c.var.locale);
  const { organisation, values, errors } = model;
  const base = `/admin/organisationer/${organisation.id}`;
  const emailError = fieldError(errors, "invite-email");
  const nameError = fieldError(errors, "invite-name");
  const roleError = fieldError(errors, "invite-role");
  return renderPage(
    c,
    t("list.title", { organisation: organisation.name }),
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={base}>
          {t("list.back", { organisation: organisation.name })}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("list.title", { organisation: organisation.name })}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      <Notice message={model.notice} />

      {model.members.length === 0 ? (
        <p class="ds-paragraph">{t("list.empty")}</p>
      ) : (
        <TableScroll label={t("list.caption", { organisation: organisation.name })}>
          <table class="ds-table" data-border="true">
            <caption>{t("list.caption", { organisation: organisation.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.email")}</th>
                <th scope="col">{t("list.roles")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.lastLogin")}</th>
                <th scope="col">{t("list.manage")}</th>
              </tr>
            </thead>
            <tbody>
              {model.members.map((m) => (
                <tr>
                  <td>{displayName(t, m)}</td>
                  <td>{m.email}</td>
                  <td>{roleList(t, m.roles)}</td>
                  <td>{t(`status.${m.status}`)}</td>
                  <td>{m.lastLoginAt ? formatDateTime(m.lastLoginAt) : t("list.never")}</td>
                  <td>
                    <a
                      class="ds-link"
                      href={`${base}/anvandare/${m.id}`}
                      aria-label={t("list.manageUser", { name: displayName(t, m) })}
                    >
                      {t("list.manage")}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <Section id="invite-heading" heading={t("invite.heading")}>
        <p class="ds-paragraph">{t("invite.intro")}</p>
        <ErrorSummary id="invite-errors" heading={t("errors.heading")} errors={errors} />
        <form class="lots-stack" method="post" action={`${base}/anvandare`} id="invite-form">
          <CsrfField token={c.var.csrfToken} />
          <div class="ds-field">
            <label class="ds-label" for="invite-email">
              {t("invite.email")}
            </label>
            <ValidationMessage fieldId="invite-email" message={emailError} />
            <input
              class="ds-input"
              id="invite-email"
              name="email"
              type="email"
              autocomplete="off"
              required
              value={values.email ?? ""}
              {...describedBy("invite-email", emailError)}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="invite-name">
              {t("invite.name")}
            </label>
            <ValidationMessage fieldId="invite-name" message={nameError} />
            <input
              class="ds-input"
              id="invite-name"
              name="name"
              type="text"
              autocomplete="off"
              value={values.name ?? ""}
              {...describedBy("invite-name", nameError)}
            />
          </div>
          <div class="ds-field">
            <label class="ds-label" for="invite-role">
              {t("invite.role")}
            </label>
            <ValidationMessage fieldId="invite-role" message={roleError} />
            <select class="ds-input" id="invite-role" name="role" {...describedBy("invite-role", roleError)}>
              {model.grantableRoles.map((role) => (
                <option value={role} selected={(values.role ?? "navigator") === role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("invite.submit")}
            </button>
          </div>
        </form>
      </Section>
    </>,
    status,
  );
}

export type MemberPageModel = {
  organisation: { id: string; name: string };
  member: MemberView;
  grantableRoles: Role[];
  /** The roles ticked in the form (the member's, or what was sent back with an error). */
  checkedRoles: readonly Role[];
  canChangeAccount: boolean;
  errors: FormError[];
  notice?: string | undefined;
};

/** /admin/organisationer/:id/anvandare/:userId: roles, invitation, account status and removal. */
export function renderMemberPage(
  c: Context<AppEnv>,
  model: MemberPageModel,
  status: 200 | 400 | 403 | 409 = 200,
) {
  const t = usersMessages(c.var.locale);
  const { organisation, member, errors } = model;
  const base = `/admin/organisationer/${organisation.id}/anvandare`;
  const action = `${base}/${member.id}`;
  const name = displayName(t, member);
  const rolesError = fieldError(errors, "member-roles");
  // Roles the actor may not grant are shown (disabled) only when the member holds them.
  const shownRoles = [...new Set([...model.grantableRoles, ...member.roles])];
  return renderPage(
    c,
    name,
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={base}>
          {t("list.title", { organisation: organisation.name })}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("member.title", { name })}
      </h1>
      <Notice message={model.notice} />
      <ErrorSummary id="member-errors" heading={t("errors.heading")} errors={errors} />

      <Section id="member-details" heading={t("member.details")}>
        <dl>
          <dt>{t("list.email")}</dt>
          <dd>{member.email}</dd>
          <dt>{t("list.status")}</dt>
          <dd>{t(`status.${member.status}`)}</dd>
          <dt>{t("list.lastLogin")}</dt>
          <dd>{member.lastLoginAt ? formatDateTime(member.lastLoginAt) : t("list.never")}</dd>
        </dl>
      </Section>

      <Section
        id="member-roles-heading"
        heading={t("member.rolesHeading", { organisation: organisation.name })}
      >
        <form class="lots-stack" method="post" action={`${action}/roller`}>
          <CsrfField token={c.var.csrfToken} />
          <fieldset class="ds-fieldset" id="member-roles" {...describedBy("member-roles", rolesError)}>
            <legend class="ds-label">{t("member.rolesLegend")}</legend>
            <ValidationMessage fieldId="member-roles" message={rolesError} />
            {shownRoles.map((role) => {
              const disabled = !model.grantableRoles.includes(role);
              return (
                <div class="ds-field">
                  <input
                    class="ds-input"
                    type="checkbox"
                    id={`role-${role}`}
                    name="roles"
                    value={role}
                    checked={model.checkedRoles.includes(role)}
                    disabled={disabled}
                  />
                  <label class="ds-label" data-weight="regular" for={`role-${role}`}>
                    {t(`role.${role}`)}
                  </label>
                  {/* A disabled box is not sent: keep the role the actor may not change. */}
                  {disabled && member.roles.includes(role) ? (
                    <input type="hidden" name="roles" value={role} />
                  ) : null}
                </div>
              );
            })}
          </fieldset>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("member.saveRoles")}
            </button>
          </div>
        </form>
      </Section>

      {member.status === "invited" ? (
        <Section id="member-invitation" heading={t("member.invitationHeading")}>
          <p class="ds-paragraph">{t("member.invitationPending")}</p>
          <form method="post" action={`${action}/skicka-inbjudan`}>
            <CsrfField token={c.var.csrfToken} />
            <button class="ds-button" data-variant="secondary" type="submit">
              {t("member.resend")}
            </button>
          </form>
        </Section>
      ) : null}

      {model.canChangeAccount ? (
        <Section id="member-account" heading={t("member.accountHeading")}>
          <p class="ds-paragraph">{t("member.deactivateHint")}</p>
          <form
            method="post"
            action={`${action}/${member.status === "deactivated" ? "aktivera" : "inaktivera"}`}
          >
            <CsrfField token={c.var.csrfToken} />
            <button class="ds-button" data-variant="secondary" type="submit">
              {member.status === "deactivated" ? t("member.activate") : t("member.deactivate")}
            </button>
          </form>
        </Section>
      ) : null}

      <Section id="member-remove" heading={t("member.removeHeading")}>
        <p class="ds-paragraph">{t("member.removeHint", { organisation: organisation.name })}</p>
        <form method="post" action={`${action}/ta-bort`}>
          <CsrfField token={c.var.csrfToken} />
          <button class="ds-button" data-variant="secondary" data-color="danger" type="submit">
            {t("member.remove", { organisation: organisation.name })}
          </button>
        </form>
      </Section>
    </>,
    status,
  );
}
