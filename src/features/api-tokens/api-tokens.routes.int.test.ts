import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.ts";
import { auditApi, auditPages } from "#src/features/audit/audit.routes.tsx";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
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
import { apiTokenPages, apiTokensApi } from "./api-tokens.routes.tsx";
import { createApiToken, resolveApiToken } from "./api-tokens.service.ts";

// The token and audit pages and API endpoints over HTTP, with the real authentication and CSRF middleware.
// The routers are mounted here as src/app.ts is to mount them (after authenticate and csrfProtection).

let testDb: TestDb;
let app: Hono<AppEnv>;
let orgA: string;
let orgB: string;
type Session = { cookie: string; csrf: string };
const sessions: Record<string, Session> = {};

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
  api.route("/", apiTokensApi());
  api.route("/", auditApi());
  hono.route("/api/v1", api);
  hono.route("/", apiTokenPages());
  hono.route("/", auditPages());
  hono.onError((error, c) => {
    if (!(error instanceof AppError)) throw error;
    if (c.req.path.startsWith("/api/")) return problemResponse(c, error, "req-test");
    return c.text(error.code, statusForCode(error.code));
  });
  return hono;
}

async function signIn(email: string, memberships: [string, Role][]): Promise<Session> {
  const user = await testDb.db
    .insertInto("users")
    .values({ email, name: email, status: "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [organisation_id, role] of memberships) {
    await testDb.db.insertInto("memberships").values({ user_id: user.id, organisation_id, role }).execute();
  }
  const { sessionId, csrfToken } = await createSession(testDb.db, { userId: user.id });
  return { cookie: `lots_session=${sessionId}`, csrf: csrfToken };
}

function get(path: string, session?: Session, headers: Record<string, string> = {}) {
  return app.request(path, { headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}

function postForm(path: string, session: Session, fields: Record<string, string>, csrf = true) {
  const body = new URLSearchParams({ ...fields, ...(csrf ? { _csrf: session.csrf } : {}) });
  return app.request(path, {
    method: "POST",
    body,
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

const page = (org: string) => `/admin/organisationer/${org}/api-nycklar`;
const tokenPattern = /lots_[a-z0-9]{8}_[A-Za-z0-9_-]{43}/;

beforeAll(async () => {
  testDb = await createTestDb();
  app = buildRouteApp(testDb);
  orgA = (await createOrganisation(testDb.db, { slug: "org-a", name: "Org A", type: "other" })).id;
  orgB = (await createOrganisation(testDb.db, { slug: "org-b", name: "Org B", type: "other" })).id;
  sessions.adminA = await signIn("admin-a@example.org", [[orgA, "org-admin"]]);
  sessions.adminB = await signIn("admin-b@example.org", [[orgB, "org-admin"]]);
  sessions.navigatorA = await signIn("nav-a@example.org", [[orgA, "navigator"]]);
  sessions.analystA = await signIn("analyst-a@example.org", [[orgA, "analyst"]]);
  sessions.platform = await signIn("platform@example.org", [[orgB, "platform-admin"]]);
});
afterAll(async () => {
  await testDb?.close();
});

describe("API token pages", () => {
  it("let the organisation's admin and platform admins in, send anonymous visitors to sign in, refuse others", async () => {
    const anonymous = await get(page(orgA));
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/logga-in?next=${encodeURIComponent(page(orgA))}`);
    expect((await get(page(orgA), sessions.adminA)).status).toBe(200);
    expect((await get(page(orgA), sessions.platform)).status).toBe(200);
    for (const who of ["adminB", "navigatorA", "analystA"]) {
      expect((await get(page(orgA), sessions[who])).status, who).toBe(403);
      expect(
        (await postForm(page(orgA), sessions[who]!, { name: "x", role: "analyst", validity: "30" })).status,
        who,
      ).toBe(403);
    }
    expect((await get(page("not-a-uuid"), sessions.platform)).status).toBe(404);
    expect((await get(page("00000000-0000-4000-8000-000000000000"), sessions.platform)).status).toBe(404);
  });

  it("show a new token once, in a code block with the warning, and never again", async () => {
    const created = await postForm(page(orgA), sessions.adminA!, {
      name: "Statistik",
      role: "analyst",
      validity: "90",
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const html = await created.text();
    const token = html.match(
      new RegExp(`<code id="created-token"[^>]*>(${tokenPattern.source})</code>`),
    )?.[1];
    expect(token).toBeDefined();
    expect(html).toContain("Den visas inte igen");
    expect(html).toContain('class="ds-alert"');
    expect(await resolveApiToken(testDb.db, token!)).toMatchObject({
      organisationId: orgA,
      role: "analyst",
      name: "Statistik",
    });

    const list = await (await get(page(orgA), sessions.adminA)).text();
    expect(list).toContain("Statistik");
    expect(list).toContain(`lots_${token!.slice(5, 13)}_…`);
    expect(list).not.toContain(token!);
    expect(list).not.toMatch(tokenPattern);
  });

  it("refuse a form without the CSRF token", async () => {
    const response = await postForm(
      page(orgA),
      sessions.adminA!,
      { name: "Utan", role: "analyst", validity: "30" },
      false,
    );
    expect(response.status).toBe(403);
    expect(await (await get(page(orgA), sessions.adminA)).text()).not.toContain("Utan");
  });

  it("re-render the form with the input kept and a message per field", async () => {
    const response = await postForm(page(orgA), sessions.adminA!, {
      name: "  ",
      role: "platform-admin",
      validity: "7",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('class="ds-error-summary"');
    expect(html).toContain("Skriv ett namn på högst 100 tecken.");
    expect(html).toContain("Välj en av rollerna i listan.");
    expect(html).toContain("Välj en giltighetstid i listan.");
    // Org admins are not offered the platform-admin role; platform admins are.
    expect(html).not.toContain('value="platform-admin"');
    expect(await (await get(page(orgA), sessions.platform)).text()).toContain('value="platform-admin"');
  });

  it("revoke a token with a POST and say so", async () => {
    const { token, record } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: orgA,
      name: "Gammal",
      role: "navigator",
    });
    // Under its own organisation another admin learns nothing; under org A it is refused.
    expect((await postForm(`${page(orgB)}/${record.id}/aterkalla`, sessions.adminB!, {})).status).toBe(404);
    expect((await postForm(`${page(orgA)}/${record.id}/aterkalla`, sessions.adminB!, {})).status).toBe(403);
    expect((await postForm(`${page(orgA)}/${record.id}/aterkalla`, sessions.navigatorA!, {})).status).toBe(
      403,
    );
    const response = await postForm(`${page(orgA)}/${record.id}/aterkalla`, sessions.adminA!, {});
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toBe(`${page(orgA)}?aterkallad=${record.id}`);
    const html = await (await get(location, sessions.adminA)).text();
    expect(html).toContain("Nyckeln Gammal är återkallad");
    expect(await resolveApiToken(testDb.db, token)).toBeUndefined();
  });
});

describe("API token endpoints", () => {
  it("list, create and revoke tokens; the token value only in the POST answer", async () => {
    const base = `/api/v1/organisations/${orgB}/api-tokens`;
    expect((await get(base)).status).toBe(401);
    expect((await get(base, sessions.adminA)).status).toBe(403);

    const created = await app.request(base, {
      method: "POST",
      body: JSON.stringify({ name: "Integration", role: "org-admin" }),
      headers: {
        cookie: sessions.adminB!.cookie,
        "x-csrf-token": sessions.adminB!.csrf,
        "content-type": "application/json",
      },
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      token: string;
      apiToken: { id: string; status: string; prefix: string };
    };
    expect(body.token).toMatch(tokenPattern);
    expect(body.apiToken.status).toBe("active");

    // The new org-admin token may list its organisation's tokens, not create more.
    const bearer = { authorization: `Bearer ${body.token}` };
    const listed = await get(base, undefined, bearer);
    expect(listed.status).toBe(200);
    const listText = await listed.text();
    expect(listText).toContain(body.apiToken.id);
    expect(listText).not.toContain(body.token);
    const chained = await app.request(base, {
      method: "POST",
      body: JSON.stringify({ name: "Kedja", role: "analyst" }),
      headers: { ...bearer, "content-type": "application/json" },
    });
    expect(chained.status).toBe(403);

    const wrongOrg = await app.request(`/api/v1/organisations/${orgA}/api-tokens/${body.apiToken.id}`, {
      method: "DELETE",
      headers: {
        authorization: `Bearer ${(await createApiToken(testDb.db, CLI_ACTOR, { organisationId: orgA, name: "A", role: "org-admin" })).token}`,
      },
    });
    expect(wrongOrg.status).toBe(404);
    const revoked = await app.request(`${base}/${body.apiToken.id}`, { method: "DELETE", headers: bearer });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { status: string }).status).toBe("revoked");
    // Revoked: the token no longer opens anything.
    expect((await get(base, undefined, bearer)).status).toBe(401);
  });

  it("validate the body", async () => {
    const response = await app.request(`/api/v1/organisations/${orgB}/api-tokens`, {
      method: "POST",
      body: JSON.stringify({ name: "x", role: "analyst", expiresAt: "2001-01-01T00:00:00Z" }),
      headers: {
        cookie: sessions.platform!.cookie,
        "x-csrf-token": sessions.platform!.csrf,
        "content-type": "application/json",
      },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(
      /expiresAt: the expiry must be in the future/,
    );
  });
});
