import { type Actor, hasRole, isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { type DataScope, scopeFor } from "#src/shared/auth/scope.ts";

/** Whether the actor may read the audit log at all: platform admins, and org admins for their organisations. */
export function canReadAuditLog(actor: Actor): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"]);
}

/**
 * The entries the actor may see: everything for a platform admin, the entries about their own
 * organisations for an org admin. Entries about no organisation (a failed login for an unknown
 * address, say) are the platform admin's alone.
 */
export function auditLogScope(actor: Actor): DataScope {
  return scopeFor(actor, ["org-admin"]);
}
