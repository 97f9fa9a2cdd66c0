import { describe, expect, it } from "vitest";
import { planRegisterDifferences } from "./companies.import.differences.ts";
import type { RegisterCompanyRow, RegisterTarget } from "./companies.import.repository.ts";

// Which register values become differences: only curated fields, only non-empty register values, the SNI
// codes as a list, and never a value staff already kept theirs against.

const row: RegisterCompanyRow = {
  org_number: "5599010010",
  is_sole_trader: false,
  name: "Registrets Namn AB",
  postal_code: null,
  municipality_code: "1880",
  sni_codes: ["62010", "62020"],
  size_band: "10-19",
  founded_year: null,
};

const target = (changes: Partial<RegisterTarget>): RegisterTarget => ({
  id: "c1",
  org_number: "5599010010",
  curated_fields: ["name", "postalCode", "sniCodes", "foundedYear"],
  name: "Lotsens Namn AB",
  postal_code: "71331",
  municipality_code: "1881",
  sni_codes: ["62010"],
  size_band: "1-4",
  founded_year: 1999,
  differences: [],
  ...changes,
});

describe("planRegisterDifferences", () => {
  it("records curated fields the register gives another non-empty value", () => {
    const plan = planRegisterDifferences([row], [target({})]);
    expect(plan.upsert).toEqual([
      { company_id: "c1", field: "name", stored: "Lotsens Namn AB", submitted: "Registrets Namn AB" },
      { company_id: "c1", field: "sniCodes", stored: ["62010"], submitted: ["62010", "62020"] },
    ]);
    expect(plan).toMatchObject({ clear: [], differences: 2 });
  });

  it("ignores new companies and companies without curated fields", () => {
    expect(planRegisterDifferences([row], [])).toEqual({ upsert: [], clear: [], differences: 0 });
    expect(planRegisterDifferences([row], [target({ curated_fields: [] })]).differences).toBe(0);
  });

  it("leaves an identical pending difference alone and clears one the register now agrees with", () => {
    const pending = (id: string, field: string, stored: unknown, submitted: unknown) => ({
      id,
      field,
      source: "register" as const,
      stored,
      submitted,
      resolution: null,
    });
    const plan = planRegisterDifferences(
      [{ ...row, sni_codes: ["62010"] }],
      [
        target({
          differences: [
            pending("d1", "name", "Lotsens Namn AB", "Registrets Namn AB"),
            pending("d2", "sniCodes", ["62010"], ["62090"]),
          ],
        }),
      ],
    );
    expect(plan).toEqual({ upsert: [], clear: ["d2"], differences: 1 });
  });

  it("does not raise a value staff kept theirs against, and clears an older register value still pending", () => {
    const plan = planRegisterDifferences(
      [{ ...row, sni_codes: [] }],
      [
        target({
          differences: [
            {
              id: "k1",
              field: "name",
              source: "register",
              stored: "Lotsens Namn AB",
              submitted: "Registrets Namn AB",
              resolution: "kept",
            },
            {
              id: "p1",
              field: "name",
              source: "register",
              stored: "Lotsens Namn AB",
              submitted: "Äldre Namn AB",
              resolution: null,
            },
          ],
        }),
      ],
    );
    expect(plan).toEqual({ upsert: [], clear: ["p1"], differences: 0 });
  });
});
