import { type Actor, hasRole } from "#src/shared/auth/actor.ts";

// Who sees the needs-intelligence dashboards and their API. The figures are aggregated and suppressed, but
// they are the network's working picture, not yet published: staff who steer or route support read them
// (PRODUCT.md: analysts, navigators and admins). The open-data page is the public, published part.

/** Whether the actor may read the dashboards, their exports and `/api/v1/insights/*`. */
export function canViewInsights(actor: Actor): boolean {
  return hasRole(actor, ["platform-admin", "org-admin", "navigator", "analyst"]);
}
