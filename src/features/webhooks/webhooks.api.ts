import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { type AuditContext, auditContext } from "#src/features/audit/audit.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { createFieldApiRouter, FieldProblem } from "#src/shared/field-errors.ts";
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryRecord,
  type WebhookRecord,
} from "./webhooks.service.ts";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "./webhooks.worker.ts";

// /api/v1/organisations/{id}/webhooks: an organisation's webhooks, so a partner's own CRM learns about the
// referrals to it. Lots POSTs each event, signed, and retries; these operations register, list and delete
// the addresses and show the delivery log. The signing secret is shown once, when the webhook is created.

const tags = ["Webhooks"];
const WHO =
  "Org admins of the organisation and the platform admin, by session or API token; anyone else gets 403";

/** The signed-in caller's audit context; anonymous callers get 401. */
function staffMeta(c: Context<AppEnv>): AuditContext {
  if (c.var.actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return auditContext(c);
}

/** An OpenAPI response entry for a problem document with per-field `errors` (as sent: problem+json). */
function fieldProblem(description: string) {
  return { description, content: { "application/problem+json": { schema: FieldProblem } } };
}

function humanDelay(ms: number): string {
  if (ms < 60_000) return `${ms / 1000} s`;
  if (ms < 3_600_000) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/** How a receiver checks a delivery: in every operation's description, so the reference says it once each. */
export const WEBHOOK_DELIVERY_DOCS =
  "Lots POSTs each event as JSON `{id, type, createdAt, organisationId, data}` (data: the referral — id, status, " +
  "outcome, declineReason, sentAt, respondBy —, its case {id, number}, offer {id, name}, organisation {id, name} " +
  "and company {name}) with the headers `lots-event-id` (the same in every retry: dedupe on it), " +
  "`lots-event-type`, `lots-delivery-id`, `lots-timestamp` (Unix seconds) and " +
  "`lots-signature: t=<unix>,v1=<hex>`, where hex is the HMAC-SHA256, keyed with the whole secret " +
  "(`whsec_…`, UTF-8), of `<t>.<body>` (the raw request body). Check the signature in constant time and " +
  "refuse timestamps more than 5 minutes old. Any 2xx answer counts as delivered; anything else (another " +
  "status, a timeout after 10 s, a redirect, a network error) is retried with backoff after " +
  `${RETRY_DELAYS_MS.slice(0, MAX_ATTEMPTS - 1)
    .map(humanDelay)
    .join(", ")} (${MAX_ATTEMPTS} attempts in all), then the delivery is ` +
  "marked failed. Delivery is at least once. Event types: " +
  `${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(", ")}.`;

const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .openapi({ description: "The subscribed event types; empty means every event" }),
    isActive: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Webhook");

const toWebhookJson = (record: WebhookRecord): z.infer<typeof WebhookSchema> => ({
  id: record.id,
  url: record.url,
  events: record.events.filter((e): e is (typeof WEBHOOK_EVENT_TYPES)[number] =>
    (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
  ),
  isActive: record.isActive,
  createdAt: record.createdAt.toISOString(),
});

const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    nextAttemptAt: z.string(),
    lastStatus: z.number().int().nullable().openapi({ description: "The receiver's last HTTP status" }),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({ description: "The body sent (or to be sent)" }),
  })
  .openapi("WebhookDelivery");

const toDeliveryJson = (d: WebhookDeliveryRecord): z.infer<typeof DeliverySchema> => ({
  id: d.id,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
  payload: d.payload,
});

const CreateBody = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: "the address must be an http(s) URL" })
      .max(2_000)
      .openapi({ description: "Where Lots POSTs the events; no user name or password in it" }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .max(WEBHOOK_EVENT_TYPES.length * 2)
      .optional()
      .openapi({ description: "Event types to send; omitted or empty: every event" }),
  })
  .openapi("CreateWebhook");

const OrganisationParams = z.object({ id: z.uuid("the organisation id is a UUID") });
const WebhookParams = OrganisationParams.extend({ webhookId: z.uuid("the webhook id is a UUID") });

/** The webhooks API. */
export function webhooksApi() {
  const api = createFieldApiRouter();

  /** The organisation's webhook with this id (403 for callers who may not manage it, 404 when not its). */
  async function webhookOf(
    db: Parameters<typeof listWebhooks>[0],
    organisationId: string,
    webhookId: string,
    meta: AuditContext,
  ): Promise<WebhookRecord> {
    const found = (await listWebhooks(db, organisationId, meta)).find((w) => w.id === webhookId);
    if (!found) throw new AppError("NOT_FOUND", "No such webhook in this organisation.");
    return found;
  }

  api.openapi(
    createRoute({
      method: "get",
      path: "/organisations/{id}/webhooks",
      tags,
      summary: "The organisation's webhooks (never their secrets)",
      description: `${WHO}. ${WEBHOOK_DELIVERY_DOCS}`,
      request: { params: OrganisationParams },
      responses: {
        200: json(z.object({ items: z.array(WebhookSchema) }), "Webhooks, oldest first"),
        400: fieldProblem("Invalid organisation id"),
        401: problem("No valid session or API token"),
        403: problem("Not an org admin of this organisation or the platform admin"),
      },
    }),
    async (c) => {
      const items = await listWebhooks(c.var.deps.db, c.req.valid("param").id, staffMeta(c));
      return c.json({ items: items.map(toWebhookJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/webhooks",
      tags,
      summary: "Register a webhook; the answer holds its signing secret, which is never shown again",
      description: `${WHO}. Audited (the address's host, never the secret). ${WEBHOOK_DELIVERY_DOCS}`,
      request: {
        params: OrganisationParams,
        body: { content: { "application/json": { schema: CreateBody } }, required: true },
      },
      responses: {
        201: json(
          z.object({
            id: z.string(),
            secret: z
              .string()
              .openapi({ description: "whsec_…: keep it; this is the only time it is shown" }),
          }),
          "The new webhook's id and signing secret",
        ),
        400: fieldProblem("Invalid address or event types"),
        401: problem("No valid session or API token"),
        403: problem("Not an org admin of this organisation or the platform admin"),
        404: problem("No such organisation"),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const created = await createWebhook(
        c.var.deps.db,
        { organisationId: c.req.valid("param").id, url: body.url, events: body.events ?? [] },
        staffMeta(c),
      );
      c.header("cache-control", "no-store");
      return c.json({ id: created.id, secret: created.secret }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/organisations/{id}/webhooks/{webhookId}",
      tags,
      summary: "Delete a webhook and its delivery log",
      description: `${WHO}. Queued deliveries are dropped. Audited.`,
      request: { params: WebhookParams },
      responses: {
        204: { description: "Deleted" },
        400: fieldProblem("Invalid ids"),
        401: problem("No valid session or API token"),
        403: problem("Not an org admin of this organisation or the platform admin"),
        404: problem("No such webhook in this organisation"),
      },
    }),
    async (c) => {
      const { id, webhookId } = c.req.valid("param");
      const db = c.var.deps.db;
      const meta = staffMeta(c);
      const webhook = await webhookOf(db, id, webhookId, meta);
      await deleteWebhook(db, webhook.id, meta);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/organisations/{id}/webhooks/{webhookId}/deliveries",
      tags,
      summary: "A webhook's deliveries, newest first",
      description:
        `${WHO}. With each delivery's payload, status, attempts and the receiver's last answer; audited as a ` +
        `read (payloads name companies). ${WEBHOOK_DELIVERY_DOCS}`,
      request: {
        params: WebhookParams,
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: json(z.object({ items: z.array(DeliverySchema) }), "Deliveries, newest first"),
        400: fieldProblem("Invalid ids or limit"),
        401: problem("No valid session or API token"),
        403: problem("Not an org admin of this organisation or the platform admin"),
        404: problem("No such webhook in this organisation"),
      },
    }),
    async (c) => {
      const { id, webhookId } = c.req.valid("param");
      const db = c.var.deps.db;
      const meta = staffMeta(c);
      const webhook = await webhookOf(db, id, webhookId, meta);
      const items = await listDeliveries(db, webhook.id, meta, c.req.valid("query").limit);
      return c.json({ items: items.map(toDeliveryJson) }, 200);
    },
  );

  return api;
}
