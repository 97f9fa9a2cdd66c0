import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCase } from "#src/features/cases/cases.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { changeTeamMember, createTeam } from "#src/features/routing/routing.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole, csrfFieldFrom, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { referCase } from "./referrals.service.ts";

// The partner inbox and referral pages over HTTP (issue 7): an advisor sees only their organisation's
// referrals; accept, decline (a reason is required), close with an outcome; two people acting at once end
// in one state and the loser is told who did what (must-show 4); internal notes stay internal; the shared
// contact log; an organisation's response times and webhooks (the secret is shown once).

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let almi: string;
let oru: string;
let nora: string;
let almiOffer: string;
let oruOffer: string;
let companyId: string;
let navigator: UserActor;
let advisorA: UserActor;
let advisorB: UserActor;
let adminA: UserActor;
let platformAdmin: UserActor;
const sessions = new Map<string, SignedIn>();

const ctx = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });
const uniq = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const db = testDb.db;
  almi = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  oru = await makeOrganisation(db, "Universitetet i Örebro");
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  const region = await makeOrganisation(db, "Region Örebro län", "region");
  navigator = await createUserWithRole(db, nora, "navigator", { name: "Anna Sjöberg" });
  advisorA = await createUserWithRole(db, almi, "advisor", { name: "Mikael Holm" });
  advisorB = await createUserWithRole(db, oru, "advisor", { name: "Lina Forsberg" });
  adminA = await createUserWithRole(db, almi, "org-admin", { name: "Johan Berglund" });
  platformAdmin = await createUserWithRole(db, region, "platform-admin", { name: "Karin Ek" });

  // The company tells its needs and consents to referral to every partner (no team yet: no case opens).
  const survey = await publishedSurvey(db, nora);
  const submission = validSubmission(freshOrgNumber());
  const result = await submitResponse(
    db,
    {
      campaignSlug: survey.campaign.slug,
      ...submission,
      answers: { ...submission.answers, consent: { contactAndReferral: true, statistics: true } },
    },
    { actor: ANONYMOUS },
  );
  companyId = result.company!.id;

  // Nora's navigator team, which is also the catch-all: every case opened by hand lands there.
  const team = await createTeam(
    db,
    { organisationId: nora, name: "Näringslivsteamet Nora", slug: `nora-${uniq()}`, isCatchAll: true },
    ctx(platformAdmin),
  );
  await changeTeamMember(db, team, navigator.userId, "add", ctx(platformAdmin));

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
      formats: ["thesis"],
      themes: ["financing"],
      costType: "free",
    },
  ]);
  almiOffer = loan!.id;
  oruOffer = exjobb!.id;
}, 60_000);
afterAll(async () => {
  await testDb?.close();
});

/** A new case of the company, referred to Almi's offer (A) and Örebro universitet's (B). */
async function referrals(): Promise<{ caseId: string; a: string; b: string }> {
  const opened = await openCase(
    testDb.db,
    {
      companyId,
      newNeed: { theme: "financing", description: "Behöver lån till en ny maskin.", urgency: "now" },
      openedVia: "phone",
    },
    ctx(navigator),
  );
  const [a, b] = await referCase(
    testDb.db,
    opened.id,
    { offerIds: [almiOffer, oruOffer], message: "Ring VD:n, hon väntar på samtal." },
    ctx(navigator),
  );
  return { caseId: opened.id, a: a!, b: b! };
}

async function session(user: UserActor): Promise<SignedIn> {
  let found = sessions.get(user.userId);
  if (!found) {
    found = await signIn(app, testDb.db, { email: user.email });
    sessions.set(user.userId, found);
  }
  return found;
}

async function get(user: UserActor, path: string, lang?: "en") {
  const s = await session(user);
  return app.request(path, { headers: { cookie: lang ? `${s.cookie}; lots_lang=${lang}` : s.cookie } });
}

async function post(
  user: UserActor,
  path: string,
  fields: Record<string, string | string[]>,
  lang?: "en",
): Promise<Response> {
  const s = await session(user);
  const body = new URLSearchParams();
  body.set("_csrf", s.csrfToken);
  for (const [name, value] of Object.entries(fields))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return app.request(path, {
    method: "POST",
    headers: {
      cookie: lang ? `${s.cookie}; lots_lang=${lang}` : s.cookie,
      "content-type": "application/x-www-form-urlencoded",
    },
    body,
  });
}

const referralRow = (id: string) =>
  testDb.db.selectFrom("referrals").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1];

describe("the partner inbox", () => {
  it("shows an advisor the referrals to their organisation and not another's", async () => {
    const { a, b } = await referrals();
    const response = await get(advisorA, "/admin/inkorg");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`href="/admin/hanvisningar/${a}"`);
    expect(html).not.toContain(b);
    expect(html).toContain("Nora Mekaniska AB");
    expect(html).toContain("Företagslån");
    expect(html).not.toContain("Examensarbete");
    expect(html).toContain("Skickad, väntar på svar");
    expect(html).toContain("<caption>Hänvisningar till er organisation</caption>");
    const other = await (await get(advisorB, "/admin/inkorg")).text();
    expect(other).toContain(`href="/admin/hanvisningar/${b}"`);
    expect(other).not.toContain(a);
  });

  it("filters by status and by mine, and shows the navigator the referrals they sent", async () => {
    const { a, b } = await referrals();
    expect(await (await get(advisorA, "/admin/inkorg?status=closed")).text()).not.toContain(a);
    expect(await (await get(advisorA, "/admin/inkorg?mine=true")).text()).not.toContain(a);
    const sent = await (await get(navigator, "/admin/inkorg?side=sent")).text();
    expect(sent).toContain(a);
    expect(sent).toContain(b);
    expect(sent).toContain("Hänvisningar från era ärenden");
    // A navigator's own inbox (referrals to Nora) has none of them.
    expect(await (await get(navigator, "/admin/inkorg")).text()).not.toContain(a);
  });

  it("answers 404 for another organisation's referral", async () => {
    const { b } = await referrals();
    expect((await get(advisorA, `/admin/hanvisningar/${b}`)).status).toBe(404);
    expect(
      (await post(advisorA, `/admin/hanvisningar/${b}/atgard`, { action: "accept", version: "1" })).status,
    ).toBe(404);
    expect((await get(advisorA, "/admin/hanvisningar/not-a-uuid")).status).toBe(404);
  });
});

describe("a referral's page", () => {
  it("shows the partner the company, its contact person, the needs and the navigator's message", async () => {
    const { a } = await referrals();
    const response = await get(advisorA, `/admin/hanvisningar/${a}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Hänvisning: Nora Mekaniska AB");
    expect(html).toContain("Anna Svensson");
    expect(html).toContain('href="mailto:anna@nora-mek.test"');
    expect(html).toContain("070-123 45 67");
    expect(html).toContain("Behöver lån till en ny maskin.");
    expect(html).toContain("Ring VD:n, hon väntar på samtal.");
    expect(html).toContain("Anna Sjöberg (Nora kommun)");
    expect(html).toContain("Hänvisningen skickades till Almi Mälardalen (Företagslån).");
    expect(versionIn(html)).toBe("1");
    expect(html).toContain('name="action" value="accept"');
    expect(html).toContain('name="action" value="decline"');
    expect(html).not.toContain('name="action" value="withdraw"');
  });

  it("accepts: the referral is accepted in the database and the page says so", async () => {
    const { a } = await referrals();
    const page = await (await get(advisorA, `/admin/hanvisningar/${a}`)).text();
    // The forms carry the session's CSRF token; without it the change is refused.
    expect(csrfFieldFrom(page)).toBe((await session(advisorA)).csrfToken);
    const forged = await app.request(`/admin/hanvisningar/${a}/atgard`, {
      method: "POST",
      headers: {
        cookie: (await session(advisorA)).cookie,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ action: "accept", version: "1" }),
    });
    expect(forged.status).toBe(403);
    expect((await referralRow(a)).status).toBe("sent");
    const response = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "accept",
      version: versionIn(page)!,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/admin/hanvisningar/${a}?klart=accept`);
    const row = await referralRow(a);
    expect(row.status).toBe("accepted");
    expect(row.assigned_user_id).toBe(advisorA.userId);
    const after = await (await get(advisorA, response.headers.get("location")!)).text();
    expect(after).toContain("Du har accepterat hänvisningen.");
    expect(after).toContain("<strong>Accepterad</strong>");
    expect(after).toContain("Mikael Holm");
    expect(after).toContain('name="action" value="start"');
    expect(after).not.toContain('name="action" value="accept"');
  });

  it("refuses to decline without a reason (400, in Swedish), and declines with one", async () => {
    const { a } = await referrals();
    const response = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "decline",
      version: "1",
      reason: "",
      note: "Vi hör av oss.",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Välj varför ni avböjer hänvisningen.");
    expect(html).toContain('href="#decline-reason"');
    expect(html).toContain("Vi hör av oss."); // the note is kept
    expect((await referralRow(a)).status).toBe("sent");
    const declined = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "decline",
      version: "1",
      reason: "no-capacity",
      note: "Vi har fullt till februari.",
    });
    expect(declined.status).toBe(303);
    const row = await referralRow(a);
    expect(row.status).toBe("declined");
    expect(row.decline_reason).toBe("no-capacity");
    // The note went to the navigator as a shared note.
    const navigatorView = await (await get(navigator, `/admin/hanvisningar/${a}`)).text();
    expect(navigatorView).toContain("Vi har fullt till februari.");
    expect(navigatorView).toContain("Ingen kapacitet");
  });

  it("closes with the outcome helped", async () => {
    const { a } = await referrals();
    await post(advisorA, `/admin/hanvisningar/${a}/atgard`, { action: "accept", version: "1" });
    await post(advisorA, `/admin/hanvisningar/${a}/atgard`, { action: "start", version: "2" });
    const missing = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "close",
      version: "3",
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Välj om företaget fick hjälp.");
    const closed = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "close",
      version: "3",
      outcome: "helped",
    });
    expect(closed.status).toBe(303);
    const row = await referralRow(a);
    expect(row.status).toBe("closed");
    expect(row.outcome).toBe("helped");
    const html = await (await get(advisorA, `/admin/hanvisningar/${a}`)).text();
    expect(html).toContain("Företaget fick hjälp");
    expect(html).toContain("Det finns inget att göra med hänvisningen just nu.");
  });

  it("withdrawn meanwhile: the advisor's accept answers 409 naming who withdrew, and one state remains", async () => {
    const { a } = await referrals();
    const advisorPage = await (await get(advisorA, `/admin/hanvisningar/${a}`)).text();
    const staleVersion = versionIn(advisorPage)!;
    const navigatorPage = await (await get(navigator, `/admin/hanvisningar/${a}`)).text();
    expect(navigatorPage).toContain('name="action" value="withdraw"');
    expect(navigatorPage).not.toContain('name="action" value="accept"');
    const withdrawn = await post(navigator, `/admin/hanvisningar/${a}/atgard`, {
      action: "withdraw",
      version: versionIn(navigatorPage)!,
    });
    expect(withdrawn.status).toBe(303);

    const response = await post(advisorA, `/admin/hanvisningar/${a}/atgard`, {
      action: "accept",
      version: staleVersion,
    });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toMatch(
      /Hänvisningen hann återkallas av Anna Sjöberg \(Nora kommun\) \d{1,2} [a-z]+ \d{4} kl\. \d{2}:\d{2}\. Din ändring sparades inte\./,
    );
    expect(html).toContain("<strong>Återkallad</strong>");
    expect(html).not.toContain('name="action" value="accept"');
    const row = await referralRow(a);
    expect(row.status).toBe("withdrawn");
    expect(row.version).toBe(2);
    expect(row.assigned_user_id).toBeNull();

    const english = await post(
      advisorA,
      `/admin/hanvisningar/${a}/atgard`,
      { action: "accept", version: staleVersion },
      "en",
    );
    expect(english.status).toBe(409);
    expect(await english.text()).toMatch(
      /The referral was withdrawn by Anna Sjöberg \(Nora kommun\) on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}/,
    );
  });

  it("accept and withdraw at the same moment: one wins, the other gets 409, never a 500", async () => {
    for (let round = 0; round < 3; round++) {
      const { a } = await referrals();
      const [accept, withdraw] = await Promise.all([
        post(advisorA, `/admin/hanvisningar/${a}/atgard`, { action: "accept", version: "1" }),
        post(navigator, `/admin/hanvisningar/${a}/atgard`, { action: "withdraw", version: "1" }),
      ]);
      expect([accept.status, withdraw.status].sort()).toEqual([303, 409]);
      const row = await referralRow(a);
      expect(row.status).toBe(accept.status === 303 ? "accepted" : "withdrawn");
      expect(row.version).toBe(2);
      const loser = accept.status === 409 ? accept : withdraw;
      expect(await loser.text()).toContain(
        row.status === "withdrawn"
          ? "Hänvisningen hann återkallas av Anna Sjöberg (Nora kommun)"
          : "Hänvisningen hann accepteras av Mikael Holm (Almi Mälardalen)",
      );
    }
  });

  it("keeps a partner's internal notes from the navigator and shows the shared ones", async () => {
    const { a } = await referrals();
    const internal = await post(advisorA, `/admin/hanvisningar/${a}/anteckning`, {
      body: "Internt: kolla kreditupplysningen först.",
      visibility: "internal",
    });
    expect(internal.status).toBe(303);
    const shared = await post(advisorA, `/admin/hanvisningar/${a}/anteckning`, {
      body: "Delat: vi ringer företaget på måndag.",
      visibility: "shared",
    });
    expect(shared.status).toBe(303);
    const empty = await post(advisorA, `/admin/hanvisningar/${a}/anteckning`, { body: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv anteckningen.");

    const own = await (await get(advisorA, `/admin/hanvisningar/${a}`)).text();
    expect(own).toContain("Internt: kolla kreditupplysningen först.");
    expect(own).toContain("Intern, syns bara för Almi Mälardalen");
    expect(own).toContain("Delat: vi ringer företaget på måndag.");
    const theirs = await (await get(navigator, `/admin/hanvisningar/${a}`)).text();
    expect(theirs).toContain("Delat: vi ringer företaget på måndag.");
    expect(theirs).toContain("Delad, syns för lotsen och partnern");
    expect(theirs).not.toContain("kreditupplysningen");
    expect(theirs).not.toContain("Intern anteckning.");
  });

  it("logs a contact at a Stockholm time; others see who and when, not what", async () => {
    const { a } = await referrals();
    const summer = await post(advisorA, `/admin/hanvisningar/${a}/kontakt`, {
      channel: "phone",
      when: "2026-07-01T10:30",
      summary: "Pratade med VD om lånebehovet.",
    });
    expect(summer.status).toBe(303);
    const winter = await post(advisorA, `/admin/hanvisningar/${a}/kontakt`, {
      channel: "meeting",
      when: "2026-01-15T10:30",
      summary: "",
    });
    expect(winter.status).toBe(303);
    const rows = await testDb.db
      .selectFrom("company_contact_log")
      .select(["contacted_at", "channel"])
      .where("referral_id", "=", a)
      .orderBy("contacted_at")
      .execute();
    expect(rows.map((r) => r.contacted_at.toISOString())).toEqual([
      "2026-01-15T09:30:00.000Z",
      "2026-07-01T08:30:00.000Z",
    ]);
    const future = await post(advisorA, `/admin/hanvisningar/${a}/kontakt`, {
      channel: "phone",
      when: "2099-01-01T10:00",
    });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain("Tiden kan inte ligga i framtiden.");
    const bad = await post(advisorA, `/admin/hanvisningar/${a}/kontakt`, { channel: "phone", when: "igår" });
    expect(bad.status).toBe(400);

    const own = await (await get(advisorA, `/admin/hanvisningar/${a}`)).text();
    expect(own).toContain("Pratade med VD om lånebehovet.");
    expect(own).toContain("2026-07-01 10:30");
    const theirs = await (await get(navigator, `/admin/hanvisningar/${a}`)).text();
    expect(theirs).toContain("2026-07-01 10:30");
    expect(theirs).toContain("Mikael Holm");
    expect(theirs).toContain("Syns bara för Almi Mälardalen");
    expect(theirs).not.toContain("lånebehovet");
    // Only the partner logs contacts on its referral.
    expect(
      (await post(navigator, `/admin/hanvisningar/${a}/kontakt`, { channel: "phone", when: "" })).status,
    ).toBe(403);
  });

  it("speaks English with lots_lang=en", async () => {
    const { a } = await referrals();
    const inbox = await (await get(advisorA, "/admin/inkorg", "en")).text();
    expect(inbox).toContain("Referral inbox");
    expect(inbox).toContain("Sent, waiting for an answer");
    const page = await (await get(advisorA, `/admin/hanvisningar/${a}`, "en")).text();
    expect(page).toContain("Referral: Nora Mekaniska AB");
    expect(page).toContain("What do you want to do?");
    expect(page).toContain("Cannot reach the company");
    const refused = await post(
      advisorA,
      `/admin/hanvisningar/${a}/atgard`,
      { action: "decline", version: "1" },
      "en",
    );
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Choose why you decline the referral.");
    const settings = await (await get(adminA, `/admin/organisationer/${almi}/lotsning`, "en")).text();
    expect(settings).toContain("Response times");
    expect(settings).toContain("How to check that a request comes from Lots");
  });
});

describe("an organisation's lotsning settings", () => {
  const path = () => `/admin/organisationer/${almi}/lotsning`;

  it("is for the organisation's admin and the platform admin only", async () => {
    expect((await get(adminA, path())).status).toBe(200);
    expect((await get(platformAdmin, path())).status).toBe(200);
    expect((await get(advisorA, path())).status).toBe(403);
    expect((await get(navigator, path())).status).toBe(403);
    expect(
      (await post(advisorA, `${path()}/svarstider`, { responseDays: "3", reminderDays: "1" })).status,
    ).toBe(403);
  });

  it("saves the response times, and refuses a reminder after the deadline", async () => {
    const saved = await post(adminA, `${path()}/svarstider`, { responseDays: "7", reminderDays: "2" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${path()}?klart=svarstider`);
    const row = await testDb.db
      .selectFrom("referral_settings")
      .selectAll()
      .where("organisation_id", "=", almi)
      .executeTakeFirstOrThrow();
    expect([row.response_days, row.reminder_days]).toEqual([7, 2]);
    const html = await (await get(adminA, `${path()}?klart=svarstider`)).text();
    expect(html).toContain("Svarstiderna är sparade.");
    expect(html).toMatch(/id="times-responseDays"[^>]*value="7"|value="7"[^>]*id="times-responseDays"/);
    const refused = await post(adminA, `${path()}/svarstider`, { responseDays: "3", reminderDays: "3" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Påminnelsen måste komma före tidsgränsen.");
    const notNumber = await post(adminA, `${path()}/svarstider`, { responseDays: "fem", reminderDays: "1" });
    expect(notNumber.status).toBe(400);
    expect(await notNumber.text()).toContain("Skriv ett heltal.");
  });

  it("creates a webhook showing its secret once; the list never shows it; it is the organisation's own", async () => {
    const bad = await post(adminA, `/admin/organisationer/${almi}/webhooks`, { url: "inte en adress" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Skriv en adress som börjar med https://");

    const created = await post(adminA, `/admin/organisationer/${almi}/webhooks`, {
      url: "https://crm.almi.test/lots",
      events: ["referral.sent", "referral.accepted"],
    });
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const html = await created.text();
    expect(html).toContain("Webhooken är tillagd");
    const secret = /<code id="webhook-secret">(whsec_[A-Za-z0-9_-]+)<\/code>/.exec(html)?.[1];
    expect(secret).toBeDefined();
    const hook = await testDb.db
      .selectFrom("webhooks")
      .selectAll()
      .where("organisation_id", "=", almi)
      .where("url", "=", "https://crm.almi.test/lots")
      .executeTakeFirstOrThrow();
    expect(hook.secret).toBe(secret);
    expect(hook.events).toEqual(["referral.sent", "referral.accepted"]);

    const list = await (await get(adminA, path())).text();
    expect(list).toContain("Webhook till https://crm.almi.test/lots");
    expect(list).toContain("Ny hänvisning, Accepterad");
    expect(list).not.toContain(secret!);
    expect(list).toContain("lots-signature: t=");

    // A referral queues a delivery, shown in the list.
    await referrals();
    expect(await (await get(adminA, path())).text()).toContain("Väntar");

    const rotated = await post(adminA, `/admin/organisationer/${almi}/webhooks/${hook.id}/rotera`, {});
    expect(rotated.status).toBe(200);
    const rotatedHtml = await rotated.text();
    const newSecret = /<code id="webhook-secret">(whsec_[A-Za-z0-9_-]+)<\/code>/.exec(rotatedHtml)?.[1];
    expect(newSecret).toBeDefined();
    expect(newSecret).not.toBe(secret);
    expect(await (await get(adminA, path())).text()).not.toContain(newSecret!);

    const paused = await post(adminA, `/admin/organisationer/${almi}/webhooks/${hook.id}/pausa`, {});
    expect(paused.status).toBe(303);
    expect(await (await get(adminA, paused.headers.get("location")!)).text()).toContain("Pausad");
    // Another organisation's address does not reach it, even for the platform admin.
    expect(
      (await post(platformAdmin, `/admin/organisationer/${oru}/webhooks/${hook.id}/aktivera`, {})).status,
    ).toBe(404);
    expect(
      (await post(platformAdmin, `/admin/organisationer/${almi}/webhooks/${hook.id}/aktivera`, {})).status,
    ).toBe(303);

    // A failed delivery can be tried again.
    const delivery = await testDb.db
      .selectFrom("webhook_deliveries")
      .select("id")
      .where("webhook_id", "=", hook.id)
      .executeTakeFirstOrThrow();
    await testDb.db
      .updateTable("webhook_deliveries")
      .set({ status: "failed", attempts: 8, last_status: 500 })
      .where("id", "=", delivery.id)
      .execute();
    const failedPage = await (await get(adminA, path())).text();
    expect(failedPage).toContain("Misslyckad");
    expect(failedPage).toContain(`/leveranser/${delivery.id}/igen`);
    const retried = await post(
      adminA,
      `/admin/organisationer/${almi}/webhooks/${hook.id}/leveranser/${delivery.id}/igen`,
      {},
    );
    expect(retried.status).toBe(303);
    const again = await testDb.db
      .selectFrom("webhook_deliveries")
      .select(["status", "attempts"])
      .where("id", "=", delivery.id)
      .executeTakeFirstOrThrow();
    expect(again.status).toBe("pending");

    const deleted = await post(adminA, `/admin/organisationer/${almi}/webhooks/${hook.id}/ta-bort`, {});
    expect(deleted.status).toBe(303);
    const gone = await testDb.db.selectFrom("webhooks").select("id").where("id", "=", hook.id).execute();
    expect(gone).toHaveLength(0);
  });
});
