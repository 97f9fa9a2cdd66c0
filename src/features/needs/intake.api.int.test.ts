import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// The needs-intake API (/api/v1/companies, /needs, /surveys/{id}/responses): who may do what with a token or
// a session, idempotent submission through the Idempotency-Key header, and per-field problem documents.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgA: string;
let orgB: string;
let surveyA: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgA = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  orgB = await makeOrganisation(testDb.db, "Almi Mälardalen", "business-finance");
  surveyA = (await publishedSurvey(testDb.db, orgA)).survey.id;
});
afterAll(async () => {
  await testDb?.close();
});

async function token(organisationId: string, role: Role): Promise<Record<string, string>> {
  const created = await createApiToken(testDb.db, CLI_ACTOR, { organisationId, name: `test ${role}`, role });
  return { authorization: `Bearer ${created.token}` };
}

async function session(organisationId: string, role: Role): Promise<Record<string, string>> {
  const { userId } = await createUserWithRole(testDb.db, organisationId, role);
  const created = await createSession(testDb.db, { userId });
  return { cookie: `lots_session=${created.sessionId}`, "x-csrf-token": created.csrfToken };
}

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
  const json: any = await response.json();
  return { status: response.status, json, headers: response.headers };
}

describe("/api/v1/companies", () => {
  it("registers, attaches with differences, reads (audited) for a navigator token", async () => {
    const navigator = await token(orgA, "navigator");
    const orgNumber = freshOrgNumber();
    const created = await call("POST", "/api/v1/companies", navigator, {
      orgNumber,
      name: "Pershyttan Smide AB",
      postalCode: "71331",
      sizeBand: "5-9",
      contacts: [{ name: "Per Smed", email: "per@smide.test" }],
    });
    expect(created.status).toBe(201);
    expect(created.json.company).toMatchObject({ municipalityCode: "1884", sizeBand: "5-9" });
    expect(created.json.company.curatedFields).toEqual(expect.arrayContaining(["name", "sizeBand"]));
    expect(created.json.contacts).toHaveLength(1);

    const again = await call("POST", "/api/v1/companies", navigator, {
      orgNumber,
      name: "Pershyttan Smide AB",
      sizeBand: "10-19",
    });
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(again.json.differences).toEqual([
      { field: "sizeBand", stored: "5-9", submitted: "10-19", outcome: "updated" },
    ]);

    const id = created.json.company.id;
    const read = await call("GET", `/api/v1/companies/${id}`, navigator);
    expect(read.status).toBe(200);
    expect(read.json.contacts[0].email).toBe("per@smide.test");
    const audit = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("record_type", "=", "company")
      .where("record_id", "=", id)
      .where("action", "=", "read")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe("token:test navigator");

    const list = await call("GET", "/api/v1/companies?q=pershyttan", navigator);
    expect(list.json.items.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it("is refused to analysts, advisors and org admins (403) and to anonymous callers (401)", async () => {
    for (const role of ["analyst", "advisor", "org-admin"] as const) {
      expect((await call("GET", "/api/v1/companies", await token(orgA, role))).status).toBe(403);
      expect((await call("GET", "/api/v1/companies", await session(orgA, role))).status).toBe(403);
    }
    expect((await call("GET", "/api/v1/companies", {})).status).toBe(401);
  });

  it("answers invalid input with a problem document listing every field in Swedish and English", async () => {
    const response = await call("POST", "/api/v1/companies", await token(orgA, "navigator"), {
      orgNumber: "123",
      name: "Fel AB",
      postalCode: "99999",
      sizeBand: "10-20",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(response.json.title).toBe("VALIDATION_FAILED");
    expect(Object.keys(response.json.errors).sort()).toEqual(["orgNumber", "postalCode", "sizeBand"]);
    expect(response.json.errors.orgNumber.sv).toMatch(/10 siffror/);
    expect(response.json.errors.orgNumber.en).toMatch(/10 digits/);
  });
});

describe("/api/v1/surveys/{id}/responses", () => {
  it("stores one answer per Idempotency-Key and lists it with its version", async () => {
    const navigator = await token(orgA, "navigator");
    const headers = { ...navigator, "idempotency-key": "api-nyckel-1" };
    const body = validSubmission(freshOrgNumber());
    const first = await call("POST", `/api/v1/surveys/${surveyA}/responses`, headers, body);
    expect(first.status).toBe(201);
    expect(first.json.response.submittedBy).toBe("navigator");
    expect(first.json.needIds).toHaveLength(5);
    const repeat = await call("POST", `/api/v1/surveys/${surveyA}/responses`, headers, body);
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get("idempotency-replayed")).toBe("true");
    expect(repeat.json.response.id).toBe(first.json.response.id);
    const other = await call("POST", `/api/v1/surveys/${surveyA}/responses`, headers, {
      ...body,
      answers: { ...body.answers, outlook: 1 },
    });
    expect(other.status).toBe(409);

    const list = await call("GET", `/api/v1/surveys/${surveyA}/responses`, navigator);
    expect(list.status).toBe(200);
    const mine = list.json.items.filter((r: { id: string }) => r.id === first.json.response.id);
    expect(mine).toHaveLength(1);
    expect(mine[0].version).toBe(1);
  });

  it("refuses another organisation's navigator token and analysts (403)", async () => {
    const otherNavigator = await token(orgB, "navigator");
    expect((await call("GET", `/api/v1/surveys/${surveyA}/responses`, otherNavigator)).status).toBe(403);
    const post = await call(
      "POST",
      `/api/v1/surveys/${surveyA}/responses`,
      otherNavigator,
      validSubmission(freshOrgNumber()),
    );
    expect(post.status).toBe(403);
    expect(
      (await call("GET", `/api/v1/surveys/${surveyA}/responses`, await token(orgA, "analyst"))).status,
    ).toBe(403);
  });

  it("keys every invalid answer and company field in the problem document", async () => {
    const response = await call(
      "POST",
      `/api/v1/surveys/${surveyA}/responses`,
      await token(orgA, "navigator"),
      {
        company: { orgNumber: "556036-0794", name: "Fel AB" },
        answers: { areas: [], other: "<b>fet</b>", outlook: 9 },
      },
    );
    expect(response.status).toBe(400);
    expect(Object.keys(response.json.errors).sort()).toEqual(
      ["answers.areas", "answers.other", "answers.outlook", "company.orgNumber"].sort(),
    );
    expect(response.json.errors["answers.outlook"]).toEqual({
      sv: "Välj ett värde från 1 till 5.",
      en: "Choose a value from 1 to 5.",
    });
  });
});

describe("/api/v1/needs", () => {
  it("lets the organisation's navigators record, read, filter and triage needs", async () => {
    const navigator = await token(orgA, "navigator");
    const company = await call("POST", "/api/v1/companies", navigator, {
      orgNumber: freshOrgNumber(),
      name: "Gyttorp Verkstad AB",
    });
    const created = await call("POST", "/api/v1/needs", navigator, {
      companyId: company.json.company.id,
      theme: "academic-collaboration",
      urgency: "within-6-months",
      description: "Ett ex-jobb om automation.",
      source: "meeting",
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ organisationId: orgA, status: "open", source: "meeting" });

    const patched = await call("PATCH", `/api/v1/needs/${created.json.id}`, navigator, { status: "in-case" });
    expect(patched.status).toBe(200);
    expect(patched.json.status).toBe("in-case");
    const filtered = await call(
      "GET",
      "/api/v1/needs?status=in-case&theme=academic-collaboration",
      navigator,
    );
    expect(filtered.json.items.map((n: { id: string }) => n.id)).toEqual([created.json.id]);
    expect((await call("GET", `/api/v1/needs/${created.json.id}`, navigator)).status).toBe(200);

    // Another organisation's navigator: not in its list, 403 on the record and on changing it.
    const other = await token(orgB, "navigator");
    expect((await call("GET", `/api/v1/needs/${created.json.id}`, other)).status).toBe(403);
    expect((await call("PATCH", `/api/v1/needs/${created.json.id}`, other, { status: "met" })).status).toBe(
      403,
    );
    const otherList = await call("GET", "/api/v1/needs", other);
    expect(otherList.json.items.some((n: { id: string }) => n.id === created.json.id)).toBe(false);
    expect((await call("GET", `/api/v1/needs?organisationId=${orgA}`, other)).status).toBe(403);
    // Recording for another organisation is refused too.
    const foreign = await call("POST", "/api/v1/needs", other, {
      companyId: company.json.company.id,
      organisationId: orgA,
      theme: "financing",
      urgency: "now",
    });
    expect(foreign.status).toBe(403);

    // Analysts never read needs one by one; the platform admin reads every organisation's.
    expect((await call("GET", "/api/v1/needs", await token(orgA, "analyst"))).status).toBe(403);
    const admin = await call(
      "GET",
      `/api/v1/needs/${created.json.id}`,
      await session(orgB, "platform-admin"),
    );
    expect(admin.status).toBe(200);
  });

  it("answers a bad urgency, unknown theme or HTML description with per-field errors", async () => {
    const navigator = await token(orgA, "navigator");
    const company = await call("POST", "/api/v1/companies", navigator, {
      orgNumber: freshOrgNumber(),
      name: "Järnboås AB",
    });
    const badUrgency = await call("POST", "/api/v1/needs", navigator, {
      companyId: company.json.company.id,
      theme: "financing",
      urgency: "yesterday",
    });
    expect(badUrgency.status).toBe(400);
    expect(Object.keys(badUrgency.json.errors)).toEqual(["urgency"]);
    expect(badUrgency.json.errors.urgency.sv).toMatch(/Välj ett av: now, within-6-months, later/);
    const badTheme = await call("POST", "/api/v1/needs", navigator, {
      companyId: company.json.company.id,
      theme: "astrology",
      urgency: "now",
      description: "<img src=x onerror=alert(1)>",
    });
    expect(badTheme.status).toBe(400);
    expect(Object.keys(badTheme.json.errors).sort()).toEqual(["description", "theme"]);
  });
});
