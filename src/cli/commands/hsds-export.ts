import { writeFile } from "node:fs/promises";
import type { Config } from "#src/config.ts";
import { createDb } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { CLI_ACTOR, recordAudit } from "#src/features/audit/audit.service.ts";
import { exportHsdsDocument } from "#src/features/hsds/hsds.service.ts";

/** Help text of `lots export hsds`, for the CLI's usage. */
export const HSDS_EXPORT_USAGE = `  lots export hsds FILE      Write every organisation and offer (any status, with contact persons) as an
                             Open Referral HSDS 3.0 document ({"organizations": [...]}); FILE "-" is stdout.`;

type Output = { out(text: string): void; err(text: string): void };

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * `lots export hsds FILE`: writes the catalogue and returns the exit code (0, or 2 without a file). The
 * export is audited as the system actor "cli", since it holds contact persons.
 */
export async function runHsdsExport(
  config: Config,
  options: { file?: string | undefined },
  io: Output = processOutput,
) {
  if (!options.file) {
    io.err(`Say where to write the document.\n\nUsage:\n${HSDS_EXPORT_USAGE}\n`);
    return 2;
  }
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    const document = await exportHsdsDocument(handle.db);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (options.file === "-") io.out(text);
    else await writeFile(options.file, text, "utf8");
    await recordAudit(handle.db, { actor: CLI_ACTOR, action: "export", recordType: "hsds-document" });
    const services = document.organizations.reduce((n, o) => n + o.services.length, 0);
    io.err(
      `Exported ${document.organizations.length} organizations and ${services} services${options.file === "-" ? "" : ` to ${options.file}`}.\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}
