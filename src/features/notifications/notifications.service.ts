import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { enqueueMail } from "#src/features/mail/mail.service.ts";
import { renderMail } from "#src/features/mail/mail.templates.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { notificationsMessages } from "./notifications.messages.ts";
import * as repository from "./notifications.repository.ts";

// Notifications of staff users about events in the network (new cases, referrals, answers): each user
// chooses "immediate" (one mail per event, the default) or "daily" (one digest mail a morning).
// Features call `notifyUsers` inside the transaction of the change, so a notification exists — as a mail in
// the outbox or as a digest item — if and only if the change commits. The digest job (`sendDailyDigests`,
// run by notifications.worker.ts) sends the pending items once per Stockholm day from DIGEST_HOUR on.

/** How a user gets notifications. */
export const NotificationMode = z.enum(["immediate", "daily"]);
export type NotificationMode = z.infer<typeof NotificationMode>;

/** The mode of a user who never chose one. */
export const DEFAULT_NOTIFICATION_MODE: NotificationMode = "immediate";

/** The Stockholm hour from which the day's digest goes out: in the inbox at the start of the working day. */
export const DIGEST_HOUR = 7;

/** The digest job's name in lotsning_job_runs (one row per Stockholm day it ran). */
export const DIGEST_JOB = "notification-digest";

const ZONE = "Europe/Stockholm";

const Bilingual = (max: number) =>
  z.object({ sv: z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) });
const NotificationSchema = z.object({ subject: Bilingual(300), text: Bilingual(20_000) });

/** What happened, in both languages; each recipient gets their own language. Plain text, never markup. */
export type Notification = { subject: { sv: string; en: string }; text: { sv: string; en: string } };

/** Someone to notify: a user, with the address and language their mail goes to. */
export type NotificationRecipient = { userId: string; email: string; locale: "sv" | "en" };

const UserId = z.guid();

/** The Stockholm calendar day (YYYY-MM-DD) and hour (0–23) of an instant. */
function stockholmClock(at: Date): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

const stockholmTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: ZONE,
  dateStyle: "short",
  timeStyle: "short",
});

/** A plain text as mail paragraphs: blank lines separate them, single line breaks stay. */
function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * Notifies users of one event, in the caller's transaction. Each recipient (once, however often their
 * userId is listed) gets, in their own language: with mode "immediate" (also when they never chose) a mail
 * in the outbox; with mode "daily" an item for the next morning's digest. Recipients whose account is not
 * active (invited, deactivated) or does not exist get nothing: a deactivated person must not keep hearing
 * about the network's cases, and the digest job applies the same rule. The caller wakes the mail worker
 * after its commit (`wakeMailWorkers`), or the mail goes out at the next poll.
 */
export async function notifyUsers(
  db: Db,
  recipients: readonly NotificationRecipient[],
  notification: Notification,
): Promise<void> {
  const parsed = NotificationSchema.safeParse(notification);
  if (!parsed.success) throw validationError(parsed.error);
  const unique = new Map<string, NotificationRecipient>();
  for (const recipient of recipients)
    if (!unique.has(recipient.userId)) unique.set(recipient.userId, recipient);
  if (unique.size === 0) return;
  const states = await repository.findRecipientStates(db, [...unique.keys()]);
  const digestItems: { user_id: string; subject: string; text_body: string }[] = [];
  for (const state of states) {
    if (state.status !== "active") continue;
    const recipient = unique.get(state.user_id)!;
    const locale: Locale = recipient.locale === "en" ? "en" : "sv";
    const subject = parsed.data.subject[locale];
    const text = parsed.data.text[locale];
    if ((state.mode ?? DEFAULT_NOTIFICATION_MODE) === "daily") {
      digestItems.push({ user_id: state.user_id, subject, text_body: text });
      continue;
    }
    const t = notificationsMessages(locale);
    const body = renderMail({ locale, paragraphs: [...paragraphsOf(text), t("immediate.note")] });
    await enqueueMail(db, { to: recipient.email, subject, ...body });
  }
  await repository.insertDigestItems(db, digestItems);
}

/** The user's notification mode: what they chose, or "immediate" when they never chose. */
export async function getNotificationMode(db: Db, userId: string): Promise<NotificationMode> {
  const id = UserId.safeParse(userId);
  if (!id.success) throw validationError(id.error);
  return (await repository.findMode(db, id.data)) ?? DEFAULT_NOTIFICATION_MODE;
}

/**
 * Sets the user's notification mode. Only the person themselves may (the setting is theirs alone, like
 * their password): anonymous callers get UNAUTHENTICATED, anyone else FORBIDDEN. An actual change is
 * audited as "update" on record type "notification-preference", in the same transaction.
 */
export async function setNotificationMode(
  db: Db,
  userId: string,
  mode: NotificationMode,
  ctx: AuditContext,
): Promise<void> {
  const input = z.object({ userId: UserId, mode: NotificationMode }).safeParse({ userId, mode });
  if (!input.success) throw validationError(input.error);
  const { actor } = ctx;
  if (actor.kind === "anonymous")
    throw new AppError("UNAUTHENTICATED", "Sign in to choose your notifications.");
  if (actor.kind !== "user" || actor.userId !== input.data.userId) {
    throw new AppError("FORBIDDEN", "Only the person themselves chooses how they are notified.");
  }
  const work = async (trx: Db) => {
    const before = (await repository.findMode(trx, input.data.userId)) ?? DEFAULT_NOTIFICATION_MODE;
    await repository.upsertMode(trx, input.data.userId, input.data.mode);
    if (before === input.data.mode) return;
    await recordAudit(trx, {
      ...ctx,
      action: "update",
      recordType: "notification-preference",
      recordId: input.data.userId,
      details: { from: before, to: input.data.mode },
    });
  };
  await (db.isTransaction ? work(db) : db.transaction().execute(work));
}

/** The digest mail of one user's items, in their language. */
function digestMail(
  locale: Locale,
  items: readonly { subject: string; text_body: string; created_at: Date }[],
) {
  const t = notificationsMessages(locale);
  const count = items.length;
  const plural = count === 1 ? "one" : "other";
  const listed = items.map(
    (item) => `${stockholmTime.format(item.created_at)} – ${item.subject}\n${item.text_body.trim()}`,
  );
  return {
    subject: t(`digest.subject.${plural}`, { count }),
    ...renderMail({
      locale,
      paragraphs: [t(`digest.intro.${plural}`, { count }), ...listed, t("digest.note")],
    }),
  };
}

/**
 * The daily digest: from DIGEST_HOUR (07:00 Europe/Stockholm) on, once per Stockholm day, gives every user
 * with pending items one mail listing them all and marks them sent, in one transaction per user (mail and
 * marks commit together). Returns the number of mails queued; 0 before the hour and on every later call the
 * same day. The day is claimed first (lotsning_job_runs, job "notification-digest"), so restarts and several
 * processes send at most one digest a day between them. If the pass dies half-way, the users it did not
 * reach keep their items pending and get them in the next day's digest — late rather than twice.
 * Users whose account is no longer active get no mail; their items are marked sent all the same, so they
 * do not pile up and a reactivated account is not greeted by a digest of events from when it had no access.
 * Given a transaction, everything runs in it (the caller then owns the all-or-nothing).
 */
export async function sendDailyDigests(db: Db, options: { now?: Date } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const { day, hour } = stockholmClock(now);
  if (hour < DIGEST_HOUR) return 0;
  if (!(await repository.claimJobDay(db, DIGEST_JOB, day, now))) return 0;
  let mails = 0;
  for (const user of await repository.listUsersWithPendingItems(db)) {
    const work = async (trx: Db) => {
      const items = await repository.takePendingItems(trx, user.id, now);
      if (items.length === 0 || user.status !== "active") return false;
      await enqueueMail(trx, { to: user.email, ...digestMail(user.locale, items) });
      return true;
    };
    const sent = await (db.isTransaction ? work(db) : db.transaction().execute(work));
    if (sent) mails++;
  }
  return mails;
}
