import { type Actor, hasRole, isPlatformAdmin } from "#src/shared/auth/actor.ts";

// Who may manage an organisation's webhooks. A webhook sends the organisation's referrals to an address of
// its choosing, so only those who answer for the organisation (its org admins) and the platform admin may
// create, change, inspect or retry them. Pure; the service calls it.

/** Platform admins and the organisation's org admins (by session or by token); nobody else. */
export function canManageWebhooks(actor: Actor, organisationId: string): boolean {
  return isPlatformAdmin(actor) || hasRole(actor, ["org-admin"], organisationId);
}
