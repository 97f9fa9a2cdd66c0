import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import type { Database } from "./schema.ts";

export type DbKind = "pglite" | "postgres";

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** Closes the pool, then PGlite (flushing its files), then releases the data-directory lock. */
  close(): Promise<void>;
};

// PostgreSQL's int8 and numeric arrive as strings by default; counts in Lots fit in a JS number.
const INT8_OID = 20;
pg.types.setTypeParser(INT8_OID, (value) => Number.parseInt(value, 10));
// A `date` is a calendar day, not an instant: keep it as "YYYY-MM-DD" instead of local midnight.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);

/**
 * Opens the database Lots runs on: PostgreSQL when `databaseUrl` is set, otherwise embedded PGlite in
 * `<dataDir>/pglite`. Both go through Kysely's PostgresDialect over a `pg.Pool`, so every query,
 * migration and transaction takes the same driver path.
 */
export async function createDb(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** Told when an idle pooled connection fails (server restart, admin kill); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // Without a listener, an idle connection's error would crash the process.
    pool.on("error", (error) => options.onConnectionError?.(error));
    // Fail now with the server's own message rather than on the first request.
    const client = await pool.connect();
    client.release();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: "postgres", close: () => db.destroy() };
  }

  const lock = acquireDataDirLock(options.dataDir);
  try {
    const pglite = await PGlite.create(path.join(options.dataDir, "pglite"), { extensions: { pg_trgm } });
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: "pglite",
      async close() {
        try {
          await db.destroy();
          await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
