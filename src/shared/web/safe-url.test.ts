import { describe, expect, it } from "vitest";
import { safeHttpUrl } from "./safe-url.ts";

describe("safeHttpUrl", () => {
  it("keeps absolute http and https addresses", () => {
    expect(safeHttpUrl("https://www.almi.se/lan")).toBe("https://www.almi.se/lan");
    expect(safeHttpUrl(" http://example.com ")).toBe("http://example.com");
  });

  it("drops script, data and other schemes, however they are spelled", () => {
    for (const value of [
      "javascript:top.__lotsXss(1)",
      "JaVaScRiPt:alert(1)",
      " \tjavascript:alert(1)",
      "java\nscript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "mailto:a@b.se",
    ]) {
      expect(safeHttpUrl(value), value).toBeNull();
    }
  });

  it("drops empty and relative values", () => {
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl("")).toBeNull();
    expect(safeHttpUrl("/hitta-stod")).toBeNull();
    expect(safeHttpUrl("www.almi.se")).toBeNull();
  });
});
