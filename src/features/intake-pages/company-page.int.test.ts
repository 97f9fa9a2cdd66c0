import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { countsInStatistics, hasReferralConsent } from "#src/features/consent/consent.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import {
  freshOrgNumber,
  NEEDS_SURVEY,
  publishedSurvey,
  validSubmission,
} from "#tests/support/intake-fixtures.ts";
import { cookieHeader, cookiesFrom, csrfFieldFrom } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// Issue 5, must-show 4 from the company's side: the private link opens the company's page; withdrawing
// consent there stops referrals and statistics; the company updates a need, renews the link and downloads
// what is held; every step is in the audit log.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let organisationId: string;
let campaignSlug: string;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  organisationId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  campaignSlug = (await publishedSurvey(testDb.db, organisationId)).campaign.slug;
});
afterAll(async () => {
  await testDb?.close();
});

/** A company that answered the survey, with its private link's token. */
async function answeredCompany() {
  const result = await submitResponse(
    testDb.db,
    { campaignSlug, ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
    { issueLink: true },
  );
  return { companyId: result.company!.id, token: result.link!.token };
}

/** Opens the link as the company would from its mail; returns the cookies of the page. */
async function openLink(token: string) {
  const response = await app.request(`/mitt-foretag?token=${token}`);
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("/mitt-foretag");
  const cookies = cookiesFrom(response);
  const page = await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } });
  for (const [name, value] of cookiesFrom(page)) cookies.set(name, value);
  return { cookies, page, html: await page.text() };
}

async function postAs(
  cookies: Map<string, string>,
  path: string,
  csrf: string,
  fields: Record<string, string>,
) {
  const response = await app.request(path, {
    method: "POST",
    body: new URLSearchParams({ _csrf: csrf, ...fields }),
    headers: { cookie: cookieHeader(cookies), "content-type": "application/x-www-form-urlencoded" },
  });
  for (const [name, value] of cookiesFrom(response)) cookies.set(name, value);
  return response;
}

async function auditActions(companyId: string) {
  const rows = await testDb.db
    .selectFrom("audit_log")
    .select(["action", "record_type"])
    .where((eb) =>
      eb.or([eb("record_id", "=", companyId), eb(eb.ref("details", "->>").key("companyId"), "=", companyId)]),
    )
    .execute();
  return rows.map((r) => `${r.action}:${r.record_type}`);
}

describe("the company's private page: /mitt-foretag", () => {
  it("exchanges the link for a cookie and shows the company's needs and consents", async () => {
    const { token } = await answeredCompany();
    const { page, html, cookies } = await openLink(token);
    expect(page.status).toBe(200);
    expect(html).toContain("Nora Mekaniska AB");
    expect(html).toContain("Finansiering och likviditet");
    expect(html).toContain("samtycke-2026-11");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect([...cookies.keys()]).toContain("lots_company_link");
  });

  it("withdrawing consent stops referrals and statistics, and is audited", async () => {
    const { companyId, token } = await answeredCompany();
    expect(await hasReferralConsent(testDb.db, companyId, organisationId)).toBe(true);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(true);
    const { cookies, html } = await openLink(token);
    const csrf = csrfFieldFrom(html);
    const referral = await postAs(cookies, "/mitt-foretag/samtycke", csrf, {
      kind: "contact-and-referral",
      action: "withdraw",
    });
    expect(referral.status).toBe(303);
    await postAs(cookies, "/mitt-foretag/samtycke", csrf, { kind: "statistics", action: "withdraw" });
    expect(await hasReferralConsent(testDb.db, companyId, organisationId)).toBe(false);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(false);
    const after = await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } });
    const afterHtml = await after.text();
    expect(afterHtml).toContain("Samtycket är återkallat.");
    expect(afterHtml).toContain("Ge samtycke");
    const withdrawals = await testDb.db
      .selectFrom("audit_log")
      .select(["details"])
      .where("action", "=", "withdraw")
      .where("record_type", "=", "consent")
      .execute();
    expect(
      withdrawals.filter((w) => (w.details as { companyId?: string }).companyId === companyId),
    ).toHaveLength(2);

    // Giving it again records the page's wording version.
    await postAs(cookies, "/mitt-foretag/samtycke", csrf, { kind: "statistics", action: "give" });
    expect(await countsInStatistics(testDb.db, companyId)).toBe(true);
  });

  it("marks a need no longer relevant, but only the company's own", async () => {
    const { companyId, token } = await answeredCompany();
    const other = await answeredCompany();
    const { cookies, html } = await openLink(token);
    const csrf = csrfFieldFrom(html);
    const [need] = await testDb.db
      .selectFrom("needs")
      .select("id")
      .where("company_id", "=", companyId)
      .execute();
    const response = await postAs(cookies, `/mitt-foretag/behov/${need!.id}`, csrf, {
      status: "no-longer-relevant",
    });
    expect(response.status).toBe(303);
    const row = await testDb.db
      .selectFrom("needs")
      .select("status")
      .where("id", "=", need!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("no-longer-relevant");
    const [foreign] = await testDb.db
      .selectFrom("needs")
      .select("id")
      .where("company_id", "=", other.companyId)
      .execute();
    const refused = await postAs(cookies, `/mitt-foretag/behov/${foreign!.id}`, csrf, {
      status: "no-longer-relevant",
    });
    expect(refused.status).toBe(404);
  });

  it("downloads everything held about the company as JSON, audited as an export", async () => {
    const { companyId, token } = await answeredCompany();
    const { cookies } = await openLink(token);
    const response = await app.request("/mitt-foretag/export.json", {
      headers: { cookie: cookieHeader(cookies) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const data = (await response.json()) as { company: { id: string }; contacts: { email: string }[] };
    expect(data.company.id).toBe(companyId);
    expect(data.contacts[0]!.email).toBe("anna@nora-mek.test");
    expect(await auditActions(companyId)).toContain("export:company");
  });

  it("renews the link: the new one works, the old one no longer does", async () => {
    const { token } = await answeredCompany();
    const { cookies, html } = await openLink(token);
    const renewed = await postAs(cookies, "/mitt-foretag/forlang", csrfFieldFrom(html), {});
    expect(renewed.status).toBe(303);
    const page = await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Länken är förnyad");
    const old = await app.request(`/mitt-foretag?token=${token}`);
    expect(old.status).toBe(404);
    // The new link is mailed (Swedish, English below) and opens the page.
    const mail = await testDb.db
      .selectFrom("mail_outbox")
      .select("text_body")
      .where("to_address", "=", "anna@nora-mek.test")
      .where("text_body", "like", "%nya personliga länk%")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("In English: Here is your new private link");
    const mailed = mail.text_body.match(/mitt-foretag\?token=([A-Za-z0-9_-]{43})/)?.[1];
    expect(mailed).toBeDefined();
    expect(mailed).not.toBe(token);
    await openLink(mailed!);
  });

  it("adds a need in the company's words; a bad one comes back with messages and nothing stored", async () => {
    const { companyId, token } = await answeredCompany();
    const { cookies, html } = await openLink(token);
    const csrf = csrfFieldFrom(html);
    const count = async () =>
      (await testDb.db.selectFrom("needs").select("id").where("company_id", "=", companyId).execute()).length;
    const before = await count();

    const bad = await postAs(cookies, "/mitt-foretag/behov", csrf, {
      theme: "",
      urgency: "later",
      description: "<script>alert(1)</script> Vi vill exportera.",
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toMatch(/id="f-need-theme-error"[^>]*>Välj ett behovsområde/);
    expect(badHtml).toMatch(/id="f-need-description-error"[^>]*>[^<]*utan HTML/);
    expect(badHtml).toContain('href="#f-need-theme"');
    expect(badHtml).toMatch(/value="later"[^>]*checked|checked[^>]*value="later"/);
    expect(badHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Vi vill exportera.");
    expect(badHtml).not.toContain("<script>alert(1)");
    expect(await count()).toBe(before);

    const good = await postAs(cookies, "/mitt-foretag/behov", csrf, {
      theme: "sales-export",
      urgency: "within-6-months",
      description: "Vi vill börja sälja i Norge.",
    });
    expect(good.status).toBe(303);
    expect(await count()).toBe(before + 1);
    const added = await testDb.db
      .selectFrom("needs")
      .select(["organisation_id", "urgency", "description", "status", "id"])
      .where("company_id", "=", companyId)
      .where("theme", "=", "sales-export")
      .where("description", "!=", "")
      .executeTakeFirstOrThrow();
    expect(added).toMatchObject({
      organisation_id: organisationId,
      urgency: "within-6-months",
      description: "Vi vill börja sälja i Norge.",
      status: "open",
    });
    const page = await app.request("/mitt-foretag", { headers: { cookie: cookieHeader(cookies) } });
    const pageHtml = await page.text();
    expect(pageHtml).toContain("Behovet är tillagt.");
    expect(pageHtml).toContain("Vi vill börja sälja i Norge.");
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_type", "=", "need")
      .where("record_id", "=", added.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("create");
    expect((audit.details as { via?: string }).via).toBe("private-link");
  });

  it("shows everything held as a readable page, with the questions of each answer, audited", async () => {
    const { companyId, token } = await answeredCompany();
    const { cookies } = await openLink(token);
    const response = await app.request("/mitt-foretag/uppgifter", {
      headers: { cookie: cookieHeader(cookies) },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Det nätverket har sparat om Nora Mekaniska AB");
    expect(html).toContain("anna@nora-mek.test");
    expect(html).toContain("Finansiering och likviditet");
    expect(html).toContain(NEEDS_SURVEY.questions.find((q) => q.type === "free-text")!.label.sv);
    expect(html).toContain("samtycke-2026-11");
    expect((await auditActions(companyId)).filter((a) => a === "export:company")).toHaveLength(1);
    const without = await app.request("/mitt-foretag/uppgifter");
    expect(without.status).toBe(404);
  });

  it("explains an unknown or expired link", async () => {
    const unknown = await app.request(`/mitt-foretag?token=${"x".repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Länken fungerar inte");
    const { companyId } = await answeredCompany();
    const expired = await issueCompanyLink(testDb.db, companyId, {
      createdByLabel: "test",
      now: new Date(Date.now() - 200 * 86_400_000),
    });
    const response = await app.request(`/mitt-foretag?token=${expired.token}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Länken har gått ut");
    const noCookie = await app.request("/mitt-foretag");
    expect(noCookie.status).toBe(404);
  });
});
