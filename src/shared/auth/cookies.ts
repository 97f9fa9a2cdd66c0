import type { CookieOptions } from "hono/utils/cookie";

// Names and attributes of the cookies Lots sets for sign-in and CSRF protection, in one place so the
// middleware, the sign-in routes and the tests agree.

/** Whether Lots is served over https (config.publicUrl), which decides the Secure attribute and HSTS. */
export function isHttpsUrl(publicUrl: string): boolean {
  return publicUrl.startsWith("https://");
}

/**
 * The session cookie's name. Behind https it is `__Host-lots_session`: the prefix makes browsers insist on
 * Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or overwrite it. Over plain http
 * (development, tests) browsers reject a `__Host-` cookie without Secure, and Secure cookies are not
 * sent over http, so the plain name `lots_session` is used there instead.
 */
export function sessionCookieName(publicUrl: string): string {
  return isHttpsUrl(publicUrl) ? "__Host-lots_session" : "lots_session";
}

/**
 * The session cookie's attributes: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * POSTs), Path=/, Secure behind https. Max-Age is the absolute session lifetime, so the browser forgets the
 * cookie no later than the server does.
 */
export function sessionCookieOptions(publicUrl: string, maxAgeSeconds: number): CookieOptions {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttpsUrl(publicUrl),
    maxAge: maxAgeSeconds,
  };
}

/** The anonymous visitor's CSRF cookie (double-submit); holds a random value, never a session. */
export const CSRF_COOKIE = "lots_csrf";

/** Attributes of the CSRF cookie: like the session cookie's, without an expiry (gone when the browser closes). */
export function csrfCookieOptions(publicUrl: string): CookieOptions {
  return { path: "/", httpOnly: true, sameSite: "Lax", secure: isHttpsUrl(publicUrl) };
}
