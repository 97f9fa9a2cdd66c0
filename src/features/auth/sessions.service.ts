import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { newSessionCsrfToken } from "#src/shared/auth/csrf.ts";
import * as repository from "./sessions.repository.ts";

// Server-side sessions. The cookie carries a random 256-bit id; the database keeps only its SHA-256, so
// someone who reads the table cannot use a session. A session ends after 30 minutes without requests
// (idle), 12 hours after sign-in (absolute), at sign-out, or when the user is deactivated.

/** Idle timeout: a session unused this long is over. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** Absolute timeout: no session lives longer than this from sign-in. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** last_seen_at is written at most this often per session, to spare the database a write per request. */
export const SESSION_TOUCH_SECONDS = 60;

/** A live session as the request sees it. */
export type ResolvedSession = {
  idHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
  actor: UserActor;
};

/** The SHA-256 (hex) of a session id: what the database stores and looks up. */
export function hashSessionId(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("hex");
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Starts a session for a user and returns the id to put in the cookie (shown this once). When
 * `replacingSessionId` is given (the cookie the browser sent), that session is ended first, so signing in
 * always gives a new id (no session fixation). Also clears out dead sessions now and then.
 */
export async function createSession(
  db: Db,
  input: {
    userId: string;
    ip?: string | undefined;
    userAgent?: string | undefined;
    replacingSessionId?: string | undefined;
  },
): Promise<{ sessionId: string; csrfToken: string; expiresAt: Date }> {
  if (input.replacingSessionId) await repository.deleteSession(db, hashSessionId(input.replacingSessionId));
  await repository.deleteDeadSessions(db, SESSION_IDLE_SECONDS);
  const sessionId = randomBytes(32).toString("base64url");
  const csrfToken = newSessionCsrfToken();
  const expiresAt = await repository.insertSession(db, {
    idHash: hashSessionId(sessionId),
    userId: input.userId,
    csrfToken,
    absoluteSeconds: SESSION_ABSOLUTE_SECONDS,
    ip: input.ip?.slice(0, 64) ?? null,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
  return { sessionId, csrfToken, expiresAt };
}

/**
 * The live session for a cookie value with its user as an actor (memberships loaded), or undefined when
 * the id is malformed, unknown, idle too long, past its absolute end, or its user is not active.
 * Restarts the idle timeout, writing last_seen_at at most once a minute.
 */
export async function resolveSession(db: Db, sessionId: string): Promise<ResolvedSession | undefined> {
  if (!SESSION_ID.test(sessionId)) return undefined;
  const idHash = hashSessionId(sessionId);
  const row = await repository.findLiveSession(db, idHash, SESSION_IDLE_SECONDS, SESSION_TOUCH_SECONDS);
  if (!row) return undefined;
  if (row.stale) await repository.touchSession(db, idHash);
  const memberships = await repository.listMemberships(db, row.user_id);
  return {
    idHash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    actor: { kind: "user", userId: row.user_id, name: row.name, email: row.email, memberships },
  };
}

/** Ends the session with this cookie value (sign-out). Says whether there was one. */
export async function endSession(db: Db, sessionId: string): Promise<boolean> {
  return repository.deleteSession(db, hashSessionId(sessionId));
}

/** Ends the session with this id hash (as in `c.var.session.idHash`). */
export async function endSessionByHash(db: Db, idHash: string): Promise<boolean> {
  return repository.deleteSession(db, idHash);
}

/**
 * Ends every session of a user: after a password reset, on deactivation, or when roles are taken away and
 * the user should sign in again. Returns how many sessions ended.
 */
export async function endAllSessionsForUser(db: Db, userId: string): Promise<number> {
  return repository.deleteSessionsOfUser(db, userId);
}
