import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeRateLimit, rateLimit, sweepRateLimits } from "#src/features/rate-limit/rate-limit.service.ts";
import { anonymousCsrf, createUserWithRole, form, TEST_PASSWORD } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { LOGIN_LIMITS } from "./auth.service.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  app.post(
    "/api/v1/test/limited",
    rateLimit({ name: "test-api", limit: 2, windowSeconds: 60, key: () => "one" }),
    (c) => c.json({ ok: true }),
  );
  organisationId = await makeOrganisation(testDb.db, "Gränsbyrån");
});
afterAll(async () => {
  await testDb?.close();
});

/** A request from a given client address, as @hono/node-server would pass the socket. */
function fromIp(ip: string) {
  return { incoming: { socket: { remoteAddress: ip, remotePort: 50000, remoteFamily: "IPv4" } } };
}

async function attempt(email: string, password: string, ip = "198.51.100.1") {
  const csrf = await anonymousCsrf(app);
  return app.request(
    "/logga-in",
    {
      method: "POST",
      headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email, password, _csrf: csrf.csrfToken }),
    },
    fromIp(ip),
  );
}

describe("sign-in rate limits", () => {
  it("answers 429 with Retry-After after 10 failures for one account, until the window passes", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) {
      // Upper case and spaces count as the same account.
      const email = i % 2 === 0 ? user.email : ` ${user.email.toUpperCase()}`;
      expect((await attempt(email, `wrong password ${i}`, `198.51.100.${i + 10}`)).status).toBe(401);
    }
    const blocked = await attempt(user.email, TEST_PASSWORD, "198.51.100.99");
    expect(blocked.status).toBe(429);
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const html = await blocked.text();
    expect(html).toContain("För många misslyckade försök");
    expect(blocked.headers.getSetCookie().some((h) => h.startsWith("lots_session="))).toBe(false);

    await testDb.db
      .updateTable("rate_limits")
      .set({ window_started_at: sql`window_started_at - interval '61 seconds'` })
      .where("key", "=", `login-account:${user.email}`)
      .execute();
    const after = await attempt(user.email, TEST_PASSWORD, "198.51.100.99");
    expect(after.status).toBe(303);
    expect(after.headers.getSetCookie().some((h) => h.startsWith("lots_session="))).toBe(true);
  });

  it("counts only failures: a right password takes its attempt back", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "advisor");
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++) {
      expect((await attempt(user.email, "wrong wrong wrong", "198.51.100.2")).status).toBe(401);
    }
    expect((await attempt(user.email, TEST_PASSWORD, "198.51.100.2")).status).toBe(303);
    // The tenth failure is still allowed (and refused as a wrong password), the eleventh attempt is not.
    expect((await attempt(user.email, "wrong wrong wrong", "198.51.100.2")).status).toBe(401);
    expect((await attempt(user.email, TEST_PASSWORD, "198.51.100.2")).status).toBe(429);
  });

  it("allows 50 failures per client address across accounts, then 429", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
      expect((await attempt(`nobody-${i}@test.lots.invalid`, "wrong wrong wrong", ip)).status).toBe(401);
    }
    const user = await createUserWithRole(testDb.db, organisationId, "analyst");
    expect((await attempt(user.email, TEST_PASSWORD, ip)).status).toBe(429);
    expect((await attempt(user.email, TEST_PASSWORD, "203.0.113.8")).status).toBe(303);
  }, 60_000);

  it("records failed sign-ins in the audit log without the password", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    await attempt(user.email, "a wrong secret value", "192.0.2.5");
    const entry = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "login-failed")
      .where("record_id", "=", user.userId)
      .executeTakeFirstOrThrow();
    expect(entry.ip).toBe("192.0.2.5");
    expect(entry.actor_label).toBe("anonymous");
    expect(JSON.stringify(entry.details)).not.toContain("a wrong secret value");
    expect(entry.details).toMatchObject({ email: user.email, reason: "wrong-password" });
  });
});

describe("rate-limit service", () => {
  it("counts concurrent hits atomically", async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => consumeRateLimit(testDb.db, "test:concurrent", 20, 60)),
    );
    expect(results.map((r) => r.hits).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => !r.allowed)).toHaveLength(5);
  });

  it("starts a new window once the old one has passed", async () => {
    await consumeRateLimit(testDb.db, "test:window", 1, 30);
    expect((await consumeRateLimit(testDb.db, "test:window", 1, 30)).allowed).toBe(false);
    await testDb.db
      .updateTable("rate_limits")
      .set({ window_started_at: sql`now() - interval '31 seconds'` })
      .where("key", "=", "test:window")
      .execute();
    expect(await consumeRateLimit(testDb.db, "test:window", 1, 30)).toMatchObject({ allowed: true, hits: 1 });
  });

  it("sweeps counters older than a day", async () => {
    await testDb.db
      .insertInto("rate_limits")
      .values({ key: "test:old", window_started_at: sql`now() - interval '2 days'`, hits: 3 })
      .execute();
    await consumeRateLimit(testDb.db, "test:fresh", 5, 60);
    expect(await sweepRateLimits(testDb.db)).toBeGreaterThanOrEqual(1);
    const keys = (await testDb.db.selectFrom("rate_limits").select("key").execute()).map((r) => r.key);
    expect(keys).not.toContain("test:old");
    expect(keys).toContain("test:fresh");
  });

  it("answers 429 problem+json with Retry-After on the API", async () => {
    const call = () =>
      app.request("/api/v1/test/limited", { method: "POST", headers: { "x-csrf-token": "unused" } });
    // Anonymous API POSTs need a CSRF token too; send a real one.
    const csrf = await anonymousCsrf(app);
    const send = () =>
      app.request("/api/v1/test/limited", {
        method: "POST",
        headers: { cookie: csrf.cookie, "x-csrf-token": csrf.csrfToken },
      });
    expect((await call()).status).toBe(403);
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");
  });
});
