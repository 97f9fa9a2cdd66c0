import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ZodError } from "zod";
import type { AppEnv } from "./app-env.ts";
import { AppError, statusForCode } from "./errors.ts";
import { type ProblemDocument, problemResponse } from "./http-errors.ts";

// Validation errors per field, in Swedish and English, so a form can show each message next to its field and
// the API can name every bad field at once (not only the first). Field keys are paths such as
// "company.orgNumber" or a survey question's id.

/** A text in both interface languages. */
export type LocalisedText = { sv: string; en: string };

/** Messages keyed by field path. */
export type FieldErrors = Record<string, LocalisedText>;

/** VALIDATION_FAILED with one message per field; `message` (English) lists them for logs and old clients. */
export class FieldValidationError extends AppError {
  constructor(readonly fields: FieldErrors) {
    const summary = Object.entries(fields)
      .map(([field, text]) => `${field}: ${text.en}`)
      .join("; ");
    super("VALIDATION_FAILED", summary || "invalid input");
    this.name = "FieldValidationError";
  }
}

/** Throws a FieldValidationError when `fields` holds any message. */
export function throwIfFieldErrors(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) throw new FieldValidationError(fields);
}

function swedishFor(issue: ZodError["issues"][number]): string {
  switch (issue.code) {
    case "too_small":
      return issue.origin === "string" && issue.minimum === 1
        ? "Fyll i fältet."
        : `För kort eller för litet (minst ${String(issue.minimum)}).`;
    case "too_big":
      return issue.origin === "string"
        ? `För lång text: högst ${String(issue.maximum)} tecken.`
        : `För stort eller för många (högst ${String(issue.maximum)}).`;
    case "invalid_type":
      return issue.message.endsWith("received undefined") ? "Uppgiften saknas." : "Fel sorts värde.";
    case "invalid_format":
      return issue.format === "email" ? "Skriv en giltig e-postadress." : "Fel format.";
    case "invalid_value":
      return `Välj ett av: ${issue.values.map(String).join(", ")}.`;
    case "unrecognized_keys":
      return `Okända fält: ${issue.keys.join(", ")}.`;
    default:
      return "Ogiltigt värde.";
  }
}

/** Every zod issue as a field message (the first per field), under `prefix` when given. */
export function fieldErrorsFromZod(error: ZodError, prefix = ""): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== "").join(".") || "_";
    fields[path] ??= { sv: swedishFor(issue), en: issue.message };
  }
  return fields;
}

/** The problem document with `errors`: each field's message in Swedish and English. */
export type FieldProblemDocument = ProblemDocument & { errors: FieldErrors };

/** Answers a FieldValidationError as application/problem+json with per-field `errors`. */
export function fieldProblemResponse(c: Context, error: FieldValidationError, requestId?: string): Response {
  const status = statusForCode(error.code);
  const body: FieldProblemDocument = {
    type: "about:blank",
    title: error.code,
    status,
    detail: error.message,
    instance: c.req.path,
    ...(requestId ? { requestId } : {}),
    error: { code: error.code, message: error.message },
    errors: error.fields,
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json; charset=utf-8" });
}

/** The OpenAPI schema of a problem document with per-field errors. */
export const FieldProblem = z
  .object({
    type: z.string(),
    title: z.string().openapi({ example: "VALIDATION_FAILED" }),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }),
    errors: z.record(z.string(), z.object({ sv: z.string(), en: z.string() })).openapi({
      description: "Per field path (e.g. company.orgNumber or a question id): Swedish and English",
    }),
  })
  .openapi("FieldProblem");

/**
 * An OpenAPI response entry for a problem document with per-field errors. It is sent as
 * application/problem+json (fieldProblemResponse), so that is what the document must say.
 */
export function fieldProblem(description: string) {
  return { description, content: { "application/problem+json": { schema: FieldProblem } } };
}

/**
 * A router like `createApiRouter` whose request validation reports every bad field, and whose
 * FieldValidationErrors answer with per-field `errors`; other errors go on to the app's handler.
 */
export function createFieldApiRouter(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new FieldValidationError(fieldErrorsFromZod(result.error));
    },
  });
  router.onError((error, c) => {
    if (error instanceof FieldValidationError) return fieldProblemResponse(c, error, c.var.requestId);
    if (error instanceof AppError) return problemResponse(c, error, c.var.requestId);
    throw error;
  });
  return router;
}
