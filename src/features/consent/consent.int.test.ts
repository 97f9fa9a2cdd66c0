import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { countNeedsForStatistics } from "#src/features/needs/needs.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import {
  countsInStatistics,
  hasReferralConsent,
  listConsents,
  recordConsent,
  withdrawConsent,
} from "./consent.service.ts";

let testDb: TestDb;
let nora: string;
let almi: string;
let science: string;

beforeAll(async () => {
  testDb = await createTestDb();
  nora = await makeOrganisation(testDb.db, "Nora kommun", "municipality");
  almi = await makeOrganisation(testDb.db, "Almi", "business-finance");
  science = await makeOrganisation(testDb.db, "Science Park");
});
afterAll(async () => {
  await testDb?.close();
});

describe("consent", () => {
  it("withdrawal stops referrals and removes the company from later statistics, with audit entries", async () => {
    const { campaign } = await publishedSurvey(testDb.db, nora);
    const { company } = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
      { actor: ANONYMOUS },
    );
    const companyId = company!.id;
    expect(await hasReferralConsent(testDb.db, companyId, almi)).toBe(true);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(true);
    const before = await countNeedsForStatistics(testDb.db);
    expect(before.financing).toBe(1);

    const link = { actor: ANONYMOUS, via: "private-link" as const };
    expect(await withdrawConsent(testDb.db, companyId, "contact-and-referral", link)).toBe(true);
    expect(await hasReferralConsent(testDb.db, companyId, almi)).toBe(false);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(true);

    expect(await withdrawConsent(testDb.db, companyId, "statistics", link)).toBe(true);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(false);
    expect((await countNeedsForStatistics(testDb.db)).financing).toBeUndefined();
    // Nothing left to withdraw.
    expect(await withdrawConsent(testDb.db, companyId, "statistics", link)).toBe(false);

    const history = await listConsents(testDb.db, companyId);
    expect(history.every((c) => c.endReason === "withdrawn" && c.endedAt !== null)).toBe(true);
    const audits = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_type", "=", "consent")
      .where("action", "=", "withdraw")
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits[0]!.details).toMatchObject({ companyId, via: "private-link" });
  });

  it("scopes referral consent to chosen organisations and supersedes the earlier consent", async () => {
    const { campaign } = await publishedSurvey(testDb.db, nora);
    const body = validSubmission(freshOrgNumber());
    const { company } = await submitResponse(
      testDb.db,
      {
        campaignSlug: campaign.slug,
        ...body,
        answers: {
          ...body.answers,
          consent: { contactAndReferral: true, organisations: [almi], statistics: false },
        },
      },
      { actor: ANONYMOUS },
    );
    const companyId = company!.id;
    expect(await hasReferralConsent(testDb.db, companyId, almi)).toBe(true);
    expect(await hasReferralConsent(testDb.db, companyId, science)).toBe(false);
    expect(await countsInStatistics(testDb.db, companyId)).toBe(false);

    await recordConsent(
      testDb.db,
      {
        companyId,
        kind: "contact-and-referral",
        organisations: "all",
        wordingVersion: "samtycke-2026-12",
        source: "navigator",
      },
      { actor: CLI_ACTOR },
    );
    expect(await hasReferralConsent(testDb.db, companyId, science)).toBe(true);
    const referral = (await listConsents(testDb.db, companyId)).filter(
      (c) => c.kind === "contact-and-referral",
    );
    expect(
      referral.map((c) => [c.organisations === "all" ? "all" : c.organisations.length, c.endReason]),
    ).toEqual([
      [1, "superseded"],
      ["all", null],
    ]);
    expect(referral[1]!.recordedByLabel).toBe("cli");
  });
});
