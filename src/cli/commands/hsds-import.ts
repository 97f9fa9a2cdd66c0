import { readFile } from "node:fs/promises";
import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { type ImportReport, importHsds } from "#src/features/hsds/hsds.service.ts";
import { AppError } from "#src/shared/errors.ts";

/** Help text of `lots import hsds`, for the CLI's usage. */
export const HSDS_IMPORT_USAGE = `  lots import hsds FILE [--skip-invalid] [--dry-run]
                             Import an Open Referral HSDS 3.0 document ({"organizations": [...]} with
                             services embedded; see docs/hsds-profile.md). Every problem is listed with
                             its path; with problems nothing is imported unless --skip-invalid, which
                             imports the valid records and lists the rest. --dry-run only checks. Ids are
                             kept, so importing the same file again updates instead of duplicating.`;

export type HsdsImportOptions = { file?: string | undefined; skipInvalid?: boolean; dryRun?: boolean };

type Output = { out(text: string): void; err(text: string): void };

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Progress goes to stderr every `PROGRESS_EVERY` services, and once at the end. */
const PROGRESS_EVERY = 500;

function summary(report: ImportReport, dryRun: boolean): string {
  const { totals, valid, organisations, offers } = report;
  const lines = [
    `The document has ${totals.organizations} organizations and ${totals.services} services; ` +
      `${valid.organizations} organizations and ${valid.services} services are valid.`,
  ];
  if (report.imported) {
    lines.push(
      `Imported: organisations ${organisations.created} new, ${organisations.updated} updated; ` +
        `offers ${offers.created} new, ${offers.updated} changed, ${offers.unchanged} unchanged.`,
    );
  } else if (dryRun) lines.push("Dry run: nothing was imported.");
  return `${lines.join("\n")}\n`;
}

/**
 * `lots import hsds FILE`: returns the exit code — 0 when the document was imported (with --skip-invalid:
 * its valid part, the left-out records listed on stderr) or, with --dry-run, has no problems; 1 when its
 * problems (listed on stderr) kept anything from being imported; 2 for bad usage or an unreadable file.
 * The summary goes to stdout, progress and problems to stderr. Acts as the system actor "cli".
 */
export async function runHsdsImport(config: Config, options: HsdsImportOptions, io: Output = processOutput) {
  if (!options.file) {
    io.err(`Say which file to import.\n\nUsage:\n${HSDS_IMPORT_USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(options.file, "utf8");
  } catch (error) {
    io.err(`Cannot read ${options.file}: ${(error as Error).message}\n`);
    return 2;
  }
  return withMigratedDatabase(config, async (db) => {
    let report: ImportReport;
    try {
      report = await importHsds(db, CLI_ACTOR, text, {
        skipInvalid: options.skipInvalid === true,
        dryRun: options.dryRun === true,
        chunkSize: PROGRESS_EVERY,
        onProgress: ({ stage, done, total }) => {
          if (stage === "checked") io.err(`Checked ${total} services.\n`);
          else io.err(`Imported ${done} of ${total} services.\n`);
        },
      });
    } catch (error) {
      if (error instanceof AppError) {
        io.err(`Nothing was imported: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    for (const problem of report.problems) io.err(`${problem.path}: ${problem.message}\n`);
    if (report.problems.length > 0) {
      io.err(
        report.imported
          ? `${report.problems.length} problems; left out (--skip-invalid):\n${report.rejected.map((p) => `  ${p}\n`).join("")}`
          : `${report.problems.length} problems: nothing was imported. Fix them, or import the valid records with --skip-invalid.\n`,
      );
    }
    io.out(summary(report, options.dryRun === true));
    return report.imported || report.problems.length === 0 ? 0 : 1;
  });
}
