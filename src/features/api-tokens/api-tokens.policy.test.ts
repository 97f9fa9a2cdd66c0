import { describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { type Actor, ANONYMOUS } from "#src/shared/auth/actor.ts";
import { canCreateApiTokens, canManageApiTokens, grantableApiTokenRoles } from "./api-tokens.policy.ts";

const ORG = "org-1";
const OTHER = "org-2";
const user = (
  role: "platform-admin" | "org-admin" | "navigator" | "advisor" | "analyst",
  organisationId = ORG,
): Actor => ({
  kind: "user",
  userId: "u",
  name: "U",
  email: "u@example.org",
  memberships: [{ organisationId, role }],
});

describe("API token policy", () => {
  it("lets the organisation's org admins, platform admins and the CLI manage its tokens, nobody else", () => {
    const table: [string, Actor | typeof CLI_ACTOR, boolean][] = [
      ["anonymous", ANONYMOUS, false],
      ["org admin", user("org-admin"), true],
      ["org admin elsewhere", user("org-admin", OTHER), false],
      ["platform admin (any membership)", user("platform-admin", OTHER), true],
      ["navigator", user("navigator"), false],
      ["advisor", user("advisor"), false],
      ["analyst", user("analyst"), false],
      ["CLI", CLI_ACTOR, true],
    ];
    for (const [who, actor, expected] of table) {
      expect(canManageApiTokens(actor, ORG), who).toBe(expected);
      expect(canCreateApiTokens(actor, ORG), who).toBe(expected);
    }
  });

  it("lets a token list and revoke but never create tokens", () => {
    const token: Actor = { kind: "token", tokenId: "t", name: "t", organisationId: ORG, role: "org-admin" };
    expect(canManageApiTokens(token, ORG)).toBe(true);
    expect(canCreateApiTokens(token, ORG)).toBe(false);
    expect(canManageApiTokens(token, OTHER)).toBe(false);
  });

  it("grants platform-admin only to platform admins and the CLI", () => {
    expect(grantableApiTokenRoles(user("org-admin"))).not.toContain("platform-admin");
    expect(grantableApiTokenRoles(user("org-admin"))).toEqual([
      "org-admin",
      "navigator",
      "advisor",
      "analyst",
    ]);
    expect(grantableApiTokenRoles(user("platform-admin"))).toContain("platform-admin");
    expect(grantableApiTokenRoles(CLI_ACTOR)).toContain("platform-admin");
  });
});
