import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import type { Db } from "#src/db/client.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import * as repository from "./rate-limit.repository.ts";
import { renderRateLimited } from "./rate-limit.views.tsx";

// Rate limiting over the `rate_limits` table: fixed windows counted by one atomic upsert, so it works the
// same on embedded PGlite and on several PostgreSQL processes behind a load balancer.
//
// Why not rate-limiter-flexible: its PostgreSQL store creates and manages its own table and talks to the
// database through its own client calls, outside our migrations, our Kysely/pg.Pool driver path (which is
// what makes PGlite and PostgreSQL interchangeable) and our test databases. A fixed window needs one
// statement; owning it is simpler than adapting a library around it.

/** The longest window supported; stale counters older than this are deleted now and then. */
export const MAX_WINDOW_SECONDS = 24 * 60 * 60;

/** About one hit in this many also sweeps stale counters, so the table stays small without a scheduler. */
const CLEANUP_ONE_IN = 500;

/** The outcome of counting one hit. */
export type RateLimitResult = { allowed: boolean; hits: number; retryAfterSeconds: number };

/**
 * Counts one hit for `key` and says whether it is within `limit` hits per `windowSeconds`. When it is not,
 * `retryAfterSeconds` is what is left of the window (at least 1), for a `Retry-After` header.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<RateLimitResult> {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1 || windowSeconds > MAX_WINDOW_SECONDS) {
    throw new Error(`rate limit window must be 1..${MAX_WINDOW_SECONDS} whole seconds`);
  }
  const { hits, retryAfterSeconds } = await repository.hitWindow(db, key, windowSeconds);
  if (Math.random() * CLEANUP_ONE_IN < 1) await repository.deleteStaleWindows(db, MAX_WINDOW_SECONDS);
  return { allowed: hits <= limit, hits, retryAfterSeconds };
}

/** Takes back a hit counted by `consumeRateLimit`, e.g. when a sign-in attempt succeeded after all. */
export async function refundRateLimit(db: Db, key: string): Promise<void> {
  await repository.unhit(db, key);
}

/** Deletes counters whose window is long over. Called now and then by `consumeRateLimit`; exported for tests. */
export async function sweepRateLimits(db: Db): Promise<number> {
  return repository.deleteStaleWindows(db, MAX_WINDOW_SECONDS);
}

/**
 * The client's IP address: the TCP peer of the connection (@hono/node-server's connection info).
 * X-Forwarded-For is NOT read: it is set by whoever sends the request, so trusting it without a proxy in
 * front would let anyone pick their own rate-limit bucket. When Lots runs behind a reverse proxy, every
 * client shares the proxy's address; honouring the header then needs a configuration flag naming the
 * trusted proxy (not built yet). `app.request()` tests have no socket: they all count as "unknown"
 * unless they pass `{ incoming: { socket: { remoteAddress } } }` as the env argument.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Answers 429 with Retry-After: problem+json under /api/, otherwise a page in the visitor's language. */
export function rateLimitedResponse(
  c: Context<AppEnv>,
  retryAfterSeconds: number,
): Response | Promise<Response> {
  c.header("Retry-After", String(retryAfterSeconds));
  return renderRateLimited(c, retryAfterSeconds);
}

export type RateLimitOptions = {
  /** A short name that prefixes the keys, e.g. "password-reset-ip". */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
  /**
   * What to count by: usually `clientIp(c)`, or a form field (read with `c.req.parseBody()`, which Hono
   * caches, so the handler can still read the body). Return undefined to not count this request.
   */
  key: (c: Context<AppEnv>) => string | undefined | Promise<string | undefined>;
};

/**
 * A middleware that allows `limit` requests per `windowSeconds` per key and answers the rest with 429 and
 * Retry-After. Put it on the POST route of a public form:
 * `app.post("/glomt-losenord", rateLimit({ name: "reset-ip", limit: 10, windowSeconds: 900, key: clientIp }), handler)`.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = await options.key(c);
    if (key === undefined) return next();
    const result = await consumeRateLimit(
      c.var.deps.db,
      `${options.name}:${key}`,
      options.limit,
      options.windowSeconds,
    );
    if (!result.allowed) return rateLimitedResponse(c, result.retryAfterSeconds);
    return next();
  };
}
