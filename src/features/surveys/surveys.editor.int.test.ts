import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createUserWithRole, csrfFieldFrom, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { listVersions, publishSurvey } from "./surveys.service.ts";

// The survey editor without JavaScript (issue 5, must-show 5): a new survey, questions added, moved and
// given options with buttons on one form, published; a published version is shown read-only and editing
// makes the next version. Other organisations' staff and analysts are refused.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgA = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  orgB = await makeOrganisation(testDb.db, "Hällefors kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

async function session(role: "navigator" | "org-admin" | "analyst", organisationId = orgA) {
  const { email } = await createUserWithRole(testDb.db, organisationId, role);
  return (await signIn(app, testDb.db, { email })).cookie;
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** The fields a browser would send from the editor's form (buttons excluded), in document order. */
function formFields(html: string): URLSearchParams {
  const start = html.search(/<form method="post" action="[^"]*\/redigera"/);
  const body = html.slice(start, html.indexOf("</form>", start));
  const fields = new URLSearchParams();
  for (const match of body.matchAll(
    /<input([^>]*)>|<textarea([^>]*)>([^<]*)<\/textarea>|<select([^>]*)>(.*?)<\/select>/gs,
  )) {
    const attrs = match[1] ?? match[2] ?? match[4] ?? "";
    const name = attrs.match(/name="([^"]+)"/)?.[1];
    if (!name) continue;
    if (match[1] !== undefined) {
      if (/type="(checkbox|radio)"/.test(attrs) && !/checked/.test(attrs)) continue;
      fields.append(unescapeHtml(name), unescapeHtml(attrs.match(/value="([^"]*)"/)?.[1] ?? ""));
    } else if (match[2] !== undefined) {
      fields.append(unescapeHtml(name), unescapeHtml(match[3] ?? ""));
    } else {
      const options = [...(match[5] ?? "").matchAll(/<option value="([^"]*)"( selected)?/g)];
      const chosen = options.find((o) => o[2]) ?? options[0];
      fields.append(unescapeHtml(name), unescapeHtml(chosen?.[1] ?? ""));
    }
  }
  return fields;
}

async function post(cookie: string, path: string, body: URLSearchParams) {
  return app.request(path, {
    method: "POST",
    body,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("survey editor pages", () => {
  it("creates a survey, builds it with the editor's buttons, publishes it and keeps it read-only", async () => {
    const cookie = await session("org-admin");
    const newForm = await app.request("/admin/enkater/ny", { headers: { cookie } });
    expect(newForm.status).toBe(200);
    const csrf = csrfFieldFrom(await newForm.text());
    const taken = await post(
      cookie,
      "/admin/enkater/ny",
      new URLSearchParams({ _csrf: csrf, organisationId: orgA, name: "", slug: "Inte OK", titleSv: "" }),
    );
    expect(taken.status).toBe(400);
    const refused = await taken.text();
    expect(refused).toContain("Enkäten kunde inte skapas");
    expect(refused).toContain('aria-invalid="true"');
    const created = await post(
      cookie,
      "/admin/enkater/ny",
      new URLSearchParams({
        _csrf: csrf,
        organisationId: orgA,
        name: "Behov i Nora",
        slug: `behov-nora-${Date.now()}`,
        kind: "needs",
        titleSv: "Berätta om era behov",
        question: "Vad behöver ni?",
      }),
    );
    expect(created.status).toBe(303);
    const editorPath = created.headers.get("location")!;
    expect(editorPath).toMatch(/^\/admin\/enkater\/[0-9a-f-]+\/redigera$/);
    const surveyId = editorPath.split("/")[3]!;

    // Add a single-choice question: the form comes back with it (not yet saved) and two blank options.
    let html = await (await app.request(editorPath, { headers: { cookie } })).text();
    expect(html).toContain("Ingen version är publicerad än");
    let fields = formFields(html);
    fields.set("new.type", "single-choice");
    fields.set("new.label", "Behöver ni rekrytera?");
    fields.set("action", "add");
    let response = await post(cookie, editorPath, fields);
    expect(response.status).toBe(200);
    html = await response.text();
    expect(html).toContain("inte sparad");
    expect(html).toContain('value="Behöver ni rekrytera?"');
    expect((await listVersions(testDb.db, surveyId))[0]!.questions).toHaveLength(1);

    // Saving with blank option labels is refused next to the field; the typed texts stay.
    response = await post(cookie, editorPath, formFields(html));
    expect(response.status).toBe(400);
    html = await response.text();
    expect(html).toContain('id="e-q-1-o-0"');
    expect(html).toMatch(/Fråga 2: Ett val: /);
    expect(html).toContain('value="Behöver ni rekrytera?"');

    // Fill the options, move the new question up and save.
    fields = formFields(html);
    fields.set("q.1.option.0.sv", "Ja, nu");
    fields.set("q.1.option.0.themes", "recruitment");
    fields.set("q.1.option.1.sv", "Nej");
    fields.set("action", "up:1");
    html = await (await post(cookie, editorPath, fields)).text();
    fields = formFields(html);
    fields.set("action", "save");
    response = await post(cookie, editorPath, fields);
    expect(response.status).toBe(303);
    const [draft] = await listVersions(testDb.db, surveyId);
    expect(draft!.publishedAt).toBeNull();
    expect(draft!.questions.map((q) => q.label.sv)).toEqual(["Behöver ni rekrytera?", "Vad behöver ni?"]);
    expect(draft!.questions[0]).toMatchObject({
      type: "single-choice",
      options: [{ label: { sv: "Ja, nu" }, themes: ["recruitment"] }, { label: { sv: "Nej" } }],
    });

    // Published, version 1 is read-only; editing again starts version 2 and leaves version 1 alone.
    await publishSurvey(testDb.db, surveyId, { actor: CLI_ACTOR });
    const v1Page = await app.request(`/admin/enkater/${surveyId}/versioner/1`, { headers: { cookie } });
    expect(v1Page.status).toBe(200);
    const v1Html = await v1Page.text();
    expect(v1Html).toContain("kan aldrig ändras");
    expect(v1Html).toContain("version 2");
    expect(v1Html.slice(v1Html.indexOf("<main"))).not.toMatch(/<input|<textarea|<form/);
    html = await (await app.request(editorPath, { headers: { cookie } })).text();
    expect(html).toContain("Du redigerar utkastet version 2. Version 1 är publicerad och ändras aldrig.");
    fields = formFields(html);
    fields.set("action", "remove:0");
    html = await (await post(cookie, editorPath, fields)).text();
    fields = formFields(html);
    fields.set("action", "save");
    expect((await post(cookie, editorPath, fields)).status).toBe(303);
    const versions = await listVersions(testDb.db, surveyId);
    expect(versions.map((v) => [v.version, v.questions.length, v.publishedAt !== null])).toEqual([
      [2, 1, false],
      [1, 2, true],
    ]);
    expect(
      (await app.request(`/admin/enkater/${surveyId}/versioner/3`, { headers: { cookie } })).status,
    ).toBe(404);
  });

  it("refuses analysts and other organisations' staff", async () => {
    const cookie = await session("navigator");
    const form = await app.request("/admin/enkater/ny", { headers: { cookie } });
    const created = await post(
      cookie,
      "/admin/enkater/ny",
      new URLSearchParams({
        _csrf: csrfFieldFrom(await form.text()),
        organisationId: orgA,
        name: "Puls Nora",
        slug: `puls-nora-${Date.now()}`,
        kind: "pulse",
        titleSv: "Pulsen",
        question: "Hur går det?",
      }),
    );
    const surveyId = created.headers.get("location")!.split("/")[3]!;
    const analyst = await session("analyst");
    const other = await session("navigator", orgB);
    for (const path of [
      `/admin/enkater/${surveyId}`,
      `/admin/enkater/${surveyId}/redigera`,
      `/admin/enkater/${surveyId}/versioner/1`,
    ]) {
      expect((await app.request(path, { headers: { cookie: analyst } })).status).toBe(403);
      expect((await app.request(path, { headers: { cookie: other } })).status).toBe(403);
    }
    expect((await app.request("/admin/enkater", { headers: { cookie: analyst } })).status).toBe(403);
    expect((await app.request("/admin/enkater/ny", { headers: { cookie: analyst } })).status).toBe(403);
    // Another organisation's navigator cannot create a survey for this one.
    const otherForm = await app.request("/admin/enkater/ny", { headers: { cookie: other } });
    const foreign = await post(
      other,
      "/admin/enkater/ny",
      new URLSearchParams({
        _csrf: csrfFieldFrom(await otherForm.text()),
        organisationId: orgA,
        name: "Kapad",
        slug: `kapad-${Date.now()}`,
        titleSv: "Kapad",
        question: "Fråga?",
      }),
    );
    expect(foreign.status).toBe(403);
  });
});
