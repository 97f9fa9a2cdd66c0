import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { createPack } from "#src/features/packs/packs.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { getCampaign } from "#src/features/surveys/surveys.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { icsOf, MAIL_SETTINGS, mailsTo, registrationFor, SYSTEM } from "#tests/support/meetings-fixtures.ts";
import { cookiesFrom, createUserWithRole, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { register } from "./meetings.registration.ts";
import { getManagedMeeting } from "./meetings.service.ts";
import { type MeetingFormValues, meetingForm } from "./meetings.staff-form.ts";
import { meetingsStaffPages } from "./meetings.staff-pages.tsx";

// Issue 9 over HTTP: the organisers' pages. A navigator plans a meeting through the form (errors keep what
// was typed), starts one from an industry pack (the pack's survey is copied to the organiser), publishes,
// moves it (everyone registered gets a calendar update with a higher SEQUENCE), marks attendance and the
// meeting held (the follow-up goes out once), sees the answers, and clones it. Outsiders get 404 or 403.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let nora: string;
let almi: string;
let navigator: SignedIn;
let orgAdmin: SignedIn;
let otherNavigator: SignedIn;
let advisor: SignedIn;
let noraSurveyId: string;
let offerId: string;
let templateSurveyId: string;

const PATH = "/admin/traffar";
const DAY = 86_400_000;
const futureDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

async function page(session: SignedIn, path: string) {
  return app.request(path, { headers: { cookie: session.cookie } });
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

/** Follows a POST's redirect as a browser does, with the notice cookie it set. */
async function follow(session: SignedIn, response: Response) {
  const notice = [...cookiesFrom(response)].map(([name, value]) => `; ${name}=${value}`).join("");
  return app.request(response.headers.get("location") ?? "/", {
    headers: { cookie: `${session.cookie}${notice}` },
  });
}

/** The form fields a browser sends for these values. */
function fieldsOf(values: MeetingFormValues): Record<string, string | string[]> {
  const { speakers, ...rest } = values;
  const fields: Record<string, string | string[]> = { ...rest };
  speakers.forEach((s, i) => {
    fields[`speakers.${i}.name`] = s.name;
    fields[`speakers.${i}.role`] = s.role;
    fields[`speakers.${i}.organisationId`] = s.organisationId;
  });
  return fields;
}

function baseForm(overrides: Partial<MeetingFormValues> = {}): MeetingFormValues {
  return {
    organisationId: nora,
    title: "Informationsträff för industrin i Nora",
    description: "Stöd för omställning och finansiering.",
    municipalityCode: "1884",
    countyCode: "",
    sniCodes: "25, 28",
    themes: ["financing", "digitalisation"],
    date: futureDay(20),
    time: "09:00",
    durationMinutes: "90",
    onlineUrl: "https://meet.example/nora",
    place: "Nora stadshus",
    agenda: "09.00 Välkommen\n09.15 Finansiering med Almi",
    capacity: "40",
    registrationDeadline: "",
    organisationIds: [almi],
    speakers: [{ name: "Karin Almisson", role: "Affärsrådgivare", organisationId: almi }],
    offerIds: [offerId],
    surveyId: noraSurveyId,
    packId: "",
    ...overrides,
  };
}

const slugOf = (response: Response) => (response.headers.get("location") ?? "").replace(`${PATH}/`, "");
const meetingRow = (slug: string) =>
  testDb.db.selectFrom("meetings").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();

async function createViaForm(overrides: Partial<MeetingFormValues> = {}) {
  const response = await post(navigator, `${PATH}/ny`, fieldsOf(baseForm(overrides)));
  expect(response.status, await response.clone().text()).toBe(303);
  return slugOf(response);
}

beforeAll(async () => {
  testDb = await createTestDb();
  // The app's public address is the one the registrations' invitations name (the calendar UID's host).
  app = createTestApp(testDb, { PUBLIC_URL: MAIL_SETTINGS.publicUrl });
  // Until the app mounts these pages itself (src/app.ts is the lead's), the test mounts them.
  if (!app.routes.some((r) => r.path === PATH)) app.route("/", meetingsStaffPages());
  const db = testDb.db;
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  almi = await makeOrganisation(db, "Almi Mälardalen", "business-finance");
  const region = await makeOrganisation(db, "Region Örebro län", "region");
  const lindesberg = await makeOrganisation(db, "Lindesbergs kommun", "municipality");
  const users = {
    navigator: await createUserWithRole(db, nora, "navigator"),
    orgAdmin: await createUserWithRole(db, nora, "org-admin"),
    otherNavigator: await createUserWithRole(db, lindesberg, "navigator"),
    advisor: await createUserWithRole(db, almi, "advisor"),
  };
  navigator = await signIn(app, db, users.navigator);
  orgAdmin = await signIn(app, db, users.orgAdmin);
  otherNavigator = await signIn(app, db, users.otherNavigator);
  advisor = await signIn(app, db, users.advisor);
  noraSurveyId = (await publishedSurvey(db, nora)).survey.id;
  templateSurveyId = (await publishedSurvey(db, region)).survey.id;
  const [offer] = await createOffers(db, [
    {
      organisationId: almi,
      slug: `almi-lan-${Date.now()}`,
      name: "Företagslån från Almi",
      summary: "Lån till investeringar.",
      description: "Lån till maskiner och rörelsekapital.",
      formats: ["loan"],
      themes: ["financing"],
      costType: "free",
    },
  ]);
  offerId = offer!.id;
});

afterAll(async () => {
  await testDb?.close();
});

describe("the meeting form", () => {
  it("shows every error next to its field and keeps what was typed, then creates a draft", async () => {
    const before = await testDb.db.selectFrom("meetings").select("id").execute();
    const bad = await post(
      navigator,
      `${PATH}/ny`,
      fieldsOf(
        baseForm({
          title: "Träff om besöksnäringen",
          place: "",
          onlineUrl: "",
          date: "3 december",
          capacity: "många",
        }),
      ),
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('class="ds-error-summary"');
    expect(html).toContain('value="Träff om besöksnäringen"');
    expect(html).toContain('value="3 december"');
    expect(html).toContain('id="meeting-place-error"');
    expect(html).toContain("Ange en plats eller en länk");
    expect(html).toContain('id="meeting-date-error"');
    expect(html).toContain('id="meeting-capacity-error"');
    expect(html).toContain("Karin Almisson");
    // The service's own checks (an unknown SNI code, a deadline after the start) come back the same way.
    const unknown = await post(
      navigator,
      `${PATH}/ny`,
      fieldsOf(baseForm({ sniCodes: "25, 04", registrationDeadline: `${futureDay(30)}T12:00` })),
    );
    expect(unknown.status).toBe(400);
    const unknownHtml = await unknown.text();
    expect(unknownHtml).toContain("Okänd SNI-kod: 04.");
    expect(unknownHtml).toContain('id="meeting-registrationDeadline-error"');
    expect(unknownHtml).toContain('value="25, 04"');
    expect(await testDb.db.selectFrom("meetings").select("id").execute()).toHaveLength(before.length);

    const created = await post(navigator, `${PATH}/ny`, fieldsOf(baseForm()));
    expect(created.status).toBe(303);
    const shown = await follow(navigator, created);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain("Träffen är sparad som utkast");
    expect(page).toContain("Utkast");
    const row = await meetingRow(slugOf(created));
    expect(row.status).toBe("draft");
    expect(row.survey_id).toBe(noraSurveyId);
    expect(row.sni_codes).toEqual(["25", "28"]);
  });

  it("starts from an industry pack: industries, themes, offers and a copy of the pack's survey", async () => {
    const pack = await createPack(
      testDb.db,
      {
        slug: `besoksnaring-${Date.now()}`,
        nameSv: "Besöksnäring",
        descriptionSv: "Hotell, restauranger och upplevelser.",
        sniCodes: ["55", "56"],
        themes: ["sales-export"],
        surveyId: templateSurveyId,
        offerIds: [offerId],
      },
      { actor: CLI_ACTOR },
    );
    const form = await page(navigator, `${PATH}/ny?paket=${pack.slug}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Startad från branschpaketet Besöksnäring");
    expect(html).toMatch(new RegExp(`<option value="pack:${pack.id}" selected="">Paketets enkät: `));
    expect(html).toContain('value="55, 56"');
    expect(html).toMatch(new RegExp(`value="${offerId}" checked`));
    expect(html).toContain(`name="packId" value="${pack.id}"`);

    const response = await post(
      navigator,
      `${PATH}/ny`,
      fieldsOf(
        baseForm({
          title: "Besöksnäringen i Nora",
          sniCodes: "55, 56",
          themes: ["sales-export"],
          surveyId: `pack:${pack.id}`,
          packId: pack.id,
        }),
      ),
    );
    expect(response.status, await response.clone().text()).toBe(303);
    const row = await meetingRow(slugOf(response));
    expect(row.pack_id).toBe(pack.id);
    expect(row.sni_codes).toEqual(["55", "56"]);
    expect(row.survey_id).not.toBe(templateSurveyId);
    const copy = await testDb.db
      .selectFrom("surveys")
      .select(["organisation_id", "kind"])
      .where("id", "=", row.survey_id!)
      .executeTakeFirstOrThrow();
    expect(copy).toEqual({ organisation_id: nora, kind: "needs" });
    const shown = await (await page(navigator, `${PATH}/${row.slug}`)).text();
    expect(shown).toContain("Besöksnäring");
    expect(shown).toContain("Företagslån från Almi");
  });
});

describe("running a meeting", () => {
  let slug: string;
  const emails = ["staff-a@traff.test", "staff-b@traff.test"];

  it("publishes, and a new time sends each registrant a calendar update with a higher SEQUENCE", async () => {
    slug = await createViaForm({ title: "Digital omställning i Nora" });
    const published = await post(navigator, `${PATH}/${slug}/publicera`, {});
    expect(published.status).toBe(303);
    expect(await (await follow(navigator, published)).text()).toContain("Träffen är publicerad");
    expect((await meetingRow(slug)).status).toBe("published");
    for (const [i, email] of emails.entries()) {
      await register(
        testDb.db,
        slug,
        { ...registrationFor(`staff-${i}`), email },
        {
          settings: MAIL_SETTINGS,
          locale: "sv",
          meta: SYSTEM,
        },
      );
    }
    const meeting = await getManagedMeeting(testDb.db, slug, CLI_ACTOR);
    const moved = await post(
      navigator,
      `${PATH}/${slug}/redigera`,
      fieldsOf({ ...meetingForm(meeting), time: "13:30" }),
    );
    expect(moved.status, await moved.clone().text()).toBe(303);
    expect(await (await follow(navigator, moved)).text()).toContain("uppdaterad kalenderinbjudan");
    for (const email of emails) {
      const mails = await mailsTo(testDb.db, email);
      expect(mails).toHaveLength(2);
      const [invite, update] = [icsOf(mails[0]!), icsOf(mails[1]!)];
      expect(update.uid).toBe(invite.uid);
      expect(update.sequence).toBeGreaterThan(invite.sequence);
      expect(update.localStart.endsWith("T13:30:00")).toBe(true);
    }
  });

  it("marks attendance and the meeting held: the follow-up goes out once to those who came", async () => {
    // The meeting has started (moved into the past directly: the form would tell everyone).
    await testDb.db
      .updateTable("meetings")
      .set({ starts_at: new Date(Date.now() - 2 * 3_600_000) })
      .where("slug", "=", slug)
      .execute();
    const regs = await testDb.db
      .selectFrom("meeting_registrations")
      .innerJoin("meetings", "meetings.id", "meeting_registrations.meeting_id")
      .select(["meeting_registrations.id", "meeting_registrations.email"])
      .where("meetings.slug", "=", slug)
      .execute();
    const id = (email: string) => regs.find((r) => r.email === email)!.id;
    const came = { [`attended.${id(emails[0]!)}`]: "yes", [`attended.${id(emails[1]!)}`]: "no" };
    const marked = await post(navigator, `${PATH}/${slug}/narvaro`, came);
    expect(marked.status).toBe(303);
    expect(await (await follow(navigator, marked)).text()).toContain("Närvaron är sparad.");

    const held = await post(navigator, `${PATH}/${slug}/genomford`, {});
    expect(held.status).toBe(303);
    expect(await (await follow(navigator, held)).text()).toContain("1 uppföljningsenkäter skickades");
    expect(await mailsTo(testDb.db, emails[0]!)).toHaveLength(3);
    expect(await mailsTo(testDb.db, emails[1]!)).toHaveLength(2);

    // Again, and the same attendance again: nothing more is sent.
    expect((await post(navigator, `${PATH}/${slug}/genomford`, {})).status).toBe(303);
    expect((await post(navigator, `${PATH}/${slug}/narvaro`, came)).status).toBe(303);
    expect(await mailsTo(testDb.db, emails[0]!)).toHaveLength(3);
    expect(await mailsTo(testDb.db, emails[1]!)).toHaveLength(2);

    // An answer to the follow-up shows on the page with its questions, for the navigator.
    const row = await meetingRow(slug);
    const campaign = await getCampaign(testDb.db, row.followup_campaign_id!);
    const submission = validSubmission(freshOrgNumber());
    await submitResponse(
      testDb.db,
      {
        campaignSlug: campaign.slug,
        ...submission,
        company: { ...submission.company, name: "Nora Gjuteri AB" },
      },
      { actor: ANONYMOUS },
    );
    const html = await (await page(navigator, `${PATH}/${slug}`)).text();
    expect(html).toContain("Genomförd");
    expect(html).toContain("Skickad till 1 deltagare");
    expect(html).toContain("Nora Gjuteri AB");
    expect(html).toContain('<dt>Något mer?</dt><dd class="lots-prewrap">Tack för träffen i Nora.</dd>');
    // The needs the answer became, with theme, urgency and company.
    expect(html).toMatch(/<td>Finansiering och likviditet<\/td><td>Nu<\/td><td>Nora Gjuteri AB<\/td>/);
    expect(html).toContain("staff-a@traff.test");
    // The org admin runs the meeting but does not read answers one by one.
    const adminHtml = await (await page(orgAdmin, `${PATH}/${slug}`)).text();
    expect(adminHtml).toContain("Din roll kan inte se enskilda enkätsvar.");
    expect(adminHtml).not.toContain("Tack för träffen i Nora.");
  });

  it("clones with the agenda, speakers and survey, to another municipality and date", async () => {
    const form = await page(navigator, `${PATH}/${slug}/klona`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain("Klona till en annan kommun eller bransch");
    expect(html).toContain("09.15 Finansiering med Almi");
    expect(html).toContain('value="Karin Almisson"');
    expect(html).toContain('id="meeting-date" name="date" type="date" value=""');
    const source = await getManagedMeeting(testDb.db, slug, CLI_ACTOR);
    const response = await post(
      navigator,
      `${PATH}/${slug}/klona`,
      fieldsOf({
        ...meetingForm(source),
        municipalityCode: "1885",
        date: futureDay(40),
        registrationDeadline: "",
      }),
    );
    expect(response.status, await response.clone().text()).toBe(303);
    const clone = await getManagedMeeting(testDb.db, slugOf(response), CLI_ACTOR);
    expect(clone.status).toBe("draft");
    expect(clone.clonedFromId).toBe(source.id);
    expect(clone.municipalityCode).toBe("1885");
    expect(clone.agenda).toBe(source.agenda);
    expect(clone.speakers.map((s) => s.name)).toEqual(["Karin Almisson"]);
    expect(clone.surveyId).toBe(source.surveyId);
  });

  it("cancels only with the confirmation ticked", async () => {
    const other = await createViaForm({ title: "Träff som ställs in" });
    await post(navigator, `${PATH}/${other}/publicera`, {});
    const missing = await post(navigator, `${PATH}/${other}/installa`, {});
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("Kryssa i rutan");
    expect((await meetingRow(other)).status).toBe("published");
    const cancelled = await post(navigator, `${PATH}/${other}/installa`, { confirm: "yes" });
    expect(cancelled.status).toBe(303);
    expect((await meetingRow(other)).status).toBe("cancelled");
  });
});

describe("who may use the pages", () => {
  it("lists the organisation's meetings for its navigator", async () => {
    const response = await page(navigator, PATH);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Ny träff");
    expect(html).toContain("Digital omställning i Nora");
  });

  it("answers 404 to a navigator of another organisation and 403 to an advisor", async () => {
    const slug = (
      await testDb.db
        .selectFrom("meetings")
        .select("slug")
        .where("organisation_id", "=", nora)
        .executeTakeFirstOrThrow()
    ).slug;
    expect((await page(otherNavigator, `${PATH}/${slug}`)).status).toBe(404);
    expect((await post(otherNavigator, `${PATH}/${slug}/publicera`, {})).status).toBe(404);
    expect((await page(otherNavigator, PATH)).status).toBe(200);
    expect(await (await page(otherNavigator, PATH)).text()).not.toContain("Digital omställning i Nora");
    expect((await page(advisor, PATH)).status).toBe(403);
    expect((await page(advisor, `${PATH}/ny`)).status).toBe(403);
    expect((await page(advisor, `${PATH}/${slug}`)).status).toBe(403);
  });
});
