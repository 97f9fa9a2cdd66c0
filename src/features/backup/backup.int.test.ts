import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBackupCommand } from "#src/cli/commands/backup.ts";
import { runRestoreCommand } from "#src/cli/commands/restore.ts";
import type { Config } from "#src/config.ts";
import { createDb, type Db } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import type { BackupHeader } from "./backup.format.ts";
import {
  BackupRefusedError,
  BackupVerificationError,
  checksumDatabase,
  createBackup,
  restoreBackup,
} from "./backup.service.ts";

// A backup taken while another session keeps writing must be one point in time, and a restore must give back
// exactly that: every table's row count and checksum. The writer puts one row in rate_limits (backed up
// early) and one in audit_log (backed up later) per transaction, so two snapshots would show as unequal counts.

let source: TestDb;
/** One restore target for all tests: a fresh PGlite takes seconds to open, so the tests share it in order. */
let target: TestDb;
let dir: string;
let file: string;
let header: BackupHeader;
let writesBefore = 0;
let writesAfter = 0;

const WRITE_ACTION = "backup-test.write";

function startWriter(db: Db): { count(): number; stop(): Promise<number> } {
  let n = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const key = `backup-test:${n + 1}`;
      await db.transaction().execute(async (trx) => {
        await sql`insert into rate_limits (key, window_started_at, hits) values (${key}, now(), 1)`.execute(
          trx,
        );
        await sql`insert into audit_log (actor_label, action, record_type, record_id)
                  values ('backup test', ${WRITE_ACTION}, 'test', ${key})`.execute(trx);
      });
      n += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  return {
    count: () => n,
    async stop() {
      running = false;
      await loop;
      return n;
    },
  };
}

async function writerRows(db: Db): Promise<{ limits: number; audits: number }> {
  const limits = await sql<{
    n: number;
  }>`select count(*)::int as n from rate_limits where key like 'backup-test:%'`.execute(db);
  const audits = await sql<{
    n: number;
  }>`select count(*)::int as n from audit_log where action = ${WRITE_ACTION}`.execute(db);
  return { limits: limits.rows[0]?.n ?? -1, audits: audits.rows[0]?.n ?? -1 };
}

function expectSameAsHeader(actual: { name: string; rows: number; md5: string }[], expected: BackupHeader) {
  expect(actual).toEqual(expected.tables.map(({ name, rows, md5 }) => ({ name, rows, md5 })));
}

/** Rewrites a backup file's text (both gzip members) for the tests of damaged and foreign files. */
function rewriteBackup(from: string, to: string, change: (text: string) => string) {
  writeFileSync(to, gzipSync(change(gunzipSync(readFileSync(from)).toString("utf8"))));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lots-backup-"));
  file = path.join(dir, "lots.backup.gz");
  source = await createTestDb();
  await seedDemoData(source.db);
  const writer = startWriter(source.db);
  while (writer.count() < 5) await new Promise((resolve) => setTimeout(resolve, 5));
  writesBefore = writer.count();
  // Small batches and a pause after each table stretch the backup, so writes land while it runs.
  ({ header } = await createBackup(source.db, source.kind, file, {
    batchSize: 100,
    onProgress: async (p) => {
      if (p.done) await new Promise((resolve) => setTimeout(resolve, 5));
    },
  }));
  writesAfter = writer.count();
  await writer.stop();
  target = await createTestDb();
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("lots backup and restore", () => {
  it("writes a header with every table, its rows and checksum, and the migration level", async () => {
    expect(header.migration).toBe(header.migrations.at(-1));
    const names = header.tables.map((t) => t.name);
    expect(names).toContain("needs");
    expect(names).toContain("insights_needs_cells");
    expect(names).not.toContain("lots_migrations");
    expect(header.tables.find((t) => t.name === "organisations")?.rows).toBeGreaterThan(0);
    // Foreign-key order: a table comes after the tables it points to.
    expect(names.indexOf("organisations")).toBeLessThan(names.indexOf("offers"));
    expect(names.indexOf("companies")).toBeLessThan(names.indexOf("needs"));
  });

  it("took one snapshot while the writer went on", async () => {
    const limits = header.tables.find((t) => t.name === "rate_limits")?.rows ?? 0;
    const report = await restoreBackup(target.db, file);
    expectSameAsHeader(report.tables, header);
    expectSameAsHeader(await checksumDatabase(target.db), header);
    const rows = await writerRows(target.db);
    expect(rows.audits).toBe(rows.limits);
    expect(rows.limits).toBe(limits);
    expect(rows.limits).toBeGreaterThanOrEqual(writesBefore);
    expect(rows.limits).toBeLessThanOrEqual(writesAfter);
    // PostgreSQL: the writer's transactions committed while the backup ran. PGlite has one connection, so
    // there they wait for the backup's transaction instead.
    if (testDbKind() === "postgres") expect(writesAfter).toBeGreaterThan(rows.limits);

    // Sequences continue after the restored ids.
    const maxId = await sql<{ id: number }>`select max(id)::int as id from audit_log`.execute(target.db);
    const next = await sql<{ id: number }>`insert into audit_log (actor_label, action, record_type)
        values ('t', 't', 't') returning id::int as id`.execute(target.db);
    expect(next.rows[0]?.id).toBeGreaterThan(maxId.rows[0]?.id ?? 0);

    // Now the target holds data: a second restore refuses without yes (the later tests restore with it).
    await expect(restoreBackup(target.db, file)).rejects.toMatchObject({ reason: "NOT_EMPTY" });
  });

  it("refuses a backup from another migration level, and rolls back a restore whose data differs", async () => {
    const foreign = path.join(dir, "foreign.gz");
    rewriteBackup(file, foreign, (text) => text.replace(header.migration, "2099-01-01T0000_future"));
    const refused = await restoreBackup(target.db, foreign).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackupRefusedError);
    expect(refused).toMatchObject({ reason: "MIGRATION_MISMATCH" });

    const before = await checksumDatabase(target.db);
    const damaged = path.join(dir, "damaged.gz");
    rewriteBackup(file, damaged, (text) => text.replace(`"${WRITE_ACTION}"`, '"backup-test.changed"'));
    const failed = await restoreBackup(target.db, damaged, { yes: true }).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BackupVerificationError);
    expect((failed as BackupVerificationError).mismatches.map((m) => m.table)).toEqual(["audit_log"]);
    expect(await checksumDatabase(target.db)).toEqual(before);
  });

  it.runIf(testDbKind() === "postgres")("runs as `lots backup` and `lots restore`", async () => {
    const output = { out: "", err: "" };
    const io = {
      out: (text: string) => {
        output.out += text;
      },
      err: (text: string) => {
        output.err += text;
      },
    };
    const config = (databaseUrl: string | undefined) => ({ databaseUrl, dataDir: dir }) as Config;
    const cliFile = path.join(dir, "cli.gz");
    expect(await runBackupCommand(config(source.databaseUrl), { file: cliFile, yes: false }, io)).toBe(0);
    expect(output.out).toMatch(/^Backup written to .*cli\.gz: \d+ tables, \d+ rows/);
    expect(output.err).toMatch(/organisations: \d+ rows backed up/);
    expect(await runBackupCommand(config(source.databaseUrl), { file: cliFile, yes: false }, io)).toBe(1);
    // The target holds the restored backup by now: refused without --yes, replaced with it.
    expect(await runRestoreCommand(config(target.databaseUrl), { file: cliFile, yes: false }, io)).toBe(1);
    expect(output.err).toContain("run again with --yes");
    expect(await runRestoreCommand(config(target.databaseUrl), { file: cliFile, yes: true }, io)).toBe(0);
    expect(output.out).toContain("Verified: every table's row count and checksum equal the backup's.");
  });

  // A managed PostgreSQL gives the application an owner role, not a superuser: no session_replication_role.
  it.runIf(testDbKind() === "postgres")(
    "restores as the schema's owner without superuser rights",
    async () => {
      const suffix = randomBytes(5).toString("hex");
      const role = `lots_backup_owner_${suffix}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create role ${role} login password '${suffix}'`);
      await admin.query(`create database ${role} owner ${role}`);
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.username = role;
      url.password = suffix;
      url.pathname = `/${role}`;
      const owner = await createDb({ databaseUrl: url.toString(), dataDir: dir, poolSize: 1 });
      try {
        await migrateToLatest(owner.db);
        await expect(sql`set session_replication_role = replica`.execute(owner.db)).rejects.toThrow(
          /permission/,
        );
        expectSameAsHeader((await restoreBackup(owner.db, file)).tables, header);
      } finally {
        await owner.close();
        await admin.query(`drop database if exists ${role} with (force)`);
        await admin.query(`drop role if exists ${role}`);
        await admin.end();
      }
    },
  );

  // PGlite → PostgreSQL → PGlite: the format is logical, so it moves between the two databases unchanged.
  it.runIf(testDbKind() === "pglite" && Boolean(process.env.TEST_DATABASE_URL))(
    "moves from PGlite to PostgreSQL and back",
    async () => {
      const name = `lots_backup_${randomBytes(6).toString("hex")}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL as string);
      url.pathname = `/${name}`;
      const postgres = await createDb({ databaseUrl: url.toString(), dataDir: dir, poolSize: 2 });
      try {
        await migrateToLatest(postgres.db);
        expectSameAsHeader((await restoreBackup(postgres.db, file)).tables, header);
        const second = path.join(dir, "from-postgres.gz");
        const { header: fromPostgres } = await createBackup(postgres.db, postgres.kind, second);
        expect(fromPostgres.source.kind).toBe("postgres");
        expect(fromPostgres.tables).toEqual(header.tables);
        expectSameAsHeader((await restoreBackup(target.db, second, { yes: true })).tables, header);
      } finally {
        await postgres.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );
});
