import { Hono } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { type ApiReference, readApiReference } from "./api-docs.model.ts";
import { renderApiReference } from "./api-docs.views.tsx";

/** Where the app serves the machine-readable document the page is generated from. */
export const OPENAPI_DOCUMENT_PATH = "/api/v1/openapi.json";

/**
 * `/api/docs`: the human-readable API reference, generated from the app's own OpenAPI document so
 * the two cannot disagree. `getDocument` is called on the first request, when every route exists,
 * and the result is kept: routes do not change while the app runs.
 */
export function apiDocsRoutes(getDocument: () => unknown) {
  const app = new Hono<AppEnv>();
  let reference: ApiReference | undefined;
  app.get("/api/docs", (c) => {
    reference ??= readApiReference(getDocument());
    return renderApiReference(c, reference, OPENAPI_DOCUMENT_PATH);
  });
  return app;
}
