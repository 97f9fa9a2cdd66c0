// `npm run test:backup [-- --extra-rows=N]`: measures `lots backup` and `lots restore` on PGlite and on
// PostgreSQL (DATABASE_URL or TEST_DATABASE_URL names the server; without one only PGlite is measured), and
// across the two. Each source is a fresh database with the demo data plus N generated audit rows (default
// 100,000, so the streaming shows), backed up while a writer keeps committing; each target is a fresh migrated
// database. Prints a Markdown table for docs/reliability.md. Throwaway databases are removed afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { createDb, type DbHandle } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import type { BackupHeader } from "./backup.format.ts";
import { checksumDatabase, createBackup, restoreBackup } from "./backup.service.ts";

const { values } = parseArgs({ options: { "extra-rows": { type: "string", default: "100000" } } });
const extraRows = Number.parseInt(values["extra-rows"] ?? "0", 10);
const serverUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const work = mkdtempSync(path.join(tmpdir(), "lots-backup-measure-"));
const cleanups: (() => Promise<void>)[] = [];
let peakRss = process.memoryUsage().rss;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

type Kind = "pglite" | "postgres";

/** A fresh migrated database of the kind; closed and removed at the end of the run. */
async function freshDb(kind: Kind): Promise<DbHandle> {
  if (kind === "pglite") {
    const handle = await createDb({ dataDir: mkdtempSync(path.join(work, "pglite-")) });
    await migrateToLatest(handle.db);
    cleanups.push(() => handle.close());
    return handle;
  }
  const name = `lots_backup_measure_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl as string);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), dataDir: work, poolSize: 4 });
  await migrateToLatest(handle.db);
  cleanups.push(async () => {
    await handle.close();
    const drop = new pg.Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`drop database if exists ${name} with (force)`);
    await drop.end();
  });
  return handle;
}

/** Commits one rate_limits row and one audit_log row per transaction until stopped. */
function startWriter(handle: DbHandle): { count(): number; stop(): Promise<void> } {
  let n = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const key = `measure:${n + 1}`;
      await handle.db.transaction().execute(async (trx) => {
        await sql`insert into rate_limits (key, window_started_at, hits) values (${key}, now(), 1)`.execute(
          trx,
        );
        await sql`insert into audit_log (actor_label, action, record_type, record_id)
                  values ('measure', 'backup-measure.write', 'test', ${key})`.execute(trx);
      });
      n += 1;
      // PGlite answers without real I/O: without a timer turn here the loop would starve every timer.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  return {
    count: () => n,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function seconds<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

function sameAsHeader(actual: { name: string; rows: number; md5: string }[], header: BackupHeader): boolean {
  const expected = header.tables.map(({ name, rows, md5 }) => ({ name, rows, md5 }));
  return JSON.stringify(actual) === JSON.stringify(expected);
}

const lines: string[] = [];
const files = new Map<Kind, { file: string; header: BackupHeader }>();

for (const kind of ["pglite", "postgres"] as Kind[]) {
  if (kind === "postgres" && !serverUrl) {
    console.error("No DATABASE_URL or TEST_DATABASE_URL: PostgreSQL is not measured.");
    continue;
  }
  console.error(`${kind}: seeding the source …`);
  const source = await freshDb(kind);
  await seedDemoData(source.db);
  if (extraRows > 0) {
    await sql`insert into audit_log (actor_label, action, record_type, record_id, details)
      select 'generated', 'backup-measure.generated', 'test', g::text, jsonb_build_object('n', g)
      from generate_series(1, ${extraRows}::int) g`.execute(source.db);
  }
  const file = path.join(work, `${kind}.backup.gz`);
  console.error(`${kind}: backing up while a writer commits …`);
  const writer = startWriter(source);
  while (writer.count() < 3) await new Promise((resolve) => setTimeout(resolve, 5));
  const before = writer.count();
  const [{ header, bytes }, backupSeconds] = await seconds(() => createBackup(source.db, source.kind, file));
  const during = writer.count() - before;
  await writer.stop();
  files.set(kind, { file, header });

  console.error(`${kind}: restoring into a fresh database …`);
  const target = await freshDb(kind);
  const [report, restoreSeconds] = await seconds(() => restoreBackup(target.db, file));
  const identical =
    sameAsHeader(report.tables, header) && sameAsHeader(await checksumDatabase(target.db), header);
  const pairs = await sql<{ a: number; r: number }>`select
      (select count(*)::int from audit_log where action = 'backup-measure.write') as a,
      (select count(*)::int from rate_limits where key like 'measure:%') as r`.execute(target.db);
  const consistent = pairs.rows[0]?.a === pairs.rows[0]?.r;
  const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
  lines.push(
    `| ${kind} → ${kind} | ${header.tables.length} | ${rows} | ${(bytes / 1024).toFixed(0)} KiB | ` +
      `${backupSeconds.toFixed(1)} s | ${during} | ${consistent ? "yes" : "NO"} | ${restoreSeconds.toFixed(1)} s | ` +
      `${identical ? "yes" : "NO"} |`,
  );
}

// Across the databases: each kind's backup into a fresh database of the other kind.
if (files.size === 2) {
  for (const [from, to] of [
    ["pglite", "postgres"],
    ["postgres", "pglite"],
  ] as [Kind, Kind][]) {
    const { file, header } = files.get(from) as { file: string; header: BackupHeader };
    const target = await freshDb(to);
    const [report, restoreSeconds] = await seconds(() => restoreBackup(target.db, file));
    const identical =
      sameAsHeader(report.tables, header) && sameAsHeader(await checksumDatabase(target.db), header);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    lines.push(
      `| ${from} → ${to} | ${header.tables.length} | ${rows} | | | | | ${restoreSeconds.toFixed(1)} s | ${identical ? "yes" : "NO"} |`,
    );
  }
}

clearInterval(rssTimer);
for (const cleanup of cleanups.reverse()) await cleanup();
rmSync(work, { recursive: true, force: true });

console.log(
  `Backup and restore, demo data + ${extraRows} generated audit rows; ${cpus().length} CPUs, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; peak RSS ${Math.round(peakRss / 2 ** 20)} MiB.\n`,
);
console.log(
  "| backup → restore | tables | rows | file | backup | writer commits while the backup ran | one snapshot | restore + verify | identical |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const line of lines) console.log(line);
if (lines.some((line) => line.includes("NO"))) process.exitCode = 1;
