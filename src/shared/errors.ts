import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every expected error Lots raises. Services throw these codes; only `statusForCode` knows about HTTP. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type AppErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure: its message is safe to show to the user and is answered with the mapped status. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

/** The HTTP status an error code is answered with. */
export function statusForCode(code: AppErrorCode): ContentfulStatusCode {
  return ERROR_STATUS[code];
}
