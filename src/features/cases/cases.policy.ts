import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";
import { type DataScope, scopeFor } from "#src/shared/auth/scope.ts";

// Who sees and works cases. A case belongs to the organisation of the team it is routed to; that
// organisation's navigators work it (and its org admin reads it), the platform admin sees every case.
// Partner advisors never open a case: they see the referral to their organisation (referrals.policy.ts).
// Deny by default.

/** Roles that work cases of their organisation. */
export const CASE_WORKERS: readonly Role[] = ["navigator"];
/** Roles that read cases of their organisation. */
export const CASE_READERS: readonly Role[] = ["navigator", "org-admin"];

/** Whether the actor may read a case of this organisation. */
export function canReadCase(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, CASE_READERS, organisationId);
}

/** Whether the actor may change a case of this organisation (status, notes, referrals, contacts). */
export function canWorkCase(actor: AuditActor, organisationId: string): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, CASE_WORKERS, organisationId);
}

/** Whether the actor may open a case by hand (any navigator; the case goes to the routed team). */
export function canOpenCase(actor: AuditActor): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, CASE_WORKERS);
}

/** The organisations whose cases the actor reads. */
export function caseReadScope(actor: AuditActor): DataScope {
  if (actor.kind === "system") return { kind: "all" };
  return scopeFor(actor, CASE_READERS);
}
