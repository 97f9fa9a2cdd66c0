import { Hono } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { getOutboxMail, listOutbox } from "./mail.service.ts";
import { isDevOutboxEnabled } from "./mail.transport.ts";
import { renderOutboxList, renderOutboxMail } from "./mail.views.tsx";

/**
 * The development outbox at /dev/mail: readable without signing in, because it exists only in development
 * and test without SMTP (where every mail is fictional or the developer's own). Anywhere else — production
 * above all, or whenever real mail is sent — every path under it answers 404, as if it did not exist.
 */
export function mailRoutes() {
  const app = new Hono<AppEnv>();

  app.use("/dev/mail", async (c, next) => {
    if (!isDevOutboxEnabled(c.var.deps.config)) throw new AppError("NOT_FOUND", "Not found.");
    await next();
  });
  app.use("/dev/mail/*", async (c, next) => {
    if (!isDevOutboxEnabled(c.var.deps.config)) throw new AppError("NOT_FOUND", "Not found.");
    await next();
  });

  app.get("/dev/mail", async (c) => renderOutboxList(c, await listOutbox(c.var.deps.db)));
  app.get("/dev/mail/:id", async (c) =>
    renderOutboxMail(c, await getOutboxMail(c.var.deps.db, c.req.param("id"))),
  );

  return app;
}
