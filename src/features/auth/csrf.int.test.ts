import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { anonymousCsrf, createUserWithRole, form, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { requireUser } from "./auth.middleware.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
let session: SignedIn;
let received: Record<string, unknown>[];

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  received = [];
  // Routes only these tests use: a guarded page and API operation, and a form handler that reads its body
  // after the CSRF middleware has parsed it.
  app.get("/test/staff", requireUser, (c) => c.text(`hello ${c.var.actor.kind}`));
  app.get("/api/v1/test/staff", requireUser, (c) => c.json({ actor: c.var.actor.kind }));
  app.post("/test/form", async (c) => {
    received.push(await c.req.parseBody());
    return c.text("changed");
  });
  app.post("/api/v1/test/change", (c) => c.json({ actor: c.var.actor.kind }));
  organisationId = await makeOrganisation(testDb.db, "Csrf-byrån");
  const user = await createUserWithRole(testDb.db, organisationId, "navigator");
  session = await signIn(app, testDb.db, user);
});
afterAll(async () => {
  await testDb?.close();
});

const FORM = "application/x-www-form-urlencoded";
const OWN_ORIGIN = "http://127.0.0.1:3000"; // PUBLIC_URL's default in tests

async function post(path: string, headers: Record<string, string>, body?: RequestInit["body"]) {
  return app.request(path, { method: "POST", headers, body });
}

describe("CSRF protection for a signed-in session", () => {
  it("accepts the session's token in the form, and the handler still reads the body", async () => {
    const response = await post(
      "/test/form",
      { cookie: session.cookie, "content-type": FORM, origin: OWN_ORIGIN },
      form({ _csrf: session.csrfToken, note: "kept" }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("changed");
    expect(received.at(-1)).toMatchObject({ note: "kept" });
  });

  it("accepts the token in the x-csrf-token header, and multipart forms", async () => {
    const header = await post(
      "/test/form",
      { cookie: session.cookie, "x-csrf-token": session.csrfToken, "content-type": FORM },
      form({ a: "1" }),
    );
    expect(header.status).toBe(200);
    const body = new FormData();
    body.set("_csrf", session.csrfToken);
    body.set("file-note", "multi");
    const multipart = await post("/test/form", { cookie: session.cookie }, body);
    expect(multipart.status).toBe(200);
    expect(received.at(-1)).toMatchObject({ "file-note": "multi" });
  });

  it("refuses a form without a token with 403 and a Swedish page", async () => {
    const count = received.length;
    const response = await post(
      "/test/form",
      { cookie: session.cookie, "content-type": FORM },
      form({ note: "x" }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("Formuläret kunde inte skickas");
    expect(received.length).toBe(count);
  });

  it("refuses a wrong token, and another session's token", async () => {
    expect(
      (
        await post(
          "/test/form",
          { cookie: session.cookie, "content-type": FORM },
          form({ _csrf: "x".repeat(43) }),
        )
      ).status,
    ).toBe(403);
    const other = await signIn(
      app,
      testDb.db,
      await createUserWithRole(testDb.db, organisationId, "advisor"),
    );
    expect(
      (
        await post(
          "/test/form",
          { cookie: session.cookie, "content-type": FORM },
          form({ _csrf: other.csrfToken }),
        )
      ).status,
    ).toBe(403);
    // The anonymous token does not count for a signed-in browser either.
    const anonymous = await anonymousCsrf(app);
    const mixed = `${session.cookie.split("; ").find((c) => c.startsWith("lots_session="))}; ${anonymous.cookie}`;
    expect(
      (
        await post(
          "/test/form",
          { cookie: mixed, "content-type": FORM },
          form({ _csrf: anonymous.csrfToken }),
        )
      ).status,
    ).toBe(403);
  });

  it("refuses a foreign Origin even with the right token", async () => {
    for (const origin of ["https://evil.example", "null", "http://127.0.0.1:3001"]) {
      const response = await post(
        "/test/form",
        { cookie: session.cookie, "content-type": FORM, origin },
        form({ _csrf: session.csrfToken }),
      );
      expect(response.status, origin).toBe(403);
    }
    // The request's own origin counts as ours too (app.request uses http://localhost).
    const own = await post(
      "/test/form",
      { cookie: session.cookie, "content-type": FORM, origin: "http://localhost" },
      form({ _csrf: session.csrfToken }),
    );
    expect(own.status).toBe(200);
  });

  it("refuses Sec-Fetch-Site: cross-site even with the right token", async () => {
    const response = await post(
      "/test/form",
      { cookie: session.cookie, "content-type": FORM, "sec-fetch-site": "cross-site" },
      form({ _csrf: session.csrfToken }),
    );
    expect(response.status).toBe(403);
    const same = await post(
      "/test/form",
      { cookie: session.cookie, "content-type": FORM, "sec-fetch-site": "same-origin" },
      form({ _csrf: session.csrfToken }),
    );
    expect(same.status).toBe(200);
  });

  it("answers API requests with problem+json", async () => {
    const response = await post(
      "/api/v1/test/change",
      { cookie: session.cookie, "content-type": "application/json" },
      "{}",
    );
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("FORBIDDEN");
    expect(body.error.message).toMatch(/CSRF token is missing/);
    const ok = await post(
      "/api/v1/test/change",
      { ...session.headers, "content-type": "application/json" },
      "{}",
    );
    expect(ok.status).toBe(200);
  });
});

describe("CSRF protection for anonymous visitors", () => {
  it("sets an HttpOnly lots_csrf cookie and accepts its signed value", async () => {
    const page = await app.request("/logga-in");
    const header = page.headers.getSetCookie().find((h) => h.startsWith("lots_csrf="));
    expect(header).toMatch(/; Path=\/; HttpOnly; SameSite=Lax/);
    const anonymous = await anonymousCsrf(app);
    expect(anonymous.csrfToken).not.toBe(anonymous.cookie.split("=")[1]);
    const response = await post(
      "/test/form",
      { cookie: anonymous.cookie, "content-type": FORM, origin: OWN_ORIGIN },
      form({ _csrf: anonymous.csrfToken }),
    );
    expect(response.status).toBe(200);
  });

  it("refuses the raw cookie value, a token without the cookie, and another visitor's token", async () => {
    const a = await anonymousCsrf(app);
    const b = await anonymousCsrf(app);
    const raw = a.cookie.split("=")[1] ?? "";
    expect(
      (await post("/test/form", { cookie: a.cookie, "content-type": FORM }, form({ _csrf: raw }))).status,
    ).toBe(403);
    expect((await post("/test/form", { "content-type": FORM }, form({ _csrf: a.csrfToken }))).status).toBe(
      403,
    );
    expect(
      (await post("/test/form", { cookie: a.cookie, "content-type": FORM }, form({ _csrf: b.csrfToken })))
        .status,
    ).toBe(403);
  });
});

describe("Bearer tokens", () => {
  async function makeApiToken(revoked = false) {
    const { token, prefix } = generateApiToken();
    await testDb.db
      .insertInto("api_tokens")
      .values({
        organisation_id: organisationId,
        name: "integration",
        role: "analyst",
        token_prefix: prefix,
        token_hash: hashApiToken(token),
        revoked_at: revoked ? sql`now()` : null,
      })
      .execute();
    return token;
  }

  it("act on /api/v1 and need no CSRF token when no session cookie is sent", async () => {
    const token = await makeApiToken();
    const read = await app.request("/api/v1/test/staff", { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ actor: "token" });
    const change = await post(
      "/api/v1/test/change",
      { authorization: `Bearer ${token}`, "content-type": "application/json" },
      "{}",
    );
    expect(change.status).toBe(200);
    const withCookie = await post(
      "/api/v1/test/change",
      { authorization: `Bearer ${token}`, cookie: session.cookie, "content-type": "application/json" },
      "{}",
    );
    expect(withCookie.status).toBe(403);
  });

  it("answer 401 when unknown, revoked or malformed, never falling back to anonymous", async () => {
    const revoked = await makeApiToken(true);
    for (const authorization of [
      `Bearer ${revoked}`,
      "Bearer lots_abcdefgh_nonsense",
      "Basic dXNlcjpwYXNz",
      "Bearer",
    ]) {
      const response = await app.request("/api/v1/reference/counties", { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
  });

  it("are not accepted outside /api/v1", async () => {
    const token = await makeApiToken();
    const response = await app.request("/test/staff", { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(303);
  });
});

describe("requireUser", () => {
  it("redirects anonymous visitors of pages to /logga-in?next=…", async () => {
    const response = await app.request("/test/staff?tab=2");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      `/logga-in?next=${encodeURIComponent("/test/staff?tab=2")}`,
    );
    const signedIn = await app.request("/test/staff", { headers: { cookie: session.cookie } });
    expect(await signedIn.text()).toBe("hello user");
  });

  it("answers anonymous API calls with 401 problem+json", async () => {
    const response = await app.request("/api/v1/test/staff");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("UNAUTHENTICATED");
  });
});
