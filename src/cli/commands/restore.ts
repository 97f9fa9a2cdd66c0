import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "#src/config.ts";
import { createDb } from "#src/db/client.ts";
import {
  BackupRefusedError,
  BackupVerificationError,
  restoreBackup,
} from "#src/features/backup/backup.service.ts";
import { type CliOutput, progressPrinter } from "./backup.ts";

/** Help text of `lots restore`, for the CLI's usage. */
export const RESTORE_USAGE = `  lots restore FILE [--yes]  Replace the database's data with the backup in FILE, then check every table's
                             rows and checksum. Needs the same migration level; a database holding data is
                             emptied only with --yes. Stop the server first.`;

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `lots restore FILE`: 0 when restored and verified, 1 when refused or different (nothing changed), 2 on usage. */
export async function runRestoreCommand(
  config: Config,
  options: { file: string | undefined; yes: boolean },
  io: CliOutput = processOutput,
): Promise<number> {
  if (!options.file) {
    io.err(`Say which backup to restore.\n\nUsage:\n${RESTORE_USAGE}\n`);
    return 2;
  }
  const file = path.resolve(options.file);
  if (!existsSync(file)) {
    io.err(`${file} does not exist.\n`);
    return 1;
  }
  const started = performance.now();
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    io.err(
      `Restoring ${file} into the ${handle.kind === "postgres" ? "PostgreSQL" : "embedded PGlite"} database …\n`,
    );
    const report = await restoreBackup(handle.db, file, {
      yes: options.yes,
      onProgress: progressPrinter(io),
    });
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(
      `Restored ${report.tables.length} tables, ${rows} rows, from the backup of ${report.header.createdAt} ` +
        `(migration ${report.header.migration}) in ${seconds} s. Verified: every table's row count and ` +
        "checksum equal the backup's.\n",
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusedError || error instanceof BackupVerificationError) {
      io.err(`Not restored: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await handle.close();
  }
}
