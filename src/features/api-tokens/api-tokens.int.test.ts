import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR, listAuditEntries } from "#src/features/audit/audit.service.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import type { Actor, UserActor } from "#src/shared/auth/actor.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import {
  createApiToken,
  hashApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from "./api-tokens.service.ts";

let testDb: TestDb;
let orgA: string;
let orgB: string;
let adminA: UserActor;
let adminB: UserActor;
let platformAdmin: UserActor;

async function createUser(email: string, memberships: UserActor["memberships"]): Promise<UserActor> {
  const row = await testDb.db
    .insertInto("users")
    .values({ email, name: email.split("@")[0]!, status: "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { kind: "user", userId: row.id, name: email, email, memberships };
}

async function expectCode(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

beforeAll(async () => {
  testDb = await createTestDb();
  orgA = (await createOrganisation(testDb.db, { slug: "org-a", name: "Org A", type: "other" })).id;
  orgB = (await createOrganisation(testDb.db, { slug: "org-b", name: "Org B", type: "other" })).id;
  adminA = await createUser("admin-a@example.org", [{ organisationId: orgA, role: "org-admin" }]);
  adminB = await createUser("admin-b@example.org", [{ organisationId: orgB, role: "org-admin" }]);
  platformAdmin = await createUser("platform@example.org", [
    { organisationId: orgB, role: "platform-admin" },
  ]);
});
afterAll(async () => {
  await testDb?.close();
});

describe("API token lifecycle", () => {
  it("shows the token once, stores only its hash and prefix, and resolves it to a token actor", async () => {
    const { token, record } = await createApiToken(testDb.db, adminA, {
      organisationId: orgA,
      name: "Statistik",
      role: "analyst",
    });
    expect(token).toMatch(/^lots_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(token.slice(5, 13)).toBe(record.prefix);
    expect(record).toMatchObject({
      organisationId: orgA,
      name: "Statistik",
      role: "analyst",
      status: "active",
    });
    expect(record.createdByUserId).toBe(adminA.userId);
    expect(record).not.toHaveProperty("token");

    const row = await testDb.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", record.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashApiToken(token));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // No column of any token row holds the raw token or its secret part.
    const secret = token.slice(14);
    const dump = JSON.stringify(await testDb.db.selectFrom("api_tokens").selectAll().execute());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(secret);
    const auditDump = JSON.stringify(await testDb.db.selectFrom("audit_log").selectAll().execute());
    expect(auditDump).not.toContain(secret);

    const actor = await resolveApiToken(testDb.db, token);
    expect(actor).toEqual({
      kind: "token",
      tokenId: record.id,
      name: "Statistik",
      organisationId: orgA,
      role: "analyst",
    });

    // Listing never hands out the token either.
    const listed = await listApiTokens(testDb.db, adminA, orgA);
    expect(listed.map((t) => t.id)).toContain(record.id);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it("resolves nothing for malformed, unknown, revoked and expired tokens", async () => {
    const { token, record } = await createApiToken(testDb.db, adminA, {
      organisationId: orgA,
      name: "Kort",
      role: "navigator",
    });
    for (const bad of [
      "",
      "lots_",
      "Bearer x",
      `${token}x`,
      token.replace(/^lots_/, "LOTS_"),
      token.slice(0, -1),
    ]) {
      expect(await resolveApiToken(testDb.db, bad), bad).toBeUndefined();
    }
    // Right shape, never issued.
    const unknown = `lots_abcdefgh_${"A".repeat(43)}`;
    expect(await resolveApiToken(testDb.db, unknown)).toBeUndefined();

    expect(await resolveApiToken(testDb.db, token)).toBeDefined();
    const revoked = await revokeApiToken(testDb.db, adminA, record.id);
    expect(revoked.status).toBe("revoked");
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await resolveApiToken(testDb.db, token)).toBeUndefined();
    // Revoking again changes nothing.
    expect((await revokeApiToken(testDb.db, adminA, record.id)).revokedAt).toEqual(revoked.revokedAt);

    const expiring = await createApiToken(testDb.db, adminA, {
      organisationId: orgA,
      name: "Utgår",
      role: "analyst",
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect(await resolveApiToken(testDb.db, expiring.token)).toBeDefined();
    await testDb.db
      .updateTable("api_tokens")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where("id", "=", expiring.record.id)
      .execute();
    expect(await resolveApiToken(testDb.db, expiring.token)).toBeUndefined();
    const listed = await listApiTokens(testDb.db, adminA, orgA);
    expect(listed.find((t) => t.id === expiring.record.id)?.status).toBe("expired");
  });

  it("notes last use, at most once a minute", async () => {
    const { token, record } = await createApiToken(testDb.db, adminA, {
      organisationId: orgA,
      name: "Använd",
      role: "analyst",
    });
    const lastUsed = async () =>
      (
        await testDb.db
          .selectFrom("api_tokens")
          .select("last_used_at")
          .where("id", "=", record.id)
          .executeTakeFirstOrThrow()
      ).last_used_at;
    expect(await lastUsed()).toBeNull();
    await resolveApiToken(testDb.db, token);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await resolveApiToken(testDb.db, token);
    expect(await lastUsed()).toEqual(first);
    // Two minutes later (moved back in the database), the next use is noted again.
    await testDb.db
      .updateTable("api_tokens")
      .set({ last_used_at: sql<Date>`now() - interval '2 minutes'` })
      .where("id", "=", record.id)
      .execute();
    const old = await lastUsed();
    await resolveApiToken(testDb.db, token);
    expect((await lastUsed())!.getTime()).toBeGreaterThan(old!.getTime() + 60_000);
  });

  it("rejects bad input", async () => {
    await expectCode(
      createApiToken(testDb.db, adminA, { organisationId: orgA, name: "  ", role: "analyst" }),
      "VALIDATION_FAILED",
    );
    await expectCode(
      createApiToken(testDb.db, adminA, { organisationId: orgA, name: "x", role: "boss" as "analyst" }),
      "VALIDATION_FAILED",
    );
    await expectCode(
      createApiToken(testDb.db, adminA, {
        organisationId: orgA,
        name: "x",
        role: "analyst",
        expiresAt: new Date(Date.now() - 1000),
      }),
      "VALIDATION_FAILED",
    );
    await expectCode(
      createApiToken(testDb.db, platformAdmin, {
        organisationId: "00000000-0000-4000-8000-000000000000",
        name: "x",
        role: "analyst",
      }),
      "NOT_FOUND",
    );
    await expectCode(revokeApiToken(testDb.db, adminA, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
    await expectCode(revokeApiToken(testDb.db, adminA, "not-a-uuid"), "NOT_FOUND");
  });
});

describe("who may manage API tokens", () => {
  const others = (): [string, Actor][] => [
    ["anonymous", ANONYMOUS],
    ["org admin of another organisation", adminB],
    [
      "navigator",
      { ...adminA, userId: adminA.userId, memberships: [{ organisationId: orgA, role: "navigator" }] },
    ],
    ["analyst", { ...adminA, memberships: [{ organisationId: orgA, role: "analyst" }] }],
    ["advisor", { ...adminA, memberships: [{ organisationId: orgA, role: "advisor" }] }],
    [
      "org-admin token of another organisation",
      { kind: "token", tokenId: "t", name: "t", organisationId: orgB, role: "org-admin" },
    ],
  ];

  it("refuses everybody but the organisation's admins and platform admins", async () => {
    const { record } = await createApiToken(testDb.db, adminA, {
      organisationId: orgA,
      name: "Skyddad",
      role: "analyst",
    });
    for (const [who, actor] of others()) {
      await expectCode(
        createApiToken(testDb.db, actor, { organisationId: orgA, name: who, role: "analyst" }),
        "FORBIDDEN",
      );
      await expectCode(listApiTokens(testDb.db, actor, orgA), "FORBIDDEN");
      await expectCode(revokeApiToken(testDb.db, actor, record.id), "FORBIDDEN");
    }
    expect((await listApiTokens(testDb.db, adminA, orgA)).find((t) => t.id === record.id)?.status).toBe(
      "active",
    );
  });

  it("lets platform admins manage any organisation's tokens, and grant platform-admin", async () => {
    const { record } = await createApiToken(testDb.db, platformAdmin, {
      organisationId: orgA,
      name: "Plattform",
      role: "platform-admin",
    });
    expect((await listApiTokens(testDb.db, platformAdmin, orgA)).map((t) => t.id)).toContain(record.id);
    expect((await revokeApiToken(testDb.db, platformAdmin, record.id)).status).toBe("revoked");
  });

  it("keeps platform-admin tokens from org admins, and token creation from tokens", async () => {
    await expectCode(
      createApiToken(testDb.db, adminA, { organisationId: orgA, name: "Upphöjd", role: "platform-admin" }),
      "FORBIDDEN",
    );
    const tokenAdmin: Actor = {
      kind: "token",
      tokenId: "t",
      name: "t",
      organisationId: orgA,
      role: "org-admin",
    };
    await expectCode(
      createApiToken(testDb.db, tokenAdmin, { organisationId: orgA, name: "Kedja", role: "analyst" }),
      "FORBIDDEN",
    );
    // An org-admin token may still list (and revoke) its organisation's tokens.
    expect(Array.isArray(await listApiTokens(testDb.db, tokenAdmin, orgA))).toBe(true);
  });

  it("lets the CLI's system actor create any role, audited as cli", async () => {
    const { token, record } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: orgB,
      name: "Drift",
      role: "platform-admin",
    });
    expect(record.createdByUserId).toBeNull();
    expect((await resolveApiToken(testDb.db, token))?.role).toBe("platform-admin");
    const entries = await listAuditEntries(testDb.db, platformAdmin, {
      recordType: "api-token",
      actorLabel: "cli",
    });
    expect(entries.items.map((e) => e.recordId)).toContain(record.id);
  });

  it("writes an audit entry for every creation and revocation, with actor, record, action and time", async () => {
    const before = Date.now();
    const { record } = await createApiToken(
      testDb.db,
      adminB,
      { organisationId: orgB, name: "Granskad", role: "analyst" },
      {
        ip: "192.0.2.7",
        userAgent: "vitest",
        requestId: "req-1",
      },
    );
    await revokeApiToken(testDb.db, adminB, record.id, { organisationId: orgB, origin: { ip: "192.0.2.8" } });
    const rows = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("record_type", "=", "api-token")
      .where("record_id", "=", record.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["create", "revoke"]);
    expect(rows[0]).toMatchObject({
      actor_user_id: adminB.userId,
      actor_label: "admin-b@example.org",
      organisation_id: orgB,
      ip: "192.0.2.7",
      user_agent: "vitest",
      request_id: "req-1",
    });
    expect(rows[0]!.details).toMatchObject({ name: "Granskad", role: "analyst" });
    expect(rows[1]!.ip).toBe("192.0.2.8");
    for (const row of rows) expect(row.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it("answers NOT_FOUND for a token of another organisation when the path names one", async () => {
    const { record } = await createApiToken(testDb.db, platformAdmin, {
      organisationId: orgA,
      name: "Fel väg",
      role: "analyst",
    });
    await expectCode(
      revokeApiToken(testDb.db, platformAdmin, record.id, { organisationId: orgB }),
      "NOT_FOUND",
    );
  });
});
