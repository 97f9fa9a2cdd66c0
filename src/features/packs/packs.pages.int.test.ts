import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { listCampaigns } from "#src/features/surveys/surveys.service.ts";
import { publishedSurvey } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole, csrfFieldFrom, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { packsPages } from "./packs.pages.tsx";
import { createPack, getPack } from "./packs.service.ts";

// The industry pack pages through HTTP as a browser uses them: an org admin creates a pack (a wrong form
// comes back with each message beside its field and what was typed kept), views it with names for every
// code, and a navigator starts a survey round from it.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let region: string;
let nora: string;
let templateId: string;
let offerId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  // Mounted here until src/app.ts mounts the pages; a second mount of the same routes changes nothing.
  if (!app.routes.some((r) => r.path === "/admin/paket")) app.route("/", packsPages());
  region = await makeOrganisation(testDb.db, "Region Sidor", "region");
  nora = await makeOrganisation(testDb.db, "Nora Sidor", "municipality");
  templateId = (await publishedSurvey(testDb.db, region)).survey.id;
  const [offer] = await createOffers(testDb.db, [
    {
      organisationId: region,
      slug: `sidpaket-${randomUUID().slice(0, 8)}`,
      name: "Rekryteringsstöd för säsongen",
      summary: "Hjälp att hitta personal.",
      description: "Finns för att paketet ska ha något att lyfta fram.",
      formats: ["advice"],
      themes: ["recruitment"],
      costType: "free",
    },
  ]);
  offerId = offer!.id;
});
afterAll(async () => {
  await testDb?.close();
});

async function as(role: "org-admin" | "navigator" | "analyst", organisationId = nora): Promise<SignedIn> {
  const { email } = await createUserWithRole(testDb.db, organisationId, role);
  return signIn(app, testDb.db, { email });
}

function post(who: SignedIn, path: string, fields: [string, string][]) {
  return app.request(path, {
    method: "POST",
    body: new URLSearchParams([...fields, ["_csrf", who.csrfToken]]),
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("/admin/paket", () => {
  it("creates a pack from the form, with errors beside the fields first", async () => {
    const admin = await as("org-admin");
    const form = await app.request("/admin/paket/ny", { headers: { cookie: admin.cookie } });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<label class="ds-label" for="p-sniCodes">');
    expect(html).toContain("Rekryteringsstöd för säsongen");
    csrfFieldFrom(html);

    const slug = `besok-${randomUUID().slice(0, 8)}`;
    const fields: [string, string][] = [
      ["nameSv", "Besöksnäring"],
      ["slug", slug],
      ["descriptionSv", "Hotell och restauranger."],
      ["sniCodes", "55, 56, 04"],
      ["themes", "recruitment"],
      ["surveyId", templateId],
      ["offerIds", offerId],
    ];
    const wrong = await post(admin, "/admin/paket/ny", fields);
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain('id="p-sniCodes-error"');
    expect(wrongHtml).toContain("Finns inte i SNI 2007: 04.");
    expect(wrongHtml).toContain('value="55, 56, 04"');
    expect(wrongHtml).toMatch(/value="recruitment" checked/);

    const saved = await post(
      admin,
      "/admin/paket/ny",
      fields.map(([k, v]) => [k, k === "sniCodes" ? "55 56 79" : v]),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/admin/paket/${slug}`);
    expect((await getPack(testDb.db, slug)).sniCodes).toEqual(["55", "56", "79"]);

    const page = await (
      await app.request(`/admin/paket/${slug}`, { headers: { cookie: admin.cookie } })
    ).text();
    expect(page).toContain("Hotell- och logiverksamhet");
    expect(page).toContain("Kompetensförsörjning och rekrytering");
    expect(page).toContain("Rekryteringsstöd för säsongen");
    expect(page).toContain("Region Sidor");
    expect(page).toContain(`href="/admin/traffar/ny?paket=${slug}"`);
    expect(page).toContain(`/admin/paket/${slug}/redigera`);

    const edit = await app.request(`/admin/paket/${slug}/redigera`, { headers: { cookie: admin.cookie } });
    expect(edit.status).toBe(200);
    const renamed = await post(
      admin,
      `/admin/paket/${slug}/redigera`,
      fields.map(([k, v]) => [k, k === "sniCodes" ? "55" : k === "nameSv" ? "Besöksnäringen" : v]),
    );
    expect(renamed.status).toBe(303);
    expect((await getPack(testDb.db, slug)).nameSv).toBe("Besöksnäringen");
  });

  it("lets a navigator view packs and start a survey round, not create packs", async () => {
    const pack = await createPack(
      testDb.db,
      {
        slug: `bygg-${randomUUID().slice(0, 8)}`,
        nameSv: "Bygg",
        descriptionSv: "Byggföretag.",
        sniCodes: ["41", "42", "43"],
        themes: ["recruitment"],
        surveyId: templateId,
        offerIds: [],
      },
      { actor: CLI_ACTOR },
    );
    const navigator = await as("navigator");
    expect((await app.request("/admin/paket", { headers: { cookie: navigator.cookie } })).status).toBe(200);
    expect((await app.request("/admin/paket/ny", { headers: { cookie: navigator.cookie } })).status).toBe(
      403,
    );
    const page = await app.request(`/admin/paket/${pack.slug}`, { headers: { cookie: navigator.cookie } });
    const html = await page.text();
    expect(html).toContain("Starta en enkätomgång från paketet");
    expect(html).not.toContain(`/admin/paket/${pack.slug}/redigera`);

    const roundSlug = `bygg-nora-${randomUUID().slice(0, 8)}`;
    const round: [string, string][] = [
      ["organisationId", nora],
      ["name", "Bygg i Nora"],
      ["slug", roundSlug],
      ["municipalityCodes", "1884"],
      ["opensAt", "2026-03-01"],
      ["closesAt", "2026-02-01"],
    ];
    const wrong = await post(navigator, `/admin/paket/${pack.slug}/enkatomgang`, round);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('id="c-closesAt-error"');
    const started = await post(
      navigator,
      `/admin/paket/${pack.slug}/enkatomgang`,
      round.map(([k, v]) => [k, k === "closesAt" ? "2026-06-01" : v]),
    );
    expect(started.status).toBe(303);
    const surveyId = started.headers.get("location")!.split("/").at(-1)!;
    const [campaign] = await listCampaigns(testDb.db, surveyId);
    expect(campaign).toMatchObject({ slug: roundSlug, scopeKind: "industry", sniCodes: ["41", "42", "43"] });
    expect(campaign!.organisationId).toBe(nora);
  });

  it("refuses analysts", async () => {
    const analyst = await as("analyst");
    expect((await app.request("/admin/paket", { headers: { cookie: analyst.cookie } })).status).toBe(403);
  });
});
