import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "#src/shared/errors.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import {
  countCompanies,
  createCompanies,
  createCompany,
  findCompanyByOrgNumber,
  hasFictionalCompanies,
  listCompanies,
} from "./companies.service.ts";

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
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

describe("companies service", () => {
  it("registers a company with its org number normalised to ten digits", async () => {
    const company = await createCompany(testDb.db, {
      orgNumber: "16556036-0793",
      name: "Testbolaget i Nora AB",
      municipalityCode: "1884",
      sniCode: "25620",
      sizeBand: "10-19",
      foundedYear: 1987,
    });
    expect(company).toMatchObject({
      orgNumber: "5560360793",
      isSoleTrader: false,
      municipalityCode: "1884",
      sniVersion: "SNI2007",
      isFictional: false,
    });
    expect((await findCompanyByOrgNumber(testDb.db, "556036-0793"))?.id).toBe(company.id);
  });

  it("marks a sole trader whose number is a personal identity number", async () => {
    const company = await createCompany(testDb.db, {
      orgNumber: "19811218-9876",
      name: "Enskild firma Test",
    });
    expect(company.orgNumber).toBe("8112189876");
    expect(company.isSoleTrader).toBe(true);
  });

  it("rejects a bad check digit with VALIDATION_FAILED and stores nothing", async () => {
    const before = await countRows(testDb.db, "companies");
    const error = await rejection(createCompany(testDb.db, { orgNumber: "556036-0794", name: "Fel AB" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/orgNumber: .*check digit/);
    expect(await countRows(testDb.db, "companies")).toBe(before);
  });

  it("rejects a badly formed org number with VALIDATION_FAILED", async () => {
    const error = await rejection(createCompany(testDb.db, { orgNumber: "55603", name: "Kort AB" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/10 digits/);
  });

  it("allows one company per org number, whatever form it is written in (CONFLICT)", async () => {
    const error = await rejection(createCompany(testDb.db, { orgNumber: "5560360793", name: "Kopia AB" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("556036-0793");
  });

  it("rejects a batch that names the same org number twice, writing none of it", async () => {
    const before = await countRows(testDb.db, "companies");
    const error = await rejection(
      createCompanies(testDb.db, [
        { orgNumber: "559900-0014", name: "Ett AB" },
        { orgNumber: "5599000014", name: "Två AB" },
      ]),
    );
    expect(error.code).toBe("CONFLICT");
    expect(await countRows(testDb.db, "companies")).toBe(before);
  });

  it.each([
    [{ municipalityCode: "1899" }, /municipalityCode: .*1899/],
    [{ sniCode: "00123" }, /sniCode: .*00123/],
    [{ sizeBand: "10-20" }, /sizeBand: .*10-20/],
    [{ foundedYear: 3000 }, /foundedYear/],
    [{ name: "" }, /name/],
  ])("rejects %j with VALIDATION_FAILED naming the field", async (override, message) => {
    const error = await rejection(
      createCompany(testDb.db, { orgNumber: "559900-0022", name: "Giltigt AB", ...override }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(message);
  });

  it("says which company of a batch failed", async () => {
    const error = await rejection(
      createCompanies(testDb.db, [
        { orgNumber: "559900-0022", name: "Giltigt AB" },
        { orgNumber: "559900-0021", name: "Ogiltigt AB" },
      ]),
    );
    expect(error.message).toMatch(/^Company 2: orgNumber/);
  });

  it("lists, counts and tells whether fictional companies exist", async () => {
    expect(await hasFictionalCompanies(testDb.db)).toBe(false);
    await createCompany(testDb.db, { orgNumber: "559900-0022", name: "Påhittat AB", isFictional: true });
    expect(await hasFictionalCompanies(testDb.db)).toBe(true);
    expect(await countCompanies(testDb.db)).toBe(3);
    expect(await countCompanies(testDb.db, { isFictional: true })).toBe(1);
    expect((await listCompanies(testDb.db, { municipalityCode: "1884" })).map((c) => c.name)).toEqual([
      "Testbolaget i Nora AB",
    ]);
  });
});
