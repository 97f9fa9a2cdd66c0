import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { createUserWithRole } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { emitWebhookEvent } from "./webhooks.service.ts";

// /api/v1/organisations/{id}/webhooks over HTTP: the secret is in the create answer only, lists never show it,
// another organisation's admin neither lists nor deletes A's webhooks, the delivery log, problem documents.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgA: string;
let orgB: string;

type Headers = Record<string, string>;

async function token(organisationId: string, role: Role): Promise<Headers> {
  const created = await createApiToken(testDb.db, CLI_ACTOR, { organisationId, name: `test ${role}`, role });
  return { authorization: `Bearer ${created.token}` };
}

async function session(organisationId: string, role: Role): Promise<Headers> {
  const { userId } = await createUserWithRole(testDb.db, organisationId, role);
  const created = await createSession(testDb.db, { userId });
  return { cookie: `lots_session=${created.sessionId}`, "x-csrf-token": created.csrfToken };
}

async function call(method: string, path: string, headers: Headers, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, json, text, headers: response.headers };
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgA = await makeOrganisation(testDb.db, "Almi Mälardalen", "business-finance");
  orgB = await makeOrganisation(testDb.db, "Region Örebro län", "region");
});
afterAll(async () => {
  await testDb?.close();
});

describe("/api/v1/organisations/{id}/webhooks", () => {
  it("shows the secret once, on create; the list never has it", async () => {
    const adminA = await session(orgA, "org-admin");
    const created = await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminA, {
      url: "https://crm.almi.example/lots?key=abc",
      events: ["referral.sent", "referral.accepted"],
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(["id", "secret"]);
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.headers.get("cache-control")).toBe("no-store");

    for (const caller of [adminA, await token(orgA, "org-admin")]) {
      const list = await call("GET", `/api/v1/organisations/${orgA}/webhooks`, caller);
      expect(list.status).toBe(200);
      expect(list.json.items).toEqual([
        {
          id: created.json.id,
          url: "https://crm.almi.example/lots?key=abc",
          events: ["referral.sent", "referral.accepted"],
          isActive: true,
          createdAt: expect.any(String),
        },
      ]);
      expect(list.text).not.toContain(created.json.secret);
      expect(list.text).not.toContain("secret");
    }
  });

  it("refuses B's admin A's webhooks (403 to list, create and read; 404 through B's own path)", async () => {
    const adminA = await token(orgA, "org-admin");
    const created = await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminA, {
      url: "https://crm.almi.example/hook",
    });
    expect(created.status).toBe(201);
    const webhookId = created.json.id;
    for (const adminB of [await token(orgB, "org-admin"), await session(orgB, "org-admin")]) {
      const list = await call("GET", `/api/v1/organisations/${orgA}/webhooks`, adminB);
      expect(list.status).toBe(403);
      expect(list.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(list.text).not.toContain("crm.almi.example");
      expect(
        (
          await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminB, {
            url: "https://evil.example/",
          })
        ).status,
      ).toBe(403);
      expect(
        (await call("DELETE", `/api/v1/organisations/${orgA}/webhooks/${webhookId}`, adminB)).status,
      ).toBe(403);
      expect(
        (await call("GET", `/api/v1/organisations/${orgA}/webhooks/${webhookId}/deliveries`, adminB)).status,
      ).toBe(403);
      expect(
        (await call("DELETE", `/api/v1/organisations/${orgB}/webhooks/${webhookId}`, adminB)).status,
      ).toBe(404);
      expect(
        (await call("GET", `/api/v1/organisations/${orgB}/webhooks/${webhookId}/deliveries`, adminB)).status,
      ).toBe(404);
    }
    // Advisors and navigators of A do not manage its webhooks either; anonymous callers are 401.
    expect(
      (await call("GET", `/api/v1/organisations/${orgA}/webhooks`, await token(orgA, "advisor"))).status,
    ).toBe(403);
    expect(
      (await call("GET", `/api/v1/organisations/${orgA}/webhooks`, await session(orgA, "navigator"))).status,
    ).toBe(403);
    expect((await call("GET", `/api/v1/organisations/${orgA}/webhooks`, {})).status).toBe(401);
    const still = await testDb.db.selectFrom("webhooks").select("id").where("id", "=", webhookId).execute();
    expect(still).toHaveLength(1);
  });

  it("lists a webhook's deliveries and deletes it (204)", async () => {
    const adminA = await token(orgA, "org-admin");
    const created = await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminA, {
      url: "https://crm.almi.example/deliveries",
      events: ["referral.closed"],
    });
    const webhookId = created.json.id;
    const eventId = await emitWebhookEvent(testDb.db, orgA, "referral.closed", { referral: { id: "r1" } });
    const deliveries = await call(
      "GET",
      `/api/v1/organisations/${orgA}/webhooks/${webhookId}/deliveries`,
      adminA,
    );
    expect(deliveries.status).toBe(200);
    expect(deliveries.json.items).toHaveLength(1);
    expect(deliveries.json.items[0]).toMatchObject({
      eventId,
      eventType: "referral.closed",
      status: "pending",
      attempts: 0,
      deliveredAt: null,
      payload: {
        id: eventId,
        type: "referral.closed",
        organisationId: orgA,
        data: { referral: { id: "r1" } },
      },
    });

    const deleted = await call("DELETE", `/api/v1/organisations/${orgA}/webhooks/${webhookId}`, adminA);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    const list = await call("GET", `/api/v1/organisations/${orgA}/webhooks`, adminA);
    expect(list.json.items.map((w: { id: string }) => w.id)).not.toContain(webhookId);
    expect((await call("DELETE", `/api/v1/organisations/${orgA}/webhooks/${webhookId}`, adminA)).status).toBe(
      404,
    );
  });

  it("answers invalid input with a problem document naming the fields", async () => {
    const adminA = await token(orgA, "org-admin");
    const bad = await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminA, {
      url: "ftp://crm.almi.example/",
      events: ["referral.exploded"],
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(bad.json.title).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.json.errors).sort()).toEqual(["events.0", "url"]);
    const credentials = await call("POST", `/api/v1/organisations/${orgA}/webhooks`, adminA, {
      url: "https://user:pass@crm.almi.example/",
    });
    expect(credentials.status).toBe(400);
    expect(credentials.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect((await call("GET", "/api/v1/organisations/not-a-uuid/webhooks", adminA)).status).toBe(400);
  });
});
