import { type Actor, hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";

// Who may manage which organisation's users. Pure functions, checked by users.service.ts before any
// query runs; pages use them to decide what to show. Deny by default.

/**
 * Whether the actor may list, invite and change the users of an organisation: its own org-admins and
 * the platform admin. Navigators, advisors and analysts may not, not even in their own organisation.
 */
export function canManageUsers(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"], organisationId);
}

/** Whether the actor may give (or take away) a role: platform-admin only by a platform admin. */
export function canGrantRole(actor: Actor, role: Role): boolean {
  if (role === "platform-admin") return isPlatformAdmin(actor);
  return true;
}

/**
 * Whether the actor may change a user's account as a whole (deactivate, reactivate): the account is
 * shared by every organisation the user belongs to, so an org-admin may do it only when they administer
 * all of them, and only a platform admin may touch a platform admin's account.
 */
export function canChangeAccount(
  actor: Actor,
  target: { memberships: readonly { organisationId: string; role: Role }[] },
): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (target.memberships.some((m) => m.role === "platform-admin")) return false;
  return (
    target.memberships.length > 0 &&
    target.memberships.every((m) => hasRole(actor, ["org-admin"], m.organisationId))
  );
}

/** The roles the actor may offer when inviting or changing roles, in the order of ROLES. */
export function grantableRoles(actor: Actor): Role[] {
  return isPlatformAdmin(actor)
    ? ["platform-admin", "org-admin", "navigator", "advisor", "analyst"]
    : ["org-admin", "navigator", "advisor", "analyst"];
}
