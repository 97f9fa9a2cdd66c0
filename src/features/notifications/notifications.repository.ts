import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

// The only SQL for notification_preferences, notification_digest_items and (for the digest job) its row in
// lotsning_job_runs. Reads of users are limited to what mail needs: e-mail, language and status.

export type NotificationMode = "immediate" | "daily";

/** A recipient's account as notifications see it: whether it is active, and its chosen mode (if any). */
export type RecipientState = { user_id: string; status: string; mode: NotificationMode | null };

/** Status and chosen mode of each of `userIds` that exists; a user without a preference row has mode null. */
export async function findRecipientStates(db: Db, userIds: readonly string[]): Promise<RecipientState[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom("users")
    .leftJoin("notification_preferences as p", "p.user_id", "users.id")
    .select(["users.id as user_id", "users.status", "p.mode"])
    .where("users.id", "in", [...userIds])
    .execute();
}

/** The user's chosen mode, or undefined when they never chose one. */
export async function findMode(db: Db, userId: string): Promise<NotificationMode | undefined> {
  const row = await db
    .selectFrom("notification_preferences")
    .select("mode")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.mode;
}

/** Stores the user's mode (insert or update). */
export async function upsertMode(db: Db, userId: string, mode: NotificationMode): Promise<void> {
  await db
    .insertInto("notification_preferences")
    .values({ user_id: userId, mode })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ mode, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Adds pending digest items. */
export async function insertDigestItems(
  db: Db,
  items: readonly { user_id: string; subject: string; text_body: string }[],
): Promise<void> {
  if (items.length === 0) return;
  // clock_timestamp(), not the column's now(): now() is the transaction's start, so several items written in
  // one transaction would tie and the digest could list them out of order.
  await db
    .insertInto("notification_digest_items")
    .values(items.map((item) => ({ ...item, created_at: sql<Date>`clock_timestamp()` })))
    .execute();
}

/**
 * Claims a daily job's day: true for the one caller whose insert made the row, false for everyone after
 * (another pass, a restarted process, another process on PostgreSQL).
 */
export async function claimJobDay(db: Db, job: string, day: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto("lotsning_job_runs")
    .values({ job, day, ran_at: at })
    .onConflict((oc) => oc.columns(["job", "day"]).doNothing())
    .returning("job")
    .executeTakeFirst();
  return row !== undefined;
}

/** Users with at least one pending digest item, with what their mail needs. */
export async function listUsersWithPendingItems(db: Db) {
  return db
    .selectFrom("users")
    .select(["users.id", "users.email", "users.locale", "users.status"])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("notification_digest_items as i")
          .select(sql.lit(1).as("one"))
          .whereRef("i.user_id", "=", "users.id")
          .where("i.sent_at", "is", null),
      ),
    )
    .orderBy("users.id")
    .execute();
}

/**
 * Marks every pending item of the user as sent at `at` and returns them, oldest first. Run in the
 * transaction that puts the digest in the outbox: the items are taken if and only if their mail is queued.
 */
export async function takePendingItems(db: Db, userId: string, at: Date) {
  // UPDATE … RETURNING has no order of its own; the CTE sorts in SQL, where created_at keeps its
  // microseconds (a JavaScript Date would round items written in one statement to the same millisecond).
  return db
    .with("taken", (qb) =>
      qb
        .updateTable("notification_digest_items")
        .set({ sent_at: at })
        .where("user_id", "=", userId)
        .where("sent_at", "is", null)
        .returning(["id", "subject", "text_body", "created_at"]),
    )
    .selectFrom("taken")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}
