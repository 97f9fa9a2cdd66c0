// Reads an OpenAPI 3.1 document into the shape the reference page renders. The document arrives as
// plain JSON (whatever the generator produced), so every field is checked rather than trusted: an
// unexpected shape degrades to "not shown" instead of breaking the page.

/** A JSON Schema as it appears in the document; kept loose on purpose (see above). */
export type JsonSchema = Record<string, unknown>;

export type ApiParameter = {
  name: string;
  in: string;
  required: boolean;
  description: string | undefined;
  schema: JsonSchema | undefined;
  example: string | undefined;
};

export type ApiBody = { mediaType: string; schema: JsonSchema | undefined };

export type ApiResponse = { status: string; description: string; bodies: ApiBody[] };

export type ApiOperation = {
  /** The anchor of the operation on the page. */
  id: string;
  method: string;
  /** The path as written in the document, relative to the server URL. */
  path: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  parameters: ApiParameter[];
  requestBody: { required: boolean; description: string | undefined; bodies: ApiBody[] } | undefined;
  responses: ApiResponse[];
};

export type ApiTag = {
  id: string;
  name: string;
  description: string | undefined;
  operations: ApiOperation[];
};

export type ApiReference = {
  title: string;
  version: string;
  description: string | undefined;
  /** The first server URL, which every path is relative to ("" when the document names none). */
  baseUrl: string;
  tags: ApiTag[];
  schemas: { name: string; id: string; schema: JsonSchema }[];
};

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Where an operation without tags is listed; the view shows it under a translated heading. */
export const UNTAGGED = "";

const SCHEMA_REF = /^#\/components\/schemas\/(.+)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** An id usable in a URL fragment: letters, digits and dashes only. */
export function slug(value: string): string {
  return (
    value
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "x"
  );
}

/** The page anchor of a component schema. */
export function schemaAnchor(name: string): string {
  return `schema-${slug(name)}`;
}

/** The component schema name a `$ref` points to, or undefined for other (external) references. */
export function refName(schema: JsonSchema): string | undefined {
  const ref = schema.$ref;
  if (typeof ref !== "string") return undefined;
  const match = SCHEMA_REF.exec(ref);
  return match?.[1] ? decodeURIComponent(match[1].replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
}

/** An example value as one line of text (objects as compact JSON). */
export function exampleText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Follows `#/components/<kind>/<name>` references such as shared parameters and responses. */
function resolveComponent(doc: Record<string, unknown>, value: unknown): unknown {
  if (!isRecord(value) || typeof value.$ref !== "string") return value;
  const match = /^#\/components\/([^/]+)\/(.+)$/.exec(value.$ref);
  const components = doc.components;
  if (!match?.[1] || !match[2] || !isRecord(components)) return value;
  const group = components[match[1]];
  return isRecord(group) ? (group[match[2]] ?? value) : value;
}

function readParameter(doc: Record<string, unknown>, raw: unknown): ApiParameter | undefined {
  const parameter = resolveComponent(doc, raw);
  if (!isRecord(parameter) || typeof parameter.name !== "string" || typeof parameter.in !== "string") {
    return undefined;
  }
  const schema = isRecord(parameter.schema) ? parameter.schema : undefined;
  const firstNamedExample = isRecord(parameter.examples)
    ? Object.values(parameter.examples).find(isRecord)?.value
    : undefined;
  const schemaExamples = Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
  return {
    name: parameter.name,
    in: parameter.in,
    // Path parameters are always required, whatever the document says.
    required: parameter.in === "path" || parameter.required === true,
    description: text(parameter.description) ?? text(schema?.description),
    schema,
    example: exampleText(parameter.example ?? firstNamedExample ?? schema?.example ?? schemaExamples),
  };
}

function readBodies(content: unknown): ApiBody[] {
  if (!isRecord(content)) return [];
  return Object.entries(content).map(([mediaType, media]) => ({
    mediaType,
    schema: isRecord(media) && isRecord(media.schema) ? media.schema : undefined,
  }));
}

function readOperation(
  doc: Record<string, unknown>,
  path: string,
  method: string,
  operation: Record<string, unknown>,
  shared: unknown[],
): ApiOperation {
  // Operation parameters override path-level ones with the same name and location.
  const byKey = new Map<string, ApiParameter>();
  for (const raw of [...shared, ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
    const parameter = readParameter(doc, raw);
    if (parameter) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  const body = resolveComponent(doc, operation.requestBody);
  const responses = isRecord(operation.responses) ? operation.responses : {};
  return {
    id: `op-${slug(text(operation.operationId) ?? `${method} ${path}`)}`,
    method,
    path,
    summary: text(operation.summary),
    description: text(operation.description),
    deprecated: operation.deprecated === true,
    parameters: [...byKey.values()],
    requestBody: isRecord(body)
      ? {
          required: body.required === true,
          description: text(body.description),
          bodies: readBodies(body.content),
        }
      : undefined,
    responses: Object.entries(responses)
      .map(([status, raw]) => {
        const response = resolveComponent(doc, raw);
        return {
          status,
          description: isRecord(response) ? (text(response.description) ?? "") : "",
          bodies: isRecord(response) ? readBodies(response.content) : [],
        };
      })
      .sort((a, b) => a.status.localeCompare(b.status)),
  };
}

/**
 * Groups a document's operations by tag, in the order the document declares its tags and then the
 * order operations first use them. An operation with several tags is listed under each.
 */
export function readApiReference(document: unknown): ApiReference {
  const doc = isRecord(document) ? document : {};
  const info = isRecord(doc.info) ? doc.info : {};
  const firstServer = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  const tags = new Map<string, ApiTag>();
  const tagFor = (name: string): ApiTag => {
    let tag = tags.get(name);
    if (!tag) {
      tag = { id: `tag-${slug(name || "other")}`, name, description: undefined, operations: [] };
      tags.set(name, tag);
    }
    return tag;
  };
  for (const declared of Array.isArray(doc.tags) ? doc.tags : []) {
    if (isRecord(declared) && typeof declared.name === "string") {
      tagFor(declared.name).description = text(declared.description);
    }
  }

  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const read = readOperation(doc, path, method, operation, shared);
      const names = Array.isArray(operation.tags)
        ? operation.tags.filter((t): t is string => typeof t === "string")
        : [];
      for (const name of names.length > 0 ? names : [UNTAGGED]) tagFor(name).operations.push(read);
    }
  }

  const components = isRecord(doc.components) ? doc.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  return {
    title: text(info.title) ?? "API",
    version: text(info.version) ?? "",
    description: text(info.description),
    baseUrl:
      isRecord(firstServer) && typeof firstServer.url === "string" ? firstServer.url.replace(/\/$/, "") : "",
    tags: [...tags.values()].filter((tag) => tag.operations.length > 0),
    schemas: Object.entries(schemas)
      .filter((entry): entry is [string, JsonSchema] => isRecord(entry[1]))
      .map(([name, schema]) => ({ name, id: schemaAnchor(name), schema }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The types a schema allows, with `null` last (OpenAPI 3.1 writes nullable as `type: [T, "null"]`). */
export function schemaTypes(schema: JsonSchema): string[] {
  const { type } = schema;
  const types = Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
  if (typeof type === "string") types.push(type);
  if (types.length === 0 && isRecord(schema.properties)) types.push("object");
  if (types.length === 0 && isRecord(schema.items)) types.push("array");
  return [...types.filter((t) => t !== "null"), ...types.filter((t) => t === "null")];
}

/** The properties of an object schema with whether each is required, in the document's order. */
export function schemaProperties(
  schema: JsonSchema,
): { name: string; required: boolean; schema: JsonSchema }[] {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(properties)
    .filter((entry): entry is [string, JsonSchema] => isRecord(entry[1]))
    .map(([name, property]) => ({ name, required: required.includes(name), schema: property }));
}

/** The sub-schemas of `oneOf`, `anyOf` or `allOf`, whichever the schema uses. */
export function schemaAlternatives(
  schema: JsonSchema,
): { kind: "oneOf" | "anyOf" | "allOf"; schemas: JsonSchema[] } | undefined {
  for (const kind of ["oneOf", "anyOf", "allOf"] as const) {
    const list = schema[kind];
    if (Array.isArray(list)) return { kind, schemas: list.filter(isRecord) };
  }
  return undefined;
}

/** The schema of an array's items, or of a map's values (`additionalProperties`). */
export function childSchema(
  schema: JsonSchema,
  key: "items" | "additionalProperties",
): JsonSchema | undefined {
  const child = schema[key];
  return isRecord(child) ? child : undefined;
}

/**
 * Constraints worth telling a reader, as `[keyword, values]` pairs in a stable order: format,
 * pattern, lengths, ranges, allowed values and defaults.
 */
export function schemaConstraints(schema: JsonSchema): [string, string[]][] {
  const keys = [
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "enum",
    "const",
    "default",
  ];
  const found: [string, string[]][] = [];
  for (const key of keys) {
    const value = schema[key];
    if (value === undefined) continue;
    // Only enum lists values; a default or const that is an array is one value.
    const values = key === "enum" && Array.isArray(value) ? value : [value];
    found.push([key, values.map((v) => exampleText(v) ?? "")]);
  }
  return found;
}
