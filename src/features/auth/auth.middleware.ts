import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { resolveApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import {
  CSRF_COOKIE,
  csrfCookieOptions,
  sessionCookieName,
  sessionCookieOptions,
} from "#src/shared/auth/cookies.ts";
import {
  anonymousCsrfToken,
  CSRF_FIELD,
  CSRF_HEADER,
  type CsrfRefusal,
  csrfTokensMatch,
  isAllowedOrigin,
  isCsrfCookieValue,
  newCsrfCookieValue,
  STATE_CHANGING_METHODS,
} from "#src/shared/auth/csrf.ts";
import { AppError } from "#src/shared/errors.ts";
import { problemResponse } from "#src/shared/http-errors.ts";
import { renderCsrfRefused } from "./auth.views.tsx";
import { resolveSession, SESSION_ABSOLUTE_SECONDS } from "./sessions.service.ts";

// Who is asking, and may they change anything: the `authenticate` middleware sets c.var.actor, c.var.session
// and c.var.csrfToken for every request; `csrfProtection` refuses state-changing requests without proof
// that they come from our own pages; `requireUser` guards staff pages and API operations.

/** Whether a path is the JSON API, where Bearer tokens are accepted and errors are problem+json. */
export function isApiPath(path: string): boolean {
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

function unauthenticated(c: Context<AppEnv>, message: string): Response {
  c.header("WWW-Authenticate", 'Bearer realm="lots"');
  return problemResponse(c, new AppError("UNAUTHENTICATED", message), c.var.requestId);
}

/** The session cookie the request carries, if any. */
export function sessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, sessionCookieName(c.var.deps.config.publicUrl));
}

/** Sets the session cookie after sign-in (HttpOnly, SameSite=Lax, Path=/, Secure and `__Host-` behind https). */
export function setSessionCookie(c: Context<AppEnv>, sessionId: string): void {
  const { publicUrl } = c.var.deps.config;
  setCookie(
    c,
    sessionCookieName(publicUrl),
    sessionId,
    sessionCookieOptions(publicUrl, SESSION_ABSOLUTE_SECONDS),
  );
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context<AppEnv>): void {
  const { publicUrl } = c.var.deps.config;
  deleteCookie(c, sessionCookieName(publicUrl), sessionCookieOptions(publicUrl, 0));
}

/**
 * Identifies the requester. On /api/v1 an `Authorization: Bearer` token decides (a bad, expired or revoked
 * token answers 401; it never falls back to anonymous); elsewhere the Authorization header is ignored.
 * Without a token, the session cookie decides; a cookie for no live session is cleared. Sets the CSRF token
 * forms embed: the session's own, or for anonymous visitors the HMAC of the `lots_csrf` cookie, which is
 * set when missing (not on /assets/, whose answers should stay cacheable).
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, config } = c.var.deps;
  c.set("actor", ANONYMOUS);
  c.set("session", undefined);

  const authorization = c.req.header("authorization");
  let bearer = false;
  if (authorization !== undefined && isApiPath(c.req.path)) {
    const token = BEARER.exec(authorization)?.[1];
    if (!token) return unauthenticated(c, "The Authorization header must be `Bearer <token>`.");
    const actor = await resolveApiToken(db, token);
    if (!actor) return unauthenticated(c, "The API token is unknown, expired or revoked.");
    c.set("actor", actor);
    bearer = true;
  }

  let csrfToken: string | undefined;
  const cookie = bearer ? undefined : sessionCookie(c);
  if (cookie !== undefined) {
    const session = await resolveSession(db, cookie);
    if (session) {
      c.set("actor", session.actor);
      c.set("session", { idHash: session.idHash, userId: session.userId });
      csrfToken = session.csrfToken;
    } else {
      clearSessionCookie(c);
    }
  }

  if (csrfToken === undefined) {
    let value = getCookie(c, CSRF_COOKIE);
    if (!isCsrfCookieValue(value)) {
      value = newCsrfCookieValue();
      if (!c.req.path.startsWith("/assets/"))
        setCookie(c, CSRF_COOKIE, value, csrfCookieOptions(config.publicUrl));
    }
    csrfToken = anonymousCsrfToken(config.sessionSecret, value);
  }
  c.set("csrfToken", csrfToken);
  await next();
};

/** The origins a state-changing request may come from: the configured public URL's and the request's own. */
function allowedOrigins(c: Context<AppEnv>): string[] {
  return [new URL(c.var.deps.config.publicUrl).origin, new URL(c.req.url).origin];
}

async function submittedCsrfToken(c: Context<AppEnv>): Promise<unknown> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return undefined;
  // parseBody caches the parsed form on the request (bodyCache), so the handler's own parseBody still works.
  const body = await c.req.parseBody();
  return body[CSRF_FIELD];
}

/**
 * API operations that use POST only to carry a request body and change nothing (no session, no stored
 * data; their rate limit counts by address): CSRF protects nothing there, and public clients have no token.
 */
const READ_ONLY_API_POSTS = new Set(["/api/v1/match"]);

/**
 * Public API operations that anyone may call without an account and that act on no one's session: a meeting
 * registration names its own person, as the public form does. A forged cross-site request could do nothing
 * the attacker cannot do directly, so CSRF protects nothing; their rate limit counts by address.
 */
const PUBLIC_API_POSTS = [/^\/api\/v1\/meetings\/[^/]+\/registrations$/];

/** Why this request may not change anything, or undefined when it may. */
async function csrfRefusal(c: Context<AppEnv>): Promise<CsrfRefusal | undefined> {
  if (c.req.method === "POST" && READ_ONLY_API_POSTS.has(c.req.path)) return undefined;
  if (c.req.method === "POST" && PUBLIC_API_POSTS.some((path) => path.test(c.req.path))) return undefined;
  const origin = c.req.header("origin");
  if (origin !== undefined && !isAllowedOrigin(origin, allowedOrigins(c))) return "foreign-origin";
  if (c.req.header("sec-fetch-site")?.toLowerCase() === "cross-site") return "cross-site";
  // API clients with a token and no cookie: a browser cannot be tricked into adding the header cross-site.
  if (c.var.actor.kind === "token" && sessionCookie(c) === undefined) return undefined;
  const submitted = await submittedCsrfToken(c);
  if (submitted === undefined || submitted === "") return "missing-token";
  return csrfTokensMatch(submitted, c.var.csrfToken) ? undefined : "wrong-token";
}

const REFUSAL_TEXT: Record<CsrfRefusal, string> = {
  "foreign-origin":
    "The request comes from another origin; state-changing requests must come from Lots' own pages.",
  "cross-site": "The request was sent from another site (Sec-Fetch-Site: cross-site).",
  "missing-token": "The CSRF token is missing: send the `_csrf` form field or the `x-csrf-token` header.",
  "wrong-token": "The CSRF token is wrong or belongs to another session. Reload the page and try again.",
};

/**
 * Refuses (403 FORBIDDEN) every POST, PUT, PATCH and DELETE that does not prove it comes from our own pages:
 * a foreign `Origin` or `Sec-Fetch-Site: cross-site` is refused outright; otherwise the `_csrf` field or
 * `x-csrf-token` header must equal c.var.csrfToken, except for Bearer-token API calls without a session
 * cookie. Mount after `authenticate`.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!STATE_CHANGING_METHODS.has(c.req.method)) return next();
  const refusal = await csrfRefusal(c);
  if (!refusal) return next();
  c.var.logger.warn(
    { refusal, method: c.req.method, path: c.req.path },
    "refused a state-changing request (CSRF)",
  );
  if (c.req.path.startsWith("/api/")) {
    return problemResponse(c, new AppError("FORBIDDEN", REFUSAL_TEXT[refusal]), c.var.requestId);
  }
  return renderCsrfRefused(c);
};

/** Only same-site paths are followed after sign-in, so `?next=` cannot send anyone elsewhere. */
export function safeLocalPath(value: string | undefined | null): string | undefined {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  // Backslashes and control characters: some browsers read "/\evil" or "/\tevil" as another host.
  for (const char of value)
    if (char === "\\" || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f) return undefined;
  return value;
}

/**
 * Lets signed-in requests through; anonymous ones get a 303 to /logga-in?next=<this page> (pages) or 401
 * problem+json (/api/v1). On the API a token counts as signed in. Use per route:
 * `app.get("/konto", requireUser, handler)`. What the actor may do is still each service's policy.
 */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.actor.kind !== "anonymous") return next();
  if (isApiPath(c.req.path)) {
    c.header("WWW-Authenticate", 'Bearer realm="lots"');
    return problemResponse(
      c,
      new AppError("UNAUTHENTICATED", "Sign in or send an API token."),
      c.var.requestId,
    );
  }
  return redirectToSignIn(c);
};

/** A 303 to /logga-in that comes back here afterwards (with the query for a GET; a POST's body is gone). */
export function redirectToSignIn(c: Context<AppEnv>): Response {
  const url = new URL(c.req.url);
  const target = c.req.method === "GET" ? `${url.pathname}${url.search}` : url.pathname;
  return c.redirect(`/logga-in?next=${encodeURIComponent(target)}`, 303);
}

/** The same guard under another name, for readers who look for it. */
export const requireSignedIn = requireUser;

/**
 * The signed-in user, for handlers behind `requireUser` on pages; throws UNAUTHENTICATED when there is
 * none (a programming error on a page without the guard, or a token on a page-only operation).
 */
export function currentUser(c: Context<AppEnv>): UserActor {
  const actor = c.var.actor;
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return actor;
}
