import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditContext } from "#src/features/audit/audit.service.ts";
import { createLogger } from "#src/shared/logger.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import {
  getNotificationMode,
  type Notification,
  type NotificationRecipient,
  notifyUsers,
  sendDailyDigests,
  setNotificationMode,
} from "./notifications.service.ts";
import { startNotificationWorker } from "./notifications.worker.ts";

// Immediate mails go to the outbox in each recipient's language inside the caller's transaction; daily
// users get digest items instead, sent once per Stockholm day from 07:00 as one mail per user.
// The clock: 2031-03-10 is in winter time, so 07:00 in Stockholm is 06:00 UTC.

let testDb: TestDb;
let db: TestDb["db"];
type Person = NotificationRecipient & { ctx: AuditContext };
const people: Record<"anna" | "bob" | "cilla" | "dave" | "erik", Person> = {} as never;

const event = (n: number): Notification => ({
  subject: { sv: `Nytt ärende ${n}`, en: `New case ${n}` },
  text: { sv: `Ärende ${n} har kommit in till ditt team.`, en: `Case ${n} has arrived in your team.` },
});

const mailsTo = (email: string) =>
  db
    .selectFrom("mail_outbox")
    .select(["subject", "text_body", "html_body"])
    .where("to_address", "=", email)
    .orderBy("created_at")
    .execute();

const pendingItems = (userId: string) =>
  db
    .selectFrom("notification_digest_items")
    .select(["subject", "text_body"])
    .where("user_id", "=", userId)
    .where("sent_at", "is", null)
    .orderBy("created_at")
    .execute();

/** Notifies in a transaction of its own, as a feature does inside the transaction of its change. */
const notify = (recipients: NotificationRecipient[], notification: Notification) =>
  db.transaction().execute((trx) => notifyUsers(trx, recipients, notification));

const as = (p: Person): NotificationRecipient => ({ userId: p.userId, email: p.email, locale: p.locale });

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const org = await makeOrganisation(db, "Aviseringsorganisationen");
  const make = async (key: keyof typeof people, locale: "sv" | "en") => {
    const email = `${key}@avisering.test`;
    const actor = await makeUser(db, email, [[org, "navigator"]]);
    await db.updateTable("users").set({ locale }).where("id", "=", actor.userId).execute();
    people[key] = {
      userId: actor.userId,
      email,
      locale,
      ctx: { actor, ip: undefined, userAgent: undefined, requestId: `req-notif-${key}` },
    };
  };
  await make("anna", "sv");
  await make("bob", "en");
  await make("cilla", "sv");
  await make("dave", "en");
  await make("erik", "sv");
});
afterAll(async () => {
  await testDb?.close();
});

describe("notification preferences", () => {
  it("are immediate until chosen; only the person sets theirs, audited when it changes", async () => {
    expect(await getNotificationMode(db, people.cilla.userId)).toBe("immediate");
    await setNotificationMode(db, people.cilla.userId, "daily", people.cilla.ctx);
    expect(await getNotificationMode(db, people.cilla.userId)).toBe("daily");
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("request_id", "=", "req-notif-cilla")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "update",
      record_type: "notification-preference",
      record_id: people.cilla.userId,
      actor_user_id: people.cilla.userId,
    });
    expect(audit[0]!.details).toEqual({ from: "immediate", to: "daily" });

    // Saving the same mode again changes nothing and adds no entry.
    await setNotificationMode(db, people.cilla.userId, "daily", people.cilla.ctx);
    expect(
      await db.selectFrom("audit_log").select("id").where("request_id", "=", "req-notif-cilla").execute(),
    ).toHaveLength(1);

    await expect(
      setNotificationMode(db, people.anna.userId, "daily", people.cilla.ctx),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      setNotificationMode(db, people.anna.userId, "daily", {
        ...people.anna.ctx,
        actor: { kind: "anonymous" },
      }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(
      setNotificationMode(db, people.anna.userId, "weekly" as never, people.anna.ctx),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await getNotificationMode(db, people.anna.userId)).toBe("immediate");

    await setNotificationMode(db, people.bob.userId, "immediate", people.bob.ctx);
    await setNotificationMode(db, people.dave.userId, "daily", people.dave.ctx);
    await setNotificationMode(db, people.erik.userId, "daily", people.erik.ctx);
  });
});

describe("notifyUsers", () => {
  it("immediate: one mail per recipient, in their language, none twice, no digest item", async () => {
    await notify([as(people.anna), as(people.bob), as(people.bob)], event(1));
    const anna = await mailsTo(people.anna.email);
    expect(anna).toHaveLength(1);
    expect(anna[0]!.subject).toBe("Nytt ärende 1");
    expect(anna[0]!.text_body).toContain("Ärende 1 har kommit in till ditt team.");
    expect(anna[0]!.text_body).toContain("Mitt konto");
    expect(anna[0]!.html_body).toContain('lang="sv"');
    const bob = await mailsTo(people.bob.email);
    expect(bob).toHaveLength(1);
    expect(bob[0]!.subject).toBe("New case 1");
    expect(bob[0]!.text_body).toContain("Case 1 has arrived in your team.");
    expect(bob[0]!.text_body).not.toContain("Ärende");
    expect(await pendingItems(people.anna.userId)).toEqual([]);
    expect(await pendingItems(people.bob.userId)).toEqual([]);
  });

  it("daily: no mail, a digest item in their language instead", async () => {
    await notify([as(people.cilla), as(people.dave), as(people.erik)], event(2));
    expect(await mailsTo(people.cilla.email)).toEqual([]);
    expect(await mailsTo(people.dave.email)).toEqual([]);
    expect(await pendingItems(people.cilla.userId)).toEqual([
      { subject: "Nytt ärende 2", text_body: "Ärende 2 har kommit in till ditt team." },
    ]);
    expect(await pendingItems(people.dave.userId)).toEqual([
      { subject: "New case 2", text_body: "Case 2 has arrived in your team." },
    ]);
  });

  it("nothing is left when the caller's transaction rolls back", async () => {
    const failed = db
      .transaction()
      .execute(async (trx) => {
        await notifyUsers(trx, [as(people.anna), as(people.cilla)], event(99));
        throw new Error("the change failed");
      })
      .catch((error: Error) => error.message);
    expect(await failed).toBe("the change failed");
    expect((await mailsTo(people.anna.email)).map((m) => m.subject)).toEqual(["Nytt ärende 1"]);
    expect(await pendingItems(people.cilla.userId)).toHaveLength(1);
  });

  it("gives a deactivated account nothing", async () => {
    await db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where("id", "=", people.anna.userId)
      .execute();
    await notify([as(people.anna)], event(3));
    expect(await mailsTo(people.anna.email)).toHaveLength(1);
    await db.updateTable("users").set({ status: "active" }).where("id", "=", people.anna.userId).execute();
  });
});

describe("sendDailyDigests", () => {
  it("sends nothing before 07:00 Stockholm, then one mail per user listing every item, once a day", async () => {
    await notify([as(people.cilla), as(people.dave), as(people.erik)], event(4));
    // Erik leaves before the digest: his items are closed without a mail.
    await db
      .updateTable("users")
      .set({ status: "deactivated" })
      .where("id", "=", people.erik.userId)
      .execute();

    expect(await sendDailyDigests(db, { now: new Date("2031-03-10T05:59:00Z") })).toBe(0);
    expect(await mailsTo(people.cilla.email)).toEqual([]);
    expect(await pendingItems(people.cilla.userId)).toHaveLength(2);

    expect(await sendDailyDigests(db, { now: new Date("2031-03-10T06:00:00Z") })).toBe(2);
    const cilla = await mailsTo(people.cilla.email);
    expect(cilla).toHaveLength(1);
    expect(cilla[0]!.subject).toBe("Lots: 2 händelser i dag");
    const text = cilla[0]!.text_body;
    expect(text.indexOf("Nytt ärende 2")).toBeGreaterThan(-1);
    expect(text.indexOf("Nytt ärende 4")).toBeGreaterThan(text.indexOf("Nytt ärende 2"));
    expect(text).toContain("Ärende 4 har kommit in till ditt team.");
    const dave = await mailsTo(people.dave.email);
    expect(dave.map((m) => m.subject)).toEqual(["Lots: 2 updates today"]);
    expect(dave[0]!.text_body).toContain("New case 2");
    expect(dave[0]!.text_body).toContain("New case 4");
    expect(await mailsTo(people.erik.email)).toEqual([]);
    expect(await pendingItems(people.erik.userId)).toEqual([]);
    expect(await pendingItems(people.cilla.userId)).toEqual([]);

    // Later the same Stockholm day: the day is taken, even for items that came in meanwhile.
    await notify([as(people.cilla)], event(5));
    expect(await sendDailyDigests(db, { now: new Date("2031-03-10T15:00:00Z") })).toBe(0);
    expect(await mailsTo(people.cilla.email)).toHaveLength(1);
    expect(
      await db
        .selectFrom("lotsning_job_runs")
        .select(["job", "day"])
        .where("job", "=", "notification-digest")
        .execute(),
    ).toEqual([{ job: "notification-digest", day: "2031-03-10" }]);

    // The next day: only what is new since.
    expect(await sendDailyDigests(db, { now: new Date("2031-03-11T06:30:00Z") })).toBe(1);
    const next = (await mailsTo(people.cilla.email))[1]!;
    expect(next.subject).toBe("Lots: 1 händelse i dag");
    expect(next.text_body).toContain("Nytt ärende 5");
    expect(next.text_body).not.toContain("Nytt ärende 4");
    expect(await mailsTo(people.dave.email)).toHaveLength(1);
  });

  it("uses the Stockholm day: 23:30 UTC is already the next day in Stockholm", async () => {
    await notify([as(people.dave)], event(6));
    // 2031-03-11T23:30Z is 00:30 on 12 March in Stockholm: a new day, but before 07:00.
    expect(await sendDailyDigests(db, { now: new Date("2031-03-11T23:30:00Z") })).toBe(0);
    expect(await pendingItems(people.dave.userId)).toHaveLength(1);
  });

  it("runs on the worker, which queues the day's digests once", async () => {
    const worker = startNotificationWorker({
      db,
      logger: createLogger({ level: "silent" }),
      intervalMs: 3_600_000,
      now: () => new Date("2031-03-12T07:15:00Z"),
    });
    try {
      expect(await worker.runNow()).toBe(1);
      expect(await worker.runNow()).toBe(0);
    } finally {
      await worker.stop();
    }
    const dave = await mailsTo(people.dave.email);
    expect(dave.map((m) => m.subject)).toEqual(["Lots: 2 updates today", "Lots: 1 update today"]);
  });
});
