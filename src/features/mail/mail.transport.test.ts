import { describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.ts";
import { createLogger } from "#src/shared/logger.ts";
import { isDevOutboxEnabled, messageIdFor, transportFromConfig } from "./mail.transport.ts";

const logger = createLogger({ level: "silent" });

function config(env: Record<string, string>) {
  return loadConfig({
    DATA_DIR: "/tmp/lots-mail-unit-test",
    SESSION_SECRET: "test-secret-test-secret-test-secret-0123",
    PUBLIC_URL: "https://lots.example",
    ...env,
  });
}

describe("transportFromConfig", () => {
  it("uses SMTP whenever SMTP_URL is set", () => {
    for (const NODE_ENV of ["development", "test", "production"]) {
      expect(transportFromConfig(config({ NODE_ENV, SMTP_URL: "smtp://127.0.0.1:2525" }), logger)?.via).toBe(
        "smtp",
      );
    }
  });

  it("logs mail in development and test without SMTP", () => {
    expect(transportFromConfig(config({ NODE_ENV: "development" }), logger)?.via).toBe("log");
    expect(transportFromConfig(config({ NODE_ENV: "test" }), logger)?.via).toBe("log");
  });

  it("has no transport in production without SMTP, so mail waits in the outbox", () => {
    expect(transportFromConfig(config({ NODE_ENV: "production" }), logger)).toBeUndefined();
  });
});

describe("isDevOutboxEnabled", () => {
  it("is on only in development or test without SMTP", () => {
    expect(isDevOutboxEnabled(config({ NODE_ENV: "development" }))).toBe(true);
    expect(isDevOutboxEnabled(config({ NODE_ENV: "test" }))).toBe(true);
    expect(isDevOutboxEnabled(config({ NODE_ENV: "production" }))).toBe(false);
    expect(isDevOutboxEnabled(config({ NODE_ENV: "development", SMTP_URL: "smtp://127.0.0.1:2525" }))).toBe(
      false,
    );
  });
});

describe("messageIdFor", () => {
  it("uses the sender's domain, so every attempt of one mail carries the same Message-ID", () => {
    expect(messageIdFor("0b8f", "Lots <no-reply@lots.example.se>")).toBe("<0b8f@lots.example.se>");
    expect(messageIdFor("0b8f", "no-reply@lots.example.se")).toBe("<0b8f@lots.example.se>");
    expect(messageIdFor("0b8f", "Lots")).toBe("<0b8f@lots.invalid>");
  });
});
