import type { Actor } from "#src/shared/auth/actor.ts";
import { hasRole, isPlatformAdmin } from "#src/shared/auth/actor.ts";

// Who keeps routing: the platform admin owns the rules (PRODUCT.md: "routing rules kept by the platform
// admin"); an organisation's admin may also keep the members of that organisation's teams.

/** Whether the actor may create teams, set the catch-all team and edit routing rules. */
export function canManageRouting(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/** Whether the actor may add and remove members of a team of this organisation. */
export function canManageTeamMembers(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"], organisationId);
}

/**
 * Whether the actor may open the routing page: the platform admin, and organisation admins (who keep the
 * members of their organisation's teams and read the rules).
 */
export function canViewRouting(actor: Actor): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"]);
}
