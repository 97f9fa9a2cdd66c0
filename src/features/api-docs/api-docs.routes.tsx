import { Hono } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";

// Temporary until the API reference page lands (same session).
export function apiDocsRoutes() {
  return new Hono<AppEnv>();
}
