import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "#src/features/auth/passwords.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { changeMyPassword, getMyAccount, PasswordRuleError, updateMyProfile } from "./account.service.ts";

let testDb: TestDb;
let db: TestDb["db"];
let me: UserActor;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const almi = await makeOrganisation(db, "Almi", "business-finance");
  const nora = await makeOrganisation(db, "Nora kommun", "municipality");
  me = await makeUser(db, "jag@almi.example", [
    [almi, "advisor"],
    [almi, "org-admin"],
    [nora, "navigator"],
  ]);
  await db
    .updateTable("users")
    .set({ password_hash: await hashPassword("gammalt-lösenord-1") })
    .where("id", "=", me.userId)
    .execute();
});
afterAll(async () => {
  await testDb?.close();
});

describe("my account", () => {
  it("shows my details and every organisation and role I hold, and nothing to anonymous visitors", async () => {
    const account = await getMyAccount(db, me);
    expect(account).toMatchObject({ email: "jag@almi.example", locale: "sv", status: "active" });
    expect(account.memberships.map((m) => `${m.organisationName}:${m.role}`).sort()).toEqual([
      "Almi:advisor",
      "Almi:org-admin",
      "Nora kommun:navigator",
    ]);
    await expect(getMyAccount(db, { kind: "anonymous" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("changes my name and language, audited with the changed fields", async () => {
    const account = await updateMyProfile(
      db,
      me,
      { name: "Jag Själv", locale: "en" },
      { requestId: "req-acc-1" },
    );
    expect(account).toMatchObject({ name: "Jag Själv", locale: "en" });
    const [entry] = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("request_id", "=", "req-acc-1")
      .execute();
    expect(entry).toMatchObject({ action: "update", record_type: "user", record_id: me.userId });
    expect(entry!.details).toEqual({ fields: ["name", "locale"] });
    await expect(updateMyProfile(db, me, { name: "", locale: "sv" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("changes my password only with the right current one and a good new one", async () => {
    await expect(
      changeMyPassword(db, me, {
        current: "fel",
        next: "ett helt nytt lösenord",
        confirm: "ett helt nytt lösenord",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: expect.stringMatching(/^current:/) });
    const short = await changeMyPassword(db, me, {
      current: "gammalt-lösenord-1",
      next: "kort",
      confirm: "kort",
    }).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(PasswordRuleError);
    expect((short as PasswordRuleError).problem).toBe("too-short");
    await expect(
      changeMyPassword(db, me, {
        current: "gammalt-lösenord-1",
        next: "ett helt nytt lösenord",
        confirm: "något annat",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });

    await changeMyPassword(
      db,
      me,
      { current: "gammalt-lösenord-1", next: "ett helt nytt lösenord", confirm: "ett helt nytt lösenord" },
      { requestId: "req-acc-2" },
    );
    const row = await db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", me.userId)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, "ett helt nytt lösenord")).toBe(true);
    expect(await verifyPassword(row.password_hash, "gammalt-lösenord-1")).toBe(false);
    const [entry] = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("request_id", "=", "req-acc-2")
      .execute();
    expect(entry).toMatchObject({ action: "update", record_type: "user", record_id: me.userId });
    expect(JSON.stringify(entry!.details)).not.toContain("nytt");
  });
});
