import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { listNeedsOfCompany } from "#src/features/needs/needs.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import {
  freshOrgNumber,
  NEEDS_SURVEY,
  publishedSurvey,
  validSubmission,
} from "#tests/support/intake-fixtures.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { getResponseWithQuestions, submitResponse } from "./surveys.responses.service.ts";
import { editSurvey, getVersion, publishSurvey, updateVersion } from "./surveys.service.ts";

let testDb: TestDb;
let orgId: string;
const company = { actor: ANONYMOUS };
const system = { actor: CLI_ACTOR };

beforeAll(async () => {
  testDb = await createTestDb();
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

async function responsesOf(surveyId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from survey_responses where survey_id = ${surveyId}`.execute(testDb.db);
  return rows[0]!.n;
}

describe("submitting a survey answer", () => {
  it("creates the company, contact, needs with their themes, consents, a private link and an audit entry", async () => {
    const { campaign, version } = await publishedSurvey(testDb.db, orgId);
    const orgNumber = freshOrgNumber();
    const result = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...validSubmission(orgNumber) },
      company,
      { issueLink: true },
    );
    expect(result.replayed).toBe(false);
    expect(result.companyCreated).toBe(true);
    expect(result.company).toMatchObject({
      municipalityCode: "1884",
      postalCode: "71331",
      sniCodes: ["25620"],
    });
    expect(result.response.surveyVersionId).toBe(version.id);
    expect(result.response.submittedBy).toBe("company");
    expect(result.link?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const needs = await listNeedsOfCompany(testDb.db, result.company!.id);
    const byTheme = Object.fromEntries(needs.map((n) => [n.theme, n]));
    expect(Object.keys(byTheme).sort()).toEqual(
      ["digitalisation", "financing", "recruitment", "sales-export", "sustainability"].sort(),
    );
    expect(byTheme.financing).toMatchObject({
      urgency: "now",
      description: "Vi behöver rörelsekapital.",
      source: "survey",
    });
    expect(byTheme.recruitment!.urgency).toBe("now");
    expect(needs.every((n) => n.organisationId === orgId && n.status === "open")).toBe(true);

    const audit = await testDb.db
      .selectFrom("audit_log")
      .selectAll()
      .where("record_type", "=", "survey-response")
      .where("record_id", "=", result.response.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ needs: 5, companyCreated: true, linkIssued: true });
    const consents = await testDb.db
      .selectFrom("consents")
      .selectAll()
      .where("company_id", "=", result.company!.id)
      .execute();
    expect(consents.map((c) => c.kind).sort()).toEqual(["contact-and-referral", "statistics"]);
    expect(consents.every((c) => c.wording_version === "samtycke-2026-11" && c.ended_at === null)).toBe(true);
    const links = await testDb.db.selectFrom("company_links").selectAll().execute();
    expect(links.some((l) => l.token_hash === result.link!.token)).toBe(false);
  });

  it("stores one answer for 20 parallel submissions with one idempotency key, returning the first", async () => {
    const { survey, campaign } = await publishedSurvey(testDb.db, orgId);
    const body = {
      campaignSlug: campaign.slug,
      ...validSubmission(freshOrgNumber()),
      idempotencyKey: "dubbelklick-1",
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submitResponse(testDb.db, body, company)),
    );
    expect(new Set(results.map((r) => r.response.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await responsesOf(survey.id)).toBe(1);
    const companyId = results[0]!.response.companyId!;
    expect(await listNeedsOfCompany(testDb.db, companyId)).toHaveLength(5);
    const audits = await testDb.db
      .selectFrom("audit_log")
      .select("id")
      .where("record_type", "=", "survey-response")
      .where("record_id", "=", results[0]!.response.id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("stores one answer when the same body is sent twice without a key, and refuses a reused key with another body", async () => {
    const { survey, campaign } = await publishedSurvey(testDb.db, orgId);
    const body = { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) };
    const first = await submitResponse(testDb.db, body, company);
    const second = await submitResponse(testDb.db, structuredClone(body), company);
    expect(second.replayed).toBe(true);
    expect(second.response.id).toBe(first.response.id);
    expect(await responsesOf(survey.id)).toBe(1);

    const keyed = { ...body, idempotencyKey: "nyckel-2" };
    await submitResponse(testDb.db, keyed, company);
    const changed = { ...keyed, answers: { ...keyed.answers, outlook: 2 } };
    expect((await rejection(submitResponse(testDb.db, changed, company))).code).toBe("CONFLICT");
    expect(await responsesOf(survey.id)).toBe(2);
  });

  it("reports every invalid field at once, in Swedish and English, and stores nothing", async () => {
    const { campaign } = await publishedSurvey(testDb.db, orgId);
    const before = await countRows(testDb.db, "survey_responses");
    const companiesBefore = await countRows(testDb.db, "companies");
    const error = await rejection(
      submitResponse(
        testDb.db,
        {
          campaignSlug: campaign.slug,
          company: { orgNumber: "556036-0794", name: "Fel AB", postalCode: "99999" },
          answers: {
            areas: [],
            other: "x".repeat(10_000),
            channels: ["mars"],
            contact: { name: "Eva", email: "inte-en-adress" },
            unknown: "?",
          },
        },
        company,
      ),
    );
    expect(error).toBeInstanceOf(FieldValidationError);
    const fields = (error as FieldValidationError).fields;
    expect(Object.keys(fields).sort()).toEqual(
      [
        "answers.areas",
        "answers.channels",
        "answers.contact.email",
        "answers.other",
        "answers.unknown",
        "company.orgNumber",
        "company.postalCode",
      ].sort(),
    );
    expect(fields["answers.areas"]).toEqual({ sv: "Svara på frågan.", en: "Please answer this question." });
    expect(fields["answers.other"]!.sv).toMatch(/högst 5000/);
    expect(fields["company.orgNumber"]!.sv).toMatch(/kontrollsiffran/);
    expect(await countRows(testDb.db, "survey_responses")).toBe(before);
    expect(await countRows(testDb.db, "companies")).toBe(companiesBefore);
  });

  it("refuses HTML or script in free text with a message next to the field", async () => {
    const { campaign } = await publishedSurvey(testDb.db, orgId);
    const body = validSubmission(freshOrgNumber());
    const error = await rejection(
      submitResponse(
        testDb.db,
        {
          campaignSlug: campaign.slug,
          ...body,
          answers: { ...body.answers, other: "<script>alert(1)</script>" },
        },
        company,
      ),
    );
    expect((error as FieldValidationError).fields["answers.other"]!.sv).toMatch(/HTML/);
    // Plain "<" in ordinary writing is fine.
    const ok = await submitResponse(
      testDb.db,
      {
        campaignSlug: campaign.slug,
        ...body,
        answers: { ...body.answers, other: "Vi är < 10 anställda & växer" },
      },
      company,
    );
    expect(ok.response.answers.other).toBe("Vi är < 10 anställda & växer");
  });

  it("takes anonymous answers only through an open campaign", async () => {
    const { survey } = await publishedSurvey(testDb.db, orgId);
    const error = await rejection(
      submitResponse(testDb.db, { surveyId: survey.id, ...validSubmission(freshOrgNumber()) }, company),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("survey versions", () => {
  it("never changes a published version: the service refuses and so does the database", async () => {
    const { version } = await publishedSurvey(testDb.db, orgId);
    const error = await rejection(
      updateVersion(testDb.db, version.id, { ...NEEDS_SURVEY, titleSv: "Ändrad" }, system),
    );
    expect(error.code).toBe("CONFLICT");
    await expect(
      sql`update survey_versions set title_sv = 'Ändrad' where id = ${version.id}`.execute(testDb.db),
    ).rejects.toThrow(/published and cannot change/);
    await expect(
      sql`delete from survey_versions where id = ${version.id}`.execute(testDb.db),
    ).rejects.toThrow(/published and cannot change/);
    expect((await getVersion(testDb.db, version.id)).titleSv).toBe(NEEDS_SURVEY.titleSv);
  });

  it("editing starts a new version, and old answers keep their own questions", async () => {
    const { survey, campaign, version: v1 } = await publishedSurvey(testDb.db, orgId);
    const old = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
      company,
    );

    const renamed = {
      ...NEEDS_SURVEY,
      questions: NEEDS_SURVEY.questions.map((q) =>
        q.id === "outlook" ? { ...q, id: "outlook-2027", label: { sv: "Hur ser ni på nästa år?" } } : q,
      ),
    };
    const draft = await editSurvey(testDb.db, survey.id, renamed, system);
    expect(draft.version).toBe(2);
    expect(draft.publishedAt).toBeNull();
    // A draft may change until it is published.
    await updateVersion(testDb.db, draft.id, renamed, system);
    const v2 = await publishSurvey(testDb.db, survey.id, system);
    expect(v2.id).toBe(draft.id);

    const body = validSubmission(freshOrgNumber());
    const { outlook: _, ...answers } = body.answers;
    const fresh = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...body, answers: { ...answers, "outlook-2027": 5 } },
      company,
    );
    expect(fresh.response.surveyVersionId).toBe(v2.id);
    // The old question id is refused by the new version...
    const stale = await rejection(
      submitResponse(
        testDb.db,
        { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
        company,
      ),
    );
    expect(Object.keys((stale as FieldValidationError).fields)).toEqual(["answers.outlook"]);
    // ...but a form shown with version 1 may still be sent against it.
    const late = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, versionId: v1.id, ...validSubmission(freshOrgNumber()) },
      company,
    );
    expect(late.response.version).toBe(1);

    const shown = await getResponseWithQuestions(testDb.db, old.response.id, system);
    expect(shown.version.id).toBe(v1.id);
    expect(shown.version.questions.map((q) => q.id)).toContain("outlook");
    expect(shown.response.answers.outlook).toBe(4);
  });
});
