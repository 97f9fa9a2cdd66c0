import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedSurvey } from "#tests/support/intake-fixtures.ts";
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
import { getVersion, listVersions } from "./surveys.service.ts";

// Issue 5, must-show 5 through the staff pages: editing a published survey saves a draft that becomes the
// next version when published; the published version itself never changes. Rounds get a public link.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

async function navigator() {
  const { email } = await createUserWithRole(testDb.db, orgId, "navigator");
  return signIn(app, testDb.db, { email });
}

function postForm(cookie: string, path: string, body: URLSearchParams) {
  return app.request(path, {
    method: "POST",
    body,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("/admin/enkater", () => {
  it("edits a published survey into a new version and leaves the published one as it was", async () => {
    const { survey, version: v1 } = await publishedSurvey(testDb.db, orgId);
    const nav = await navigator();
    const list = await (await app.request("/admin/enkater", { headers: { cookie: nav.cookie } })).text();
    expect(list).toContain(`/admin/enkater/${survey.id}`);

    const editor = await app.request(`/admin/enkater/${survey.id}/redigera`, {
      headers: { cookie: nav.cookie },
    });
    const html = await editor.text();
    expect(editor.status).toBe(200);
    // Send the editor form back as a browser would, with one question reworded and a yes/no question added.
    const fields = new URLSearchParams();
    for (const match of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
      const tag = match[0];
      if (/type="checkbox"/.test(tag) && !/checked/.test(tag)) continue;
      fields.append(
        match[1]!,
        match[2]!
          .replaceAll("&quot;", '"')
          .replaceAll("&amp;", "&")
          .replaceAll("&lt;", "<")
          .replaceAll("&gt;", ">")
          .replaceAll("&#39;", "'"),
      );
    }
    fields.set("q.0.label.sv", "Vilket stöd söker ni nu?");
    fields.set("new.type", "yes-no");
    fields.set("new.label", "Har ni exporterat förut?");
    fields.set("new.themes", "sales-export");
    fields.set("_csrf", csrfFieldFrom(html));
    const saved = await postForm(nav.cookie, `/admin/enkater/${survey.id}/redigera`, fields);
    expect(saved.status).toBe(303);

    const versions = await listVersions(testDb.db, survey.id);
    expect(versions.map((v) => [v.version, v.publishedAt !== null])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(versions[0]!.questions[0]!.label.sv).toBe("Vilket stöd söker ni nu?");
    expect(versions[0]!.questions.at(-1)).toMatchObject({ type: "yes-no", themesIfYes: ["sales-export"] });
    expect((await getVersion(testDb.db, v1.id)).questions[0]!.label.sv).toBe("Vad behöver ni hjälp med?");

    const page = await app.request(`/admin/enkater/${survey.id}`, {
      headers: { cookie: `${nav.cookie}; ${cookieHeader(cookiesFrom(saved))}` },
    });
    const pageHtml = await page.text();
    expect(pageHtml).toContain("Utkastet är sparat");
    const published = await postForm(
      nav.cookie,
      `/admin/enkater/${survey.id}/publicera`,
      new URLSearchParams({ _csrf: csrfFieldFrom(pageHtml) }),
    );
    expect(published.status).toBe(303);
    const after = await listVersions(testDb.db, survey.id);
    expect(after.every((v) => v.publishedAt !== null)).toBe(true);
    expect((await getVersion(testDb.db, v1.id)).questions[0]!.label.sv).toBe("Vad behöver ni hjälp med?");
  });

  it("refuses an editor form that breaks the question model, keeping the published version", async () => {
    const { survey } = await publishedSurvey(testDb.db, orgId);
    const nav = await navigator();
    const editor = await app.request(`/admin/enkater/${survey.id}/redigera`, {
      headers: { cookie: nav.cookie },
    });
    const html = await editor.text();
    const base = html
      .match(/name="base" value="([^"]+)"/)![1]!
      .replaceAll("&quot;", '"')
      .replaceAll("&amp;", "&");
    const response = await postForm(
      nav.cookie,
      `/admin/enkater/${survey.id}/redigera`,
      new URLSearchParams({ _csrf: csrfFieldFrom(html), base, titleSv: "" }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Utkastet kunde inte sparas");
    expect((await listVersions(testDb.db, survey.id)).map((v) => v.version)).toEqual([1]);
  });

  it("creates a round with its public link, and says so when the address is taken", async () => {
    const { survey, campaign } = await publishedSurvey(testDb.db, orgId);
    const nav = await navigator();
    const form = await app.request(`/admin/enkater/${survey.id}/omgangar/ny`, {
      headers: { cookie: nav.cookie },
    });
    const csrf = csrfFieldFrom(await form.text());
    const fields = {
      _csrf: csrf,
      name: "Nora våren 2027",
      scopeKind: "municipality",
      municipalityCodes: "1884",
      opensAt: "2027-03-01",
      closesAt: "2027-06-01",
      recurrence: "",
    };
    const created = await postForm(
      nav.cookie,
      `/admin/enkater/${survey.id}/omgangar/ny`,
      new URLSearchParams({ ...fields, slug: "nora-varen-2027" }),
    );
    expect(created.status).toBe(303);
    const page = await (
      await app.request(`/admin/enkater/${survey.id}`, { headers: { cookie: nav.cookie } })
    ).text();
    expect(page).toContain("/behov/nora-varen-2027");
    // Each round has a QR code of its public link; decoding is the library's job, its presence and alt ours.
    const qr = page.match(
      /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="QR-kod till [^"]*\/behov\/nora-varen-2027"/,
    );
    expect(qr).not.toBeNull();
    expect(Buffer.from(qr![1]!, "base64").toString("utf8")).toMatch(/^<svg[^>]*viewBox/);
    const taken = await postForm(
      nav.cookie,
      `/admin/enkater/${survey.id}/omgangar/ny`,
      new URLSearchParams({ ...fields, slug: campaign.slug }),
    );
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("Adressen används redan");
  });
});
