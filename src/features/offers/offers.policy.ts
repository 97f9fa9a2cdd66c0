import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, organisationsWithRole, type Role } from "#src/shared/auth/actor.ts";
import { type DataScope, scopeFor } from "#src/shared/auth/scope.ts";

// Who may see and change offers in the staff pages and the write API. Pure functions: services call them and
// throw; pages call them to decide which forms to show. Deny by default. The public catalogue (active offers)
// needs no policy: it is public.

/** Roles that manage (create, edit, pause, close, verify) their own organisation's offers. */
export const OFFER_MANAGER_ROLES: readonly Role[] = ["org-admin", "advisor"];

/** Roles that read their own organisation's offers on the staff pages, history included. */
export const OFFER_READER_ROLES: readonly Role[] = ["org-admin", "advisor", "navigator", "analyst"];

/** Whether the actor may change offers of this organisation: its org-admins and advisors, the platform admin. */
export function canManageOffers(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, OFFER_MANAGER_ROLES, organisationId);
}

/** Whether the actor may read this organisation's offers on the staff pages (including history). */
export function canReadOffers(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, OFFER_READER_ROLES, organisationId);
}

/** The organisations whose offers the actor sees on the staff list. */
export function offerReadScope(actor: AuditActor): DataScope {
  if (actor.kind === "system") return { kind: "all" };
  return scopeFor(actor, OFFER_READER_ROLES);
}

/** The organisations for which the actor may add offers (empty for the platform admin: every one). */
export function organisationsManaged(actor: AuditActor): string[] {
  if (actor.kind === "system") return [];
  return organisationsWithRole(actor, OFFER_MANAGER_ROLES);
}
