import { z } from "zod";

// The company register file (an extract of SCB's Företagsregistret): which columns it has, under which names,
// and what one row must look like. The checks against the reference tables (municipality, SNI division, size
// band) and the org-number check digit are in companies.import.ts.

/** The fields Lots reads from a register row; every other column is ignored. */
export type RegisterField =
  | "orgNumber"
  | "name"
  | "postalCode"
  | "municipalityCode"
  | "sni1"
  | "sni2"
  | "sni3"
  | "sni4"
  | "sni5"
  | "sizeClass"
  | "registered";

/**
 * Header names per field, compared after lower-casing, dropping diacritics and everything that is not a
 * letter or digit ("PeOrgNr", "Säteskommun", "Ng1" and "SNI 1" all work). SCB names first, then plain ones.
 */
export const REGISTER_COLUMNS: Record<RegisterField, readonly string[]> = {
  orgNumber: ["peorgnr", "organisationsnummer", "orgnr"],
  name: ["foretagsnamn", "namn", "name"],
  postalCode: ["postnr", "postnummer"],
  municipalityCode: ["sateskommun", "kommunkod", "kommun"],
  sni1: ["ng1", "sni1", "snikod1"],
  sni2: ["ng2", "sni2", "snikod2"],
  sni3: ["ng3", "sni3", "snikod3"],
  sni4: ["ng4", "sni4", "snikod4"],
  sni5: ["ng5", "sni5", "snikod5"],
  sizeClass: ["storleksklass", "stkl", "anstallda"],
  registered: ["registreringsdatum", "regdat", "regdatum"],
};

/** Columns a file must have; a file without them is refused before any row is read. */
export const REQUIRED_FIELDS: readonly RegisterField[] = ["orgNumber", "name", "municipalityCode"];

/** A header name as compared with REGISTER_COLUMNS. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * SCB's storleksklass (employees) → Lots's size bands (the `size_bands` table). Classes 8–15 (500–999 up to
 * 10,000 or more) are all "500+". A file may also give the band itself ("10-19", "10–19", "500+").
 */
export const SCB_SIZE_CLASS: Readonly<Record<string, string>> = {
  "0": "0",
  "1": "1-4",
  "2": "5-9",
  "3": "10-19",
  "4": "20-49",
  "5": "50-99",
  "6": "100-199",
  "7": "200-499",
  ...Object.fromEntries(["8", "9", "10", "11", "12", "13", "14", "15"].map((c) => [c, "500+"])),
};

/** An optional cell: empty is null, anything else must pass `schema`. */
const optional = <T extends z.ZodType<string, string>>(schema: T) =>
  z
    .string()
    .transform((value) => value.trim() || null)
    .pipe(schema.nullable());

/** One register row after trimming; empty optional cells become null. */
export const RegisterRow = z.object({
  orgNumber: z.string().trim().min(1, "no org number"),
  name: z
    .string()
    .trim()
    .min(1, "no company name")
    .max(200, "the company name is longer than 200 characters"),
  postalCode: optional(
    z
      .string()
      .transform((value) => value.replace(/\s+/g, ""))
      .pipe(z.string().regex(/^[1-9][0-9]{4}$/, "the postal code is not five digits")),
  ),
  municipalityCode: z
    .string()
    .trim()
    .regex(/^[0-9]{4}$/, "the municipality code is not four digits"),
  sniCodes: z
    .array(z.string())
    .transform((codes) => [...new Set(codes.map((code) => code.replace(/[\s.]/g, "")).filter(Boolean))])
    .pipe(z.array(z.string().regex(/^[0-9]{2,5}$/, "an SNI code is 2 to 5 digits"))),
  sizeClass: optional(z.string().max(20)),
  registered: optional(
    z.string().regex(/^(1[89]|20)[0-9]{2}-?[01][0-9]-?[0-3][0-9]$/, "the registration date is not YYYYMMDD"),
  ),
});
export type RegisterRow = z.output<typeof RegisterRow>;

/** What an import did (or, with dryRun, would do). */
export type RegisterImportReport = {
  /** Data rows read (the header not counted). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  invalid: number;
  /** Dry run only: valid rows whose org number is not registered yet / already is. */
  wouldInsert: number;
  wouldUpdate: number;
  /** Sole traders among the valid rows (their org number is a personal identity number). */
  soleTraders: number;
  /**
   * Curated fields the register disagrees with: pending differences with source "register" after the import
   * (recorded now or already pending with the same values), or with dryRun, that would be.
   */
  differences: number;
  /** Pending register differences cleared because the register now agrees with the curated value. */
  differencesCleared: number;
  seconds: number;
  dryRun: boolean;
};

/** A row left out, with its line in the file. */
export type RegisterProblem = { line: number; reason: string };
