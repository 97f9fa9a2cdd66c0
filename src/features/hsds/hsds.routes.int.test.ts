import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { createUserWithRole, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { countRows, createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import { exportHsdsDocument } from "./hsds.service.ts";

// The public HSDS read API (paginated envelope, only public offers) and the platform admin's upload page.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
/** Ids of the offers the public may see: active and within their validity dates. */
let publicIds: string[];
let hiddenId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  await seedDemoData(testDb.db);
  const today = new Date().toISOString().slice(0, 10);
  const rows = await testDb.db
    .selectFrom("offers")
    .select(["id", "status", "valid_from", "valid_to"])
    .execute();
  const day = (value: unknown) =>
    value === null ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  const isPublic = (r: (typeof rows)[number]) =>
    r.status === "active" &&
    (day(r.valid_from) === null || day(r.valid_from)! <= today) &&
    (day(r.valid_to) === null || day(r.valid_to)! >= today);
  publicIds = rows.filter(isPublic).map((r) => r.id);
  hiddenId = rows.find((r) => !isPublic(r))!.id;
});
afterAll(async () => {
  await testDb?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the assertions check the shape
async function getJson(path: string): Promise<{ status: number; type: string | null; body: any }> {
  const response = await app.request(path);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe(`HSDS read API (${testDbKind()})`, () => {
  it("describes itself at /hsds/ and serves the profile", async () => {
    const { status, body } = await getJson("/hsds/");
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: "3.0", profile: expect.stringMatching(/\/hsds\/profile$/) });
    const profile = await app.request("/hsds/profile");
    expect(profile.headers.get("content-type")).toMatch(/text\/markdown/);
    expect(await profile.text()).toContain("urn:scb:kommun:");
  });

  it("pages the public services in HSDS's envelope", async () => {
    expect(publicIds.length).toBeGreaterThan(5);
    const first = await getJson("/hsds/services?per_page=5");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      total_items: publicIds.length,
      total_pages: Math.ceil(publicIds.length / 5),
      page_number: 1,
      size: 5,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(first.body.contents).toHaveLength(5);
    // The list form has only one-to-one fields; full=true nests everything.
    expect(first.body.contents[0]).not.toHaveProperty("attributes");
    const pages = first.body.total_pages;
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const { body } = await getJson(`/hsds/services?per_page=5&page=${page}&full=true`);
      expect(body.last_page).toBe(page === pages);
      for (const service of body.contents) {
        expect(service.attributes.length).toBeGreaterThan(0);
        expect(service.status).toBe("active");
        seen.push(service.id);
      }
    }
    expect(seen.sort()).toEqual([...publicIds].sort());
    const beyond = await getJson(`/hsds/services?per_page=5&page=${pages + 1}`);
    expect(beyond.body).toMatchObject({
      empty: true,
      size: 0,
      contents: [],
      last_page: true,
      first_page: false,
    });
    expect((await getJson("/hsds/services?per_page=500")).status).toBe(400);
  });

  it("filters services by organization and taxonomy term, and finds them by text", async () => {
    const document = await exportHsdsDocument(testDb.db);
    const organization = document.organizations.find((o) =>
      o.services.some((s) => publicIds.includes(s.id)),
    )!;
    const own = await getJson(`/hsds/services?organization_id=${organization.id}`);
    expect(own.body.total_items).toBe(organization.services.filter((s) => publicIds.includes(s.id)).length);
    expect(
      own.body.contents.every((s: { organization_id: string }) => s.organization_id === organization.id),
    ).toBe(true);
    const terms = await getJson("/hsds/taxonomy_terms?taxonomy_id=lots-offer-formats&per_page=50");
    const thesis = terms.body.contents.find((t: { code: string }) => t.code === "thesis");
    const byTerm = await getJson(`/hsds/services?taxonomy_term_id=${thesis.id}&full=true`);
    expect(byTerm.body.total_items).toBeGreaterThan(0);
    for (const service of byTerm.body.contents) {
      expect(service.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id)).toContain(
        thesis.id,
      );
    }
    const found = await getJson("/hsds/services?search=exjobb");
    expect(found.body.total_items).toBeGreaterThan(0);
  });

  it("shows a public service in full and hides the others as not found", async () => {
    const shown = await getJson(`/hsds/services/${publicIds[0]}`);
    expect(shown.status).toBe(200);
    expect(shown.body.id).toBe(publicIds[0]);
    expect(shown.body.cost_options.length).toBeGreaterThan(0);
    for (const id of [hiddenId, "00000000-0000-4000-8000-000000000000", "inte-ett-id"]) {
      const hidden = await getJson(`/hsds/services/${id}`);
      expect(hidden.status, id).toBe(404);
      expect(hidden.type).toMatch(/application\/problem\+json/);
    }
  });

  it("lists organizations and shows one with only its public services", async () => {
    const list = await getJson("/hsds/organizations");
    expect(list.body).toMatchObject({
      total_items: await countRows(testDb.db, "organisations"),
      page_number: 1,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const hiddenOwner = await testDb.db
      .selectFrom("offers")
      .select("organisation_id")
      .where("id", "=", hiddenId)
      .executeTakeFirstOrThrow();
    const one = await getJson(`/hsds/organizations/${hiddenOwner.organisation_id}`);
    expect(one.status).toBe(200);
    const ids = one.body.services.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(hiddenId);
    expect(ids.every((id: string) => publicIds.includes(id))).toBe(true);
    expect((await getJson("/hsds/organizations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("lists the profile's taxonomies and their terms", async () => {
    const taxonomies = await getJson("/hsds/taxonomies");
    expect(taxonomies.body.contents.map((t: { name: string }) => t.name)).toEqual([
      "lots-need-themes",
      "lots-offer-formats",
      "sni2007",
      "scb-size-bands",
      "lots-fields",
    ]);
    const themes = await getJson("/hsds/taxonomy_terms?taxonomy_id=lots-need-themes");
    expect(themes.body.total_items).toBe(await countRows(testDb.db, "need_themes"));
    expect(themes.body.contents.map((t: { code: string }) => t.code)).toContain("financing");
    const byId = await getJson(
      `/hsds/taxonomy_terms?taxonomy_id=${taxonomies.body.contents[2].id}&per_page=50`,
    );
    expect(
      byId.body.contents.every((t: { taxonomy: { name: string } }) => t.taxonomy.name === "sni2007"),
    ).toBe(true);
  });
});

describe(`HSDS admin page (${testDbKind()})`, () => {
  async function upload(headers: Record<string, string>, text: string, fields: Record<string, string>) {
    const body = new FormData();
    body.set("file", new File([text], "katalog.json", { type: "application/json" }));
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    return app.request("/admin/hsds", { method: "POST", body, headers });
  }

  it("lets the platform admin check and import a document and download the export; refuses others", async () => {
    const orgId = (await testDb.db.selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
    const admin = await createUserWithRole(testDb.db, orgId, "platform-admin");
    const { headers } = await signIn(app, testDb.db, { email: admin.email });

    const page = await app.request("/admin/hsds", { headers });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('enctype="multipart/form-data"');

    const exported = await app.request("/admin/hsds/export", { headers });
    expect(exported.headers.get("content-disposition")).toMatch(/attachment; filename="lots-hsds-/);
    // biome-ignore lint/suspicious/noExplicitAny: the test edits the document freely
    const document: any = await exported.json();
    expect(document).toEqual(await exportHsdsDocument(testDb.db));

    const broken = structuredClone(document);
    broken.organizations[0].services[0].attributes[0].taxonomy_term.code = "finans";
    const before = await countRows(testDb.db, "offer_history");
    const check = await upload(headers, JSON.stringify(broken), { mode: "import" });
    const html = await check.text();
    expect(check.status).toBe(200);
    expect(html).toContain(
      "organizations[0].services[0].attributes[0]</code>: unknown theme &quot;finans&quot;",
    );
    expect(html).toContain("Ingenting har sparats.");
    expect(await countRows(testDb.db, "offer_history")).toBe(before);

    const name = `${document.organizations[0].services[1].name} – uppdaterad`;
    broken.organizations[0].services[1].name = name;
    const partial = await upload(headers, JSON.stringify(broken), { mode: "import", skipInvalid: "yes" });
    expect(await partial.text()).toContain("Importerat:");
    const renamed = await testDb.db
      .selectFrom("offers")
      .select("name")
      .where("id", "=", broken.organizations[0].services[1].id)
      .executeTakeFirstOrThrow();
    expect(renamed.name).toBe(name);

    const advisor = await createUserWithRole(testDb.db, orgId, "org-admin");
    const other = await signIn(app, testDb.db, { email: advisor.email });
    expect((await app.request("/admin/hsds", { headers: other.headers })).status).toBe(403);
    expect((await upload(other.headers, "{}", { mode: "check" })).status).toBe(403);
    expect((await app.request("/admin/hsds/export", { headers: other.headers })).status).toBe(403);
  });
});
