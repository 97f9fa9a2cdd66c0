import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { findExistingOrganisationIds } from "#src/features/organisations/organisations.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import { canManageWebhooks } from "./webhooks.policy.ts";
import * as repository from "./webhooks.repository.ts";

// Webhooks: an organisation registers an address and Lots POSTs its referral events there, signed with a
// secret only Lots and the receiver know. Events are queued (webhook_deliveries) in the transaction of the
// change they describe, so an event exists if and only if the change does; webhooks.worker.ts sends them.

/** Every event a webhook can subscribe to (an empty subscription means all of them). */
export const WEBHOOK_EVENT_TYPES = [
  "referral.sent",
  "referral.accepted",
  "referral.in-progress",
  "referral.declined",
  "referral.closed",
  "referral.withdrawn",
  "referral.expired",
  "referral.reminded",
  "referral.note-shared",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What a receiver gets as the request body (JSON). */
export type WebhookEventPayload = {
  /** The event's id, the same in every retry and for every webhook it went to: receivers dedupe on it. */
  id: string;
  type: WebhookEventType;
  /** When the event happened (ISO 8601, UTC). */
  createdAt: string;
  organisationId: string;
  data: Record<string, unknown>;
};

/** A webhook as shown to its organisation's admins: never its secret. */
export type WebhookRecord = {
  id: string;
  organisationId: string;
  url: string;
  /** The subscribed event types; empty means every event. */
  events: string[];
  isActive: boolean;
  createdByUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** One delivery of one event to one webhook, as the delivery log shows it. */
export type WebhookDeliveryRecord = {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  payload: Record<string, unknown>;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
};

const Id = z.uuid();
const MAX_DELIVERIES_LIMIT = 200;

/** The input of `createWebhook`, checked at the service's boundary (the API's schema may reuse it). */
export const CreateWebhookInput = z.object({
  organisationId: z.uuid(),
  url: z
    .url({ protocol: /^https?$/, error: "the address must be an http(s) URL" })
    .max(2_000)
    // fetch refuses URLs with credentials, and they would be stored and shown in the clear.
    // (zod runs this even after the URL check failed, hence the guard.)
    .refine((value) => {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      return !url || (url.username === "" && url.password === "");
    }, "the address must not contain a user name or password"),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES))
    .default([])
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhookInput = z.input<typeof CreateWebhookInput>;

/** A new signing secret: `whsec_` and 32 random bytes in base64url (256 bits). */
function generateSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function toRecord(row: repository.WebhookListRow): WebhookRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    events: row.events,
    isActive: row.is_active,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The webhook's host only: addresses often carry a token in their path or query, which must not be logged. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function assertMayManage(ctx: AuditContext, organisationId: string): void {
  if (!canManageWebhooks(ctx.actor, organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's administrators may manage its webhooks.");
  }
}

/** The webhook (NOT_FOUND for an unknown or malformed id), after checking the actor may manage it (FORBIDDEN). */
async function manageableWebhook(db: Db, webhookId: string, ctx: AuditContext) {
  const row = Id.safeParse(webhookId).success ? await repository.findWebhook(db, webhookId) : undefined;
  if (!row) throw new AppError("NOT_FOUND", "No such webhook.");
  assertMayManage(ctx, row.organisation_id);
  return row;
}

/**
 * Queues an event for the organisation's webhooks and returns the event's id. Call it inside the
 * transaction of the change the event describes (the caller owns it), so the event is sent if and only if
 * the change commits. One pending delivery goes to every active webhook of `organisationId` subscribed to
 * `eventType`; no other organisation's webhook ever sees it. With no such webhook nothing is stored.
 */
export async function emitWebhookEvent(
  db: Db,
  organisationId: string,
  eventType: WebhookEventType,
  data: Record<string, unknown>,
  now: Date = new Date(),
): Promise<string> {
  // A programming error (the type already forbids it), so a plain Error rather than an AppError.
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(eventType)) {
    throw new Error(`Unknown webhook event type: ${eventType}`);
  }
  const eventId = randomUUID();
  const payload: WebhookEventPayload = {
    id: eventId,
    type: eventType,
    createdAt: now.toISOString(),
    organisationId,
    data,
  };
  await repository.insertDeliveriesForEvent(db, {
    organisationId,
    eventId,
    eventType,
    payload: JSON.stringify(payload),
    nextAttemptAt: now,
  });
  return eventId;
}

/**
 * Registers a webhook for an organisation and returns its id and signing secret. The secret is in the
 * answer this once; lists never show it again (rotate it to get a new one). `events` defaults to every
 * event. Throws VALIDATION_FAILED, FORBIDDEN (not the organisation's admin or the platform admin) or
 * NOT_FOUND (no such organisation). Audited as "create", "webhook" (the host, never the secret).
 */
export async function createWebhook(
  db: Db,
  input: CreateWebhookInput,
  ctx: AuditContext,
): Promise<{ id: string; secret: string }> {
  const parsed = CreateWebhookInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { organisationId, url, events } = parsed.data;
  assertMayManage(ctx, organisationId);
  if ((await findExistingOrganisationIds(db, [organisationId])).length === 0) {
    throw new AppError("NOT_FOUND", "No such organisation.");
  }
  const secret = generateSecret();
  const id = await inTransaction(db, async (trx) => {
    const id = await repository.insertWebhook(trx, {
      organisation_id: organisationId,
      url,
      secret,
      events,
      created_by_user_id: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    await recordAudit(trx, {
      ...ctx,
      action: "create",
      recordType: "webhook",
      recordId: id,
      organisationId,
      details: { host: hostOf(url), events },
    });
    return id;
  });
  return { id, secret };
}

/**
 * Gives a webhook a new signing secret, returned this once; the old one stops working for deliveries sent
 * from now on. Throws NOT_FOUND or FORBIDDEN. Audited as "update", "webhook".
 */
export async function rotateWebhookSecret(
  db: Db,
  webhookId: string,
  ctx: AuditContext,
): Promise<{ secret: string }> {
  const row = await manageableWebhook(db, webhookId, ctx);
  const secret = generateSecret();
  await inTransaction(db, async (trx) => {
    await repository.updateWebhookSecret(trx, row.id, secret);
    await recordAudit(trx, {
      ...ctx,
      action: "update",
      recordType: "webhook",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { change: "rotated signing key" },
    });
  });
  return { secret };
}

/**
 * Turns a webhook on or off. An inactive webhook gets no new events, and its queued deliveries wait
 * (they go out once it is turned on again). Throws NOT_FOUND or FORBIDDEN. Audited as "update", "webhook".
 */
export async function setWebhookActive(
  db: Db,
  webhookId: string,
  isActive: boolean,
  ctx: AuditContext,
): Promise<void> {
  const row = await manageableWebhook(db, webhookId, ctx);
  if (row.is_active === isActive) return;
  await inTransaction(db, async (trx) => {
    await repository.updateWebhookActive(trx, row.id, isActive);
    await recordAudit(trx, {
      ...ctx,
      action: "update",
      recordType: "webhook",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { isActive },
    });
  });
}

/** Deletes a webhook with its delivery log. Throws NOT_FOUND or FORBIDDEN. Audited as "delete", "webhook". */
export async function deleteWebhook(db: Db, webhookId: string, ctx: AuditContext): Promise<void> {
  const row = await manageableWebhook(db, webhookId, ctx);
  await inTransaction(db, async (trx) => {
    await repository.deleteWebhook(trx, row.id);
    await recordAudit(trx, {
      ...ctx,
      action: "delete",
      recordType: "webhook",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { host: hostOf(row.url) },
    });
  });
}

/**
 * An organisation's webhooks, oldest first, without secrets. FORBIDDEN unless the actor manages the
 * organisation's webhooks. Not audited: webhook settings hold no personal data.
 */
export async function listWebhooks(
  db: Db,
  organisationId: string,
  ctx: AuditContext,
): Promise<WebhookRecord[]> {
  assertMayManage(ctx, organisationId);
  if (!Id.safeParse(organisationId).success) return [];
  return (await repository.listWebhooksOfOrganisation(db, organisationId)).map(toRecord);
}

/**
 * A webhook's deliveries, newest first (at most `limit`, up to 200), with their payloads. Throws NOT_FOUND
 * or FORBIDDEN. Payloads describe referrals, which may name people, so the read is audited ("read",
 * "webhook").
 */
export async function listDeliveries(
  db: Db,
  webhookId: string,
  ctx: AuditContext,
  limit = 50,
): Promise<WebhookDeliveryRecord[]> {
  const row = await manageableWebhook(db, webhookId, ctx);
  const rows = await repository.listDeliveriesOfWebhook(
    db,
    row.id,
    Math.max(1, Math.min(MAX_DELIVERIES_LIMIT, Math.trunc(limit) || 1)),
  );
  await recordAudit(db, {
    ...ctx,
    action: "read",
    recordType: "webhook",
    recordId: row.id,
    organisationId: row.organisation_id,
    details: { deliveries: rows.length },
  });
  return rows.map((d) => ({
    id: d.id,
    webhookId: d.webhook_id,
    eventId: d.event_id,
    eventType: d.event_type,
    payload: d.payload,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.next_attempt_at,
    lastStatus: d.last_status,
    lastError: d.last_error,
    createdAt: d.created_at,
    deliveredAt: d.delivered_at,
  }));
}

/**
 * Puts a failed delivery back in the queue, due now, with a fresh set of attempts (the receiver was fixed).
 * A pending delivery is left as it is; a delivered one is never sent again (CONFLICT). Throws NOT_FOUND or
 * FORBIDDEN. Audited as "retry", "webhook".
 */
export async function retryDelivery(
  db: Db,
  deliveryId: string,
  ctx: AuditContext,
  now: Date = new Date(),
): Promise<void> {
  const delivery = Id.safeParse(deliveryId).success
    ? await repository.findDelivery(db, deliveryId)
    : undefined;
  if (!delivery) throw new AppError("NOT_FOUND", "No such webhook delivery.");
  assertMayManage(ctx, delivery.organisation_id);
  if (delivery.status === "delivered") {
    throw new AppError("CONFLICT", "This delivery has already been delivered; it is never sent twice.");
  }
  if (delivery.status === "pending") return;
  await inTransaction(db, async (trx) => {
    if (!(await repository.requeueFailedDelivery(trx, delivery.id, now))) return;
    await recordAudit(trx, {
      ...ctx,
      action: "retry",
      recordType: "webhook",
      recordId: delivery.webhook_id,
      organisationId: delivery.organisation_id,
      details: { deliveryId: delivery.id },
    });
  });
}

/**
 * The `lots-signature` header for a body sent at `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex>`, where
 * hex is the HMAC-SHA256, keyed with the whole secret string (UTF-8, `whsec_` included), of
 * `<timestamp>.<body>`. Signing the timestamp with the body lets receivers refuse replays of old requests.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Whether a `lots-signature` header is valid for `body` under `secret` and no more than `toleranceSeconds`
 * away from `now`: what a receiver should check before trusting a request. Any `v1` in the header may
 * match (room for sending several during a key change). The comparison is constant-time.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body).split("v1=")[1]!, "hex");
  let valid = false;
  for (const signature of signatures) {
    // Lengths are equal (both 32 bytes, checked by the pattern above), as timingSafeEqual requires.
    if (timingSafeEqual(expected, Buffer.from(signature, "hex"))) valid = true;
  }
  return valid;
}
