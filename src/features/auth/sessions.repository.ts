import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { Role } from "#src/shared/auth/actor.ts";

// The only SQL for `sessions`, plus the read of a signed-in user's memberships that every request needs.
// Times are compared with the database's clock, which all processes share.

const seconds = (n: number) => sql`(${n}::int * interval '1 second')`;

/** Stores a new session that ends `absoluteSeconds` from now at the latest. */
export async function insertSession(
  db: Db,
  row: {
    idHash: string;
    userId: string;
    csrfToken: string;
    absoluteSeconds: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<Date> {
  const inserted = await db
    .insertInto("sessions")
    .values({
      id_hash: row.idHash,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      expires_at: sql<Date>`now() + ${seconds(row.absoluteSeconds)}`,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .returning("expires_at")
    .executeTakeFirstOrThrow();
  return inserted.expires_at;
}

/**
 * The live session with this id hash and its user: not past its absolute end, seen within the idle
 * timeout, and the user active. `stale` says whether last_seen_at is older than `touchAfterSeconds`.
 */
export async function findLiveSession(
  db: Db,
  idHash: string,
  idleSeconds: number,
  touchAfterSeconds: number,
) {
  return db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select([
      "s.id_hash",
      "s.user_id",
      "s.csrf_token",
      "s.expires_at",
      "u.email",
      "u.name",
      sql<boolean>`s.last_seen_at < now() - ${seconds(touchAfterSeconds)}`.as("stale"),
    ])
    .where("s.id_hash", "=", idHash)
    .where("s.expires_at", ">", sql<Date>`now()`)
    .where("s.last_seen_at", ">", sql<Date>`now() - ${seconds(idleSeconds)}`)
    .where("u.status", "=", "active")
    .executeTakeFirst();
}

/** Notes that the session was used now (restarts the idle timeout). */
export async function touchSession(db: Db, idHash: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("id_hash", "=", idHash).execute();
}

/** Deletes one session; says whether there was one. */
export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("id_hash", "=", idHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes every session of a user. Returns how many. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes sessions past their absolute end or idle for longer than `idleSeconds`. */
export async function deleteDeadSessions(db: Db, idleSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", sql<Date>`now()`),
        eb("last_seen_at", "<=", sql<Date>`now() - ${seconds(idleSeconds)}`),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The organisations and roles a user holds, for the request's actor. */
export async function listMemberships(
  db: Db,
  userId: string,
): Promise<{ organisationId: string; role: Role }[]> {
  const rows = await db
    .selectFrom("memberships")
    .select(["organisation_id", "role"])
    .where("user_id", "=", userId)
    .orderBy("organisation_id")
    .orderBy("role")
    .execute();
  return rows.map((r) => ({ organisationId: r.organisation_id, role: r.role }));
}
