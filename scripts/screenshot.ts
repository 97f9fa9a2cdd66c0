// Takes docs/screenshot.png (the home page at 1280x800) for the README, with the same server setup and
// Chromium as the browser tests: a fresh embedded database in a temporary folder, on a free port.
// Run: npx tsx scripts/screenshot.ts [path] [url-path]   (defaults: docs/screenshot.png and /)
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "#src/config.ts";
import { startServer } from "#src/server.ts";
import { createLogger } from "#src/shared/logger.ts";
import { launchBrowser } from "#tests/support/browser.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const output = path.resolve(root, process.argv[2] ?? "docs/screenshot.png");
const pagePath = process.argv[3] ?? "/";

const dataDir = mkdtempSync(path.join(tmpdir(), "lots-screenshot-"));
const config = loadConfig({
  NODE_ENV: "test",
  HOST: "127.0.0.1",
  PORT: "0",
  DATA_DIR: dataDir,
  LOG_LEVEL: "warn",
  SESSION_SECRET: "screenshot-secret-screenshot-secret-0123",
});
const server = await startServer(config, createLogger({ level: config.logLevel }), { graceMs: 1_000 });
try {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: "light",
      locale: "sv-SE",
    });
    const page = await context.newPage();
    await page.goto(new URL(pagePath, server.url).href, { waitUntil: "networkidle" });
    mkdirSync(path.dirname(output), { recursive: true });
    await page.screenshot({ path: output });
    console.log(`Wrote ${path.relative(root, output)}`);
  } finally {
    await browser.close();
  }
} finally {
  await server.stop("screenshot taken");
  rmSync(dataDir, { recursive: true, force: true });
}
