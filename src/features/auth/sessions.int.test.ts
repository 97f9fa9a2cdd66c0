import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anonymousCsrf,
  cookiesFrom,
  createUserWithRole,
  form,
  signIn,
  TEST_PASSWORD,
} from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { hashSessionId, resolveSession, SESSION_ABSOLUTE_SECONDS } from "./sessions.service.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Sessionsbyrån");
});
afterAll(async () => {
  await testDb?.close();
});

/** Whether a session cookie opens the signed-in view of /logga-in. */
async function isSignedIn(cookie: string, target = app): Promise<boolean> {
  const page = await (await target.request("/logga-in", { headers: { cookie } })).text();
  return page.includes("Du är inloggad som");
}

async function postLogin(target: typeof app, email: string, password: string, extraCookie = "") {
  const anonymous = await anonymousCsrf(target);
  return target.request("/logga-in", {
    method: "POST",
    headers: {
      cookie: [anonymous.cookie, extraCookie].filter(Boolean).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form({ email, password, _csrf: anonymous.csrfToken }),
  });
}

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/ and named lots_session over plain http", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const response = await postLogin(app, user.email, TEST_PASSWORD);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/konto");
    const header = response.headers.getSetCookie().find((h) => h.startsWith("lots_session="));
    expect(header).toBeDefined();
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; SameSite=Lax/);
    expect(header).toMatch(/; Path=\//);
    expect(header).toMatch(new RegExp(`; Max-Age=${SESSION_ABSOLUTE_SECONDS}`));
    expect(header).not.toMatch(/; Secure/);
    const id = /^lots_session=([^;]+)/.exec(header ?? "")?.[1] ?? "";
    // 32 random bytes, base64url: 256 bits.
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await testDb.db
      .selectFrom("sessions")
      .select("id_hash")
      .where("user_id", "=", user.userId)
      .execute();
    expect(stored.map((s) => s.id_hash)).toEqual([hashSessionId(id)]);
    expect(stored[0]?.id_hash).not.toContain(id);
  });

  it("is __Host-lots_session and Secure when PUBLIC_URL is https", async () => {
    const secureApp = createTestApp(testDb, { PUBLIC_URL: "https://lots.example.org" });
    const user = await createUserWithRole(testDb.db, organisationId, "advisor");
    const response = await postLogin(secureApp, user.email, TEST_PASSWORD);
    expect(response.status).toBe(303);
    const header = response.headers.getSetCookie().find((h) => h.startsWith("__Host-lots_session="));
    expect(header).toMatch(/; Path=\/.*; HttpOnly; Secure; SameSite=Lax/);
    expect(header).not.toMatch(/Domain=/i);
    const csrf = response.headers.getSetCookie().find((h) => h.startsWith("lots_csrf="));
    if (csrf) expect(csrf).toMatch(/; Secure/);
    const cookie = header?.split(";")[0] ?? "";
    expect(await isSignedIn(cookie, secureApp)).toBe(true);
    // The plain name is not accepted behind https.
    expect(await isSignedIn(cookie.replace("__Host-", ""), secureApp)).toBe(false);
  });
});

describe("session lifecycle", () => {
  it("gets a new id at sign-in and the previous session of that browser ends", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const first = await signIn(app, testDb.db, user);
    expect(await isSignedIn(first.cookie)).toBe(true);
    // A signed-in browser's forms carry the session's token; the anonymous one does not count any more.
    const stale = await postLogin(app, user.email, TEST_PASSWORD, `lots_session=${first.sessionId}`);
    expect(stale.status).toBe(403);
    const again = await app.request("/logga-in", {
      method: "POST",
      headers: { cookie: first.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email: user.email, password: TEST_PASSWORD, _csrf: first.csrfToken }),
    });
    expect(again.status).toBe(303);
    const second = cookiesFrom(again).get("lots_session");
    expect(second).toBeDefined();
    expect(second).not.toBe(first.sessionId);
    expect(await isSignedIn(`lots_session=${first.sessionId}`)).toBe(false);
    expect(await isSignedIn(`lots_session=${second}`)).toBe(true);
  });

  it("is invalid after sign-out, which clears the cookie", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "analyst");
    const session = await signIn(app, testDb.db, user);
    const response = await app.request("/logga-ut", {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ _csrf: session.csrfToken }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/logga-in?utloggad");
    expect(response.headers.getSetCookie().some((h) => /^lots_session=;.*Max-Age=0/.test(h))).toBe(true);
    expect(await isSignedIn(session.cookie)).toBe(false);
    const rows = await testDb.db
      .selectFrom("sessions")
      .select("id_hash")
      .where("user_id", "=", user.userId)
      .execute();
    expect(rows).toEqual([]);
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("record_id", "=", user.userId)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["login", "logout"]);
  });

  it("ends after 30 minutes without requests", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const session = await signIn(app, testDb.db, user);
    const idHash = hashSessionId(session.sessionId);
    await testDb.db
      .updateTable("sessions")
      .set({ last_seen_at: sql`now() - interval '29 minutes'` })
      .where("id_hash", "=", idHash)
      .execute();
    expect(await isSignedIn(session.cookie)).toBe(true);
    // That request restarted the idle clock (it was more than a minute old).
    const touched = await testDb.db
      .selectFrom("sessions")
      .select(sql<number>`extract(epoch from now() - last_seen_at)`.as("age"))
      .where("id_hash", "=", idHash)
      .executeTakeFirstOrThrow();
    expect(Number(touched.age)).toBeLessThan(60);
    await testDb.db
      .updateTable("sessions")
      .set({ last_seen_at: sql`now() - interval '31 minutes'` })
      .where("id_hash", "=", idHash)
      .execute();
    const response = await app.request("/logga-in", { headers: { cookie: session.cookie } });
    expect(await response.text()).not.toContain("Du är inloggad som");
    expect(response.headers.getSetCookie().some((h) => /^lots_session=;.*Max-Age=0/.test(h))).toBe(true);
  });

  it("writes last_seen_at at most once a minute", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const session = await signIn(app, testDb.db, user);
    const idHash = hashSessionId(session.sessionId);
    await testDb.db
      .updateTable("sessions")
      .set({ last_seen_at: sql`now() - interval '30 seconds'` })
      .where("id_hash", "=", idHash)
      .execute();
    const before = await testDb.db
      .selectFrom("sessions")
      .select("last_seen_at")
      .where("id_hash", "=", idHash)
      .executeTakeFirstOrThrow();
    expect(await resolveSession(testDb.db, session.sessionId)).toBeDefined();
    const after = await testDb.db
      .selectFrom("sessions")
      .select("last_seen_at")
      .where("id_hash", "=", idHash)
      .executeTakeFirstOrThrow();
    expect(after.last_seen_at.getTime()).toBe(before.last_seen_at.getTime());
  });

  it("ends 12 hours after sign-in even when in use", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const session = await signIn(app, testDb.db, user);
    await testDb.db
      .updateTable("sessions")
      .set({ expires_at: sql`now() - interval '1 second'`, last_seen_at: sql`now()` })
      .where("id_hash", "=", hashSessionId(session.sessionId))
      .execute();
    expect(await isSignedIn(session.cookie)).toBe(false);
  });

  it("stops working when the user is deactivated", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "advisor");
    const session = await signIn(app, testDb.db, user);
    expect(await isSignedIn(session.cookie)).toBe(true);
    await testDb.db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where("id", "=", user.userId)
      .execute();
    expect(await isSignedIn(session.cookie)).toBe(false);
  });

  it("loads the user's memberships into the actor", async () => {
    const other = await makeOrganisation(testDb.db, "Andra byrån");
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    await testDb.db
      .insertInto("memberships")
      .values({ user_id: user.userId, organisation_id: other, role: "analyst" })
      .execute();
    const session = await signIn(app, testDb.db, user);
    const resolved = await resolveSession(testDb.db, session.sessionId);
    expect(resolved?.actor).toMatchObject({ kind: "user", userId: user.userId, email: user.email });
    expect(resolved?.actor.memberships).toHaveLength(2);
    expect(resolved?.actor.memberships).toEqual(
      expect.arrayContaining([
        { organisationId, role: "navigator" },
        { organisationId: other, role: "analyst" },
      ]),
    );
  });

  it("refuses wrong passwords, unknown accounts and invited accounts with the same answer", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    await testDb.db
      .insertInto("users")
      .values({ email: "invited-only@test.lots.invalid", name: "", status: "invited" })
      .execute();
    const answers = await Promise.all([
      postLogin(app, user.email, "wrong password here"),
      postLogin(app, "nobody@test.lots.invalid", TEST_PASSWORD),
      postLogin(app, "invited-only@test.lots.invalid", TEST_PASSWORD),
    ]);
    const bodies = await Promise.all(
      answers.map(async (r) => ({
        status: r.status,
        error: /<p class="ds-validation-message"[^>]*>([^<]+)</.exec(await r.text())?.[1],
      })),
    );
    expect(bodies.map((b) => b.status)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((b) => b.error)).size).toBe(1);
    expect(bodies[0]?.error).toContain("Fel e-postadress eller lösenord");
    expect(
      answers.every(
        (r) => !r.headers.getSetCookie().some((h) => h.startsWith("lots_session=") && !/Max-Age=0/.test(h)),
      ),
    ).toBe(true);
  });

  it("keeps the e-mail address and follows a local ?next= only", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const anonymous = await anonymousCsrf(app);
    const wrong = await app.request("/logga-in?next=%2Fadmin%2Flogg", {
      method: "POST",
      headers: { cookie: anonymous.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email: user.email, password: "nope nope nope", _csrf: anonymous.csrfToken }),
    });
    const html = await wrong.text();
    expect(html).toContain(`value="${user.email}"`);
    expect(html).toContain('action="/logga-in?next=%2Fadmin%2Flogg"');
    for (const [next, expected] of [
      ["/admin/logg?x=1", "/admin/logg?x=1"],
      ["//evil.example/", "/konto"],
      ["https://evil.example/", "/konto"],
    ] as const) {
      const csrf = await anonymousCsrf(app);
      const response = await app.request(`/logga-in?next=${encodeURIComponent(next)}`, {
        method: "POST",
        headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: form({ email: user.email, password: TEST_PASSWORD, _csrf: csrf.csrfToken }),
      });
      expect(response.headers.get("location")).toBe(expected);
    }
  });
});
