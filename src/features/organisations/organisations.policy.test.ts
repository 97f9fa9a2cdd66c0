import { describe, expect, it } from "vitest";
import { type Actor, ANONYMOUS, type Role } from "#src/shared/auth/actor.ts";
import {
  ALL_FIELDS,
  canCreateOrganisation,
  canListAllOrganisations,
  canManageOrganisation,
  canViewOrganisation,
  editableOrganisationFields,
  PROFILE_FIELDS,
} from "./organisations.policy.ts";

const ORG = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

function user(organisationId: string, role: Role): Actor {
  return {
    kind: "user",
    userId: "u",
    name: "U",
    email: "u@example.se",
    memberships: [{ organisationId, role }],
  };
}

describe("organisations policy", () => {
  it("gives the platform admin every organisation and every field", () => {
    const admin = user(OTHER, "platform-admin");
    expect(canListAllOrganisations(admin)).toBe(true);
    expect(canCreateOrganisation(admin)).toBe(true);
    expect(canViewOrganisation(admin, ORG)).toBe(true);
    expect(editableOrganisationFields(admin, ORG)).toEqual(ALL_FIELDS);
  });

  it("gives an org-admin their own organisation's profile only", () => {
    const admin = user(ORG, "org-admin");
    expect(canCreateOrganisation(admin)).toBe(false);
    expect(canListAllOrganisations(admin)).toBe(false);
    expect(editableOrganisationFields(admin, ORG)).toEqual(PROFILE_FIELDS);
    expect(editableOrganisationFields(admin, OTHER)).toEqual([]);
    expect(canViewOrganisation(admin, OTHER)).toBe(false);
  });

  it("lets other members see but not manage their organisation, and strangers nothing", () => {
    for (const role of ["navigator", "advisor", "analyst"] as const) {
      const member = user(ORG, role);
      expect(canViewOrganisation(member, ORG), role).toBe(true);
      expect(canManageOrganisation(member, ORG), role).toBe(false);
      expect(canViewOrganisation(member, OTHER), role).toBe(false);
    }
    expect(canViewOrganisation(ANONYMOUS, ORG)).toBe(false);
    expect(canCreateOrganisation(ANONYMOUS)).toBe(false);
  });
});
