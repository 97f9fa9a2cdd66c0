import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// CSRF protection, the pure parts. A state-changing request must send back a token it could only have
// read from one of our own pages: for a signed-in user the session's random csrf token; for an anonymous
// visitor the HMAC (keyed with the session secret) of the random value in the HttpOnly `lots_csrf` cookie
// ("signed double-submit"). A cross-site page can make the browser send the cookie, but can read neither
// the cookie nor our pages, so it cannot produce the token. Origin and Sec-Fetch-Site checks come on top.

/** The form field and the header a client sends the token in. */
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** Methods that change state and so need a token. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** A new random value for the anonymous CSRF cookie (32 bytes, base64url). */
export function newCsrfCookieValue(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a cookie value has the shape `newCsrfCookieValue` makes (anything else is replaced). */
export function isCsrfCookieValue(value: string | undefined): value is string {
  return value !== undefined && COOKIE_VALUE.test(value);
}

/** The token an anonymous visitor's forms carry: HMAC-SHA256 of the cookie value under the secret. */
export function anonymousCsrfToken(secret: string, cookieValue: string): string {
  return createHmac("sha256", secret).update(`lots-csrf:${cookieValue}`).digest("base64url");
}

/** A new random token for a session (32 bytes, base64url). */
export function newSessionCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Compares a submitted token with the expected one in constant time; a missing token never matches. */
export function csrfTokensMatch(submitted: unknown, expected: string): boolean {
  if (typeof submitted !== "string" || submitted.length === 0 || expected.length === 0) return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether an `Origin` header names one of the allowed origins. `null` (sandboxed frames, some redirects)
 * and anything unparsable are foreign.
 */
export function isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  let parsed: string;
  try {
    parsed = new URL(origin).origin;
  } catch {
    return false;
  }
  return parsed !== "null" && allowed.includes(parsed);
}

/** Why a state-changing request was refused; the messages differ, the answer (403) does not. */
export type CsrfRefusal = "foreign-origin" | "cross-site" | "missing-token" | "wrong-token";
