import { describe, expect, it } from "vitest";
import {
  anonymousCsrfToken,
  csrfTokensMatch,
  isAllowedOrigin,
  isCsrfCookieValue,
  newCsrfCookieValue,
} from "./csrf.ts";

describe("csrf", () => {
  it("derives the anonymous token from the cookie with the secret", () => {
    const cookie = newCsrfCookieValue();
    expect(isCsrfCookieValue(cookie)).toBe(true);
    const token = anonymousCsrfToken("secret-one-secret-one-secret-one-1", cookie);
    expect(token).toBe(anonymousCsrfToken("secret-one-secret-one-secret-one-1", cookie));
    expect(token).not.toBe(anonymousCsrfToken("secret-two-secret-two-secret-two-2", cookie));
    expect(token).not.toBe(anonymousCsrfToken("secret-one-secret-one-secret-one-1", newCsrfCookieValue()));
    expect(token).not.toContain(cookie);
  });

  it("matches tokens exactly and never a missing one", () => {
    expect(csrfTokensMatch("abc", "abc")).toBe(true);
    expect(csrfTokensMatch("abd", "abc")).toBe(false);
    expect(csrfTokensMatch("abcd", "abc")).toBe(false);
    expect(csrfTokensMatch(undefined, "abc")).toBe(false);
    expect(csrfTokensMatch("", "")).toBe(false);
    expect(csrfTokensMatch(["abc"], "abc")).toBe(false);
  });

  it("allows only the listed origins", () => {
    const allowed = ["https://lots.example.org", "http://localhost"];
    expect(isAllowedOrigin("https://lots.example.org", allowed)).toBe(true);
    expect(isAllowedOrigin("https://lots.example.org:443", allowed)).toBe(true);
    expect(isAllowedOrigin("http://lots.example.org", allowed)).toBe(false);
    expect(isAllowedOrigin("https://lots.example.org.evil.example", allowed)).toBe(false);
    expect(isAllowedOrigin("null", allowed)).toBe(false);
    expect(isAllowedOrigin("not a url", allowed)).toBe(false);
  });

  it("rejects cookie values of the wrong shape", () => {
    expect(isCsrfCookieValue(undefined)).toBe(false);
    expect(isCsrfCookieValue("short")).toBe(false);
    expect(isCsrfCookieValue(`${"a".repeat(42)};`)).toBe(false);
  });
});
