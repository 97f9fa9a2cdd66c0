import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { listPendingDifferences, resolveDifference } from "./companies.differences.service.ts";
import type { RegisterProblem } from "./companies.import.schemas.ts";
import { importCompanyRegister } from "./companies.import.ts";
import { createCompany, findCompanyByOrgNumber } from "./companies.service.ts";

// `lots companies import`: the register file's rows become companies; curated fields and everything else staff
// keep (contacts, needs, consents) stay; bad rows are counted and reported with their line. Where the register
// disagrees with a curated field, the difference waits for staff (source "register"), as an intake's does.

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
  return (await importAuditDetails()).length;
}

async function importAuditDetails() {
  const rows = await testDb.db
    .selectFrom("audit_log")
    .select("details")
    .where("record_type", "=", "company-register")
    .orderBy("at")
    .execute();
  return rows.map((row) => row.details);
}

/** Every difference of the company with this org number, pending or resolved. */
async function differencesOf(orgNumber: string) {
  return testDb.db
    .selectFrom("company_differences")
    .innerJoin("companies", "companies.id", "company_differences.company_id")
    .select([
      "company_differences.id",
      "company_differences.field",
      "company_differences.stored",
      "company_differences.submitted",
      "company_differences.source",
      "company_differences.created_at",
      "company_differences.resolution",
    ])
    .where("companies.org_number", "=", orgNumber)
    .orderBy("company_differences.created_at")
    .execute();
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

async function company(orgNumber: string) {
  const found = await findCompanyByOrgNumber(testDb.db, orgNumber);
  if (!found) throw new Error(`no company ${orgNumber}`);
  return found;
}

describe("company register import", () => {
  it("a dry run checks every row and writes nothing", async () => {
    const before = await countRows(testDb.db, "companies");
    const { report, problems } = await run(FILE, { dryRun: true });
    expect(report).toMatchObject({
      rows: 6,
      invalid: 3,
      wouldInsert: 2,
      wouldUpdate: 1,
      inserted: 0,
      differences: 1,
    });
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6]);
    expect(await countRows(testDb.db, "companies")).toBe(before);
    expect(await countRows(testDb.db, "company_differences")).toBe(0);
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
      differences: 1,
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
    // The register's name waits for staff as a pending difference; only the curated field has one.
    expect(await differencesOf(EXISTING)).toMatchObject([
      {
        field: "name",
        stored: "Kuraterat Namn AB",
        submitted: "Registrets Namn AB",
        source: "register",
        resolution: null,
      },
    ]);
    expect(await importAuditDetails()).toEqual([
      expect.objectContaining({ rows: 6, inserted: 2, updated: 1, differences: 1, differencesCleared: 0 }),
    ]);
  });

  it("importing the same file again changes nothing", async () => {
    const [recorded] = await differencesOf(EXISTING);
    const { report } = await run(FILE);
    expect(report).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, invalid: 3, differences: 1 });
    expect(await importAudits()).toBe(2);
    // Still the one difference, untouched (its date stays that of the first import).
    expect(await differencesOf(EXISTING)).toEqual([recorded]);
  });

  it("a register that agrees with the curated value clears its difference; one staff kept is not raised again", async () => {
    const agrees = `${HEADER}\n${EXISTING};Kuraterat Namn AB;70210;1880;62010;62020;5;20010615`;
    const dry = await run(agrees, { dryRun: true });
    expect(dry.report).toMatchObject({ differences: 0, differencesCleared: 1 });
    expect(await differencesOf(EXISTING)).toHaveLength(1);
    const { report } = await run(agrees);
    expect(report).toMatchObject({ unchanged: 1, differences: 0, differencesCleared: 1 });
    expect(await differencesOf(EXISTING)).toEqual([]);
    expect((await importAuditDetails()).at(-1)).toMatchObject({ differences: 0, differencesCleared: 1 });

    // The register disagrees again; staff keep their value; the same register value then raises nothing.
    await run(FILE);
    const [pending] = await listPendingDifferences(testDb.db, (await company(EXISTING)).id, {
      actor: CLI_ACTOR,
    });
    expect(pending).toMatchObject({ field: "name", source: "register", submitted: "Registrets Namn AB" });
    await resolveDifference(testDb.db, pending!.id, "keep", { actor: CLI_ACTOR });
    expect((await run(FILE)).report).toMatchObject({ differences: 0 });
    expect((await differencesOf(EXISTING)).map((d) => d.resolution)).toEqual(["kept"]);
    // A new register value is raised again, and accepting it makes it the curated value.
    const renamed = await run(FILE.replace("Registrets Namn AB", "Registrets Nya Namn AB"));
    expect(renamed.report).toMatchObject({ differences: 1 });
    const [next] = await listPendingDifferences(testDb.db, (await company(EXISTING)).id, {
      actor: CLI_ACTOR,
    });
    expect(next).toMatchObject({ stored: "Kuraterat Namn AB", submitted: "Registrets Nya Namn AB" });
    await resolveDifference(testDb.db, next!.id, "accept", { actor: CLI_ACTOR });
    expect(await company(EXISTING)).toMatchObject({ name: "Registrets Nya Namn AB" });
    expect((await company(EXISTING)).curatedFields).toContain("name");
    expect((await run(FILE.replace("Registrets Namn AB", "Registrets Nya Namn AB"))).report).toMatchObject({
      differences: 0,
      differencesCleared: 0,
    });
  });

  it("replaces a company's pending difference of the same field, and leaves uncurated fields alone", async () => {
    const orgNumber = valid("559901004");
    const created = await createCompany(testDb.db, {
      orgNumber,
      name: "Lotsens Namn AB",
      municipalityCode: "1880",
      sizeBand: "1-4",
    });
    await testDb.db
      .updateTable("companies")
      .set({ curated_fields: ["name", "sizeBand"] })
      .where("id", "=", created.id)
      .execute();
    await testDb.db
      .insertInto("company_differences")
      .values({
        company_id: created.id,
        field: "name",
        stored: JSON.stringify("Lotsens Namn AB"),
        submitted: JSON.stringify("Företagets Namn AB"),
        source: "survey",
      })
      .execute();
    // Size class 2 is the band 5-9 (differs from the curated 1-4); the postal code is not curated.
    const { report } = await run(`${HEADER}\n${orgNumber};Registrets Namn AB;70211;1880;62010;;2;`);
    expect(report).toMatchObject({ updated: 1, differences: 2 });
    expect((await differencesOf(orgNumber)).map((d) => [d.field, d.stored, d.submitted, d.source])).toEqual(
      expect.arrayContaining([
        ["name", "Lotsens Namn AB", "Registrets Namn AB", "register"],
        ["sizeBand", "1-4", "5-9", "register"],
      ]),
    );
    expect(await differencesOf(orgNumber)).toHaveLength(2);
    expect(await company(orgNumber)).toMatchObject({
      name: "Lotsens Namn AB",
      sizeBand: "1-4",
      postalCode: "70211",
    });
  });

  it("refuses a file without the required columns before reading rows", async () => {
    const error = await run("Namn;Kommun\nNågot AB;1884\n").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/no column for orgNumber/);
  });
});
