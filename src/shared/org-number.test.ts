import { describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { formatOrgNumber, isValidOrgNumber, luhnCheckDigit, parseOrgNumber } from "./org-number.ts";

function errorOf(input: string): AppError {
  try {
    parseOrgNumber(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected ${input} to be rejected`);
}

describe("parseOrgNumber", () => {
  // 556036-0793 is a real aktiebolag's number; 202100-5489 is Bolagsverket's own (a state agency).
  it.each(["556036-0793", "5560360793", "16556036-0793", "165560360793", " 556036 0793 "])(
    "accepts the aktiebolag number written as %j and normalises it to ten digits",
    (input) => {
      expect(parseOrgNumber(input)).toEqual({
        number: "5560360793",
        isSoleTrader: false,
        type: "Aktiebolag",
      });
    },
  );

  it("recognises the legal-form group of a state agency", () => {
    const parsed = parseOrgNumber("202100-5489");
    expect(parsed.number).toBe("2021005489");
    expect(parsed.isSoleTrader).toBe(false);
    expect(parsed.type).toMatch(/^Stat/);
  });

  it.each(["19811218-9876", "811218-9876", "8112189876", "198112189876"])(
    "recognises the personal identity number %j as a sole trader (personal data)",
    (input) => {
      expect(parseOrgNumber(input)).toEqual({
        number: "8112189876",
        isSoleTrader: true,
        type: "Enskild firma",
      });
    },
  );

  it("accepts a coordination number (samordningsnummer) as a sole trader's number", () => {
    // Born 1970-10-03, day + 60 = 63.
    expect(parseOrgNumber("701063-2391").isSoleTrader).toBe(true);
  });

  it.each(["556036-0794", "5560360790", "16556036-0792", "811218-9875"])(
    "rejects %j because the check digit does not match",
    (input) => {
      const error = errorOf(input);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toMatch(/check digit/);
    },
  );

  it.each(["", "556036", "556036-07931", "55603607", "abcdef-ghij", "556036/0793"])(
    "rejects %j as badly formed, with an example of the right form",
    (input) => {
      const error = errorOf(input);
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toMatch(/10 digits|not a valid/);
    },
  );

  it("rejects a twelve-digit form whose prefix is neither 16 nor a century", () => {
    expect(errorOf("12556036-0793").code).toBe("VALIDATION_FAILED");
  });

  it("rejects an impossible date in a personal identity number", () => {
    // 1981-02-30 does not exist; the check digit is right for the digits.
    const body = "810230987";
    expect(isValidOrgNumber(`${body}${luhnCheckDigit(body)}`)).toBe(false);
  });
});

describe("isValidOrgNumber", () => {
  it("answers true and false without throwing", () => {
    expect(isValidOrgNumber("556036-0793")).toBe(true);
    expect(isValidOrgNumber("556036-0794")).toBe(false);
    expect(isValidOrgNumber("hello")).toBe(false);
  });
});

describe("luhnCheckDigit", () => {
  it("computes the check digits of known numbers", () => {
    expect(luhnCheckDigit("556036079")).toBe(3);
    expect(luhnCheckDigit("202100548")).toBe(9);
    expect(luhnCheckDigit("811218987")).toBe(6);
  });

  it("refuses anything but nine digits", () => {
    expect(() => luhnCheckDigit("12345678")).toThrow();
  });
});

describe("formatOrgNumber", () => {
  it("puts the hyphen before the last four digits", () => {
    expect(formatOrgNumber("5560360793")).toBe("556036-0793");
  });
});
