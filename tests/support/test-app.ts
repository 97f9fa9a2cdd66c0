import { buildApp } from "#src/app.ts";
import { loadConfig } from "#src/config.ts";
import { createLogger } from "#src/shared/logger.ts";
import type { TestDb } from "./test-db.ts";

/** The real app over a test database, for in-process HTTP tests with `app.request()`. */
export function createTestApp(testDb: TestDb, env: Record<string, string> = {}) {
  const config = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: testDb.dataDir ?? "/tmp/lots-test-config",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    ...env,
  });
  const logger = createLogger({ level: process.env.LOTS_TEST_LOG_LEVEL ?? "silent" });
  return buildApp({ config, db: testDb.db, dbKind: testDb.kind, logger });
}
