import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { type AuditContext, CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { openCase } from "#src/features/cases/cases.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { changeTeamMember, createTeam, setCatchAllTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { type Actor, ANONYMOUS, type Role, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { referCase } from "./referrals.service.ts";

// /api/v1/referrals over HTTP, by API token and by session: the list's exact shape and its partner filter
// (an advisor of A never sees B's referrals), 404 for another organisation's referral, accept → close with an
// outcome, two people acting at once (exactly one 200 and one 409, the database as the winner left it), the
// If-Match header, and problem documents for invalid input.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let nora: string;
let orgA: string;
let orgB: string;
let navigator: UserActor;
let companyId: string;
let offerA1: string;
let offerA2: string;
let offerB: string;
let caseId: string;
let referralToA1: string;
let referralToA2: string;
let referralToB: string;

type Headers = Record<string, string>;

/** The audit context of a service call made outside a request. */
const ctx = (actor: Actor): AuditContext => ({
  actor,
  ip: undefined,
  userAgent: undefined,
  requestId: undefined,
});

async function token(organisationId: string, role: Role): Promise<Headers> {
  const created = await createApiToken(testDb.db, CLI_ACTOR, { organisationId, name: `test ${role}`, role });
  return { authorization: `Bearer ${created.token}` };
}

async function sessionOf(userId: string): Promise<Headers> {
  const created = await createSession(testDb.db, { userId });
  return { cookie: `lots_session=${created.sessionId}`, "x-csrf-token": created.csrfToken };
}

async function session(organisationId: string, role: Role): Promise<Headers> {
  return sessionOf((await createUserWithRole(testDb.db, organisationId, role)).userId);
}

async function call(method: string, path: string, headers: Headers, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, json, headers: response.headers };
}

let serial = 0;
const offerInput = (organisationId: string, name: string) => ({
  organisationId,
  slug: `api-erbjudande-${++serial}`,
  name,
  summary: "Lån till företag som vill växa eller ställa om.",
  description: "Lånet finansierar maskiner, lager eller rörelsekapital.",
  formats: ["loan"],
  themes: ["financing"],
  costType: "loan" as const,
  contacts: [{ name: "Karin Holmgren", title: "Affärsrådgivare", email: "karin@almi.example" }],
});

/** A new case for the company (a new need), referred to `offerId`; returns the referral id. */
async function freshReferral(offerId: string): Promise<string> {
  const opened = await openCase(
    testDb.db,
    { companyId, newNeed: { theme: "financing", description: "Nytt lånebehov." } },
    ctx(navigator),
  );
  const [id] = await referCase(testDb.db, opened.id, { offerIds: [offerId] }, ctx(navigator));
  return id!;
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const db = testDb.db;
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  orgA = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  orgB = await makeOrganisation(db, "Region Örebro län", "region");

  // The company answers the needs form with consent to contact and referral (every organisation), before
  // any routing exists, so no case opens by itself.
  const { campaign } = await publishedSurvey(db, nora);
  const submitted = await submitResponse(
    db,
    { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
  );
  companyId = submitted.company!.id;

  // Routing: a team of Nora with a navigator, the catch-all team.
  const admin = await makeUser(db, `admin-${Date.now()}@test.lots.invalid`, [[nora, "platform-admin"]]);
  navigator = await createUserWithRole(db, nora, "navigator", { name: "Anna Sjöberg" });
  const teamId = await createTeam(
    db,
    { organisationId: nora, name: "Nora lotsar", slug: "nora-lotsar" },
    ctx(admin),
  );
  await setCatchAllTeam(db, teamId, ctx(admin));
  await changeTeamMember(db, teamId, navigator.userId, "add", ctx(admin));

  const offers = await createOffers(db, [
    offerInput(orgA, "Almi Företagslån"),
    offerInput(orgA, "Almi Mikrolån"),
    offerInput(orgB, "Regionalt investeringsstöd"),
  ]);
  [offerA1, offerA2, offerB] = offers.map((o) => o.id) as [string, string, string];

  const opened = await openCase(db, { companyId, needIds: submitted.needIds!.slice(0, 2) }, ctx(navigator));
  caseId = opened.id;
  const ids = await referCase(
    db,
    caseId,
    { offerIds: [offerA1, offerA2, offerB], message: "Företaget behöver rörelsekapital." },
    ctx(navigator),
  );
  [referralToA1, referralToA2, referralToB] = ids as [string, string, string];
});
afterAll(async () => {
  await testDb?.close();
});

const ITEM_KEYS = [
  "case",
  "closedAt",
  "declineReason",
  "id",
  "offer",
  "organisation",
  "outcome",
  "respondBy",
  "respondedAt",
  "sentAt",
  "status",
  "version",
];

describe("GET /api/v1/referrals", () => {
  it("answers exactly {items, total} with the issue's item shape, only A's referrals for A's advisor", async () => {
    const list = await call("GET", "/api/v1/referrals?pageSize=100", await token(orgA, "advisor"));
    expect(list.status).toBe(200);
    expect(Object.keys(list.json).sort()).toEqual(["items", "total"]);
    const toA = await testDb.db
      .selectFrom("referrals")
      .select("id")
      .where("organisation_id", "=", orgA)
      .execute();
    expect(list.json.total).toBe(toA.length);
    expect(list.json.items).toHaveLength(toA.length);
    const ids = list.json.items.map((r: { id: string }) => r.id);
    expect(ids).toEqual(expect.arrayContaining([referralToA1, referralToA2]));
    expect(ids).not.toContain(referralToB);
    for (const item of list.json.items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect(item.organisation).toEqual({ id: orgA, name: "Almi Mälardalen" });
      expect(Object.keys(item.case).sort()).toEqual(["id", "number"]);
      expect(Object.keys(item.offer).sort()).toEqual(["id", "name"]);
    }
    const one = list.json.items.find((r: { id: string }) => r.id === referralToA1);
    expect(one).toMatchObject({
      status: "sent",
      case: { id: caseId },
      offer: { id: offerA1, name: "Almi Företagslån" },
      outcome: null,
      declineReason: null,
      respondedAt: null,
      closedAt: null,
      version: 1,
    });
    expect(new Date(one.respondBy).getTime()).toBeGreaterThan(new Date(one.sentAt).getTime());

    // The same by session, and for B's advisor only B's.
    const bySession = await call("GET", "/api/v1/referrals?pageSize=100", await session(orgA, "advisor"));
    expect(bySession.json.total).toBe(toA.length);
    const forB = await call("GET", "/api/v1/referrals", await token(orgB, "advisor"));
    expect(forB.json.items.map((r: { id: string }) => r.id)).toEqual([referralToB]);
    expect(forB.json.total).toBe(1);
    // Asking for B's referrals as A filters to nothing rather than revealing them.
    const asked = await call("GET", `/api/v1/referrals?organisation=${orgB}`, await token(orgA, "advisor"));
    expect(asked.json).toEqual({ items: [], total: 0 });
    // The case side sees all three of its case.
    const sent = await call("GET", `/api/v1/referrals?case=${caseId}`, await token(nora, "navigator"));
    expect(sent.json.total).toBe(3);
  });

  it("refuses anonymous callers (401) and invalid filters (400 problem naming the field)", async () => {
    const anonymous = await call("GET", "/api/v1/referrals", {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toMatch(/application\/problem\+json/);
    const bad = await call("GET", "/api/v1/referrals?status=lost&pageSize=0", await token(orgA, "advisor"));
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Object.keys(bad.json.errors).sort()).toEqual(["pageSize", "status"]);
  });
});

describe("GET /api/v1/referrals/{id}", () => {
  it("shows A's referral to A with message, company, notes and events; B's is 404 for A", async () => {
    const advisorA = await token(orgA, "advisor");
    const own = await call("GET", `/api/v1/referrals/${referralToA2}`, advisorA);
    expect(own.status).toBe(200);
    expect(own.headers.get("etag")).toBe('"1"');
    expect(own.json).toMatchObject({
      id: referralToA2,
      organisation: { id: orgA },
      message: "Företaget behöver rörelsekapital.",
      company: { id: companyId, name: "Nora Mekaniska AB" },
    });
    expect(own.json.events.length).toBeGreaterThan(0);
    expect(own.json.events.every((e: { referralId: string }) => e.referralId === referralToA2)).toBe(true);

    const other = await call("GET", `/api/v1/referrals/${referralToB}`, advisorA);
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(
      (await call("GET", `/api/v1/referrals/${referralToB}`, await session(orgA, "org-admin"))).status,
    ).toBe(404);
    expect((await call("GET", "/api/v1/referrals/not-a-uuid", advisorA)).status).toBe(400);
  });

  it("shows notes by who may read them: A's internal note to A only, shared ones to the case side", async () => {
    const advisorA = await session(orgA, "advisor");
    const internal = await call("POST", `/api/v1/referrals/${referralToA2}/notes`, advisorA, {
      body: "Intern anteckning hos Almi.",
      visibility: "internal",
    });
    expect(internal.status).toBe(201);
    const shared = await call("POST", `/api/v1/referrals/${referralToA2}/notes`, advisorA, {
      body: "Vi ringer företaget i morgon.",
      visibility: "shared",
    });
    expect(shared.status).toBe(201);
    const forA = await call("GET", `/api/v1/referrals/${referralToA2}`, await token(orgA, "advisor"));
    expect(forA.json.notes.map((n: { id: string }) => n.id)).toEqual([internal.json.id, shared.json.id]);
    const forNora = await call("GET", `/api/v1/referrals/${referralToA2}`, await token(nora, "navigator"));
    expect(forNora.json.notes.map((n: { id: string }) => n.id)).toEqual([shared.json.id]);
    // B may not add notes to A's referral (it does not even see it).
    const fromB = await call(
      "POST",
      `/api/v1/referrals/${referralToA2}/notes`,
      await token(orgB, "advisor"),
      {
        body: "Hej",
      },
    );
    expect(fromB.status).toBe(404);
    const empty = await call("POST", `/api/v1/referrals/${referralToA2}/notes`, advisorA, { body: " " });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.json.errors)).toEqual(["body"]);
  });
});

describe("POST /api/v1/referrals/{id}/actions", () => {
  it("accepts, then closes with an outcome; the close without outcome is refused naming the field", async () => {
    const advisorA = await session(orgA, "advisor");
    const referralId = await freshReferral(offerA1);
    const accepted = await call("POST", `/api/v1/referrals/${referralId}/actions`, advisorA, {
      action: "accept",
      version: 1,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id: referralId, status: "accepted", version: 2 });
    expect(accepted.json.respondedAt).not.toBeNull();
    expect(accepted.headers.get("etag")).toBe('"2"');

    const noOutcome = await call("POST", `/api/v1/referrals/${referralId}/actions`, advisorA, {
      action: "close",
    });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Object.keys(noOutcome.json.errors)).toEqual(["outcome"]);

    const closed = await call("POST", `/api/v1/referrals/${referralId}/actions`, advisorA, {
      action: "close",
      outcome: "helped",
      version: 2,
      note: "Lånet beviljades.",
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: "closed", outcome: "helped", version: 3 });
    expect(closed.json.closedAt).not.toBeNull();
    const row = await testDb.db
      .selectFrom("referrals")
      .select(["status", "outcome"])
      .where("id", "=", referralId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "closed", outcome: "helped" });
  });

  it("refuses the partner's actions to the case side and withdraw to the partner (403), B entirely (404)", async () => {
    const referralId = await freshReferral(offerA1);
    const path = `/api/v1/referrals/${referralId}/actions`;
    expect((await call("POST", path, await token(orgA, "advisor"), { action: "withdraw" })).status).toBe(403);
    expect((await call("POST", path, await token(nora, "navigator"), { action: "accept" })).status).toBe(403);
    expect((await call("POST", path, await token(orgB, "advisor"), { action: "accept" })).status).toBe(404);
    // Anonymous: refused before the route (no session, so the CSRF check answers 403) or by it (401).
    expect([401, 403]).toContain((await call("POST", path, {}, { action: "accept" })).status);
    const unknown = await call("POST", path, await token(orgA, "advisor"), { action: "explode" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(unknown.json.title).toBe("VALIDATION_FAILED");
    expect(Object.keys(unknown.json.errors)).toEqual(["action"]);
  });

  it("honours If-Match: a stale version is 409 with the referral as it is now", async () => {
    const referralId = await freshReferral(offerA1);
    const path = `/api/v1/referrals/${referralId}/actions`;
    const advisorA = await token(orgA, "advisor");
    const stale = await call("POST", path, { ...advisorA, "if-match": '"7"' }, { action: "accept" });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(stale.json.referral).toMatchObject({ id: referralId, status: "sent", version: 1 });
    const garbled = await call(
      "POST",
      path,
      { ...advisorA, "if-match": "version one" },
      { action: "accept" },
    );
    expect(garbled.status).toBe(400);
    const ok = await call("POST", path, { ...advisorA, "if-match": '"1"' }, { action: "accept" });
    expect(ok.status).toBe(200);
    expect(ok.json.status).toBe("accepted");
  });

  it("of an accept and a withdraw at once, exactly one wins (200), the other gets 409 saying who; never 500", async () => {
    const advisorA = await session(orgA, "advisor");
    const navigatorSession = await sessionOf(navigator.userId);
    for (let round = 0; round < 4; round++) {
      const referralId = await freshReferral(offerA1);
      const path = `/api/v1/referrals/${referralId}/actions`;
      const [accept, withdraw] = await Promise.all([
        call("POST", path, advisorA, { action: "accept", version: 1 }),
        call("POST", path, navigatorSession, { action: "withdraw", version: 1 }),
      ]);
      expect([accept.status, withdraw.status].sort()).toEqual([200, 409]);
      const winner = accept.status === 200 ? accept : withdraw;
      const loser = accept.status === 200 ? withdraw : accept;
      const expected = accept.status === 200 ? "accepted" : "withdrawn";
      expect(winner.json.status).toBe(expected);
      expect(loser.headers.get("content-type")).toMatch(/application\/problem\+json/);
      expect(loser.json.title).toBe("CONFLICT");
      expect(loser.json.referral).toMatchObject({ id: referralId, status: expected, version: 2 });
      expect(loser.json.detail).toContain(`already ${expected}`);
      const by = expected === "withdrawn" ? "Anna Sjöberg (Nora kommun)" : "(Almi Mälardalen)";
      expect(loser.json.changedBy).toContain(by);
      expect(loser.json.detail).toContain(by);
      const row = await testDb.db
        .selectFrom("referrals")
        .select(["status", "version"])
        .where("id", "=", referralId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: expected, version: 2 });
      const events = await testDb.db
        .selectFrom("case_events")
        .select("to_status")
        .where("referral_id", "=", referralId)
        .where("kind", "=", "referral")
        .orderBy("seq")
        .execute();
      expect(events.map((e) => e.to_status)).toEqual(["sent", expected]);
    }
  });
});
