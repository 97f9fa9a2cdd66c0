import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";

// Who may write surveys and read their answers. A survey belongs to one organisation; its org admins and
// navigators build it, its navigators read the answers (they hold company details and the company's own
// words) and may answer on a company's behalf; the platform admin may do all of it. Anyone may answer an
// open campaign without an account, through the public form. Deny by default.

/** Roles that create, edit, publish and run campaigns of their organisation's surveys. */
export const SURVEY_MANAGER_ROLES: readonly Role[] = ["org-admin", "navigator"];

/** Roles that read their organisation's survey answers and answer for a company. */
export const RESPONSE_ROLES: readonly Role[] = ["navigator"];

/** Whether the actor may create and change this organisation's surveys and campaigns. */
export function canManageSurveys(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, SURVEY_MANAGER_ROLES, organisationId);
}

/** Whether the actor may read this organisation's survey answers and submit answers for a company. */
export function canHandleResponses(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, RESPONSE_ROLES, organisationId);
}
