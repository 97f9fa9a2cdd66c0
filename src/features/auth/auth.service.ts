import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { enqueueMail, wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { consumeRateLimit, refundRateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { authMessages } from "./auth.messages.ts";
import * as credentials from "./credentials.repository.ts";
import {
  checkNewPassword,
  hashPassword,
  type PasswordProblem,
  verifyAgainstNothing,
  verifyPassword,
} from "./passwords.ts";
import { createSession, endAllSessionsForUser, endSession } from "./sessions.service.ts";
import { consumeUserToken, createUserToken, findUserToken } from "./tokens.service.ts";

// The sign-in use cases behind the pages in auth.routes.tsx: password sign-in with rate limits, sign-out,
// password reset and login links by e-mail, and accepting an invitation.

/** Failed sign-ins allowed per account (lower-cased e-mail) and per client address, per window. */
export const LOGIN_LIMITS = {
  perAccount: 10,
  perIp: 50,
  windowSeconds: 60,
} as const;

/** Where a request came from, for the session row and the audit log. */
export type RequestMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

export type NewSession = { sessionId: string; csrfToken: string; expiresAt: Date };

export type SignInResult =
  | { kind: "signed-in"; userId: string; session: NewSession }
  | { kind: "invalid" }
  | { kind: "rate-limited"; retryAfterSeconds: number };

/** Normalises an e-mail address as accounts store it. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function auditActor(user: { id: string; email: string; name: string }): UserActor {
  return { kind: "user", userId: user.id, email: user.email, name: user.name, memberships: [] };
}

function transaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Signs in with e-mail and password. Every attempt counts against two fixed-window limits (per account and
 * per client address); a right password takes its count back, so only failures add up. Beyond a limit the
 * answer is `rate-limited` even for the right password, until the window passes. Unknown accounts,
 * wrong passwords and inactive accounts all give `invalid`, in about the same time, so the answer does not
 * tell whether an account exists. `replacingSessionId` is the session cookie the browser sent, ended first.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; replacingSessionId?: string | undefined } & RequestMeta,
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const keys = [`login-account:${email}`, `login-ip:${input.ip ?? "unknown"}`];
  const account = await consumeRateLimit(db, keys[0]!, LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowSeconds);
  const address = await consumeRateLimit(db, keys[1]!, LOGIN_LIMITS.perIp, LOGIN_LIMITS.windowSeconds);
  if (!account.allowed || !address.allowed) {
    const blocking = [account, address].filter((r) => !r.allowed);
    return { kind: "rate-limited", retryAfterSeconds: Math.max(...blocking.map((r) => r.retryAfterSeconds)) };
  }

  const user = await credentials.findUserByEmail(db, email);
  const ok =
    user?.status === "active" && user.password_hash
      ? await verifyPassword(user.password_hash, input.password)
      : await verifyAgainstNothing(input.password);
  const meta = { ip: input.ip, userAgent: input.userAgent, requestId: input.requestId };

  if (!ok || !user) {
    await recordAudit(db, {
      actor: ANONYMOUS,
      action: "login-failed",
      recordType: "user",
      recordId: user?.id,
      ...meta,
      details: {
        email,
        reason: !user ? "unknown-account" : user.status !== "active" ? user.status : "wrong-password",
      },
    });
    return { kind: "invalid" };
  }

  for (const key of keys) await refundRateLimit(db, key);
  const session = await transaction(db, async (trx) => {
    const created = await createSession(trx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      replacingSessionId: input.replacingSessionId,
    });
    await credentials.recordSignIn(trx, user.id);
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "login",
      recordType: "user",
      recordId: user.id,
      ...meta,
      details: { method: "password" },
    });
    return created;
  });
  return { kind: "signed-in", userId: user.id, session };
}

/** Ends a session (sign-out) and notes it in the audit log when there was one. */
export async function signOut(
  db: Db,
  input: { sessionId: string; actor: UserActor | undefined } & RequestMeta,
) {
  const ended = await endSession(db, input.sessionId);
  if (ended && input.actor) {
    await recordAudit(db, {
      actor: input.actor,
      action: "logout",
      recordType: "user",
      recordId: input.actor.userId,
      ip: input.ip,
      userAgent: input.userAgent,
      requestId: input.requestId,
    });
  }
}

/**
 * Sends a password-reset link (valid 1 hour) or a login link (valid 15 minutes) to the address, but only
 * when it belongs to an active account; otherwise does nothing. The caller answers the same either way,
 * so the form does not reveal which addresses have accounts. The mail goes through the outbox.
 */
export async function requestPasswordHelp(
  db: Db,
  input: { email: string; kind: "reset" | "link"; publicUrl: string; networkName: string } & RequestMeta,
): Promise<void> {
  const user = await credentials.findUserByEmail(db, normaliseEmail(input.email));
  if (user?.status !== "active") return;
  await transaction(db, async (trx) => {
    const purpose = input.kind === "reset" ? "password-reset" : "login-link";
    const token = await createUserToken(trx, user.id, purpose, null);
    const t = authMessages(user.locale);
    const link = `${input.publicUrl}/${input.kind === "reset" ? "aterstall" : "inloggningslank"}/${token}`;
    const params = { network: input.networkName, name: user.name || user.email, link };
    const which = input.kind === "reset" ? "reset" : "link";
    await enqueueMail(trx, {
      to: user.email,
      subject: t(`mail.${which}.subject`, params),
      text: t(`mail.${which}.body`, params),
    });
    await recordAudit(trx, {
      actor: ANONYMOUS,
      action: input.kind === "reset" ? "password-reset-requested" : "login-link-requested",
      recordType: "user",
      recordId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      requestId: input.requestId,
    });
  });
  // Queued inside the transaction; send it now that it is committed rather than at the next poll.
  wakeMailWorkers(db);
}

/** The account behind a still-usable link, for the page the link opens (the token is not used up). */
export async function describeTokenLink(
  db: Db,
  token: string,
  purpose: "invitation" | "password-reset" | "login-link",
): Promise<{ userId: string; email: string; name: string } | undefined> {
  const found = await findUserToken(db, token, purpose);
  if (!found) return undefined;
  const user = await credentials.findUserById(db, found.userId);
  const wanted = purpose === "invitation" ? "invited" : "active";
  return user?.status === wanted ? { userId: user.id, email: user.email, name: user.name } : undefined;
}

export type TokenSignInResult =
  | { kind: "signed-in"; userId: string; session: NewSession }
  | { kind: "invalid-token" }
  | { kind: "weak-password"; problem: PasswordProblem };

/** Thrown inside a transaction to roll it back (the token stays usable) and answer invalid-token. */
class InvalidToken extends Error {}

async function withToken(
  db: Db,
  work: (trx: Db) => Promise<{ kind: "signed-in"; userId: string; session: NewSession }>,
): Promise<TokenSignInResult> {
  try {
    return await transaction(db, work);
  } catch (error) {
    if (error instanceof InvalidToken) return { kind: "invalid-token" };
    throw error;
  }
}

/**
 * Sets a new password with a reset link: uses up the token, stores the password, ends every session of
 * the user (whoever knew the old password is signed out) and starts a new one here. All in one
 * transaction: a weak password or an inactive account leaves the token unused.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string } & RequestMeta,
): Promise<TokenSignInResult> {
  const target = await describeTokenLink(db, input.token, "password-reset");
  if (!target) return { kind: "invalid-token" };
  const problem = checkNewPassword(input.password, { email: target.email });
  if (problem) return { kind: "weak-password", problem };
  const passwordHash = await hashPassword(input.password);
  return withToken(db, async (trx) => {
    const used = await consumeUserToken(trx, input.token, "password-reset");
    const user = used && (await credentials.findUserById(trx, used.userId));
    if (user?.status !== "active") throw new InvalidToken();
    await credentials.updatePasswordHash(trx, user.id, passwordHash);
    await endAllSessionsForUser(trx, user.id);
    const session = await createSession(trx, { userId: user.id, ip: input.ip, userAgent: input.userAgent });
    await credentials.recordSignIn(trx, user.id);
    const meta = { ip: input.ip, userAgent: input.userAgent, requestId: input.requestId };
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "password-reset",
      recordType: "user",
      recordId: user.id,
      ...meta,
    });
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "login",
      recordType: "user",
      recordId: user.id,
      ...meta,
      details: { method: "password-reset" },
    });
    return { kind: "signed-in", userId: user.id, session };
  });
}

/** Signs in with a login link from e-mail: uses up the token and starts a session. */
export async function signInWithLink(
  db: Db,
  input: { token: string; replacingSessionId?: string | undefined } & RequestMeta,
): Promise<TokenSignInResult> {
  return withToken(db, async (trx) => {
    const used = await consumeUserToken(trx, input.token, "login-link");
    const user = used && (await credentials.findUserById(trx, used.userId));
    if (user?.status !== "active") throw new InvalidToken();
    const session = await createSession(trx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      replacingSessionId: input.replacingSessionId,
    });
    await credentials.recordSignIn(trx, user.id);
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "login",
      recordType: "user",
      recordId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      requestId: input.requestId,
      details: { method: "login-link" },
    });
    return { kind: "signed-in", userId: user.id, session };
  });
}

/**
 * Accepts an invitation: uses up the token, sets the name and password, makes the account active and
 * starts a session. A weak password or an account that is no longer invited leaves the token unused.
 */
export async function acceptInvitation(
  db: Db,
  input: {
    token: string;
    name: string;
    password: string;
    replacingSessionId?: string | undefined;
  } & RequestMeta,
): Promise<TokenSignInResult> {
  const target = await describeTokenLink(db, input.token, "invitation");
  if (!target) return { kind: "invalid-token" };
  const problem = checkNewPassword(input.password, { email: target.email });
  if (problem) return { kind: "weak-password", problem };
  const passwordHash = await hashPassword(input.password);
  const name = input.name.trim().slice(0, 200);
  return withToken(db, async (trx) => {
    const used = await consumeUserToken(trx, input.token, "invitation");
    if (!used || !(await credentials.activateInvitedUser(trx, used.userId, { name, passwordHash }))) {
      throw new InvalidToken();
    }
    const user = await credentials.findUserById(trx, used.userId);
    if (!user) throw new InvalidToken();
    const session = await createSession(trx, {
      userId: user.id,
      ip: input.ip,
      userAgent: input.userAgent,
      replacingSessionId: input.replacingSessionId,
    });
    await credentials.recordSignIn(trx, user.id);
    const meta = { ip: input.ip, userAgent: input.userAgent, requestId: input.requestId };
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "invitation-accepted",
      recordType: "user",
      recordId: user.id,
      ...meta,
    });
    await recordAudit(trx, {
      actor: auditActor(user),
      action: "login",
      recordType: "user",
      recordId: user.id,
      ...meta,
      details: { method: "invitation" },
    });
    return { kind: "signed-in", userId: user.id, session };
  });
}
