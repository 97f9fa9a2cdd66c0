import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { type RetentionReport, runRetentionNow } from "#src/features/retention/retention.service.ts";

/** Help text of `lots retention run`, for the CLI's usage. */
export const RETENTION_RUN_USAGE = `  lots retention run         Apply every organisation's retention periods now (the daily job does this
                             once a day) and print what was removed. Logged as a manual run; every
                             removal is in the audit log as "retention job".`;

type Output = { out(text: string): void; err(text: string): void };

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The report as lines: one per organisation with removals, then the totals. */
export function formatRetentionReport(report: RetentionReport, names: Map<string, string>): string {
  const line = (label: string, c: RetentionReport["totals"]) =>
    `${label}: ${c.contactsErased} contact persons erased, ${c.responsesScrubbed} answers scrubbed, ` +
    `${c.needsCleared} need descriptions cleared, ${c.registrationsErased ?? 0} meeting registrations anonymised`;
  const lines = Object.entries(report.organisations).map(([id, counts]) =>
    line(`  ${names.get(id) ?? id}`, counts),
  );
  if (lines.length === 0) lines.push("  Nothing was past its retention period.");
  return `Retention run ${report.runId} (${report.day}):\n${lines.join("\n")}\n${line("Total", report.totals)}\n`;
}

/** `lots retention run`: runs retention now and prints what it removed. Exit code 0, or throws. */
export async function runRetentionCommand(config: Config, io: Output = processOutput): Promise<number> {
  return withMigratedDatabase(config, async (db) => {
    const report = await runRetentionNow(db);
    const names = new Map((await listOrganisations(db)).map((o) => [o.id, o.name]));
    io.out(formatRetentionReport(report, names));
    return 0;
  });
}
