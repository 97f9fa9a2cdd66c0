import { z } from "@hono/zod-openapi";

/** The problem document every API error answers with (RFC 9457 plus Lots' `error` member). */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string().openapi({ example: "NOT_FOUND" }),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }),
  })
  .openapi("Problem");

/** An OpenAPI response entry for a problem document with the given description. */
export function problem(description: string) {
  return { description, content: { "application/problem+json": { schema: Problem } } };
}

/** An OpenAPI response entry for a JSON body. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
