import type { Db } from "#src/db/client.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import * as repository from "./webhooks.repository.ts";
import { signPayload } from "./webhooks.service.ts";

export { retryDelivery } from "./webhooks.service.ts";

/** Waits after failed attempt 1, 2, 3 …: 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h, 24 h. */
export const RETRY_DELAYS_MS = [
  30_000,
  2 * 60_000,
  10 * 60_000,
  60 * 60_000,
  3 * 60 * 60_000,
  6 * 60 * 60_000,
  12 * 60 * 60_000,
  24 * 60 * 60_000,
] as const;
/** Attempts before a delivery is given up ('failed'): the first and seven retries, about 22 hours in all. */
export const MAX_ATTEMPTS = 8;
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_BATCH_SIZE = 20;
/** How long past the request timeout a claim stays reserved: time to record the outcome. */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 1_000;
const USER_AGENT = "Lots-Webhooks/1";

/** How long to wait after failed attempt number `attempt` (1-based); the last delay repeats beyond the list. */
export function retryDelayMs(attempt: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempt, 1), RETRY_DELAYS_MS.length) - 1]!;
}

export type DeliverOptions = {
  /** The clock: what is due, the lease, the retry schedule and the signature's timestamp (tests set it). */
  now?: Date;
  /** The HTTP client (defaults to the global fetch). */
  fetch?: typeof fetch;
  logger: Logger;
  /** Per request, including reading the answer's headers. */
  timeoutMs?: number;
  /** Deliveries claimed and sent (concurrently) per pass. */
  batch?: number;
};

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * One pass of the webhook worker: claims up to `batch` due deliveries with a lease (a short statement of
 * its own, never around the network), POSTs them concurrently outside any transaction (PGlite has one
 * connection, which must never wait on a receiver), then records each outcome. A 2xx answer makes the
 * delivery 'delivered' (final: it is never sent again); anything else — another status, a network error,
 * a timeout, a redirect (not followed) — schedules a retry after RETRY_DELAYS_MS, and after MAX_ATTEMPTS
 * attempts marks it 'failed'. Delivery is at least once: a worker dying between the receiver's answer and
 * the record leaves the delivery to be retried when its lease ends, so receivers dedupe on `lots-event-id`.
 * Returns how many were delivered and whether a full batch was claimed (more may be due).
 */
export async function deliverDueWebhooks(
  db: Db,
  options: DeliverOptions,
): Promise<{ count: number; more: boolean }> {
  const now = options.now ?? new Date();
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const batch = options.batch ?? DEFAULT_BATCH_SIZE;
  const logger = options.logger;

  const abandoned = await repository.failAbandonedDeliveries(db, now, MAX_ATTEMPTS);
  if (abandoned > 0)
    logger.warn({ abandoned }, "webhook deliveries failed: worker stopped during the last attempt");
  const claimed = await repository.claimDueDeliveries(db, {
    now,
    lockedUntil: new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS),
    limit: batch,
    maxAttempts: MAX_ATTEMPTS,
  });

  async function deliver(row: repository.ClaimedDelivery): Promise<boolean> {
    // jsonb gives the same text every time, so every attempt sends (and signs) identical bytes.
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const outcome = await post(send, row.url, timeoutMs, body, {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "lots-event-id": row.event_id,
      "lots-event-type": row.event_type,
      "lots-delivery-id": row.id,
      "lots-timestamp": String(timestamp),
      "lots-signature": signPayload(row.secret, timestamp, body),
    });
    const claim = { id: row.id, attempts: row.attempts };
    const log = {
      deliveryId: row.id,
      webhookId: row.webhook_id,
      eventType: row.event_type,
      attempts: row.attempts,
    };
    if (outcome.ok) {
      const recorded = await repository.markDelivered(db, claim, outcome.status, now);
      if (recorded) logger.info({ ...log, status: outcome.status }, "webhook delivered");
      else logger.warn(log, "webhook delivered after its lease ran out; another worker may send it too");
      return recorded;
    }
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    const nextAttemptAt = giveUp ? null : new Date(now.getTime() + retryDelayMs(row.attempts));
    await repository.markAttemptFailed(db, claim, {
      httpStatus: outcome.status,
      error: outcome.error,
      nextAttemptAt,
    });
    if (giveUp) logger.error({ ...log, error: outcome.error }, "webhook failed: giving up");
    else logger.warn({ ...log, error: outcome.error, nextAttemptAt }, "webhook not delivered; will retry");
    return false;
  }

  const results = await Promise.all(claimed.map(deliver));
  return { count: results.filter(Boolean).length, more: claimed.length >= batch };
}

async function post(
  send: typeof fetch,
  url: string,
  timeoutMs: number,
  body: string,
  headers: Record<string, string>,
): Promise<Outcome> {
  try {
    const response = await send(url, {
      method: "POST",
      headers,
      body,
      // A redirect is an answer we do not follow: the receiver must name its address itself, and following
      // would carry the signed payload somewhere the organisation never registered.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body means nothing to us; discarding it frees the connection.
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, status: null, error: errorMessage(error) };
  }
}

function errorMessage(error: unknown): string {
  let message: string;
  if (error instanceof Error && error.name === "TimeoutError") message = "timed out";
  else if (error instanceof Error) {
    // fetch reports network failures as "fetch failed" with the reason (ECONNREFUSED, …) in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    message = `${error.message}${cause}`;
  } else message = String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}

export type WebhookWorker = {
  /** Sends every delivery due now (after the pass in progress, if any); resolves with how many were delivered. */
  drain(): Promise<number>;
  /** Starts a pass soon without waiting, e.g. right after committing a transaction that emitted events. */
  wake(): void;
  /** Stops polling; resolves once the pass in progress (its requests answered or timed out) has finished. */
  stop(): Promise<void>;
};

/**
 * Starts the webhook worker on the shared poller: a pass every `intervalMs`. Claims are leased in the
 * database, so several processes on one PostgreSQL share the queue safely; on PGlite it must run in the
 * process holding the only connection.
 */
export function startWebhookWorker(options: {
  db: Db;
  logger: Logger;
  intervalMs?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
  batch?: number;
}): WebhookWorker {
  const { db } = options;
  const logger = options.logger.child({ job: "webhooks" });
  const poller = startPoller({
    name: "webhooks",
    intervalMs: options.intervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    logger,
    tick: () =>
      deliverDueWebhooks(db, {
        logger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.batch !== undefined ? { batch: options.batch } : {}),
      }),
  });
  return { drain: () => poller.runNow(), wake: () => poller.wake(), stop: () => poller.stop() };
}
