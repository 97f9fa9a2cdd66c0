import { defineConfig } from "vitest/config";

// Projects: unit (pure logic), integration on PGlite and on PostgreSQL (the same *.int.test.ts files run
// twice), and browser journeys in Chromium. scripts/test.mjs provides PostgreSQL and Chromium.
const integrationFiles = ["src/**/*.int.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"];

export default defineConfig({
  test: {
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.{ts,tsx}"], exclude: integrationFiles },
      },
      {
        extends: true,
        test: {
          name: "pglite",
          include: integrationFiles,
          env: { LOTS_TEST_DB: "pglite" },
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "postgres",
          include: integrationFiles,
          env: { LOTS_TEST_DB: "postgres" },
          globalSetup: ["tests/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.spec.{ts,tsx}"],
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
