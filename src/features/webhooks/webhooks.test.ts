import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./webhooks.service.ts";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from "./webhooks.worker.ts";

describe("webhook signatures", () => {
  const secret = "whsec_test-secret";
  const body = '{"id":"e1","type":"referral.sent"}';

  it("is t=<timestamp>,v1=<hex HMAC-SHA256 of `<timestamp>.<body>`>", () => {
    const expected = createHmac("sha256", secret).update(`1767225600.${body}`).digest("hex");
    expect(signPayload(secret, 1767225600, body)).toBe(`t=1767225600,v1=${expected}`);
  });

  it("verifies within the tolerance only, and accepts any of several v1 values", () => {
    const header = signPayload(secret, 1767225600, body);
    const at = (seconds: number) => new Date(seconds * 1000);
    expect(verifySignature(secret, header, body, 300, at(1767225600 + 300))).toBe(true);
    expect(verifySignature(secret, header, body, 300, at(1767225600 - 300))).toBe(true);
    expect(verifySignature(secret, header, body, 300, at(1767225600 + 301))).toBe(false);
    const other = signPayload("whsec_other", 1767225600, body).split(",")[1];
    expect(verifySignature(secret, `${header},${other}`, body, 300, at(1767225600))).toBe(true);
    expect(verifySignature(secret, `t=1767225600,${other}`, body, 300, at(1767225600))).toBe(false);
    expect(verifySignature(secret, "", body, 300, at(1767225600))).toBe(false);
    expect(verifySignature(secret, "v1=abc,t=x", body, 300, at(1767225600))).toBe(false);
  });
});

describe("the retry schedule", () => {
  it("waits 30 s, 2 min, 10 min, 1 h, 3 h, 6 h, 12 h, 24 h after failed attempts 1 to 8", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([...RETRY_DELAYS_MS]);
    expect(RETRY_DELAYS_MS.map((ms) => ms / 1000)).toEqual([30, 120, 600, 3600, 10800, 21600, 43200, 86400]);
    expect(MAX_ATTEMPTS).toBe(8);
  });
});
