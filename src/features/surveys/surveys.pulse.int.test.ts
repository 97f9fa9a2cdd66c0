import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { verifyCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { withdrawConsent } from "#src/features/consent/consent.service.ts";
import { freshOrgNumber, NEEDS_SURVEY, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { countPulseMailings, runPulses } from "./surveys.pulse.service.ts";
import { submitResponse } from "./surveys.responses.service.ts";
import { createCampaign, createSurvey, publishSurvey } from "./surveys.service.ts";

// The pulse: the next period's campaign is created once; invitations go only to companies that answered an
// earlier period and have consent to be contacted; reminders only to those that have not answered; nothing
// is sent twice, however often or in parallel the job runs.

let testDb: TestDb;
let orgId: string;
let surveyId: string;
const SYSTEM = { actor: CLI_ACTOR };
const SETTINGS = { publicUrl: "https://lots.test", networkName: "Testnätverket" };
const companies: Record<string, string> = {};

/** A staff-entered answer to a campaign at `at`, from a company with its own contact e-mail. */
async function answer(
  campaignSlug: string,
  key: string,
  at: Date,
  consent = true,
  orgNumber = freshOrgNumber(),
) {
  const submission = validSubmission(orgNumber);
  submission.answers.contact = { ...submission.answers.contact, email: `${key}@puls.test` };
  submission.answers.consent = { contactAndReferral: consent, statistics: true };
  const result = await submitResponse(testDb.db, { campaignSlug, ...submission }, SYSTEM, { now: at });
  companies[key] = result.company!.id;
  return orgNumber;
}

const mails = (to?: string) => {
  let query = testDb.db.selectFrom("mail_outbox").select(["to_address", "subject", "text_body"]);
  if (to) query = query.where("to_address", "=", to);
  return query.orderBy("created_at").execute();
};
const pulseMails = async () => (await mails()).filter((m) => m.to_address.endsWith("@puls.test"));

beforeAll(async () => {
  testDb = await createTestDb();
  orgId = await makeOrganisation(testDb.db, "Pulsorganisationen");
  const { survey } = await createSurvey(
    testDb.db,
    { organisationId: orgId, slug: "puls-t", kind: "pulse", name: "Puls T", content: NEEDS_SURVEY },
    SYSTEM,
  );
  surveyId = survey.id;
  await publishSurvey(testDb.db, surveyId, SYSTEM, new Date("2030-06-01T00:00:00Z"));
  await createCampaign(
    testDb.db,
    {
      surveyId,
      slug: "puls-t-2030-q3",
      name: "Puls T 2030 kvartal 3",
      scopeKind: "period",
      municipalityCodes: ["1884"],
      opensAt: new Date("2030-07-01T00:00:00Z"),
      closesAt: new Date("2030-10-01T00:00:00Z"),
      recurrence: "quarterly",
    },
    SYSTEM,
  );
  const inQ3 = new Date("2030-08-15T10:00:00Z");
  await answer("puls-t-2030-q3", "ja", inQ3); // consent: invited, reminded
  await answer("puls-t-2030-q3", "nej", inQ3, false); // no consent to contact: never mailed
  await answer("puls-t-2030-q3", "svarar", inQ3); // invited, then answers: no reminder
  await answer("puls-t-2030-q3", "angrar", inQ3); // invited, then withdraws consent: no reminder
});
afterAll(async () => {
  await testDb?.close();
});

describe("pulses", () => {
  it("creates the next period's campaign a day before the period ends, once, also in parallel", async () => {
    const early = await runPulses(testDb.db, SETTINGS, new Date("2030-09-20T12:00:00Z"));
    expect(early.campaignsCreated).toEqual([]);
    const at = new Date("2030-09-30T12:00:00Z");
    const runs = await Promise.all([runPulses(testDb.db, SETTINGS, at), runPulses(testDb.db, SETTINGS, at)]);
    expect(runs.flatMap((r) => r.campaignsCreated)).toEqual(["puls-t-2030-q4"]);
    const q4 = await testDb.db
      .selectFrom("campaigns")
      .selectAll()
      .where("slug", "=", "puls-t-2030-q4")
      .executeTakeFirstOrThrow();
    expect(q4).toMatchObject({
      survey_id: surveyId,
      name: "Puls T 2030 kvartal 4",
      recurrence: "quarterly",
      scope_kind: "period",
      municipality_codes: ["1884"],
    });
    expect(q4.opens_at.toISOString()).toBe("2030-10-01T00:00:00.000Z");
    expect(q4.closes_at?.toISOString()).toBe("2031-01-01T00:00:00.000Z");
    // Q4 has not started: nobody is invited yet.
    expect(await pulseMails()).toEqual([]);
  });

  it("invites, when the period starts, the earlier answerers with consent, each with a new private link", async () => {
    const at = new Date("2030-10-02T08:00:00Z");
    const report = await runPulses(testDb.db, SETTINGS, at);
    expect(report).toMatchObject({ campaignsCreated: [], invitations: 3, reminders: 0, mails: 3 });
    const sent = await pulseMails();
    expect(sent.map((m) => m.to_address).sort()).toEqual([
      "angrar@puls.test",
      "ja@puls.test",
      "svarar@puls.test",
    ]);
    const mail = sent.find((m) => m.to_address === "ja@puls.test")!;
    expect(mail.text_body).toContain("https://lots.test/behov/puls-t-2030-q4");
    const token = /mitt-foretag\?token=([A-Za-z0-9_-]{43})/.exec(mail.text_body)?.[1];
    expect(token).toBeDefined();
    const link = await verifyCompanyLink(testDb.db, token!, at);
    expect(link).toMatchObject({ kind: "valid", companyId: companies.ja });

    // Again, and twice in parallel: nothing more.
    await runPulses(testDb.db, SETTINGS, at);
    await Promise.all([runPulses(testDb.db, SETTINGS, at), runPulses(testDb.db, SETTINGS, at)]);
    expect(await pulseMails()).toHaveLength(3);
  });

  it("reminds before the period closes only those who have not answered and still have consent, once", async () => {
    await answer(
      "puls-t-2030-q4",
      "svarar",
      new Date("2030-10-20T10:00:00Z"),
      true,
      await orgNumberOf("svarar"),
    );
    await withdrawConsent(testDb.db, companies.angrar!, "contact-and-referral", SYSTEM);

    const notYet = await runPulses(testDb.db, SETTINGS, new Date("2030-12-20T08:00:00Z"));
    expect(notYet.reminders).toBe(0);
    const at = new Date("2030-12-26T08:00:00Z");
    const report = await runPulses(testDb.db, SETTINGS, at);
    expect(report).toMatchObject({ invitations: 0, reminders: 1, mails: 1 });
    const reminders = (await pulseMails()).filter((m) => m.subject.startsWith("Påminnelse"));
    expect(reminders.map((m) => m.to_address)).toEqual(["ja@puls.test"]);
    expect(reminders[0]!.text_body).toContain("https://lots.test/behov/puls-t-2030-q4");

    await Promise.all([runPulses(testDb.db, SETTINGS, at), runPulses(testDb.db, SETTINGS, at)]);
    expect((await pulseMails()).filter((m) => m.subject.startsWith("Påminnelse"))).toHaveLength(1);
    const q4 = await testDb.db
      .selectFrom("campaigns")
      .select("id")
      .where("slug", "=", "puls-t-2030-q4")
      .executeTakeFirstOrThrow();
    expect(await countPulseMailings(testDb.db, q4.id)).toEqual({ invitation: 3, reminder: 1 });
  });

  it("goes on to the next period, inviting the answerers of any earlier period", async () => {
    const report = await runPulses(testDb.db, SETTINGS, new Date("2031-01-01T09:00:00Z"));
    expect(report.campaignsCreated).toEqual(["puls-t-2031-q1"]);
    // ja and svarar have consent (svarar answered Q4, ja only Q3); angrar withdrew, nej never consented.
    expect(report.invitations).toBe(2);
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "record_type"])
      .where("actor_label", "=", "pulse job")
      .execute();
    expect(audit.filter((e) => e.record_type === "campaign" && e.action === "create")).toHaveLength(2);
    expect(audit.filter((e) => e.record_type === "pulse-mailing")).toHaveLength(3);
  });
});

async function orgNumberOf(key: string): Promise<string> {
  const row = await testDb.db
    .selectFrom("companies")
    .select("org_number")
    .where("id", "=", companies[key]!)
    .executeTakeFirstOrThrow();
  return row.org_number;
}
