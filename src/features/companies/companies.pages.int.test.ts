import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
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

// Issue 5, must-show 4 on the staff side: a contact person's data is exported and erased from the company
// page, both in the audit log; the erased person is gone while the company's needs stay. Company text is
// shown as text.

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

async function answered(name = "Nora Mekaniska AB") {
  const submission = validSubmission(freshOrgNumber());
  const result = await submitResponse(
    testDb.db,
    {
      campaignSlug,
      ...submission,
      company: { ...submission.company, name },
    },
    { actor: ANONYMOUS },
  );
  return { companyId: result.company!.id, contactId: result.response.contactId! };
}

async function session(role: "navigator" | "platform-admin" | "analyst", organisationId = orgId) {
  const { email } = await createUserWithRole(testDb.db, organisationId, role);
  return signIn(app, testDb.db, { email });
}

async function audit(action: string, recordType: string, recordId: string) {
  return testDb.db
    .selectFrom("audit_log")
    .select(["action"])
    .where("action", "=", action)
    .where("record_type", "=", recordType)
    .where("record_id", "=", recordId)
    .execute();
}

describe("/admin/foretag", () => {
  it("shows a company with its contacts, needs, consents and answers, its name as text", async () => {
    const { companyId } = await answered("<img src=x onerror=alert(1)> Plåt AB");
    await createOffers(testDb.db, [
      {
        organisationId: orgId,
        slug: "foretagslan-foreslag",
        name: "Företagslån för förslagstestet",
        summary: "Lån till investeringar.",
        description: "Ett lån till maskiner och rörelsekapital.",
        formats: ["loan"],
        themes: ["financing"],
        costType: "loan",
      },
    ]);
    const nav = await session("navigator");
    const response = await app.request(`/admin/foretag/${companyId}`, { headers: { cookie: nav.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    // The matching service's ranking for the company's open needs, with reasons.
    const suggestions = html.slice(html.indexOf('id="company-suggestions"'));
    expect(suggestions).toContain("Förslag på erbjudanden");
    expect(suggestions).toContain("Företagslån för förslagstestet");
    expect(suggestions).toContain("Svarar på");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt; Plåt AB");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("Anna Svensson");
    expect(html).toContain("Finansiering och likviditet");
    expect(html).toContain("samtycke-2026-11");
    expect(html).toContain("version 1");
    // Navigators export; only the platform admin erases.
    expect(html).not.toContain("/radera");
    expect(
      (await app.request(`/admin/foretag/${companyId}/radera`, { headers: { cookie: nav.cookie } })).status,
    ).toBe(403);
    expect(
      (await app.request("/admin/foretag/inte-ett-id", { headers: { cookie: nav.cookie } })).status,
    ).toBe(404);
  });

  it("shows each answer with its own version's questions, markup in free text as text", async () => {
    const script = "<script>alert(1)</script>";
    const img = "<img src=x onerror=alert(1)>";
    // The form refuses markup in free text; the page must still never render stored markup (older data,
    // imports), so the answer gets the markup directly in the database.
    const { companyId } = await answered(`Nora Svets AB ${script}`);
    const stored = await testDb.db
      .selectFrom("survey_responses")
      .select(["id", "answers"])
      .where("company_id", "=", companyId)
      .executeTakeFirstOrThrow();
    const answers = {
      ...(stored.answers as Record<string, unknown>),
      other: `Hjälp ${script} och ${img} tack`,
    };
    await testDb.db
      .updateTable("survey_responses")
      .set({ answers: JSON.stringify(answers) })
      .where("id", "=", stored.id)
      .execute();
    const nav = await session("navigator");
    const html = await (
      await app.request(`/admin/foretag/${companyId}`, { headers: { cookie: nav.cookie } })
    ).text();
    expect(html).toContain("Vad behöver ni hjälp med?");
    expect(html).toContain("Något mer?");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain(script);
    expect(html).not.toContain("<img src=x");
    // Answering on the company's behalf goes through the round's public form.
    expect(html).toContain(`href="/behov/${campaignSlug}"`);
    // Each answer read on the page is in the log.
    const reads = await testDb.db
      .selectFrom("audit_log")
      .select("id")
      .where("record_type", "=", "survey-response")
      .where("action", "=", "read")
      .execute();
    expect(reads.length).toBeGreaterThan(0);
  });

  it("hides sole traders' personal identity numbers in the list; refuses analysts", async () => {
    const nine = "800101123";
    const personal = `${nine}${luhnCheckDigit(nine)}`;
    await submitResponse(
      testDb.db,
      { campaignSlug, ...validSubmission(`${personal.slice(0, 6)}-${personal.slice(6)}`) },
      { actor: ANONYMOUS },
    );
    const nav = await session("navigator");
    const list = await (
      await app.request(`/admin/foretag?q=${personal}`, { headers: { cookie: nav.cookie } })
    ).text();
    expect(list).toContain("Enskild firma (personnummer, visas på företagssidan)");
    expect(list).not.toContain(`${personal.slice(0, 6)}-${personal.slice(6)}`);
    const analyst = await session("analyst");
    expect((await app.request("/admin/foretag", { headers: { cookie: analyst.cookie } })).status).toBe(403);
    const { companyId } = await answered();
    expect(
      (await app.request(`/admin/foretag/${companyId}`, { headers: { cookie: analyst.cookie } })).status,
    ).toBe(403);
    expect(
      (await app.request(`/admin/foretag/${companyId}/export`, { headers: { cookie: analyst.cookie } }))
        .status,
    ).toBe(403);
  });

  it("shows the company's export as a readable page, audited", async () => {
    const { companyId, contactId } = await answered("Nora Trä <b>AB</b>");
    const nav = await session("navigator");
    const page = await app.request(`/admin/foretag/${companyId}/export`, { headers: { cookie: nav.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Registerutdrag: Nora Trä &lt;b&gt;AB&lt;/b&gt;");
    expect(html).toContain("anna@nora-mek.test");
    expect(html).toContain("Kontaktpersoner");
    expect(html).toContain("samtycke-2026-11");
    expect(html).not.toContain("<b>AB</b>");
    expect(await audit("export", "company", companyId)).toHaveLength(1);
    const contactPage = await app.request(`/admin/foretag/kontakter/${contactId}/export`, {
      headers: { cookie: nav.cookie },
    });
    expect(contactPage.status).toBe(200);
    expect(await contactPage.text()).toContain("Anna Svensson");
    expect(await audit("export", "contact", contactId)).toHaveLength(1);
  });

  it("exports a contact person as JSON, audited", async () => {
    const { contactId } = await answered();
    const nav = await session("navigator");
    const response = await app.request(`/admin/foretag/kontakter/${contactId}/export.json`, {
      headers: { cookie: nav.cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const data = (await response.json()) as { contact: { email: string }; responses: unknown[] };
    expect(data.contact.email).toBe("anna@nora-mek.test");
    expect(data.responses).toHaveLength(1);
    expect(await audit("export", "contact", contactId)).toHaveLength(1);
  });

  it("erases a contact person after confirmation, audited; the company's needs stay", async () => {
    const { companyId, contactId } = await answered();
    const admin = await session("platform-admin");
    const confirm = await app.request(`/admin/foretag/kontakter/${contactId}/radera`, {
      headers: { cookie: admin.cookie },
    });
    expect(confirm.status).toBe(200);
    const erased = await app.request(`/admin/foretag/kontakter/${contactId}/radera`, {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrfFieldFrom(await confirm.text()) }),
    });
    expect(erased.status).toBe(303);
    expect(
      await testDb.db.selectFrom("company_contacts").select("id").where("id", "=", contactId).execute(),
    ).toEqual([]);
    const answers = await testDb.db
      .selectFrom("survey_responses")
      .select("answers")
      .where("company_id", "=", companyId)
      .execute();
    expect(JSON.stringify(answers)).not.toContain("anna@nora-mek.test");
    const needs = await testDb.db
      .selectFrom("needs")
      .select("theme")
      .where("company_id", "=", companyId)
      .execute();
    expect(needs.length).toBeGreaterThan(0);
    expect(await audit("erase", "contact", contactId)).toHaveLength(1);
    const page = await app.request(`/admin/foretag/${companyId}`, {
      headers: { cookie: `${admin.cookie}; ${cookieHeader(cookiesFrom(erased))}` },
    });
    const html = await page.text();
    expect(html).toContain("Kontaktpersonen är raderad.");
    expect(html).not.toContain("Anna Svensson");
  });
});
