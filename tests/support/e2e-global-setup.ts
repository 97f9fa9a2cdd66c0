import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { loadConfig } from "#src/config.ts";
import { startServer } from "#src/server.ts";
import { createLogger } from "#src/shared/logger.ts";

/**
 * Starts the real server for the browser journeys: embedded PGlite in a fresh temporary data directory
 * (migrated and seeded with the demo data on first start, as a new installation would be), on a free
 * port. The tests get its URL through `inject("baseUrl")`; afterwards the server stops and the directory
 * is removed.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "lots-e2e-"));
  const config = loadConfig({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.LOTS_TEST_LOG_LEVEL ?? "warn",
    SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-012345",
  });
  const logger = createLogger({ level: config.logLevel });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config, logger, { graceMs: 2_000 });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide("baseUrl", server.url);
  return async () => {
    try {
      await server.stop("e2e tests finished");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
