import { writeFile } from "node:fs/promises";
import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
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
  const file = options.file;
  return withMigratedDatabase(config, async (db) => {
    const document = await exportHsdsDocument(db);
    const text = `${JSON.stringify(document, null, 2)}\n`;
    if (file === "-") io.out(text);
    else await writeFile(file, text, "utf8");
    await recordAudit(db, { actor: CLI_ACTOR, action: "export", recordType: "hsds-document" });
    const services = document.organizations.reduce((n, o) => n + o.services.length, 0);
    io.err(
      `Exported ${document.organizations.length} organizations and ${services} services${file === "-" ? "" : ` to ${file}`}.\n`,
    );
    return 0;
  });
}
