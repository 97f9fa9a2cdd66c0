import { describe, expect, it } from "vitest";
import { type Actor, ANONYMOUS, type Role } from "#src/shared/auth/actor.ts";
import { staffNavigation } from "./users.navigation.ts";
import { canChangeAccount, canGrantRole, canManageUsers, grantableRoles } from "./users.policy.ts";

const ORG = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";

function user(...memberships: [string, Role][]): Actor {
  return {
    kind: "user",
    userId: "00000000-0000-4000-8000-0000000000aa",
    name: "Test",
    email: "test@example.se",
    memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
  };
}

describe("users policy", () => {
  it("lets the organisation's org-admins and the platform admin manage its users, nobody else", () => {
    expect(canManageUsers(user([ORG, "org-admin"]), ORG)).toBe(true);
    expect(canManageUsers(user([OTHER, "platform-admin"]), ORG)).toBe(true);
    expect(canManageUsers(user([OTHER, "org-admin"]), ORG)).toBe(false);
    for (const role of ["navigator", "advisor", "analyst"] as const) {
      expect(canManageUsers(user([ORG, role]), ORG), role).toBe(false);
    }
    expect(canManageUsers(ANONYMOUS, ORG)).toBe(false);
    expect(
      canManageUsers({ kind: "token", tokenId: "t", name: "x", organisationId: ORG, role: "navigator" }, ORG),
    ).toBe(false);
  });

  it("lets only a platform admin grant platform-admin", () => {
    expect(canGrantRole(user([ORG, "org-admin"]), "platform-admin")).toBe(false);
    expect(canGrantRole(user([ORG, "org-admin"]), "org-admin")).toBe(true);
    expect(canGrantRole(user([ORG, "platform-admin"]), "platform-admin")).toBe(true);
    expect(grantableRoles(user([ORG, "org-admin"]))).not.toContain("platform-admin");
    expect(grantableRoles(user([ORG, "platform-admin"]))).toContain("platform-admin");
  });

  it("lets an org-admin change an account only when they administer all its organisations", () => {
    const admin = user([ORG, "org-admin"]);
    expect(canChangeAccount(admin, { memberships: [{ organisationId: ORG, role: "navigator" }] })).toBe(true);
    expect(
      canChangeAccount(admin, {
        memberships: [
          { organisationId: ORG, role: "navigator" },
          { organisationId: OTHER, role: "advisor" },
        ],
      }),
    ).toBe(false);
    expect(canChangeAccount(admin, { memberships: [{ organisationId: ORG, role: "platform-admin" }] })).toBe(
      false,
    );
    expect(canChangeAccount(admin, { memberships: [] })).toBe(false);
    expect(
      canChangeAccount(user([OTHER, "platform-admin"]), {
        memberships: [{ organisationId: ORG, role: "advisor" }],
      }),
    ).toBe(true);
  });
});

describe("staffNavigation", () => {
  const hrefs = (actor: Actor) => staffNavigation(actor, "sv").map((i) => i.href);

  it("shows nothing to anonymous visitors and API tokens", () => {
    expect(staffNavigation(ANONYMOUS, "sv")).toEqual([]);
    expect(hrefs({ kind: "token", tokenId: "t", name: "x", organisationId: ORG, role: "org-admin" })).toEqual(
      [],
    );
  });

  it("shows each role what it may use", () => {
    expect(hrefs(user([ORG, "navigator"]))).toEqual([
      "/konto",
      "/admin/arenden",
      "/admin/inkorg",
      "/admin/behov",
      "/admin/foretag",
      "/admin/enkater",
      "/admin/traffar",
      "/admin/paket",
      "/admin/insikter",
    ]);
    expect(hrefs(user([ORG, "analyst"]))).toEqual(["/konto", "/admin/insikter"]);
    expect(hrefs(user([ORG, "advisor"]))).toEqual(["/konto", "/admin/erbjudanden", "/admin/inkorg"]);
    expect(hrefs(user([ORG, "org-admin"]))).toEqual([
      "/konto",
      `/admin/organisationer/${ORG}`,
      `/admin/organisationer/${ORG}/anvandare`,
      `/admin/organisationer/${ORG}/api-nycklar`,
      "/admin/erbjudanden",
      "/admin/arenden",
      "/admin/inkorg",
      "/admin/lotsning",
      "/admin/enkater",
      "/admin/traffar",
      "/admin/paket",
      "/admin/insikter",
      "/admin/logg",
    ]);
    expect(hrefs(user([ORG, "platform-admin"]))).toEqual([
      "/konto",
      "/admin/organisationer",
      "/admin/hsds",
      "/admin/erbjudanden",
      "/admin/arenden",
      "/admin/inkorg",
      "/admin/lotsning",
      "/admin/behov",
      "/admin/foretag",
      "/admin/enkater",
      "/admin/traffar",
      "/admin/paket",
      "/admin/insikter",
      "/admin/logg",
    ]);
    expect(hrefs(user([ORG, "org-admin"], [OTHER, "org-admin"]))).toEqual([
      "/konto",
      "/admin/organisationer",
      "/admin/erbjudanden",
      "/admin/arenden",
      "/admin/inkorg",
      "/admin/lotsning",
      "/admin/enkater",
      "/admin/traffar",
      "/admin/paket",
      "/admin/insikter",
      "/admin/logg",
    ]);
  });

  it("labels the links in the interface language", () => {
    expect(staffNavigation(user([ORG, "platform-admin"]), "sv").map((i) => i.label)).toEqual([
      "Mitt konto",
      "Organisationer",
      "HSDS-import och export",
      "Erbjudanden",
      "Ärenden",
      "Inkorg för hänvisningar",
      "Lotsningsregler",
      "Behov",
      "Företag",
      "Enkäter",
      "Träffar",
      "Branschpaket",
      "Behovsbild",
      "Logg",
    ]);
    expect(staffNavigation(user([ORG, "org-admin"]), "en").map((i) => i.label)).toEqual([
      "My account",
      "Organisation",
      "Users",
      "API keys",
      "Offers",
      "Cases",
      "Referral inbox",
      "Routing",
      "Surveys",
      "Meetings",
      "Industry packs",
      "Needs picture",
      "Log",
    ]);
  });
});
