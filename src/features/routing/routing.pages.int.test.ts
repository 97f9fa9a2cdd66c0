import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRoutingRules, listTeamsWithMembers } from "#src/features/routing/routing.service.ts";
import { createUserWithRole, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// The routing page (/admin/lotsning): the platform admin creates teams and rules, moves and deletes rules,
// sets the default team and keeps members; an organisation's admin keeps the members of its own teams
// only; a navigator is refused. Forms are labelled, grouped with legends, and a rejected form comes back
// with 400, its values and its messages.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let nora: string;
let region: string;
let admin: SignedIn;
let noraAdmin: SignedIn;
let navigator: SignedIn;
let navigatorId: string;
let navigatorName: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  nora = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  region = await makeOrganisation(testDb.db, "Region Örebro län", "region");
  const adminUser = await createUserWithRole(testDb.db, region, "platform-admin");
  const orgAdminUser = await createUserWithRole(testDb.db, nora, "org-admin");
  const navigatorUser = await createUserWithRole(testDb.db, nora, "navigator", { name: "Anna Sjöberg" });
  navigatorId = navigatorUser.userId;
  navigatorName = navigatorUser.name;
  admin = await signIn(app, testDb.db, { email: adminUser.email });
  noraAdmin = await signIn(app, testDb.db, { email: orgAdminUser.email });
  navigator = await signIn(app, testDb.db, { email: navigatorUser.email });
});
afterAll(async () => {
  await testDb?.close();
});

const get = (session: SignedIn, path = "/admin/lotsning") =>
  app.request(path, { headers: { cookie: session.cookie } });

const post = (session: SignedIn, path: string, fields: Record<string, string>) =>
  app.request(path, {
    method: "POST",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: session.csrfToken, ...fields }),
  });

const tbody = (html: string) => html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));

async function teamId(name: string): Promise<string> {
  const team = (await listTeamsWithMembers(testDb.db)).find((t) => t.name === name);
  if (!team) throw new Error(`no team ${name}`);
  return team.id;
}

describe("/admin/lotsning as the platform admin", () => {
  it("explains the order of the rules and offers labelled, keyboard-usable forms", async () => {
    const response = await get(admin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(
      "Reglerna prövas uppifrån. Första regel som passar avgör vilket team som får ärendet. Passar ingen regel går ärendet till standardteamet.",
    );
    // Every input and select has a label pointing at it; the checkbox group has a legend.
    const ids = [...html.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toEqual(
      expect.arrayContaining([
        "rule-theme",
        "rule-municipality",
        "rule-section",
        "rule-team",
        "team-organisation",
        "team-name",
        "team-slug",
        "team-email",
        "team-catchall",
      ]),
    );
    for (const id of ids) expect(html, id).toContain(`for="${id}"`);
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>Standardteam<\/legend>/);
    expect(html).toMatch(/<option value="" selected="">Alla<\/option>/);
    expect(html).toContain("C – ");
    // Every form is a plain POST form with the CSRF field and a real submit button.
    const forms = html.match(/<form method="post"/g) ?? [];
    expect(forms.length).toBeGreaterThanOrEqual(2);
    expect((html.match(/name="_csrf"/g) ?? []).length).toBe(forms.length);
    expect(html).toContain('type="submit"');
  });

  it("creates teams; a taken short name or a missing name comes back with 400 and the values kept", async () => {
    const created = await post(admin, "/admin/lotsning/team", {
      organisationId: nora,
      name: "Näringslivsteamet Nora",
      slug: "naringsliv-nora",
      email: "naringsliv@nora.example",
    });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe("/admin/lotsning?klart=team-created");
    const catchAll = await post(admin, "/admin/lotsning/team", {
      organisationId: region,
      name: "Regionens lotsar",
      slug: "regionens-lotsar",
      isCatchAll: "true",
    });
    expect(catchAll.status).toBe(303);

    const page = await (await get(admin, "/admin/lotsning?klart=team-created")).text();
    expect(page).toContain("Teamet är skapat.");
    expect(page).toContain("Näringslivsteamet Nora");
    expect(page).toContain("naringsliv@nora.example");
    expect(page).toContain("Ja, får ärenden som ingen regel passar");
    expect(page).toContain(
      "Passar ingen regel går ärendet till standardteamet: Regionens lotsar (Region Örebro län).",
    );

    const taken = await post(admin, "/admin/lotsning/team", {
      organisationId: nora,
      name: "Ett annat team",
      slug: "naringsliv-nora",
      email: "",
    });
    expect(taken.status).toBe(400);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain("Kortnamnet används redan av ett annat team.");
    expect(takenHtml).toContain('value="Ett annat team"');
    expect(takenHtml).toContain('href="#team-slug"');
    expect(takenHtml).toMatch(
      /id="team-slug"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="team-slug"/,
    );

    const empty = await post(admin, "/admin/lotsning/team", {
      organisationId: nora,
      name: "",
      slug: "nytt-team",
      email: "inte-en-adress",
    });
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('href="#team-name"');
    expect(emptyHtml).toContain('value="nytt-team"');
    expect((await listTeamsWithMembers(testDb.db)).map((t) => t.name).sort()).toEqual([
      "Näringslivsteamet Nora",
      "Regionens lotsar",
    ]);
  });

  it("adds a rule, moves it and deletes it", async () => {
    const noraTeam = await teamId("Näringslivsteamet Nora");
    const regionTeam = await teamId("Regionens lotsar");
    const nearby = await post(admin, "/admin/lotsning/regler", {
      theme: "",
      municipalityCode: "1884",
      sniSection: "",
      teamId: noraTeam,
    });
    expect(nearby.status).toBe(303);
    expect(nearby.headers.get("location")).toBe("/admin/lotsning?klart=rule-created");
    const innovation = await post(admin, "/admin/lotsning/regler", {
      theme: "innovation",
      municipalityCode: "",
      sniSection: "C",
      teamId: regionTeam,
    });
    expect(innovation.status).toBe(303);
    let rules = await listRoutingRules(testDb.db);
    expect(rules.map((r) => [r.municipality_code, r.theme, r.sni_section, r.team_id])).toEqual([
      ["1884", null, null, noraTeam],
      [null, "innovation", "C", regionTeam],
    ]);
    let rows = tbody(await (await get(admin)).text());
    expect(rows).toContain("Nora");
    expect(rows).toContain("alla teman");
    expect(rows).toContain("alla branscher");
    expect(rows).toContain("alla kommuner");
    expect(rows).toContain("C – Tillverkning");
    expect(rows.indexOf("Näringslivsteamet Nora")).toBeLessThan(rows.indexOf("Regionens lotsar"));

    const moved = await post(admin, `/admin/lotsning/regler/${rules[1]!.id}/flytta`, { direction: "up" });
    expect(moved.status).toBe(303);
    rules = await listRoutingRules(testDb.db);
    expect(rules.map((r) => r.theme)).toEqual(["innovation", null]);
    rows = tbody(await (await get(admin, "/admin/lotsning?klart=rule-moved")).text());
    expect(rows.indexOf("Regionens lotsar")).toBeLessThan(rows.indexOf("Näringslivsteamet Nora"));

    const deleted = await post(admin, `/admin/lotsning/regler/${rules[0]!.id}/ta-bort`, {});
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get("location")).toBe("/admin/lotsning?klart=rule-deleted");
    rules = await listRoutingRules(testDb.db);
    expect(rules.map((r) => [r.position, r.municipality_code])).toEqual([[0, "1884"]]);
  });

  it("re-shows a rule with an unknown theme or team with 400 and the choices kept", async () => {
    const noraTeam = await teamId("Näringslivsteamet Nora");
    const unknownTheme = await post(admin, "/admin/lotsning/regler", {
      theme: "astrologi",
      municipalityCode: "1880",
      sniSection: "",
      teamId: noraTeam,
    });
    expect(unknownTheme.status).toBe(400);
    const html = await unknownTheme.text();
    expect(html).toContain("Okänt tema.");
    expect(html).toContain('href="#rule-theme"');
    expect(html).toMatch(/<option value="1880" selected="">/);
    const unknownTeam = await post(admin, "/admin/lotsning/regler", {
      theme: "",
      municipalityCode: "",
      sniSection: "",
      teamId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownTeam.status).toBe(400);
    expect(await unknownTeam.text()).toContain("Välj ett team i listan.");
    expect(await listRoutingRules(testDb.db)).toHaveLength(1);
  });

  it("sets the default team and keeps members", async () => {
    const noraTeam = await teamId("Näringslivsteamet Nora");
    const standard = await post(admin, `/admin/lotsning/team/${noraTeam}/standard`, {});
    expect(standard.status).toBe(303);
    const teams = await listTeamsWithMembers(testDb.db);
    expect(teams.filter((t) => t.is_catch_all).map((t) => t.name)).toEqual(["Näringslivsteamet Nora"]);

    const added = await post(admin, `/admin/lotsning/team/${noraTeam}/medlemmar`, {
      userId: navigatorId,
      action: "add",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/lotsning?klart=member-added");
    const page = await (await get(admin)).text();
    expect(page).toContain(navigatorName);
    expect(page).toContain(
      `Ta bort<span class="ds-sr-only">: ${navigatorName} ur Näringslivsteamet Nora</span>`,
    );

    // Only the organisation's navigators can be added.
    const regionTeam = await teamId("Regionens lotsar");
    const wrong = await post(admin, `/admin/lotsning/team/${regionTeam}/medlemmar`, {
      userId: navigatorId,
      action: "add",
    });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("Välj en lots i listan.");
    expect(wrongHtml).toContain(`href="#member-${regionTeam}"`);

    const removed = await post(admin, `/admin/lotsning/team/${noraTeam}/medlemmar`, {
      userId: navigatorId,
      action: "remove",
    });
    expect(removed.status).toBe(303);
    expect((await listTeamsWithMembers(testDb.db)).find((t) => t.id === noraTeam)?.members).toEqual([]);
  });

  it("refuses a form without the CSRF token", async () => {
    const forged = await app.request("/admin/lotsning/team", {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ organisationId: nora, name: "Falskt", slug: "falskt" }),
    });
    expect(forged.status).toBe(403);
    expect((await listTeamsWithMembers(testDb.db)).some((t) => t.name === "Falskt")).toBe(false);
  });
});

describe("/admin/lotsning for other roles", () => {
  it("refuses a navigator, on the page and on every form", async () => {
    expect((await get(navigator)).status).toBe(403);
    const noraTeam = await teamId("Näringslivsteamet Nora");
    const [rule] = await listRoutingRules(testDb.db);
    const attempts = [
      post(navigator, "/admin/lotsning/team", { organisationId: nora, name: "X", slug: "x" }),
      post(navigator, `/admin/lotsning/team/${noraTeam}/medlemmar`, { userId: navigatorId, action: "add" }),
      post(navigator, `/admin/lotsning/team/${noraTeam}/standard`, {}),
      post(navigator, "/admin/lotsning/regler", { municipalityCode: "1884", teamId: noraTeam }),
      post(navigator, `/admin/lotsning/regler/${rule!.id}/flytta`, { direction: "down" }),
      post(navigator, `/admin/lotsning/regler/${rule!.id}/ta-bort`, {}),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await listRoutingRules(testDb.db)).toHaveLength(1);
  });

  it("sends an anonymous visitor to sign in", async () => {
    const response = await app.request("/admin/lotsning");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/logga-in");
  });

  it("lets an org admin keep the members of its own organisation's teams, and nothing else", async () => {
    const response = await get(noraAdmin);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Näringslivsteamet Nora");
    // A read-only view of the rules, no team or rule forms.
    expect(html).toContain("Reglerna prövas uppifrån.");
    expect(html).not.toContain('action="/admin/lotsning/regler"');
    expect(html).not.toContain('action="/admin/lotsning/team"');
    expect(html).not.toContain("Regionens lotsar</h3>");

    const noraTeam = await teamId("Näringslivsteamet Nora");
    const regionTeam = await teamId("Regionens lotsar");
    const added = await post(noraAdmin, `/admin/lotsning/team/${noraTeam}/medlemmar`, {
      userId: navigatorId,
      action: "add",
    });
    expect(added.status).toBe(303);
    expect((await listTeamsWithMembers(testDb.db)).find((t) => t.id === noraTeam)?.members).toHaveLength(1);
    const otherTeam = await post(noraAdmin, `/admin/lotsning/team/${regionTeam}/medlemmar`, {
      userId: navigatorId,
      action: "add",
    });
    expect(otherTeam.status).toBe(403);
    for (const refused of await Promise.all([
      post(noraAdmin, "/admin/lotsning/regler", { municipalityCode: "1884", teamId: noraTeam }),
      post(noraAdmin, `/admin/lotsning/team/${noraTeam}/standard`, {}),
      post(noraAdmin, "/admin/lotsning/team", { organisationId: nora, name: "Eget", slug: "eget" }),
    ]))
      expect(refused.status).toBe(403);
  });
});
