import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import * as repository from "./mail.repository.ts";

/** A mail to send. Attachments are small (an iCalendar invitation, a CSV), stored inline in the outbox. */
export const OutgoingMail = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  html: z.string().optional(),
  attachments: z
    .array(z.object({ filename: z.string().min(1), contentType: z.string().min(1), content: z.string() }))
    .default([]),
});
export type OutgoingMail = z.input<typeof OutgoingMail>;

/**
 * Puts a mail in the durable outbox, in the caller's transaction: the mail goes out if and only if the
 * change that caused it commits. The mail worker sends it, retrying with backoff. Outside a transaction
 * the worker in this process is woken at once; inside one, call `wakeMailWorkers(db)` after the commit
 * (otherwise the mail goes out at the next poll, within seconds).
 */
export async function enqueueMail(db: Db, mail: OutgoingMail): Promise<string> {
  const parsed = OutgoingMail.safeParse(mail);
  if (!parsed.success) throw validationError(parsed.error);
  const { to, subject, text, html, attachments } = parsed.data;
  const id = await repository.insertMail(db, {
    to_address: to,
    subject,
    text_body: text,
    html_body: html ?? null,
    attachments: JSON.stringify(attachments),
  });
  if (!db.isTransaction) wakeMailWorkers(db);
  return id;
}

// Workers in this process, by the database handle they poll; waking one is cheap (one claim query).
const wakers = new WeakMap<Db, Set<() => void>>();

/** Lets a mail worker be woken by `wakeMailWorkers(db)`; returns the function that unregisters it. */
export function registerMailWaker(db: Db, wake: () => void): () => void {
  let set = wakers.get(db);
  if (!set) {
    set = new Set();
    wakers.set(db, set);
  }
  set.add(wake);
  const registered = set;
  return () => registered.delete(wake);
}

/** Asks this process's mail workers on `db` to send due mail now, e.g. right after committing a transaction. */
export function wakeMailWorkers(db: Db): void {
  for (const wake of wakers.get(db) ?? []) wake();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The newest outbox entries (no bodies), for the development outbox page. */
export async function listOutbox(db: Db, limit = 100) {
  return repository.listRecentMail(db, limit);
}

/** One outbox entry with its bodies; NOT_FOUND for an unknown or malformed id. */
export async function getOutboxMail(db: Db, id: string) {
  const row = UUID.test(id) ? await repository.findMail(db, id) : undefined;
  if (!row) throw new AppError("NOT_FOUND", "No such mail in the outbox.");
  const attachments = OutgoingMail.shape.attachments.safeParse(row.attachments);
  return { ...row, attachments: attachments.success ? attachments.data : [] };
}
