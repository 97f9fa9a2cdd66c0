import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "lots-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("has the documented defaults", () => {
    const dataDir = tempDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      dataDir,
      logLevel: "info",
      publicUrl: "http://127.0.0.1:3000",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("generates a session secret once in development and keeps it in the data directory", () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(path.join(dataDir, "secrets.json"), "utf8")).toContain(first.sessionSecret);
  });

  it("lists every invalid variable at once", () => {
    try {
      loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", PUBLIC_URL: "ftp://x" });
      expect.unreachable("loadConfig accepted a bad environment");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      for (const name of ["PORT", "DATABASE_URL", "LOG_LEVEL", "PUBLIC_URL"])
        expect(problems).toContain(name);
    }
  });

  it("requires real secrets and the public address in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production", DATA_DIR: tempDir() })).toThrow(
      /SESSION_SECRET: is required in production[\s\S]*PUBLIC_URL: is required in production/,
    );
  });

  it("treats an empty DATABASE_URL as unset (embedded PGlite)", () => {
    expect(loadConfig({ DATABASE_URL: "", DATA_DIR: tempDir() }).databaseUrl).toBeUndefined();
  });
});
