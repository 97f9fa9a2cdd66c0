import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createOrganisation, listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import type { CreateOfferInput } from "./offers.schemas.ts";
import {
  countOffers,
  createOffer,
  createOffers,
  listOfferHistory,
  listOffers,
  upsertOffersFromImport,
} from "./offers.service.ts";

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
      CLI_ACTOR,
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
    [{ contacts: [{ name: "Eva", email: "not-an-address" }] }, /contacts\.0\.email/],
    [{ contacts: [{ name: "" }] }, /contacts\.0\.name/],
  ])("rejects %j with VALIDATION_FAILED naming the field", async (override, message) => {
    const error = await rejection(createOffer(testDb.db, CLI_ACTOR, offer({ slug: "annat", ...override })));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(message);
  });

  it("rejects an unknown organisation (NOT_FOUND) and a taken slug (CONFLICT), writing nothing", async () => {
    const before = await countRows(testDb.db, "offers");
    const orphan = await rejection(
      createOffer(
        testDb.db,
        CLI_ACTOR,
        offer({ slug: "foraldralos", organisationId: "00000000-0000-4000-8000-000000000000" }),
      ),
    );
    expect(orphan.code).toBe("NOT_FOUND");
    const taken = await rejection(createOffers(testDb.db, [offer({ slug: "ny-lots" }), offer()]));
    expect(taken.code).toBe("CONFLICT");
    expect(await countRows(testDb.db, "offers")).toBe(before);
  });
});

describe("import (HSDS)", () => {
  const id = "7d9f3c1e-2b4a-4c6d-8e0f-1a2b3c4d5e6f";
  const imported = (override: Partial<CreateOfferInput> = {}) => ({
    ...offer({ slug: "importerad-lots", contacts: [{ name: "Eva Berg", email: "eva@nora.example" }] }),
    lastVerifiedAt: new Date("2026-10-01T08:00:00Z"),
    ...override,
    id,
  });

  it("keeps the given id, and a re-import updates instead of duplicating", async () => {
    const first = await upsertOffersFromImport(testDb.db, [imported()]);
    expect(first.created.map((o) => o.id)).toEqual([id]);
    expect(first.created[0]).toMatchObject({ lastVerifiedBy: "import", contacts: [{ name: "Eva Berg" }] });
    const count = await countRows(testDb.db, "offers");

    const same = await upsertOffersFromImport(testDb.db, [imported()]);
    expect(same).toMatchObject({ created: [], updated: [] });
    expect(same.unchanged.map((o) => o.id)).toEqual([id]);

    const changed = await upsertOffersFromImport(testDb.db, [imported({ name: "Företagslots Nora" })]);
    expect(changed.updated.map((o) => o.name)).toEqual(["Företagslots Nora"]);
    expect(await countRows(testDb.db, "offers")).toBe(count);

    const history = await listOfferHistory(testDb.db, CLI_ACTOR, id);
    expect(history.map((h) => [h.action, h.actorLabel])).toEqual([
      ["import", "import"],
      ["import", "import"],
    ]);
    expect(history[0]!.changes).toEqual({ name: { from: "Företagslots", to: "Företagslots Nora" } });
  });

  it("writes nothing when one record is invalid or its slug belongs to another offer", async () => {
    const before = await countRows(testDb.db, "offers");
    const other = "8e0a4d2f-3c5b-4d7e-9f10-2b3c4d5e6f70";
    const bad = await rejection(
      upsertOffersFromImport(testDb.db, [
        { ...imported({ slug: "ny-import" }), id: other },
        imported({ themes: ["finans"] }),
      ]),
    );
    expect(bad.message).toMatch(/Offer 2: themes: finans/);
    const taken = await rejection(
      upsertOffersFromImport(testDb.db, [{ ...imported({ slug: "foretagslots" }), id: other }]),
    );
    expect(taken.code).toBe("CONFLICT");
    expect(await countRows(testDb.db, "offers")).toBe(before);
  });
});
