import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createDb } from "#src/db/client.ts";
import type { Actor, UserActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import {
  createWebhook,
  deleteWebhook,
  emitWebhookEvent,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  rotateWebhookSecret,
  setWebhookActive,
  verifySignature,
  type WebhookEventType,
} from "./webhooks.service.ts";
import { deliverDueWebhooks, MAX_ATTEMPTS, retryDelayMs, startWebhookWorker } from "./webhooks.worker.ts";

const silent = pino({ level: "silent" });
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

// ---- A real HTTP receiver on 127.0.0.1 ----------------------------------------------------------------------
// It answers per path from a plan (a list of statuses, then 200), checks the signature itself by recomputing
// the HMAC with the secret the test gave it (independently of the code under test), and records every request.

type Received = {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
  signatureValid: boolean;
};

type Receiver = {
  url(path: string): string;
  /** Statuses to answer on `path` before answering 200 (e.g. [500, 500, 500]). */
  plan(path: string, statuses: number[]): void;
  /** The secret the receiver checks signatures on `path` with. */
  secret(path: string, secret: string): void;
  /** Paths that never answer (to show timeouts). */
  hang(path: string): void;
  requests: Received[];
  reset(): void;
  close(): Promise<void>;
};

/** The receiver's own check: HMAC-SHA256 of `<t>.<body>` keyed with the secret, compared in constant time. */
function receiverChecksSignature(secret: string | undefined, headers: IncomingHttpHeaders, body: string) {
  if (!secret) return false;
  const header = String(headers["lots-signature"] ?? "");
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match || match[1] !== headers["lots-timestamp"]) return false;
  const expected = createHmac("sha256", secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, "hex"));
}

async function startReceiver(): Promise<Receiver> {
  const plans = new Map<string, number[]>();
  const secrets = new Map<string, string>();
  const hanging = new Set<string>();
  const held: ServerResponse[] = [];
  const requests: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      if (hanging.has(path)) {
        held.push(res);
        return;
      }
      const answered = plans.get(path)?.shift() ?? 200;
      requests.push({
        path,
        headers: req.headers,
        body,
        answered,
        signatureValid: receiverChecksSignature(secrets.get(path), req.headers, body),
      });
      if (answered >= 300 && answered < 400)
        res.setHeader("location", `http://${req.headers.host}/elsewhere`);
      res.writeHead(answered, { "content-type": "text/plain" }).end(answered === 200 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    plan: (path, statuses) => plans.set(path, [...statuses]),
    secret: (path, secret) => secrets.set(path, secret),
    hang: (path) => hanging.add(path),
    requests,
    reset() {
      plans.clear();
      secrets.clear();
      hanging.clear();
      requests.splice(0);
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---- Fixtures ---------------------------------------------------------------------------------------------

let testDb: TestDb;
let receiver: Receiver;
let orgA: string;
let orgB: string;
let adminA: UserActor;
let adminB: UserActor;
let advisorA: UserActor;
let platformAdmin: UserActor;

const ctx = (actor: Actor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });

async function expectCode(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

/** Registers a webhook for the receiver's `path` and tells the receiver its secret. */
async function hook(organisationId: string, path: string, events?: WebhookEventType[], admin = adminA) {
  const created = await createWebhook(
    testDb.db,
    { organisationId, url: receiver.url(path), ...(events ? { events } : {}) },
    ctx(admin),
  );
  receiver.secret(path, created.secret);
  return created;
}

/** Emits as the referrals feature will: inside the transaction of the change. */
function emit(
  organisationId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now = new Date(),
) {
  return testDb.db.transaction().execute((trx) => emitWebhookEvent(trx, organisationId, type, data, now));
}

function deliveriesOf(webhookId: string) {
  return testDb.db
    .selectFrom("webhook_deliveries")
    .selectAll()
    .where("webhook_id", "=", webhookId)
    .orderBy("created_at")
    .execute();
}

async function onlyDelivery(webhookId: string) {
  const rows = await deliveriesOf(webhookId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

function run(now: Date, options: { timeoutMs?: number; batch?: number } = {}) {
  return deliverDueWebhooks(testDb.db, { now, logger: silent, ...options });
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

beforeAll(async () => {
  testDb = await createTestDb();
  receiver = await startReceiver();
  orgA = await makeOrganisation(testDb.db, "Partner A");
  orgB = await makeOrganisation(testDb.db, "Partner B");
  adminA = await makeUser(testDb.db, "admin-a@webhooks.test", [[orgA, "org-admin"]]);
  adminB = await makeUser(testDb.db, "admin-b@webhooks.test", [[orgB, "org-admin"]]);
  advisorA = await makeUser(testDb.db, "advisor-a@webhooks.test", [[orgA, "advisor"]]);
  platformAdmin = await makeUser(testDb.db, "platform@webhooks.test", [[orgB, "platform-admin"]]);
});
afterAll(async () => {
  await receiver?.close();
  await testDb?.close();
});
beforeEach(async () => {
  await testDb.db.deleteFrom("webhooks").execute();
  receiver.reset();
});

// ---- Delivery ---------------------------------------------------------------------------------------------

describe("delivering webhooks", () => {
  it("retries a failing receiver on the backoff schedule and delivers the event once, signed", async () => {
    const { id: webhookId, secret } = await hook(orgA, "/flaky");
    receiver.plan("/flaky", [500, 500, 500]);
    const t0 = new Date();
    const eventId = await emit(orgA, "referral.sent", { referralId: "r-1", theme: "export" }, t0);

    // Attempt 1 at once: 500, due again in 30 s.
    expect(await run(t0)).toEqual({ count: 0, more: false });
    let row = await onlyDelivery(webhookId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, last_status: 500, locked_until: null });
    expect(row.last_error).toBe("HTTP 500");
    expect(row.next_attempt_at.getTime()).toBe(t0.getTime() + 30 * SECOND);

    // Before it is due, a pass sends nothing.
    expect(await run(at(t0, 29 * SECOND))).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(1);
    expect((await onlyDelivery(webhookId)).attempts).toBe(1);

    // Attempts 2 and 3 fail too, each waiting longer: 2 min, then 10 min.
    const t1 = row.next_attempt_at;
    expect(await run(t1)).toEqual({ count: 0, more: false });
    row = await onlyDelivery(webhookId);
    expect(row).toMatchObject({ status: "pending", attempts: 2, last_status: 500 });
    expect(row.next_attempt_at.getTime()).toBe(t1.getTime() + 2 * MINUTE);

    expect(await run(at(row.next_attempt_at, -1))).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(2);

    const t2 = row.next_attempt_at;
    expect(await run(t2)).toEqual({ count: 0, more: false });
    row = await onlyDelivery(webhookId);
    expect(row).toMatchObject({ status: "pending", attempts: 3, last_status: 500 });
    expect(row.next_attempt_at.getTime()).toBe(t2.getTime() + 10 * MINUTE);
    const gaps = [
      t1.getTime() - t0.getTime(),
      t2.getTime() - t1.getTime(),
      row.next_attempt_at.getTime() - t2.getTime(),
    ];
    expect(gaps[1]! > gaps[0]! && gaps[2]! > gaps[1]!).toBe(true);

    expect(await run(at(row.next_attempt_at, -SECOND))).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(3);

    // Attempt 4: 200, delivered.
    const t3 = row.next_attempt_at;
    expect(await run(t3)).toEqual({ count: 1, more: false });
    row = await onlyDelivery(webhookId);
    expect(row).toMatchObject({ status: "delivered", attempts: 4, last_status: 200, last_error: null });
    expect(row.delivered_at?.getTime()).toBe(t3.getTime());
    expect(row.locked_until).toBeNull();

    // Later passes, however late, send nothing more.
    for (const later of [at(t3, 30 * SECOND), at(t3, DAY), at(t3, 30 * DAY)]) {
      expect(await run(later)).toEqual({ count: 0, more: false });
    }
    expect(receiver.requests.map((r) => r.answered)).toEqual([500, 500, 500, 200]);
    const accepted = receiver.requests.filter((r) => r.answered === 200);
    expect(accepted).toHaveLength(1);
    expect((await onlyDelivery(webhookId)).status).toBe("delivered");

    // Every attempt carried the same event, delivery id and body, each signed with its own timestamp.
    for (const request of receiver.requests) {
      expect(request.signatureValid).toBe(true);
      expect(request.headers).toMatchObject({
        "content-type": "application/json",
        "user-agent": "Lots-Webhooks/1",
        "lots-event-id": eventId,
        "lots-event-type": "referral.sent",
        "lots-delivery-id": row.id,
      });
      expect(request.body).toBe(accepted[0]!.body);
    }
    const delivered = accepted[0]!;
    expect(delivered.headers["lots-timestamp"]).toBe(String(Math.floor(t3.getTime() / 1000)));
    expect(JSON.parse(delivered.body)).toEqual({
      id: eventId,
      type: "referral.sent",
      createdAt: t0.toISOString(),
      organisationId: orgA,
      data: { referralId: "r-1", theme: "export" },
    });

    // The receiver-side helper agrees, and refuses a wrong secret, a changed body and an old request.
    const header = String(delivered.headers["lots-signature"]);
    expect(verifySignature(secret, header, delivered.body, 300, t3)).toBe(true);
    expect(verifySignature(`${secret}x`, header, delivered.body, 300, t3)).toBe(false);
    expect(verifySignature(secret, header, `${delivered.body} `, 300, t3)).toBe(false);
    expect(verifySignature(secret, header, delivered.body, 300, at(t3, 301 * SECOND))).toBe(false);
    expect(verifySignature(secret, "t=1,v1=zz", delivered.body, 300, t3)).toBe(false);
  });

  it("gives up after the last attempt, and an org admin's retry sends it again", async () => {
    const { id: webhookId } = await hook(orgA, "/down");
    receiver.plan("/down", Array(MAX_ATTEMPTS).fill(503));
    let now = new Date();
    await emit(orgA, "referral.declined", { referralId: "r-2" }, now);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await run(now)).toEqual({ count: 0, more: false });
      const row = await onlyDelivery(webhookId);
      expect(row.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        expect(row.next_attempt_at.getTime()).toBe(now.getTime() + retryDelayMs(attempt));
        now = row.next_attempt_at;
      }
    }
    const failed = await onlyDelivery(webhookId);
    expect(failed).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, last_status: 503 });
    expect(await run(at(now, 30 * DAY))).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(MAX_ATTEMPTS);

    await expectCode(retryDelivery(testDb.db, failed.id, ctx(advisorA)), "FORBIDDEN");
    await expectCode(retryDelivery(testDb.db, failed.id, ctx(adminB)), "FORBIDDEN");
    await expectCode(retryDelivery(testDb.db, "not-a-uuid", ctx(adminA)), "NOT_FOUND");
    const later = at(now, 2 * DAY);
    await retryDelivery(testDb.db, failed.id, ctx(adminA), later);
    expect(await onlyDelivery(webhookId)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await run(later)).toEqual({ count: 1, more: false });
    expect(await onlyDelivery(webhookId)).toMatchObject({
      status: "delivered",
      attempts: 1,
      last_status: 200,
    });
    // A delivered one is never sent again.
    await expectCode(retryDelivery(testDb.db, failed.id, ctx(adminA)), "CONFLICT");
    expect(await run(at(later, DAY))).toEqual({ count: 0, more: false });
    expect(receiver.requests.filter((r) => r.answered === 200)).toHaveLength(1);
  });

  it("counts a refused connection, a timeout and a redirect as failed attempts", async () => {
    const port = await closedPort();
    const refused = await createWebhook(
      testDb.db,
      { organisationId: orgA, url: `http://127.0.0.1:${port}/hook` },
      ctx(adminA),
    );
    receiver.hang("/slow");
    const slow = await hook(orgA, "/slow");
    receiver.plan("/moved", [302]);
    const moved = await hook(orgA, "/moved");
    const now = new Date();
    await emit(orgA, "referral.closed", { referralId: "r-3" }, now);

    expect(await run(now, { timeoutMs: 300 })).toEqual({ count: 0, more: false });
    const a = await onlyDelivery(refused.id);
    expect(a).toMatchObject({ status: "pending", attempts: 1, last_status: null });
    expect(a.last_error).toMatch(/ECONNREFUSED|fetch failed/);
    expect(await onlyDelivery(slow.id)).toMatchObject({
      attempts: 1,
      last_status: null,
      last_error: "timed out",
    });
    expect(await onlyDelivery(moved.id)).toMatchObject({
      attempts: 1,
      last_status: 302,
      last_error: "HTTP 302",
    });
    // The redirect was not followed.
    expect(receiver.requests.map((r) => r.path)).toEqual(["/moved"]);
  });

  it("signs with the new secret once it is rotated", async () => {
    const { id: webhookId, secret: old } = await hook(orgA, "/rotated");
    const { secret } = await rotateWebhookSecret(testDb.db, webhookId, ctx(adminA));
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(old);
    receiver.secret("/rotated", secret);
    const now = new Date();
    await emit(orgA, "referral.accepted", { referralId: "r-4" }, now);
    expect(await run(now)).toEqual({ count: 1, more: false });
    const [request] = receiver.requests;
    expect(request!.signatureValid).toBe(true);
    const header = String(request!.headers["lots-signature"]);
    expect(verifySignature(old, header, request!.body, 300, now)).toBe(false);
  });

  it("retries a delivery whose worker died once its lease has run out, not before", async () => {
    const { id: webhookId } = await hook(orgA, "/crashed", ["referral.in-progress"]);
    const { id: lastChanceId } = await hook(orgA, "/last-chance", ["referral.note-shared"]);
    const now = new Date();
    await emit(orgA, "referral.in-progress", { referralId: "r-11" }, now);
    await emit(orgA, "referral.note-shared", { referralId: "r-12" }, now);
    // As a worker leaves them when it dies mid-request: claimed (attempts counted), leased for a while.
    const leaseEnd = at(now, 5 * MINUTE);
    await testDb.db
      .updateTable("webhook_deliveries")
      .set({ attempts: 1, locked_until: leaseEnd })
      .where("webhook_id", "=", webhookId)
      .execute();
    await testDb.db
      .updateTable("webhook_deliveries")
      .set({ attempts: MAX_ATTEMPTS, locked_until: leaseEnd })
      .where("webhook_id", "=", lastChanceId)
      .execute();

    expect(await run(at(leaseEnd, -SECOND))).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(0);
    expect(await run(leaseEnd)).toEqual({ count: 1, more: false });
    expect(await onlyDelivery(webhookId)).toMatchObject({ status: "delivered", attempts: 2 });
    expect(await onlyDelivery(lastChanceId)).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      last_error: "interrupted during the last attempt",
    });
    expect(receiver.requests.map((r) => r.path)).toEqual(["/crashed"]);
  });

  it("runs on the poller: an emitted event goes out without anyone draining", async () => {
    const { id: webhookId } = await hook(orgA, "/polled");
    const worker = startWebhookWorker({ db: testDb.db, logger: silent, intervalMs: 20 });
    try {
      await emit(orgA, "referral.reminded", { referralId: "r-5" });
      await vi.waitFor(async () => expect((await onlyDelivery(webhookId)).status).toBe("delivered"), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      await worker.stop();
    }
    expect(receiver.requests).toHaveLength(1);
  });
});

// ---- Who gets which event ---------------------------------------------------------------------------------

describe("emitting events", () => {
  it("queues an organisation's event for its own webhooks only, never another organisation's", async () => {
    const a = await hook(orgA, "/a");
    const b = await hook(orgB, "/b", undefined, adminB);
    const now = new Date();
    await emit(orgA, "referral.sent", { referralId: "r-6" }, now);
    expect(await deliveriesOf(a.id)).toHaveLength(1);
    expect(await deliveriesOf(b.id)).toHaveLength(0);
    await run(now);
    expect(receiver.requests.map((r) => r.path)).toEqual(["/a"]);
  });

  it("queues an event only for active webhooks subscribed to its type (none = every type)", async () => {
    const accepted = await hook(orgA, "/accepted", ["referral.accepted"]);
    const all = await hook(orgA, "/all");
    const off = await hook(orgA, "/off");
    await setWebhookActive(testDb.db, off.id, false, ctx(adminA));
    await emit(orgA, "referral.sent", { referralId: "r-7" });
    expect(await deliveriesOf(accepted.id)).toHaveLength(0);
    expect(await deliveriesOf(all.id)).toHaveLength(1);
    expect(await deliveriesOf(off.id)).toHaveLength(0);
    await emit(orgA, "referral.accepted", { referralId: "r-7" });
    expect((await deliveriesOf(accepted.id)).map((d) => d.event_type)).toEqual(["referral.accepted"]);
    expect(await deliveriesOf(all.id)).toHaveLength(2);
  });

  it("queues nothing when the caller's transaction rolls back", async () => {
    const { id } = await hook(orgA, "/rollback");
    await expect(
      testDb.db.transaction().execute(async (trx) => {
        await emitWebhookEvent(trx, orgA, "referral.withdrawn", { referralId: "r-8" });
        throw new Error("the referral change failed");
      }),
    ).rejects.toThrow("the referral change failed");
    expect(await deliveriesOf(id)).toHaveLength(0);
  });

  it("holds a paused webhook's queued deliveries until it is turned on again", async () => {
    const { id } = await hook(orgA, "/paused");
    const now = new Date();
    await emit(orgA, "referral.expired", { referralId: "r-9" }, now);
    await setWebhookActive(testDb.db, id, false, ctx(adminA));
    expect(await run(now)).toEqual({ count: 0, more: false });
    expect(receiver.requests).toHaveLength(0);
    await setWebhookActive(testDb.db, id, true, ctx(adminA));
    expect(await run(now)).toEqual({ count: 1, more: false });
  });
});

// ---- Managing webhooks ------------------------------------------------------------------------------------

describe("managing webhooks", () => {
  it("lets only the organisation's admins and the platform admin manage its webhooks", async () => {
    await expectCode(
      createWebhook(testDb.db, { organisationId: orgA, url: receiver.url("/x") }, ctx(advisorA)),
      "FORBIDDEN",
    );
    await expectCode(
      createWebhook(testDb.db, { organisationId: orgA, url: receiver.url("/x") }, ctx(adminB)),
      "FORBIDDEN",
    );
    const { id } = await hook(orgA, "/managed");
    await expectCode(listWebhooks(testDb.db, orgA, ctx(adminB)), "FORBIDDEN");
    await expectCode(listWebhooks(testDb.db, orgA, ctx(advisorA)), "FORBIDDEN");
    await expectCode(listDeliveries(testDb.db, id, ctx(adminB)), "FORBIDDEN");
    await expectCode(rotateWebhookSecret(testDb.db, id, ctx(adminB)), "FORBIDDEN");
    await expectCode(setWebhookActive(testDb.db, id, false, ctx(adminB)), "FORBIDDEN");
    await expectCode(deleteWebhook(testDb.db, id, ctx(advisorA)), "FORBIDDEN");
    await expectCode(
      listDeliveries(testDb.db, "2b1e6a3e-0000-4000-8000-000000000000", ctx(adminA)),
      "NOT_FOUND",
    );

    expect((await listWebhooks(testDb.db, orgA, ctx(platformAdmin))).map((w) => w.id)).toEqual([id]);
    const platformHook = await createWebhook(
      testDb.db,
      { organisationId: orgA, url: "https://partner.example/hooks/lots", events: ["referral.sent"] },
      ctx(platformAdmin),
    );
    expect((await listWebhooks(testDb.db, orgA, ctx(adminA))).map((w) => w.id)).toEqual([
      id,
      platformHook.id,
    ]);
    await deleteWebhook(testDb.db, platformHook.id, ctx(adminA));
    expect((await listWebhooks(testDb.db, orgA, ctx(adminA))).map((w) => w.id)).toEqual([id]);
  });

  it("validates the address and the event types", async () => {
    for (const url of ["ftp://partner.example/hook", "not a url", "https://user:pw@partner.example/hook"]) {
      await expectCode(
        createWebhook(testDb.db, { organisationId: orgA, url }, ctx(adminA)),
        "VALIDATION_FAILED",
      );
    }
    await expectCode(
      createWebhook(
        testDb.db,
        { organisationId: orgA, url: "https://partner.example/hook", events: ["referral.unknown" as never] },
        ctx(adminA),
      ),
      "VALIDATION_FAILED",
    );
    await expectCode(
      createWebhook(
        testDb.db,
        { organisationId: "2b1e6a3e-0000-4000-8000-000000000000", url: "https://partner.example/hook" },
        ctx(platformAdmin),
      ),
      "NOT_FOUND",
    );
  });

  it("never shows or audits the secret, and lists deliveries to the organisation's admin", async () => {
    const { id, secret } = await hook(orgA, "/listed", ["referral.sent", "referral.sent"]);
    await rotateWebhookSecret(testDb.db, id, ctx(adminA));
    const [listed] = await listWebhooks(testDb.db, orgA, ctx(adminA));
    expect(listed).toMatchObject({ id, organisationId: orgA, events: ["referral.sent"], isActive: true });
    expect(listed!.createdByUserId).toBe(adminA.userId);
    expect(Object.keys(listed!)).not.toContain("secret");
    expect(JSON.stringify(listed)).not.toContain("whsec_");

    const now = new Date();
    const eventId = await emit(orgA, "referral.sent", { referralId: "r-10" }, now);
    await run(now);
    const deliveries = await listDeliveries(testDb.db, id, ctx(adminA));
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      eventId,
      eventType: "referral.sent",
      status: "delivered",
      attempts: 1,
    });

    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_type", "=", "webhook")
      .where("record_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(["create", "update", "read"]);
    expect(audit[0]!.details).toMatchObject({ host: new URL(receiver.url("/")).host });
    const { n } = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where details::text like ${`%${secret.slice(6, 20)}%`}
        or details::text like '%whsec_%'
    `
      .execute(testDb.db)
      .then((r) => r.rows[0]!);
    expect(n).toBe(0);
  });
});

// ---- Several workers ---------------------------------------------------------------------------------------

// Several workers share one PostgreSQL queue (on PGlite there is one connection and one worker).
if (testDbKind() === "postgres") {
  describe("several workers on PostgreSQL", () => {
    it("deliver each of many events exactly once when two workers drain the queue concurrently", async () => {
      const { id } = await hook(orgA, "/shared");
      const total = 60;
      const now = new Date();
      const eventIds = new Set<string>();
      for (let n = 0; n < total; n++) eventIds.add(await emit(orgA, "referral.sent", { n }, now));
      const other = await createDb({ databaseUrl: testDb.databaseUrl!, dataDir: tmpdir(), poolSize: 4 });
      try {
        const drain = async (db: typeof testDb.db) => {
          let delivered = 0;
          for (;;) {
            const { count, more } = await deliverDueWebhooks(db, { now, logger: silent, batch: 5 });
            delivered += count;
            if (!more) return delivered;
          }
        };
        const [byA, byB] = await Promise.all([drain(testDb.db), drain(other.db)]);
        expect(byA + byB).toBe(total);
      } finally {
        await other.close();
      }
      expect(receiver.requests).toHaveLength(total);
      expect(new Set(receiver.requests.map((r) => r.headers["lots-event-id"]))).toEqual(eventIds);
      const rows = await deliveriesOf(id);
      expect(rows.every((row) => row.status === "delivered" && row.attempts === 1)).toBe(true);
    });
  });
}
