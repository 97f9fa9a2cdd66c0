import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { getOutboxMail, listOutbox } from "#src/features/mail/mail.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import { freshOrgNumber } from "#tests/support/intake-fixtures.ts";
import { cookieHeader, cookiesFrom, csrfFieldFrom } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import type { MeetingInput } from "./meetings.schemas.ts";
import { createMeeting, publishMeeting } from "./meetings.service.ts";

// Issue 9 on the public meeting pages: the list and the meeting page, registration without an account (PRG,
// a mail with the calendar invitation), must-show 5 (invalid e-mail, past deadline, duplicate: a clear
// message next to the field, everything typed kept, nobody registered twice) and must-show 2 through the
// pages (a full meeting puts the next one on the waiting list; the cancel link moves them up).

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
let partnerId: string;
let offerId: string;

const meta = { actor: CLI_ACTOR };
const DAY = 24 * 60 * 60_000;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  partnerId = await makeOrganisation(testDb.db, "Almi Mälardalen", "business-finance");
  const [offer] = await createOffers(testDb.db, [
    {
      organisationId: partnerId,
      slug: `lan-${randomUUID()}`,
      name: "Företagslån",
      summary: "Lån till små företag.",
      description: "Lån för investeringar.",
      formats: ["advice"],
      themes: ["financing"],
      costType: "free",
    },
  ]);
  offerId = offer!.id;
});
afterAll(async () => {
  await testDb?.close();
});

/** A published meeting 30 days ahead (overrides win); returns its slug and id. */
async function publishedMeeting(overrides: Partial<MeetingInput> = {}) {
  const input: MeetingInput = {
    organisationId,
    title: `Frukostträff ${randomUUID().slice(0, 8)}`,
    date: stockholmDate(new Date(Date.now() + 30 * DAY)),
    time: "09:00",
    durationMinutes: 90,
    place: "Nora stadshus",
    municipalityCode: "1884",
    ...overrides,
  };
  const meeting = await createMeeting(testDb.db, input, meta);
  await publishMeeting(testDb.db, meeting.id, meta);
  return { slug: meeting.slug, id: meeting.id };
}

/** Opens a meeting page as a new visitor: cookies, CSRF token, idempotency key. */
async function openPage(slug: string) {
  const response = await app.request(`/traffar/${slug}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  return {
    html,
    cookies: cookiesFrom(response),
    csrf: csrfFieldFrom(html),
    key: /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1] ?? "",
  };
}

type Opened = Awaited<ReturnType<typeof openPage>>;

/** A visitor who opened some other page: the CSRF cookie and token, no form of a meeting. */
async function visitor(path = "/logga-in"): Promise<Opened> {
  const response = await app.request(path);
  const html = await response.text();
  return { html, cookies: cookiesFrom(response), csrf: csrfFieldFrom(html), key: "" };
}

function post(opened: Opened, path: string, fields: Record<string, string> = {}) {
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams({ _csrf: opened.csrf, ...fields }),
    headers: { cookie: cookieHeader(opened.cookies), "content-type": "application/x-www-form-urlencoded" },
  });
}

function validForm(email: string, key: string): Record<string, string> {
  return {
    orgNumber: freshOrgNumber(),
    companyName: "Nora Mekaniska AB",
    personName: "Anna Svensson",
    email,
    phone: "",
    dietaryNeeds: "Vegetarisk",
    accessibilityNeeds: "",
    idempotencyKey: key,
  };
}

async function registrations(meetingId: string) {
  return testDb.db
    .selectFrom("meeting_registrations")
    .select(["id", "email", "status", "dietary_needs"])
    .where("meeting_id", "=", meetingId)
    .orderBy("created_at")
    .execute();
}

/** The newest mail to an address, with its bodies and attachments. */
async function mailTo(email: string) {
  const entry = (await listOutbox(testDb.db, 500)).find((m) => m.to_address === email);
  return entry ? getOutboxMail(testDb.db, entry.id) : undefined;
}

/** The cancel link's path from the newest mail to an address. */
async function cancelPath(email: string): Promise<string> {
  const mail = await mailTo(email);
  const path = /\/traffar\/avboka\/[A-Za-z0-9_-]+/.exec(mail?.text_body ?? "")?.[0];
  expect(path, `a cancel link in the mail to ${email}`).toBeDefined();
  return path!;
}

describe("public meeting pages", () => {
  it("lists meetings and shows a meeting with everything but the online link, escaping what organisers wrote", async () => {
    const { slug } = await publishedMeeting({
      title: "Träff <script>alert(1)</script>",
      onlineUrl: "https://meet.example.test/hemlig-lank",
      agenda: "09.00 Kaffe\n09.30 Finansiering",
      sniCodes: ["25"],
      themes: ["financing"],
      organisationIds: [partnerId],
      speakers: [{ name: "Karin Lund", role: "Rådgivare", organisationId: partnerId }],
      offerIds: [offerId],
      capacity: 40,
    });
    const draft = await createMeeting(
      testDb.db,
      {
        organisationId,
        title: "Hemlig utkastträff",
        date: stockholmDate(new Date(Date.now() + 20 * DAY)),
        time: "10:00",
        durationMinutes: 60,
        place: "Nora",
      },
      meta,
    );

    const list = await (await app.request("/traffar")).text();
    expect(list).toContain("Informationsträffar");
    expect(list).toContain("Träff &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(list).not.toContain("<script>alert(1)");
    expect(list).not.toContain("Hemlig utkastträff");
    expect(list).toMatch(/kl\. 09\.00–10\.30/);
    expect(list).toContain("40 platser kvar");

    const page = await app.request(`/traffar/${slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain("<script>alert(1)");
    for (const text of [
      "09.00 Kaffe",
      "09.30 Finansiering",
      "Karin Lund, Rådgivare, Almi Mälardalen",
      "25 Tillverkning av metallvaror",
      "Finansiering och likviditet",
      `href="/hitta-stod/${offerId}"`,
      "Nora stadshus och digitalt",
      "Länken till mötet kommer i bekräftelsemejlet",
      'name="dietaryNeeds"',
      "40 av 40 platser kvar",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("meet.example.test");
    expect((await app.request(`/traffar/${draft.slug}`)).status).toBe(404);

    const english = await app.request(`/traffar/${slug}`, { headers: { cookie: "lots_lang=en" } });
    const en = await english.text();
    expect(en).toContain("Register me");
    expect(en).toContain('lang="sv"');
  });

  it("registers with a 303 to the confirmation page, stores one row and mails the calendar invitation", async () => {
    const { slug, id } = await publishedMeeting();
    const opened = await openPage(slug);
    const email = `anna-${randomUUID()}@nora-mek.test`;
    const form = validForm(email, opened.key);
    const response = await post(opened, `/traffar/${slug}/anmalan`, form);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/traffar/${slug}/anmald?s=registered`);
    // A double click: the same form again registers nobody twice.
    const again = await post(opened, `/traffar/${slug}/anmalan`, form);
    expect(again.status).toBe(303);
    const rows = await registrations(id);
    expect(rows).toMatchObject([{ email, status: "registered", dietary_needs: "Vegetarisk" }]);

    const mail = await mailTo(email);
    expect(mail?.attachments.map((a) => a.filename)).toEqual(["invite.ics"]);
    expect(mail?.attachments[0]?.content).toContain("METHOD:REQUEST");

    const done = await (await app.request(response.headers.get("location")!)).text();
    expect(done).toContain("Du är anmäld");
    expect(done).toContain("kalenderinbjudan");
    expect(done).not.toContain(email);
  });

  it("keeps a digital meeting's form to what it needs", async () => {
    const { slug, id } = await publishedMeeting({
      place: undefined,
      onlineUrl: "https://meet.example.test/x",
    });
    const opened = await openPage(slug);
    expect(opened.html).not.toContain('name="dietaryNeeds"');
    expect(opened.html).toContain("Digitalt");
    const email = `digital-${randomUUID()}@nora-mek.test`;
    const response = await post(opened, `/traffar/${slug}/anmalan`, validForm(email, opened.key));
    expect(response.status).toBe(303);
    expect(await registrations(id)).toMatchObject([{ email, dietary_needs: null }]);
  });

  it("answers a bad e-mail with the message next to the field, everything typed kept and nothing stored", async () => {
    const { slug, id } = await publishedMeeting();
    const opened = await openPage(slug);
    const response = await post(opened, `/traffar/${slug}/anmalan`, {
      ...validForm("inte-en-adress", opened.key),
      companyName: 'Nora "Mek" <AB>',
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="registration-email-error"');
    expect(html).toContain("Skriv en giltig e-postadress.");
    expect(html).toMatch(
      /id="registration-email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="registration-email"/,
    );
    expect(html).toContain('href="#registration-email"');
    expect(html).toContain('value="inte-en-adress"');
    expect(html).toContain('value="Nora &quot;Mek&quot; &lt;AB&gt;"');
    expect(html).toContain("Vegetarisk");
    expect(html).toContain(`name="idempotencyKey" value="${opened.key}"`);
    expect(await registrations(id)).toEqual([]);
  });

  it("tells a second registration with the same e-mail that it is already registered, and keeps one", async () => {
    const { slug, id } = await publishedMeeting();
    const email = `twice-${randomUUID()}@nora-mek.test`;
    const first = await openPage(slug);
    expect((await post(first, `/traffar/${slug}/anmalan`, validForm(email, first.key))).status).toBe(303);
    const second = await openPage(slug);
    const response = await post(
      second,
      `/traffar/${slug}/anmalan`,
      validForm(email.toUpperCase(), second.key),
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("redan anmäld");
    expect(html).toContain('id="registration-email-error"');
    expect(await registrations(id)).toHaveLength(1);
  });

  it("refuses after the deadline with a message for the whole form and stores nothing", async () => {
    const yesterday = new Date(Date.now() - DAY);
    const deadline = `${stockholmDate(yesterday)}T12:00`;
    const { slug, id } = await publishedMeeting({ registrationDeadline: deadline });
    const page = await app.request(`/traffar/${slug}`);
    const html = await page.text();
    expect(html).toContain("Anmälan är stängd");
    expect(html).not.toContain('name="personName"');
    // A form opened before the deadline and sent after it.
    const response = await post(
      await visitor(),
      `/traffar/${slug}/anmalan`,
      validForm(`late-${randomUUID()}@nora-mek.test`, randomUUID()),
    );
    expect(response.status).toBe(400);
    const refused = await response.text();
    expect(refused).toContain("Anmälan stängde");
    expect(refused).toContain('href="#registration-form"');
    expect(await registrations(id)).toEqual([]);
  });

  it("puts the next one on the waiting list when full and moves them up when the first cancels by the link", async () => {
    const { slug, id } = await publishedMeeting({ capacity: 1 });
    const first = `first-${randomUUID()}@nora-mek.test`;
    const second = `second-${randomUUID()}@nora-mek.test`;
    const a = await openPage(slug);
    expect((await post(a, `/traffar/${slug}/anmalan`, validForm(first, a.key))).status).toBe(303);
    const b = await openPage(slug);
    expect(b.html).toContain("Fullt – väntelista");
    expect(b.html).toContain("Ställ mig på väntelistan");
    const waiting = await post(b, `/traffar/${slug}/anmalan`, validForm(second, b.key));
    expect(waiting.headers.get("location")).toBe(`/traffar/${slug}/anmald?s=waiting`);
    expect(await (await app.request(waiting.headers.get("location")!)).text()).toContain(
      "Du står på väntelistan",
    );

    const path = await cancelPath(first);
    const cancelPage = await app.request(path);
    expect(cancelPage.status).toBe(200);
    const cancelHtml = await cancelPage.text();
    expect(cancelHtml).toContain("Anna Svensson");
    expect(cancelHtml).toContain("Anmäld");
    expect(cancelHtml).toContain("Avboka min anmälan");
    const browser = {
      html: cancelHtml,
      cookies: cookiesFrom(cancelPage),
      csrf: csrfFieldFrom(cancelHtml),
      key: "",
    };
    const cancelled = await post(browser, path);
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe(path);
    const donePage = await (await app.request(path)).text();
    expect(donePage).toContain("Din anmälan är avbokad");
    expect(donePage).not.toContain("Avboka min anmälan");
    // Again: the same page, nothing else changes.
    expect((await post(browser, path)).status).toBe(303);

    const rows = await registrations(id);
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      [first, "cancelled"],
      [second, "registered"],
    ]);
    expect((await mailTo(second))?.attachments.map((a) => a.filename)).toEqual(["invite.ics"]);
  });

  it("answers an unknown cancel link or meeting with a 404 page in the visitor's language", async () => {
    const sv = await app.request(`/traffar/avboka/${"x".repeat(43)}`);
    expect(sv.status).toBe(404);
    const svHtml = await sv.text();
    expect(svHtml).toContain("Länken fungerar inte");
    const en = await app.request(`/traffar/avboka/${"x".repeat(43)}`, {
      headers: { cookie: "lots_lang=en" },
    });
    expect(en.status).toBe(404);
    expect(await en.text()).toContain("The link does not work");
    const posted = await post(await visitor(), `/traffar/avboka/${"y".repeat(43)}`);
    expect(posted.status).toBe(404);
    expect((await app.request("/traffar/finns-inte-2026-01-01")).status).toBe(404);
  });
});
