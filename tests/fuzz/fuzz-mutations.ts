import type { Operation } from "./fuzz-generate.ts";
import {
  EDGE_STRINGS,
  outOfRangeValue,
  randomUuid,
  resolve,
  type Schema,
  typesOf,
  type ValueContext,
  wrongTypeValue,
} from "./fuzz-values.ts";

// The ways a planned request is changed: "invalid" mutations break the document in one named way (the
// answer must be a 4xx problem document); "edge" mutations keep it valid but unusual (any documented status,
// never a 5xx).

const BAD_PATH_VALUES = [
  "not-a-uuid",
  "123",
  "%00",
  "ÅÄÖ",
  "' OR 1=1 --",
  "x".repeat(300),
  "..%2F..%2Fetc",
  "-1",
];

/** A request being planned, before it is turned into a URL and a body. */
export type Parts = {
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
};

/** Where in a body a value sits, with its schema and whether its parent requires it. */
type Slot = { path: (string | number)[]; schema: Schema; required: boolean };

function slotsOf(doc: Schema, value: unknown, schema0: Schema, path: (string | number)[] = []): Slot[] {
  const schema = resolve(doc, schema0);
  const out: Slot[] = [];
  if (value && typeof value === "object" && !Array.isArray(value) && schema.properties) {
    const required: string[] = schema.required ?? [];
    for (const [prop, child] of Object.entries(value)) {
      const sub = schema.properties[prop];
      if (!sub) continue;
      out.push({ path: [...path, prop], schema: sub, required: required.includes(prop) });
      out.push(...slotsOf(doc, child, sub, [...path, prop]));
    }
  } else if (Array.isArray(value) && value.length > 0 && schema.items && !schema.anyOf) {
    out.push({ path: [...path, 0], schema: schema.items, required: false });
    out.push(...slotsOf(doc, value[0], schema.items, [...path, 0]));
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): void {
  let node = root as Schema;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
}

function requiredOf(doc: Schema, schema: Schema): string[] {
  return resolve(doc, schema).required ?? [];
}

/** Serialises a query value: arrays repeat the parameter, everything else is its string form. */
export function queryEntries(name: string, value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.map((v) => [name, String(v)]);
  if (value === null || value === undefined) return [];
  return [[name, typeof value === "object" ? JSON.stringify(value) : String(value)]];
}

/** One way to change a planned request; apply() says false when it does not fit this request. */
export type Mutation = { name: string; apply: (ctx: ValueContext) => boolean };

/** The invalid mutations that apply to this request (path, query, header and body), each named for the report. */
export function invalidMutations(
  operation: Operation,
  params: Schema[],
  parts: Parts,
  bodySchema: Schema | undefined,
  doc: Schema,
): Mutation[] {
  const list: Mutation[] = [];
  for (const p of params.filter((x) => x.in === "path" && resolve(doc, x.schema).format === "uuid")) {
    list.push({
      name: `path ${p.name} not a uuid`,
      apply: (ctx) => {
        parts.pathValues[p.name] = ctx.rng.pick(BAD_PATH_VALUES);
        return true;
      },
    });
  }
  for (const p of params.filter(
    (x) => x.in === "path" && typeof resolve(doc, x.schema).pattern === "string",
  )) {
    list.push({
      name: `path ${p.name} breaks its pattern`,
      apply: (ctx) => {
        parts.pathValues[p.name] = ctx.rng.pick(["12", "abcde", "1234567", "ÅÄÖ"]);
        return true;
      },
    });
  }
  for (const p of params.filter((x) => x.in === "query")) {
    const schema = resolve(doc, p.schema);
    list.push({
      name: `query ${p.name} out of range`,
      apply: (ctx) => {
        const bad =
          typesOf(schema).includes("integer") && ctx.rng.chance(0.4)
            ? ctx.rng.pick(["abc", "1.5", "1e3x", "-"])
            : outOfRangeValue(schema, ctx);
        if (bad === undefined) return false;
        parts.query = parts.query.filter(([n]) => n !== p.name);
        parts.query.push(...queryEntries(p.name, bad));
        return true;
      },
    });
    if (p.required) {
      list.push({
        name: `query ${p.name} missing`,
        apply: () => {
          parts.query = parts.query.filter(([n]) => n !== p.name);
          return true;
        },
      });
    }
  }
  for (const p of params.filter(
    (x) => x.in === "header" && typeof resolve(doc, x.schema).maxLength === "number",
  )) {
    list.push({
      name: `header ${p.name} too long`,
      apply: () => {
        parts.headers[p.name] = "k".repeat(resolve(doc, p.schema).maxLength + 1);
        return true;
      },
    });
  }
  if (!bodySchema) return list;
  const required = operation.op.requestBody?.required === true;
  const slots = slotsOf(doc, parts.body, bodySchema);
  const top = resolve(doc, bodySchema);
  list.push(
    {
      name: "body: required field missing",
      apply: (ctx) => {
        const candidates = slots.filter((s) => s.required);
        const topRequired = requiredOf(doc, bodySchema);
        if (candidates.length === 0 && topRequired.length === 0) return false;
        if (candidates.length === 0) return false;
        setAt(parts.body, ctx.rng.pick(candidates).path, undefined, true);
        return true;
      },
    },
    {
      name: "body: field of the wrong type",
      apply: (ctx) => {
        const usable = slots.filter((s) => wrongTypeValue(s.schema, ctx) !== undefined);
        if (usable.length === 0) return false;
        const slot = ctx.rng.pick(usable);
        setAt(parts.body, slot.path, wrongTypeValue(slot.schema, ctx));
        return true;
      },
    },
    {
      name: "body: field out of range",
      apply: (ctx) => {
        const usable = slots.filter((s) => outOfRangeValue(s.schema, ctx) !== undefined);
        if (usable.length === 0) return false;
        const slot = ctx.rng.pick(usable);
        setAt(parts.body, slot.path, outOfRangeValue(slot.schema, ctx));
        return true;
      },
    },
    {
      name: "body: malformed JSON",
      apply: (ctx) => {
        parts.rawBody = ctx.rng.pick([
          '{"a":',
          "{",
          "not json",
          "{'single': 'quotes'}",
          '{"a":1,}',
          "\u0000",
        ]);
        return true;
      },
    },
    {
      name: "body: not an object",
      apply: (ctx) => {
        if (!typesOf(top).includes("object")) return false;
        parts.body = ctx.rng.pick([[], "text", 42, null, true]);
        return true;
      },
    },
  );
  if (top.additionalProperties === false) {
    list.push({
      name: "body: unknown field (closed object)",
      apply: () => {
        (parts.body as Record<string, unknown>).unknownFuzzField = "x";
        return true;
      },
    });
  }
  if (required) {
    list.push(
      {
        name: "body: wrong content type",
        apply: (ctx) => {
          parts.contentType = ctx.rng.pick([
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
          ]);
          return true;
        },
      },
      {
        name: "body: missing",
        apply: () => {
          parts.body = undefined;
          parts.contentType = undefined;
          return true;
        },
      },
    );
  }
  return list;
}

/** The edge mutations that apply: unusual characters, unknown records, unknown fields in open objects. */
export function edgeMutations(
  params: Schema[],
  parts: Parts,
  bodySchema: Schema | undefined,
  doc: Schema,
): Mutation[] {
  const list: Mutation[] = [];
  const plainString = (s: Schema) => {
    const r = resolve(doc, s);
    return typesOf(r).includes("string") && !r.enum && !r.format && !r.pattern && r.minLength === undefined;
  };
  const stringQueries = params.filter((p) => p.in === "query" && plainString(p.schema ?? {}));
  if (stringQueries.length > 0) {
    list.push({
      name: "query: unusual characters",
      apply: (ctx) => {
        const p = ctx.rng.pick(stringQueries);
        const value = ctx.rng.pick(
          EDGE_STRINGS.filter(
            (s) => !/[\ud800-\udfff]/.test(s.replace(/\p{Extended_Pictographic}|\u200d/gu, "")),
          ),
        );
        const max = resolve(doc, p.schema).maxLength ?? Infinity;
        parts.query = parts.query.filter(([n]) => n !== p.name);
        parts.query.push([p.name, value.slice(0, max)]);
        return true;
      },
    });
  }
  for (const p of params.filter((x) => x.in === "path")) {
    list.push({
      name: `path ${p.name}: unknown record`,
      apply: (ctx) => {
        parts.pathValues[p.name] =
          resolve(doc, p.schema).format === "uuid" ? randomUuid(ctx.rng) : `fuzz-unknown-${ctx.counter.n++}`;
        return true;
      },
    });
  }
  if (bodySchema) {
    const slots = slotsOf(doc, parts.body, bodySchema).filter((s) => {
      const r = resolve(doc, s.schema);
      return plainString(s.schema) || (typesOf(r).includes("string") && !r.enum && !r.format && !r.pattern);
    });
    if (slots.length > 0) {
      list.push({
        name: "body: unusual characters",
        apply: (ctx) => {
          const slot = ctx.rng.pick(slots);
          const r = resolve(doc, slot.schema);
          let value = ctx.rng.pick(EDGE_STRINGS);
          while (value.length < (r.minLength ?? 0)) value += value;
          setAt(parts.body, slot.path, value.slice(0, r.maxLength ?? Infinity));
          return true;
        },
      });
    }
    const top = resolve(doc, bodySchema);
    if (
      top.additionalProperties !== false &&
      parts.body &&
      typeof parts.body === "object" &&
      !Array.isArray(parts.body)
    ) {
      list.push({
        name: "body: unknown field (open object)",
        apply: () => {
          (parts.body as Record<string, unknown>).unknownFuzzField = { a: [1, "b"] };
          return true;
        },
      });
    }
  }
  return list;
}
