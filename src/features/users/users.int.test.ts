import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, resolveApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession, resolveSession } from "#src/features/auth/sessions.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { UserRuleError } from "./users.errors.ts";
import { inviteUser, resendInvitation } from "./users.invitations.service.ts";
import {
  changeMember,
  changeMemberRoles,
  getOrganisationUser,
  listOrganisationUsers,
  removeMember,
  setUserStatus,
} from "./users.service.ts";

const SETTINGS = { publicUrl: "https://lots.example", networkName: "Företagslots Test" };
const META = { ip: "203.0.113.7", userAgent: "vitest", requestId: "req-users-1" };

let testDb: TestDb;
let db: TestDb["db"];
let almi: string;
let nora: string;
let region: string;
let platformAdmin: UserActor;
let almiAdmin: UserActor;
let noraAdmin: UserActor;
let almiNavigator: UserActor;
let almiAdvisor: UserActor;
let almiAnalyst: UserActor;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  almi = await makeOrganisation(db, "Almi", "business-finance");
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  region = await makeOrganisation(db, "Region", "region");
  platformAdmin = await makeUser(db, "samordnare@region.example", [[region, "platform-admin"]]);
  almiAdmin = await makeUser(db, "admin@almi.example", [[almi, "org-admin"]]);
  noraAdmin = await makeUser(db, "admin@nora.example", [[nora, "org-admin"]]);
  almiNavigator = await makeUser(db, "lots@almi.example", [[almi, "navigator"]]);
  almiAdvisor = await makeUser(db, "radgivare@almi.example", [[almi, "advisor"]]);
  almiAnalyst = await makeUser(db, "analytiker@almi.example", [[almi, "analyst"]]);
});
afterAll(async () => {
  await testDb?.close();
});

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toMatchObject({ code });
}

async function auditRows(where: { recordType: string; action?: string; recordId?: string }) {
  let query = db.selectFrom("audit_log").selectAll().where("record_type", "=", where.recordType);
  if (where.action) query = query.where("action", "=", where.action);
  if (where.recordId) query = query.where("record_id", "=", where.recordId);
  return query.orderBy("id").execute();
}

async function tableCounts() {
  const tables = ["users", "memberships", "user_tokens", "mail_outbox", "audit_log"];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(db, t)])));
}

describe("who may manage users", () => {
  it("refuses an org-admin of another organisation (FORBIDDEN), for reading and changing", async () => {
    await expectCode(listOrganisationUsers(db, noraAdmin, almi), "FORBIDDEN");
    await expectCode(
      inviteUser(db, noraAdmin, almi, { email: "x@example.se", role: "navigator" }, SETTINGS),
      "FORBIDDEN",
    );
    await expectCode(changeMemberRoles(db, noraAdmin, almi, almiNavigator.userId, ["advisor"]), "FORBIDDEN");
    await expectCode(removeMember(db, noraAdmin, almi, almiNavigator.userId), "FORBIDDEN");
    await expectCode(setUserStatus(db, noraAdmin, almi, almiNavigator.userId, "deactivated"), "FORBIDDEN");
  });

  it("refuses navigators, advisors and analysts, even in their own organisation", async () => {
    for (const actor of [almiNavigator, almiAdvisor, almiAnalyst]) {
      await expectCode(listOrganisationUsers(db, actor, almi), "FORBIDDEN");
      await expectCode(
        inviteUser(db, actor, almi, { email: "y@example.se", role: "navigator" }, SETTINGS),
        "FORBIDDEN",
      );
      await expectCode(changeMemberRoles(db, actor, almi, almiAdvisor.userId, ["navigator"]), "FORBIDDEN");
    }
    await expectCode(listOrganisationUsers(db, { kind: "anonymous" }, almi), "FORBIDDEN");
  });

  it("does not let an org-admin reach another organisation's member through their own organisation", async () => {
    await expectCode(changeMemberRoles(db, almiAdmin, almi, noraAdmin.userId, ["navigator"]), "NOT_FOUND");
    await expectCode(getOrganisationUser(db, almiAdmin, almi, noraAdmin.userId), "NOT_FOUND");
  });

  it("lets the org-admin and the platform admin list the members with roles and status", async () => {
    const byAdmin = await listOrganisationUsers(db, almiAdmin, almi);
    const byPlatform = await listOrganisationUsers(db, platformAdmin, almi);
    expect(byPlatform).toEqual(byAdmin);
    expect(byAdmin.map((m) => [m.email, m.roles, m.status])).toEqual(
      expect.arrayContaining([
        ["admin@almi.example", ["org-admin"], "active"],
        ["lots@almi.example", ["navigator"], "active"],
      ]),
    );
    expect(byAdmin.some((m) => m.email === "admin@nora.example")).toBe(false);
    await expectCode(
      listOrganisationUsers(db, platformAdmin, "00000000-0000-4000-8000-00000000dead"),
      "NOT_FOUND",
    );
  });

  it("lets an API token with the org-admin role of the organisation manage it", async () => {
    const { token } = await createApiToken(db, CLI_ACTOR, {
      organisationId: almi,
      name: "hr",
      role: "org-admin",
    });
    const actor = await resolveApiToken(db, token);
    expect(actor?.kind).toBe("token");
    await expect(listOrganisationUsers(db, actor!, almi)).resolves.not.toHaveLength(0);
    await expectCode(listOrganisationUsers(db, actor!, nora), "FORBIDDEN");
  });
});

describe("audit of reading and changing personal data", () => {
  it("records a read of the user list with actor, organisation, action, time and request", async () => {
    const before = new Date(Date.now() - 1000);
    await listOrganisationUsers(db, almiAdmin, almi, META);
    const [entry] = (await auditRows({ recordType: "user-list", action: "read" })).filter(
      (r) => r.request_id === META.requestId,
    );
    expect(entry).toMatchObject({
      actor_user_id: almiAdmin.userId,
      actor_label: "admin@almi.example",
      action: "read",
      record_type: "user-list",
      organisation_id: almi,
      ip: META.ip,
      user_agent: "vitest",
    });
    expect(entry!.at.getTime()).toBeGreaterThanOrEqual(before.getTime());
  });
});

describe("invitations", () => {
  it("creates the user, membership, token, mail and audit entries together", async () => {
    const before = await tableCounts();
    const result = await inviteUser(
      db,
      almiAdmin,
      almi,
      { email: "  Ny.Person@Example.se ", role: "advisor", name: "Ny Person" },
      SETTINGS,
      META,
    );
    expect(result).toMatchObject({ created: true, invitationSent: true });
    expect(result.member).toMatchObject({
      email: "ny.person@example.se",
      status: "invited",
      roles: ["advisor"],
    });
    const after = await tableCounts();
    expect(after.users - before.users).toBe(1);
    expect(after.memberships - before.memberships).toBe(1);
    expect(after.user_tokens - before.user_tokens).toBe(1);
    expect(after.mail_outbox - before.mail_outbox).toBe(1);

    const token = await db
      .selectFrom("user_tokens")
      .selectAll()
      .where("user_id", "=", result.member.id)
      .executeTakeFirstOrThrow();
    expect(token).toMatchObject({
      purpose: "invitation",
      created_by_user_id: almiAdmin.userId,
      used_at: null,
    });
    const mail = await db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("to_address", "=", "ny.person@example.se")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toMatch(/https:\/\/lots\.example\/inbjudan\/[A-Za-z0-9_-]{20,}/);
    expect(mail.text_body).toContain("Almi");
    expect(mail.html_body).toContain("/inbjudan/");

    const created = await auditRows({ recordType: "user", action: "create", recordId: result.member.id });
    const membership = await auditRows({
      recordType: "membership",
      action: "create",
      recordId: result.member.id,
    });
    expect(created).toHaveLength(1);
    expect(membership[0]).toMatchObject({
      organisation_id: almi,
      actor_user_id: almiAdmin.userId,
      details: { role: "advisor" },
    });
  });

  it("writes nothing when a step in the middle fails", async () => {
    await sql`create function lots_test_fail() returns trigger language plpgsql as $$
      begin raise exception 'mail outbox unavailable'; end $$`.execute(db);
    await sql`create trigger lots_test_fail before insert on mail_outbox
      for each row execute function lots_test_fail()`.execute(db);
    try {
      const before = await tableCounts();
      await expect(
        inviteUser(db, almiAdmin, almi, { email: "halvvags@example.se", role: "navigator" }, SETTINGS),
      ).rejects.toThrow(/mail outbox unavailable/);
      expect(await tableCounts()).toEqual(before);
      const user = await db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "halvvags@example.se")
        .executeTakeFirst();
      expect(user).toBeUndefined();
    } finally {
      await sql`drop trigger lots_test_fail on mail_outbox`.execute(db);
      await sql`drop function lots_test_fail()`.execute(db);
    }
  });

  it("adds an existing account to another organisation with a notice instead of a new password link", async () => {
    const before = await countRows(db, "user_tokens");
    const result = await inviteUser(
      db,
      noraAdmin,
      nora,
      { email: "lots@almi.example", role: "navigator" },
      SETTINGS,
    );
    expect(result).toMatchObject({ created: false, invitationSent: false });
    expect(await countRows(db, "user_tokens")).toBe(before);
    const mails = await db
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", "lots@almi.example")
      .execute();
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining("Nora kommun")]);
    await expect(
      inviteUser(db, noraAdmin, nora, { email: "lots@almi.example", role: "navigator" }, SETTINGS),
    ).rejects.toMatchObject({ code: "CONFLICT", rule: "already-member" });
  });

  it("lets only a platform admin invite a platform admin", async () => {
    await expect(
      inviteUser(db, almiAdmin, almi, { email: "chef@example.se", role: "platform-admin" }, SETTINGS),
    ).rejects.toMatchObject({ code: "FORBIDDEN", rule: "platform-admin-role" });
    const result = await inviteUser(
      db,
      platformAdmin,
      region,
      { email: "chef@example.se", role: "platform-admin" },
      SETTINGS,
    );
    expect(result.member.roles).toEqual(["platform-admin"]);
  });

  it("refuses bad e-mail addresses", async () => {
    await expectCode(
      inviteUser(db, almiAdmin, almi, { email: "inte-en-adress", role: "navigator" }, SETTINGS),
      "VALIDATION_FAILED",
    );
  });

  it("resends an invitation with a new link, and only to someone still invited", async () => {
    const { member } = await inviteUser(
      db,
      almiAdmin,
      almi,
      { email: "igen@example.se", role: "analyst" },
      SETTINGS,
    );
    const first = await db
      .selectFrom("user_tokens")
      .select("token_hash")
      .where("user_id", "=", member.id)
      .execute();
    await resendInvitation(db, almiAdmin, almi, member.id, SETTINGS);
    const second = await db
      .selectFrom("user_tokens")
      .select("token_hash")
      .where("user_id", "=", member.id)
      .execute();
    expect(second).toHaveLength(1);
    expect(second[0]!.token_hash).not.toBe(first[0]!.token_hash);
    expect(
      await db.selectFrom("mail_outbox").select("id").where("to_address", "=", "igen@example.se").execute(),
    ).toHaveLength(2);
    await expect(resendInvitation(db, almiAdmin, almi, almiNavigator.userId, SETTINGS)).rejects.toMatchObject(
      {
        code: "CONFLICT",
        rule: "not-invited",
      },
    );
  });
});

describe("roles, removal and the last org-admin", () => {
  it("changes a member's roles and audits before and after", async () => {
    const member = await changeMemberRoles(
      db,
      almiAdmin,
      almi,
      almiAdvisor.userId,
      ["navigator", "advisor"],
      META,
    );
    expect(member.roles).toEqual(["navigator", "advisor"]);
    const [entry] = await auditRows({
      recordType: "membership",
      action: "update",
      recordId: almiAdvisor.userId,
    });
    expect(entry).toMatchObject({
      organisation_id: almi,
      details: { before: ["advisor"], after: ["navigator", "advisor"] },
    });
    await expect(
      changeMemberRoles(db, almiAdmin, almi, almiAdvisor.userId, ["platform-admin"]),
    ).rejects.toMatchObject({ code: "FORBIDDEN", rule: "platform-admin-role" });
  });

  it("refuses to take the organisation's last org-admin away, however it is tried", async () => {
    const lastAdmin = (error: unknown) =>
      error instanceof UserRuleError && error.code === "CONFLICT" && error.rule === "last-org-admin";
    const attempts = [
      () => changeMemberRoles(db, almiAdmin, almi, almiAdmin.userId, ["navigator"]),
      () => removeMember(db, almiAdmin, almi, almiAdmin.userId),
      () => changeMember(db, platformAdmin, almi, almiAdmin.userId, { status: "deactivated" }),
    ];
    for (const attempt of attempts) {
      const error = await attempt().catch((e: unknown) => e);
      expect(lastAdmin(error), String(error)).toBe(true);
    }
    expect((await getOrganisationUser(db, platformAdmin, almi, almiAdmin.userId)).roles).toEqual([
      "org-admin",
    ]);

    // With a second org-admin, the first may step down.
    await changeMemberRoles(db, almiAdmin, almi, almiNavigator.userId, ["org-admin", "navigator"]);
    await changeMemberRoles(db, almiAdmin, almi, almiAdmin.userId, ["navigator"]);
    expect((await getOrganisationUser(db, platformAdmin, almi, almiAdmin.userId)).roles).toEqual([
      "navigator",
    ]);
    await changeMemberRoles(db, platformAdmin, almi, almiAdmin.userId, ["org-admin"]);
  });

  it("removes a membership but keeps the account, audited as a delete", async () => {
    const { member } = await inviteUser(
      db,
      almiAdmin,
      almi,
      { email: "tillfallig@example.se", role: "navigator" },
      SETTINGS,
    );
    await removeMember(db, almiAdmin, almi, member.id, META);
    await expectCode(getOrganisationUser(db, almiAdmin, almi, member.id), "NOT_FOUND");
    expect(
      await db.selectFrom("users").select("id").where("id", "=", member.id).executeTakeFirst(),
    ).toBeDefined();
    expect(await auditRows({ recordType: "membership", action: "delete", recordId: member.id })).toHaveLength(
      1,
    );
  });
});

describe("deactivation", () => {
  it("ends every session of the user at once, and can be undone", async () => {
    const target = await makeUser(db, "slutar@almi.example", [[almi, "advisor"]]);
    const sessions = [
      await createSession(db, { userId: target.userId }),
      await createSession(db, { userId: target.userId }),
    ];
    expect(await resolveSession(db, sessions[0]!.sessionId)).toBeDefined();

    const member = await setUserStatus(db, almiAdmin, almi, target.userId, "deactivated", META);
    expect(member.status).toBe("deactivated");
    const left = await db
      .selectFrom("sessions")
      .select("id_hash")
      .where("user_id", "=", target.userId)
      .execute();
    expect(left).toEqual([]);
    for (const s of sessions) expect(await resolveSession(db, s.sessionId)).toBeUndefined();
    const [entry] = await auditRows({ recordType: "user", action: "update", recordId: target.userId });
    expect(entry).toMatchObject({
      actor_user_id: almiAdmin.userId,
      details: { status: { before: "active", after: "deactivated" } },
    });

    expect((await setUserStatus(db, almiAdmin, almi, target.userId, "active")).status).toBe("active");
  });

  it("refuses deactivating one's own account, and accounts shared with organisations one does not administer", async () => {
    await changeMemberRoles(db, almiAdmin, almi, almiNavigator.userId, ["org-admin", "navigator"]);
    await expect(setUserStatus(db, almiAdmin, almi, almiAdmin.userId, "deactivated")).rejects.toMatchObject({
      code: "CONFLICT",
      rule: "own-account",
    });
    // lots@almi.example is also a navigator at Nora since the invitation test.
    await expect(
      setUserStatus(db, almiAdmin, almi, almiNavigator.userId, "deactivated"),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      rule: "other-organisations",
    });
  });
});
