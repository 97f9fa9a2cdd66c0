import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip, gzipSync } from "node:zlib";
import { sql } from "kysely";
import type { Db, DbKind } from "#src/db/client.ts";
import {
  BACKUP_FORMAT,
  type BackupHeader,
  type BackupTable,
  openBackup,
  tableMarker,
} from "./backup.format.ts";
import {
  appliedMigrations,
  fetchInBatches,
  hasRows,
  insertJsonRows,
  listDataTables,
  quoteIdent,
  readSequences,
  rowsAsJsonQuery,
  type TableInfo,
  writeSequence,
} from "./backup.repository.ts";

/**
 * Tables the migrations fill with reference data (counties, SNI codes, …). Their rows alone do not make a
 * database "non-empty" for `lots restore`: a freshly migrated database has them and loses nothing.
 */
export const REFERENCE_TABLES = [
  "catalogue_state",
  "counties",
  "municipalities",
  "need_themes",
  "offer_formats",
  "postal_codes",
  "size_bands",
  "sni_codes",
];

/** What a progress line says: a table's rows so far (`done` once it is complete). */
export type BackupProgress = {
  phase: "backup" | "restore" | "verify";
  table: string;
  rows: number;
  done: boolean;
};

type CommonOptions = { batchSize?: number; onProgress?: (progress: BackupProgress) => void | Promise<void> };

/** Why a restore would not start; nothing was changed. */
export class BackupRefusedError extends Error {
  constructor(
    readonly reason: "MIGRATION_MISMATCH" | "SCHEMA_MISMATCH" | "NOT_EMPTY" | "BAD_FILE",
    message: string,
  ) {
    super(message);
    this.name = "BackupRefusedError";
  }
}

/** The restored data differed from the backup; the restore was rolled back. */
export class BackupVerificationError extends Error {
  constructor(
    readonly mismatches: { table: string; expected: BackupTable; actual: { rows: number; md5: string } }[],
  ) {
    super(
      `The restored data differs from the backup in ${mismatches.map((m) => m.table).join(", ")}; ` +
        "the restore was rolled back and the database is as it was.",
    );
    this.name = "BackupVerificationError";
  }
}

const DEFAULT_BATCH = 1000;
/** A restore batch also stops at this many characters of JSON, so wide rows do not make huge statements. */
const MAX_BATCH_CHARS = 8_000_000;

// Values become JSON text the same way on every database and in every session: timestamps in UTC, intervals
// and bytea in one fixed style. The checksums depend on it.
async function fixSessionFormats(trx: Db): Promise<void> {
  await sql`set local timezone = 'UTC'`.execute(trx);
  await sql`set local intervalstyle = 'postgres'`.execute(trx);
  await sql`set local bytea_output = 'hex'`.execute(trx);
}

/** md5 over the rows' JSON texts joined by newlines: `md5(string_agg(to_jsonb(t)::text, E'\n' order by pk))`. */
class RowHash {
  readonly #hash = createHash("md5");
  rows = 0;
  add(json: string): void {
    if (this.rows > 0) this.#hash.update("\n");
    this.#hash.update(json);
    this.rows += 1;
  }
  digest(): string {
    return this.#hash.digest("hex");
  }
}

/**
 * Writes a backup of every table to `file` from ONE repeatable-read, read-only transaction: a single point in
 * time even while other sessions keep writing (on PGlite, which has one connection, they wait for it).
 * Rows are streamed through a cursor `batchSize` at a time. The file appears only when complete (written
 * beside it and renamed). Returns the header and the file's size.
 */
export async function createBackup(
  db: Db,
  kind: DbKind,
  file: string,
  options: CommonOptions = {},
): Promise<{ header: BackupHeader; bytes: number }> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const suffix = randomBytes(4).toString("hex");
  const bodyFile = `${file}.${suffix}.body.partial`;
  const partFile = `${file}.${suffix}.partial`;
  try {
    const header = await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        await fixSessionFormats(trx);
        // The first query takes the snapshot; sequences are read after it, so they are at least as far on as
        // every id the snapshot holds.
        const migrations = await appliedMigrations(trx);
        const migration = migrations.at(-1);
        if (!migration) throw new Error("The database has no Lots tables yet: nothing to back up.");
        const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(trx);
        const sequences = await readSequences(trx);
        const tables = await listDataTables(trx);

        const gzip = createGzip();
        const written = pipeline(gzip, createWriteStream(bodyFile));
        const summaries: BackupTable[] = [];
        try {
          for (const table of tables) {
            const hash = new RowHash();
            await write(gzip, `${tableMarker(table.name)}\n`);
            for await (const batch of fetchInBatches(trx, rowsAsJsonQuery(table), batchSize)) {
              for (const json of batch) hash.add(json);
              await write(gzip, `${batch.join("\n")}\n`);
              await options.onProgress?.({
                phase: "backup",
                table: table.name,
                rows: hash.rows,
                done: false,
              });
            }
            summaries.push({ name: table.name, columns: table.columns, rows: hash.rows, md5: hash.digest() });
            await options.onProgress?.({ phase: "backup", table: table.name, rows: hash.rows, done: true });
          }
        } finally {
          gzip.end();
          await written;
        }
        return {
          format: BACKUP_FORMAT,
          migration,
          migrations,
          createdAt: new Date().toISOString(),
          source: { kind, serverVersion: version.rows[0]?.v ?? "" },
          tables: summaries,
          sequences,
        } satisfies BackupHeader;
      });
    // The header goes first as its own gzip member, then the body's member is copied behind it.
    const out = createWriteStream(partFile);
    out.write(gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(createReadStream(bodyFile), out);
    await rename(partFile, file);
    return { header, bytes: (await stat(file)).size };
  } finally {
    await rm(bodyFile, { force: true });
    await rm(partFile, { force: true });
  }
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, "drain");
}

/** The row count and checksum of one table as it is now (inside the caller's transaction). */
async function checksumTable(
  trx: Db,
  table: TableInfo,
  options: CommonOptions,
): Promise<{ rows: number; md5: string }> {
  const hash = new RowHash();
  for await (const batch of fetchInBatches(trx, rowsAsJsonQuery(table), options.batchSize ?? DEFAULT_BATCH)) {
    for (const json of batch) hash.add(json);
  }
  await options.onProgress?.({ phase: "verify", table: table.name, rows: hash.rows, done: true });
  return { rows: hash.rows, md5: hash.digest() };
}

/**
 * Every data table's row count and checksum, computed exactly as a backup computes them, from one snapshot.
 * What tests and the measurement script compare against a backup's header.
 */
export async function checksumDatabase(
  db: Db,
  options: CommonOptions = {},
): Promise<Omit<BackupTable, "columns">[]> {
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (trx) => {
      await fixSessionFormats(trx);
      const result: Omit<BackupTable, "columns">[] = [];
      for (const table of await listDataTables(trx)) {
        result.push({ name: table.name, ...(await checksumTable(trx, table, options)) });
      }
      return result;
    });
}

/** What a restore did: per table the rows restored, and that each matched the header. */
export type RestoreReport = { header: BackupHeader; tables: { name: string; rows: number; md5: string }[] };

/** Checks the target before anything changes: same migration level, same tables and columns, empty or `yes`. */
async function checkTarget(db: Db, header: BackupHeader, yes: boolean): Promise<TableInfo[]> {
  const level = (await appliedMigrations(db)).at(-1);
  if (level !== header.migration) {
    throw new BackupRefusedError(
      "MIGRATION_MISMATCH",
      `The backup is at migration ${header.migration}, the database at ${level ?? "none (no Lots tables)"}. ` +
        "Bring the database to the backup's level first (`lots db migrate` with the Lots version that made the backup).",
    );
  }
  const tables = await listDataTables(db);
  const here = new Map(tables.map((t) => [t.name, t.columns.join(",")]));
  const differ = header.tables
    .filter((t) => here.get(t.name) !== t.columns.join(","))
    .map((t) => t.name)
    .concat(tables.filter((t) => !header.tables.some((h) => h.name === t.name)).map((t) => t.name));
  if (differ.length > 0) {
    throw new BackupRefusedError(
      "SCHEMA_MISMATCH",
      `The tables of the backup and the database differ (${differ.join(", ")}) although the migration level is the same.`,
    );
  }
  if (!yes) {
    const filled: string[] = [];
    for (const table of tables) {
      if (!REFERENCE_TABLES.includes(table.name) && (await hasRows(db, table.name))) filled.push(table.name);
    }
    if (filled.length > 0) {
      throw new BackupRefusedError(
        "NOT_EMPTY",
        `The database holds data (${filled.slice(0, 5).join(", ")}${filled.length > 5 ? ", …" : ""}). ` +
          "Restoring replaces all of it: run again with --yes to empty it first.",
      );
    }
  }
  return tables;
}

/**
 * Restores `file` into `db` in ONE transaction: refuses (BackupRefusedError, nothing changed) unless the
 * database is at the backup's migration level and is empty or `yes` is given; then empties every data table,
 * inserts the rows in foreign-key order with user triggers off (the derived tables are restored as data),
 * sets the sequences, and recomputes every table's count and checksum. Any difference throws
 * BackupVerificationError and rolls everything back.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  options: CommonOptions & { yes?: boolean } = {},
): Promise<RestoreReport> {
  const backup = await openBackup(file);
  try {
    const { header } = backup;
    const tables = await checkTarget(db, header, options.yes === true);
    const byName = new Map(tables.map((t) => [t.name, t]));
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    return await db.transaction().execute(async (trx) => {
      await fixSessionFormats(trx);
      // Owner rights suffice for all of this (no superuser, no session_replication_role): foreign keys stay on
      // and are satisfied by the insert order, so the restore also proves the data's references are whole.
      const triggered = tables.filter((t) => t.hasTriggers);
      for (const t of triggered)
        await sql.raw(`alter table public.${quoteIdent(t.name)} disable trigger user`).execute(trx);
      await sql.raw(`truncate ${tables.map((t) => `public.${quoteIdent(t.name)}`).join(", ")}`).execute(trx);

      let current: TableInfo | undefined;
      let stage: string | undefined;
      let buffer: string[] = [];
      let chars = 0;
      let count = 0;
      const seen: string[] = [];
      const flush = async () => {
        if (!current || buffer.length === 0) return;
        await insertJsonRows(trx, current, buffer, stage);
        buffer = [];
        chars = 0;
        await options.onProgress?.({ phase: "restore", table: current.name, rows: count, done: false });
      };
      const finishTable = async () => {
        if (!current) return;
        await flush();
        if (stage) {
          // A self-referencing table (meetings.cloned_from) goes in as one statement: foreign keys are checked
          // at its end, so a row may point at one that comes later in the file.
          const columns = current.insertColumns.map(quoteIdent).join(", ");
          await sql
            .raw(
              `insert into public.${quoteIdent(current.name)} (${columns}) overriding system value select ${columns} from ${stage}`,
            )
            .execute(trx);
          await sql.raw(`drop table ${stage}`).execute(trx);
          stage = undefined;
        }
        const expected = header.tables.find((t) => t.name === current?.name)?.rows;
        if (expected !== count) {
          throw new BackupRefusedError(
            "BAD_FILE",
            `${current.name}: the file holds ${count} rows, its header says ${expected}.`,
          );
        }
        await options.onProgress?.({ phase: "restore", table: current.name, rows: count, done: true });
      };
      for await (const line of backup.lines) {
        if (line.kind === "table") {
          await finishTable();
          current = byName.get(line.name);
          if (!current || seen.includes(line.name)) {
            throw new BackupRefusedError("BAD_FILE", `Unexpected table ${line.name} in the file.`);
          }
          seen.push(line.name);
          count = 0;
          if (current.selfReferencing) {
            stage = "lots_restore_stage";
            await sql
              .raw(`create temp table ${stage} (like public.${quoteIdent(current.name)}) on commit drop`)
              .execute(trx);
          }
          continue;
        }
        if (!current) throw new BackupRefusedError("BAD_FILE", "A row comes before any table marker.");
        buffer.push(line.json);
        chars += line.json.length;
        count += 1;
        if (buffer.length >= batchSize || chars >= MAX_BATCH_CHARS) await flush();
      }
      await finishTable();
      const missing = header.tables.filter((t) => !seen.includes(t.name)).map((t) => t.name);
      if (missing.length > 0)
        throw new BackupRefusedError("BAD_FILE", `The file ends before ${missing.join(", ")}.`);

      for (const t of triggered)
        await sql.raw(`alter table public.${quoteIdent(t.name)} enable trigger user`).execute(trx);
      for (const sequence of header.sequences) await writeSequence(trx, sequence);

      const results: RestoreReport["tables"] = [];
      const mismatches: BackupVerificationError["mismatches"] = [];
      for (const expected of header.tables) {
        const actual = await checksumTable(trx, byName.get(expected.name) as TableInfo, {
          ...options,
          batchSize,
        });
        results.push({ name: expected.name, ...actual });
        if (actual.rows !== expected.rows || actual.md5 !== expected.md5) {
          mismatches.push({ table: expected.name, expected, actual });
        }
      }
      if (mismatches.length > 0) throw new BackupVerificationError(mismatches);
      return { header, tables: results };
    });
  } finally {
    backup.close();
  }
}
