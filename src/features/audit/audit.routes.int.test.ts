import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { authenticate, csrfProtection } from "#src/features/auth/auth.middleware.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { AppError, statusForCode } from "#src/shared/errors.ts";
import { problemResponse } from "#src/shared/http-errors.ts";
import { createLogger } from "#src/shared/logger.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { auditApi, auditPages } from "./audit.routes.tsx";
import { CLI_ACTOR, recordAudit } from "./audit.service.ts";

// /admin/logg, its CSV and GET /api/v1/audit-log over HTTP with the real authentication middleware,
// mounted here as src/app.ts is to mount them.

let testDb: TestDb;
let app: Hono<AppEnv>;
let orgA: string;
let orgB: string;
const cookies: Record<string, string> = {};

function buildRouteApp(db: TestDb): Hono<AppEnv> {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: db.dataDir ?? "/tmp/lots-test-config",
    SESSION_SECRET: "s".repeat(40),
  });
  const deps = { config, db: db.db, dbKind: db.kind, logger: createLogger({ level: "silent" }) };
  const hono = new Hono<AppEnv>();
  hono.use(async (c, next) => {
    c.set("deps", deps);
    c.set("requestId", "req-test");
    c.set("logger", deps.logger);
    c.set("locale", "sv");
    await next();
  });
  hono.use(authenticate, csrfProtection);
  const api = createApiRouter();
  api.route("/", auditApi());
  hono.route("/api/v1", api);
  hono.route("/", auditPages());
  hono.onError((error, c) => {
    if (!(error instanceof AppError)) throw error;
    if (c.req.path.startsWith("/api/")) return problemResponse(c, error, "req-test");
    return c.text(error.code, statusForCode(error.code));
  });
  return hono;
}

async function signIn(email: string, memberships: [string, Role][]): Promise<string> {
  const user = await testDb.db
    .insertInto("users")
    .values({ email, name: email, status: "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [organisation_id, role] of memberships) {
    await testDb.db.insertInto("memberships").values({ user_id: user.id, organisation_id, role }).execute();
  }
  const { sessionId } = await createSession(testDb.db, { userId: user.id });
  return `lots_session=${sessionId}`;
}

const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
  app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });

beforeAll(async () => {
  testDb = await createTestDb();
  app = buildRouteApp(testDb);
  orgA = (await createOrganisation(testDb.db, { slug: "org-a", name: "Org A", type: "other" })).id;
  orgB = (await createOrganisation(testDb.db, { slug: "org-b", name: "Org B", type: "other" })).id;
  cookies.adminA = await signIn("admin-a@example.org", [[orgA, "org-admin"]]);
  cookies.navigatorA = await signIn("nav-a@example.org", [[orgA, "navigator"]]);
  cookies.platform = await signIn("platform@example.org", [[orgB, "platform-admin"]]);
  await recordAudit(testDb.db, {
    actor: CLI_ACTOR,
    action: "read",
    recordType: "user",
    recordId: "rec-a",
    organisationId: orgA,
  });
  await recordAudit(testDb.db, {
    actor: CLI_ACTOR,
    action: "update",
    recordType: "user",
    recordId: "rec-b",
    organisationId: orgB,
  });
  await recordAudit(testDb.db, {
    actor: CLI_ACTOR,
    action: "read",
    recordType: "company",
    recordId: '=HYPERLINK("http://evil.example")',
    organisationId: orgA,
  });
});
afterAll(async () => {
  await testDb?.close();
});

describe("/admin/logg", () => {
  it("is for admins: anonymous visitors are sent to sign in, others refused", async () => {
    const anonymous = await get("/admin/logg");
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/logga-in\?next=/);
    expect((await get("/admin/logg", cookies.navigatorA)).status).toBe(403);
    expect((await get("/admin/logg.csv", cookies.navigatorA)).status).toBe(403);
  });

  it("shows an org admin their organisation's entries only, and the platform admin all", async () => {
    const own = await (await get("/admin/logg", cookies.adminA)).text();
    expect(own).toContain("rec-a");
    expect(own).not.toContain("rec-b");
    expect(own).toContain("<caption>Händelser, nyast först</caption>");
    const all = await (await get("/admin/logg", cookies.platform)).text();
    expect(all).toContain("rec-a");
    expect(all).toContain("rec-b");
    // The CSV link carries the filters.
    const filtered = await (
      await get("/admin/logg?recordType=user&from=2026-01-01", cookies.platform)
    ).text();
    expect(filtered).toContain('href="/admin/logg.csv?from=2026-01-01&amp;recordType=user"');
    expect(filtered).not.toContain("evil.example");
  });

  it("re-renders the filter with a message when a date is wrong", async () => {
    const response = await get("/admin/logg?from=2026-02-30", cookies.adminA);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="ds-error-summary"');
    expect(html).toContain('value="2026-02-30"');
  });

  it("downloads the scoped entries as CSV with a BOM and defused formulas, and logs the export", async () => {
    for (const path of ["/admin/logg.csv", "/admin/logg?format=csv"]) {
      const response = await get(path, cookies.adminA, { "user-agent": "Vitest" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(
        /^attachment; filename="lots-logg-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder().decode(bytes);
      expect(csv).toContain("rec-a");
      expect(csv).not.toContain("rec-b");
      expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    }
    const exports = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "export")
      .where("actor_label", "=", "admin-a@example.org")
      .execute();
    expect(exports).toHaveLength(2);
    expect(exports[0]).toMatchObject({
      record_type: "audit-log",
      organisation_id: orgA,
      user_agent: "Vitest",
    });
  });
});

describe("GET /api/v1/audit-log", () => {
  it("answers 401 without credentials, 403 for non-admins and the scoped page for admins", async () => {
    expect((await get("/api/v1/audit-log")).status).toBe(401);
    const analyst = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: orgA,
      name: "Analys",
      role: "analyst",
    });
    expect(
      (await get("/api/v1/audit-log", undefined, { authorization: `Bearer ${analyst.token}` })).status,
    ).toBe(403);
    const admin = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: orgA,
      name: "Admin",
      role: "org-admin",
    });
    const response = await get("/api/v1/audit-log?recordType=user&pageSize=10", undefined, {
      authorization: `Bearer ${admin.token}`,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      items: { recordId: string; organisationId: string; at: string }[];
      total: number;
    };
    expect(body.items.map((i) => i.recordId)).toEqual(["rec-a"]);
    expect(body.total).toBe(1);
    expect(new Date(body.items[0]!.at).toISOString()).toBe(body.items[0]!.at);
    const bad = await get("/api/v1/audit-log?pageSize=5000", cookies.platform);
    expect(bad.status).toBe(400);
  });
});
