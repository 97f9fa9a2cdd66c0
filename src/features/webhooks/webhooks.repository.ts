import { type Selectable, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { WebhookDeliveriesTable } from "#src/db/schema.ts";

// The only SQL for webhooks and webhook_deliveries. Times come from the caller (the worker's clock, not the
// database's now()), so tests can drive the retry schedule and every decision of one pass uses one instant.

/** A webhook as lists show it: everything but the secret, which is shown once and never read back out. */
export type WebhookListRow = {
  id: string;
  organisation_id: string;
  url: string;
  events: string[];
  is_active: boolean;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
};

export type DeliveryRow = Selectable<WebhookDeliveriesTable>;

/** A claimed delivery with what sending it needs from its webhook. */
export type ClaimedDelivery = DeliveryRow & { url: string; secret: string };

const LIST_COLUMNS = [
  "id",
  "organisation_id",
  "url",
  "events",
  "is_active",
  "created_by_user_id",
  "created_at",
  "updated_at",
] as const;

/** Stores a new webhook; returns its id. */
export async function insertWebhook(
  db: Db,
  webhook: {
    organisation_id: string;
    url: string;
    secret: string;
    events: string[];
    created_by_user_id: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto("webhooks")
    .values({ ...webhook, events: sql<string[]>`${webhook.events}::text[]` })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One webhook without its secret, or undefined. `id` must be a UUID (the caller checks). */
export async function findWebhook(db: Db, id: string): Promise<WebhookListRow | undefined> {
  return db.selectFrom("webhooks").select(LIST_COLUMNS).where("id", "=", id).executeTakeFirst();
}

/** An organisation's webhooks, oldest first, without their secrets. */
export async function listWebhooksOfOrganisation(db: Db, organisationId: string): Promise<WebhookListRow[]> {
  return db
    .selectFrom("webhooks")
    .select(LIST_COLUMNS)
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** Replaces a webhook's secret. */
export async function updateWebhookSecret(db: Db, id: string, secret: string): Promise<void> {
  await db
    .updateTable("webhooks")
    .set({ secret, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
}

/** Turns a webhook on or off. */
export async function updateWebhookActive(db: Db, id: string, isActive: boolean): Promise<void> {
  await db
    .updateTable("webhooks")
    .set({ is_active: isActive, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
}

/** Deletes a webhook; its deliveries go with it (on delete cascade). */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  await db.deleteFrom("webhooks").where("id", "=", id).execute();
}

/**
 * Queues one pending delivery of an event for every active webhook of `organisationId` that subscribes to
 * `eventType` (an empty `events` list subscribes to everything), in one statement. Only that organisation's
 * webhooks are considered: another organisation must never receive its referrals. The unique
 * (webhook_id, event_id) makes a repeated call for the same event a no-op. Returns how many were queued.
 */
export async function insertDeliveriesForEvent(
  db: Db,
  event: {
    organisationId: string;
    eventId: string;
    eventType: string;
    payload: string;
    nextAttemptAt: Date;
  },
): Promise<number> {
  const result = await db
    .insertInto("webhook_deliveries")
    .columns(["webhook_id", "event_id", "event_type", "payload", "next_attempt_at"])
    .expression((eb) =>
      eb
        .selectFrom("webhooks")
        .select([
          "id",
          sql<string>`${event.eventId}::uuid`.as("event_id"),
          sql<string>`${event.eventType}::text`.as("event_type"),
          sql<string>`${event.payload}::jsonb`.as("payload"),
          sql<Date>`${event.nextAttemptAt}::timestamptz`.as("next_attempt_at"),
        ])
        .where("organisation_id", "=", event.organisationId)
        .where("is_active", "=", true)
        .where((w) =>
          w.or([
            w(sql`cardinality(events)`, "=", 0),
            w(sql`${event.eventType}::text`, "=", sql<string>`any(events)`),
          ]),
        ),
    )
    .onConflict((oc) => oc.columns(["webhook_id", "event_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** A webhook's deliveries, newest first. */
export async function listDeliveriesOfWebhook(db: Db, webhookId: string, limit: number) {
  return db
    .selectFrom("webhook_deliveries")
    .select([
      "id",
      "webhook_id",
      "event_id",
      "event_type",
      "payload",
      "status",
      "attempts",
      "next_attempt_at",
      "last_status",
      "last_error",
      "created_at",
      "delivered_at",
    ])
    .where("webhook_id", "=", webhookId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** One delivery with its webhook's organisation, or undefined. `id` must be a UUID (the caller checks). */
export async function findDelivery(
  db: Db,
  id: string,
): Promise<
  { id: string; webhook_id: string; organisation_id: string; status: DeliveryRow["status"] } | undefined
> {
  return db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhooks as w", "w.id", "d.webhook_id")
    .select(["d.id", "d.webhook_id", "w.organisation_id", "d.status"])
    .where("d.id", "=", id)
    .executeTakeFirst();
}

/**
 * Puts a failed delivery back in the queue, due at `now`, with a fresh set of attempts. Returns false when
 * it was not failed (meanwhile retried by someone else, or never failed): a delivered row never goes back.
 */
export async function requeueFailedDelivery(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({ status: "pending", attempts: 0, next_attempt_at: now, locked_until: null })
    .where("id", "=", id)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Claims up to `limit` due deliveries in one statement (its own short transaction): pending, due by `now`,
 * not leased to another worker (or its lease ran out: that worker crashed or hung), attempts left, and
 * their webhook active (turning a webhook off pauses its queue). The lease is `locked_until`. FOR UPDATE
 * SKIP LOCKED lets several workers claim at once without waiting for each other's rows, and PostgreSQL
 * re-checks the conditions against a row another worker claimed meanwhile, so no row is claimed twice.
 * `attempts` goes up here, before sending, so a delivery that crashes its worker still counts towards the
 * limit; the claim is then identified by (id, attempts). Returns the rows with their webhook's url and secret.
 */
export async function claimDueDeliveries(
  db: Db,
  options: { now: Date; lockedUntil: Date; limit: number; maxAttempts: number },
): Promise<ClaimedDelivery[]> {
  const { now, lockedUntil, limit, maxAttempts } = options;
  return db
    .updateTable("webhook_deliveries")
    .from("webhooks")
    .set({ locked_until: lockedUntil, attempts: sql<number>`webhook_deliveries.attempts + 1` })
    .whereRef("webhooks.id", "=", "webhook_deliveries.webhook_id")
    .where("webhook_deliveries.id", "in", (eb) =>
      eb
        .selectFrom("webhook_deliveries as d")
        .innerJoin("webhooks as w", "w.id", "d.webhook_id")
        .select("d.id")
        .where("d.status", "=", "pending")
        .where("d.next_attempt_at", "<=", now)
        .where((w) => w.or([w("d.locked_until", "is", null), w("d.locked_until", "<=", now)]))
        .where("d.attempts", "<", maxAttempts)
        .where("w.is_active", "=", true)
        .orderBy("d.next_attempt_at")
        .orderBy("d.id")
        .limit(limit)
        .forUpdate(["d"])
        .skipLocked(),
    )
    .returning([
      "webhook_deliveries.id",
      "webhook_deliveries.webhook_id",
      "webhook_deliveries.event_id",
      "webhook_deliveries.event_type",
      "webhook_deliveries.payload",
      "webhook_deliveries.status",
      "webhook_deliveries.attempts",
      "webhook_deliveries.next_attempt_at",
      "webhook_deliveries.locked_until",
      "webhook_deliveries.last_status",
      "webhook_deliveries.last_error",
      "webhook_deliveries.created_at",
      "webhook_deliveries.delivered_at",
      "webhooks.url",
      "webhooks.secret",
    ])
    .execute();
}

/**
 * Marks as failed the deliveries whose worker died during their last allowed attempt (lease ran out, no
 * attempts left); otherwise they would stay pending forever. Returns how many.
 */
export async function failAbandonedDeliveries(db: Db, now: Date, maxAttempts: number): Promise<number> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({ status: "failed", locked_until: null, last_error: "interrupted during the last attempt" })
    .where("status", "=", "pending")
    .where("locked_until", "<=", now)
    .where("attempts", ">=", maxAttempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// Every outcome below is conditional on the claim (id, attempts, still pending): if the lease ran out and
// another worker re-claimed the row, attempts has moved on and nothing changes; a delivered row is never
// touched again.

/** Records a delivery the receiver accepted. Returns false when this worker no longer held the claim. */
export async function markDelivered(
  db: Db,
  claim: { id: string; attempts: number },
  httpStatus: number,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({
      status: "delivered",
      delivered_at: now,
      locked_until: null,
      last_status: httpStatus,
      last_error: null,
    })
    .where("id", "=", claim.id)
    .where("status", "=", "pending")
    .where("attempts", "=", claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a failed attempt: due again at `nextAttemptAt`, or 'failed' for good when `nextAttemptAt` is null. */
export async function markAttemptFailed(
  db: Db,
  claim: { id: string; attempts: number },
  outcome: { httpStatus: number | null; error: string; nextAttemptAt: Date | null },
): Promise<void> {
  await db
    .updateTable("webhook_deliveries")
    .set({
      status: outcome.nextAttemptAt ? "pending" : "failed",
      ...(outcome.nextAttemptAt ? { next_attempt_at: outcome.nextAttemptAt } : {}),
      locked_until: null,
      last_status: outcome.httpStatus,
      last_error: outcome.error,
    })
    .where("id", "=", claim.id)
    .where("status", "=", "pending")
    .where("attempts", "=", claim.attempts)
    .execute();
}
