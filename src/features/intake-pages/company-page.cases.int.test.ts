import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCaseNote } from "#src/features/cases/cases.service.ts";
import { exportCompany } from "#src/features/gdpr/gdpr.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { actOnReferral, referCase } from "#src/features/referrals/referrals.service.ts";
import { changeTeamMember, createTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { cookieHeader, cookiesFrom, csrfFieldFrom } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";

// Issue 7 from the company's side: its private page shows its case — status, who helps it and what
// happened, never staff notes — and, once closed, asks once whether it helped; the answer is stored and
// shows in the GDPR export.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let navigator: UserActor;
let advisor: UserActor;
let offerId: string;
let campaignSlug: string;
const ctx = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const db = testDb.db;
  const nora = await makeOrganisation(db, "Nora kommun", "municipality");
  const almi = await makeOrganisation(db, "Almi Malardalen", "business-finance");
  const region = await makeOrganisation(db, "Region", "region");
  navigator = await makeUser(db, "anna.cases@nora.test", [[nora, "navigator"]], "Anna Sjöberg");
  advisor = await makeUser(db, "mikael.cases@almi.test", [[almi, "advisor"]], "Mikael Holm");
  const admin = await makeUser(db, "karin.cases@region.test", [[region, "platform-admin"]], "Karin");
  const team = await createTeam(
    db,
    { organisationId: nora, name: "Näringslivsteamet Nora", slug: "nora-cases-team", isCatchAll: true },
    ctx(admin),
  );
  await changeTeamMember(db, team, navigator.userId, "add", ctx(admin));
  campaignSlug = (await publishedSurvey(db, nora)).campaign.slug;
  const [offer] = await createOffers(db, [
    {
      organisationId: almi,
      slug: "almi-lan-cases",
      name: "Företagslån",
      summary: "Lån till investeringar för små företag.",
      description: "Lån till maskiner och rörelsekapital för företag i länet.",
      formats: ["loan"],
      themes: ["financing"],
      costType: "loan",
    },
  ]);
  offerId = offer!.id;
}, 60_000);
afterAll(async () => {
  await testDb?.close();
});

async function post(cookies: Map<string, string>, path: string, fields: Record<string, string>) {
  const page = await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } });
  for (const [name, value] of cookiesFrom(page)) cookies.set(name, value);
  const csrf = csrfFieldFrom(await page.text());
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
    headers: { cookie: cookieHeader(cookies), "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("the company's cases on its private page", () => {
  it("shows the case as it moves, asks once whether it helped, and keeps the answer", async () => {
    const result = await submitResponse(
      testDb.db,
      { campaignSlug, ...validSubmission(freshOrgNumber()) },
      { actor: ANONYMOUS },
      { issueLink: true },
    );
    expect(result.case).toBeDefined();
    const opened = await app.request(`/mitt-foretag?token=${result.link!.token}`);
    const cookies = cookiesFrom(opened);
    const read = async () =>
      (await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } })).text();

    let html = await read();
    expect(html).toContain("Era ärenden");
    expect(html).toContain(`Ärende ${result.case!.number}`);
    expect(html).toContain("Nytt – en lots tittar på det snart");
    expect(html).toContain("Näringslivsteamet Nora");

    const [referralId] = await referCase(
      testDb.db,
      result.case!.id,
      { offerIds: [offerId], message: "Internt: VD vill ha svar före jul." },
      ctx(navigator),
    );
    await actOnReferral(testDb.db, referralId!, { action: "accept" }, ctx(advisor));
    html = await read();
    expect(html).toContain("Almi Malardalen – Företagslån: accepterad – de hör av sig");
    expect(html).toContain("Er kontakt: Mikael Holm");
    // The navigator's message to the partner is not for the company.
    expect(html).not.toContain("VD vill ha svar");
    expect(html).not.toContain("Hjälpte det er?");

    await actOnReferral(testDb.db, referralId!, { action: "close", outcome: "helped" }, ctx(advisor));
    html = await read();
    expect(html).toContain("Avslutat");
    expect(html).toContain("Hjälpte det er?");

    const bad = await post(cookies, `/mitt-foretag/arenden/${result.case!.id}/uppfoljning`, {});
    expect(bad.status).toBe(400);
    const answered = await post(cookies, `/mitt-foretag/arenden/${result.case!.id}/uppfoljning`, {
      answer: "not-helped",
    });
    expect(answered.status).toBe(303);
    html = await read();
    expect(html).toContain("Ni svarade: Nej, det hjälpte inte");
    expect(html).not.toContain("Skicka svaret");
    const again = await post(cookies, `/mitt-foretag/arenden/${result.case!.id}/uppfoljning`, {
      answer: "helped",
    });
    expect(again.status).toBe(409);
    const row = await testDb.db
      .selectFrom("cases")
      .select("follow_up_answer")
      .where("id", "=", result.case!.id)
      .executeTakeFirstOrThrow();
    expect(row.follow_up_answer).toBe("not-helped");

    // Another company's link cannot answer for this case.
    const other = await submitResponse(
      testDb.db,
      { campaignSlug, ...validSubmission(freshOrgNumber()) },
      { actor: ANONYMOUS },
      { issueLink: true },
    );
    const otherCookies = cookiesFrom(await app.request(`/mitt-foretag?token=${other.link!.token}`));
    const foreign = await post(otherCookies, `/mitt-foretag/arenden/${result.case!.id}/uppfoljning`, {
      answer: "helped",
    });
    expect(foreign.status).toBe(404);

    const exported = await exportCompany(
      testDb.db,
      result.company!.id,
      { actor: ANONYMOUS },
      {
        linkCompanyId: result.company!.id,
      },
    );
    expect(exported.cases[0]).toMatchObject({ number: result.case!.number, followUpAnswer: "not-helped" });
    expect(exported.cases[0]!.referrals[0]).toMatchObject({ status: "closed", outcome: "helped" });

    // An internal note stays internal in exports made by another organisation's navigator.
    await addCaseNote(
      testDb.db,
      result.case!.id,
      { body: "Internt om VD:n.", visibility: "internal" },
      ctx(navigator),
    );
    await addCaseNote(
      testDb.db,
      result.case!.id,
      { body: "Delat med nätverket.", visibility: "shared" },
      ctx(navigator),
    );
    const otherOrg = await makeOrganisation(testDb.db, "Annan kommun", "municipality");
    const otherNavigator = await makeUser(testDb.db, "other.nav@annan.test", [[otherOrg, "navigator"]]);
    const byOther = await exportCompany(testDb.db, result.company!.id, ctx(otherNavigator));
    const otherNotes = byOther.cases[0]!.notes.map((n) => n.body);
    expect(otherNotes).toContain("Delat med nätverket.");
    expect(otherNotes).not.toContain("Internt om VD:n.");
    const byOwn = await exportCompany(testDb.db, result.company!.id, ctx(navigator));
    expect(byOwn.cases[0]!.notes.map((n) => n.body)).toContain("Internt om VD:n.");
    expect(exported.cases).toHaveLength(1);

    // A need the company adds from its private page opens a case too (it consented to contact).
    const added = await post(cookies, "/mitt-foretag/behov", {
      theme: "digitalisation",
      urgency: "within-6-months",
      description: "Vi vill ha ett affärssystem.",
    });
    expect(added.status).toBe(303);
    const cases = await testDb.db
      .selectFrom("cases")
      .select(["status", "theme"])
      .where("company_id", "=", result.company!.id)
      .orderBy("created_at")
      .execute();
    expect(cases).toHaveLength(2);
    expect(cases[1]).toEqual({ status: "new", theme: "digitalisation" });
  });
});
