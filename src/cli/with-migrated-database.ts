import type { Config } from "#src/config.ts";
import { createDb, type Db } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";

/**
 * Opens the configured database (PGlite in the data folder, or PostgreSQL at DATABASE_URL), brings it to the
 * latest migration, runs `work` on it and closes it again, also when `work` throws. Every CLI command that
 * reads or writes data runs through this, so none of them can leave a PGlite folder open or work on an
 * unmigrated database.
 */
export async function withMigratedDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(handle.db);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}
