import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAIL_SETTINGS, mailsTo, publishedMeeting, SYSTEM } from "#tests/support/meetings-fixtures.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { REGISTRATION_LIMITS } from "./meetings.api.ts";
import { cancelMeeting, createMeeting } from "./meetings.service.ts";

// The public meetings API: upcoming meetings without drafts or digital links, one meeting, and registration
// without an account with the same rules as the form (must-show 5 over the API), idempotent with a key.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgId = await makeOrganisation(testDb.db, "Lindesbergs kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

const person = (email: string) => ({
  orgNumber: "556036-0793",
  companyName: "Strandgläntan AB",
  personName: "Eva Lind",
  email,
});

async function post(slug: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await app.request(`/api/v1/meetings/${slug}/registrations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as {
      errors: Record<string, { sv: string; en: string }>;
      [key: string]: unknown;
    },
  };
}

describe("GET /api/v1/meetings", () => {
  it("lists published upcoming meetings in a municipality, never drafts or the digital link", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, { municipalityCode: "1885", capacity: 20 });
    const draft = await createMeeting(
      testDb.db,
      {
        organisationId: orgId,
        title: "Utkast",
        date: "2031-05-05",
        time: "09:00",
        durationMinutes: 60,
        place: "X",
      },
      SYSTEM,
    );
    const response = await app.request("/api/v1/meetings?municipality=1885");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { meetings: Record<string, unknown>[] };
    expect(body.meetings.map((m) => m.slug)).toEqual([meeting.slug]);
    expect(body.meetings[0]).toMatchObject({
      title: meeting.title,
      status: "published",
      municipality: { code: "1885", name: "Lindesbergs kommun" },
      digital: true,
      capacity: 20,
      placesLeft: 20,
      registrationOpen: true,
    });
    expect(JSON.stringify(body)).not.toContain("meet.example");
    expect((await app.request(`/api/v1/meetings/${draft.slug}`)).status).toBe(404);
    const one = await app.request(`/api/v1/meetings/${meeting.slug}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { agenda: string[] }).agenda).toEqual([
      "09.00 Välkommen",
      "09.15 Stöd för finansiering",
    ]);
    expect((await app.request("/api/v1/meetings?municipality=18")).status).toBe(400);
  });
});

describe("POST /api/v1/meetings/{slug}/registrations", () => {
  it("registers once per key and address, and names what is wrong", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, { capacity: 1 });
    const first = await post(meeting.slug, person("eva@api.test"), { "idempotency-key": "api-key-0001" });
    expect(first).toEqual({
      status: 201,
      json: { status: "registered", meeting: meeting.slug, replayed: false },
    });
    const again = await post(meeting.slug, person("eva@api.test"), { "idempotency-key": "api-key-0001" });
    expect(again).toEqual({
      status: 200,
      json: { status: "registered", meeting: meeting.slug, replayed: true },
    });
    expect(await mailsTo(testDb.db, "eva@api.test")).toHaveLength(1);

    const duplicate = await post(meeting.slug, person("EVA@api.test"));
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.errors.email?.sv).toMatch(/redan anmäld/);
    const bad = await post(meeting.slug, { ...person("inte-en-adress"), orgNumber: "123" });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.errors).sort()).toEqual(["email", "orgNumber"]);

    // Full: the next one waits.
    const waiting = await post(meeting.slug, person("olle@api.test"));
    expect(waiting).toMatchObject({ status: 201, json: { status: "waiting" } });

    await cancelMeeting(testDb.db, meeting.id, SYSTEM, MAIL_SETTINGS);
    const closed = await post(meeting.slug, person("sen@api.test"));
    expect(closed.status).toBe(400);
    expect(closed.json.errors._form?.sv).toMatch(/inställd/);
    const rows = await testDb.db
      .selectFrom("meeting_registrations")
      .select("email")
      .where("meeting_id", "=", meeting.id)
      .execute();
    expect(rows.map((r) => r.email).sort()).toEqual(["eva@api.test", "olle@api.test"]);
  });

  it("answers 404 for a meeting that is not published", async () => {
    expect((await post("finns-inte", person("x@api.test"))).status).toBe(404);
  });

  it("limits registrations per client address, so the form cannot be used to mail-bomb anyone", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i <= REGISTRATION_LIMITS.limit; i++) {
      const response = await app.request(`/api/v1/meetings/${meeting.slug}/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(person(`flood${i}@api.test`)),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get("retry-after");
        break;
      }
    }
    // The earlier tests of this file used part of the hour's allowance from the same address.
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const stored = await testDb.db
      .selectFrom("meeting_registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("meeting_id", "=", meeting.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(statuses.length - 1);
    expect(Number(stored.n)).toBeLessThan(REGISTRATION_LIMITS.limit);
  });
});
