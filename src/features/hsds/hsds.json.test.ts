import { describe, expect, it } from "vitest";
import { firstSyntaxError, lineAndColumn, parseJson } from "./hsds.json.ts";
import { stableId } from "./hsds.taxonomies.ts";

describe("parseJson", () => {
  it("parses valid JSON, with or without a byte-order mark", () => {
    expect(parseJson('{"organizations": []}')).toEqual({ ok: true, value: { organizations: [] } });
    expect(parseJson('\uFEFF{"a": [1, 2.5e3, true, null, "x\\u00e5"]}')).toMatchObject({ ok: true });
  });

  it("says on which line and column the first syntax error is", () => {
    expect(parseJson('{\n  "a": 1,\n  "b": tru\n}')).toEqual({
      ok: false,
      message: 'line 3, column 8: unexpected "t"',
    });
    expect(parseJson('{"a": 1,}')).toMatchObject({
      message: expect.stringMatching(/^line 1, column 9: expected a property name/),
    });
    expect(parseJson("[1 2]")).toMatchObject({
      message: expect.stringMatching(/^line 1, column 4: expected "," or "]"/),
    });
    expect(parseJson('{"a": "b\nc"}')).toMatchObject({
      message: expect.stringMatching(/^line 1, column 9: a line break/),
    });
    expect(parseJson('{"a": 1} x')).toMatchObject({
      message: expect.stringMatching(/^line 1, column 10: unexpected "x" after/),
    });
    expect(parseJson("")).toMatchObject({ message: "line 1, column 1: the document ends too early" });
  });

  it("finds no error where JSON.parse finds none", () => {
    for (const text of ['{"a":{"b":[{}, [], -0.5, 1E+2]}}', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', " [ ] "]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(firstSyntaxError(text)).toBeUndefined();
    }
    expect(lineAndColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });
});

describe("stableId", () => {
  it("gives the same version-5 UUID for the same name and different ones for different names", () => {
    const id = stableId("term:lots-need-themes:financing");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableId("term:lots-need-themes:financing")).toBe(id);
    expect(stableId("term:lots-need-themes:crisis")).not.toBe(id);
  });
});
