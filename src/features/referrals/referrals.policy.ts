import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { canReadCase, canWorkCase } from "#src/features/cases/cases.policy.ts";
import { hasRole, isPlatformAdmin, organisationsWithRole, type Role } from "#src/shared/auth/actor.ts";

// Who sees and acts on a referral. Two sides: the partner organisation it went to (its advisors, org admin
// and navigators work their inbox) and the case's organisation (its navigators sent it and may withdraw
// it). Nobody else — an advisor of one organisation never sees another organisation's referrals, whatever
// the route (PRODUCT.md H). The platform admin reads everything but does not answer for a partner.

/** Roles that work the referrals to their organisation. */
export const PARTNER_ROLES: readonly Role[] = ["advisor", "org-admin", "navigator"];

/** Whether the actor acts for the partner organisation of a referral. */
export function isPartnerFor(actor: AuditActor, partnerOrganisationId: string): boolean {
  if (actor.kind === "system" || actor.kind === "anonymous") return false;
  return hasRole(actor, PARTNER_ROLES, partnerOrganisationId);
}

/** Whether the actor may read a referral (partner side, case side, or platform admin). */
export function canReadReferral(
  actor: AuditActor,
  referral: { organisation_id: string; case_organisation_id: string },
): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "anonymous") return false;
  return isPartnerFor(actor, referral.organisation_id) || canReadCase(actor, referral.case_organisation_id);
}

/** Whether the actor may answer a referral: accept, start, decline, close (the partner). */
export function canRespondToReferral(actor: AuditActor, referral: { organisation_id: string }): boolean {
  return isPartnerFor(actor, referral.organisation_id);
}

/** Whether the actor may withdraw a referral (the case's navigators, the platform admin). */
export function canWithdrawReferral(actor: AuditActor, referral: { case_organisation_id: string }): boolean {
  if (actor.kind === "anonymous") return false;
  return canWorkCase(actor, referral.case_organisation_id);
}

/** The organisations whose inbox the actor works ("partner side"). */
export function partnerOrganisations(actor: AuditActor): string[] {
  if (actor.kind === "system" || actor.kind === "anonymous") return [];
  return organisationsWithRole(actor, PARTNER_ROLES);
}

/** Whether the actor reads every referral (platform admin or a system job). */
export function readsAllReferrals(actor: AuditActor): boolean {
  return actor.kind === "system" || (actor.kind !== "anonymous" && isPlatformAdmin(actor));
}
