import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, organisationsWithRole, type Role } from "#src/shared/auth/actor.ts";
import { type DataScope, scopeFor } from "#src/shared/auth/scope.ts";

// Who may see and change needs. A need belongs to the organisation that collected it (the survey's owner,
// or the navigator's organisation); its navigators triage it, the platform admin sees all. Sharing a need
// with another organisation is a referral (issue D), which needs the company's consent. Analysts read needs
// in aggregate only (issue E), never one by one. Deny by default.

/** Roles that read, record and triage their organisation's needs. */
export const NEED_ROLES: readonly Role[] = ["navigator"];

/** Whether the actor may record and change needs of this organisation. */
export function canManageNeeds(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, NEED_ROLES, organisationId);
}

/** The organisations whose needs the actor reads. */
export function needsReadScope(actor: AuditActor): DataScope {
  if (actor.kind === "system") return { kind: "all" };
  return scopeFor(actor, NEED_ROLES);
}

/** The organisation a new need belongs to when the caller names none: the actor's only one, if so. */
export function defaultNeedOrganisation(actor: AuditActor): string | undefined {
  if (actor.kind === "system") return undefined;
  const organisations = organisationsWithRole(actor, NEED_ROLES);
  return organisations.length === 1 ? organisations[0] : undefined;
}
