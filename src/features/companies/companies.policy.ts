import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { hasRole, isPlatformAdmin, type Role } from "#src/shared/auth/actor.ts";

// Who may see and register companies. The company register is one for the whole network (one record per
// org number, so six organisations do not keep six copies), read and kept by navigators of any member
// organisation and the platform admin. Analysts see needs only in aggregate (never who said what), advisors
// get companies through referrals (issue D), so neither reads the register.

/** Roles that read and register companies. */
export const COMPANY_ROLES: readonly Role[] = ["navigator"];

/** Whether the actor may read companies and their contact persons, and register companies. */
export function canUseCompanyRegister(actor: AuditActor): boolean {
  if (actor.kind === "system") return true;
  return isPlatformAdmin(actor) || hasRole(actor, COMPANY_ROLES);
}
