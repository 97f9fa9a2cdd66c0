import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.ts";
import { accountPages } from "#src/features/account/account.routes.tsx";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { authenticate, csrfProtection } from "#src/features/auth/auth.middleware.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { organisationsPages } from "#src/features/organisations/organisations.routes.tsx";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { sessionCookieName } from "#src/shared/auth/cookies.ts";
import { AppError, statusForCode } from "#src/shared/errors.ts";
import { problemResponse } from "#src/shared/http-errors.ts";
import { isLocale, LOCALE_COOKIE } from "#src/shared/i18n.ts";
import { createLogger } from "#src/shared/logger.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { usersApi, usersPages } from "./users.routes.tsx";

// The pages and API of this feature over HTTP, behind the real authentication and CSRF middleware. The app
// shell (src/app.ts) mounts them the same way; this harness keeps the test independent of the rest.

let testDb: TestDb;
let app: Hono<AppEnv>;
let almi: string;
let nora: string;
let platformAdmin: UserActor;
let almiAdmin: UserActor;
let almiNavigator: UserActor;

function buildHarness(db: TestDb) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: db.dataDir ?? "/tmp/lots-test-config",
    SESSION_SECRET: "s".repeat(40),
  });
  const logger = createLogger({ level: "silent" });
  const harness = new Hono<AppEnv>();
  harness.use(async (c, next) => {
    c.set("deps", { config, db: db.db, dbKind: db.kind, logger });
    c.set("requestId", crypto.randomUUID());
    c.set("logger", logger);
    const locale = getCookie(c, LOCALE_COOKIE);
    c.set("locale", isLocale(locale) ? locale : "sv");
    await next();
  });
  harness.use(authenticate);
  harness.use(csrfProtection);
  const api = createApiRouter();
  api.route("/", usersApi());
  harness.route("/api/v1", api);
  harness.route("/", organisationsPages());
  harness.route("/", usersPages());
  harness.route("/", accountPages());
  harness.onError((error, c) => {
    if (!(error instanceof AppError)) throw error;
    if (c.req.path.startsWith("/api/")) return problemResponse(c, error);
    return c.text(error.code, statusForCode(error.code));
  });
  return harness;
}

async function session(actor: UserActor) {
  const { sessionId, csrfToken } = await createSession(testDb.db, { userId: actor.userId });
  return { cookie: `${sessionCookieName("http://127.0.0.1:3000")}=${sessionId}`, csrfToken };
}

async function post(
  path: string,
  who: { cookie: string; csrfToken: string },
  fields: Record<string, string | string[]>,
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ _csrf: who.csrfToken, ...fields })) {
    for (const v of ([] as string[]).concat(value)) body.append(key, v);
  }
  return app.request(path, {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = buildHarness(testDb);
  const region = await makeOrganisation(testDb.db, "Region", "region");
  almi = await makeOrganisation(testDb.db, "Almi", "business-finance");
  nora = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  platformAdmin = await makeUser(testDb.db, "pa@region.example", [[region, "platform-admin"]]);
  almiAdmin = await makeUser(testDb.db, "oa@almi.example", [[almi, "org-admin"]], "Olle Admin");
  almiNavigator = await makeUser(testDb.db, "nav@almi.example", [[almi, "navigator"]], "Nina Lots");
});
afterAll(async () => {
  await testDb?.close();
});

describe("user pages", () => {
  it("sends anonymous visitors to sign in and refuses members without the right role", async () => {
    const anonymous = await app.request(`/admin/organisationer/${almi}/anvandare`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/logga-in\?next=/);
    const navigator = await session(almiNavigator);
    expect(
      (await app.request(`/admin/organisationer/${almi}/anvandare`, { headers: navigator })).status,
    ).toBe(403);
    const admin = await session(almiAdmin);
    expect((await app.request(`/admin/organisationer/${nora}/anvandare`, { headers: admin })).status).toBe(
      403,
    );
  });

  it("lists the members for the org-admin, with an invitation form carrying the CSRF token", async () => {
    const admin = await session(almiAdmin);
    const response = await app.request(`/admin/organisationer/${almi}/anvandare`, { headers: admin });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Användare i Almi");
    expect(html).toContain("Nina Lots");
    expect(html).toContain("Lots</td>");
    expect(html).toContain(`name="_csrf" value="${admin.csrfToken}"`);
    expect(html).not.toContain('value="platform-admin"');
  });

  it("refuses an invitation without the CSRF token", async () => {
    const admin = await session(almiAdmin);
    const response = await app.request(`/admin/organisationer/${almi}/anvandare`, {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "ny@example.se", role: "navigator" }),
    });
    expect(response.status).toBe(403);
    expect(
      await testDb.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", "ny@example.se")
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("shows a bad e-mail back with the error in Swedish, and invites with a good one", async () => {
    const admin = await session(almiAdmin);
    const bad = await post(`/admin/organisationer/${almi}/anvandare`, admin, {
      email: "inte-en-adress",
      role: "advisor",
      name: "Ny",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("ds-error-summary");
    expect(html).toContain("Skriv en e-postadress");
    expect(html).toContain('value="inte-en-adress"');
    expect(html).toContain('aria-invalid="true"');

    const good = await post(`/admin/organisationer/${almi}/anvandare`, admin, {
      email: "ny@example.se",
      role: "advisor",
      name: "Ny",
    });
    expect(good.status).toBe(303);
    expect(good.headers.get("location")).toBe(`/admin/organisationer/${almi}/anvandare?klart=invited`);
    const mail = await testDb.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", "ny@example.se")
      .executeTakeFirst();
    expect(mail?.text_body).toContain("/inbjudan/");
  });

  it("explains on the page why the last org-admin cannot lose the role", async () => {
    const admin = await session(almiAdmin);
    const response = await post(`/admin/organisationer/${almi}/anvandare/${almiAdmin.userId}/roller`, admin, {
      roles: ["navigator"],
    });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("sista organisationsadministratör");
    const roles = await post(
      `/admin/organisationer/${almi}/anvandare/${almiNavigator.userId}/roller`,
      admin,
      {
        roles: ["navigator", "analyst"],
      },
    );
    expect(roles.status).toBe(303);
  });
});

describe("users API", () => {
  it("answers 401 without credentials and lists members for an org-admin token", async () => {
    expect((await app.request(`/api/v1/organisations/${almi}/users`)).status).toBe(401);
    const { token } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: almi,
      name: "hr",
      role: "org-admin",
    });
    const response = await app.request(`/api/v1/organisations/${almi}/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: { email: string; roles: string[] }[] };
    expect(body.items.find((m) => m.email === "oa@almi.example")?.roles).toEqual(["org-admin"]);
    const other = await app.request(`/api/v1/organisations/${nora}/users`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(403);

    const invited = await app.request(`/api/v1/organisations/${almi}/users`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "api@example.se", role: "analyst" }),
    });
    expect(invited.status).toBe(201);
    const member = (await invited.json()) as { id: string; status: string };
    expect(member.status).toBe("invited");
    const patched = await app.request(`/api/v1/organisations/${almi}/users/${member.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ roles: ["navigator"] }),
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { roles: string[] }).roles).toEqual(["navigator"]);
    const bad = await app.request(`/api/v1/organisations/${almi}/users/${member.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ roles: [] }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("organisation and account pages", () => {
  it("shows the platform admin every organisation with a create form, and an org-admin only theirs", async () => {
    const pa = await session(platformAdmin);
    const all = await (await app.request("/admin/organisationer", { headers: pa })).text();
    expect(all).toContain("Nora kommun");
    expect(all).toContain('action="/admin/organisationer"');
    const created = await post("/admin/organisationer", pa, {
      name: "Inkubera",
      type: "incubator",
      orgNumber: "",
      website: "",
    });
    expect(created.status).toBe(303);

    const oa = await session(almiAdmin);
    const own = await (await app.request("/admin/organisationer", { headers: oa })).text();
    expect(own).toContain("Almi");
    expect(own).not.toContain("Nora kommun");
    expect(own).not.toContain('action="/admin/organisationer"');
    const settings = await (await app.request(`/admin/organisationer/${almi}`, { headers: oa })).text();
    expect(settings).not.toContain('name="name"');
    expect(settings).toContain('name="descriptionSv"');
    expect(settings).toContain(`/admin/organisationer/${almi}/anvandare`);
    const nav = await session(almiNavigator);
    expect((await app.request("/admin/organisationer", { headers: nav })).status).toBe(403);
  });

  it("shows my account and switches my language, setting the language cookie", async () => {
    const me = await session(almiNavigator);
    const page = await app.request("/konto", { headers: me });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("nav@almi.example");
    expect(html).toContain("Almi");
    const saved = await post("/konto", me, { name: "Nina Lots", locale: "en" });
    expect(saved.status).toBe(303);
    expect(saved.headers.getSetCookie().join(";")).toContain(`${LOCALE_COOKIE}=en`);
    expect((await app.request("/konto")).status).toBe(303);
  });
});
