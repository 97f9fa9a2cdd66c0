import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";
import { type DataScope, scopeFor } from "#src/shared/auth/scope.ts";

// Who runs meetings. A meeting belongs to its organiser organisation; that organisation's admins and
// navigators plan it, mark attendance and see who registered (personal data), the platform admin sees all.
// Presenting partners are named on the public page but do not see the registrations. Deny by default.

/** Roles that plan and run their organisation's meetings. */
export const MEETING_MANAGER_ROLES: readonly Role[] = ["org-admin", "navigator"];

/** Whether the actor may create meetings for this organisation, change them and see their registrations. */
export function canManageMeetings(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, MEETING_MANAGER_ROLES, organisationId);
}

/** Whether the actor may organise meetings at all (the staff menu and the new-meeting page). */
export function canOrganiseMeetings(actor: AuditActor): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, MEETING_MANAGER_ROLES);
}

/** The organisations whose meetings the actor manages. */
export function meetingScope(actor: AuditActor): DataScope {
  if (actor.kind === "system") return { kind: "all" };
  return scopeFor(actor, MEETING_MANAGER_ROLES);
}
