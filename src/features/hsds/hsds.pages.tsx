import { type Context, Hono } from "hono";
import { auditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { currentUser, requireUser } from "#src/features/auth/auth.middleware.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { canExchangeHsds } from "./hsds.policy.ts";
import { exportHsdsText, importHsds } from "./hsds.service.ts";
import { renderHsdsPage } from "./hsds.views.tsx";

// The platform admin's HSDS page: download the catalogue, upload a document to check or import it.

/** The largest document the page accepts; the CLI has no limit. */
const MAX_UPLOAD_MB = 25;

function allowed(c: Context<AppEnv>) {
  const actor = currentUser(c);
  if (!canExchangeHsds(actor))
    throw new AppError("FORBIDDEN", "Only the platform admin imports and exports HSDS.");
  return actor;
}

/** GET and POST /admin/hsds, GET /admin/hsds/export. */
export function hsdsAdminPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/hsds", requireUser, (c) => {
    allowed(c);
    return renderHsdsPage(c, { form: { mode: "check", skipInvalid: false } });
  });

  app.post("/admin/hsds", requireUser, async (c) => {
    const actor = allowed(c);
    const body = await c.req.parseBody();
    const form = {
      mode: body.mode === "import" ? "import" : "check",
      skipInvalid: body.skipInvalid === "yes",
    } as const;
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderHsdsPage(c, { form, error: { key: "error.noFile" } }, 400);
    }
    if (file.size > MAX_UPLOAD_MB * 1024 * 1024) {
      return renderHsdsPage(c, { form, error: { key: "error.tooLarge", mb: MAX_UPLOAD_MB } }, 400);
    }
    const { ip, userAgent, requestId } = auditContext(c);
    const result = await importHsds(c.var.deps.db, actor, await file.text(), {
      dryRun: form.mode === "check",
      skipInvalid: form.skipInvalid,
      meta: { ip, userAgent, requestId },
    });
    return renderHsdsPage(c, { form, report: { dryRun: form.mode === "check", result } });
  });

  app.get("/admin/hsds/export", requireUser, async (c) => {
    allowed(c);
    const db = c.var.deps.db;
    const text = await exportHsdsText(db);
    // The export holds every offer's contact persons: who took it is worth knowing.
    await recordAudit(db, { ...auditContext(c), action: "export", recordType: "hsds-document" });
    const day = new Date().toISOString().slice(0, 10);
    return c.body(text, 200, {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="lots-hsds-${day}.json"`,
      "cache-control": "no-store",
    });
  });

  return app;
}
