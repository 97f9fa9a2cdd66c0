import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DbHandle } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";

// Test isolation without PGlite's dump/clone APIs: migrate once into a template (a closed PGlite data
// directory, or a PostgreSQL template database), then give every test file its own copy. Copying a
// closed data directory and reopening it takes well under a second; migrating afresh takes seconds.

export type TestDbKind = "pglite" | "postgres";

/** The PostgreSQL template of this run: unique, since several test runs may share one server. */
function templateDatabase(): string {
  return inject("pgTemplateDatabase");
}

/** Which database this test project runs on (set per Vitest project). */
export function testDbKind(): TestDbKind {
  const kind = process.env.LOTS_TEST_DB;
  if (kind !== "pglite" && kind !== "postgres") throw new Error("LOTS_TEST_DB must be pglite or postgres");
  return kind;
}

/** The PostgreSQL server URL for tests; the test command (scripts/test.mjs) provides it. */
export function testPostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "TEST_DATABASE_URL is not set. Run the tests with `npm test`, which starts a throwaway PostgreSQL cluster.",
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(testPostgresUrl(), "postgres") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Builds the migrated template once per test run; returns where it is (a directory for PGlite). */
export async function prepareTemplate(
  kind: TestDbKind,
): Promise<{ templateDir?: string; templateDatabase?: string; cleanup(): Promise<void> }> {
  if (kind === "pglite") {
    const templateDir = mkdtempSync(path.join(tmpdir(), "lots-template-"));
    const handle = await createDb({ dataDir: templateDir });
    await migrateToLatest(handle.db);
    await handle.close();
    return { templateDir, cleanup: async () => rmSync(templateDir, { recursive: true, force: true }) };
  }
  const template = `lots_template_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${template}`);
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: withDatabase(testPostgresUrl(), template), max: 1 }),
    }),
  });
  await migrateToLatest(db);
  await db.destroy();
  return {
    templateDatabase: template,
    cleanup: () => adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`),
  };
}

export type TestDb = DbHandle & { dataDir?: string; databaseUrl?: string };

/** A fresh, migrated, empty database of this project's kind, for one test file. Close it in afterAll. */
export async function createTestDb(): Promise<TestDb> {
  const kind = testDbKind();
  if (kind === "pglite") {
    const templateDir = inject("pgliteTemplateDir");
    if (!templateDir) throw new Error("The PGlite template is missing: run through Vitest's global setup.");
    const dataDir = mkdtempSync(path.join(tmpdir(), "lots-test-"));
    cpSync(templateDir, dataDir, { recursive: true, filter: (source) => !source.endsWith("lots.lock") });
    const handle = await createDb({ dataDir });
    return {
      ...handle,
      dataDir,
      async close() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `lots_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
  const databaseUrl = withDatabase(testPostgresUrl(), name);
  const handle = await createDb({ databaseUrl, dataDir: tmpdir(), poolSize: 4 });
  return {
    ...handle,
    databaseUrl,
    async close() {
      await handle.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Counts rows of a table; a small helper for assertions. */
export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/**
 * A fresh migrated database for a server started as a child process: the environment to give it
 * (DATA_DIR or DATABASE_URL) and a cleanup. Nothing is opened here, so the child can take the lock.
 */
export async function createServerDatabase(): Promise<{
  env: Record<string, string>;
  cleanup(): Promise<void>;
}> {
  if (testDbKind() === "pglite") {
    const dataDir = mkdtempSync(path.join(tmpdir(), "lots-server-"));
    cpSync(inject("pgliteTemplateDir"), dataDir, {
      recursive: true,
      filter: (source) => !source.endsWith("lots.lock"),
    });
    return {
      env: { DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `lots_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "lots-server-"));
  return {
    env: { DATABASE_URL: withDatabase(testPostgresUrl(), name), DATA_DIR: dataDir },
    async cleanup() {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
