import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";

// Every response, page or API, success or error, carries the security headers.

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

const paths = [
  "/",
  "/tillganglighet",
  "/no-such-page",
  "/api/v1/reference/counties",
  "/api/v1/reference/postal-codes/abc",
  "/api/v1/openapi.json",
  "/api/docs",
  "/healthz",
  "/assets/lots.css",
];

describe("security headers", () => {
  it.each(paths)("are on %s", async (path) => {
    const app = createTestApp(testDb);
    const response = await app.request(path);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // Plain http (development): HSTS would be wrong and is not sent.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("adds HSTS when Lots is served over https", async () => {
    const app = createTestApp(testDb, { PUBLIC_URL: "https://lots.example.org" });
    const response = await app.request("/");
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });
});
