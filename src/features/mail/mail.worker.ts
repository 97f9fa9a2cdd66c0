import { z } from "zod";
import type { Config } from "#src/config.ts";
import type { Db } from "#src/db/client.ts";
import { startPoller } from "#src/jobs/poller.ts";
import type { Logger } from "#src/shared/logger.ts";
import * as repository from "./mail.repository.ts";
import { registerMailWaker } from "./mail.service.ts";
import { type MailTransport, type OutboxMail, transportFromConfig } from "./mail.transport.ts";

/** Attempts before a mail is given up ('failed'): with the backoff below, about two and a half hours of retries. */
export const MAX_ATTEMPTS = 10;
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
export const DEFAULT_BATCH_SIZE = 10;

const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 1_000;

/**
 * How long to wait after failed attempt number `attempt` (1-based): 30 s, 1 min, 2 min, 4 min … doubling up
 * to 1 h, each spread by ±20 % (never beyond 1 h) so mails that failed together do not all retry together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.min(MAX_RETRY_MS, Math.round(base * (0.8 + 0.4 * random())));
}

export type MailWorker = {
  /** How this worker delivers: 'smtp', 'log', or null when it is idle (production without SMTP_URL). */
  readonly via: "smtp" | "log" | null;
  /** Sends every mail due now (after the pass in progress, if any); resolves with how many were delivered. */
  drain(): Promise<number>;
  /** Starts a pass soon without waiting: enqueue, commit, wake, and the mail goes out at once. */
  wake(): void;
  /** Stops polling, finishes the mail being sent, hands the rest of its batch back, closes the transport. */
  stop(): Promise<void>;
};

export type MailWorkerOptions = {
  db: Db;
  config: Config;
  logger: Logger;
  /** Overrides the transport the configuration implies (tests). */
  transport?: MailTransport;
  pollIntervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** The jitter's source (tests). */
  random?: () => number;
};

const Attachments = z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }));

/**
 * Starts the outbox worker: every `pollIntervalMs` (and when woken) it claims due mail in a short statement,
 * sends each mail outside any transaction (PGlite has one connection, which must never wait on the network),
 * then records the outcome: 'sent', or back to 'pending' with a backoff, or 'failed' after `maxAttempts`.
 * Delivery is at least once: a worker that dies between sending and recording leaves the mail to be retried
 * when its claim expires (the retry carries the same Message-ID). Several workers on PostgreSQL share the
 * outbox safely. In production without SMTP_URL it stays idle and mail waits, pending, in the outbox.
 */
export function startMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, config } = options;
  const logger = options.logger.child({ job: "mail" });
  const transport = options.transport ?? transportFromConfig(config, logger);
  if (!transport) {
    logger.warn("SMTP_URL is not set: mail is kept in the outbox (pending) and sent once SMTP is configured");
    return { via: null, drain: async () => 0, wake() {}, stop: async () => {} };
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const random = options.random ?? Math.random;

  async function deliver(row: repository.MailRow): Promise<boolean> {
    const attachments = Attachments.safeParse(row.attachments);
    if (!attachments.success) {
      // Retrying cannot repair a malformed row.
      await repository.markFailed(db, row.id, row.attempts, "invalid attachments in the outbox row");
      logger.error({ mailId: row.id }, "mail failed: invalid attachments");
      return false;
    }
    const mail: OutboxMail = {
      id: row.id,
      to: row.to_address,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      attachments: attachments.data,
    };
    try {
      await transport!.send(mail);
    } catch (error) {
      const message = errorMessage(error);
      if (row.attempts >= maxAttempts) {
        await repository.markFailed(db, row.id, row.attempts, message);
        logger.error({ mailId: row.id, attempts: row.attempts, error: message }, "mail failed: giving up");
      } else {
        const delayMs = retryDelayMs(row.attempts, random);
        await repository.markRetry(db, row.id, row.attempts, delayMs, message);
        logger.warn(
          { mailId: row.id, attempts: row.attempts, retryInMs: delayMs, error: message },
          "mail not sent",
        );
      }
      return false;
    }
    const recorded = await repository.markSent(db, row.id, row.attempts, transport!.via);
    if (recorded) {
      logger.info(
        { mailId: row.id, via: transport!.via },
        transport!.via === "smtp" ? "mail sent" : "mail logged, not sent",
      );
    } else
      logger.warn({ mailId: row.id }, "mail sent after its claim expired; another worker may send it too");
    return recorded;
  }

  const poller = startPoller({
    name: "mail",
    intervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    logger,
    async tick() {
      await repository.failAbandonedMail(db, maxAttempts);
      const claimed = await repository.claimDueMail(db, batchSize, maxAttempts);
      let delivered = 0;
      for (const [index, row] of claimed.entries()) {
        if (poller.isStopping) {
          for (const rest of claimed.slice(index)) await repository.releaseClaim(db, rest.id, rest.attempts);
          break;
        }
        if (await deliver(row)) delivered += 1;
      }
      return { count: delivered, more: claimed.length > 0 };
    },
  });
  const unregister = registerMailWaker(db, () => poller.wake());
  logger.info(
    { via: transport.via },
    transport.via === "smtp"
      ? "mail worker started"
      : "mail worker started without SMTP_URL: mail is logged and readable at /dev/mail, never sent",
  );

  return {
    via: transport.via,
    drain: () => poller.runNow(),
    wake: () => poller.wake(),
    async stop() {
      unregister();
      await poller.stop();
      transport.close();
    },
  };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, MAX_ERROR_LENGTH);
}
