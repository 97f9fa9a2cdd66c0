import type { Db } from "#src/db/client.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import { type Actor, ROLES, type Role } from "#src/shared/auth/actor.ts";
import { scopeFor } from "#src/shared/auth/scope.ts";
import { AppError } from "#src/shared/errors.ts";
import { UserRuleError } from "./users.errors.ts";
import { canManageUsers } from "./users.policy.ts";
import * as repository from "./users.repository.ts";
import type { MemberView } from "./users.schemas.ts";

// The checks and mappings the user-management services share (not for other features).

/** Where a request came from, for the audit log (auditContext(c) without the actor). */
export type RequestMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

/** What invitation mails need to know about the installation. */
export type MailSettings = { publicUrl: string; networkName: string };

export type MemberRow = NonNullable<Awaited<ReturnType<typeof repository.findOrganisationMember>>>;

export function toMember(row: MemberRow): MemberView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: sortRoles(row.roles),
    status: row.status,
    isDemo: row.is_demo,
    lastLoginAt: row.last_login_at,
  };
}

export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** Refuses unless the actor manages this organisation's users; then NOT_FOUND if it does not exist. */
export async function authorise(db: Db, actor: Actor, organisationId: string) {
  if (!canManageUsers(actor, organisationId)) {
    throw new AppError(
      "FORBIDDEN",
      "Only the organisation's admins and the platform admin manage its users.",
    );
  }
  return organisations.getOrganisation(db, actor, organisationId);
}

export async function loadMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
): Promise<MemberRow> {
  const member = /^[0-9a-f-]{36}$/i.test(userId)
    ? await repository.findOrganisationMember(db, organisationId, userId, scopeFor(actor, ["org-admin"]))
    : undefined;
  if (!member) throw new AppError("NOT_FOUND", "This person is not a member of the organisation.");
  return member;
}

/** Throws CONFLICT when taking org-admin from `userId` would leave the organisation without one. */
export async function assertAnotherOrgAdmin(db: Db, organisationId: string, userId: string): Promise<void> {
  if ((await repository.countOtherOrgAdmins(db, organisationId, userId)) === 0) {
    throw new UserRuleError(
      "CONFLICT",
      "last-org-admin",
      "This is the organisation's last org-admin. Make someone else org-admin first, so the organisation can still manage its users.",
    );
  }
}

/** The acting user's id, for "created by" columns; null for an API token. */
export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}
