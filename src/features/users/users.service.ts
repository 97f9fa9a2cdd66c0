import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { endAllSessionsForUser } from "#src/features/auth/sessions.service.ts";
import { type Actor, ROLES, type Role } from "#src/shared/auth/actor.ts";
import { scopeFor } from "#src/shared/auth/scope.ts";
import { validationError } from "#src/shared/http-errors.ts";
import {
  actorUserId,
  assertAnotherOrgAdmin,
  authorise,
  inTransaction,
  loadMember,
  type RequestMeta,
  sortRoles,
  toMember,
} from "./users.access.ts";
import { UserRuleError } from "./users.errors.ts";
import { canChangeAccount, canGrantRole } from "./users.policy.ts";
import * as repository from "./users.repository.ts";
import { ChangeMemberInput, type MemberView } from "./users.schemas.ts";

// Managing an organisation's users: its org-admins and the platform admin list, invite, change roles,
// remove and deactivate. Every function checks users.policy.ts before its first query and writes its
// changes, their audit entries and any mail in one transaction. Invitations: users.invitations.service.ts.

/**
 * The members of an organisation with their roles, status and last sign-in. Reading the list is reading
 * personal data, so it is audited ('read' on 'user-list' for the organisation).
 */
export async function listOrganisationUsers(
  db: Db,
  actor: Actor,
  organisationId: string,
  meta: RequestMeta = {},
): Promise<MemberView[]> {
  await authorise(db, actor, organisationId);
  const rows = await repository.listOrganisationMembers(db, organisationId, scopeFor(actor, ["org-admin"]));
  await recordAudit(db, {
    actor,
    action: "read",
    recordType: "user-list",
    organisationId,
    ...meta,
    details: { count: rows.length },
  });
  return rows.map(toMember);
}

/** One member of an organisation (audited as 'read' on 'user'). */
export async function getOrganisationUser(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  meta: RequestMeta = {},
): Promise<MemberView> {
  await authorise(db, actor, organisationId);
  const member = await loadMember(db, actor, organisationId, userId);
  await recordAudit(db, {
    actor,
    action: "read",
    recordType: "user",
    recordId: userId,
    organisationId,
    ...meta,
  });
  return toMember(member);
}

/**
 * Sets a member's roles in the organisation. Adding or removing platform-admin takes a platform admin;
 * taking org-admin from the organisation's last org-admin is refused (CONFLICT).
 */
export async function changeMemberRoles(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  roles: readonly Role[],
  meta: RequestMeta = {},
): Promise<MemberView> {
  const parsed = ChangeMemberInput.safeParse({ roles });
  if (!parsed.success) throw validationError(parsed.error);
  const wanted = sortRoles(parsed.data.roles!);
  await authorise(db, actor, organisationId);
  return inTransaction(db, async (trx) => {
    const member = await loadMember(trx, actor, organisationId, userId);
    const before = sortRoles(member.roles);
    const added = wanted.filter((r) => !before.includes(r));
    const removed = before.filter((r) => !wanted.includes(r));
    if ([...added, ...removed].some((r) => !canGrantRole(actor, r))) {
      throw new UserRuleError(
        "FORBIDDEN",
        "platform-admin-role",
        "Only a platform admin grants or removes platform-admin.",
      );
    }
    if (added.length === 0 && removed.length === 0) return toMember(member);
    if (removed.includes("org-admin")) await assertAnotherOrgAdmin(trx, organisationId, userId);
    await repository.deleteMemberships(trx, userId, organisationId, removed);
    await repository.insertMemberships(
      trx,
      added.map((role) => ({ user_id: userId, organisation_id: organisationId, role })),
    );
    await recordAudit(trx, {
      actor,
      action: "update",
      recordType: "membership",
      recordId: userId,
      organisationId,
      ...meta,
      details: { before, after: wanted },
    });
    return toMember((await repository.findOrganisationMember(trx, organisationId, userId, { kind: "all" }))!);
  });
}

/** Takes a member out of the organisation (all their roles there); the account itself stays. */
export async function removeMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  meta: RequestMeta = {},
): Promise<void> {
  await authorise(db, actor, organisationId);
  await inTransaction(db, async (trx) => {
    const member = await loadMember(trx, actor, organisationId, userId);
    if (member.roles.includes("platform-admin") && !canGrantRole(actor, "platform-admin")) {
      throw new UserRuleError(
        "FORBIDDEN",
        "platform-admin-role",
        "Only a platform admin removes a platform admin.",
      );
    }
    if (member.roles.includes("org-admin")) await assertAnotherOrgAdmin(trx, organisationId, userId);
    await repository.deleteMemberships(trx, userId, organisationId);
    await recordAudit(trx, {
      actor,
      action: "delete",
      recordType: "membership",
      recordId: userId,
      organisationId,
      ...meta,
      details: { roles: sortRoles(member.roles) },
    });
  });
}

/**
 * Deactivates a member's account (it can no longer sign in, and every session it has ends at once) or
 * reactivates it. The account is shared by all the user's organisations, so an org-admin may do this
 * only when they administer all of them. Nobody deactivates their own account, nor the last org-admin
 * of any organisation.
 */
export async function setUserStatus(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  status: "active" | "deactivated",
  meta: RequestMeta = {},
): Promise<MemberView> {
  await authorise(db, actor, organisationId);
  return inTransaction(db, async (trx) => {
    const member = await loadMember(trx, actor, organisationId, userId);
    const memberships = (await repository.listMembershipsOfUser(trx, userId)).map((m) => ({
      organisationId: m.organisation_id,
      role: m.role,
    }));
    if (!canChangeAccount(actor, { memberships })) {
      throw new UserRuleError(
        "FORBIDDEN",
        "other-organisations",
        "This account also belongs to organisations you do not administer; remove them from yours instead.",
      );
    }
    const before = member.status;
    let after: repository.UserStatus;
    if (status === "deactivated") {
      if (actorUserId(actor) === userId) {
        throw new UserRuleError("CONFLICT", "own-account", "You cannot deactivate your own account.");
      }
      for (const m of memberships.filter((m) => m.role === "org-admin")) {
        await assertAnotherOrgAdmin(trx, m.organisationId, userId);
      }
      after = "deactivated";
    } else {
      const user = await repository.findUserById(trx, userId);
      after = before !== "deactivated" ? before : user?.password_hash ? "active" : "invited";
    }
    if (after !== before) {
      await repository.updateUser(trx, userId, { status: after });
      if (after === "deactivated") await endAllSessionsForUser(trx, userId);
      await recordAudit(trx, {
        actor,
        action: "update",
        recordType: "user",
        recordId: userId,
        organisationId,
        ...meta,
        details: { status: { before, after } },
      });
    }
    return toMember((await repository.findOrganisationMember(trx, organisationId, userId, { kind: "all" }))!);
  });
}

/**
 * Every membership of a member of the organisation (in all organisations), so a page can ask the policy
 * whether the actor may change the account as a whole. Same access rule as the member list.
 */
export async function listMembershipsForPolicy(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<{ organisationId: string; role: Role }[]> {
  await authorise(db, actor, organisationId);
  await loadMember(db, actor, organisationId, userId);
  return (await repository.listMembershipsOfUser(db, userId)).map((m) => ({
    organisationId: m.organisation_id,
    role: m.role,
  }));
}

/**
 * Changes roles and/or status in one transaction (the API's PATCH). Changes are audited as updates; a
 * request that changes nothing is audited as a 'read' on 'user', since its answer still shows the member.
 */
export async function changeMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  input: ChangeMemberInput,
  meta: RequestMeta = {},
): Promise<MemberView> {
  const parsed = ChangeMemberInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { roles, status } = parsed.data;
  await authorise(db, actor, organisationId);
  return inTransaction(db, async (trx) => {
    const before = await getMemberQuietly(trx, actor, organisationId, userId);
    let member = before;
    if (roles) member = await changeMemberRoles(trx, actor, organisationId, userId, roles, meta);
    if (status) member = await setUserStatus(trx, actor, organisationId, userId, status, meta);
    if (member.status === before.status && member.roles.join() === before.roles.join()) {
      await recordAudit(trx, {
        actor,
        action: "read",
        recordType: "user",
        recordId: userId,
        organisationId,
        ...meta,
      });
    }
    return member;
  });
}

async function getMemberQuietly(db: Db, actor: Actor, organisationId: string, userId: string) {
  return toMember(await loadMember(db, actor, organisationId, userId));
}

/**
 * The password of every demonstration account. Public on purpose: the sign-in page shows it in demo mode,
 * and demo accounts exist only where demo data is loaded.
 */
export const DEMO_PASSWORD = "demo-lots-2026!";

/** The active demonstration accounts, one row per role held, for the sign-in page's demo list. */
export async function listDemoUsers(
  db: Db,
): Promise<{ email: string; name: string; role: Role; organisationName: string }[]> {
  const rows = await repository.listDemoMemberships(db);
  return rows
    .map((r) => ({ email: r.email, name: r.name, role: r.role, organisationName: r.organisation_name }))
    .sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.email.localeCompare(b.email));
}

/**
 * The active users holding one of `roles` in an organisation — whom lotsning notifies (a partner's
 * advisors of a new referral). No policy: the caller decides who is told; nothing here is shown to the actor.
 */
export async function activeUsersWithRoles(
  db: Db,
  organisationId: string,
  roles: readonly Role[],
): Promise<{ userId: string; name: string; email: string; locale: "sv" | "en" }[]> {
  return (await repository.listActiveUsersWithRoles(db, organisationId, roles)).map((u) => ({
    userId: u.id,
    name: u.name,
    email: u.email,
    locale: u.locale,
  }));
}

/** A user's name, e-mail and language (for notifying one person), or undefined. */
export async function findUserContact(db: Db, userId: string) {
  const row = await repository.findUserById(db, userId);
  return row && row.status === "active"
    ? { userId: row.id, name: row.name, email: row.email, locale: row.locale }
    : undefined;
}
