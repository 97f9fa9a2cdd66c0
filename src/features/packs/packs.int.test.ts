import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { getPublishedVersion, getSurvey, listCampaigns } from "#src/features/surveys/surveys.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { publishedSurvey } from "#tests/support/intake-fixtures.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import {
  createPack,
  getPack,
  listPacks,
  packSurveyForOrganisation,
  startCampaignFromPack,
  updatePack,
} from "./packs.service.ts";

// Issue 9, industry packs: admins create and edit them with every bad field named at once; navigators may
// not; starting a survey round from a pack copies the template into the organisation once and reuses it.

let testDb: TestDb;
let region: string;
let nora: string;
let templateId: string;
let offerIds: string[];
let platformAdmin: UserActor;
let noraAdmin: UserActor;
let noraNavigator: UserActor;

const as = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });

function packInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: `besok-${randomUUID().slice(0, 8)}`,
    nameSv: "Besöksnäring",
    nameEn: "Visitor industry",
    descriptionSv: "Hotell, restauranger och upplevelser.",
    sniCodes: ["55", "56", "79"],
    themes: ["recruitment", "sales-export"],
    surveyId: templateId,
    offerIds,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  testDb = await createTestDb();
  const db = testDb.db;
  region = await makeOrganisation(db, "Region Paket", "region");
  nora = await makeOrganisation(db, "Nora Paket", "municipality");
  templateId = (await publishedSurvey(db, region)).survey.id;
  const offers = await createOffers(
    db,
    ["ett", "tva", "tre"].map((n) => ({
      organisationId: region,
      slug: `paketerbjudande-${n}-${randomUUID().slice(0, 6)}`,
      name: `Erbjudande ${n}`,
      summary: "Ett erbjudande för paketen.",
      description: "Finns för att paketen ska ha något att lyfta fram.",
      formats: ["advice"],
      themes: ["recruitment"],
      costType: "free" as const,
    })),
  );
  offerIds = offers.map((o) => o.id);
  platformAdmin = await makeUser(db, `pa-${randomUUID()}@test.lots.invalid`, [[region, "platform-admin"]]);
  noraAdmin = await makeUser(db, `oa-${randomUUID()}@test.lots.invalid`, [[nora, "org-admin"]]);
  noraNavigator = await makeUser(db, `nav-${randomUUID()}@test.lots.invalid`, [[nora, "navigator"]]);
});

afterAll(async () => {
  await testDb?.close();
});

describe("creating and editing packs", () => {
  it("lets an org admin of any organisation create a pack, and audits it", async () => {
    const pack = await createPack(testDb.db, packInput(), as(noraAdmin));
    expect(pack).toMatchObject({ nameSv: "Besöksnäring", sniCodes: ["55", "56", "79"], offerIds });
    expect(await getPack(testDb.db, pack.slug)).toEqual(pack);
    expect(await getPack(testDb.db, pack.id)).toEqual(pack);
    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "record_type"])
      .where("record_id", "=", pack.id)
      .execute();
    expect(audit).toEqual([{ action: "create", record_type: "industry-pack" }]);
  });

  it("refuses a navigator", async () => {
    const error = await failure(createPack(testDb.db, packInput(), as(noraNavigator)));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
  });

  it("names every bad field at once: format, unknown SNI, theme, survey and offer", async () => {
    const error = await failure(
      createPack(
        testDb.db,
        packInput({
          slug: "Inte OK",
          nameSv: "",
          sniCodes: ["04", "55"],
          themes: ["inget-sadant"],
          surveyId: randomUUID(),
          offerIds: [randomUUID()],
        }),
        as(platformAdmin),
      ),
    );
    expect(error).toBeInstanceOf(FieldValidationError);
    const fields = (error as FieldValidationError).fields;
    expect(Object.keys(fields).sort()).toEqual(
      ["nameSv", "offerIds", "slug", "sniCodes", "surveyId", "themes"].sort(),
    );
    expect(fields.sniCodes?.sv).toContain("04");
    expect(fields.themes?.sv).toContain("inget-sadant");
    expect(fields.surveyId?.sv).toBe("Enkäten finns inte.");
    expect(fields.offerIds).toBeDefined();
  });

  it("refuses a taken slug with CONFLICT", async () => {
    const pack = await createPack(testDb.db, packInput(), as(platformAdmin));
    const error = await failure(createPack(testDb.db, packInput({ slug: pack.slug }), as(platformAdmin)));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT" });
  });

  it("edits a pack: new name, slug, scope and offer order; lists packs by Swedish name", async () => {
    const pack = await createPack(testDb.db, packInput({ nameSv: "Zeta" }), as(noraAdmin));
    const updated = await updatePack(
      testDb.db,
      pack.id,
      packInput({ nameSv: "Ärlig handel", sniCodes: ["47", "4711"], offerIds: [offerIds[2], offerIds[0]] }),
      as(platformAdmin),
    );
    expect(updated).toMatchObject({ id: pack.id, nameSv: "Ärlig handel", sniCodes: ["47", "4711"] });
    expect((await getPack(testDb.db, pack.id)).offerIds).toEqual([offerIds[2], offerIds[0]]);
    await createPack(testDb.db, packInput({ nameSv: "Bygg" }), as(platformAdmin));
    const names = (await listPacks(testDb.db)).map((p) => p.nameSv);
    expect(names.indexOf("Bygg")).toBeLessThan(
      names.indexOf("Zeta") === -1 ? Infinity : names.indexOf("Zeta"),
    );
    // Swedish order puts Ä after Z, and after B.
    expect(names.indexOf("Ärlig handel")).toBeGreaterThan(names.indexOf("Bygg"));
    expect(names.at(-1)).toBe("Ärlig handel");
    const error = await failure(updatePack(testDb.db, pack.id, packInput(), as(noraNavigator)));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("starting from a pack", () => {
  it("copies the template into the organisation once and reuses the copy after", async () => {
    const pack = await createPack(testDb.db, packInput(), as(platformAdmin));
    const first = await packSurveyForOrganisation(testDb.db, pack, nora, as(noraNavigator));
    expect(first).not.toBe(templateId);
    const copy = await getSurvey(testDb.db, first);
    expect(copy.organisationId).toBe(nora);
    const [original, copied] = await Promise.all([
      getPublishedVersion(testDb.db, templateId),
      getPublishedVersion(testDb.db, first),
    ]);
    expect(copied.questions).toEqual(original.questions);
    expect(await packSurveyForOrganisation(testDb.db, pack, nora, as(noraAdmin))).toBe(first);
    // The template's own organisation uses the template itself.
    expect(await packSurveyForOrganisation(testDb.db, pack, region, as(platformAdmin))).toBe(templateId);
    // Nobody starts for an organisation where they do not run surveys.
    const error = await failure(packSurveyForOrganisation(testDb.db, pack, region, as(noraNavigator)));
    expect(error).toMatchObject({ code: "FORBIDDEN" });
  });

  it("starts an industry round with the pack's SNI codes", async () => {
    const pack = await createPack(testDb.db, packInput({ sniCodes: ["41", "42", "43"] }), as(platformAdmin));
    const slug = `bygg-nora-${randomUUID().slice(0, 8)}`;
    const campaign = await startCampaignFromPack(
      testDb.db,
      pack.slug,
      {
        organisationId: nora,
        name: "Bygg i Nora",
        slug,
        municipalityCodes: ["1884"],
        opensAt: new Date("2026-03-01T00:00:00+01:00"),
        closesAt: new Date("2026-05-01T00:00:00+02:00"),
      },
      as(noraNavigator),
    );
    expect(campaign).toMatchObject({
      organisationId: nora,
      slug,
      scopeKind: "industry",
      sniCodes: ["41", "42", "43"],
      municipalityCodes: ["1884"],
    });
    expect(campaign.surveyId).toBe(await packSurveyForOrganisation(testDb.db, pack, nora, as(noraNavigator)));
    expect((await listCampaigns(testDb.db, campaign.surveyId)).map((c) => c.slug)).toContain(slug);
  });

  it("names bad round fields and keeps nothing", async () => {
    const pack = await createPack(testDb.db, packInput(), as(platformAdmin));
    const error = (await failure(
      startCampaignFromPack(
        testDb.db,
        pack.id,
        { organisationId: nora, name: "", slug: "x y", opensAt: "2026-05-01", closesAt: "2026-04-01" },
        as(noraNavigator),
      ),
    )) as FieldValidationError;
    expect(Object.keys(error.fields).sort()).toEqual(["name", "slug"]);
    const dates = (await failure(
      startCampaignFromPack(
        testDb.db,
        pack.id,
        {
          organisationId: nora,
          name: "Omgång",
          slug: "bra-namn",
          opensAt: "2026-05-01",
          closesAt: "2026-04-01",
        },
        as(noraNavigator),
      ),
    )) as FieldValidationError;
    expect(Object.keys(dates.fields)).toEqual(["closesAt"]);
  });
});
