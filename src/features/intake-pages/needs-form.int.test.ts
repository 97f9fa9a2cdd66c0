import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshOrgNumber, publishedSurvey } from "#tests/support/intake-fixtures.ts";
import {
  cookieHeader,
  cookiesFrom,
  createUserWithRole,
  csrfFieldFrom,
  signIn,
} from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// Issue 5, must-shows 2 and 3 on the public needs form: every bad input gets its message next to its field
// with everything else kept and nothing stored; the same form sent twice or 20 times at once stores one answer.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let slug: string;
let surveyId: string;
let organisationId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  const made = await publishedSurvey(testDb.db, organisationId);
  slug = made.campaign.slug;
  surveyId = made.survey.id;
});
afterAll(async () => {
  await testDb?.close();
});

/** Opens the form as a new visitor: its cookies, CSRF token, idempotency key and version. */
async function openForm() {
  const response = await app.request(`/behov/${slug}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  return {
    html,
    cookies: cookiesFrom(response),
    csrf: csrfFieldFrom(html),
    key: html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!,
    versionId: html.match(/name="versionId" value="([^"]+)"/)![1]!,
  };
}

type Opened = Awaited<ReturnType<typeof openForm>>;

function post(opened: Opened, path: string, fields: [string, string][]) {
  const body = new URLSearchParams([
    ["_csrf", opened.csrf],
    ["idempotencyKey", opened.key],
    ["versionId", opened.versionId],
    ...fields,
  ]);
  return app.request(path, {
    method: "POST",
    body,
    headers: { cookie: cookieHeader(opened.cookies), "content-type": "application/x-www-form-urlencoded" },
  });
}

/** A complete, valid form for NEEDS_SURVEY (tests/support/intake-fixtures.ts). */
function validForm(orgNumber = freshOrgNumber()): [string, string][] {
  return [
    ["company.orgNumber", orgNumber],
    ["company.name", "Nora Mekaniska AB"],
    ["company.postalCode", "713 31"],
    ["company.sizeBand", "10-19"],
    ["answers.areas", "financing"],
    ["answers.areas", "digitalisation"],
    ["answers.staff", "yes-now"],
    ["answers.channels", "export"],
    ["answers.outlook", "4"],
    ["answers.energy", "yes"],
    ["answers.other", "Vi behöver en ny CNC-maskin.\nOch folk."],
    ["answers.contact.name", "Anna Svensson"],
    ["answers.contact.email", "anna@nora-mek.test"],
    ["answers.consent.contactAndReferral", "yes"],
    ["answers.consent.statistics", "yes"],
  ];
}

const replace = (fields: [string, string][], name: string, value: string): [string, string][] =>
  fields.map(([n, v]) => [n, n === name ? value : v]);

async function responsesCount(): Promise<number> {
  const row = await testDb.db
    .selectFrom("survey_responses")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The validation message shown for a field id, if any. */
function messageFor(html: string, id: string): string | undefined {
  return html.match(new RegExp(`id="${id}-error"[^>]*>([^<]+)<`))?.[1];
}

describe("the needs form: /behov/:slug", () => {
  it("draws every question type as labelled controls, with the company part first", async () => {
    const { html } = await openForm();
    expect(html.indexOf('name="company.orgNumber"')).toBeLessThan(html.indexOf('name="answers.areas"'));
    expect(html).toMatch(/type="checkbox"[^>]*name="answers.areas"[^>]*value="financing"/);
    expect(html).toMatch(/type="radio"[^>]*name="answers.staff"[^>]*value="yes-now"/);
    expect(html).toMatch(/type="checkbox"[^>]*name="answers.channels"/);
    expect(html).toMatch(/type="radio"[^>]*name="answers.outlook"[^>]*value="5"/);
    expect(html).toMatch(/type="radio"[^>]*name="answers.energy"[^>]*value="no"/);
    expect(html).toMatch(/<textarea[^>]*name="answers.other"/);
    expect(html).toMatch(
      /type="email"[^>]*name="answers.contact.email"|name="answers.contact.email"[^>]*type="email"/,
    );
    expect(html).toMatch(/name="answers.consent.contactAndReferral"/);
    expect(html).toContain('<label class="ds-label" for="f-company-orgNumber">');
  });

  it("answers 404 for an unknown round", async () => {
    const response = await app.request("/behov/finns-inte");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Enkäten finns inte");
  });

  it("answers 410 with a clear page for a closed round, and lists only open rounds on /behov", async () => {
    const closed = await publishedSurvey(testDb.db, organisationId);
    await testDb.db
      .updateTable("campaigns")
      .set({ closes_at: new Date(Date.now() - 60_000) })
      .where("id", "=", closed.campaign.id)
      .execute();
    const response = await app.request(`/behov/${closed.campaign.slug}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Enkäten är stängd");
    const english = await app.request(`/behov/${closed.campaign.slug}`, {
      headers: { cookie: "lots_lang=en" },
    });
    expect(await english.text()).toContain("The survey is closed");
    const landing = await (await app.request("/behov")).text();
    expect(landing).toContain(`href="/behov/${slug}"`);
    expect(landing).not.toContain(`href="/behov/${closed.campaign.slug}"`);
  });

  it.each([
    ["a bad org number", "company.orgNumber", "556036-0794", "f-company-orgNumber", /organisationsnum/i],
    ["an unknown postal code", "company.postalCode", "999 99", "f-company-postalCode", /postnumret/i],
    ["an empty required answer", "answers.areas", "", "f-answers-areas", /Svara på frågan/],
    ["a 10,000-character answer", "answers.other", "a".repeat(10_000), "f-answers-other", /för lång/],
    ["script in free text", "answers.other", "<script>alert(1)</script>", "f-answers-other", /utan HTML/],
  ])(
    "%s: the message sits next to the field, the rest is kept, nothing is stored",
    async (_label, name, value, id, message) => {
      const opened = await openForm();
      const before = await responsesCount();
      const fields = replace(validForm(), name, value).filter(([n, v]) => !(n === name && v === ""));
      const response = await post(opened, `/behov/${slug}`, [...fields, ["step", "review"]]);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(messageFor(html, id)).toMatch(message);
      expect(html).toContain(`href="#${id}"`);
      expect(html).toMatch(
        new RegExp(
          `id="${id}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="${id}"|aria-describedby="[^"]*${id}-error`,
        ),
      );
      // Everything else typed is still there.
      expect(html).toContain('value="Nora Mekaniska AB"');
      expect(html).toContain('value="anna@nora-mek.test"');
      if (name !== "answers.areas")
        expect(html).toMatch(/value="digitalisation"[^>]*checked|checked[^>]*value="digitalisation"/);
      expect(html).toMatch(/value="yes-now"[^>]*checked|checked[^>]*value="yes-now"/);
      if (name !== "answers.other") expect(html).toContain("Vi behöver en ny CNC-maskin.\nOch folk.");
      // Nothing executable comes back: the script is shown as text.
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(await responsesCount()).toBe(before);
    },
  );

  it("reviews before sending: what is shared, with whom, and the public-document note", async () => {
    const opened = await openForm();
    const before = await responsesCount();
    const response = await post(opened, `/behov/${slug}`, [...validForm(), ["step", "review"]]);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Granska och skicka");
    expect(html).toContain("allmän handling");
    expect(html).toContain("Finansiering och likviditet");
    expect(html).toContain(`action="/behov/${slug}/skicka"`);
    expect(await responsesCount()).toBe(before);
  });

  it("stores one answer when the form is sent twice, and one when it is sent 20 times at once", async () => {
    const opened = await openForm();
    const fields = validForm();
    const before = await responsesCount();
    const first = await post(opened, `/behov/${slug}/skicka`, fields);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe(`/behov/${slug}/tack`);
    const second = await post(opened, `/behov/${slug}/skicka`, fields);
    expect(second.status).toBe(303);
    expect(await responsesCount()).toBe(before + 1);

    const parallel = await openForm();
    const many = validForm();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => post(parallel, `/behov/${slug}/skicka`, many)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(303));
    expect(await responsesCount()).toBe(before + 2);
  });

  it("shows the private link once on the thank-you page and mails it", async () => {
    const opened = await openForm();
    const sent = await post(opened, `/behov/${slug}/skicka`, validForm());
    const cookies = new Map([...opened.cookies, ...cookiesFrom(sent)]);
    const thanks = await app.request(`/behov/${slug}/tack`, { headers: { cookie: cookieHeader(cookies) } });
    const html = await thanks.text();
    const link = html.match(/id="private-link-url">([^<]+)</)?.[1];
    expect(link).toMatch(/\/mitt-foretag\?token=[A-Za-z0-9_-]{43}$/);
    expect(sent.headers.get("location")).not.toContain("token");
    const token = link!.split("token=")[1]!;
    const mail = await testDb.db
      .selectFrom("mail_outbox")
      .select(["to_address", "text_body"])
      .where("to_address", "=", "anna@nora-mek.test")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`/mitt-foretag?token=${token}`);
    // Plain Swedish, the English below it.
    expect(mail.text_body.indexOf("Tack för att ni berättade")).toBeGreaterThan(-1);
    expect(mail.text_body.indexOf("In English: Thank you")).toBeGreaterThan(
      mail.text_body.indexOf("Tack för att ni berättade"),
    );
  });

  it("a double click: the replay's thank-you page shows the link the first send issued, once", async () => {
    const opened = await openForm();
    const fields = validForm();
    // The browser drops the first response (and its cookie) and follows the second, a replay.
    const dropped = await post(opened, `/behov/${slug}/skicka`, fields);
    expect(dropped.status).toBe(303);
    const replay = await post(opened, `/behov/${slug}/skicka`, fields);
    expect(replay.status).toBe(303);
    const cookies = new Map([...opened.cookies, ...cookiesFrom(replay)]);
    const thanks = await (
      await app.request(`/behov/${slug}/tack`, { headers: { cookie: cookieHeader(cookies) } })
    ).text();
    expect(thanks).toContain("redan skickade");
    const token = thanks.match(/id="private-link-url">[^<]*token=([A-Za-z0-9_-]{43})</)?.[1];
    expect(token).toBeDefined();
    const verified = await app.request(`/mitt-foretag?token=${token}`);
    expect(verified.status).toBe(303);
    // Shown once: the same cookie again gives the page without the link.
    const again = await (
      await app.request(`/behov/${slug}/tack`, { headers: { cookie: cookieHeader(cookies) } })
    ).text();
    expect(again).not.toContain("private-link-url");
    expect(again).toContain("Länken visas bara en gång");
  });

  it("shows no link for a forged thank-you cookie", async () => {
    const opened = await openForm();
    const sent = await post(opened, `/behov/${slug}/skicka`, validForm());
    const done = cookiesFrom(sent).get("lots_intake_done")!;
    expect(done).toBeDefined();
    // The same key, without the signature: refused, and the real one still works after.
    const unsigned = decodeURIComponent(done).replace(/\.[^.]+$/, "");
    const forged = new Map([...opened.cookies, ["lots_intake_done", encodeURIComponent(unsigned)]]);
    const forgedPage = await (
      await app.request(`/behov/${slug}/tack`, { headers: { cookie: cookieHeader(forged) } })
    ).text();
    expect(forgedPage).not.toContain("private-link-url");
    const real = new Map([...opened.cookies, ["lots_intake_done", done]]);
    const realPage = await (
      await app.request(`/behov/${slug}/tack`, { headers: { cookie: cookieHeader(real) } })
    ).text();
    expect(realPage).toContain("private-link-url");
  });

  it("a navigator of the survey's organisation answers on the company's behalf, recorded as such", async () => {
    const navigator = await createUserWithRole(testDb.db, organisationId, "navigator");
    const session = await signIn(app, testDb.db, { email: navigator.email });
    const page = await app.request(`/behov/${slug}`, { headers: { cookie: session.cookie } });
    const html = await page.text();
    expect(html).toContain("svarar för företagets räkning");
    const anonymous = await openForm();
    expect(anonymous.html).not.toContain("svarar för företagets räkning");
    const key = html.match(/name="idempotencyKey" value="([^"]+)"/)![1]!;
    const versionId = html.match(/name="versionId" value="([^"]+)"/)![1]!;
    const orgNumber = freshOrgNumber();
    const sent = await app.request(`/behov/${slug}/skicka`, {
      method: "POST",
      body: new URLSearchParams([
        ["_csrf", csrfFieldFrom(html)],
        ["idempotencyKey", key],
        ["versionId", versionId],
        ...validForm(orgNumber),
      ]),
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(sent.status).toBe(303);
    const row = await testDb.db
      .selectFrom("survey_responses")
      .select(["submitted_by", "submitted_by_user_id"])
      .where("idempotency_key", "=", key)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ submitted_by: "navigator", submitted_by_user_id: navigator.userId });
  });
});
