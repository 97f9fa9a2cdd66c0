import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "#src/config.ts";
import { createDb } from "#src/db/client.ts";
import { type BackupProgress, createBackup } from "#src/features/backup/backup.service.ts";

/** Help text of `lots backup`, for the CLI's usage. */
export const BACKUP_USAGE = `  lots backup FILE [--yes]   Write every table to FILE (gzip'd JSON lines) from one consistent snapshot;
                             the server may keep running on PostgreSQL. Overwrites FILE only with --yes.`;

/** Where the command writes: stdout for the result, stderr for progress. */
export type CliOutput = { out(text: string): void; err(text: string): void };

const processOutput: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A progress printer for stderr: one line per finished table, and one per 100,000 rows of a big table. */
export function progressPrinter(io: CliOutput): (progress: BackupProgress) => void {
  const verb = { backup: "backed up", restore: "restored", verify: "verified" } as const;
  let lastMark = 0;
  return (progress) => {
    if (progress.done) {
      io.err(`  ${progress.table}: ${progress.rows} rows ${verb[progress.phase]}\n`);
      lastMark = 0;
    } else if (progress.rows - lastMark >= 100_000) {
      lastMark = progress.rows;
      io.err(`  ${progress.table}: ${progress.rows} rows …\n`);
    }
  };
}

/** `lots backup FILE`: writes the backup and prints its size, tables and rows. Exit code 0, 1 or 2. */
export async function runBackupCommand(
  config: Config,
  options: { file: string | undefined; yes: boolean },
  io: CliOutput = processOutput,
): Promise<number> {
  if (!options.file) {
    io.err(`Say where to write the backup.\n\nUsage:\n${BACKUP_USAGE}\n`);
    return 2;
  }
  const file = path.resolve(options.file);
  if (existsSync(file) && !options.yes) {
    io.err(`${file} exists. Choose another file, or run with --yes to overwrite it.\n`);
    return 1;
  }
  const started = performance.now();
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  try {
    io.err(`Backing up the ${handle.kind === "postgres" ? "PostgreSQL" : "embedded PGlite"} database …\n`);
    const { header, bytes } = await createBackup(handle.db, handle.kind, file, {
      onProgress: progressPrinter(io),
    });
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(
      `Backup written to ${file}: ${header.tables.length} tables, ${rows} rows, ${bytes} bytes, ` +
        `migration ${header.migration}, ${seconds} s.\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
