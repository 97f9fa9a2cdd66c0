import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ADMIN_CREATE_USAGE, runAdminCreate } from "./cli/commands/admin-create.ts";
import { BACKUP_USAGE, runBackupCommand } from "./cli/commands/backup.ts";
import { COMPANIES_IMPORT_USAGE, runCompaniesImport } from "./cli/commands/companies-import.ts";
import { HSDS_EXPORT_USAGE, runHsdsExport } from "./cli/commands/hsds-export.ts";
import { HSDS_IMPORT_USAGE, runHsdsImport } from "./cli/commands/hsds-import.ts";
import { RESTORE_USAGE, runRestoreCommand } from "./cli/commands/restore.ts";
import { RETENTION_RUN_USAGE, runRetentionCommand } from "./cli/commands/retention-run.ts";
import { runTokenCreate, TOKEN_CREATE_USAGE } from "./cli/commands/token-create.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { createDb, type DbHandle } from "./db/client.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { resetDatabase } from "./db/reset.ts";
import { seedDemoData } from "./features/demo/demo.service.ts";
import { startServer, stopOnSignals } from "./server.ts";
import { createLogger } from "./shared/logger.ts";

const USAGE = `Usage: lots <command>

Commands:
  lots start                 Start the web server (the default). Migrates the database first; on the first
                             start of an empty embedded database, loads the demo data.
  lots db migrate            Apply pending database migrations.
  lots db seed --demo        Load the demo data (the Örebro network; the companies are fictional).
  lots db reset [--yes]      Delete every table and its data, then migrate again. Asks first unless --yes.
                             Add --demo to load the demo data afterwards.
${TOKEN_CREATE_USAGE}
${ADMIN_CREATE_USAGE}
${HSDS_IMPORT_USAGE}
${HSDS_EXPORT_USAGE}
${COMPANIES_IMPORT_USAGE}
${RETENTION_RUN_USAGE}
${BACKUP_USAGE}
${RESTORE_USAGE}
  lots help                  Show this help.

The database is embedded PGlite in DATA_DIR (default ./data) unless DATABASE_URL names a PostgreSQL server.`;

const CliOptions = z.object({ yes: z.boolean().default(false), demo: z.boolean().default(false) });

/** Opens the configured database for one CLI command and always closes it. */
async function withDb<T>(config: Config, work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|j|ja)$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      yes: { type: "boolean", short: "y" },
      demo: { type: "boolean" },
      help: { type: "boolean", short: "h" },
      org: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      "password-stdin": { type: "boolean" },
      "skip-invalid": { type: "boolean" },
      "dry-run": { type: "boolean" },
    },
  });
  const options = CliOptions.parse({ yes: values.yes, demo: values.demo });
  const command = positionals.join(" ") || "start";
  if (values.help || command === "help") {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });

  switch (command) {
    case "start":
    case "serve": {
      const server = await startServer(config, logger);
      console.log(`\n  Lots is running at ${server.url}  (database: ${server.dbKind}; stop with Ctrl+C)\n`);
      stopOnSignals(server, logger);
      return -1; // keep running
    }
    case "db migrate":
      return withDb(config, async ({ db }) => {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
        return 0;
      });
    case "db seed": {
      if (!options.demo) {
        console.error("Say which data to load: lots db seed --demo");
        return 2;
      }
      return withDb(config, async ({ db }) => {
        await migrateToLatest(db);
        const counts = await seedDemoData(db);
        console.log(`Loaded demo data: ${JSON.stringify(counts)}`);
        return 0;
      });
    }
    case "db reset": {
      const where = config.databaseUrl
        ? "the PostgreSQL database in DATABASE_URL"
        : `the embedded database in ${config.dataDir}`;
      if (!options.yes && !(await confirm(`Delete every table and all data in ${where}?`))) {
        console.error("Nothing was deleted. Run with --yes to reset without the question.");
        return 1;
      }
      return withDb(config, async ({ db }) => {
        await resetDatabase(db);
        await migrateToLatest(db);
        if (options.demo) await seedDemoData(db);
        console.log(`Reset ${where}${options.demo ? " and loaded the demo data" : ""}.`);
        return 0;
      });
    }
    // "admin create EMAIL": the e-mail is a positional, so the case is built from the words given.
    case ["admin", "create", ...positionals.slice(2)].join(" "):
      return runAdminCreate(config, {
        positionals: positionals.slice(2),
        name: values.name,
        org: values.org,
        passwordStdin: values["password-stdin"],
      });
    // "import hsds FILE" and "export hsds FILE": the file is a positional, like admin create's e-mail.
    case ["import", "hsds", ...positionals.slice(2)].join(" "):
      if (positionals.length > 3) {
        console.error(`Import one file at a time.\n\nUsage:\n${HSDS_IMPORT_USAGE}`);
        return 2;
      }
      return runHsdsImport(config, {
        file: positionals[2],
        skipInvalid: values["skip-invalid"] === true,
        dryRun: values["dry-run"] === true,
      });
    case ["export", "hsds", ...positionals.slice(2)].join(" "):
      if (positionals.length > 3) {
        console.error(`Export to one file.\n\nUsage:\n${HSDS_EXPORT_USAGE}`);
        return 2;
      }
      return runHsdsExport(config, { file: positionals[2] });
    // "companies import FILE": the file is a positional, like import hsds.
    case ["companies", "import", ...positionals.slice(2)].join(" "):
      if (positionals.length > 3) {
        console.error(`Import one file at a time.\n\nUsage:\n${COMPANIES_IMPORT_USAGE}`);
        return 2;
      }
      return runCompaniesImport(config, { file: positionals[2], dryRun: values["dry-run"] === true });
    case "retention run":
      return runRetentionCommand(config);
    // "backup FILE" and "restore FILE": the file is a positional, like export hsds.
    case ["backup", ...positionals.slice(1)].join(" "):
    case ["restore", ...positionals.slice(1)].join(" "):
      if (positionals.length !== 2) {
        console.error(`Name one file.\n\nUsage:\n${BACKUP_USAGE}\n${RESTORE_USAGE}`);
        return 2;
      }
      return (positionals[0] === "backup" ? runBackupCommand : runRestoreCommand)(config, {
        file: positionals[1],
        yes: options.yes,
      });
    case "token create":
      return runTokenCreate(config, { org: values.org, role: values.role, name: values.name });
    default:
      console.error(`Unknown command: lots ${command}\n\n${USAGE}`);
      return 2;
  }
}

try {
  const code = await run(process.argv.slice(2));
  if (code >= 0) process.exit(code);
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(`\n${error.message}\n`);
    process.exit(error instanceof DataDirLockedError ? 3 : 78);
  }
  if (error instanceof z.ZodError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
}
