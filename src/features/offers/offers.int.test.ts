import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganisation, listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import type { CreateOfferInput } from "./offers.schemas.ts";
import { countOffers, createOffer, createOffers, listOffers } from "./offers.service.ts";

// Organisations and offers together: an offer always belongs to an organisation.

let testDb: TestDb;
let organisationId: string;

beforeAll(async () => {
  testDb = await createTestDb();
  organisationId = (
    await createOrganisation(testDb.db, {
      slug: "nora-kommun",
      name: "Nora kommun",
      type: "municipality",
      municipalityCodes: ["1884"],
    })
  ).id;
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

const offer = (override: Partial<CreateOfferInput> = {}): CreateOfferInput => ({
  organisationId,
  slug: "foretagslots",
  name: "Företagslots",
  summary: "En väg in till kommunen för alla företag.",
  description: "Lotsen tar emot ärendet och följer det till slutet.",
  formats: ["advice"],
  themes: ["premises-permits"],
  eligibleMunicipalityCodes: ["1884"],
  costType: "free",
  ...override,
});

describe("organisations service", () => {
  it("creates an organisation with the municipalities it serves", async () => {
    const [nora] = await listOrganisations(testDb.db);
    expect(nora).toMatchObject({ slug: "nora-kommun", type: "municipality", municipalityCodes: ["1884"] });
  });

  it("rejects a taken slug with CONFLICT and an unknown municipality with VALIDATION_FAILED", async () => {
    const taken = await rejection(
      createOrganisation(testDb.db, { slug: "nora-kommun", name: "Nora igen", type: "municipality" }),
    );
    expect(taken.code).toBe("CONFLICT");
    const unknown = await rejection(
      createOrganisation(testDb.db, {
        slug: "okand",
        name: "Okänd",
        type: "other",
        municipalityCodes: ["1884", "1899"],
      }),
    );
    expect(unknown.code).toBe("VALIDATION_FAILED");
    expect(unknown.message).toContain("1899");
    expect(await countRows(testDb.db, "organisations")).toBe(1);
  });

  it("validates and normalises an optional org number", async () => {
    const bad = await rejection(
      createOrganisation(testDb.db, { slug: "fel", name: "Fel", type: "other", orgNumber: "202100-5480" }),
    );
    expect(bad.code).toBe("VALIDATION_FAILED");
  });
});

describe("offers service", () => {
  it("creates an offer and reads it back with its eligibility and dates", async () => {
    const created = await createOffer(
      testDb.db,
      offer({
        validFrom: "2026-01-15",
        validTo: "2026-06-30",
        sniInclude: ["C", "25620"],
        sizeBands: ["10-19"],
      }),
    );
    expect(created).toMatchObject({
      organisationId,
      status: "active",
      sniVersion: "SNI2007",
      sniInclude: ["C", "25620"],
      eligibleCountyCodes: [],
      validFrom: "2026-01-15",
      validTo: "2026-06-30",
    });
    const [listed] = await listOffers(testDb.db, { organisationId });
    expect(listed?.validTo).toBe("2026-06-30");
    expect(await countOffers(testDb.db, { status: "active" })).toBe(1);
    expect(await countOffers(testDb.db, { status: "closed" })).toBe(0);
  });

  it.each([
    [{ themes: ["no-such-theme"] }, /themes: no-such-theme/],
    [{ formats: ["webinar"] }, /formats: webinar/],
    [{ eligibleMunicipalityCodes: ["1899"] }, /eligibleMunicipalityCodes: 1899/],
    [{ eligibleCountyCodes: ["99"] }, /eligibleCountyCodes: 99/],
    [{ sizeBands: ["10-20"] }, /sizeBands: 10-20/],
    [{ sniExclude: ["00"] }, /sniExclude: 00/],
    [{ themes: [] }, /themes/],
    [{ amountMinSek: 500, amountMaxSek: 100 }, /amountMaxSek/],
    [{ capacityTotal: 2, capacityRemaining: 3 }, /capacityRemaining/],
    [{ validFrom: "2026-05-01", validTo: "2026-04-01" }, /validTo/],
    [{ contactEmail: "not-an-address" }, /contactEmail/],
  ])("rejects %j with VALIDATION_FAILED naming the field", async (override, message) => {
    const error = await rejection(createOffer(testDb.db, offer({ slug: "annat", ...override })));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(message);
  });

  it("rejects an unknown organisation (NOT_FOUND) and a taken slug (CONFLICT), writing nothing", async () => {
    const before = await countRows(testDb.db, "offers");
    const orphan = await rejection(
      createOffer(
        testDb.db,
        offer({ slug: "foraldralos", organisationId: "00000000-0000-4000-8000-000000000000" }),
      ),
    );
    expect(orphan.code).toBe("NOT_FOUND");
    const taken = await rejection(createOffers(testDb.db, [offer({ slug: "ny-lots" }), offer()]));
    expect(taken.code).toBe("CONFLICT");
    expect(await countRows(testDb.db, "offers")).toBe(before);
  });
});
