import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { PlannedRequest } from "./fuzz-generate.ts";
import type { Schema } from "./fuzz-values.ts";

// The checks on every answer: never 5xx, a status the operation documents, a content type it documents
// for that status, a body that validates against the documented schema (Ajv, JSON Schema 2020-12, the
// dialect of OpenAPI 3.1), and for a request generated as invalid a 4xx problem document.

// ajv-formats is CommonJS with a default export; under ESM the function may sit on `.default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const DOC_ID = "https://lots.invalid/api/v1/openapi.json";

/** What came back for a request, read once. */
export type Answer = { status: number; contentType: string; text: string };

/** Validates answers against one OpenAPI document; compiled validators are cached per response. */
export class ResponseChecker {
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  /** Loads the document into Ajv once; its `$ref`s resolve inside it. */
  constructor(doc: Schema) {
    // strict: false, because the document carries OpenAPI keywords (example, paths, …) Ajv does not know.
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ ...doc, $id: DOC_ID });
  }

  private validator(pointer: string): ValidateFunction {
    let validate = this.cache.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
      this.cache.set(pointer, validate);
    }
    return validate;
  }

  /** Every problem with `answer` to `request`; empty when it is as documented. */
  check(request: PlannedRequest, answer: Answer): string[] {
    const problems: string[] = [];
    const { status, contentType, text } = answer;
    if (status >= 500) problems.push(`answered ${status}`);
    if (request.kind === "invalid" && (status < 400 || status >= 500)) {
      problems.push(`an invalid request (${request.mutation}) answered ${status}, not 4xx`);
    }
    const responses: Schema = request.operation.op.responses ?? {};
    const statusKey = [String(status), `${String(status)[0]}XX`, "default"].find((k) => responses[k]);
    let json: unknown;
    let parsed = false;
    if (text.length > 0 && /json/.test(contentType)) {
      try {
        json = JSON.parse(text);
        parsed = true;
      } catch {
        problems.push(`the body is not JSON although the content type is ${contentType}`);
      }
    }
    if (status >= 400 && status < 500) {
      const body = json as Record<string, unknown> | undefined;
      const isProblem =
        contentType === "application/problem+json" &&
        typeof body?.type === "string" &&
        typeof body?.title === "string" &&
        body?.status === status;
      if (!isProblem)
        problems.push(`a ${status} without a problem document (content type ${contentType || "none"})`);
    }
    if (!statusKey) {
      problems.push(`status ${status} is not documented (documented: ${Object.keys(responses).join(", ")})`);
      return problems;
    }
    const content: Schema | undefined = responses[statusKey].content;
    if (!content) {
      if (text.length > 0) problems.push(`status ${status} documents no body, but one came (${contentType})`);
      return problems;
    }
    if (!content[contentType]) {
      problems.push(
        `content type ${contentType || "none"} is not documented for ${status} (documented: ${Object.keys(content).join(", ")})`,
      );
      return problems;
    }
    if (!parsed) return problems;
    const pointer = `/paths/${pointerSegment(request.operation.path)}/${request.operation.method.toLowerCase()}/responses/${statusKey}/content/${pointerSegment(contentType)}/schema`;
    const validate = this.validator(pointer);
    if (!validate(json)) {
      const errors = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message}`);
      problems.push(`the ${status} body does not match the documented schema: ${errors.join("; ")}`);
    }
    return problems;
  }
}

function pointerSegment(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The media type of a Content-Type header, without parameters, lower-cased. */
export function mediaType(header: string | null): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}
