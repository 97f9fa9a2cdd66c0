import {
  REGISTER_COLUMNS,
  type RegisterCompanyRow,
  type RegisterDifferenceRow,
  type RegisterTarget,
} from "./companies.import.repository.ts";

// Where SCB's register disagrees with a field staff curated (issue 5): the import keeps the curated value and
// records the difference for a navigator, as a company's own intake does. Pure: the import reads the batch's
// companies in one query and writes what this returns in one or two statements.

/** What a batch of register rows means for the differences on record. */
export type RegisterDifferencePlan = {
  /** Differences to record or refresh (one multi-row statement). */
  upsert: RegisterDifferenceRow[];
  /** Pending register differences the register now agrees with. */
  clear: string[];
  /** Curated fields the register disagrees with, recorded now or already pending as they are. */
  differences: number;
};

const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The curated fields the register can speak to, with the register row's and the company's value of each. */
function registerFields(row: RegisterCompanyRow, target: RegisterTarget) {
  return [
    ...REGISTER_COLUMNS.map(([column, field]) => ({ field, submitted: row[column], stored: target[column] })),
    { field: "sniCodes", submitted: row.sni_codes, stored: target.sni_codes },
  ];
}

/**
 * Compares a batch's register rows with the existing companies' curated values. A non-empty register value
 * that differs from a curated one becomes a pending difference with source "register" (stored = curated,
 * submitted = the register's), replacing an older pending one of that company and field; one that is
 * already pending with the same values is left as it is (its date stays). A register value that agrees
 * clears a pending register difference. A value staff already kept against the same register value is not
 * raised again, so "keep ours" holds until the register says something new.
 */
export function planRegisterDifferences(
  rows: readonly RegisterCompanyRow[],
  targets: readonly RegisterTarget[],
): RegisterDifferencePlan {
  const plan: RegisterDifferencePlan = { upsert: [], clear: [], differences: 0 };
  const byOrgNumber = new Map(targets.map((target) => [target.org_number, target]));
  for (const row of rows) {
    const target = byOrgNumber.get(row.org_number);
    if (!target || target.curated_fields.length === 0) continue;
    const curated = new Set(target.curated_fields);
    for (const { field, submitted, stored } of registerFields(row, target)) {
      if (!curated.has(field) || isEmpty(submitted)) continue;
      const onRecord = target.differences.filter((d) => d.field === field);
      const pending = onRecord.find((d) => d.resolution === null);
      if (same(submitted, stored)) {
        if (pending?.source === "register") plan.clear.push(pending.id);
        continue;
      }
      if (onRecord.some((d) => d.resolution === "kept" && same(d.submitted, submitted))) {
        // Staff decided against this very value; an older register value still pending is out of date.
        if (pending?.source === "register") plan.clear.push(pending.id);
        continue;
      }
      plan.differences++;
      const unchanged =
        pending?.source === "register" && same(pending.submitted, submitted) && same(pending.stored, stored);
      if (!unchanged) plan.upsert.push({ company_id: target.id, field, stored, submitted });
    }
  }
  return plan;
}
