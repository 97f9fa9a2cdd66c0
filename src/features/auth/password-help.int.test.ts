import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "#src/app.ts";
import { loadConfig } from "#src/config.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { createLogger } from "#src/shared/logger.ts";
import { anonymousCsrf, cookiesFrom, createUserWithRole, form, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { hashPassword } from "./passwords.ts";
import { hashSessionId } from "./sessions.service.ts";
import { createUserToken, hashUserToken } from "./tokens.service.ts";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;

const PUBLIC_URL = "http://127.0.0.1:3000";
const NEW_PASSWORD = "a brand new passphrase here";

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Länkbyrån");
});
afterAll(async () => {
  await testDb?.close();
});

/** Posts a form as an anonymous browser that first opened `page` (for its CSRF cookie and token). */
async function postForm(path: string, fields: Record<string, string>, page = path, cookie?: string) {
  const csrf = await anonymousCsrf(app, page);
  return app.request(path, {
    method: "POST",
    headers: {
      cookie: [csrf.cookie, cookie].filter(Boolean).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form({ ...fields, _csrf: csrf.csrfToken }),
  });
}

async function mailsTo(email: string) {
  return testDb.db
    .selectFrom("mail_outbox")
    .select(["subject", "text_body", "status"])
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();
}

/** The path of the one link to `prefix` in the newest mail to `email`. */
async function linkInMail(email: string, prefix: string): Promise<string> {
  const mails = await mailsTo(email);
  const text = mails.at(-1)?.text_body ?? "";
  const match = new RegExp(`${PUBLIC_URL.replaceAll(".", "\\.")}(/${prefix}/[A-Za-z0-9_-]{43})`).exec(text);
  if (!match?.[1]) throw new Error(`no /${prefix}/ link in: ${text}`);
  return match[1];
}

async function signedInAs(cookie: string): Promise<boolean> {
  return (await (await app.request("/logga-in", { headers: { cookie } })).text()).includes(
    "Du är inloggad som",
  );
}

describe("forgotten password", () => {
  it("mails a one-hour reset link; the new password works, the old does not, and old sessions end", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const before = await signIn(app, testDb.db, user);
    const answer = await postForm("/glomt-losenord", { email: user.email.toUpperCase(), kind: "reset" });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("Kolla din e-post");
    const mails = await mailsTo(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("Välj ett nytt lösenord");
    const link = await linkInMail(user.email, "aterstall");
    const token = link.split("/").at(-1) ?? "";
    const stored = await testDb.db
      .selectFrom("user_tokens")
      .select(["token_hash", "purpose", sql<number>`extract(epoch from expires_at - created_at)`.as("life")])
      .where("user_id", "=", user.userId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ token_hash: hashUserToken(token), purpose: "password-reset" });
    expect(Number(stored.life)).toBe(3600);

    const formPage = await app.request(link);
    expect(formPage.status).toBe(200);
    expect(await formPage.text()).toContain(user.email);

    const weak = await postForm(link, { password: "short", confirm: "short" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("minst 12 tecken");
    const common = await postForm(link, { password: "password1234", confirm: "password1234" });
    expect(await common.text()).toContain("för vanligt");
    const differ = await postForm(link, { password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}!` });
    expect(await differ.text()).toContain("inte likadana");

    const done = await postForm(link, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/konto");
    const session = cookiesFrom(done).get("lots_session");
    expect(session).toBeDefined();
    expect(await signedInAs(`lots_session=${session}`)).toBe(true);
    expect(await signedInAs(before.cookie)).toBe(false);
    const sessions = await testDb.db
      .selectFrom("sessions")
      .select("id_hash")
      .where("user_id", "=", user.userId)
      .execute();
    expect(sessions.map((s) => s.id_hash)).toEqual([hashSessionId(session ?? "")]);

    await expect(signIn(app, testDb.db, user)).rejects.toThrow(/401/);
    await expect(
      signIn(app, testDb.db, { email: user.email, password: NEW_PASSWORD }),
    ).resolves.toBeDefined();

    // Single use.
    const again = await app.request(link);
    expect(again.status).toBe(410);
    expect(
      (
        await postForm(
          link,
          { password: "another passphrase 2", confirm: "another passphrase 2" },
          "/logga-in",
        )
      ).status,
    ).toBe(410);
  });

  it("gives the same answer for unknown and inactive addresses, and mails nothing", async () => {
    await testDb.db
      .insertInto("users")
      .values({ email: "gone@test.lots.invalid", name: "Gone", status: "deactivated", password_hash: null })
      .execute();
    const known = await createUserWithRole(testDb.db, organisationId, "advisor");
    const texts = [];
    for (const email of ["nobody@test.lots.invalid", "gone@test.lots.invalid", known.email]) {
      const response = await postForm("/glomt-losenord", { email, kind: "reset" });
      expect(response.status).toBe(200);
      texts.push((await response.text()).replace(email, "EMAIL"));
    }
    expect(new Set(texts).size).toBe(1);
    expect(await mailsTo("nobody@test.lots.invalid")).toEqual([]);
    expect(await mailsTo("gone@test.lots.invalid")).toEqual([]);
    expect(await mailsTo(known.email)).toHaveLength(1);
  });

  it("refuses an expired reset link", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "navigator");
    const token = await createUserToken(testDb.db, user.userId, "password-reset");
    await testDb.db
      .updateTable("user_tokens")
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where("token_hash", "=", hashUserToken(token))
      .execute();
    expect((await app.request(`/aterstall/${token}`)).status).toBe(410);
    const post = await postForm(
      `/aterstall/${token}`,
      { password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      "/logga-in",
    );
    expect(post.status).toBe(410);
    expect(await post.text()).toContain("Länken fungerar inte");
  });

  it("limits requests per e-mail address with 429 and Retry-After", async () => {
    const email = "limited@test.lots.invalid";
    for (let i = 0; i < 3; i++)
      expect((await postForm("/glomt-losenord", { email, kind: "link" })).status).toBe(200);
    const limited = await postForm("/glomt-losenord", { email, kind: "link" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(await limited.text()).toContain("För många försök");
  });
});

describe("login link", () => {
  it("mails a 15-minute link whose GET only shows a button and whose POST signs in once", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "analyst");
    await postForm("/glomt-losenord", { email: user.email, kind: "link" });
    const link = await linkInMail(user.email, "inloggningslank");
    const life = await testDb.db
      .selectFrom("user_tokens")
      .select(sql<number>`extract(epoch from expires_at - created_at)`.as("life"))
      .where("user_id", "=", user.userId)
      .executeTakeFirstOrThrow();
    expect(Number(life.life)).toBe(900);

    // A mail scanner fetching the link twice does not use it up.
    for (let i = 0; i < 2; i++) {
      const page = await app.request(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`action="${link}"`);
    }
    const done = await postForm(link, {}, link);
    expect(done.status).toBe(303);
    const session = cookiesFrom(done).get("lots_session");
    expect(await signedInAs(`lots_session=${session}`)).toBe(true);
    expect((await postForm(link, {}, "/logga-in")).status).toBe(410);
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_id", "=", user.userId)
      .where("action", "=", "login")
      .execute();
    expect(audit.map((a) => a.details)).toEqual([{ method: "login-link" }]);
  });

  it("refuses an expired link", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "analyst");
    const token = await createUserToken(testDb.db, user.userId, "login-link");
    await testDb.db
      .updateTable("user_tokens")
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where("token_hash", "=", hashUserToken(token))
      .execute();
    expect((await postForm(`/inloggningslank/${token}`, {}, "/logga-in")).status).toBe(410);
  });

  it("stops working when a newer link is sent", async () => {
    const user = await createUserWithRole(testDb.db, organisationId, "analyst");
    const first = await createUserToken(testDb.db, user.userId, "login-link");
    await createUserToken(testDb.db, user.userId, "login-link");
    expect((await app.request(`/inloggningslank/${first}`)).status).toBe(410);
  });
});

describe("invitation", () => {
  async function invite(email: string) {
    const user = await testDb.db
      .insertInto("users")
      .values({ email, name: "", status: "invited" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await testDb.db
      .insertInto("memberships")
      .values({ user_id: user.id, organisation_id: organisationId, role: "advisor" })
      .execute();
    return { userId: user.id, token: await createUserToken(testDb.db, user.id, "invitation", null) };
  }

  it("lets the invitee set name and password, activates the account and signs in, once", async () => {
    const email = "invitee@test.lots.invalid";
    const { userId, token } = await invite(email);
    const life = await testDb.db
      .selectFrom("user_tokens")
      .select(sql<number>`extract(epoch from expires_at - created_at)`.as("life"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(Number(life.life)).toBe(7 * 24 * 3600);
    const page = await app.request(`/inbjudan/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);

    const missing = await postForm(`/inbjudan/${token}`, {
      name: "",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain("Skriv ditt namn");
    expect(missingHtml).toContain('aria-invalid="true"');

    const done = await postForm(`/inbjudan/${token}`, {
      name: "Ines Inbjuden",
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(done.status).toBe(303);
    const user = await testDb.db
      .selectFrom("users")
      .select(["status", "name", "password_hash"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user.status).toBe("active");
    expect(user.name).toBe("Ines Inbjuden");
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await signedInAs(`lots_session=${cookiesFrom(done).get("lots_session")}`)).toBe(true);
    await expect(signIn(app, testDb.db, { email, password: NEW_PASSWORD })).resolves.toBeDefined();

    expect((await app.request(`/inbjudan/${token}`)).status).toBe(410);
    expect(
      (
        await postForm(
          `/inbjudan/${token}`,
          { name: "X", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
          "/logga-in",
        )
      ).status,
    ).toBe(410);
  });

  it("refuses an expired invitation and leaves the account invited", async () => {
    const { userId, token } = await invite("late@test.lots.invalid");
    await testDb.db
      .updateTable("user_tokens")
      .set({ expires_at: sql`now() - interval '1 second'` })
      .where("user_id", "=", userId)
      .execute();
    const response = await postForm(
      `/inbjudan/${token}`,
      { name: "Late", password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      "/logga-in",
    );
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Inbjudan har redan använts eller har slutat gälla");
    const user = await testDb.db
      .selectFrom("users")
      .select("status")
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user.status).toBe("invited");
  });

  it("keeps the token usable when the password is refused", async () => {
    const { token } = await invite("weak@test.lots.invalid");
    const weak = await postForm(`/inbjudan/${token}`, {
      name: "Weak",
      password: "qwerty123456",
      confirm: "qwerty123456",
    });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("för vanligt");
    expect((await app.request(`/inbjudan/${token}`)).status).toBe(200);
  });
});

describe("sign-in page in demo mode", () => {
  it("lists the demo accounts under a demo banner only when demo data is loaded", async () => {
    const demoUser = await createUserWithRole(testDb.db, organisationId, "navigator", { name: "Dana Demo" });
    await testDb.db.updateTable("users").set({ is_demo: true }).where("id", "=", demoUser.userId).execute();
    const plain = await (await app.request("/logga-in")).text();
    expect(plain).not.toContain("Demokonton");
    const config = loadConfig({
      NODE_ENV: "test",
      DATA_DIR: testDb.dataDir ?? "/tmp/lots-test-config",
      SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    });
    const demoApp = buildApp({
      config,
      db: testDb.db,
      dbKind: testDb.kind,
      logger: createLogger({ level: "silent" }),
      isDemo: true,
    });
    const html = await (await demoApp.request("/logga-in")).text();
    expect(html).toContain("Demokonton");
    expect(html).toContain("Dana Demo");
    expect(html).toContain(DEMO_PASSWORD);
    // Each row's button signs in as that user.
    const csrf = await anonymousCsrf(demoApp);
    await testDb.db
      .updateTable("users")
      .set({ password_hash: await hashPassword(DEMO_PASSWORD) })
      .where("id", "=", demoUser.userId)
      .execute();
    const response = await demoApp.request("/logga-in", {
      method: "POST",
      headers: { cookie: csrf.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: form({ email: demoUser.email, password: DEMO_PASSWORD, _csrf: csrf.csrfToken }),
    });
    expect(response.status).toBe(303);
  });
});
