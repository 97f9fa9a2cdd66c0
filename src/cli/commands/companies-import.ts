import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
import type { RegisterImportReport } from "#src/features/companies/companies.import.schemas.ts";
import { importCompanyRegister } from "#src/features/companies/companies.import.ts";
import { AppError } from "#src/shared/errors.ts";

/** Help text of `lots companies import`, for the CLI's usage. */
export const COMPANIES_IMPORT_USAGE = `  lots companies import FILE.csv [--dry-run]
                             Import an extract of SCB's company register (semicolon-separated UTF-8 with a
                             header: PeOrgNr, Företagsnamn, PostNr, Säteskommun, Ng1–Ng5, Storleksklass,
                             Registreringsdatum; see the README). New org numbers are added; existing
                             companies get the register's values except in fields staff curated, where a
                             different register value waits on the company page for staff to accept or
                             keep. Bad rows are listed with their line and left out. --dry-run only checks.`;

export type CompaniesImportOptions = { file?: string | undefined; dryRun?: boolean };

type Output = { out(text: string): void; err(text: string): void };

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The line on differences from curated fields: only when there are any, or some were cleared. */
function differencesLine(report: RegisterImportReport): string {
  const { differences: n, differencesCleared: cleared, dryRun } = report;
  if (n === 0 && cleared === 0) return "";
  const differ =
    n === 0
      ? "No curated field differs from the register."
      : `${n} curated ${n === 1 ? "field differs" : "fields differ"} from the register` +
        (dryRun
          ? " and would wait for staff on the company pages."
          : ": kept, and waiting for staff to accept or keep on the company pages.");
  const clearedText =
    cleared === 0
      ? ""
      : ` ${cleared} earlier ${cleared === 1 ? "difference" : "differences"} ` +
        `${dryRun ? "would be cleared" : "cleared"}: the register now agrees.`;
  return `${differ}${clearedText}\n`;
}

/** The summary line(s) printed at the end. */
export function importSummary(report: RegisterImportReport): string {
  const rate = report.seconds > 0 ? Math.round(report.rows / report.seconds) : report.rows;
  const head = `${report.rows} rows in ${report.seconds.toFixed(1)} s (${rate} rows/s): `;
  const counts = report.dryRun
    ? `${head}${report.rows - report.invalid} valid (${report.wouldInsert} new, ${report.wouldUpdate} already registered), ` +
      `${report.invalid} invalid.`
    : `${head}inserted ${report.inserted}, updated ${report.updated}, unchanged ${report.unchanged}, ` +
      `invalid ${report.invalid}.`;
  return `${counts}\n${differencesLine(report)}${report.dryRun ? "Dry run: nothing was written.\n" : ""}`;
}

/**
 * `lots companies import FILE.csv [--dry-run]`: returns the exit code — 0 when the file was read to the end
 * (invalid rows are listed on stderr and counted, they do not fail the import), 1 when the file itself is
 * unusable (no header with the required columns, broken CSV), 2 for bad usage or an unreadable file.
 * Progress and problems go to stderr, the summary to stdout. Acts as the system actor "cli".
 */
export async function runCompaniesImport(
  config: Config,
  options: CompaniesImportOptions,
  io: Output = processOutput,
): Promise<number> {
  if (!options.file) {
    io.err(`Say which file to import.\n\nUsage:\n${COMPANIES_IMPORT_USAGE}\n`);
    return 2;
  }
  try {
    await access(options.file);
  } catch (error) {
    io.err(`Cannot read ${options.file}: ${(error as Error).message}\n`);
    return 2;
  }
  const file = options.file;
  return withMigratedDatabase(config, async (db) => {
    try {
      const report = await importCompanyRegister(db, createReadStream(file), {
        dryRun: options.dryRun === true,
        onInvalid: ({ line, reason }) => io.err(`line ${line}: ${reason}\n`),
        onProgress: ({ rows, seconds }) =>
          io.err(`${rows} rows read, ${Math.round(rows / seconds)} rows/s\n`),
      });
      io.out(importSummary(report));
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`Import stopped: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  });
}
