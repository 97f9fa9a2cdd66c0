import { describe, expect, it } from "vitest";
import {
  readApiReference,
  refName,
  schemaAlternatives,
  schemaConstraints,
  schemaTypes,
  slug,
  UNTAGGED,
} from "./api-docs.model.ts";

const document = {
  openapi: "3.1.0",
  info: { title: "Test API", version: "2" },
  servers: [{ url: "/api/v2/" }],
  tags: [{ name: "Later", description: "Declared first, so listed first" }],
  components: {
    schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } },
    parameters: { Limit: { name: "limit", in: "query", schema: { type: "integer", default: 10 } } },
  },
  paths: {
    "/things/{id}": {
      parameters: [
        { name: "id", in: "path", schema: { type: "string" }, example: "a1" },
        { name: "trace", in: "header", schema: { type: "string" } },
      ],
      get: {
        tags: ["Things"],
        parameters: [
          { $ref: "#/components/parameters/Limit" },
          { name: "trace", in: "header", required: true },
        ],
        responses: {
          "404": { description: "Missing" },
          "200": {
            description: "Found",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
          },
        },
      },
      delete: {
        tags: ["Later", "Things"],
        operationId: "removeThing",
        responses: { "204": { description: "Gone" } },
      },
    },
    "/ping": { post: { requestBody: { required: true, content: { "text/plain": {} } }, responses: {} } },
  },
};

describe("readApiReference", () => {
  const reference = readApiReference(document);

  it("groups operations by tag, declared tags first, untagged ones under their own group", () => {
    expect(reference.tags.map((tag) => [tag.name, tag.operations.map((op) => op.id)])).toEqual([
      ["Later", ["op-removething"]],
      ["Things", ["op-get-things-id", "op-removething"]],
      [UNTAGGED, ["op-post-ping"]],
    ]);
    expect(reference.tags[0]?.description).toBe("Declared first, so listed first");
    expect(reference.baseUrl).toBe("/api/v2");
  });

  it("merges path-level parameters, resolves shared ones and lets the operation override", () => {
    const get = reference.tags[1]!.operations[0]!;
    expect(get.parameters.map((p) => [p.in, p.name, p.required, p.example])).toEqual([
      ["path", "id", true, "a1"],
      ["header", "trace", true, undefined],
      ["query", "limit", false, undefined],
    ]);
    expect(get.responses.map((r) => r.status)).toEqual(["200", "404"]);
    expect(get.responses[0]?.bodies).toEqual([
      { mediaType: "application/json", schema: { $ref: "#/components/schemas/Thing" } },
    ]);
  });

  it("reads request bodies and tolerates missing pieces", () => {
    const post = reference.tags[2]!.operations[0]!;
    expect(post.requestBody).toEqual({
      required: true,
      description: undefined,
      bodies: [{ mediaType: "text/plain", schema: undefined }],
    });
    expect(readApiReference(null)).toMatchObject({ title: "API", tags: [], schemas: [] });
  });
});

describe("schema helpers", () => {
  it("puts null last among a nullable schema's types and infers object and array", () => {
    expect(schemaTypes({ type: ["null", "integer"] })).toEqual(["integer", "null"]);
    expect(schemaTypes({ properties: { a: {} } })).toEqual(["object"]);
    expect(schemaTypes({ items: { type: "string" } })).toEqual(["array"]);
    expect(schemaTypes({})).toEqual([]);
  });

  it("names only component schema references", () => {
    expect(refName({ $ref: "#/components/schemas/Size~1Band" })).toBe("Size/Band");
    expect(refName({ $ref: "https://example.org/schema.json" })).toBeUndefined();
  });

  it("lists enum values one by one and keeps other constraints whole", () => {
    expect(schemaConstraints({ pattern: "^a$", enum: ["x", 1], default: [1, 2] })).toEqual([
      ["pattern", ["^a$"]],
      ["enum", ["x", "1"]],
      ["default", ["[1,2]"]],
    ]);
    expect(schemaAlternatives({ oneOf: [{ type: "string" }, 3] })).toEqual({
      kind: "oneOf",
      schemas: [{ type: "string" }],
    });
  });

  it("makes fragment-safe ids", () => {
    expect(slug("GET /reference/postal-codes/{code}")).toBe("get-reference-postal-codes-code");
    expect(slug("Referensdata – Län")).toBe("referensdata-lan");
    expect(slug("!!")).toBe("x");
  });
});
