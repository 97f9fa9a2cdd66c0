import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import type { Selectable } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditLogTable } from "#src/db/schema.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { createUserWithRole, csrfFieldFrom, form, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// Issue 3, must-show 5: reading and changing personal data through the app's pages and API leaves audit
// entries saying who (user id and label, or API token), which record, what, when and from where. The real
// app is served over a real socket on 127.0.0.1 (a random free port), so the entries carry the client's
// address as they would in production; in-process `app.request()` has no socket and hence no address.
// Every response carries its x-request-id, which ties each request to exactly the entries it wrote.

const USER_AGENT = "LotsAuditTest/1.0 (+integration)";
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;

type AuditRow = Selectable<AuditLogTable>;
type Client = { request(path: string, init?: RequestInit): Promise<Response> };

let testDb: TestDb;
let server: ServerType;
let http: Client;
let almi: string;
let nora: string;
let platformAdmin: UserActor;
let almiAdmin: UserActor;
let almiNavigator: UserActor;
let noraAdvisor: UserActor;
let adminSession: SignedIn;
let platformSession: SignedIn;

beforeAll(async () => {
  testDb = await createTestDb();
  const app = createTestApp(testDb);
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A browser-like client: a fixed user agent, redirects not followed (the tests look at the 303s).
  http = {
    request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has("user-agent")) headers.set("user-agent", USER_AGENT);
      return fetch(`${base}${path}`, { ...init, headers, redirect: "manual" });
    },
  };
  const region = await makeOrganisation(testDb.db, "Region Örebro län", "region");
  almi = await makeOrganisation(testDb.db, "Almi Mälardalen", "business-finance");
  nora = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  platformAdmin = await createUserWithRole(testDb.db, region, "platform-admin");
  almiAdmin = await createUserWithRole(testDb.db, almi, "org-admin");
  almiNavigator = await createUserWithRole(testDb.db, almi, "navigator", { name: "Nina Navigator" });
  noraAdvisor = await createUserWithRole(testDb.db, nora, "advisor", { name: "Rådgivare Rut" });
  adminSession = await signIn(http, testDb.db, { email: almiAdmin.email });
  platformSession = await signIn(http, testDb.db, { email: platformAdmin.email });
});
afterAll(async () => {
  if (server) {
    // fetch keeps connections alive; close them so close() need not wait for their timeout.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await testDb?.close();
});

/** A request and the audit entries it wrote (found by the request id it answered with). */
async function audited(
  path: string,
  init: RequestInit = {},
): Promise<{ response: Response; body: string; entries: AuditRow[]; requestId: string; started: Date }> {
  const started = new Date();
  const response = await http.request(path, init);
  // Read to the end: the handler has then finished, and with it every entry it writes.
  const body = await response.text();
  const requestId = response.headers.get("x-request-id");
  if (!requestId) throw new Error(`${path} answered without an x-request-id`);
  const entries = await testDb.db
    .selectFrom("audit_log")
    .selectAll()
    .where("request_id", "=", requestId)
    .orderBy("id")
    .execute();
  return { response, body, entries, requestId, started };
}

function get(path: string, session: SignedIn) {
  return audited(path, { headers: { cookie: session.cookie } });
}

function postForm(path: string, session: SignedIn, fields: Record<string, string>) {
  return audited(path, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form({ ...fields, _csrf: session.csrfToken }),
  });
}

/** Who, what, which record, when and from where: the facts every entry must carry. */
function expectEntry(
  entry: AuditRow | undefined,
  request: { requestId: string; started: Date },
  expected: {
    actor: UserActor;
    action: string;
    recordType: string;
    recordId: string | null;
    organisationId: string | null;
  },
): void {
  expect(entry, `an audit entry for ${expected.action} ${expected.recordType}`).toBeDefined();
  expect(entry).toMatchObject({
    actor_user_id: expected.actor.userId,
    actor_api_token_id: null,
    actor_label: expected.actor.email,
    action: expected.action,
    record_type: expected.recordType,
    record_id: expected.recordId,
    organisation_id: expected.organisationId,
    user_agent: USER_AGENT,
    request_id: request.requestId,
  });
  expect(entry!.ip).toMatch(LOOPBACK);
  expect(entry!.at).toBeInstanceOf(Date);
  // The database's clock and this process's are the same machine's; a second of slack each way.
  expect(entry!.at.getTime()).toBeGreaterThanOrEqual(request.started.getTime() - 1_000);
  expect(entry!.at.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
}

describe("reading personal data leaves audit entries", () => {
  it("an org-admin opening their organisation's user list and one member's page", async () => {
    const list = await get(`/admin/organisationer/${almi}/anvandare`, adminSession);
    expect(list.response.status).toBe(200);
    expect(list.entries).toHaveLength(1);
    expectEntry(list.entries[0], list, {
      actor: almiAdmin,
      action: "read",
      recordType: "user-list",
      recordId: null,
      organisationId: almi,
    });
    expect(list.entries[0]!.details).toEqual({ count: 2 });

    const member = await get(`/admin/organisationer/${almi}/anvandare/${almiNavigator.userId}`, adminSession);
    expect(member.response.status).toBe(200);
    expect(member.entries).toHaveLength(1);
    expectEntry(member.entries[0], member, {
      actor: almiAdmin,
      action: "read",
      recordType: "user",
      recordId: almiNavigator.userId,
      organisationId: almi,
    });
  });

  it("a refused read of another organisation's users reads nothing and records no read", async () => {
    const refused = await get(`/admin/organisationer/${nora}/anvandare`, adminSession);
    expect(refused.response.status).toBe(403);
    expect(refused.entries.filter((e) => e.action === "read")).toEqual([]);
  });

  it("the platform admin reading another organisation's users, on the page and through the API", async () => {
    const page = await get(`/admin/organisationer/${nora}/anvandare`, platformSession);
    expect(page.response.status).toBe(200);
    expect(page.entries).toHaveLength(1);
    expectEntry(page.entries[0], page, {
      actor: platformAdmin,
      action: "read",
      recordType: "user-list",
      recordId: null,
      organisationId: nora,
    });

    const api = await get(`/api/v1/organisations/${nora}/users`, platformSession);
    expect(api.response.status).toBe(200);
    expect(api.entries).toHaveLength(1);
    expectEntry(api.entries[0], api, {
      actor: platformAdmin,
      action: "read",
      recordType: "user-list",
      recordId: null,
      organisationId: nora,
    });
  });

  it("an API token reading the users, recorded as the token", async () => {
    const { token, record } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: almi,
      name: "personalsystem",
      role: "org-admin",
    });
    const read = await audited(`/api/v1/organisations/${almi}/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(read.response.status).toBe(200);
    expect(read.entries).toHaveLength(1);
    expect(read.entries[0]).toMatchObject({
      actor_user_id: null,
      actor_api_token_id: record.id,
      actor_label: "token:personalsystem",
      action: "read",
      record_type: "user-list",
      organisation_id: almi,
      user_agent: USER_AGENT,
      request_id: read.requestId,
    });
    expect(read.entries[0]!.ip).toMatch(LOOPBACK);
  });
});

describe("changing personal data leaves audit entries", () => {
  let invitedId: string;

  it("inviting someone creates the account and the membership, both audited", async () => {
    const invite = await postForm(`/admin/organisationer/${almi}/anvandare`, adminSession, {
      email: "ny.person@almi.test",
      name: "Ny Person",
      role: "advisor",
    });
    expect(invite.response.status).toBe(303);
    const user = await testDb.db
      .selectFrom("users")
      .select(["id", "status"])
      .where("email", "=", "ny.person@almi.test")
      .executeTakeFirstOrThrow();
    expect(user.status).toBe("invited");
    invitedId = user.id;
    expect(invite.entries.map((e) => `${e.action} ${e.record_type}`)).toEqual([
      "create user",
      "create membership",
    ]);
    const common = { actor: almiAdmin, action: "create", recordId: invitedId, organisationId: almi };
    expectEntry(invite.entries[0], invite, { ...common, recordType: "user" });
    expectEntry(invite.entries[1], invite, { ...common, recordType: "membership" });
    expect(invite.entries[1]!.details).toEqual({ role: "advisor" });
  });

  it("changing a member's role records the roles before and after", async () => {
    const change = await postForm(
      `/admin/organisationer/${almi}/anvandare/${almiNavigator.userId}/roller`,
      adminSession,
      { roles: "advisor" },
    );
    expect(change.response.status).toBe(303);
    const updates = change.entries.filter((e) => e.action === "update");
    expect(updates).toHaveLength(1);
    expectEntry(updates[0], change, {
      actor: almiAdmin,
      action: "update",
      recordType: "membership",
      recordId: almiNavigator.userId,
      organisationId: almi,
    });
    expect(updates[0]!.details).toEqual({ before: ["navigator"], after: ["advisor"] });
  });

  it("deactivating an account records the status before and after", async () => {
    const deactivate = await postForm(
      `/admin/organisationer/${almi}/anvandare/${almiNavigator.userId}/inaktivera`,
      adminSession,
      {},
    );
    expect(deactivate.response.status).toBe(303);
    const status = await testDb.db
      .selectFrom("users")
      .select("status")
      .where("id", "=", almiNavigator.userId)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("deactivated");
    expect(deactivate.entries).toHaveLength(1);
    expectEntry(deactivate.entries[0], deactivate, {
      actor: almiAdmin,
      action: "update",
      recordType: "user",
      recordId: almiNavigator.userId,
      organisationId: almi,
    });
    expect(deactivate.entries[0]!.details).toEqual({ status: { before: "active", after: "deactivated" } });
  });

  it("changing one's own name on /konto records which fields changed, never their values", async () => {
    const session = await signIn(http, testDb.db, { email: noraAdvisor.email });
    const page = await http.request("/konto", { headers: { cookie: session.cookie } });
    expect(page.status).toBe(200);
    const rename = await audited("/konto", {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ name: "Rut Rådgivare", locale: "sv", _csrf: csrfFieldFrom(await page.text()) }),
    });
    expect(rename.response.status).toBe(303);
    expect(rename.entries).toHaveLength(1);
    expectEntry(rename.entries[0], rename, {
      actor: noraAdvisor,
      action: "update",
      recordType: "user",
      recordId: noraAdvisor.userId,
      organisationId: null,
    });
    expect(rename.entries[0]!.details).toEqual({ fields: ["name"] });
    expect(JSON.stringify(rename.entries[0])).not.toContain("Rut Rådgivare");
  });
});

describe("the users API's PATCH", () => {
  it("records a change as an update, and a request that changes nothing as a read of the member it returns", async () => {
    const member = await createUserWithRole(testDb.db, almi, "analyst", { name: "Anna Analytiker" });
    const path = `/api/v1/organisations/${almi}/users/${member.userId}`;
    const patch = (roles: string[]) =>
      audited(path, {
        method: "PATCH",
        headers: { ...adminSession.headers, "content-type": "application/json" },
        body: JSON.stringify({ roles }),
      });

    const changed = await patch(["navigator"]);
    expect(changed.response.status).toBe(200);
    expect(changed.entries).toHaveLength(1);
    expectEntry(changed.entries[0], changed, {
      actor: almiAdmin,
      action: "update",
      recordType: "membership",
      recordId: member.userId,
      organisationId: almi,
    });

    // The answer holds the member's e-mail, name and last sign-in: personal data read, so audited.
    const unchanged = await patch(["navigator"]);
    expect(unchanged.response.status).toBe(200);
    expect(JSON.parse(unchanged.body)).toMatchObject({ email: member.email, name: "Anna Analytiker" });
    expect(unchanged.entries).toHaveLength(1);
    expectEntry(unchanged.entries[0], unchanged, {
      actor: almiAdmin,
      action: "read",
      recordType: "user",
      recordId: member.userId,
      organisationId: almi,
    });
  });
});

describe("the audit log itself", () => {
  it("exporting it is audited, and the org-admin's export holds their organisation's entries only", async () => {
    const exported = await get("/admin/logg.csv", adminSession);
    expect(exported.response.status).toBe(200);
    expect(exported.entries).toHaveLength(1);
    expectEntry(exported.entries[0], exported, {
      actor: almiAdmin,
      action: "export",
      recordType: "audit-log",
      recordId: null,
      organisationId: almi,
    });

    const csv = exported.body;
    const almiEntries = await testDb.db
      .selectFrom("audit_log")
      .select("request_id")
      .where("organisation_id", "=", almi)
      .where("action", "in", ["read", "create", "update"])
      .execute();
    expect(almiEntries.length).toBeGreaterThanOrEqual(6);
    for (const { request_id } of almiEntries) expect(csv).toContain(request_id!);
    const noraReads = await testDb.db
      .selectFrom("audit_log")
      .select("request_id")
      .where("organisation_id", "=", nora)
      .where("action", "=", "read")
      .execute();
    expect(noraReads.length).toBeGreaterThanOrEqual(1);
    for (const { request_id } of noraReads) expect(csv).not.toContain(request_id!);
  });
});
