import type { Context } from "hono";
import type { ZodError } from "zod";
import { AppError, statusForCode } from "./errors.ts";

/** The problem document (RFC 9457) every API error answers with; `error` keeps Lots' `{code,message}` shape. */
export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  error: { code: string; message: string };
};

/** Answers an expected error as application/problem+json. */
export function problemResponse(c: Context, error: AppError, requestId?: string): Response {
  const status = statusForCode(error.code);
  const body: ProblemDocument = {
    type: "about:blank",
    title: error.code,
    status,
    detail: error.message,
    instance: c.req.path,
    ...(requestId ? { requestId } : {}),
    error: { code: error.code, message: error.message },
  };
  return c.body(JSON.stringify(body), status, { "content-type": "application/problem+json; charset=utf-8" });
}

/** Turns zod's first issue into a VALIDATION_FAILED error that names the field. */
export function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return new AppError("VALIDATION_FAILED", `${field}${issue?.message ?? "invalid input"}`);
}
