import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { CompaniesTable } from "#src/db/schema.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import { formatOrgNumber, parseOrgNumber } from "#src/shared/org-number.ts";
import * as repository from "./companies.repository.ts";
import { type Company, type CompanyFilter, CreateCompanyInput } from "./companies.schemas.ts";

/** A stored company row as services hand it out. */
export function toCompany(row: Selectable<CompaniesTable>): Company {
  return {
    id: row.id,
    orgNumber: row.org_number,
    isSoleTrader: row.is_sole_trader,
    name: row.name,
    municipalityCode: row.municipality_code,
    sniCode: row.sni_code,
    sniVersion: row.sni_version,
    sizeBand: row.size_band,
    foundedYear: row.founded_year,
    isFictional: row.is_fictional,
    streetAddress: row.street_address,
    postalCode: row.postal_code,
    sniCodes: row.sni_codes,
    curatedFields: row.curated_fields,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Validates one input's fields and org number; in a batch the message says which item failed. */
function parseInput(input: CreateCompanyInput, index: number, batchSize: number) {
  const label = batchSize > 1 ? `Company ${index + 1}: ` : "";
  const parsed = CreateCompanyInput.safeParse(input);
  if (!parsed.success) {
    const error = validationError(parsed.error);
    throw new AppError(error.code, `${label}${error.message}`);
  }
  try {
    return { ...parsed.data, orgNumber: parseOrgNumber(parsed.data.orgNumber) };
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${label}orgNumber: ${error.message}`);
    throw error;
  }
}

/**
 * Registers companies in one statement. Every input is checked first: fields, the org number
 * (format and check digit; a personal identity number marks a sole trader), municipality, SNI
 * division and size band against the reference lists, and one company per org number. Nothing is
 * written if any input fails. Throws VALIDATION_FAILED or CONFLICT.
 */
export async function createCompanies(db: Db, inputs: CreateCompanyInput[]): Promise<Company[]> {
  if (inputs.length === 0) return [];
  const parsed = inputs.map((input, i) => parseInput(input, i, inputs.length));
  const label = (i: number) => (inputs.length > 1 ? `Company ${i + 1}: ` : "");

  const numbers = parsed.map((p) => p.orgNumber.number);
  const repeated = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (repeated) throw new AppError("CONFLICT", `The org number ${formatOrgNumber(repeated)} is given twice.`);
  const taken = await repository.findTakenOrgNumbers(db, numbers);
  if (taken.length > 0) {
    throw new AppError(
      "CONFLICT",
      `A company with the org number ${formatOrgNumber(taken[0]!)} already exists.`,
    );
  }

  const [municipalities, sizeBands, sni] = await Promise.all([
    reference.getMunicipalities(db),
    reference.getSizeBands(db),
    reference.getSniCodes(db),
  ]);
  const knownMunicipalities = new Set(municipalities.map((m) => m.code));
  const knownSizeBands = new Set(sizeBands.map((s) => s.code));
  const knownDivisions = new Set(sni.codes.filter((c) => c.level === "division").map((c) => c.code));
  parsed.forEach((p, i) => {
    const fail = (message: string) => new AppError("VALIDATION_FAILED", `${label(i)}${message}`);
    if (p.municipalityCode && !knownMunicipalities.has(p.municipalityCode)) {
      throw fail(`municipalityCode: no municipality has the code ${p.municipalityCode}.`);
    }
    if (p.sniCode && !knownDivisions.has(p.sniCode.slice(0, 2))) {
      throw fail(`sniCode: ${p.sniCode} does not start with an ${sni.version} division.`);
    }
    if (p.sizeBand && !knownSizeBands.has(p.sizeBand)) {
      throw fail(`sizeBand: ${p.sizeBand} is not an SCB size band (for example 10-19).`);
    }
  });

  const rows = await repository.insertCompanies(
    db,
    parsed.map((p) => ({
      org_number: p.orgNumber.number,
      is_sole_trader: p.orgNumber.isSoleTrader,
      name: p.name,
      municipality_code: p.municipalityCode ?? null,
      sni_code: p.sniCode ?? null,
      sni_codes: p.sniCode ? [p.sniCode] : [],
      sni_version: sni.version,
      size_band: p.sizeBand ?? null,
      founded_year: p.foundedYear ?? null,
      is_fictional: p.isFictional,
    })),
  );
  return rows.map(toCompany);
}

/** Registers one company; see `createCompanies`. */
export async function createCompany(db: Db, input: CreateCompanyInput): Promise<Company> {
  const [created] = await createCompanies(db, [input]);
  return created!;
}

/** The company with this org number (any accepted form), or undefined. Throws VALIDATION_FAILED if malformed. */
export async function findCompanyByOrgNumber(db: Db, orgNumber: string): Promise<Company | undefined> {
  const row = await repository.findCompanyByOrgNumber(db, parseOrgNumber(orgNumber).number);
  return row ? toCompany(row) : undefined;
}

/** Companies by name, optionally of one municipality or only (non-)fictional ones. */
export async function listCompanies(db: Db, filter: CompanyFilter = {}): Promise<Company[]> {
  return (await repository.listCompanies(db, filter)).map(toCompany);
}

/** How many companies match the filter. */
export function countCompanies(db: Db, filter: CompanyFilter = {}): Promise<number> {
  return repository.countCompanies(db, filter);
}

/** Whether any company is marked fictional, i.e. demo or training data is loaded. */
export function hasFictionalCompanies(db: Db): Promise<boolean> {
  return repository.hasFictionalCompanies(db);
}
