import { Hono } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { checkReadiness } from "./health.service.ts";

/** `/healthz` answers while the process runs; `/readyz` only when the database is reachable and migrated. */
export function healthRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/healthz", (c) => c.json({ status: "alive" }));
  app.get("/readyz", async (c) => {
    const readiness = await checkReadiness(c.var.deps.db);
    return c.json(readiness, readiness.ready ? 200 : 503);
  });
  return app;
}
