// Parsing an uploaded HSDS document. JSON.parse says what is wrong but, in Node 20, not always where; a
// person fixing a 5 MB file needs the line and column, so on failure a small scanner finds the first
// offending character.

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Line and column (both from 1) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses JSON; a syntax error is described as "line L, column C: <what>". */
export function parseJson(text: string): JsonParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const found = firstSyntaxError(body);
    const reason = found?.reason ?? (error as Error).message;
    const at = lineAndColumn(body, found?.offset ?? body.length);
    return { ok: false, message: `line ${at.line}, column ${at.column}: ${reason}` };
  }
}

/** The offset and reason of the first JSON syntax error, or undefined when the text is valid JSON. */
export function firstSyntaxError(text: string): { offset: number; reason: string } | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const describe = () =>
    i >= text.length ? "the document ends too early" : `unexpected ${JSON.stringify(text[i])}`;
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") {
        const next = text[i + 1];
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in a string");
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else fail("bad escape in a string");
      } else if (ch.charCodeAt(0) < 0x20) fail("a line break or control character inside a string");
      else i++;
    }
    fail("a string is not closed");
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail(describe());
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i++;
      space();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"')
          fail(`expected a property name in double quotes, found ${describe().replace("unexpected ", "")}`);
        string();
        space();
        if (text[i] !== ":")
          fail(`expected ":" after a property name, found ${describe().replace("unexpected ", "")}`);
        i++;
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        fail(`expected "," or "}" after a property value, found ${describe().replace("unexpected ", "")}`);
      }
    }
    if (ch === "[") {
      i++;
      space();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        fail(`expected "," or "]" after a list item, found ${describe().replace("unexpected ", "")}`);
      }
    }
    if (ch === '"') string();
    else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) number();
    else fail(describe());
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the end of the document`);
    return undefined;
  } catch (error) {
    if (error && typeof error === "object" && "offset" in error)
      return error as { offset: number; reason: string };
    throw error;
  }
}
