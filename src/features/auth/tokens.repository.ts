import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

// The only SQL for `user_tokens`: one-time tokens (invitation, password reset, login link), stored hashed.

export type UserTokenPurpose = "invitation" | "password-reset" | "login-link";

/** Stores a token hash valid for `lifetimeSeconds` from now. */
export async function insertUserToken(
  db: Db,
  row: {
    tokenHash: string;
    userId: string;
    purpose: UserTokenPurpose;
    createdByUserId: string | null;
    lifetimeSeconds: number;
  },
): Promise<void> {
  await db
    .insertInto("user_tokens")
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      purpose: row.purpose,
      created_by_user_id: row.createdByUserId,
      expires_at: sql<Date>`now() + (${row.lifetimeSeconds}::int * interval '1 second')`,
    })
    .execute();
}

/** Deletes a user's unused tokens of one purpose (a new one replaces them) and long-expired ones of anyone. */
export async function deleteReplacedTokens(db: Db, userId: string, purpose: UserTokenPurpose): Promise<void> {
  await db
    .deleteFrom("user_tokens")
    .where((eb) =>
      eb.or([
        eb.and([eb("user_id", "=", userId), eb("purpose", "=", purpose), eb("used_at", "is", null)]),
        eb("expires_at", "<", sql<Date>`now() - interval '30 days'`),
      ]),
    )
    .execute();
}

/** The unused, unexpired token with this hash and purpose. */
export async function findUsableToken(db: Db, tokenHash: string, purpose: UserTokenPurpose) {
  return db
    .selectFrom("user_tokens")
    .select(["user_id", "expires_at"])
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * Marks the token used if it is still usable, in one statement, so two requests racing with the same
 * link cannot both use it. Returns the user id, or undefined when it was unknown, used or expired.
 */
export async function markTokenUsed(
  db: Db,
  tokenHash: string,
  purpose: UserTokenPurpose,
): Promise<string | undefined> {
  const row = await db
    .updateTable("user_tokens")
    .set({ used_at: sql`now()` })
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("user_id")
    .executeTakeFirst();
  return row?.user_id;
}
