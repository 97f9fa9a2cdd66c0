import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, ORGANISATION_ROLES, type Role } from "#src/shared/auth/actor.ts";

// Who may manage an organisation's API tokens. Pure functions; the service calls them.

/** Platform admins, the organisation's org admins, and the operator's CLI. Nobody else. */
export function canManageApiTokens(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"], organisationId);
}

/**
 * Creating a token additionally needs a person or the CLI: a token may not mint tokens, or a leaked
 * token could outlive its own revocation by making itself a successor.
 */
export function canCreateApiTokens(actor: AuditActor, organisationId: string): boolean {
  return actor.kind !== "token" && canManageApiTokens(actor, organisationId);
}

/** The roles the actor may give a token: the organisation roles, and platform-admin for platform admins and the CLI. */
export function grantableApiTokenRoles(actor: AuditActor): Role[] {
  const isPlatform = actor.kind === "system" || isPlatformAdmin(actor);
  return isPlatform ? ["platform-admin", ...ORGANISATION_ROLES] : [...ORGANISATION_ROLES];
}
