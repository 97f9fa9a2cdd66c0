import { tmpdir } from "node:os";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "#src/config.ts";
import { createDb } from "#src/db/client.ts";
import { createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import { enqueueMail } from "./mail.service.ts";
import { addressesOf, closedPort, startTestSmtpServer, type TestSmtpServer } from "./mail.test-smtp.ts";
import type { MailTransport } from "./mail.transport.ts";
import { type MailWorker, type MailWorkerOptions, startMailWorker } from "./mail.worker.ts";

const HOUR = 3_600_000;
const silent = pino({ level: "silent" });

let testDb: TestDb;
const workers: MailWorker[] = [];
const servers: TestSmtpServer[] = [];

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});
beforeEach(async () => {
  await testDb.db.deleteFrom("mail_outbox").execute();
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  for (const server of servers.splice(0)) await server.close();
});

function configFor(env: Record<string, string>) {
  return loadConfig({
    NODE_ENV: "test",
    DATA_DIR: testDb.dataDir ?? tmpdir(),
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    MAIL_FROM: "Lots test <no-reply@lots.test>",
    ...env,
  });
}

/** A worker that only runs when told to (its poll interval is an hour), stopped after the test. */
function worker(options: Partial<MailWorkerOptions> & { env?: Record<string, string> } = {}) {
  const { env = {}, ...rest } = options;
  const started = startMailWorker({
    db: testDb.db,
    config: configFor(env),
    logger: silent,
    pollIntervalMs: HOUR,
    ...rest,
  });
  workers.push(started);
  return started;
}

async function smtpServer(port = 0) {
  const server = await startTestSmtpServer(port);
  servers.push(server);
  return server;
}

async function row(id: string) {
  return testDb.db.selectFrom("mail_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

const INVITE_ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";

describe("mail worker with SMTP", () => {
  it("delivers a queued mail with its recipient, sender, subject, bodies and attachment, once", async () => {
    const smtp = await smtpServer();
    const id = await enqueueMail(testDb.db, {
      to: "anna@example.se",
      subject: "Inbjudan till Lots",
      text: "Hej Anna!\n\nVälkommen.",
      html: "<p>Hej Anna!</p>",
      attachments: [
        { filename: "traff.ics", contentType: "text/calendar; method=REQUEST", content: INVITE_ICS },
      ],
    });
    const w = worker({ env: { SMTP_URL: smtp.url } });
    expect(w.via).toBe("smtp");

    expect(await w.drain()).toBe(1);
    expect(smtp.messages).toHaveLength(1);
    const received = smtp.messages[0]!;
    expect(addressesOf(received.to)).toEqual(["anna@example.se"]);
    expect(addressesOf(received.from)).toEqual(["no-reply@lots.test"]);
    expect(received.subject).toBe("Inbjudan till Lots");
    expect(received.text?.trim()).toBe("Hej Anna!\n\nVälkommen.");
    expect(received.html).toContain("<p>Hej Anna!</p>");
    expect(received.messageId).toBe(`<${id}@lots.test>`);
    // A calendar invitation travels twice, as calendars need it: as the `text/calendar; method=REQUEST`
    // alternative (Outlook's accept/decline) and as the attachment traff.ics for every other client.
    expect(received.attachments).toHaveLength(2);
    const calendar = received.attachments.find((a) => a.contentType === "text/calendar")!;
    expect(JSON.stringify(calendar.headers.get("content-type"))).toContain('"method":"REQUEST"');
    expect(calendar.content.toString("utf8")).toBe(INVITE_ICS);
    const file = received.attachments.find((a) => a.filename === "traff.ics")!;
    expect(file.content.toString("utf8")).toBe(INVITE_ICS);

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, delivered_via: "smtp", last_error: null });
    expect(sent.sent_at).toBeInstanceOf(Date);
    expect(sent.locked_until).toBeNull();

    expect(await w.drain()).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it("keeps the mail pending while the server is down, and sends it once when it is back and due", async () => {
    const port = await closedPort();
    const id = await enqueueMail(testDb.db, {
      to: "bo@example.se",
      subject: "Återställ lösenord",
      text: "x",
    });
    const w = worker({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });

    expect(await w.drain()).toBe(0);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, sent_at: null, locked_until: null });
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    const { future } = await sql<{ future: boolean }>`
      select next_attempt_at > now() + interval '20 seconds' as future from mail_outbox where id = ${id}
    `
      .execute(testDb.db)
      .then((r) => r.rows[0]!);
    expect(future).toBe(true);

    // Back up, but the retry is not due yet: nothing happens.
    const smtp = await smtpServer(port);
    expect(await w.drain()).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect((await row(id)).attempts).toBe(1);

    // Time passes (the database's clock decides what is due).
    await testDb.db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    expect(await w.drain()).toBe(1);
    expect(await w.drain()).toBe(0);
    expect(smtp.messages.map((m) => m.subject)).toEqual(["Återställ lösenord"]);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  it("gives up after the last attempt, keeping the mail and its error in the outbox", async () => {
    const port = await closedPort();
    const id = await enqueueMail(testDb.db, { to: "c@example.se", subject: "s", text: "t" });
    const w = worker({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` }, maxAttempts: 2 });
    await w.drain();
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    await testDb.db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await w.drain();
    const failed = await row(id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2, locked_until: null });
    expect(failed.last_error).toBeTruthy();
    await testDb.db
      .updateTable("mail_outbox")
      .set({ next_attempt_at: sql`now()` })
      .where("id", "=", id)
      .execute();
    await w.drain();
    expect((await row(id)).attempts).toBe(2);
  });

  it("retries mail left 'sending' by a crashed worker once its claim expires, not before", async () => {
    const smtp = await smtpServer();
    const crashed = await enqueueMail(testDb.db, { to: "d@example.se", subject: "crashed", text: "t" });
    const live = await enqueueMail(testDb.db, { to: "e@example.se", subject: "live", text: "t" });
    const exhausted = await enqueueMail(testDb.db, { to: "f@example.se", subject: "exhausted", text: "t" });
    await testDb.db
      .updateTable("mail_outbox")
      .set({ status: "sending", attempts: 1, locked_until: sql`now() - interval '1 minute'` })
      .where("id", "=", crashed)
      .execute();
    await testDb.db
      .updateTable("mail_outbox")
      .set({ status: "sending", attempts: 1, locked_until: sql`now() + interval '4 minutes'` })
      .where("id", "=", live)
      .execute();
    await testDb.db
      .updateTable("mail_outbox")
      .set({ status: "sending", attempts: 3, locked_until: sql`now() - interval '1 minute'` })
      .where("id", "=", exhausted)
      .execute();

    const w = worker({ env: { SMTP_URL: smtp.url }, maxAttempts: 3 });
    expect(await w.drain()).toBe(1);
    expect(smtp.messages.map((m) => m.subject)).toEqual(["crashed"]);
    expect(await row(crashed)).toMatchObject({ status: "sent", attempts: 2 });
    expect(await row(live)).toMatchObject({ status: "sending", attempts: 1 });
    expect(await row(exhausted)).toMatchObject({ status: "failed", attempts: 3 });
  });

  it("sends at once when woken by enqueueMail, without waiting for the poll", async () => {
    const smtp = await smtpServer();
    worker({ env: { SMTP_URL: smtp.url } });
    const id = await enqueueMail(testDb.db, { to: "g@example.se", subject: "woken", text: "t" });
    await vi.waitFor(async () => expect((await row(id)).status).toBe("sent"), {
      timeout: 5_000,
      interval: 20,
    });
    expect(smtp.messages).toHaveLength(1);
  });

  it("on stop, finishes the mail being sent and hands the rest of its batch back unattempted", async () => {
    for (const n of [1, 2, 3])
      await enqueueMail(testDb.db, { to: `h${n}@example.se`, subject: `s${n}`, text: "t" });
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const sending = new Promise<void>((r) => {
      started = r;
    });
    const sent: string[] = [];
    const slow: MailTransport = {
      via: "smtp",
      async send(mail) {
        started();
        await released;
        sent.push(mail.subject);
      },
      close() {},
    };
    const w = startMailWorker({
      db: testDb.db,
      config: configFor({}),
      logger: silent,
      transport: slow,
      pollIntervalMs: HOUR,
    });
    const draining = w.drain();
    await sending;
    const stopping = w.stop();
    release();
    await stopping;
    expect(await draining).toBe(1);
    expect(sent).toHaveLength(1);
    const rows = await testDb.db
      .selectFrom("mail_outbox")
      .select(["status", "attempts"])
      .orderBy("status")
      .execute();
    expect(rows).toEqual([
      { status: "pending", attempts: 0 },
      { status: "pending", attempts: 0 },
      { status: "sent", attempts: 1 },
    ]);
  });
});

describe("mail worker without SMTP", () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    return { lines, logger };
  }

  it("in test and development, logs recipient and subject (never the body) and records the mail as logged", async () => {
    const { lines, logger } = capture();
    const id = await enqueueMail(testDb.db, {
      to: "i@example.se",
      subject: "Loggat ämne",
      text: "HEMLIG-BRÖDTEXT",
    });
    const w = worker({ logger });
    expect(w.via).toBe("log");
    expect(await w.drain()).toBe(1);
    expect(await row(id)).toMatchObject({
      status: "sent",
      delivered_via: "log",
      attempts: 1,
      last_error: null,
    });
    const logged = lines.find((line) => line.mailId === id && line.subject === "Loggat ämne");
    expect(logged).toMatchObject({ to: "i@example.se" });
    expect(JSON.stringify(lines)).not.toContain("HEMLIG-BRÖDTEXT");
  });

  it("in production, warns at start and keeps mail pending until SMTP is configured", async () => {
    const { lines, logger } = capture();
    const id = await enqueueMail(testDb.db, { to: "j@example.se", subject: "s", text: "t" });
    const w = worker({ logger, env: { NODE_ENV: "production", PUBLIC_URL: "https://lots.example" } });
    expect(w.via).toBeNull();
    expect(await w.drain()).toBe(0);
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 0, sent_at: null });
    expect(lines.some((line) => line.level === 40 && String(line.msg).includes("SMTP_URL is not set"))).toBe(
      true,
    );
  });
});

// Several workers share one PostgreSQL outbox (on PGlite there is one connection and one worker).
if (testDbKind() === "postgres") {
  describe("several workers on PostgreSQL", () => {
    it("send each of many mails exactly once when two workers drain the outbox concurrently", async () => {
      const smtp = await smtpServer();
      const total = 100;
      const ids = new Set<string>();
      for (let n = 0; n < total; n += 1) {
        ids.add(
          await enqueueMail(testDb.db, { to: `m${n}@example.se`, subject: `mail ${n}`, text: `t ${n}` }),
        );
      }
      // The second worker has its own connection pool, as a second process would.
      const other = await createDb({ databaseUrl: testDb.databaseUrl!, dataDir: tmpdir(), poolSize: 2 });
      try {
        const env = { SMTP_URL: smtp.url };
        const a = worker({ env, batchSize: 5 });
        const b = startMailWorker({
          db: other.db,
          config: configFor(env),
          logger: silent,
          pollIntervalMs: HOUR,
          batchSize: 5,
        });
        workers.push(b);
        const [sentByA, sentByB] = await Promise.all([a.drain(), b.drain()]);
        expect(sentByA + sentByB).toBe(total);
        expect(sentByA).toBeGreaterThan(0);
        expect(sentByB).toBeGreaterThan(0);

        expect(smtp.messages).toHaveLength(total);
        const received = smtp.messages.map((m) => /^<([^@]+)@/.exec(m.messageId ?? "")?.[1]);
        expect(new Set(received)).toEqual(ids);
        const rows = await testDb.db
          .selectFrom("mail_outbox")
          .select((eb) => ["status", "attempts", eb.fn.countAll<number>().as("n")])
          .groupBy(["status", "attempts"])
          .execute();
        expect(rows).toEqual([{ status: "sent", attempts: 1, n: total }]);
      } finally {
        await workers.pop()?.stop();
        await other.close();
      }
    });
  });
}
