import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { RoleColumn } from "#src/db/schema.ts";

// The only SQL for api_tokens.

export type NewApiTokenRow = {
  organisation_id: string;
  name: string;
  role: RoleColumn;
  token_prefix: string;
  token_hash: string;
  created_by_user_id: string | null;
  expires_at: Date | null;
};

const COLUMNS = [
  "id",
  "organisation_id",
  "name",
  "role",
  "token_prefix",
  "created_by_user_id",
  "created_at",
  "expires_at",
  "last_used_at",
  "revoked_at",
] as const;

/** Inserts a token; returns the stored row (without the hash). */
export function insertApiToken(db: Db, row: NewApiTokenRow) {
  return db.insertInto("api_tokens").values(row).returning(COLUMNS).executeTakeFirstOrThrow();
}

/** The token with this hash, if it is neither revoked nor expired. */
export function findUsableApiTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .select(COLUMNS)
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", sql<Date>`now()`)]))
    .executeTakeFirst();
}

/** One token by id, whatever its state. */
export function findApiTokenById(db: Db, id: string) {
  return db.selectFrom("api_tokens").select(COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** An organisation's tokens, newest first. */
export function listApiTokensOfOrganisation(db: Db, organisationId: string) {
  return db
    .selectFrom("api_tokens")
    .select(COLUMNS)
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}

/**
 * Notes a use, at most once a minute per token: the condition makes concurrent requests and the
 * minute's later requests write nothing.
 */
export async function touchApiToken(db: Db, id: string): Promise<void> {
  await db
    .updateTable("api_tokens")
    .set({ last_used_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where((eb) =>
      eb.or([
        eb("last_used_at", "is", null),
        eb("last_used_at", "<", sql<Date>`now() - interval '1 minute'`),
      ]),
    )
    .execute();
}

/** Marks a token revoked (once); returns the row as it is afterwards. */
export async function revokeApiToken(db: Db, id: string) {
  await db
    .updateTable("api_tokens")
    .set({ revoked_at: sql<Date>`now()` })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  return findApiTokenById(db, id);
}
