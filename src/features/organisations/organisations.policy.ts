import { type Actor, hasRole, isPlatformAdmin, membershipsOf } from "#src/shared/auth/actor.ts";

// Who may see and change organisations (aktörer). Pure functions: services call them and throw; pages call
// them to decide which links and fields to show. Deny by default.

/** The organisation fields an org-admin may change in their own organisation: its public profile. */
export const PROFILE_FIELDS = ["descriptionSv", "descriptionEn", "website"] as const;

/** Every field a platform admin may change. */
export const ALL_FIELDS = [
  "name",
  "orgNumber",
  "type",
  "municipalityCodes",
  ...PROFILE_FIELDS,
] as const satisfies readonly string[];

export type OrganisationField = (typeof ALL_FIELDS)[number];

/** Whether the actor sees every organisation (the platform admin) rather than only their own. */
export function canListAllOrganisations(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/** Whether the actor may read an organisation's record: the platform admin, or a member of it. */
export function canViewOrganisation(actor: Actor, organisationId: string): boolean {
  if (isPlatformAdmin(actor)) return true;
  return membershipsOf(actor).some((m) => m.organisationId === organisationId);
}

/** Only the platform admin adds organisations to the network. */
export function canCreateOrganisation(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

/**
 * The fields of an organisation the actor may change: all for the platform admin, the public profile
 * (description, website) for the organisation's own org-admins, none for anyone else.
 */
export function editableOrganisationFields(
  actor: Actor,
  organisationId: string,
): readonly OrganisationField[] {
  if (isPlatformAdmin(actor)) return ALL_FIELDS;
  if (hasRole(actor, ["org-admin"], organisationId)) return PROFILE_FIELDS;
  return [];
}

/** Whether the actor may open an organisation's settings page (and change at least part of it). */
export function canManageOrganisation(actor: Actor, organisationId: string): boolean {
  return editableOrganisationFields(actor, organisationId).length > 0;
}
