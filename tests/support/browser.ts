import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/**
 * Launches the system's Chromium (Debian's package; browsers are never downloaded) headless. A missing
 * browser fails the run with instructions instead of skipping the journeys, so accessibility checks
 * cannot silently stop running. No --user-data-dir: Playwright manages a temporary profile itself.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian/Ubuntu: apt-get install -y chromium) ` +
        "or set CHROMIUM_PATH to a Chromium or Chrome binary. The browser tests do not skip.",
    );
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
