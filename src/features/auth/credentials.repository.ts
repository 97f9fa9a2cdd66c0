import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

// The users-table SQL that signing in needs: reading an account with its password hash, and the writes
// only the auth flows make (password, activation by invitation, last sign-in). Profiles, roles and status
// changes by admins belong to the users feature (users.repository.ts); password hashes never leave auth.

/** The account with this (lower-case) e-mail address, with what signing in needs. */
export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "status", "locale", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
}

/** The account with this id, with what signing in needs. */
export function findUserById(db: Db, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "status", "locale", "password_hash"])
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Stores a new password hash. */
export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: sql`now()` })
    .where("id", "=", userId)
    .execute();
}

/** Activates an invited account with its name and password; false when it is no longer `invited`. */
export async function activateInvitedUser(
  db: Db,
  userId: string,
  input: { name: string; passwordHash: string },
): Promise<boolean> {
  const result = await db
    .updateTable("users")
    .set({ name: input.name, password_hash: input.passwordHash, status: "active", updated_at: sql`now()` })
    .where("id", "=", userId)
    .where("status", "=", "invited")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Notes a successful sign-in. */
export async function recordSignIn(db: Db, userId: string): Promise<void> {
  await db.updateTable("users").set({ last_login_at: sql`now()` }).where("id", "=", userId).execute();
}
