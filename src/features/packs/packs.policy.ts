import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";

// Who may use industry packs. A pack is network-wide, not one organisation's: the platform admin and every
// organisation's admin create and edit packs (any org admin may set one up for the whole network, as the
// Örebro model spreads by partners bringing their industry); navigators and org admins view them and start
// meetings and survey rounds from them, for an organisation where they run surveys. Deny by default.

/** Roles that create and edit packs (with the platform admin). */
export const PACK_EDITOR_ROLES: readonly Role[] = ["org-admin"];
/** Roles that view packs and start from them (with the platform admin). */
export const PACK_USER_ROLES: readonly Role[] = ["org-admin", "navigator"];

/** Whether the actor may create and edit packs. */
export function canManagePacks(actor: AuditActor): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, PACK_EDITOR_ROLES);
}

/** Whether the actor may view packs. */
export function canViewPacks(actor: AuditActor): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, PACK_USER_ROLES);
}

/** Whether the actor may start a meeting or survey round from a pack for this organisation. */
export function canStartFromPack(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, PACK_USER_ROLES, organisationId);
}
