import { type Selectable, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { MailOutboxTable } from "#src/db/schema.ts";

// The only SQL for mail_outbox. Every time comes from the database's clock (now()), so several workers on
// different machines agree on what is due.

export type NewMail = {
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: string;
};

export type MailRow = Selectable<MailOutboxTable>;

/** How long a claimed mail is reserved for the worker that claimed it; a crashed worker's mail is retried after. */
export const CLAIM_LOCK = "5 minutes";

/** Adds a mail to the outbox; returns its id. */
export async function insertMail(db: Db, mail: NewMail): Promise<string> {
  const row = await db.insertInto("mail_outbox").values(mail).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due mails in one short statement (its own transaction): pending mail whose time has
 * come, and mail left 'sending' by a worker whose lock expired (it crashed or hung). SKIP LOCKED lets
 * several workers claim at once without waiting for or taking each other's rows; PostgreSQL re-checks the
 * WHERE clause against a row another worker claimed meanwhile, so no row is claimed twice. `attempts`
 * goes up here, before sending, so a mail that crashes its worker still counts towards the limit.
 */
export async function claimDueMail(db: Db, limit: number, maxAttempts: number): Promise<MailRow[]> {
  return db
    .updateTable("mail_outbox")
    .set({
      status: "sending",
      locked_until: sql<Date>`now() + ${sql.lit(CLAIM_LOCK)}::interval`,
      attempts: sql<number>`attempts + 1`,
    })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("mail_outbox")
        .select("id")
        .where((w) =>
          w.and([
            w.or([
              w.and([w("status", "=", "pending"), w("next_attempt_at", "<=", sql<Date>`now()`)]),
              w.and([w("status", "=", "sending"), w("locked_until", "<", sql<Date>`now()`)]),
            ]),
            w("attempts", "<", maxAttempts),
          ]),
        )
        .orderBy("next_attempt_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Marks mail stuck in 'sending' past its lock that has no attempts left as failed: its worker died during
 * the last attempt. Returns how many.
 */
export async function failAbandonedMail(db: Db, maxAttempts: number): Promise<number> {
  const result = await db
    .updateTable("mail_outbox")
    .set({ status: "failed", locked_until: null, last_error: "interrupted during the last attempt" })
    .where("status", "=", "sending")
    .where("locked_until", "<", sql<Date>`now()`)
    .where("attempts", ">=", maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// The claim is identified by (id, attempts): if the lock expired and another worker re-claimed the mail,
// attempts has moved on and these updates change nothing.

/** Records a delivered mail. Returns false when this worker no longer held the claim. */
export async function markSent(db: Db, id: string, attempts: number, via: "smtp" | "log"): Promise<boolean> {
  const result = await db
    .updateTable("mail_outbox")
    .set({
      status: "sent",
      sent_at: sql<Date>`now()`,
      locked_until: null,
      last_error: null,
      delivered_via: via,
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("attempts", "=", attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a mail back in the queue after a failed attempt, due again `delayMs` from now. */
export async function markRetry(
  db: Db,
  id: string,
  attempts: number,
  delayMs: number,
  error: string,
): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({
      status: "pending",
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${delayMs / 1000}::double precision)`,
      locked_until: null,
      last_error: error,
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("attempts", "=", attempts)
    .execute();
}

/** Gives up on a mail after its last attempt; it stays in the outbox for an operator to see. */
export async function markFailed(db: Db, id: string, attempts: number, error: string): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "failed", locked_until: null, last_error: error })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("attempts", "=", attempts)
    .execute();
}

/** Hands a claimed but unattempted mail back (the worker is stopping), as if it had never been claimed. */
export async function releaseClaim(db: Db, id: string, attempts: number): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "pending", locked_until: null, attempts: attempts - 1 })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .where("attempts", "=", attempts)
    .execute();
}

/** The newest mails first, without bodies: the development outbox page's list. */
export async function listRecentMail(db: Db, limit: number) {
  return db
    .selectFrom("mail_outbox")
    .select([
      "id",
      "to_address",
      "subject",
      "status",
      "attempts",
      "delivered_via",
      "last_error",
      "created_at",
      "sent_at",
    ])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** One mail with its bodies, or undefined. `id` must be a UUID (the caller checks). */
export async function findMail(db: Db, id: string): Promise<MailRow | undefined> {
  return db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirst();
}
