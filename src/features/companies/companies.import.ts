import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { Db } from "#src/db/client.ts";
import { CLI_ACTOR, recordAudit } from "#src/features/audit/audit.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import { planRegisterDifferences } from "./companies.import.differences.ts";
import * as repository from "./companies.import.repository.ts";
import {
  normaliseHeader,
  REGISTER_COLUMNS,
  REQUIRED_FIELDS,
  type RegisterField,
  type RegisterImportReport,
  type RegisterProblem,
  RegisterRow,
  SCB_SIZE_CLASS,
} from "./companies.import.schemas.ts";

// `lots companies import FILE.csv`: a region's extract of SCB's company register (Företagsregistret), read as
// a stream and written in batches — one multi-row INSERT … ON CONFLICT per batch, each its own transaction —
// so memory stays flat whatever the file's size. Bad rows are reported and counted, never fatal. Where the
// register disagrees with a field staff curated, the curated value stays and the difference waits on the
// company page (companies.import.differences.ts): one read and at most two more statements per batch.

export const DEFAULT_BATCH_SIZE = 1_000;

export type RegisterImportOptions = {
  /**
   * Only validate (and count what would be new or existing, and the differences from curated fields); nothing
   * is written, not even the audit entry.
   */
  dryRun?: boolean;
  /** Rows per statement and transaction. */
  batchSize?: number;
  /** Each row left out, with its line and reason. */
  onInvalid?: (problem: RegisterProblem) => void;
  /** Called every `progressEveryMs` with the rows read so far. */
  onProgress?: (progress: { rows: number; seconds: number }) => void;
  progressEveryMs?: number;
};

/**
 * A set of ten-digit org numbers as doubles in one open-addressing table: 16–32 bytes per number instead
 * of the ~70 a Set of strings costs, so finding duplicates in a national file (1.2 million rows) stays small.
 */
class OrgNumberSet {
  private table = new Float64Array(1 << 16);
  private size = 0;

  /** Adds the number; false when it was already there. */
  add(orgNumber: string): boolean {
    if (this.size * 2 >= this.table.length) this.grow();
    const inserted = OrgNumberSet.put(this.table, Number(orgNumber) + 1);
    if (inserted) this.size++;
    return inserted;
  }

  private static put(table: Float64Array, value: number): boolean {
    const mask = table.length - 1;
    let i = (Math.imul((value % 2_147_483_647) | 0, 0x9e3779b1) >>> 0) & mask;
    while (table[i] !== 0) {
      if (table[i] === value) return false;
      i = (i + 1) & mask;
    }
    table[i] = value;
    return true;
  }

  private grow() {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    for (const value of old) if (value !== 0) OrgNumberSet.put(this.table, value);
  }
}

type Columns = Partial<Record<RegisterField, number>>;

/** Which column holds which field; throws VALIDATION_FAILED naming the required columns that are missing. */
function mapHeader(header: string[]): Columns {
  const columns: Columns = {};
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    for (const [field, names] of Object.entries(REGISTER_COLUMNS) as [RegisterField, readonly string[]][]) {
      if (columns[field] === undefined && names.includes(key)) columns[field] = index;
    }
  });
  const missing = REQUIRED_FIELDS.filter((field) => columns[field] === undefined);
  if (missing.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The file has no column for ${missing.join(", ")}. Expected a semicolon-separated header with ` +
        missing.map((field) => REGISTER_COLUMNS[field].join(" or ")).join("; ") +
        " (see docs: Importing the company register).",
    );
  }
  return columns;
}

type Codes = Awaited<ReturnType<typeof reference.getReferenceCodes>>;

/** One data row → the company to store, or the reason it is left out. */
function checkRow(
  cells: string[],
  columns: Columns,
  codes: Codes,
  thisYear: number,
): repository.RegisterCompanyRow | string {
  const cell = (field: RegisterField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "");
  };
  const parsed = RegisterRow.safeParse({
    orgNumber: cell("orgNumber"),
    name: cell("name"),
    postalCode: cell("postalCode"),
    municipalityCode: cell("municipalityCode"),
    sniCodes: (["sni1", "sni2", "sni3", "sni4", "sni5"] as const).map(cell),
    sizeClass: cell("sizeClass"),
    registered: cell("registered"),
  });
  if (!parsed.success) return parsed.error.issues.map((issue) => issue.message).join("; ");
  const row = parsed.data;
  let org: { number: string; isSoleTrader: boolean };
  try {
    org = parseOrgNumber(row.orgNumber);
  } catch (error) {
    if (error instanceof AppError) {
      return error.message.includes(row.orgNumber)
        ? error.message
        : `org number ${row.orgNumber}: ${error.message}`;
    }
    throw error;
  }
  if (!codes.municipalityCodes.has(row.municipalityCode)) {
    return `no municipality has the code ${row.municipalityCode}`;
  }
  const badSni = row.sniCodes.find((code) => !codes.sniDivisions.has(code.slice(0, 2)));
  if (badSni !== undefined) return `${badSni} is not an ${codes.sniVersion} code (unknown division)`;
  let sizeBand: string | null = null;
  if (row.sizeClass !== null) {
    const band = SCB_SIZE_CLASS[row.sizeClass] ?? row.sizeClass.replace("–", "-");
    if (!codes.sizeBandCodes.has(band)) return `unknown size class ${row.sizeClass}`;
    sizeBand = band;
  }
  const foundedYear = row.registered === null ? null : Number(row.registered.slice(0, 4));
  if (foundedYear !== null && foundedYear > thisYear) {
    return `the registration date ${row.registered} is in the future`;
  }
  return {
    org_number: org.number,
    is_sole_trader: org.isSoleTrader,
    name: row.name,
    postal_code: row.postalCode,
    municipality_code: row.municipalityCode,
    sni_codes: row.sniCodes,
    size_band: sizeBand,
    founded_year: foundedYear,
  };
}

/**
 * Imports a semicolon-separated, UTF-8 register file with a header row (columns: docs, "Importing the
 * company register"). One company per org number: a new one is inserted; an existing one gets the register's
 * values except in the fields staff curated, and keeps its contacts, needs and consents. Where a non-empty
 * register value differs from a curated one, a pending difference with source "register" is recorded for
 * staff to accept or keep; one that now agrees is cleared (planRegisterDifferences). A row with a bad
 * org number, an unknown municipality, SNI division or size class, or an org number seen earlier in the file,
 * is left out, reported through `onInvalid` and counted. One audit entry (actor "cli") with the counts.
 * Throws VALIDATION_FAILED for a file without the required columns, and for unreadable CSV (with its line).
 */
export async function importCompanyRegister(
  db: Db,
  input: Readable,
  options: RegisterImportOptions = {},
): Promise<RegisterImportReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const dryRun = options.dryRun === true;
  const report: RegisterImportReport = {
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    wouldInsert: 0,
    wouldUpdate: 0,
    soleTraders: 0,
    differences: 0,
    differencesCleared: 0,
    seconds: 0,
    dryRun,
  };
  const codes = await reference.getReferenceCodes(db);
  const thisYear = new Date().getFullYear();
  const seen = new OrgNumberSet();
  const firstLine = new Map<string, number>();
  const parser = input.pipe(
    parse({ delimiter: ";", bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );

  // One batch is written while the next is parsed; at most two are held.
  let pending: Promise<void> = Promise.resolve();
  const write = async (batch: repository.RegisterCompanyRow[]) => {
    const orgNumbers = batch.map((row) => row.org_number);
    if (dryRun) {
      const taken = await repository.findRegisterTargets(db, orgNumbers, { onlyCurated: false });
      report.wouldUpdate += taken.length;
      report.wouldInsert += batch.length - taken.length;
      const plan = planRegisterDifferences(batch, taken);
      report.differences += plan.differences;
      report.differencesCleared += plan.clear.length;
      return;
    }
    const done = await db.transaction().execute(async (trx) => {
      // Curated values are read before the upsert, which never changes them.
      const targets = await repository.findRegisterTargets(trx, orgNumbers, { onlyCurated: true });
      const counts = await repository.upsertRegisterCompanies(trx, batch);
      const plan = planRegisterDifferences(batch, targets);
      await repository.upsertRegisterDifferences(trx, plan.upsert);
      await repository.deletePendingDifferences(trx, plan.clear);
      return { ...counts, differences: plan.differences, cleared: plan.clear.length };
    });
    report.inserted += done.inserted;
    report.updated += done.updated;
    report.unchanged += batch.length - done.inserted - done.updated;
    report.differences += done.differences;
    report.differencesCleared += done.cleared;
  };
  const flush = async (batch: repository.RegisterCompanyRow[]) => {
    await pending;
    pending = write(batch);
    // Keep an unawaited failure from being reported as unhandled before the next flush awaits it.
    pending.catch(() => {});
  };

  let columns: Columns | undefined;
  let batch: repository.RegisterCompanyRow[] = [];
  let lastProgress = started;
  const progressEvery = options.progressEveryMs ?? 3_000;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        columns = mapHeader(record);
        continue;
      }
      report.rows++;
      const checked = checkRow(record, columns, codes, thisYear);
      if (typeof checked !== "string" && !seen.add(checked.org_number)) {
        report.invalid++;
        options.onInvalid?.({
          line: info.lines,
          reason: `org number ${checked.org_number} appears earlier in the file${
            firstLine.has(checked.org_number) ? ` (line ${firstLine.get(checked.org_number)})` : ""
          }`,
        });
      } else if (typeof checked === "string") {
        report.invalid++;
        options.onInvalid?.({ line: info.lines, reason: checked });
      } else {
        // Lines are remembered only for small files, where the message is read; memory stays flat.
        if (firstLine.size < 10_000) firstLine.set(checked.org_number, info.lines);
        if (checked.is_sole_trader) report.soleTraders++;
        batch.push(checked);
        if (batch.length >= batchSize) {
          await flush(batch);
          batch = [];
        }
      }
      const now = performance.now();
      if (options.onProgress && now - lastProgress >= progressEvery) {
        lastProgress = now;
        options.onProgress({ rows: report.rows, seconds: (now - started) / 1000 });
      }
    }
  } catch (error) {
    await pending.catch(() => {});
    const code = (error as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("CSV_")) {
      throw new AppError("VALIDATION_FAILED", `The file is not readable CSV: ${(error as Error).message}`);
    }
    throw error;
  }
  if (!columns) throw new AppError("VALIDATION_FAILED", "The file is empty: it has no header row.");
  await flush(batch);
  await pending;
  report.seconds = (performance.now() - started) / 1000;
  if (!dryRun) {
    await recordAudit(db, {
      actor: CLI_ACTOR,
      action: "import",
      recordType: "company-register",
      details: {
        rows: report.rows,
        inserted: report.inserted,
        updated: report.updated,
        unchanged: report.unchanged,
        invalid: report.invalid,
        soleTraders: report.soleTraders,
        differences: report.differences,
        differencesCleared: report.differencesCleared,
      },
    });
  }
  return report;
}
