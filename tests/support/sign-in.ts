import { createHash } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import { hashPassword } from "#src/features/auth/passwords.ts";
import type { Role, UserActor } from "#src/shared/auth/actor.ts";

// Signing in through the real HTTP flow, for tests that need a signed-in browser: the route × role matrix,
// staff pages, CSRF. `app` is anything with Hono's `request` (createTestApp's result).

type RequestingApp = { request(input: string, init?: RequestInit): Response | Promise<Response> };

/** The password every user made by `createUserWithRole` has. */
export const TEST_PASSWORD = "correct horse battery staple";

let testHash: Promise<string> | undefined;
let serial = 0;

/** Cookie pairs (`name=value`) set by a response, ignoring ones it deletes. */
export function cookiesFrom(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const index = pair?.indexOf("=") ?? -1;
    if (!pair || index < 0) continue;
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    if (/max-age=0/i.test(header) || value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
  return cookies;
}

/** Turns cookie pairs into a Cookie request header. */
export function cookieHeader(cookies: Map<string, string>): string {
  return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
}

/** The value of the hidden `_csrf` field in a page. */
export function csrfFieldFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("the page has no _csrf field");
  return token;
}

/**
 * An anonymous visitor's CSRF cookie and the matching form token, as a browser gets them by opening a page.
 */
export async function anonymousCsrf(
  app: RequestingApp,
  path = "/logga-in",
): Promise<{ cookie: string; csrfToken: string }> {
  const page = await app.request(path);
  const cookies = cookiesFrom(page);
  return { cookie: cookieHeader(cookies), csrfToken: csrfFieldFrom(await page.text()) };
}

/** A form body (application/x-www-form-urlencoded) for `app.request`. */
export function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

export type SignedIn = {
  /** The Cookie header to send: the session cookie (and the anonymous CSRF cookie). */
  cookie: string;
  /** The session's CSRF token: send it as `_csrf` or `x-csrf-token` with state-changing requests. */
  csrfToken: string;
  /** The raw session id from the cookie. */
  sessionId: string;
  /** Headers for a state-changing request: cookie, CSRF header. Add content-type yourself. */
  headers: Record<string, string>;
};

/**
 * Signs in through GET and POST /logga-in, exactly as a browser does, and returns the cookie header and
 * the session's CSRF token (read from the sessions table). Throws unless the sign-in succeeds (303).
 */
export async function signIn(
  app: RequestingApp,
  db: Db,
  credentials: { email: string; password?: string },
): Promise<SignedIn> {
  const anonymous = await anonymousCsrf(app);
  const response = await app.request("/logga-in", {
    method: "POST",
    headers: { cookie: anonymous.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: form({
      email: credentials.email,
      password: credentials.password ?? TEST_PASSWORD,
      _csrf: anonymous.csrfToken,
    }),
  });
  if (response.status !== 303) {
    throw new Error(`signing in as ${credentials.email} answered ${response.status}, not 303`);
  }
  const cookies = new Map<string, string>();
  for (const part of anonymous.cookie.split("; ").filter(Boolean)) {
    const index = part.indexOf("=");
    cookies.set(part.slice(0, index), part.slice(index + 1));
  }
  for (const [name, value] of cookiesFrom(response)) cookies.set(name, value);
  const sessionName = [...cookies.keys()].find((name) => name.endsWith("lots_session"));
  const sessionId = sessionName ? cookies.get(sessionName) : undefined;
  if (!sessionId) throw new Error("signing in set no session cookie");
  const idHash = createHash("sha256").update(sessionId).digest("hex");
  const row = await db
    .selectFrom("sessions")
    .select("csrf_token")
    .where("id_hash", "=", idHash)
    .executeTakeFirstOrThrow();
  const cookie = cookieHeader(cookies);
  return {
    cookie,
    csrfToken: row.csrf_token,
    sessionId,
    headers: { cookie, "x-csrf-token": row.csrf_token },
  };
}

/**
 * An active user with one role in an organisation (or with platform-admin), who can sign in with
 * TEST_PASSWORD. Returns the actor they are once signed in, plus their e-mail and password.
 */
export async function createUserWithRole(
  db: Db,
  organisationId: string,
  role: Role,
  options: { email?: string; name?: string } = {},
): Promise<UserActor & { password: string }> {
  serial++;
  const email = (
    options.email ?? `${role}-${serial}-${Date.now().toString(36)}@test.lots.invalid`
  ).toLowerCase();
  const name = options.name ?? `Test ${role} ${serial}`;
  testHash ??= hashPassword(TEST_PASSWORD);
  const user = await db
    .insertInto("users")
    .values({ email, name, status: "active", password_hash: await testHash })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("memberships")
    .values({ user_id: user.id, organisation_id: organisationId, role })
    .execute();
  return {
    kind: "user",
    userId: user.id,
    name,
    email,
    memberships: [{ organisationId, role }],
    password: TEST_PASSWORD,
  };
}
