import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import {
  checkCompanyIntake,
  getCompany,
  listContacts,
  registerOrAttachCompany,
} from "./companies.intake.service.ts";
import { issueCompanyLink, renewCompanyLink, verifyCompanyLink } from "./companies.links.service.ts";

let testDb: TestDb;
let orgId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  orgId = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
});
afterAll(async () => {
  await testDb?.close();
});

const staff = { kind: "staff", source: "navigator", userId: null } as const;
const intake = { kind: "company", source: "survey" } as const;

describe("register or attach a company", () => {
  it("attaches a second intake, never overwriting staff-curated fields, and returns every difference", async () => {
    const orgNumber = freshOrgNumber();
    const first = await registerOrAttachCompany(
      testDb.db,
      { orgNumber, name: "Nora Gjuteri AB", sizeBand: "20-49", municipalityCode: "1884" },
      staff,
    );
    expect(first.created).toBe(true);
    expect(first.company.curatedFields.sort()).toEqual(["municipalityCode", "name", "sizeBand"]);

    const second = await registerOrAttachCompany(
      testDb.db,
      {
        orgNumber: orgNumber.replace("-", ""),
        name: "Gjuteriet i Nora",
        sizeBand: "10-19",
        postalCode: "71331",
        foundedYear: 1952,
      },
      intake,
    );
    expect(second.created).toBe(false);
    expect(second.company.id).toBe(first.company.id);
    expect(second.differences).toEqual(
      expect.arrayContaining([
        { field: "name", stored: "Nora Gjuteri AB", submitted: "Gjuteriet i Nora", outcome: "kept-curated" },
        { field: "sizeBand", stored: "20-49", submitted: "10-19", outcome: "kept-curated" },
        { field: "postalCode", stored: null, submitted: "71331", outcome: "filled" },
        { field: "foundedYear", stored: null, submitted: 1952, outcome: "filled" },
      ]),
    );
    // municipalityCode: the postal code's municipality is the curated one, so it is no difference.
    expect(second.differences).toHaveLength(4);
    const stored = await getCompany(testDb.db, first.company.id);
    expect(stored).toMatchObject({
      name: "Nora Gjuteri AB",
      sizeBand: "20-49",
      postalCode: "71331",
      foundedYear: 1952,
    });

    // An uncurated value the company gave before is updated by its newer answer.
    const third = await registerOrAttachCompany(
      testDb.db,
      { orgNumber, name: "Nora Gjuteri AB", foundedYear: 1953 },
      intake,
    );
    expect(third.differences).toEqual([
      { field: "foundedYear", stored: 1952, submitted: 1953, outcome: "updated" },
    ]);
  });

  it("attaches a survey answer for a known company and reuses its contact person", async () => {
    const { campaign } = await publishedSurvey(testDb.db, orgId);
    const orgNumber = freshOrgNumber();
    await registerOrAttachCompany(testDb.db, { orgNumber, name: "Kurlandet AB", sizeBand: "50-99" }, staff);
    const body = validSubmission(orgNumber);
    const first = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...body },
      { actor: ANONYMOUS },
    );
    expect(first.companyCreated).toBe(false);
    expect(first.differences?.find((d) => d.field === "sizeBand")).toMatchObject({ outcome: "kept-curated" });
    await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...body, answers: { ...body.answers, outlook: 2 } },
      { actor: ANONYMOUS },
    );
    expect(await listContacts(testDb.db, first.company!.id)).toHaveLength(1);
  });

  it("refuses bad details with messages per field", async () => {
    try {
      await registerOrAttachCompany(
        testDb.db,
        { orgNumber: "5560360794", name: "X", foundedYear: 3000 },
        staff,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FieldValidationError);
      expect(Object.keys((error as FieldValidationError).fields).sort()).toEqual([
        "company.foundedYear",
        "company.name",
        "company.orgNumber",
      ]);
    }
  });

  it("checks municipality, size band and SNI codes against the reference lists", async () => {
    const check = (company: Record<string, unknown>) =>
      checkCompanyIntake(testDb.db, { orgNumber: freshOrgNumber(), name: "Koder AB", ...company });
    const bad = await check({ municipalityCode: "1899", sizeBand: "7-8", sniCodes: ["25620", "00123"] });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.ok ? {} : bad.errors).sort()).toEqual([
      "company.municipalityCode",
      "company.sizeBand",
      "company.sniCodes",
    ]);
    // The codes are loaded once per database handle; a second check gives the same answers.
    const good = await check({ municipalityCode: "1884", sizeBand: "10-19", sniCodes: ["25620", "10710"] });
    expect(good.ok && good.company.values).toMatchObject({ municipalityCode: "1884", sizeBand: "10-19" });
  });
});

describe("private company links", () => {
  it("issues an unguessable, hashed, expiring link that can be renewed", async () => {
    const { company } = await registerOrAttachCompany(
      testDb.db,
      { orgNumber: freshOrgNumber(), name: "Länk AB" },
      staff,
    );
    const issued = await issueCompanyLink(testDb.db, company.id, { createdByLabel: "test" });
    expect(Buffer.from(issued.token, "base64url")).toHaveLength(32);
    const stored = await testDb.db
      .selectFrom("company_links")
      .selectAll()
      .where("id", "=", issued.linkId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(issued.token);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await verifyCompanyLink(testDb.db, issued.token)).toMatchObject({
      kind: "valid",
      companyId: company.id,
    });
    const later = new Date(issued.expiresAt.getTime() + 1_000);
    expect((await verifyCompanyLink(testDb.db, issued.token, later)).kind).toBe("expired");

    const renewed = await renewCompanyLink(testDb.db, issued.token, later);
    expect(renewed.token).not.toBe(issued.token);
    expect((await verifyCompanyLink(testDb.db, renewed.token, later)).kind).toBe("valid");
    await expect(verifyCompanyLink(testDb.db, issued.token, later)).rejects.toThrow(AppError);
    await expect(verifyCompanyLink(testDb.db, "x".repeat(43))).rejects.toThrow(/does not work/);
  });
});
