import organisationsnummerModule from "organisationsnummer";
import { AppError } from "./errors.ts";

// Swedish organisation numbers (organisationsnummer), checked by the `organisationsnummer` package.
// Its type declarations describe an ES default export, but Node loads its CommonJS build, whose
// module.exports *is* the class; accept either shape so the types and the runtime agree.
type OrganisationsnummerClass = typeof organisationsnummerModule.default;
const Organisationsnummer: OrganisationsnummerClass =
  (organisationsnummerModule as { default?: OrganisationsnummerClass }).default ??
  (organisationsnummerModule as unknown as OrganisationsnummerClass);

export type ParsedOrgNumber = {
  /** Ten digits, no separator: the form Lots stores. */
  number: string;
  /**
   * True when the number is a personal identity number (personnummer or samordningsnummer): a sole
   * trader (enskild firma) uses the owner's. Such a number is personal data under the GDPR.
   */
  isSoleTrader: boolean;
  /** The legal-form group in Swedish, e.g. "Aktiebolag" or "Enskild firma" (from the first digit). */
  type: string;
};

// Six or eight digits, an optional separator, four digits: 556036-0793, 5560360793, 16556036-0793,
// 19811218-9876. Anything else is a format error rather than a wrong check digit.
const SHAPE = /^(\d{6}|\d{8})[-+]?\d{4}$/;

/**
 * Validates and normalises a Swedish organisation number. Accepts "556036-0793", "5560360793" and the
 * twelve-digit "16556036-0793"; a sole trader's personal identity number is accepted too and marked
 * `isSoleTrader`. Spaces are ignored. Throws AppError VALIDATION_FAILED with a message for the user.
 */
export function parseOrgNumber(input: string): ParsedOrgNumber {
  const compact = input.replace(/\s+/g, "");
  if (!SHAPE.test(compact)) {
    throw new AppError(
      "VALIDATION_FAILED",
      "An organisation number has 10 digits, for example 556036-0793 (a sole trader uses the owner's personal identity number).",
    );
  }
  let parsed: InstanceType<OrganisationsnummerClass>;
  try {
    parsed = Organisationsnummer.parse(compact);
  } catch (error) {
    throw new AppError(
      "VALIDATION_FAILED",
      `${input.trim()} is not a valid Swedish organisation number: the check digit or the date part does not match.`,
      { cause: error },
    );
  }
  return { number: parsed.format(false), isSoleTrader: parsed.isPersonnummer(), type: parsed.type() };
}

/** True when `input` is a valid organisation number or sole trader's personal identity number. */
export function isValidOrgNumber(input: string): boolean {
  try {
    parseOrgNumber(input);
    return true;
  } catch {
    return false;
  }
}

/** Writes a stored ten-digit number the way Swedes read it: 556036-0793. */
export function formatOrgNumber(number: string): string {
  return /^\d{10}$/.test(number) ? `${number.slice(0, 6)}-${number.slice(6)}` : number;
}

/** The Luhn (mod 10) check digit Swedish organisation and personal identity numbers end with. */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error("luhnCheckDigit needs exactly nine digits");
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const doubled = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}
