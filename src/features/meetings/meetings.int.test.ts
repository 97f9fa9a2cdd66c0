import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCompany } from "#src/features/companies/companies.service.ts";
import { eraseCompany, exportCompany } from "#src/features/gdpr/gdpr.service.ts";
import { meetingNeeds } from "#src/features/insights/insights.meetings.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { stockholmInstant } from "#src/shared/stockholm-time.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import {
  icsOf,
  MAIL_SETTINGS,
  mailsTo,
  publishedMeeting,
  registrationFor,
  SYSTEM,
} from "#tests/support/meetings-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import {
  cancelByToken,
  markHeld,
  register,
  sendDueReminders,
  setAttendance,
} from "./meetings.registration.ts";
import { meetingOutcome } from "./meetings.report.ts";
import { cancelMeeting, getManagedMeeting, updateMeeting } from "./meetings.service.ts";

// Issue 9, must-shows 1, 2, 3 and 5 at the service level: calendar invitations as a calendar reads them,
// the waiting list, the follow-up survey once after a held meeting, and registration errors that never
// register anyone twice.

let testDb: TestDb;
let orgId: string;
const OPTIONS = { settings: MAIL_SETTINGS, locale: "sv" as const, meta: SYSTEM };

beforeAll(async () => {
  testDb = await createTestDb();
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

/** Every field error of a rejected call. */
async function fieldErrorsOf(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FieldValidationError);
  return (error as FieldValidationError).fields;
}

const count = async (meetingId: string, status?: string) => {
  let query = testDb.db.selectFrom("meeting_registrations").where("meeting_id", "=", meetingId);
  if (status) query = query.where("status", "=", status as "registered");
  return (await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
};

describe("calendar invitations (must-show 1)", () => {
  it("confirms with a REQUEST at the right local time, updates with the same UID and a higher SEQUENCE, cancels with METHOD:CANCEL", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, { date: "2031-01-16", time: "09:00" }, 0);
    await register(testDb.db, meeting.slug, registrationFor("ics"), OPTIONS);
    const [confirmation] = await mailsTo(testDb.db, "ics@traff.test");
    const invite = icsOf(confirmation!);
    expect(invite.contentType).toContain("method=REQUEST");
    expect(invite.method).toBe("REQUEST");
    expect(invite.zone).toBe("Europe/Stockholm");
    expect(invite.localStart).toBe("2031-01-16T09:00:00");
    // Winter time: 09:00 in Stockholm is 08:00 UTC.
    expect(invite.start.toISOString()).toBe("2031-01-16T08:00:00.000Z");
    expect(invite.end.getTime() - invite.start.getTime()).toBe(90 * 60_000);
    expect(invite.status).toBe("CONFIRMED");

    // Moved into summer time and an hour later: an update to the same event.
    const current = await getManagedMeeting(testDb.db, meeting.slug, SYSTEM.actor);
    await updateMeeting(
      testDb.db,
      meeting.id,
      { ...formOf(current), date: "2031-06-12", time: "10:00" },
      SYSTEM,
      MAIL_SETTINGS,
    );
    const update = icsOf((await mailsTo(testDb.db, "ics@traff.test"))[1]!);
    expect(update.method).toBe("REQUEST");
    expect(update.uid).toBe(invite.uid);
    expect(update.sequence).toBeGreaterThan(invite.sequence);
    expect(update.localStart).toBe("2031-06-12T10:00:00");
    expect(update.start.toISOString()).toBe(stockholmInstant("2031-06-12", "10:00:00").toISOString());
    expect(update.start.toISOString()).toBe("2031-06-12T08:00:00.000Z");

    // A change registrants need not hear about (the description) sends nothing and keeps the sequence.
    const moved = await getManagedMeeting(testDb.db, meeting.slug, SYSTEM.actor);
    await updateMeeting(
      testDb.db,
      meeting.id,
      { ...formOf(moved), description: "Ny text" },
      SYSTEM,
      MAIL_SETTINGS,
    );
    expect(await mailsTo(testDb.db, "ics@traff.test")).toHaveLength(2);

    await cancelMeeting(testDb.db, meeting.id, SYSTEM, MAIL_SETTINGS);
    const cancelMail = (await mailsTo(testDb.db, "ics@traff.test"))[2]!;
    const cancel = icsOf(cancelMail);
    expect(cancel.contentType).toContain("method=CANCEL");
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.status).toBe("CANCELLED");
    expect(cancel.uid).toBe(invite.uid);
    expect(cancel.sequence).toBeGreaterThan(update.sequence);
  });
});

function formOf(meeting: Awaited<ReturnType<typeof getManagedMeeting>>) {
  const local = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(meeting.startsAt);
  const [date, time] = local.split(" ");
  return {
    title: meeting.title,
    description: meeting.description,
    municipalityCode: meeting.municipalityCode ?? undefined,
    sniCodes: meeting.sniCodes,
    themes: meeting.themes,
    date,
    time,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place ?? undefined,
    onlineUrl: meeting.onlineUrl ?? undefined,
    agenda: meeting.agenda,
    capacity: meeting.capacity ?? undefined,
  };
}

describe("the waiting list (must-show 2)", () => {
  it("puts the next registrant on the waiting list when full and moves them up when someone cancels", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, { capacity: 2 });
    const first = await register(testDb.db, meeting.slug, registrationFor("w1"), OPTIONS);
    await register(testDb.db, meeting.slug, registrationFor("w2"), OPTIONS);
    const third = await register(testDb.db, meeting.slug, registrationFor("w3"), OPTIONS);
    expect(first.registration.status).toBe("registered");
    expect(third.registration.status).toBe("waiting");
    const waitingMail = (await mailsTo(testDb.db, "w3@traff.test"))[0]!;
    expect(waitingMail.attachments).toHaveLength(0);

    const token = cancelLink((await mailsTo(testDb.db, "w1@traff.test"))[0]!.text_body);
    const { registration, promoted } = await cancelByToken(testDb.db, token, {
      settings: MAIL_SETTINGS,
      meta: SYSTEM,
    });
    expect(registration.status).toBe("cancelled");
    expect(promoted?.email).toBe("w3@traff.test");
    expect(await count(meeting.id, "registered")).toBe(2);
    expect(await count(meeting.id, "waiting")).toBe(0);

    // The one who cancelled gets a calendar cancellation; the one moved up gets the invitation.
    const cancelled = icsOf((await mailsTo(testDb.db, "w1@traff.test"))[1]!);
    expect(cancelled.method).toBe("CANCEL");
    const promotedMails = await mailsTo(testDb.db, "w3@traff.test");
    expect(promotedMails).toHaveLength(2);
    expect(icsOf(promotedMails[1]!).method).toBe("REQUEST");

    // The same link again changes nothing and promotes no one else.
    await cancelByToken(testDb.db, token, { settings: MAIL_SETTINGS, meta: SYSTEM });
    expect(await count(meeting.id, "registered")).toBe(2);
    expect(await mailsTo(testDb.db, "w1@traff.test")).toHaveLength(2);
  });

  it("gives exactly `capacity` places when many register at the same moment", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, { capacity: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        register(testDb.db, meeting.slug, registrationFor(`race${i}`), OPTIONS),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    expect(await count(meeting.id, "registered")).toBe(3);
    expect(await count(meeting.id, "waiting")).toBe(7);
  });
});

/** The cancellation token from a mail's link. */
function cancelLink(text: string): string {
  const match = /\/traffar\/avboka\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no cancellation link in: ${text}`);
  return match[1]!;
}

describe("the follow-up survey (must-show 3)", () => {
  it("goes to attendees once after the meeting is held, and their answers come back tagged with the meeting", async () => {
    const { survey } = await publishedSurvey(testDb.db, orgId);
    const meeting = await publishedMeeting(testDb.db, orgId, { surveyId: survey.id });
    const came = await register(testDb.db, meeting.slug, registrationFor("came"), OPTIONS);
    const absent = await register(testDb.db, meeting.slug, registrationFor("absent"), OPTIONS);
    const late = await register(testDb.db, meeting.slug, registrationFor("late"), OPTIONS);
    await setAttendance(
      testDb.db,
      meeting,
      { [came.registration.id]: true, [absent.registration.id]: false },
      { settings: MAIL_SETTINGS, meta: SYSTEM },
    );
    const after = new Date(meeting.startsAt.getTime() + 2 * 3_600_000);
    expect(await markHeld(testDb.db, meeting, { settings: MAIL_SETTINGS, meta: SYSTEM, now: after })).toEqual(
      {
        followUpsSent: 1,
      },
    );
    const followUps = (await mailsTo(testDb.db, "came@traff.test")).filter((m) =>
      m.text_body.includes("/behov/"),
    );
    expect(followUps).toHaveLength(1);
    expect((await mailsTo(testDb.db, "absent@traff.test")).some((m) => m.text_body.includes("/behov/"))).toBe(
      false,
    );

    // Marking held again is refused; saving attendance again sends nothing new; a late-marked attendee gets one.
    const held = await getManagedMeeting(testDb.db, meeting.slug, SYSTEM.actor);
    await expect(
      markHeld(testDb.db, held, { settings: MAIL_SETTINGS, meta: SYSTEM, now: after }),
    ).rejects.toThrow();
    const again = await setAttendance(
      testDb.db,
      held,
      { [came.registration.id]: true, [late.registration.id]: true },
      { settings: MAIL_SETTINGS, meta: SYSTEM, now: after },
    );
    expect(again.followUpsSent).toBe(1);
    expect(
      (await mailsTo(testDb.db, "came@traff.test")).filter((m) => m.text_body.includes("/behov/")),
    ).toHaveLength(1);
    expect(
      (await mailsTo(testDb.db, "late@traff.test")).filter((m) => m.text_body.includes("/behov/")),
    ).toHaveLength(1);

    // The attendee answers through the link in the mail: the answer and its needs are the meeting's.
    const slug = /\/behov\/([a-z0-9-]+)/.exec(followUps[0]!.text_body)![1]!;
    const submission = validSubmission(freshOrgNumber());
    await submitResponse(testDb.db, { campaignSlug: slug, ...submission }, SYSTEM, { now: after });
    const outcome = await meetingOutcome(testDb.db, held, SYSTEM);
    expect(outcome.responses).toHaveLength(1);
    expect(outcome.needs?.map((n) => n.theme)).toEqual(
      expect.arrayContaining(["digitalisation", "financing"]),
    );
    expect(outcome.needs?.every((n) => n.source === "meeting")).toBe(true);
    const campaign = await testDb.db
      .selectFrom("campaigns")
      .select(["scope_kind", "meeting_ref"])
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    expect(campaign).toEqual({ scope_kind: "meeting", meeting_ref: meeting.id });
  });
});

describe("needs by meeting in the insights (must-show 3)", () => {
  it("counts the companies that answered a held meeting's follow-up, per theme, with small counts hidden", async () => {
    const { survey } = await publishedSurvey(testDb.db, orgId);
    // On a day of its own, so the other tests' meetings are not in the same table.
    const meeting = await publishedMeeting(
      testDb.db,
      orgId,
      { surveyId: survey.id, title: "Träff för insikter" },
      40,
    );
    const people = ["i1", "i2", "i3"];
    const attendance: Record<string, boolean> = {};
    for (const key of people) {
      attendance[(await register(testDb.db, meeting.slug, registrationFor(key), OPTIONS)).registration.id] =
        true;
    }
    await setAttendance(testDb.db, meeting, attendance, { settings: MAIL_SETTINGS, meta: SYSTEM });
    const after = new Date(meeting.startsAt.getTime() + 3_600_000);
    await markHeld(testDb.db, meeting, { settings: MAIL_SETTINGS, meta: SYSTEM, now: after });
    const held = await getManagedMeeting(testDb.db, meeting.slug, SYSTEM.actor);
    const campaign = await testDb.db
      .selectFrom("campaigns")
      .select("slug")
      .where("id", "=", held.followupCampaignId!)
      .executeTakeFirstOrThrow();
    const day = meeting.startsAt.toISOString().slice(0, 10);
    const range = { from: day, to: day };
    for (const [i, key] of people.entries()) {
      const submission = validSubmission(freshOrgNumber());
      submission.answers.contact = { ...submission.answers.contact, email: `${key}@traff.test` };
      // Two of three also say they need digitalisation: a small count that must be hidden.
      submission.answers.areas = i < 2 ? submission.answers.areas : [submission.answers.areas[0]!];
      await submitResponse(testDb.db, { campaignSlug: campaign.slug, ...submission }, SYSTEM, { now: after });
    }
    const table = await meetingNeeds(testDb.db, range, "sv");
    const row = table.rows.find((r) => r.header.startsWith("Träff för insikter"));
    expect(row, "a row for the meeting").toBeDefined();
    const cell = (name: string) => row!.values[table.columns.indexOf(name)]!;
    expect(cell("Finansiering och likviditet")).toMatchObject({ kind: "count", count: 3 });
    expect(cell("Digitalisering")).toMatchObject({ count: 2, suppressed: true });
    // The row must not give the hidden 2 away: another cell is hidden with it, and what is shown is exact.
    expect(row!.values.filter((v) => v.kind === "count" && v.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(row!.values.some((v) => v.kind === "count" && !v.suppressed && v.count === 3)).toBe(true);
  });
});

describe("registration errors (must-show 5)", () => {
  it("names the bad field, stores nothing, and never registers a person twice", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId);
    const bad = await fieldErrorsOf(
      register(testDb.db, meeting.slug, { ...registrationFor("bad"), email: "inte-en-adress" }, OPTIONS),
    );
    expect(bad.email?.sv).toMatch(/e-postadress/);
    const badOrg = await fieldErrorsOf(
      register(testDb.db, meeting.slug, { ...registrationFor("badorg"), orgNumber: "556036-0794" }, OPTIONS),
    );
    expect(badOrg.orgNumber?.sv).toMatch(/Organisationsnumret/);
    expect(await count(meeting.id)).toBe(0);

    await register(testDb.db, meeting.slug, registrationFor("dup"), OPTIONS);
    const dup = await fieldErrorsOf(
      register(testDb.db, meeting.slug, { ...registrationFor("dup"), email: "DUP@traff.test" }, OPTIONS),
    );
    expect(dup.email?.sv).toMatch(/redan anmäld/);
    const parallel = await Promise.allSettled(
      Array.from({ length: 20 }, () => register(testDb.db, meeting.slug, registrationFor("same"), OPTIONS)),
    );
    expect(parallel.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(parallel.every((r) => r.status === "fulfilled" || r.reason instanceof FieldValidationError)).toBe(
      true,
    );
    expect(await count(meeting.id)).toBe(2);

    // A double click (same idempotency key) is the same registration, not an error.
    const form = { ...registrationFor("click"), idempotencyKey: "form-key-123456" };
    const once = await register(testDb.db, meeting.slug, form, OPTIONS);
    const twice = await register(testDb.db, meeting.slug, form, OPTIONS);
    expect(twice).toEqual({ registration: once.registration, replayed: true });
    expect(await mailsTo(testDb.db, "click@traff.test")).toHaveLength(1);
  });

  it("refuses registration after the deadline", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const deadline = `${yesterday.toISOString().slice(0, 10)}T12:00`;
    const meeting = await publishedMeeting(testDb.db, orgId, { registrationDeadline: deadline });
    const closed = await fieldErrorsOf(
      register(testDb.db, meeting.slug, registrationFor("late-reg"), OPTIONS),
    );
    expect(closed._form?.sv).toMatch(/Anmälan stängde/);
    expect(await count(meeting.id)).toBe(0);
  });
});

describe("reminders", () => {
  it("reminds everyone registered the day before, once", async () => {
    const meeting = await publishedMeeting(testDb.db, orgId, {}, 3);
    await register(testDb.db, meeting.slug, registrationFor("remind"), OPTIONS);
    const dayBefore = new Date(meeting.startsAt.getTime() - 20 * 3_600_000);
    expect(
      await sendDueReminders(testDb.db, MAIL_SETTINGS, new Date(meeting.startsAt.getTime() - 48 * 3_600_000)),
    ).toBe(0);
    expect(await sendDueReminders(testDb.db, MAIL_SETTINGS, dayBefore)).toBeGreaterThanOrEqual(1);
    const before = (await mailsTo(testDb.db, "remind@traff.test")).length;
    await sendDueReminders(testDb.db, MAIL_SETTINGS, dayBefore);
    expect(await mailsTo(testDb.db, "remind@traff.test")).toHaveLength(before);
    expect(before).toBe(2);
  });
});

describe("personal data in registrations", () => {
  it("is in the company's GDPR export and goes with its erasure, while the meeting keeps its count", async () => {
    const orgNumber = freshOrgNumber();
    const company = await createCompany(testDb.db, {
      orgNumber,
      name: "Raderas AB",
      municipalityCode: "1884",
    });
    const meeting = await publishedMeeting(testDb.db, orgId);
    await register(testDb.db, meeting.slug, registrationFor("gdpr", orgNumber), OPTIONS);
    const exported = await exportCompany(testDb.db, company.id, SYSTEM);
    expect(exported.meetingRegistrations).toEqual([
      expect.objectContaining({
        meeting: meeting.title,
        personName: "Person gdpr",
        email: "gdpr@traff.test",
      }),
    ]);
    await eraseCompany(testDb.db, company.id, SYSTEM);
    const rows = await testDb.db
      .selectFrom("meeting_registrations")
      .select(["person_name", "email", "dietary_needs", "company_id", "org_number", "status"])
      .where("meeting_id", "=", meeting.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      person_name: "–",
      dietary_needs: null,
      company_id: null,
      org_number: null,
    });
    expect(rows[0]!.email).not.toContain("gdpr@");
    expect(await count(meeting.id, "registered")).toBe(1);
  });
});
