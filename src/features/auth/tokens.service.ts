import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import * as repository from "./tokens.repository.ts";

// One-time tokens sent by e-mail: invitations, password resets and login links. The link carries 256
// random bits; the database keeps only the SHA-256, so a copy of the table opens nothing. Each token is
// single use and expires; a new token of the same purpose replaces the user's unused ones.

export type { UserTokenPurpose } from "./tokens.repository.ts";

import type { UserTokenPurpose } from "./tokens.repository.ts";

/** How long each kind of token is valid. */
export const USER_TOKEN_LIFETIME_SECONDS: Readonly<Record<UserTokenPurpose, number>> = {
  invitation: 7 * 24 * 60 * 60,
  "password-reset": 60 * 60,
  "login-link": 15 * 60,
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 (hex) of a raw token, as stored. */
export function hashUserToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a one-time token for a user and returns the raw token (put it in the link; it is not kept).
 * Unused tokens of the same purpose for that user stop working. Valid 7 days for an invitation, 1 hour
 * for a password reset, 15 minutes for a login link. Runs in the caller's transaction when given one.
 */
export async function createUserToken(
  db: Db,
  userId: string,
  purpose: UserTokenPurpose,
  createdByUserId: string | null = null,
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await repository.deleteReplacedTokens(db, userId, purpose);
  await repository.insertUserToken(db, {
    tokenHash: hashUserToken(token),
    userId,
    purpose,
    createdByUserId,
    lifetimeSeconds: USER_TOKEN_LIFETIME_SECONDS[purpose],
  });
  return token;
}

/** The user a still-usable token belongs to, without using it up (for showing the form behind a link). */
export async function findUserToken(
  db: Db,
  token: string,
  purpose: UserTokenPurpose,
): Promise<{ userId: string; expiresAt: Date } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await repository.findUsableToken(db, hashUserToken(token), purpose);
  return row ? { userId: row.user_id, expiresAt: row.expires_at } : undefined;
}

/**
 * Uses up a token: returns its user when it was unused and unexpired, otherwise undefined. Atomic, so a
 * link works once even when clicked twice at the same moment. Call it inside the transaction that does
 * what the token allows, so a failure there leaves the token usable.
 */
export async function consumeUserToken(
  db: Db,
  token: string,
  purpose: UserTokenPurpose,
): Promise<{ userId: string } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const userId = await repository.markTokenUsed(db, hashUserToken(token), purpose);
  return userId ? { userId } : undefined;
}
