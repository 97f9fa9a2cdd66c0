import { parse } from "csv-parse/sync";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { type Actor, ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { auditContext, CLI_ACTOR, exportAuditCsv, listAuditEntries, recordAudit } from "./audit.service.ts";

let testDb: TestDb;
let orgA: string;
let orgB: string;
let adminA: UserActor;
let platformAdmin: UserActor;

async function createUser(email: string, memberships: UserActor["memberships"]): Promise<UserActor> {
  const row = await testDb.db
    .insertInto("users")
    .values({ email, name: email, status: "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { kind: "user", userId: row.id, name: email, email, memberships };
}

async function expectCode(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

const none = { ip: undefined, userAgent: undefined, requestId: undefined };

beforeAll(async () => {
  testDb = await createTestDb();
  orgA = (await createOrganisation(testDb.db, { slug: "org-a", name: "Org A", type: "other" })).id;
  orgB = (await createOrganisation(testDb.db, { slug: "org-b", name: "Org B", type: "other" })).id;
  adminA = await createUser("admin-a@example.org", [
    { organisationId: orgA, role: "org-admin" },
    { organisationId: orgB, role: "navigator" },
  ]);
  platformAdmin = await createUser("platform@example.org", [
    { organisationId: orgB, role: "platform-admin" },
  ]);

  // A fixed history: one entry about each organisation and one about none, at known Stockholm times.
  const history: [string, string | null, string, string][] = [
    ["2026-03-01T12:00:00Z", orgA, "read", "user"],
    ["2026-03-02T22:30:00Z", orgB, "update", "membership"], // 23:30 on 2 March in Stockholm
    ["2026-03-02T23:30:00Z", orgA, "login", "user"], // 00:30 on 3 March in Stockholm
    ["2026-03-04T08:00:00Z", null, "login-failed", "user"],
  ];
  for (const [at, organisationId, action, recordType] of history) {
    const id = await recordAudit(testDb.db, {
      actor: adminA,
      action,
      recordType,
      recordId: `r-${at}`,
      organisationId,
    });
    await testDb.db
      .updateTable("audit_log")
      .set({ at: new Date(at) })
      .where("id", "=", id)
      .execute();
  }
});
afterAll(async () => {
  await testDb?.close();
});

describe("recordAudit", () => {
  it("writes who, what, which record, which organisation, when and from where", async () => {
    const before = Date.now();
    const id = await recordAudit(testDb.db, {
      actor: platformAdmin,
      action: "read",
      recordType: "user",
      recordId: adminA.userId,
      organisationId: orgA,
      ip: "192.0.2.10",
      userAgent: "Firefox",
      requestId: "req-42",
      details: { fields: ["email"] },
    });
    const row = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      actor_user_id: platformAdmin.userId,
      actor_api_token_id: null,
      actor_label: "platform@example.org",
      action: "read",
      record_type: "user",
      record_id: adminA.userId,
      organisation_id: orgA,
      ip: "192.0.2.10",
      user_agent: "Firefox",
      request_id: "req-42",
      details: { fields: ["email"] },
    });
    expect(Math.abs(row.at.getTime() - before)).toBeLessThan(60_000);
  });

  it("labels tokens, the CLI and anonymous callers", async () => {
    const token = await testDb.db
      .insertInto("api_tokens")
      .values({
        organisation_id: orgA,
        name: "Export",
        role: "analyst",
        token_prefix: "abcdefgh",
        token_hash: "h1",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const actors = [
      { kind: "token", tokenId: token.id, name: "Export", organisationId: orgA, role: "analyst" },
      CLI_ACTOR,
      ANONYMOUS,
    ] as const;
    const rows = [];
    for (const actor of actors) {
      const id = await recordAudit(testDb.db, {
        actor,
        action: "create",
        recordType: "api-token",
        organisationId: orgB,
      });
      rows.push(
        await testDb.db.selectFrom("audit_log").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
      );
    }
    expect(rows.map((r) => r.actor_label)).toEqual(["token:Export", "cli", "anonymous"]);
    expect(rows.map((r) => r.actor_api_token_id)).toEqual([token.id, null, null]);
    expect(rows.every((r) => r.actor_user_id === null)).toBe(true);
  });

  it("refuses secrets and bodies in details, and actions that are not words", async () => {
    const base = { actor: adminA, action: "update", recordType: "user" } as const;
    await expect(recordAudit(testDb.db, { ...base, details: { password: "x" } })).rejects.toThrow(/secrets/);
    await expect(
      recordAudit(testDb.db, { ...base, details: { change: { newPasswordHash: "x" } } }),
    ).rejects.toThrow();
    await expect(recordAudit(testDb.db, { ...base, details: { body: "{}" } })).rejects.toThrow();
    await expect(recordAudit(testDb.db, { ...base, details: { big: "x".repeat(5000) } })).rejects.toThrow(
      /large/,
    );
    await expect(recordAudit(testDb.db, { ...base, action: "DROP TABLE" })).rejects.toThrow();
  });
});

describe("listAuditEntries", () => {
  it("shows the platform admin everything and an org admin only their organisations' entries", async () => {
    const all = await listAuditEntries(testDb.db, platformAdmin, { from: "2026-03-01", to: "2026-03-31" });
    expect(all.total).toBe(4);
    const own = await listAuditEntries(testDb.db, adminA, { from: "2026-03-01", to: "2026-03-31" });
    // adminA is only a navigator in org B: org B's entry and the organisation-less one stay hidden.
    expect(own.total).toBe(2);
    expect(own.items.every((e) => e.organisationId === orgA)).toBe(true);
    expect(own.items[0]?.organisationName).toBe("Org A");
    await expectCode(listAuditEntries(testDb.db, adminA, { organisationId: orgB }), "FORBIDDEN");
  });

  it("refuses everybody else", async () => {
    const others: Actor[] = [
      ANONYMOUS,
      { ...adminA, memberships: [{ organisationId: orgA, role: "navigator" }] },
      { ...adminA, memberships: [{ organisationId: orgA, role: "analyst" }] },
      { ...adminA, memberships: [{ organisationId: orgA, role: "advisor" }] },
      { kind: "token", tokenId: "t", name: "t", organisationId: orgA, role: "analyst" },
    ];
    for (const actor of others) {
      await expectCode(listAuditEntries(testDb.db, actor, {}), "FORBIDDEN");
      await expectCode(exportAuditCsv(testDb.db, { actor, ...none }, {}, "sv"), "FORBIDDEN");
    }
  });

  it("filters by Stockholm days, action, record type and part of the actor, newest first, with paging", async () => {
    const day = await listAuditEntries(testDb.db, platformAdmin, { from: "2026-03-03", to: "2026-03-03" });
    expect(day.items.map((e) => e.action)).toEqual(["login"]);
    const twoDays = await listAuditEntries(testDb.db, platformAdmin, {
      from: "2026-03-02",
      to: "2026-03-03",
    });
    expect(twoDays.items.map((e) => e.action)).toEqual(["login", "update"]);
    expect((await listAuditEntries(testDb.db, platformAdmin, { action: "login-failed" })).total).toBe(1);
    expect((await listAuditEntries(testDb.db, platformAdmin, { recordType: "membership" })).total).toBe(1);
    expect(
      (await listAuditEntries(testDb.db, platformAdmin, { actorLabel: "ADMIN-A", to: "2026-03-31" })).total,
    ).toBe(4);
    // % and _ are matched literally.
    expect((await listAuditEntries(testDb.db, platformAdmin, { actorLabel: "%" })).total).toBe(0);
    const page2 = await listAuditEntries(testDb.db, platformAdmin, {
      to: "2026-03-31",
      pageSize: 3,
      page: 2,
    });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((e) => e.action)).toEqual(["read"]);
    await expectCode(listAuditEntries(testDb.db, platformAdmin, { from: "2026-13-01" }), "VALIDATION_FAILED");
  });
});

describe("exportAuditCsv", () => {
  it("exports the actor's scope with the filters and records the export", async () => {
    const { csv, rows, filename } = await exportAuditCsv(
      testDb.db,
      { actor: adminA, ip: "192.0.2.99", userAgent: "Excel", requestId: "req-csv" },
      { from: "2026-03-01", to: "2026-03-31" },
      "sv",
    );
    expect(rows).toBe(2);
    expect(filename).toMatch(/^lots-logg-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed: string[][] = parse(csv, { bom: true });
    expect(parsed.slice(1).map((r) => r[3])).toEqual(["login", "read"]);
    expect(parsed.slice(1).every((r) => r[6] === "Org A")).toBe(true);

    const exports = await listAuditEntries(testDb.db, adminA, { action: "export" });
    expect(exports.items).toHaveLength(1);
    expect(exports.items[0]).toMatchObject({
      actorLabel: "admin-a@example.org",
      recordType: "audit-log",
      organisationId: orgA,
      ip: "192.0.2.99",
      requestId: "req-csv",
      details: { filters: { from: "2026-03-01", to: "2026-03-31" }, rows: 2 },
    });
  });
});

describe("auditContext", () => {
  it("takes the actor, user agent and request id, and the socket address when there is a socket", async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set("actor", adminA);
      c.set("requestId", "req-ctx");
      await next();
    });
    app.get("/", (c) => c.json(auditContext(c)));
    const withoutSocket = await (await app.request("/", { headers: { "user-agent": "UA" } })).json();
    expect(withoutSocket).toEqual({ actor: adminA, userAgent: "UA", requestId: "req-ctx" });
    const withSocket = (await (
      await app.request(
        "/",
        {},
        { incoming: { socket: { remoteAddress: "198.51.100.4", remoteFamily: "IPv4" } } },
      )
    ).json()) as { ip?: string };
    expect(withSocket.ip).toBe("198.51.100.4");
  });
});
