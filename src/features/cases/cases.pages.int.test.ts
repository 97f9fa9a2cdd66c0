import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { addReferralNote } from "#src/features/referrals/referrals.service.ts";
import { changeTeamMember, createRoutingRule, createTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { cookiesFrom, createUserWithRole, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { openCase } from "./cases.service.ts";

// The navigator workbench over HTTP (issue 7): the queues show a team's cases to its members and nothing of
// other organisations; the case page shows the company, needs, consent and the matching's proposals; one
// form refers the case (and is refused, in words, without the company's consent); a stale version answers
// 409 with the current state; notes are internal or shared; English texts; 404 for outsiders.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let nora: string;
let almi: string;
let lindesberg: string;
let navigator: UserActor;
let navigatorSession: SignedIn;
let colleagueSession: SignedIn;
let advisor: UserActor;
let advisorSession: SignedIn;
let otherNavigatorSession: SignedIn;
let orgAdminSession: SignedIn;
let campaignSlug: string;
let almiLoan: string;
let consentingCaseId: string;
let consentingCaseNumber: number;
let silentCompanyId: string;

const ctx = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });
const uniq = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const CONSENTING = "Nora Gjuteri AB";
const SILENT = "Tysta Verkstaden AB";

async function intake(name: string, consent: { contactAndReferral: boolean; statistics: boolean }) {
  const submission = validSubmission(freshOrgNumber());
  return submitResponse(
    testDb.db,
    {
      campaignSlug,
      company: { ...submission.company, name },
      answers: { ...submission.answers, consent },
    },
    { actor: ANONYMOUS },
  );
}

async function page(session: SignedIn, path: string, lang?: "en") {
  const cookie = lang ? `${session.cookie}; lots_lang=${lang}` : session.cookie;
  return app.request(path, { headers: { cookie } });
}

/** Follows a POST's redirect as a browser does: with the cookies it set (the notice). */
async function follow(session: SignedIn, response: Response) {
  const notice = [...cookiesFrom(response)].map(([name, value]) => `; ${name}=${value}`).join("");
  return app.request(response.headers.get("location") ?? "/", {
    headers: { cookie: `${session.cookie}${notice}` },
  });
}

async function post(session: SignedIn, path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams({ _csrf: session.csrfToken });
  for (const [name, value] of Object.entries(fields))
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  return app.request(path, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const db = testDb.db;
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  almi = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  lindesberg = await makeOrganisation(db, "Lindesbergs kommun", "municipality");
  const region = await makeOrganisation(db, "Region Örebro län", "region");
  navigator = await createUserWithRole(db, nora, "navigator", { name: "Anna Sjöberg" });
  const colleague = await createUserWithRole(db, nora, "navigator", { name: "Per Lund" });
  advisor = await createUserWithRole(db, almi, "advisor", { name: "Mikael Holm" });
  const otherNavigator = await createUserWithRole(db, lindesberg, "navigator", { name: "Eva Berg" });
  const orgAdmin = await createUserWithRole(db, nora, "org-admin", { name: "Olle Admin" });
  const admin = await createUserWithRole(db, region, "platform-admin", { name: "Karin Plattform" });
  const noraTeam = await createTeam(
    db,
    { organisationId: nora, name: "Näringslivsteamet Nora", slug: `nora-${uniq()}` },
    ctx(admin),
  );
  await createTeam(
    db,
    { organisationId: region, name: "Regionens lotsar", slug: `region-${uniq()}`, isCatchAll: true },
    ctx(admin),
  );
  await changeTeamMember(db, noraTeam, navigator.userId, "add", ctx(admin));
  await changeTeamMember(db, noraTeam, colleague.userId, "add", ctx(admin));
  await createRoutingRule(db, { municipalityCode: "1884", teamId: noraTeam }, ctx(admin), {
    themes: new Set(["financing"]),
    municipalities: new Set(["1884"]),
  });
  campaignSlug = (await publishedSurvey(db, nora)).campaign.slug;
  const [loan] = await createOffers(db, [
    {
      organisationId: almi,
      slug: `almi-lan-${uniq()}`,
      name: "Företagslån från Almi",
      summary: "Lån till investeringar och rörelsekapital.",
      description: "Lån till maskiner och rörelsekapital för små företag.",
      formats: ["loan"],
      themes: ["financing"],
      costType: "loan",
    },
  ]);
  almiLoan = loan!.id;

  // A company that consented to contact and referral: its intake opens a case routed to Nora's team.
  const consenting = await intake(CONSENTING, { contactAndReferral: true, statistics: true });
  const opened =
    consenting.case ??
    (await openCase(db, { companyId: consenting.company!.id, needIds: consenting.needIds }, ctx(navigator)));
  consentingCaseId = opened.id;
  consentingCaseNumber = opened.number;
  // A company that did not consent: no case opens by itself; a navigator opens one by hand below.
  const silent = await intake(SILENT, { contactAndReferral: false, statistics: false });
  silentCompanyId = silent.company!.id;

  navigatorSession = await signIn(app, db, { email: navigator.email });
  colleagueSession = await signIn(app, db, { email: colleague.email });
  advisorSession = await signIn(app, db, { email: advisor.email });
  otherNavigatorSession = await signIn(app, db, { email: otherNavigator.email });
  orgAdminSession = await signIn(app, db, { email: orgAdmin.email });
}, 120_000);

afterAll(async () => {
  await testDb?.close();
});

describe("the queue /admin/arenden", () => {
  it("lists the case for a member of its team, with its status and priority in words", async () => {
    const response = await page(navigatorSession, "/admin/arenden");
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    expect(rows).toContain(`href="/admin/arenden/${consentingCaseId}"`);
    expect(rows).toContain(`Ärende ${consentingCaseNumber}`);
    expect(rows).toContain(CONSENTING);
    expect(rows).toContain("Finansiering och likviditet");
    expect(rows).toContain("Näringslivsteamet Nora");
    expect(rows).toMatch(/<td>(Ny|Hänvisad|Bedömd)<\/td>/);
    expect(rows).toContain("<td>Hög</td>");
    expect(html).toContain('<th scope="col">Ansvarig</th>');
    expect(html).toContain('aria-current="page"');
    // Filters narrow it: nothing of low priority, nothing when the words match no case.
    const low = await (await page(navigatorSession, "/admin/arenden?priority=low")).text();
    expect(low).not.toContain(`/admin/arenden/${consentingCaseId}"`);
    const mine = await (await page(navigatorSession, "/admin/arenden?queue=mine")).text();
    expect(mine).not.toContain(`/admin/arenden/${consentingCaseId}"`);
    const found = await (
      await page(navigatorSession, `/admin/arenden?queue=all&status=any&q=${encodeURIComponent("Gjuteri")}`)
    ).text();
    expect(found).toContain(`/admin/arenden/${consentingCaseId}"`);
  });

  it("shows a navigator of another organisation none of it, and refuses an advisor", async () => {
    for (const queue of ["team", "all", "mine"]) {
      const html = await (
        await page(otherNavigatorSession, `/admin/arenden?queue=${queue}&status=any`)
      ).text();
      expect(html).not.toContain(CONSENTING);
      expect(html).not.toContain(consentingCaseId);
    }
    expect((await page(advisorSession, "/admin/arenden")).status).toBe(403);
  });
});

describe("the case page /admin/arenden/:id", () => {
  it("shows the company, its contact person, needs, consent, proposals and timeline", async () => {
    const response = await page(navigatorSession, `/admin/arenden/${consentingCaseId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Ärende ${consentingCaseNumber}: ${CONSENTING}`);
    expect(html).toContain("Anna Svensson");
    expect(html).toContain("Nora");
    expect(html).toContain("Finansiering och likviditet – Nu");
    expect(html).toContain("Vi behöver rörelsekapital.");
    expect(html).toContain("till alla organisationer i nätverket");
    const proposals = html.slice(html.indexOf('id="case-proposals"'));
    expect(proposals).toContain("Föreslagna erbjudanden");
    expect(proposals).toContain("Företagslån från Almi");
    expect(proposals).toContain("Svarar på");
    expect(proposals).toContain(`name="offerIds" value="${almiLoan}"`);
    expect(proposals).toContain("Företaget har samtyckt till Almi Mälardalen.");
    expect(html).toContain("Öppnade ärendet (Behovsformuläret, 5 behov).");
    expect(html).toContain("Ärendet gick till Näringslivsteamet Nora enligt en lotsningsregel.");
    expect(html).toContain(`action="/admin/arenden/${consentingCaseId}/andra"`);
    // Every case read is audited by the service.
    const reads = await testDb.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "read")
      .where("record_type", "=", "case")
      .where("record_id", "=", consentingCaseId)
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it("lets the organisation's admin read the case without the forms", async () => {
    const response = await page(orgAdminSession, `/admin/arenden/${consentingCaseId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(CONSENTING);
    expect(html).not.toContain("/andra");
    expect(html).not.toContain("/hanvisa");
    expect(html).toContain("Du kan läsa ärendet men inte ändra det.");
    expect(
      (await post(orgAdminSession, `/admin/arenden/${consentingCaseId}/anteckning`, { body: "x" })).status,
    ).toBe(403);
  });

  it("answers 404 to an advisor and to a navigator of another organisation", async () => {
    expect((await page(advisorSession, `/admin/arenden/${consentingCaseId}`)).status).toBe(404);
    expect((await page(otherNavigatorSession, `/admin/arenden/${consentingCaseId}`)).status).toBe(404);
    expect((await page(navigatorSession, "/admin/arenden/inte-ett-id")).status).toBe(404);
    const note = await post(advisorSession, `/admin/arenden/${consentingCaseId}/anteckning`, { body: "Hej" });
    expect(note.status).toBe(404);
  });

  it("shows the page in English when the language cookie says so", async () => {
    const html = await (await page(navigatorSession, `/admin/arenden/${consentingCaseId}`, "en")).text();
    expect(html).toContain(`Case ${consentingCaseNumber}: ${CONSENTING}`);
    expect(html).toContain("Suggested offers");
    expect(html).toContain("The company");
    expect(html).toContain("Timeline");
    expect(html).toContain("Opened the case (The needs form, 5 needs).");
    expect(html).not.toContain("Föreslagna erbjudanden");
    const queue = await (await page(navigatorSession, "/admin/arenden", "en")).text();
    expect(queue).toContain("My cases");
    expect(queue).toContain("My team&#39;s");
    expect(queue).toContain("All I may see");
    expect(queue).toContain("<td>High</td>");
  });
});

describe("changing a case", () => {
  it("saves a change and answers a stale version with 409, the message and the current state", async () => {
    const before = await (await page(navigatorSession, `/admin/arenden/${consentingCaseId}`)).text();
    const seen = versionOf(before);
    expect(seen).not.toBe("");
    // A colleague changes the case first (to triaged, assigned to herself) …
    const colleagueHtml = await (await page(colleagueSession, `/admin/arenden/${consentingCaseId}`)).text();
    const first = await post(colleagueSession, `/admin/arenden/${consentingCaseId}/andra`, {
      version: versionOf(colleagueHtml),
      status: "triaged",
      priority: "high",
      assignee: "none",
      summary: "Ringde VD, behöver lån till en maskin.",
    });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/admin/arenden/${consentingCaseId}`);
    // … then Anna sends her change made on the old version: not saved, 409, the page as it is now.
    const stale = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/andra`, {
      version: seen,
      status: "waiting-for-company",
      priority: "low",
      assignee: navigator.userId,
      summary: "Min sammanfattning",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Någon annan ändrade ärendet medan du hade det öppet");
    expect(html).toContain("Din ändring sparades inte.");
    expect(html).toContain("Per Lund");
    expect(html).toContain("<dd>Bedömd</dd>");
    expect(html).toContain("Ringde VD, behöver lån till en maskin.");
    expect(Number(versionOf(html))).toBeGreaterThan(Number(seen));
    const row = await testDb.db
      .selectFrom("cases")
      .select(["status", "priority", "assigned_user_id"])
      .where("id", "=", consentingCaseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "triaged", priority: "high", assigned_user_id: null });
    // With the current version the change goes through; the timeline says what happened.
    const again = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/andra`, {
      version: versionOf(html),
      status: "triaged",
      priority: "high",
      assignee: navigator.userId,
      summary: "Ringde VD, behöver lån till en maskin.",
    });
    expect(again.status).toBe(303);
    const after = await (await follow(navigatorSession, again)).text();
    expect(after).toContain("Ändringen är sparad.");
    expect(after).toContain("Gjorde Anna Sjöberg ansvarig.");
    expect(after).toContain("Ändrade läget från Ny till Bedömd.");
    const mine = await (await page(navigatorSession, "/admin/arenden?queue=mine")).text();
    expect(mine).toContain(`/admin/arenden/${consentingCaseId}"`);
  });

  it("logs a contact at a Stockholm time and refuses a malformed one with 400", async () => {
    const bad = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/kontakt`, {
      channel: "phone",
      contactedAt: "igår",
      summary: "Pratade om lånet",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Skriv datum och tid");
    expect(badHtml).toContain("Pratade om lånet");
    const ok = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/kontakt`, {
      channel: "phone",
      contactedAt: "2026-01-15T10:30",
      summary: "Pratade om lånet",
    });
    expect(ok.status).toBe(303);
    const stored = await testDb.db
      .selectFrom("company_contact_log")
      .select(["contacted_at", "channel"])
      .where("case_id", "=", consentingCaseId)
      .executeTakeFirstOrThrow();
    expect(new Date(stored.contacted_at).toISOString()).toBe("2026-01-15T09:30:00.000Z");
    const html = await (await page(navigatorSession, `/admin/arenden/${consentingCaseId}`)).text();
    const log = html.slice(html.indexOf('id="case-contacts"'));
    expect(log).toContain("2026-01-15 10:30");
    expect(log).toContain("Pratade om lånet");
    expect(log).toContain("Telefon");
  });
});

describe("referring a case", () => {
  it("refers the case through the form; the referral is stored and shown on the case", async () => {
    const response = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/hanvisa`, {
      offerIds: [almiLoan],
      message: "Företaget vill låna till en CNC-maskin.",
    });
    expect(response.status).toBe(303);
    const referral = await testDb.db
      .selectFrom("referrals")
      .select(["id", "status", "organisation_id", "message"])
      .where("case_id", "=", consentingCaseId)
      .executeTakeFirstOrThrow();
    expect(referral).toMatchObject({
      status: "sent",
      organisation_id: almi,
      message: "Företaget vill låna till en CNC-maskin.",
    });
    const html = await (await follow(navigatorSession, response)).text();
    expect(html).toContain("Ärendet är hänvisat.");
    const referrals = html.slice(html.indexOf('id="case-referrals"'), html.indexOf('id="case-proposals"'));
    expect(referrals).toContain(`href="/admin/hanvisningar/${referral.id}"`);
    expect(referrals).toContain("Almi Mälardalen");
    expect(referrals).toContain("<td>Skickad</td>");
    expect(html).toContain("<dd>Hänvisad</dd>");
    expect(html).toContain("Hänvisade ärendet till Företagslån från Almi hos Almi Mälardalen.");
    // The proposal now says it is already referred there, without a box to tick again.
    const proposals = html.slice(html.indexOf('id="case-proposals"'));
    expect(proposals).toContain("Redan hänvisat hit (Skickad).");
    expect(proposals).not.toContain(`value="${almiLoan}"`);
  });

  it("opens a case by hand and refuses the referral without consent, in Swedish, with 400", async () => {
    const search = await (
      await page(navigatorSession, `/admin/arenden/nytt?q=${encodeURIComponent("Tysta")}`)
    ).text();
    expect(search).toContain(`href="/admin/arenden/nytt?foretag=${silentCompanyId}"`);
    const form = await (
      await page(navigatorSession, `/admin/arenden/nytt?foretag=${silentCompanyId}`)
    ).text();
    expect(form).toContain(SILENT);
    const needIds = [...form.matchAll(/name="needIds" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(needIds.length).toBe(5);
    const financing = form
      .split('<div class="ds-field">')
      .find((chunk) => chunk.includes('name="needIds"') && chunk.includes("Finansiering och likviditet"));
    const financingNeed = /value="([0-9a-f-]{36})"/.exec(financing ?? "")?.[1];
    expect(financingNeed).toBeDefined();
    // Nothing chosen: the form comes back with 400, the message and the values kept.
    const empty = await post(navigatorSession, "/admin/arenden", {
      companyId: silentCompanyId,
      openedVia: "phone",
      priority: "high",
      summary: "Ringde om lån",
    });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Välj minst ett behov eller beskriv ett nytt.");
    expect(emptyHtml).toContain("Ringde om lån");
    const opened = await post(navigatorSession, "/admin/arenden", {
      companyId: silentCompanyId,
      needIds: [financingNeed!],
      openedVia: "phone",
      priority: "high",
      summary: "Ringde om lån",
    });
    expect(opened.status).toBe(303);
    const location = opened.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/arenden\/[0-9a-f-]{36}$/);
    const caseId = location.split("/").at(-1)!;
    const html = await (await follow(navigatorSession, opened)).text();
    expect(html).toContain("Ärendet är öppnat");
    expect(html).toContain("Företaget har inte samtyckt till att ärendet lämnas vidare.");
    expect(html).toContain("Företaget har inte samtyckt till Almi Mälardalen.");
    expect(html).toContain("Öppnade ärendet (Telefon, 1 behov).");

    const refused = await post(navigatorSession, `/admin/arenden/${caseId}/hanvisa`, {
      offerIds: [almiLoan],
      message: "Prova ändå",
    });
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain(
      "Företaget har inte samtyckt till att ärendet lämnas till Almi Mälardalen. Fråga företaget först.",
    );
    expect(refusedHtml).toContain('href="#refer-offers"');
    expect(refusedHtml).toContain("Prova ändå");
    const stored = await testDb.db
      .selectFrom("referrals")
      .select("id")
      .where("case_id", "=", caseId)
      .execute();
    expect(stored).toEqual([]);
    // In English the same refusal is in English.
    const english = await app.request(`/admin/arenden/${caseId}/hanvisa`, {
      method: "POST",
      headers: {
        cookie: `${navigatorSession.cookie}; lots_lang=en`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ _csrf: navigatorSession.csrfToken, offerIds: almiLoan }),
    });
    expect(english.status).toBe(400);
    expect(await english.text()).toContain("The company has not consented to its case being passed to Almi");
    // Choosing nothing is a field error too.
    const none = await post(navigatorSession, `/admin/arenden/${caseId}/hanvisa`, { message: "" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Välj minst ett erbjudande att hänvisa till.");
  });
});

describe("notes", () => {
  it("marks internal and shared notes, and shows the partner's shared note but not its internal one", async () => {
    const internal = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/anteckning`, {
      body: "Internt: VD verkar stressad över likviditeten.",
      visibility: "internal",
    });
    expect(internal.status).toBe(303);
    const shared = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/anteckning`, {
      body: "Delat: företaget nås bäst på förmiddagen.",
      visibility: "shared",
    });
    expect(shared.status).toBe(303);
    const empty = await post(navigatorSession, `/admin/arenden/${consentingCaseId}/anteckning`, {
      body: "   ",
      visibility: "shared",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('href="#note-body"');

    const referral = await testDb.db
      .selectFrom("referrals")
      .select("id")
      .where("case_id", "=", consentingCaseId)
      .executeTakeFirstOrThrow();
    await addReferralNote(
      testDb.db,
      referral.id,
      { body: "Almi internt: kreditbedömningen pågår.", visibility: "internal" },
      ctx(advisor),
    );
    await addReferralNote(
      testDb.db,
      referral.id,
      { body: "Almi delat: vi ringer företaget på måndag.", visibility: "shared" },
      ctx(advisor),
    );

    const html = await (await page(navigatorSession, `/admin/arenden/${consentingCaseId}`)).text();
    const notes = html.slice(html.indexOf('id="case-notes"'), html.indexOf('id="case-contacts"'));
    expect(notes).toContain("Intern anteckning – syns bara för Nora kommun");
    expect(notes).toContain("Internt: VD verkar stressad över likviditeten.");
    expect(notes).toContain("Delad anteckning – syns för partnerna i ärendet");
    expect(notes).toContain("Delat: företaget nås bäst på förmiddagen.");
    expect(notes).toContain("Almi delat: vi ringer företaget på måndag.");
    expect(html).not.toContain("Almi internt");
    // The organisation's admin reads the organisation's internal notes too.
    const adminHtml = await (await page(orgAdminSession, `/admin/arenden/${consentingCaseId}`)).text();
    expect(adminHtml).toContain("Internt: VD verkar stressad över likviditeten.");
    expect(adminHtml).not.toContain("Almi internt");
  });
});
