import { createRoute } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { getOrganisation } from "#src/features/organisations/organisations.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isRole, type Role } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { UserRuleError } from "./users.errors.ts";
import { inviteUser, resendInvitation } from "./users.invitations.service.ts";
import { usersMessages } from "./users.messages.ts";
import { canChangeAccount, grantableRoles } from "./users.policy.ts";
import {
  ChangeMemberInput,
  InviteUserInput,
  Member,
  MemberList,
  MemberParams,
  type MemberView,
  OrganisationParams,
} from "./users.schemas.ts";
import * as users from "./users.service.ts";
import { renderMemberPage, renderUsersPage } from "./users.views.tsx";

const NOTICES = ["invited", "added", "roles", "removed", "deactivated", "activated", "resent"] as const;
type Notice = (typeof NOTICES)[number];

function notice(c: Context<AppEnv>): string | undefined {
  const done = c.req.query("klart");
  return NOTICES.includes(done as Notice) ? usersMessages(c.var.locale)(`done.${done as Notice}`) : undefined;
}

function request(c: Context<AppEnv>) {
  const { actor, ...meta } = auditContext(c);
  return { actor, meta, db: c.var.deps.db };
}

function mailSettings(c: Context<AppEnv>) {
  return { publicUrl: c.var.deps.config.publicUrl, networkName: c.var.deps.config.networkName };
}

function formString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

async function showUsers(
  c: Context<AppEnv>,
  values: { email?: string; name?: string; role?: string } = {},
  errors: FormError[] = [],
  status: 200 | 400 | 403 | 409 = 200,
) {
  const { actor, meta, db } = request(c);
  const organisationId = c.req.param("id")!;
  const members = await users.listOrganisationUsers(db, actor, organisationId, meta);
  const organisation = await getOrganisation(db, actor, organisationId);
  return renderUsersPage(
    c,
    {
      organisation,
      members,
      grantableRoles: grantableRoles(actor),
      values,
      errors,
      notice: errors.length === 0 ? notice(c) : undefined,
    },
    status,
  );
}

async function showMember(
  c: Context<AppEnv>,
  errors: FormError[] = [],
  status: 200 | 400 | 403 | 409 = 200,
  checkedRoles?: readonly Role[],
  loaded?: MemberView,
) {
  const { actor, meta, db } = request(c);
  const organisationId = c.req.param("id")!;
  const member =
    loaded ?? (await users.getOrganisationUser(db, actor, organisationId, c.req.param("userId")!, meta));
  const organisation = await getOrganisation(db, actor, organisationId);
  // The account-wide buttons are offered when the policy would allow them; the service checks again.
  const account = await users.listMembershipsForPolicy(db, actor, organisationId, member.id);
  return renderMemberPage(
    c,
    {
      organisation,
      member,
      grantableRoles: grantableRoles(actor),
      checkedRoles: checkedRoles ?? member.roles,
      canChangeAccount: canChangeAccount(actor, { memberships: account }),
      errors,
      notice: errors.length === 0 ? notice(c) : undefined,
    },
    status,
  );
}

/** A rule broken on the member page, explained on the page; anything else goes to the app's handler. */
async function memberRuleError(c: Context<AppEnv>, error: unknown, fieldId = "member-errors") {
  if (error instanceof UserRuleError) {
    const t = usersMessages(c.var.locale);
    return showMember(
      c,
      [{ fieldId, message: t(`rule.${error.rule}`) }],
      error.code === "FORBIDDEN" ? 403 : 409,
    );
  }
  throw error;
}

/** The user-management pages under /admin/organisationer/:id/anvandare. Every page requires sign-in. */
export function usersPages() {
  const app = new Hono<AppEnv>();
  const base = "/admin/organisationer/:id/anvandare";

  app.get(base, requireUser, (c) => showUsers(c));

  app.post(base, requireUser, async (c) => {
    const t = usersMessages(c.var.locale);
    const body = await c.req.parseBody();
    const values = {
      email: formString(body.email),
      name: formString(body.name),
      role: formString(body.role),
    };
    const parsed = InviteUserInput.safeParse({ ...values, name: values.name || undefined });
    if (!parsed.success) {
      const errors: FormError[] = [];
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (errors.some((e) => e.fieldId === `invite-${field}`)) continue;
        if (field === "email") errors.push({ fieldId: "invite-email", message: t("error.email") });
        else if (field === "role") errors.push({ fieldId: "invite-role", message: t("error.role") });
        else errors.push({ fieldId: "invite-name", message: t("error.name") });
      }
      return showUsers(c, values, errors, 400);
    }
    const { actor, meta, db } = request(c);
    const organisationId = c.req.param("id");
    try {
      const result = await inviteUser(db, actor, organisationId, parsed.data, mailSettings(c), meta);
      return c.redirect(
        `/admin/organisationer/${organisationId}/anvandare?klart=${result.invitationSent ? "invited" : "added"}`,
        303,
      );
    } catch (error) {
      if (error instanceof UserRuleError) {
        const fieldId = error.rule === "platform-admin-role" ? "invite-role" : "invite-email";
        return showUsers(
          c,
          values,
          [{ fieldId, message: t(`rule.${error.rule}`) }],
          error.code === "FORBIDDEN" ? 403 : 409,
        );
      }
      throw error;
    }
  });

  app.get(`${base}/:userId`, requireUser, (c) => showMember(c));

  app.post(`${base}/:userId/roller`, requireUser, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const sent = ([] as unknown[]).concat(body.roles ?? []).filter(isRole);
    const { actor, meta, db } = request(c);
    const { id, userId } = c.req.param();
    if (sent.length === 0) {
      const t = usersMessages(c.var.locale);
      return showMember(c, [{ fieldId: "member-roles", message: t("error.roles") }], 400, []);
    }
    try {
      await users.changeMemberRoles(db, actor, id, userId, sent, meta);
    } catch (error) {
      return memberRuleError(c, error, "member-roles");
    }
    return c.redirect(`/admin/organisationer/${id}/anvandare/${userId}?klart=roles`, 303);
  });

  for (const [path, status] of [
    ["inaktivera", "deactivated"],
    ["aktivera", "active"],
  ] as const) {
    app.post(`${base}/:userId/${path}`, requireUser, async (c) => {
      const { actor, meta, db } = request(c);
      const { id, userId } = c.req.param();
      try {
        await users.setUserStatus(db, actor, id, userId, status, meta);
      } catch (error) {
        return memberRuleError(c, error);
      }
      const done = status === "active" ? "activated" : "deactivated";
      return c.redirect(`/admin/organisationer/${id}/anvandare/${userId}?klart=${done}`, 303);
    });
  }

  app.post(`${base}/:userId/skicka-inbjudan`, requireUser, async (c) => {
    const { actor, meta, db } = request(c);
    const { id, userId } = c.req.param();
    try {
      await resendInvitation(db, actor, id, userId, mailSettings(c), meta);
    } catch (error) {
      return memberRuleError(c, error);
    }
    return c.redirect(`/admin/organisationer/${id}/anvandare/${userId}?klart=resent`, 303);
  });

  app.post(`${base}/:userId/ta-bort`, requireUser, async (c) => {
    const { actor, meta, db } = request(c);
    const { id, userId } = c.req.param();
    try {
      await users.removeMember(db, actor, id, userId, meta);
    } catch (error) {
      return memberRuleError(c, error);
    }
    return c.redirect(`/admin/organisationer/${id}/anvandare?klart=removed`, 303);
  });

  return app;
}

function toApiMember(m: MemberView) {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    roles: m.roles,
    status: m.status,
    lastLoginAt: m.lastLoginAt ? m.lastLoginAt.toISOString() : null,
  };
}

function requireActor(c: Context<AppEnv>) {
  const context = request(c);
  if (context.actor.kind === "anonymous") {
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token as Authorization: Bearer.");
  }
  return context;
}

const tags = ["Users"];
const errors = {
  400: problem("The input is invalid"),
  401: problem("No session or API token"),
  403: problem("Not an admin of this organisation, or the role may only be granted by a platform admin"),
  404: problem("No such organisation or member"),
};

/** `/api/v1/organisations/{id}/users`: an organisation's members, invitations and role changes. */
export function usersApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/organisations/{id}/users",
      tags,
      summary: "The members of an organisation (audited as a read of personal data)",
      request: { params: OrganisationParams },
      responses: { 200: json(MemberList, "Members by name"), ...errors },
    }),
    async (c) => {
      const { actor, meta, db } = requireActor(c);
      const members = await users.listOrganisationUsers(db, actor, c.req.valid("param").id, meta);
      return c.json({ items: members.map(toApiMember) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/users",
      tags,
      summary: "Invite someone by e-mail with a role",
      request: {
        params: OrganisationParams,
        body: { content: { "application/json": { schema: InviteUserInput } }, required: true },
      },
      responses: {
        201: json(Member, "The member; an invitation or notice mail is queued"),
        ...errors,
        409: problem("Already a member with this role, or the account is deactivated"),
      },
    }),
    async (c) => {
      const { actor, meta, db } = requireActor(c);
      const result = await inviteUser(
        db,
        actor,
        c.req.valid("param").id,
        c.req.valid("json"),
        mailSettings(c),
        meta,
      );
      return c.json(toApiMember(result.member), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/organisations/{id}/users/{userId}",
      tags,
      summary: "Change a member's roles in the organisation and/or their account's status",
      request: {
        params: MemberParams,
        body: { content: { "application/json": { schema: ChangeMemberInput } }, required: true },
      },
      responses: {
        200: json(Member, "The member after the change"),
        ...errors,
        409: problem(
          "The change would leave the organisation without an org-admin, or targets your own account",
        ),
      },
    }),
    async (c) => {
      const { actor, meta, db } = requireActor(c);
      const { id, userId } = c.req.valid("param");
      const member = await users.changeMember(db, actor, id, userId, c.req.valid("json"), meta);
      return c.json(toApiMember(member), 200);
    },
  );

  return api;
}
