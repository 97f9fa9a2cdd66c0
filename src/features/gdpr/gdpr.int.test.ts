import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countNeedsForStatistics } from "#src/features/needs/needs.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import { eraseCompany, eraseContact, exportCompany, exportContact } from "./gdpr.service.ts";

let testDb: TestDb;
let orgId: string;
let admin: UserActor;
let navigator: UserActor;
let analyst: UserActor;

beforeAll(async () => {
  testDb = await createTestDb();
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  admin = await makeUser(testDb.db, "admin@gdpr.test", [[orgId, "platform-admin"]]);
  navigator = await makeUser(testDb.db, "lots@gdpr.test", [[orgId, "navigator"]]);
  analyst = await makeUser(testDb.db, "analys@gdpr.test", [[orgId, "analyst"]]);
});
afterAll(async () => {
  await testDb?.close();
});

async function answered() {
  const { campaign } = await publishedSurvey(testDb.db, orgId);
  const result = await submitResponse(
    testDb.db,
    { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
  );
  return {
    companyId: result.company!.id,
    contactId: result.response.contactId!,
    responseId: result.response.id,
  };
}

async function auditOf(recordType: string, recordId: string) {
  return testDb.db
    .selectFrom("audit_log")
    .select(["action", "actor_label", "details"])
    .where("record_type", "=", recordType)
    .where("record_id", "=", recordId)
    .execute();
}

describe("GDPR export", () => {
  it("exports everything held about a company and about a contact person, with audit entries", async () => {
    const { companyId, contactId, responseId } = await answered();
    const data = await exportCompany(testDb.db, companyId, { actor: navigator });
    expect(data.company.id).toBe(companyId);
    expect(data.contacts.map((c) => c.email)).toEqual(["anna@nora-mek.test"]);
    expect(data.needs).toHaveLength(5);
    expect(data.responses.map((r) => r.id)).toEqual([responseId]);
    expect(data.consents).toHaveLength(2);
    expect(JSON.stringify(data)).not.toMatch(/token_hash|tokenHash/);
    expect(await auditOf("company", companyId)).toEqual([
      { action: "export", actor_label: "lots@gdpr.test", details: { via: "staff" } },
    ]);

    const person = await exportContact(testDb.db, contactId, { actor: navigator });
    expect(person.contact.name).toBe("Anna Svensson");
    expect(person.responses[0]!.answers.contact).toMatchObject({ email: "anna@nora-mek.test" });
    expect(person.consents).toHaveLength(2);
    expect((await auditOf("contact", contactId)).map((a) => a.action)).toEqual(["export"]);

    // The company itself, through its private link, may export; an analyst may not.
    await exportCompany(testDb.db, companyId, { actor: ANONYMOUS }, { linkCompanyId: companyId });
    await expect(exportCompany(testDb.db, companyId, { actor: analyst })).rejects.toThrow(AppError);
  });
});

describe("GDPR erasure", () => {
  it("erases a contact person: record gone, contact block scrubbed from answers, audited", async () => {
    const { companyId, contactId, responseId } = await answered();
    await expect(eraseContact(testDb.db, contactId, { actor: navigator })).rejects.toThrow(/platform admin/);
    const result = await eraseContact(testDb.db, contactId, { actor: admin });
    expect(result.responsesScrubbed).toBe(1);
    const contacts = await testDb.db
      .selectFrom("company_contacts")
      .select("id")
      .where("company_id", "=", companyId)
      .execute();
    expect(contacts).toEqual([]);
    const response = await testDb.db
      .selectFrom("survey_responses")
      .selectAll()
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow();
    expect(response.contact_id).toBeNull();
    expect(response.answers.contact).toBeUndefined();
    expect(response.answers.other).toBe("Tack för träffen i Nora.");
    expect(JSON.stringify(response.answers)).not.toContain("anna@nora-mek.test");
    const consents = await testDb.db
      .selectFrom("consents")
      .selectAll()
      .where("company_id", "=", companyId)
      .execute();
    expect(consents.every((c) => c.given_by_contact_id === null && c.ended_at === null)).toBe(true);
    expect(await auditOf("contact", contactId)).toEqual([
      { action: "erase", actor_label: "admin@gdpr.test", details: { companyId, responsesScrubbed: 1 } },
    ]);
  });

  it("erases a company but keeps anonymous need counts", async () => {
    const { companyId, responseId } = await answered();
    const countsBefore = await countNeedsForStatistics(testDb.db);
    const needsBefore = await countRows(testDb.db, "needs");
    const result = await eraseCompany(testDb.db, companyId, { actor: admin });
    expect(result).toEqual({ needsKept: 5, responsesScrubbed: 1 });

    expect(
      await testDb.db.selectFrom("companies").select("id").where("id", "=", companyId).execute(),
    ).toEqual([]);
    expect(await countRows(testDb.db, "needs")).toBe(needsBefore);
    const kept = await testDb.db
      .selectFrom("needs")
      .selectAll()
      .where("response_id", "=", responseId)
      .execute();
    expect(kept).toHaveLength(5);
    expect(
      kept.every((n) => n.company_id === null && n.description === "" && n.municipality_code === "1884"),
    ).toBe(true);
    expect(await countNeedsForStatistics(testDb.db)).toEqual(countsBefore);
    const response = await testDb.db
      .selectFrom("survey_responses")
      .selectAll()
      .where("id", "=", responseId)
      .executeTakeFirstOrThrow();
    expect(response.company_id).toBeNull();
    expect(Object.keys(response.answers).sort()).toEqual(["areas", "channels", "energy", "outlook", "staff"]);
    expect(JSON.stringify(response.answers)).not.toContain("rörelsekapital");
    for (const table of ["company_contacts", "consents", "company_links"]) {
      const rows = await testDb.db
        .selectFrom(table as "consents")
        .select("id")
        .where("company_id", "=", companyId)
        .execute();
      expect(rows, table).toEqual([]);
    }
    const audit = await auditOf("company", companyId);
    expect(audit).toEqual([
      {
        action: "erase",
        actor_label: "admin@gdpr.test",
        details: { needsKept: 5, responsesScrubbed: 1, countedInStatistics: true },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain("Nora Mekaniska");
  });
});
