import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { exportCompany } from "#src/features/gdpr/gdpr.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole, csrfFieldFrom, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { listPendingDifferences } from "./companies.differences.service.ts";
import { importCompanyRegister } from "./companies.import.ts";
import { getCompany } from "./companies.intake.service.ts";
import { registerCompanyAsStaff } from "./companies.register.service.ts";

// Issue 5: a second intake never overwrites what staff curated without showing the difference. The company
// page says "the company said X, you have Y"; a navigator accepts the company's value or keeps theirs.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgId: string;
let campaignSlug: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  campaignSlug = (await publishedSurvey(testDb.db, orgId)).campaign.slug;
});
afterAll(async () => {
  await testDb?.close();
});

async function companyAnswers(orgNumber: string, name: string, sizeBand: string) {
  const submission = validSubmission(orgNumber);
  await submitResponse(
    testDb.db,
    { campaignSlug, ...submission, company: { ...submission.company, name, sizeBand } },
    { actor: ANONYMOUS },
  );
}

describe("differences between a company's intake and curated details", () => {
  it("shows them on the company page and resolves them, audited", async () => {
    const orgNumber = freshOrgNumber();
    const { company } = await registerCompanyAsStaff(
      testDb.db,
      { orgNumber, name: "Nora Gjuteri AB", sizeBand: "20-49" },
      { actor: CLI_ACTOR },
    );
    await companyAnswers(orgNumber, "Gjuteriet i Nora", "10-19");
    // A later intake replaces the pending value instead of piling up.
    await companyAnswers(orgNumber, "Gjuteriet i Nora AB", "10-19");
    const pending = await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR });
    expect(pending.map((d) => [d.field, d.stored, d.submitted])).toEqual([
      ["name", "Nora Gjuteri AB", "Gjuteriet i Nora AB"],
      ["sizeBand", "20-49", "10-19"],
    ]);
    expect(await getCompany(testDb.db, company.id)).toMatchObject({
      name: "Nora Gjuteri AB",
      sizeBand: "20-49",
    });

    const { email } = await createUserWithRole(testDb.db, orgId, "navigator");
    const nav = await signIn(app, testDb.db, { email });
    const html = await (
      await app.request(`/admin/foretag/${company.id}`, { headers: { cookie: nav.cookie } })
    ).text();
    expect(html).toContain("Namn: företaget uppgav Gjuteriet i Nora AB");
    expect(html).toContain("ni har Nora Gjuteri AB.");
    expect(html).toContain("Storlek: företaget uppgav 10-19");

    const resolve = (differenceId: string, choice: string) =>
      app.request(`/admin/foretag/skillnader/${differenceId}`, {
        method: "POST",
        headers: { cookie: nav.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: csrfFieldFrom(html), choice }),
      });
    const [name, size] = pending;
    const accepted = await resolve(name!.id, "accept");
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get("location")).toBe(`/admin/foretag/${company.id}`);
    expect((await resolve(size!.id, "keep")).status).toBe(303);
    expect((await resolve(size!.id, "keep")).status).toBe(409);
    const after = await getCompany(testDb.db, company.id);
    expect(after).toMatchObject({ name: "Gjuteriet i Nora AB", sizeBand: "20-49" });
    expect(after.curatedFields).toContain("name");
    expect(await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR })).toEqual([]);
    // A new disagreement waits again; an intake that then agrees with the curated value clears it.
    await companyAnswers(orgNumber, "Gjuteriet i Nora AB", "50-99");
    expect(
      (await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR })).map((d) => d.field),
    ).toEqual(["sizeBand"]);
    await companyAnswers(orgNumber, "Gjuteriet i Nora AB", "20-49");
    expect(await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR })).toEqual([]);
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select("details")
      .where("record_type", "=", "company")
      .where("record_id", "=", company.id)
      .where("action", "=", "update")
      .execute();
    expect(audit.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([
        { difference: "name", resolution: "accepted" },
        { difference: "sizeBand", resolution: "kept" },
      ]),
    );
    // The company's export holds what it said, and what was decided.
    const exported = await exportCompany(testDb.db, company.id, { actor: CLI_ACTOR });
    expect(exported.differences.map((d) => [d.field, d.submitted, d.resolution])).toEqual(
      expect.arrayContaining([
        ["name", "Gjuteriet i Nora AB", "accepted"],
        ["sizeBand", "10-19", "kept"],
      ]),
    );
    // An analyst may not resolve anything.
    const { email: analystEmail } = await createUserWithRole(testDb.db, orgId, "analyst");
    const analyst = await signIn(app, testDb.db, { email: analystEmail });
    const page = await app.request("/konto", { headers: { cookie: analyst.cookie } });
    const refused = await app.request(`/admin/foretag/skillnader/${name!.id}`, {
      method: "POST",
      headers: { cookie: analyst.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrfFieldFrom(await page.text()), choice: "keep" }),
    });
    expect(refused.status).toBe(403);
  });

  it("shows the business register's differences (lots companies import) and resolves them", async () => {
    const orgNumber = freshOrgNumber();
    const { company } = await registerCompanyAsStaff(
      testDb.db,
      { orgNumber, name: "Lotsens Gjuteri AB", municipalityCode: "1884" },
      { actor: CLI_ACTOR },
    );
    const file = `PeOrgNr;Företagsnamn;Säteskommun\n${orgNumber.replace("-", "")};Registrets Gjuteri AB;1884\n`;
    const report = await importCompanyRegister(testDb.db, Readable.from([file]));
    expect(report).toMatchObject({ updated: 0, unchanged: 1, differences: 1 });
    const [pending] = await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR });
    expect(pending).toMatchObject({
      field: "name",
      stored: "Lotsens Gjuteri AB",
      submitted: "Registrets Gjuteri AB",
      source: "register",
    });

    const { email } = await createUserWithRole(testDb.db, orgId, "navigator");
    const nav = await signIn(app, testDb.db, { email });
    const page = (lang: string) =>
      app.request(`/admin/foretag/${company.id}`, {
        headers: { cookie: `${nav.cookie}; lots_lang=${lang}` },
      });
    const html = await (await page("sv")).text();
    expect(html).toContain("Namn: Företagsregistret (SCB) anger Registrets Gjuteri AB (import ");
    expect(html).toContain("ni har Lotsens Gjuteri AB.");
    expect(html).toContain("Använd registrets uppgift");
    const english = await (await page("en")).text();
    expect(english).toContain("Name: the business register (SCB) gives Registrets Gjuteri AB (import ");
    expect(english).toContain("Use the register&#39;s value");

    const accepted = await app.request(`/admin/foretag/skillnader/${pending!.id}`, {
      method: "POST",
      headers: { cookie: nav.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrfFieldFrom(html), choice: "accept" }),
    });
    expect(accepted.status).toBe(303);
    expect(await getCompany(testDb.db, company.id)).toMatchObject({ name: "Registrets Gjuteri AB" });
    expect(await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR })).toEqual([]);
    // The notice comes back in a cookie for the page the redirect leads to.
    const notice = (accepted.headers.get("set-cookie") ?? "").split(";")[0];
    const after = await app.request(`/admin/foretag/${company.id}`, {
      headers: { cookie: `${nav.cookie}; ${notice}` },
    });
    expect(await after.text()).toContain("Den nya uppgiften används nu och är bekräftad.");
  });
});
