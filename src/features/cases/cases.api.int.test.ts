import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { type AuditContext, CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { recordConsent } from "#src/features/consent/consent.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { addReferralNote, referCase } from "#src/features/referrals/referrals.service.ts";
import { changeTeamMember, createTeam, setCatchAllTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { type Actor, ANONYMOUS, type Role, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { openCase } from "./cases.service.ts";

// /api/v1/cases over HTTP, by API token and by session: the list's shape and scope, opening a case, one case
// with its referrals and only the notes the caller's organisation may read, changes with lost-update
// protection (409 with the case as it is now), referrals refused without consent (400 naming offerIds),
// notes, and the OpenAPI document describing every new operation.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let nora: string;
let orgA: string;
let orgB: string;
let navigator: UserActor;
let consenting: { companyId: string; needIds: string[] };
let onlyA: { companyId: string; needIds: string[] };
let offerA: string;
let offerB: string;
let caseId: string;
let referralToA: string;

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
  slug: `arende-erbjudande-${++serial}`,
  name,
  summary: "Lån till företag som vill växa eller ställa om.",
  description: "Lånet finansierar maskiner, lager eller rörelsekapital.",
  formats: ["loan"],
  themes: ["financing"],
  costType: "loan" as const,
  contacts: [{ name: "Karin Holmgren", title: "Affärsrådgivare", email: "karin@almi.example" }],
});

async function submitCompany(campaignSlug: string) {
  const result = await submitResponse(
    testDb.db,
    { campaignSlug, ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
  );
  return { companyId: result.company!.id, needIds: result.needIds! };
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const db = testDb.db;
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  orgA = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  orgB = await makeOrganisation(db, "Region Örebro län", "region");

  // Two companies answer the needs form before routing exists (so no case opens by itself): one consents to
  // referral to every organisation, the other later narrows its consent to A.
  const { campaign } = await publishedSurvey(db, nora);
  consenting = await submitCompany(campaign.slug);
  onlyA = await submitCompany(campaign.slug);
  await recordConsent(
    db,
    {
      companyId: onlyA.companyId,
      kind: "contact-and-referral",
      organisations: [orgA],
      wordingVersion: "samtycke-2026-11",
      source: "private-link",
    },
    { actor: CLI_ACTOR },
  );

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
    offerInput(orgB, "Regionalt investeringsstöd"),
  ]);
  [offerA, offerB] = offers.map((o) => o.id) as [string, string];

  caseId = (
    await openCase(
      db,
      { companyId: consenting.companyId, needIds: consenting.needIds.slice(0, 2) },
      ctx(navigator),
    )
  ).id;
  [referralToA] = (await referCase(db, caseId, { offerIds: [offerA] }, ctx(navigator))) as [string];
});
afterAll(async () => {
  await testDb?.close();
});

const CASE_ITEM_KEYS = [
  "assignee",
  "closedAt",
  "company",
  "createdAt",
  "id",
  "municipality",
  "number",
  "openedVia",
  "organisation",
  "priority",
  "status",
  "team",
  "theme",
  "updatedAt",
  "version",
];

describe("GET /api/v1/cases", () => {
  it("lists the cases a navigator of the case's organisation reads, in the documented shape", async () => {
    const list = await call("GET", "/api/v1/cases", await token(nora, "navigator"));
    expect(list.status).toBe(200);
    expect(Object.keys(list.json).sort()).toEqual(["items", "total"]);
    const item = list.json.items.find((c: { id: string }) => c.id === caseId);
    expect(Object.keys(item).sort()).toEqual(CASE_ITEM_KEYS);
    expect(item).toMatchObject({
      status: "referred",
      openedVia: "phone",
      company: { id: consenting.companyId, name: "Nora Mekaniska AB" },
      team: { name: "Nora lotsar" },
      organisation: { id: nora, name: "Nora kommun" },
      assignee: null,
      municipality: "1884",
      closedAt: null,
    });
    expect(list.json.total).toBe(list.json.items.length);
    // The team queue of a navigator in the team (a person: sessions), and a search by number.
    const team = await call("GET", "/api/v1/cases?queue=team", await sessionOf(navigator.userId));
    expect(team.json.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const byNumber = await call(
      "GET",
      `/api/v1/cases?status=any&q=${item.number}`,
      await token(nora, "org-admin"),
    );
    expect(byNumber.json.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
  });

  it("gives a partner's advisor an empty list, anonymous callers 401 and bad filters a 400 problem", async () => {
    expect((await call("GET", "/api/v1/cases", await token(orgA, "advisor"))).json).toEqual({
      items: [],
      total: 0,
    });
    expect((await call("GET", "/api/v1/cases", {})).status).toBe(401);
    const bad = await call(
      "GET",
      "/api/v1/cases?priority=urgent&municipality=18",
      await token(nora, "navigator"),
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Object.keys(bad.json.errors).sort()).toEqual(["municipality", "priority"]);
  });
});

describe("POST /api/v1/cases", () => {
  it("opens a case for a navigator (201 {id, number}); refuses advisors (403) and bodies without needs (400)", async () => {
    const created = await call("POST", "/api/v1/cases", await sessionOf(navigator.userId), {
      companyId: consenting.companyId,
      needIds: [consenting.needIds[2]],
      openedVia: "meeting",
      summary: "Möte på kommunhuset.",
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual(["id", "number"]);
    const row = await testDb.db
      .selectFrom("cases")
      .select(["organisation_id", "opened_via", "number"])
      .where("id", "=", created.json.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ organisation_id: nora, opened_via: "meeting", number: created.json.number });

    const advisor = await call("POST", "/api/v1/cases", await token(orgA, "advisor"), {
      companyId: consenting.companyId,
      newNeed: { theme: "financing" },
    });
    expect(advisor.status).toBe(403);
    const empty = await call("POST", "/api/v1/cases", await token(nora, "navigator"), {
      companyId: consenting.companyId,
    });
    expect(empty.status).toBe(400);
    expect(empty.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Object.keys(empty.json.errors)).toEqual(["needIds"]);
  });
});

describe("GET /api/v1/cases/{id}", () => {
  it("shows the case with needs, referrals, events, contacts and only the notes Nora may read", async () => {
    // A's advisor writes one internal and one shared note on A's referral; Nora writes an internal note.
    const advisorA = await createUserWithRole(testDb.db, orgA, "advisor");
    const internalA = await addReferralNote(
      testDb.db,
      referralToA,
      { body: "Bara för Almi.", visibility: "internal" },
      ctx(advisorA),
    );
    const sharedA = await addReferralNote(
      testDb.db,
      referralToA,
      { body: "Vi har ringt företaget.", visibility: "shared" },
      ctx(advisorA),
    );
    const noraNote = await call("POST", `/api/v1/cases/${caseId}/notes`, await token(nora, "navigator"), {
      body: "Företaget vill ha svar före jul.",
    });
    expect(noraNote.status).toBe(201);

    const detail = await call("GET", `/api/v1/cases/${caseId}`, await token(nora, "navigator"));
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: caseId, status: "referred", canWork: true });
    expect(detail.json.needs.map((n: { id: string }) => n.id).sort()).toEqual(
      consenting.needIds.slice(0, 2).sort(),
    );
    expect(detail.json.referrals).toHaveLength(1);
    expect(detail.json.referrals[0]).toMatchObject({
      id: referralToA,
      status: "sent",
      case: { id: caseId },
      offer: { id: offerA, name: "Almi Företagslån" },
      organisation: { id: orgA, name: "Almi Mälardalen" },
    });
    const noteIds = detail.json.notes.map((n: { id: string }) => n.id);
    expect(noteIds).toContain(sharedA);
    expect(noteIds).toContain(noraNote.json.id);
    expect(noteIds).not.toContain(internalA);
    expect(JSON.stringify(detail.json)).not.toContain("Bara för Almi.");
    expect(detail.json.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(["opened", "routed", "referral"]),
    );
    expect(Array.isArray(detail.json.contacts)).toBe(true);

    expect((await call("GET", `/api/v1/cases/${caseId}`, await token(nora, "org-admin"))).json.canWork).toBe(
      false,
    );
    expect((await call("GET", `/api/v1/cases/${caseId}`, await token(orgA, "advisor"))).status).toBe(404);
    expect((await call("GET", `/api/v1/cases/${caseId}`, await session(orgB, "navigator"))).status).toBe(404);
  });
});

describe("PATCH /api/v1/cases/{id}", () => {
  it("changes the case at the version read; a stale version is a 409 problem with the case as it is now", async () => {
    const opened = await openCase(
      testDb.db,
      { companyId: consenting.companyId, newNeed: { theme: "financing" } },
      ctx(navigator),
    );
    const path = `/api/v1/cases/${opened.id}`;
    const navigatorToken = await token(nora, "navigator");
    const changed = await call("PATCH", path, navigatorToken, {
      version: 1,
      status: "triaged",
      priority: "high",
      assignedUserId: navigator.userId,
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      status: "triaged",
      priority: "high",
      version: 2,
      assignee: { id: navigator.userId, name: "Anna Sjöberg" },
    });

    const stale = await call("PATCH", path, await sessionOf(navigator.userId), {
      version: 1,
      status: "closed",
    });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(stale.json.title).toBe("CONFLICT");
    expect(stale.json.case).toMatchObject({ id: opened.id, status: "triaged", version: 2 });
    const row = await testDb.db
      .selectFrom("cases")
      .select(["status", "version"])
      .where("id", "=", opened.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "triaged", version: 2 });

    expect(
      (await call("PATCH", path, await token(nora, "org-admin"), { version: 2, priority: "low" })).status,
    ).toBe(403);
    expect(
      (await call("PATCH", path, await token(orgA, "advisor"), { version: 2, priority: "low" })).status,
    ).toBe(404);
    const invalid = await call("PATCH", path, navigatorToken, { status: "finished" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.errors).sort()).toEqual(["status", "version"]);
  });
});

describe("POST /api/v1/cases/{id}/referrals", () => {
  it("refuses a referral the company has not consented to with a 400 naming offerIds and the organisation", async () => {
    const opened = await openCase(
      testDb.db,
      { companyId: onlyA.companyId, needIds: [onlyA.needIds[0]!] },
      ctx(navigator),
    );
    const path = `/api/v1/cases/${opened.id}/referrals`;
    const navigatorToken = await token(nora, "navigator");
    const refused = await call("POST", path, navigatorToken, { offerIds: [offerB] });
    expect(refused.status).toBe(400);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(Object.keys(refused.json.errors)).toEqual(["offerIds"]);
    expect(refused.json.errors.offerIds.sv).toContain("Region Örebro län");
    expect(refused.json.errors.offerIds.en).toContain("has not consented");
    expect(
      await testDb.db.selectFrom("referrals").select("id").where("case_id", "=", opened.id).execute(),
    ).toEqual([]);

    expect((await call("POST", path, await token(nora, "org-admin"), { offerIds: [offerA] })).status).toBe(
      403,
    );
    const sent = await call("POST", path, navigatorToken, { offerIds: [offerA], message: "Hej Almi!" });
    expect(sent.status).toBe(201);
    expect(sent.json.ids).toHaveLength(1);
    const invalid = await call("POST", path, navigatorToken, { offerIds: [] });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.errors)).toEqual(["offerIds"]);
  });
});

describe("POST /api/v1/cases/{id}/notes", () => {
  it("adds a note for the case's navigators and refuses empty ones", async () => {
    const path = `/api/v1/cases/${caseId}/notes`;
    const added = await call("POST", path, await sessionOf(navigator.userId), {
      body: "Delad anteckning.",
      visibility: "shared",
    });
    expect(added.status).toBe(201);
    expect(Object.keys(added.json)).toEqual(["id"]);
    const empty = await call("POST", path, await token(nora, "navigator"), {
      body: "",
      visibility: "secret",
    });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.json.errors).sort()).toEqual(["body", "visibility"]);
    expect((await call("POST", path, await token(orgA, "advisor"), { body: "Hej" })).status).toBe(404);
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("describes every case, referral and webhook operation with tags, summary, description and errors", async () => {
    const response = await app.request("/api/v1/openapi.json");
    // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document
    const doc: any = await response.json();
    const expected: [string, string][] = [
      ["/cases", "get"],
      ["/cases", "post"],
      ["/cases/{id}", "get"],
      ["/cases/{id}", "patch"],
      ["/cases/{id}/referrals", "post"],
      ["/cases/{id}/notes", "post"],
      ["/referrals", "get"],
      ["/referrals/{id}", "get"],
      ["/referrals/{id}/actions", "post"],
      ["/referrals/{id}/notes", "post"],
      ["/organisations/{id}/webhooks", "get"],
      ["/organisations/{id}/webhooks", "post"],
      ["/organisations/{id}/webhooks/{webhookId}", "delete"],
      ["/organisations/{id}/webhooks/{webhookId}/deliveries", "get"],
    ];
    for (const [path, method] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.tags.length).toBeGreaterThan(0);
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect(operation.responses["401"]).toBeDefined();
      const errors = Object.keys(operation.responses).filter((s) => Number(s) >= 400);
      for (const status of errors)
        expect(Object.keys(operation.responses[status].content)).toEqual(["application/problem+json"]);
    }
    expect(doc.paths["/referrals/{id}/actions"].post.responses["409"]).toBeDefined();
    expect(doc.paths["/organisations/{id}/webhooks"].post.description).toContain("lots-signature");
    expect(Object.keys(doc.components.schemas.Referral.properties).sort()).toEqual([
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
    ]);
    expect(doc.components.schemas.Webhook.properties.secret).toBeUndefined();
  });
});
