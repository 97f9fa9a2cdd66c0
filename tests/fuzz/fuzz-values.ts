import type { FuzzFixtures, PoolItem } from "./fuzz-fixtures.ts";
import type { Rng } from "./fuzz-prng.ts";

// Values from JSON Schema (the OpenAPI 3.1 document's dialect): a valid value for a schema, steered by the
// property's name towards real ids and codes of the demo data, and the ways to make a value invalid.

/** A JSON Schema object as found in the OpenAPI document (loosely typed: it is data, not code). */
// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is data of any shape, read field by field.
export type Schema = Record<string, any>;

/** What value generation needs: the document (for $ref), the random source, the fixtures, the caller's org. */
export type ValueContext = {
  doc: Schema;
  rng: Rng;
  fixtures: FuzzFixtures;
  org?: string;
  counter: { n: number };
};

/** Follows a local `$ref` and merges `allOf`, so callers see one plain schema. */
export function resolve(doc: Schema, schema: Schema | undefined): Schema {
  if (!schema || typeof schema !== "object") return {};
  if (typeof schema.$ref === "string") {
    const target = schema.$ref
      .replace(/^#\//, "")
      .split("/")
      .reduce(
        (node: Schema | undefined, key: string) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
        doc,
      );
    return resolve(doc, {
      ...target,
      ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$ref")),
    });
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((part: Schema) => resolve(doc, part));
    const merged: Schema = { type: "object", properties: {}, required: [] };
    for (const part of [...parts, schema]) {
      Object.assign(merged.properties, part.properties ?? {});
      merged.required.push(...(part.required ?? []));
      if (part.additionalProperties === false) merged.additionalProperties = false;
    }
    return merged;
  }
  return schema;
}

/** The types a schema allows (`type` as a string or a list); empty when it says nothing. */
export function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties) return ["object"];
  return [];
}

const WORDS = [
  "lån",
  "export",
  "rekrytering",
  "hållbarhet",
  "digitalisering",
  "tillväxt",
  "Nora",
  "företag",
  "stöd",
];

function poolPick(ctx: ValueContext, pool: string, preferOwn = 0.7): string | undefined {
  const items: PoolItem[] = ctx.fixtures.pools[pool] ?? [];
  if (items.length === 0) return undefined;
  const own = ctx.org ? items.filter((i) => i.org === ctx.org) : [];
  return (own.length > 0 && ctx.rng.chance(preferOwn) ? ctx.rng.pick(own) : ctx.rng.pick(items)).id;
}

/** A v4-shaped uuid from the seeded source (random ids must replay too). */
export function randomUuid(rng: Rng): string {
  const hex = () => rng.int(0, 15).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join("");
  return `${part(8)}-${part(4)}-4${part(3)}-${rng.pick(["8", "9", "a", "b"])}${part(3)}-${part(12)}`;
}

/** A valid Swedish organisation number (10 digits, Luhn check digit, third digit ≥ 2 so it is a company). */
export function randomOrgNumber(rng: Rng): string {
  const digits = [
    rng.pick([5, 7, 8, 9]),
    rng.int(0, 9),
    rng.int(2, 9),
    ...Array.from({ length: 6 }, () => rng.int(0, 9)),
  ];
  const sum = digits.reduce((acc, d, i) => {
    const v = i % 2 === 0 ? d * 2 : d;
    return acc + (v > 9 ? v - 9 : v);
  }, 0);
  const all = [...digits, (10 - (sum % 10)) % 10].join("");
  return `${all.slice(0, 6)}-${all.slice(6)}`;
}

function randomDate(rng: Rng): string {
  return `${rng.int(2019, 2027)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
}

function digits(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.int(0, 9)).join("");
}

/** A value for a property name that names real data, or undefined when the name says nothing. */
function hintedString(name: string, ctx: ValueContext): string | undefined {
  const { rng, fixtures } = ctx;
  const key = name.toLowerCase().replace(/[^a-z]/g, "");
  const code = (list: string) => (fixtures.codes[list]?.length ? rng.pick(fixtures.codes[list]!) : undefined);
  if (/^organisation(id|ids|s)?$/.test(key)) return poolPick(ctx, "organisations", 0.8);
  if (/^compan(y|yid|yids|ies)$/.test(key)) return poolPick(ctx, "companies");
  if (/^(case|caseid)$/.test(key)) return poolPick(ctx, "cases");
  if (/^offer(id|ids|s)?$/.test(key)) return poolPick(ctx, "offers");
  if (/^need(id|ids|s)$/.test(key)) return poolPick(ctx, "needs");
  if (/^campaign(id)?$/.test(key)) return poolPick(ctx, "campaigns");
  if (/^survey(id)?$/.test(key)) return poolPick(ctx, "surveys");
  if (/user(id|ids)$/.test(key)) return poolPick(ctx, "users");
  if (/^(theme|themes)$/.test(key)) return code("themes");
  if (/^(format|formats)$/.test(key)) return code("formats");
  if (/municipalit(y|ycode|ycodes|ies)$/.test(key)) return code("municipalities");
  if (/count(y|ycode|ycodes|ies)$/.test(key)) return code("counties");
  if (/^(sni|snicode|snicodes|sniinclude|sniexclude|snisection)$/.test(key))
    return key === "snisection" ? rng.pick(["C", "F", "G", "J", "M"]) : code("sni");
  if (/^(size|sizeband|sizebands)$/.test(key)) return code("sizeBands");
  if (key === "postalcode") return poolPick(ctx, "postalCodes");
  if (key === "orgnumber")
    return rng.chance(0.4) && fixtures.orgNumbers.length
      ? rng.pick(fixtures.orgNumbers)
      : randomOrgNumber(rng);
  if (key.endsWith("email")) return `fuzz-${ctx.counter.n++}@test.lots.invalid`;
  if (/(url|uri|website|href)$/.test(key)) return `https://example.invalid/fuzz/${ctx.counter.n++}`;
  if (key.includes("phone")) return `070-${digits(rng, 3)} ${digits(rng, 2)} ${digits(rng, 2)}`;
  if (key === "slug") return `fuzz-${ctx.counter.n++}`;
  return undefined;
}

/** A string matching one of the patterns the Lots document uses; undefined for an unknown pattern. */
function patternString(pattern: string, rng: Rng, name: string, ctx: ValueContext): string | undefined {
  const hinted = hintedString(name, ctx);
  if (hinted !== undefined && new RegExp(pattern).test(hinted)) return hinted;
  const candidates = [
    `fuzz-${ctx.counter.n++}`,
    digits(rng, 4),
    digits(rng, 2),
    rng.pick(["C", "F", "G"]),
    randomDate(rng),
    `070-${digits(rng, 7)}`,
    `${digits(rng, 2)}.${digits(rng, 3)}`,
  ];
  return candidates.find((c) => new RegExp(pattern).test(c));
}

function plainString(schema: Schema, rng: Rng): string {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 80, Math.max(min, 1) + 60);
  let text = "";
  const target = rng.int(Math.max(min, 1), Math.max(min, max));
  while (text.length < target) text += `${text ? " " : ""}${rng.pick(WORDS)}`;
  return text.slice(0, target);
}

/** A valid value for `schema`; `name` is the property or parameter name that hints at real data. */
export function validValue(schema0: Schema, name: string, ctx: ValueContext, depth = 0): unknown {
  const schema = resolve(ctx.doc, schema0);
  const { rng } = ctx;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return rng.pick(schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) {
    const nonNull = branches.filter((b: Schema) => resolve(ctx.doc, b).type !== "null");
    return validValue(rng.pick(nonNull.length ? nonNull : branches), name, ctx, depth);
  }
  const types = typesOf(schema);
  const type =
    types.length > 1 && types.includes("null") && rng.chance(0.85)
      ? types.find((t) => t !== "null")!
      : (types[0] ?? "string");
  switch (type) {
    case "null":
      return null;
    case "boolean":
      return rng.chance(0.5);
    case "integer":
    case "number": {
      const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const defaultHigh = /year/i.test(name) ? 2025 : /page$/i.test(name) ? 3 : 100;
      const hi =
        schema.maximum ??
        (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : Math.max(lo, defaultHigh));
      const low = /year/i.test(name) && lo < 1900 ? 1950 : lo;
      return rng.int(low, Math.max(low, Math.min(hi, low + 1000)));
    }
    case "array": {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 3, min + 3);
      const count = depth > 3 ? min : rng.int(min, max);
      const items = Array.from({ length: count }, () => validValue(schema.items ?? {}, name, ctx, depth + 1));
      return schema.uniqueItems ? [...new Set(items)] : items;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required: string[] = schema.required ?? [];
      for (const [prop, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.includes(prop) || (depth < 3 && rng.chance(0.6)))
          out[prop] = validValue(sub, prop, ctx, depth + 1);
      }
      return out;
    }
    default: {
      if (schema.format === "uuid") return hintedString(name, ctx) ?? randomUuid(rng);
      if (schema.format === "email") return `fuzz-${ctx.counter.n++}@test.lots.invalid`;
      if (schema.format === "uri") return `https://example.invalid/fuzz/${ctx.counter.n++}`;
      if (schema.format === "date") return randomDate(rng);
      if (schema.format === "date-time")
        return new Date(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28))).toISOString();
      if (typeof schema.pattern === "string") {
        const matched = patternString(schema.pattern, rng, name, ctx);
        if (matched !== undefined) return matched;
      }
      const hinted = hintedString(name, ctx);
      if (hinted !== undefined && hinted.length <= (schema.maxLength ?? Infinity)) return hinted;
      if (schema.example !== undefined && typeof schema.example === "string" && rng.chance(0.3))
        return schema.example;
      return plainString(schema, rng);
    }
  }
}

/** Strings that are valid by type but hard on a server: control characters, unicode, SQL and markup. */
export const EDGE_STRINGS = [
  "nul\u0000byte",
  "\u0001\u0002\u001f kontroll",
  "tab\tnewline\nreturn\r",
  "emoji 🚀👩‍👩‍👧 and ZWJ",
  "rtl \u202e txet \u202c",
  "combining e\u0301\u0301\u0301",
  "surrogate \ud800 alone",
  "' OR 1=1 --",
  "%_\\ like wildcards",
  "<script>alert(1)</script>",
  "Ünïcödé Å Ä Ö ß",
  "   ",
  "\u00a0\u2028\u2029",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  "{{7*7}} ${7*7}",
];

/** A value of a type that `schema` does not allow, or undefined when it allows every type. */
export function wrongTypeValue(schema0: Schema, ctx: ValueContext): unknown {
  const schema = resolve(ctx.doc, schema0);
  if (schema.anyOf || schema.oneOf || Object.keys(schema).length === 0) return undefined;
  const types = typesOf(schema);
  if (types.length === 0) return undefined;
  const allowed = new Set(types);
  if (allowed.has("number")) allowed.add("integer");
  const options: [string, unknown][] = [
    ["string", "ett ord"],
    ["integer", 42],
    ["number", 4.5],
    ["boolean", true],
    ["array", ["a", 1]],
    ["object", { nested: { deeper: 1 } }],
    ["null", null],
  ];
  const wrong = options.filter(([t]) => !allowed.has(t) && !(t === "integer" && allowed.has("number")));
  if (wrong.length === 0) return undefined;
  return ctx.rng.pick(wrong)[1];
}

/** A value that breaks a bound of `schema` (length, range, item count, enum, pattern, format), if it has one. */
export function outOfRangeValue(schema0: Schema, ctx: ValueContext): unknown {
  const schema = resolve(ctx.doc, schema0);
  const { rng } = ctx;
  const options: unknown[] = [];
  if (typeof schema.maxLength === "number")
    options.push("x".repeat(schema.maxLength + 1), "å".repeat(schema.maxLength + rng.int(1, 100_000)));
  if (typeof schema.minLength === "number" && schema.minLength > 0)
    options.push("x".repeat(schema.minLength - 1));
  if (typeof schema.maximum === "number")
    options.push(schema.maximum + 1, 1e308, Number.MAX_SAFE_INTEGER * 4);
  if (typeof schema.minimum === "number") options.push(schema.minimum - 1, -1e15);
  if (typeof schema.maxItems === "number")
    options.push(
      Array.from({ length: schema.maxItems + 1 }, () => validValue(schema.items ?? {}, "", ctx, 4)),
    );
  if (typeof schema.minItems === "number" && schema.minItems > 0) options.push([]);
  if (Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v === "string"))
    options.push("inte-ett-värde", "");
  if (typeof schema.pattern === "string")
    options.push(...["!!", "ÅÄÖ", "9".repeat(40)].filter((s) => !new RegExp(schema.pattern).test(s)));
  if (schema.format === "uuid") options.push("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "1");
  if (schema.format === "email") options.push("no-at-sign", "a@", "@b.c");
  if (schema.format === "date") options.push("2026-13-45", "igår", "2026-02-30T00:00");
  if (schema.format === "uri") options.push("not a uri", "://x");
  if (types(schema).includes("integer")) options.push(1.5);
  return options.length ? rng.pick(options) : undefined;
}

function types(schema: Schema): string[] {
  return typesOf(schema);
}
