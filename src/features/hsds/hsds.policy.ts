import { type Actor, isPlatformAdmin } from "#src/shared/auth/actor.ts";

/**
 * Whether the actor may import and export the whole catalogue as HSDS: only the platform admin, since an
 * import writes every organisation's offers and an export holds every offer's contact persons.
 */
export function canExchangeHsds(actor: Actor): boolean {
  return actor.kind === "user" && isPlatformAdmin(actor);
}
