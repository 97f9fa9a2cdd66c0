import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "#src/features/auth/passwords.ts";
import { DEMO_PASSWORD, listDemoUsers } from "#src/features/users/users.service.ts";
import { ROLES } from "#src/shared/auth/actor.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { seedDemoData } from "./demo.service.ts";
import { DEMO_USERS } from "./demo.users.ts";

let testDb: TestDb;
let firstRun: Awaited<ReturnType<typeof seedDemoData>>;

beforeAll(async () => {
  testDb = await createTestDb();
  expect(await listDemoUsers(testDb.db)).toEqual([]);
  firstRun = await seedDemoData(testDb.db, { now: new Date("2026-11-28T09:00:00Z") });
});
afterAll(async () => {
  await testDb?.close();
});

describe("demo users", () => {
  it("seeds one active demo account per role plus a second navigator and advisor", async () => {
    expect(firstRun.users).toBe(DEMO_USERS.length);
    const users = await listDemoUsers(testDb.db);
    expect(users).toHaveLength(7);
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(users[0]).toMatchObject({ role: "platform-admin", organisationName: "Region Örebro län" });
    expect(users.map((u) => `${u.role} ${u.organisationName}`)).toEqual(
      expect.arrayContaining([
        "org-admin Almi Företagspartner Mälardalen",
        "navigator Nora kommun",
        "advisor Almi Företagspartner Mälardalen",
        "analyst Region Örebro län",
        "navigator Alfred Nobel Science Park",
        "advisor Örebro universitet",
      ]),
    );
    expect(users.every((u) => u.email.endsWith(".example"))).toBe(true);
  });

  it("stores the demo password hashed with argon2id, marked as demo and active", async () => {
    const rows = await testDb.db.selectFrom("users").select(["password_hash", "is_demo", "status"]).execute();
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row).toMatchObject({ is_demo: true, status: "active" });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    }
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it("adds nothing on a second run and tops up a missing account by e-mail", async () => {
    const before = {
      users: await countRows(testDb.db, "users"),
      memberships: await countRows(testDb.db, "memberships"),
    };
    expect((await seedDemoData(testDb.db)).users).toBe(0);
    expect(await countRows(testDb.db, "users")).toBe(before.users);
    expect(await countRows(testDb.db, "memberships")).toBe(before.memberships);

    await testDb.db.deleteFrom("users").where("email", "=", DEMO_USERS[2]!.email).execute();
    expect((await seedDemoData(testDb.db)).users).toBe(1);
    expect(await countRows(testDb.db, "users")).toBe(before.users);
  });

  it("lists only active demo accounts", async () => {
    await testDb.db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where("email", "=", DEMO_USERS[0]!.email)
      .execute();
    expect((await listDemoUsers(testDb.db)).map((u) => u.email)).not.toContain(DEMO_USERS[0]!.email);
  });
});
