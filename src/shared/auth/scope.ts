import { type ExpressionBuilder, type StringReference, sql } from "kysely";
import { type Actor, isPlatformAdmin, organisationsWithRole, type Role } from "./actor.ts";

/**
 * Which organisations' data a query may touch. Every repository function that reads or writes tenant data
 * takes a `DataScope` and applies it with `inScope`, so a partner sees its own organisation's data only.
 * Built only by `scopeFor`, which denies by default: no matching role gives an empty scope (no rows).
 */
export type DataScope =
  | { readonly kind: "all" }
  | { readonly kind: "organisations"; readonly organisationIds: readonly string[] };

/** The scope in which `actor` may act with one of `roles`; a platform admin's is everything. */
export function scopeFor(actor: Actor, roles: readonly Role[]): DataScope {
  if (isPlatformAdmin(actor)) return { kind: "all" };
  return { kind: "organisations", organisationIds: organisationsWithRole(actor, roles) };
}

/** Whether a scope contains an organisation. */
export function scopeIncludes(scope: DataScope, organisationId: string | null | undefined): boolean {
  if (scope.kind === "all") return true;
  return organisationId != null && scope.organisationIds.includes(organisationId);
}

/**
 * A where-condition limiting `column` (an organisation id column) to the scope, for Kysely:
 * `.where((eb) => inScope(eb, "offers.organisation_id", scope))`. An empty scope matches nothing.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: StringReference<DB, TB>,
  scope: DataScope,
) {
  if (scope.kind === "all") return sql<boolean>`true`;
  if (scope.organisationIds.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${eb.ref(column)} in (${sql.join(scope.organisationIds)})`;
}
