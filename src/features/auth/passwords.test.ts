import { describe, expect, it } from "vitest";
import { checkNewPassword, hashPassword, verifyAgainstNothing, verifyPassword } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and a random salt, and verifies", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(a, "correct horse battery stapler")).toBe(false);
  });

  it("never matches a missing or malformed hash", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-real-hash", "anything at all")).toBe(false);
    expect(await verifyAgainstNothing("anything at all")).toBe(false);
  });

  it("asks for 12 characters or more, counting characters rather than bytes", () => {
    expect(checkNewPassword("elva tecken")).toBe("too-short");
    expect(checkNewPassword("tolv tecken!")).toBeUndefined();
    expect(checkNewPassword("åäöåäöåäöåä")).toBe("too-short");
    expect(checkNewPassword("x".repeat(257))).toBe("too-long");
  });

  it("refuses very common passwords, repeated characters and the e-mail address", () => {
    expect(checkNewPassword("Password1234")).toBe("too-common");
    expect(checkNewPassword("Lösenord 1234")).toBe("too-common");
    expect(checkNewPassword("aaaaaaaaaaaaaa")).toBe("too-common");
    expect(checkNewPassword("anna.andersson@nora.se", { email: "Anna.Andersson@nora.se" })).toBe(
      "contains-email",
    );
    expect(checkNewPassword("fyra slumpade ord räcker", { email: "anna@nora.se" })).toBeUndefined();
  });
});
