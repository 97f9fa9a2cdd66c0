import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { register } from "#src/features/meetings/meetings.registration.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { createLogger } from "#src/shared/logger.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { MAIL_SETTINGS, publishedMeeting, registrationFor } from "#tests/support/meetings-fixtures.ts";
import { createUserWithRole } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import {
  monthsBefore,
  runDailyRetention,
  runRetentionNow,
  saveRetentionSettings,
  stockholmDay,
} from "./retention.service.ts";
import { startRetentionWorker } from "./retention.worker.ts";

// Retention removes exactly what is past each organisation's period, keeps anonymous counts, audits every
// removal, logs its runs, and runs once a day however often and from however many places it is started.

let testDb: TestDb;
let orgA: string; // needs 12, responses 6, contacts 24 months
let orgB: string; // no periods: keeps everything
let surveyA: string;
let surveyB: string;
const NOW = new Date();
const SYSTEM = { actor: CLI_ACTOR };

beforeAll(async () => {
  testDb = await createTestDb();
  orgA = await makeOrganisation(testDb.db, "Gallring A");
  orgB = await makeOrganisation(testDb.db, "Gallring B");
  surveyA = (await publishedSurvey(testDb.db, orgA)).survey.id;
  surveyB = (await publishedSurvey(testDb.db, orgB)).survey.id;
});
afterAll(async () => {
  await testDb?.close();
});

/** A staff-entered answer to a survey `monthsAgo` months ago, with the contact person last updated then too. */
async function answer(surveyId: string, orgNumber: string, monthsAgo: number, contactMonthsAgo = monthsAgo) {
  const result = await submitResponse(testDb.db, { surveyId, ...validSubmission(orgNumber) }, SYSTEM, {
    now: monthsBefore(NOW, monthsAgo),
  });
  await testDb.db
    .updateTable("company_contacts")
    .set({ updated_at: monthsBefore(NOW, contactMonthsAgo), created_at: monthsBefore(NOW, contactMonthsAgo) })
    .where("company_id", "=", result.company!.id)
    .execute();
  return { companyId: result.company!.id, responseId: result.response.id };
}

const answersOf = async (responseId: string) =>
  (
    await testDb.db
      .selectFrom("survey_responses")
      .select("answers")
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow()
  ).answers;
const needsOf = (responseId: string) =>
  testDb.db
    .selectFrom("needs")
    .select(["theme", "description", "municipality_code", "size_band", "sni_code", "company_id"])
    .where("response_id", "=", responseId)
    .orderBy("theme")
    .execute();
const contactsOf = (companyId: string) =>
  testDb.db.selectFrom("company_contacts").select("id").where("company_id", "=", companyId).execute();
const themeCounts = async () =>
  (
    await sql<{
      theme: string;
      n: number;
    }>`select theme, count(*)::int as n from needs group by theme order by theme`.execute(testDb.db)
  ).rows;

describe("retention periods", () => {
  let old: Awaited<ReturnType<typeof answer>>;
  let middle: Awaited<ReturnType<typeof answer>>;
  let fresh: Awaited<ReturnType<typeof answer>>;
  let otherOrg: Awaited<ReturnType<typeof answer>>;
  let sharedA: Awaited<ReturnType<typeof answer>>;
  let sharedB: Awaited<ReturnType<typeof answer>>;
  let report: Awaited<ReturnType<typeof runRetentionNow>>;
  let countsBefore: Awaited<ReturnType<typeof themeCounts>>;
  let oldMeeting: string; // A's meeting 30 months ago: its registrations are past the contacts period (24)
  let recentMeeting: string; // A's meeting a month ago: kept
  let otherMeeting: string; // B's meeting 30 months ago: B keeps everything

  /** A published meeting of `org` held `monthsAgo` months before now, with one registration made before it. */
  async function meetingWithRegistration(org: string, monthsAgo: number, key: string) {
    const at = monthsBefore(NOW, monthsAgo);
    const meeting = await publishedMeeting(testDb.db, org, { date: at.toISOString().slice(0, 10) }, 0);
    await register(testDb.db, meeting.slug, registrationFor(key), {
      settings: MAIL_SETTINGS,
      locale: "sv",
      meta: SYSTEM,
      now: new Date(meeting.startsAt.getTime() - 7 * 86_400_000),
    });
    return meeting.id;
  }

  beforeAll(async () => {
    oldMeeting = await meetingWithRegistration(orgA, 30, "gallras");
    recentMeeting = await meetingWithRegistration(orgA, 1, "sparas");
    otherMeeting = await meetingWithRegistration(orgB, 30, "b-sparar");
    old = await answer(surveyA, freshOrgNumber(), 30); // past every period of A
    middle = await answer(surveyA, freshOrgNumber(), 8, 30); // past responses (6), not needs (12); recent answer keeps the contact
    fresh = await answer(surveyA, freshOrgNumber(), 1); // nothing is due
    otherOrg = await answer(surveyB, freshOrgNumber(), 30); // B keeps everything
    const shared = freshOrgNumber(); // answered A and B long ago: B still holds the company's data
    sharedA = await answer(surveyA, shared, 30);
    sharedB = await answer(surveyB, shared, 30);
    await saveRetentionSettings(
      testDb.db,
      orgA,
      { needsMonths: "12", responsesMonths: 6, contactsMonths: "24" },
      SYSTEM,
    );
    countsBefore = await themeCounts();
    report = await runRetentionNow(testDb.db, { now: NOW });
  });

  it("scrubs answers older than the responses period and nothing else", async () => {
    for (const { responseId } of [old, middle, sharedA]) {
      const answers = await answersOf(responseId);
      expect(Object.keys(answers).sort()).toEqual(["areas", "channels", "energy", "outlook", "staff"]);
      expect(answers.areas).toEqual([
        { theme: "financing", urgency: "now", description: "" },
        { theme: "digitalisation", urgency: "later", description: "" },
      ]);
    }
    for (const { responseId } of [fresh, otherOrg, sharedB]) {
      const answers = await answersOf(responseId);
      expect(answers.other).toBe("Tack för träffen i Nora.");
      expect(answers.contact).toMatchObject({ name: "Anna Svensson" });
      expect(answers.areas).toContainEqual(
        expect.objectContaining({ description: "Vi behöver rörelsekapital." }),
      );
    }
  });

  it("clears need descriptions older than the needs period, keeping theme and the anonymous facts", async () => {
    for (const { companyId, responseId } of [old, sharedA]) {
      const needs = await needsOf(responseId);
      expect(needs.length).toBe(5);
      expect(needs.every((n) => n.description === "")).toBe(true);
      expect(needs.every((n) => n.municipality_code === "1884" && n.size_band === "10-19")).toBe(true);
      expect(needs.every((n) => n.sni_code === "25620" && n.company_id === companyId)).toBe(true);
    }
    for (const { responseId } of [middle, fresh, otherOrg, sharedB]) {
      const needs = await needsOf(responseId);
      expect(needs.find((n) => n.theme === "financing")?.description).toBe("Vi behöver rörelsekapital.");
    }
    expect(await themeCounts()).toEqual(countsBefore);
  });

  it("erases contact persons only when every organisation holding the company's data is past its period", async () => {
    expect(await contactsOf(old.companyId)).toEqual([]);
    expect(await contactsOf(middle.companyId)).toHaveLength(1); // answered 8 months ago
    expect(await contactsOf(fresh.companyId)).toHaveLength(1);
    expect(await contactsOf(otherOrg.companyId)).toHaveLength(1); // B keeps
    expect(await contactsOf(sharedA.companyId)).toHaveLength(1); // B holds it too and keeps
    // The company record itself stays; only the person goes.
    const company = await testDb.db
      .selectFrom("companies")
      .select("id")
      .where("id", "=", old.companyId)
      .executeTakeFirst();
    expect(company).toBeDefined();
  });

  it("anonymises registrations for meetings older than the contacts period, keeping the count", async () => {
    const people = async (meetingId: string) =>
      (
        await testDb.db
          .selectFrom("meeting_registrations")
          .select(["person_name", "email", "dietary_needs", "status"])
          .where("meeting_id", "=", meetingId)
          .execute()
      ).map((r) => ({ ...r, email: r.email.endsWith("@invalid") ? "erased" : r.email }));
    expect(await people(oldMeeting)).toEqual([
      { person_name: "–", email: "erased", dietary_needs: null, status: "registered" },
    ]);
    expect(await people(recentMeeting)).toEqual([
      {
        person_name: "Person sparas",
        email: "sparas@traff.test",
        dietary_needs: "Vegetariskt",
        status: "registered",
      },
    ]);
    expect((await people(otherMeeting))[0]!.person_name).toBe("Person b-sparar");
  });

  it("reports, logs and audits exactly what it removed", async () => {
    const responsesCleared = 3; // old, middle, sharedA
    const needsWithWords = 2; // the financing need of old and sharedA carried the company's words
    expect(report.organisations).toEqual({
      [orgA]: {
        contactsErased: 1,
        responsesScrubbed: responsesCleared,
        needsCleared: needsWithWords,
        registrationsErased: 1,
      },
    });
    expect(report.totals).toEqual({
      contactsErased: 1,
      responsesScrubbed: 3,
      needsCleared: 2,
      registrationsErased: 1,
    });

    const run = await testDb.db
      .selectFrom("retention_runs")
      .selectAll()
      .where("id", "=", report.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ trigger: "manual", status: "done", day: stockholmDay(NOW) });
    expect(run.finished_at).not.toBeNull();
    expect(run.removed).toMatchObject({ totals: report.totals });

    const entries = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "record_type", "organisation_id", "details"])
      .where("actor_label", "=", "retention job")
      .execute();
    const summary = (type: string) =>
      entries.find((e) => e.action === "retention" && e.record_type === type && e.organisation_id === orgA);
    expect(summary("survey-response")?.details).toMatchObject({ count: 3, months: 6 });
    expect(summary("need")?.details).toMatchObject({ count: 2, months: 12 });
    expect(summary("contact")?.details).toMatchObject({ count: 1, months: 24 });
    expect(summary("meeting-registration")?.details).toMatchObject({ count: 1, months: 24 });
    const erasures = entries.filter((e) => e.action === "erase" && e.record_type === "contact");
    expect(erasures).toHaveLength(1);
    expect(erasures[0]!.details).toMatchObject({ companyId: old.companyId });
    expect(entries.filter((e) => e.organisation_id === orgB)).toEqual([]);
  });

  it("removes nothing more when run again, and says so", async () => {
    const again = await runRetentionNow(testDb.db, { now: NOW });
    expect(again.organisations).toEqual({});
    expect(again.totals).toEqual({
      contactsErased: 0,
      responsesScrubbed: 0,
      needsCleared: 0,
      registrationsErased: 0,
    });
  });

  it("refuses bad periods with a message per field and keeps an empty period as 'keep'", async () => {
    await expect(
      saveRetentionSettings(
        testDb.db,
        orgB,
        { needsMonths: "0", responsesMonths: "tre", contactsMonths: "241" },
        SYSTEM,
      ),
    ).rejects.toMatchObject({
      fields: {
        needsMonths: expect.objectContaining({ sv: expect.stringContaining("1 och 240") }),
        responsesMonths: expect.anything(),
        contactsMonths: expect.anything(),
      },
    });
    const saved = await saveRetentionSettings(
      testDb.db,
      orgB,
      { needsMonths: "", responsesMonths: " 48 ", contactsMonths: undefined },
      SYSTEM,
    );
    expect(saved).toMatchObject({ needsMonths: null, responsesMonths: 48, contactsMonths: null });
    await saveRetentionSettings(testDb.db, orgB, {}, SYSTEM); // back to keeping everything
  });
});

describe("the daily run", () => {
  // Far in the future, so these runs are the only ones on their days (and remove whatever is left).
  const day1 = new Date("2031-03-10T05:00:00Z");
  const day2 = new Date("2031-03-11T05:00:00Z");

  it("runs once per Stockholm day, also when called twice or in parallel", async () => {
    const first = await runDailyRetention(testDb.db, { now: day1 });
    const second = await runDailyRetention(testDb.db, { now: new Date(day1.getTime() + 3_600_000) });
    expect(first.ran).toBe(true);
    expect(second).toEqual({ ran: false, day: "2031-03-10" });

    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => runDailyRetention(testDb.db, { now: day2 })),
    );
    expect(parallel.filter((r) => r.ran)).toHaveLength(1);
    const rows = await testDb.db
      .selectFrom("retention_runs")
      .select(["day", "status"])
      .where("trigger", "=", "daily")
      .orderBy("day")
      .execute();
    expect(rows).toEqual([
      { day: "2031-03-10", status: "done" },
      { day: "2031-03-11", status: "done" },
    ]);
  });

  it("a worker runs the day's retention from the first hour on, once, across restarts", async () => {
    const logger = createLogger({ level: "silent" });
    let clock = new Date("2031-03-12T01:30:00Z"); // 02:30 in Stockholm: too early
    const worker = startRetentionWorker({ db: testDb.db, logger, intervalMs: 3_600_000, now: () => clock });
    try {
      expect(await worker.check()).toBe(0);
      clock = new Date("2031-03-12T02:30:00Z"); // 03:30
      expect(await worker.check()).toBe(1);
      expect(await worker.check()).toBe(0);
    } finally {
      await worker.stop();
    }
    const restarted = startRetentionWorker({
      db: testDb.db,
      logger,
      intervalMs: 3_600_000,
      now: () => clock,
    });
    try {
      expect(await restarted.check()).toBe(0);
    } finally {
      await restarted.stop();
    }
    const day = await testDb.db
      .selectFrom("retention_runs")
      .select("id")
      .where("day", "=", "2031-03-12")
      .execute();
    expect(day).toHaveLength(1);
  });
});

describe("the settings page /admin/organisationer/:id/gallring", () => {
  it("lets the org admin set the periods, keeps what was typed on error, and refuses a navigator", async () => {
    const app = createTestApp(testDb);
    const admin = await createUserWithRole(testDb.db, orgB, "org-admin");
    const session = await createSession(testDb.db, { userId: admin.userId });
    const headers = { cookie: `lots_session=${session.sessionId}`, "x-csrf-token": session.csrfToken };
    const path = `/admin/organisationer/${orgB}/gallring`;

    const page = await app.request(path, { headers });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('for="retention-needsMonths"');
    expect(html).toContain("Senaste körningar");

    const bad = await app.request(path, {
      method: "POST",
      headers,
      body: new URLSearchParams({ needsMonths: "36", responsesMonths: "sex", contactsMonths: "" }),
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="retention-responsesMonths-error"');
    expect(badHtml).toContain('value="sex"');
    expect(badHtml).toContain('value="36"');

    const good = await app.request(path, {
      method: "POST",
      headers,
      body: new URLSearchParams({ needsMonths: "36", responsesMonths: "", contactsMonths: "24" }),
    });
    expect(good.status).toBe(303);
    expect(good.headers.get("location")).toBe(`${path}?sparat=1`);
    const stored = await testDb.db
      .selectFrom("retention_settings")
      .selectAll()
      .where("organisation_id", "=", orgB)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ needs_months: 36, responses_months: null, contacts_months: 24 });
    expect(stored.updated_by_user_id).toBe(admin.userId);

    const navigator = await createUserWithRole(testDb.db, orgB, "navigator");
    const navSession = await createSession(testDb.db, { userId: navigator.userId });
    const refused = await app.request(path, { headers: { cookie: `lots_session=${navSession.sessionId}` } });
    expect(refused.status).toBe(403);
  });
});
