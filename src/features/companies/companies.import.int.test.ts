import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "#src/shared/errors.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import type { RegisterProblem } from "./companies.import.schemas.ts";
import { importCompanyRegister } from "./companies.import.ts";
import { createCompany, findCompanyByOrgNumber } from "./companies.service.ts";

// `lots companies import`: the register file's rows become companies; curated fields and everything else staff
// keep (contacts, needs, consents) stay; bad rows are counted and reported with their line.

let testDb: TestDb;

const valid = (nine: string) => `${nine}${luhnCheckDigit(nine)}`;
const NEW_AB = valid("559901001");
const SOLE_TRADER = valid("811218987"); // a personal identity number: 1981-12-18
const EXISTING = valid("559901002");

const HEADER = "PeOrgNr;Företagsnamn;PostNr;Säteskommun;Ng1;Ng2;Storleksklass;Registreringsdatum";
const FILE = [
  HEADER,
  `16${NEW_AB};Nora Mekaniska AB;713 31;1884;25620;;3;19870401`, // line 2: new
  `19${SOLE_TRADER};Anderssons Snickeri;71330;1884;43320;;1;20150102`, // line 3: new, sole trader
  `${NEW_AB.slice(0, 9)}${(Number(NEW_AB[9]) + 1) % 10};Fel Nummer AB;71331;1884;25620;;2;`, // line 4
  `${valid("559901003")};Okänd Kommun AB;71331;9999;25620;;2;`, // line 5
  `${NEW_AB};Nora Mekaniska AB (igen);71331;1884;25620;;3;`, // line 6: duplicate of line 2
  `${EXISTING};Registrets Namn AB;70210;1880;62010;62020;5;20010615`, // line 7: existing, curated name
].join("\n");

async function run(text: string, options: { dryRun?: boolean } = {}) {
  const problems: RegisterProblem[] = [];
  const report = await importCompanyRegister(testDb.db, Readable.from([text]), {
    ...options,
    batchSize: 2,
    onInvalid: (problem) => problems.push(problem),
  });
  return { report, problems };
}

async function importAudits(): Promise<number> {
  const rows = await testDb.db
    .selectFrom("audit_log")
    .select("id")
    .where("record_type", "=", "company-register")
    .execute();
  return rows.length;
}

beforeAll(async () => {
  testDb = await createTestDb();
  const company = await createCompany(testDb.db, {
    orgNumber: EXISTING,
    name: "Kuraterat Namn AB",
    municipalityCode: "1880",
    sizeBand: "1-4",
  });
  await testDb.db
    .updateTable("companies")
    .set({ curated_fields: ["name"] })
    .where("id", "=", company.id)
    .execute();
});
afterAll(async () => {
  await testDb?.close();
});

describe("company register import", () => {
  it("a dry run checks every row and writes nothing", async () => {
    const before = await countRows(testDb.db, "companies");
    const { report, problems } = await run(FILE, { dryRun: true });
    expect(report).toMatchObject({ rows: 6, invalid: 3, wouldInsert: 2, wouldUpdate: 1, inserted: 0 });
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6]);
    expect(await countRows(testDb.db, "companies")).toBe(before);
    expect(await importAudits()).toBe(0);
  });

  it("inserts new companies, updates uncurated fields of existing ones and reports bad rows", async () => {
    const { report, problems } = await run(FILE);
    expect(report).toMatchObject({
      rows: 6,
      inserted: 2,
      updated: 1,
      unchanged: 0,
      invalid: 3,
      soleTraders: 1,
    });
    expect(problems).toEqual([
      { line: 4, reason: expect.stringMatching(/not a valid Swedish organisation number/) },
      { line: 5, reason: "no municipality has the code 9999" },
      { line: 6, reason: `org number ${NEW_AB} appears earlier in the file (line 2)` },
    ]);

    const created = await findCompanyByOrgNumber(testDb.db, NEW_AB);
    expect(created).toMatchObject({
      name: "Nora Mekaniska AB",
      postalCode: "71331",
      municipalityCode: "1884",
      sniCodes: ["25620"],
      sizeBand: "10-19",
      foundedYear: 1987,
      isSoleTrader: false,
    });
    expect(await findCompanyByOrgNumber(testDb.db, SOLE_TRADER)).toMatchObject({
      isSoleTrader: true,
      sizeBand: "1-4",
    });
    // Staff curated the name: it stays; the register's other fields replace the uncurated ones.
    expect(await findCompanyByOrgNumber(testDb.db, EXISTING)).toMatchObject({
      name: "Kuraterat Namn AB",
      postalCode: "70210",
      sniCodes: ["62010", "62020"],
      sizeBand: "50-99",
      foundedYear: 2001,
    });
    expect(await importAudits()).toBe(1);
  });

  it("importing the same file again changes nothing", async () => {
    const { report } = await run(FILE);
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, invalid: 3 });
    expect(await importAudits()).toBe(2);
  });

  it("refuses a file without the required columns before reading rows", async () => {
    const error = await run("Namn;Kommun\nNågot AB;1884\n").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/no column for orgNumber/);
  });
});
