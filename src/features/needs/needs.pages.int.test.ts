import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { editSurvey, publishSurvey, updateVersion } from "#src/features/surveys/surveys.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import {
  freshOrgNumber,
  NEEDS_SURVEY,
  publishedSurvey,
  validSubmission,
} from "#tests/support/intake-fixtures.ts";
import { createUserWithRole, csrfFieldFrom, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// The navigators' needs pages: the needs appear with their themes for the receiving organisation only; a
// company's text is shown as text, never as markup (issue 5, must-show 2); an answer is shown with the
// questions of its own survey version even after the survey changed (must-show 5).

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgA: string;
let orgB: string;
let survey: Awaited<ReturnType<typeof publishedSurvey>>;
let responseV1: string;
const SCRIPT_NAME = "<script>alert(1)</script> Verkstad AB";

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgA = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  orgB = await makeOrganisation(testDb.db, "Lindesbergs kommun", "municipality");
  survey = await publishedSurvey(testDb.db, orgA);
  const submission = validSubmission(freshOrgNumber());
  const result = await submitResponse(
    testDb.db,
    {
      campaignSlug: survey.campaign.slug,
      ...submission,
      company: { ...submission.company, name: SCRIPT_NAME },
    },
    { actor: ANONYMOUS },
  );
  responseV1 = result.response.id;
  // Version 2 asks the first question differently; the old answer keeps version 1's wording.
  const draft = await editSurvey(
    testDb.db,
    survey.survey.id,
    {
      ...NEEDS_SURVEY,
      questions: NEEDS_SURVEY.questions.map((q) =>
        q.id === "areas" ? { ...q, label: { sv: "Vilket stöd söker ni nu?" } } : q,
      ),
    },
    { actor: CLI_ACTOR },
  );
  expect(draft.version).toBe(2);
  await publishSurvey(testDb.db, survey.survey.id, { actor: CLI_ACTOR });
});
afterAll(async () => {
  await testDb?.close();
});

async function pageAs(role: "navigator" | "analyst", organisationId: string, path: string) {
  const { email } = await createUserWithRole(testDb.db, organisationId, role);
  const session = await signIn(app, testDb.db, { email });
  return app.request(path, { headers: { cookie: session.cookie } });
}

describe("/admin/behov", () => {
  it("shows the organisation's needs with their themes to its navigators, escaping the company's text", async () => {
    const response = await pageAs("navigator", orgA, "/admin/behov");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Finansiering och likviditet");
    expect(html).toContain("Digitalisering");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Verkstad AB");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Vi behöver rörelsekapital.");
  });

  it("filters by theme", async () => {
    const html = await (await pageAs("navigator", orgA, "/admin/behov?theme=recruitment")).text();
    const rows = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    expect(rows).toContain("Kompetensförsörjning och rekrytering");
    expect(rows).not.toContain("Finansiering och likviditet");
  });

  it("filters by urgency and status, links the company, and changes a need's status", async () => {
    const { email } = await createUserWithRole(testDb.db, orgA, "navigator");
    const session = await signIn(app, testDb.db, { email });
    const get = async (path: string) =>
      (await app.request(path, { headers: { cookie: session.cookie } })).text();
    const rowsOf = (html: string) => html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    const later = rowsOf(await get("/admin/behov?urgency=later"));
    expect(later).toContain("Digitalisering");
    expect(later).not.toContain("Finansiering och likviditet");
    expect(later).toMatch(/<a class="ds-link" href="\/admin\/foretag\/[0-9a-f-]{36}">/);
    const html = await get("/admin/behov?theme=financing&status=open");
    const needId = html.match(/action="\/admin\/behov\/([0-9a-f-]{36})\/status"/)![1]!;
    const changed = await app.request(`/admin/behov/${needId}/status`, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: csrfFieldFrom(html),
        status: "met",
        return: "/admin/behov?theme=financing",
      }),
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get("location")).toBe("/admin/behov?theme=financing");
    expect(rowsOf(await get("/admin/behov?theme=financing&status=open"))).not.toContain("Finansiering");
    expect(rowsOf(await get("/admin/behov?theme=financing&status=met"))).toContain("Finansiering");
    // Without the form's CSRF token the change is refused.
    const forged = await app.request(`/admin/behov/${needId}/status`, {
      method: "POST",
      headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ status: "open" }),
    });
    expect(forged.status).toBe(403);
  });

  it("shows another organisation's navigator none of them, and refuses an analyst", async () => {
    const other = await (await pageAs("navigator", orgB, "/admin/behov")).text();
    expect(other).not.toContain("Verkstad AB");
    expect((await pageAs("analyst", orgA, "/admin/behov")).status).toBe(403);
  });

  it("shows an answer with its own version's questions after the survey changed", async () => {
    const response = await pageAs("navigator", orgA, `/admin/behov/svar/${responseV1}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Vad behöver ni hjälp med?");
    expect(html).not.toContain("Vilket stöd söker ni nu?");
    expect(html).toContain("version 1");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect((await pageAs("navigator", orgB, `/admin/behov/svar/${responseV1}`)).status).toBe(403);
  });

  it("never changes a published version: editing it is refused", async () => {
    await expect(
      updateVersion(testDb.db, survey.version.id, NEEDS_SURVEY, { actor: CLI_ACTOR }),
    ).rejects.toThrow(/published survey version cannot change/);
  });
});
