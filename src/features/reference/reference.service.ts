import type { Db } from "#src/db/client.ts";
import { AppError } from "#src/shared/errors.ts";
import * as repository from "./reference.repository.ts";

/** The SNI code list Lots uses now; stored beside every SNI code because SCB is introducing SNI 2025. */
export const CURRENT_SNI_VERSION = "SNI2007";

/** All 21 counties. */
export async function getCounties(db: Db) {
  return repository.listCounties(db);
}

/** Municipalities, all 290 or those of one county; an unknown county is NOT_FOUND, not an empty list. */
export async function getMunicipalities(db: Db, countyCode?: string) {
  if (countyCode && !(await repository.findCounty(db, countyCode))) {
    throw new AppError("NOT_FOUND", `No county has the code ${countyCode}.`);
  }
  return repository.listMunicipalities(db, countyCode);
}

/**
 * The municipality of a Swedish postal code. The shipped list covers about 82 % of codes, so a
 * missing code is NOT_FOUND and callers must fall back to asking for the municipality.
 */
export async function getPostalCode(db: Db, postalCode: string) {
  const normalised = postalCode.replace(/\s+/g, "");
  if (!/^[1-9][0-9]{4}$/.test(normalised)) {
    throw new AppError("VALIDATION_FAILED", "A Swedish postal code has five digits, for example 713 31.");
  }
  const found = await repository.findPostalCode(db, normalised);
  if (!found) {
    throw new AppError(
      "NOT_FOUND",
      `The postal code ${normalised} is not in Lots' list; choose the municipality instead.`,
    );
  }
  return found;
}

/** The SNI sections and divisions of the current code list. */
export async function getSniCodes(db: Db) {
  return { version: CURRENT_SNI_VERSION, codes: await repository.listSniCodes(db, CURRENT_SNI_VERSION) };
}

/** The SNI section (A–U) an SNI code of the current list belongs to, or undefined for an unknown code. */
export async function sniSectionOf(db: Db, sniCode: string | null | undefined): Promise<string | undefined> {
  if (!sniCode || !/^\d{2}/.test(sniCode)) return undefined;
  return repository.findSectionOfDivision(db, CURRENT_SNI_VERSION, sniCode.slice(0, 2));
}

/** Need themes with Swedish and English labels. */
export async function getNeedThemes(db: Db) {
  return repository.listNeedThemes(db);
}

/** Offer formats with Swedish and English labels. */
export async function getOfferFormats(db: Db) {
  return repository.listOfferFormats(db);
}

/** SCB size bands. */
export async function getSizeBands(db: Db) {
  return repository.listSizeBands(db);
}

/** The codes intake checks look up: sets of valid codes, for checks that run on every submission. */
export type ReferenceCodes = {
  municipalityCodes: ReadonlySet<string>;
  sizeBandCodes: ReadonlySet<string>;
  sniVersion: string;
  /** The two-digit SNI divisions of the current code list. */
  sniDivisions: ReadonlySet<string>;
};

// Municipalities, size bands and SNI codes change only with migrations, which run before the app serves,
// so they are loaded once per database handle instead of three list queries per survey submission.
const codesByDb = new WeakMap<Db, Promise<ReferenceCodes>>();

/** The municipality, size band and SNI division codes, loaded once per database handle. */
export function getReferenceCodes(db: Db): Promise<ReferenceCodes> {
  let codes = codesByDb.get(db);
  if (!codes) {
    codes = Promise.all([getMunicipalities(db), getSizeBands(db), getSniCodes(db)]).then(
      ([municipalities, sizeBands, sni]) => ({
        municipalityCodes: new Set(municipalities.map((m) => m.code)),
        sizeBandCodes: new Set(sizeBands.map((b) => b.code)),
        sniVersion: sni.version,
        sniDivisions: new Set(sni.codes.filter((c) => c.level === "division").map((c) => c.code)),
      }),
    );
    // A failed load (e.g. a dropped connection) is not remembered.
    codes.catch(() => codesByDb.delete(db));
    codesByDb.set(db, codes);
  }
  return codes;
}
