import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { answerFollowUp, findCaseRow, openCase } from "#src/features/cases/cases.service.ts";
import { matchOffers } from "#src/features/matching/matching.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { changeTeamMember, createRoutingRule, createTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { createWebhook } from "#src/features/webhooks/webhooks.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { DEADLINE_JOB_ACTOR, runLotsningDeadlines } from "./referrals.deadlines.ts";
import { outcomeStatsFor } from "./referrals.outcomes.ts";
import { actOnReferral, ReferralChangedError, referCase, setReferralSettings } from "./referrals.service.ts";

// Issue 7 at the service level: a consenting intake opens a case routed by rule; referral needs consent
// to that partner; the referral's life with its case; two people acting at once; deadlines with a
// controlled clock (must-show 3); the follow-up answer; outcomes feeding the matching.

let testDb: TestDb;
let nora: string;
let almi: string;
let oru: string;
let region: string;
let navigator: UserActor;
let advisor: UserActor;
let almiAdmin: UserActor;
let oruAdvisor: UserActor;
let campaignSlug: string;
let almiLoan: string;
let oruExjobb: string;
let noraTeam: string;
let catchAll: string;

const ctx = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });
const uniq = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  testDb = await createTestDb();
  const db = testDb.db;
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  almi = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  oru = await makeOrganisation(db, "Orebro universitet");
  region = await makeOrganisation(db, "Region Orebro lan", "region");
  navigator = await makeUser(db, `anna-${uniq()}@nora.test`, [[nora, "navigator"]], "Anna Sjöberg");
  advisor = await makeUser(db, `mikael-${uniq()}@almi.test`, [[almi, "advisor"]], "Mikael Holm");
  almiAdmin = await makeUser(db, `johan-${uniq()}@almi.test`, [[almi, "org-admin"]], "Johan Berglund");
  oruAdvisor = await makeUser(db, `lina-${uniq()}@oru.test`, [[oru, "advisor"]], "Lina Forsberg");
  const admin = await makeUser(db, `karin-${uniq()}@region.test`, [[region, "platform-admin"]], "Karin");
  noraTeam = await createTeam(
    db,
    { organisationId: nora, name: "Näringslivsteamet Nora", slug: `nora-${uniq()}` },
    ctx(admin),
  );
  catchAll = await createTeam(
    db,
    { organisationId: region, name: "Regionens lotsar", slug: `region-${uniq()}`, isCatchAll: true },
    ctx(admin),
  );
  await changeTeamMember(db, noraTeam, navigator.userId, "add", ctx(admin));
  await createRoutingRule(db, { municipalityCode: "1884", teamId: noraTeam }, ctx(admin), {
    themes: new Set(["financing"]),
    municipalities: new Set(["1884"]),
  });
  campaignSlug = (await publishedSurvey(db, nora)).campaign.slug;
  const [loan, exjobb] = await createOffers(db, [
    {
      organisationId: almi,
      slug: `almi-lan-${uniq()}`,
      name: "Företagslån",
      summary: "Lån till investeringar.",
      description: "Lån till maskiner och rörelsekapital.",
      formats: ["loan"],
      themes: ["financing"],
      costType: "loan",
    },
    {
      organisationId: oru,
      slug: `oru-exjobb-${uniq()}`,
      name: "Examensarbete",
      summary: "Studenter gör exjobb.",
      description: "Ett examensarbete hos er.",
      formats: ["advice"],
      themes: ["financing"],
      costType: "free",
    },
  ]);
  almiLoan = loan!.id;
  oruExjobb = exjobb!.id;
}, 60_000);
afterAll(async () => {
  await testDb?.close();
});

let intakeSerial = 0;
/** A company's answer with contact consent by default; each company has its own name and contact e-mail. */
async function intake(options: { consent?: unknown; postalCode?: string } = {}) {
  const submission = validSubmission(freshOrgNumber());
  intakeSerial++;
  const result = await submitResponse(
    testDb.db,
    {
      campaignSlug,
      company: {
        ...submission.company,
        name: `Nora Mekaniska ${intakeSerial} AB`,
        postalCode: options.postalCode ?? "71331",
      },
      answers: {
        ...submission.answers,
        contact: { ...submission.answers.contact, email: `vd-${intakeSerial}-${uniq()}@nora-mek.test` },
        consent: options.consent ?? { contactAndReferral: true, statistics: true },
      },
    },
    { actor: ANONYMOUS },
  );
  return result;
}

describe("cases from the intake", () => {
  it("opens a case routed by rule to Nora's team and tells its members", async () => {
    const result = await intake();
    expect(result.case).toBeDefined();
    const row = (await findCaseRow(testDb.db, result.case!.id))!;
    expect(row.team_id).toBe(noraTeam);
    expect(row.status).toBe("new");
    expect(row.priority).toBe("high"); // the financing need is "now"
    const needs = await testDb.db
      .selectFrom("needs")
      .select("status")
      .where("response_id", "=", result.response.id)
      .execute();
    expect(needs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(needs.map((n) => n.status))).toEqual(new Set(["in-case"]));
    const mails = await testDb.db
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", navigator.email)
      .execute();
    expect(mails.some((m) => m.subject.includes(`Nytt ärende ${row.number}`))).toBe(true);
  });

  it("opens no case without consent to contact, and uses the catch-all team when no rule matches", async () => {
    const without = await intake({ consent: { contactAndReferral: false, statistics: true } });
    expect(without.case).toBeUndefined();
    const orebro = await intake({ postalCode: "70002" }); // Örebro, not Nora
    expect((await findCaseRow(testDb.db, orebro.case!.id))!.team_id).toBe(catchAll);
  });
});

describe("cases by hand", () => {
  it("take only needs the navigator's organisation may read", async () => {
    const result = await intake({ consent: { contactAndReferral: false, statistics: true } });
    const needIds = (
      await testDb.db.selectFrom("needs").select("id").where("response_id", "=", result.response.id).execute()
    ).map((n) => n.id);
    const almiNavigator = await makeUser(testDb.db, `nav-${uniq()}@almi.test`, [[almi, "navigator"]]);
    await expect(
      openCase(testDb.db, { companyId: result.company!.id, needIds }, ctx(almiNavigator)),
    ).rejects.toMatchObject({ fields: { needIds: expect.anything() } });
    const opened = await openCase(
      testDb.db,
      { companyId: result.company!.id, needIds, openedVia: "phone" },
      ctx(navigator),
    );
    expect((await findCaseRow(testDb.db, opened.id))!.team_id).toBe(noraTeam);
  });
});

describe("referrals", () => {
  it("are refused, naming the partner, when the company did not consent to it", async () => {
    const result = await intake({
      consent: { contactAndReferral: true, organisations: [almi], statistics: true },
    });
    await expect(
      referCase(testDb.db, result.case!.id, { offerIds: [oruExjobb] }, ctx(navigator)),
    ).rejects.toMatchObject({
      fields: { offerIds: { sv: expect.stringContaining("Orebro universitet") } },
    });
    const ids = await referCase(testDb.db, result.case!.id, { offerIds: [almiLoan] }, ctx(navigator));
    expect(ids).toHaveLength(1);
    expect((await findCaseRow(testDb.db, result.case!.id))!.status).toBe("referred");
  });

  it("go sent → accepted → in progress → closed helped; the case closes and the outcome feeds matching", async () => {
    const result = await intake();
    const [id] = await referCase(testDb.db, result.case!.id, { offerIds: [almiLoan] }, ctx(navigator));
    // Only the partner answers; the navigator cannot accept for it.
    await expect(actOnReferral(testDb.db, id!, { action: "accept" }, ctx(navigator))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    // Another organisation's advisor does not even see it.
    await expect(actOnReferral(testDb.db, id!, { action: "accept" }, ctx(oruAdvisor))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const before = await outcomeStatsFor(testDb.db, {
      themes: ["financing"],
      sizeBand: "10-19",
      sniSection: "C",
    });
    const accepted = await actOnReferral(testDb.db, id!, { action: "accept", version: 1 }, ctx(advisor));
    expect(accepted.status).toBe("accepted");
    expect(accepted.assigned_user_id).toBe(advisor.userId);
    await actOnReferral(testDb.db, id!, { action: "start" }, ctx(advisor));
    await expect(actOnReferral(testDb.db, id!, { action: "close" }, ctx(advisor))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const closed = await actOnReferral(testDb.db, id!, { action: "close", outcome: "helped" }, ctx(advisor));
    expect(closed.status).toBe("closed");
    const caseRow = (await findCaseRow(testDb.db, result.case!.id))!;
    expect(caseRow.status).toBe("closed");
    expect(caseRow.follow_up_due_at!.getTime() - caseRow.closed_at!.getTime()).toBe(30 * 86_400_000);
    const after = await outcomeStatsFor(testDb.db, {
      themes: ["financing"],
      sizeBand: "10-19",
      sniSection: "C",
    });
    const was = before.get(almiLoan) ?? { helped: 0, total: 0 };
    expect(after.get(almiLoan)).toEqual({ helped: was.helped + 1, total: was.total + 1 });
    // The matching explains the history ("… of … similar companies got help").
    const match = await matchOffers(
      testDb.db,
      { company: { municipality: "1884", sni: "25620", sizeBand: "10-19" }, needs: [{ theme: "financing" }] },
      { locale: "sv" },
    );
    const loan = match.results.find((r) => r.offer.id === almiLoan)!;
    expect(loan.reasons.map((r) => r.code)).toContain("outcome");
  });

  it("of two people acting at once (accept and withdraw), exactly one wins; the other is told why", async () => {
    for (let round = 0; round < 5; round++) {
      const result = await intake();
      const [id] = await referCase(testDb.db, result.case!.id, { offerIds: [almiLoan] }, ctx(navigator));
      const outcomes = await Promise.allSettled([
        actOnReferral(testDb.db, id!, { action: "accept", version: 1 }, ctx(advisor)),
        actOnReferral(testDb.db, id!, { action: "withdraw", version: 1 }, ctx(navigator)),
      ]);
      const won = outcomes.filter((o) => o.status === "fulfilled");
      const lost = outcomes.filter((o) => o.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = (lost[0] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(ReferralChangedError);
      const row = await testDb.db
        .selectFrom("referrals")
        .select(["status", "version"])
        .where("id", "=", id!)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe((won[0] as PromiseFulfilledResult<{ status: string }>).value.status);
      expect(row.version).toBe(2);
      expect(error.current.status).toBe(row.status);
      expect(error.message).toContain(row.status === "withdrawn" ? "Anna Sjöberg" : "Mikael Holm");
    }
  });
});

describe("deadlines (controlled clock)", () => {
  it("reminds the partner before the deadline and escalates to the navigator after it, once each", async () => {
    const db = testDb.db;
    await setReferralSettings(db, almi, { responseDays: 3, reminderDays: 1 }, ctx(almiAdmin));
    const hook = await createWebhook(
      db,
      { organisationId: almi, url: "http://127.0.0.1:9/hook" },
      ctx(almiAdmin),
    );
    const result = await intake();
    // Sent Thursday 3 December 2026 at 10:00 Stockholm: 3 working days → Tuesday 8 December 23:59:59;
    // the reminder at 08:00 on Monday 7 December.
    const sentAt = new Date("2026-12-03T09:00:00Z");
    const [id] = await referCase(db, result.case!.id, { offerIds: [almiLoan] }, ctx(navigator), {
      now: sentAt,
    });
    const referral = await db
      .selectFrom("referrals")
      .selectAll()
      .where("id", "=", id!)
      .executeTakeFirstOrThrow();
    expect(referral.respond_by.toISOString()).toBe("2026-12-08T22:59:59.000Z");
    expect(referral.remind_at.toISOString()).toBe("2026-12-07T07:00:00.000Z");

    const at = (iso: string) =>
      runLotsningDeadlines(db, { now: new Date(iso), publicUrl: "http://lots.test" });
    const company = result.company!.name;
    const mailsTo = async (email: string, text: string) =>
      (
        await db
          .selectFrom("mail_outbox")
          .select(["subject", "text_body"])
          .where("to_address", "=", email)
          .execute()
      ).filter((m) => m.subject.includes(text) && `${m.subject} ${m.text_body}`.includes(company)).length;
    const statusOf = async () =>
      (await db.selectFrom("referrals").select("status").where("id", "=", id!).executeTakeFirstOrThrow())
        .status;

    await at("2026-12-07T06:59:00Z");
    expect(await mailsTo(advisor.email, "Påminnelse")).toBe(0);
    expect(await statusOf()).toBe("sent");
    await at("2026-12-07T07:00:00Z");
    expect(await mailsTo(advisor.email, "Påminnelse")).toBe(1);
    await at("2026-12-07T12:00:00Z");
    expect(await mailsTo(advisor.email, "Påminnelse")).toBe(1);

    await at("2026-12-08T22:59:00Z");
    expect(
      (await db.selectFrom("referrals").select("status").where("id", "=", id!).executeTakeFirstOrThrow())
        .status,
    ).toBe("sent");
    expect((await at("2026-12-08T23:00:00Z")).expired).toBeGreaterThanOrEqual(1);
    const expired = await db
      .selectFrom("referrals")
      .selectAll()
      .where("id", "=", id!)
      .executeTakeFirstOrThrow();
    expect(expired.status).toBe("expired");
    expect(expired.escalated_at?.toISOString()).toBe("2026-12-08T23:00:00.000Z");
    const caseNumber = (await findCaseRow(db, result.case!.id))!.number;
    const escalations = async () =>
      (
        await db
          .selectFrom("mail_outbox")
          .select(["subject"])
          .where("to_address", "=", navigator.email)
          .execute()
      ).filter((m) => m.subject.includes(`Ärende ${caseNumber}:`) && m.subject.includes("svarade inte i tid"))
        .length;
    expect(await escalations()).toBe(1);
    await at("2026-12-09T08:00:00Z");
    expect(await escalations()).toBe(1);
    // Back to the navigator: no referral open, none helped.
    expect((await findCaseRow(db, result.case!.id))!.status).toBe("triaged");
    const events = await db
      .selectFrom("case_events")
      .select(["kind", "actor_label"])
      .where("referral_id", "=", id!)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["reminded", "escalated"]));
    expect(events.find((e) => e.kind === "escalated")!.actor_label).toBe(DEADLINE_JOB_ACTOR.label);
    // The partner's CRM hears of all three: sent, reminded, expired.
    const deliveries = await db
      .selectFrom("webhook_deliveries")
      .select(["event_type", "payload"])
      .where("webhook_id", "=", hook.id)
      .execute();
    const ofThis = deliveries.filter(
      (d) => (d.payload as { data: { referral: { id: string } } }).data.referral.id === id,
    );
    expect(ofThis.map((d) => d.event_type).sort()).toEqual([
      "referral.expired",
      "referral.reminded",
      "referral.sent",
    ]);
  });

  it("asks the company once, 30 days after closing, whether it helped; the answer counts once", async () => {
    const db = testDb.db;
    const result = await intake();
    const closedAt = new Date("2026-12-10T10:00:00Z");
    const [id] = await referCase(db, result.case!.id, { offerIds: [almiLoan] }, ctx(navigator), {
      now: closedAt,
    });
    await actOnReferral(db, id!, { action: "accept" }, ctx(advisor), { now: closedAt });
    await actOnReferral(db, id!, { action: "close", outcome: "not-helped" }, ctx(advisor), { now: closedAt });
    const row = (await findCaseRow(db, result.case!.id))!;
    expect(row.status).toBe("closed");
    const email = (
      await db
        .selectFrom("company_contacts")
        .select("email")
        .where("company_id", "=", result.company!.id)
        .executeTakeFirstOrThrow()
    ).email!;
    const count = async () =>
      (await db.selectFrom("mail_outbox").select("subject").where("to_address", "=", email).execute()).filter(
        (m) => m.subject.includes("Hjälpte det?"),
      ).length;
    const initial = await count();
    await runLotsningDeadlines(db, { now: new Date("2027-01-08T10:00:00Z"), publicUrl: "http://lots.test" });
    expect(await count()).toBe(initial);
    await runLotsningDeadlines(db, { now: new Date("2027-01-09T10:00:01Z"), publicUrl: "http://lots.test" });
    expect(await count()).toBe(initial + 1);
    await runLotsningDeadlines(db, { now: new Date("2027-01-10T10:00:00Z"), publicUrl: "http://lots.test" });
    expect(await count()).toBe(initial + 1);
    await answerFollowUp(db, result.company!.id, result.case!.id, "helped", ANONYMOUS);
    await expect(
      answerFollowUp(db, result.company!.id, result.case!.id, "not-helped", ANONYMOUS),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // The company's own answer counts over the partner's.
    const stats = await outcomeStatsFor(
      db,
      { themes: ["financing"], sizeBand: "10-19", sniSection: "C" },
      Date.now() + 120_000,
    );
    expect(stats.get(almiLoan)!.helped).toBeGreaterThanOrEqual(2);
    void CLI_ACTOR;
  });
});
