import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { getOrganisation } from "#src/features/organisations/organisations.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import {
  getRetentionSettings,
  listRunsFor,
  RETENTION_FIELDS,
  type RetentionField,
  saveRetentionSettings,
} from "./retention.service.ts";
import { fieldId, type RetentionPageModel, renderRetentionPage, retentionPath } from "./retention.views.tsx";

/** The organisation's name and latest runs; the service refuses anyone but its org admins and the platform admin. */
async function loadPage(c: Context<AppEnv>, organisationId: string) {
  const db = c.var.deps.db;
  const settings = await getRetentionSettings(db, c.var.actor, organisationId);
  const organisation = await getOrganisation(db, c.var.actor, organisationId);
  const runs = await listRunsFor(db, c.var.actor, organisationId);
  const values = Object.fromEntries(
    RETENTION_FIELDS.map((field) => [field, settings[field] === null ? "" : String(settings[field])]),
  ) as Record<RetentionField, string>;
  return { organisation: { id: organisation.id, name: organisation.name }, values, runs, errors: [] };
}

/** /admin/organisationer/:id/gallring: read and set the organisation's retention periods. */
export function retentionPages() {
  const app = new Hono<AppEnv>();
  const path = "/admin/organisationer/:id/gallring";

  app.get(path, requireUser, async (c) => {
    const model: RetentionPageModel = await loadPage(c, c.req.param("id"));
    return renderRetentionPage(c, { ...model, saved: c.req.query("sparat") === "1" });
  });

  app.post(path, requireUser, async (c) => {
    const organisationId = c.req.param("id");
    const model = await loadPage(c, organisationId);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      RETENTION_FIELDS.map((field) => {
        const value = body[field];
        return [field, typeof value === "string" ? value.slice(0, 20) : ""];
      }),
    ) as Record<RetentionField, string>;
    try {
      await saveRetentionSettings(c.var.deps.db, organisationId, values, auditContext(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const locale = c.var.locale;
      const errors: FormError[] = RETENTION_FIELDS.flatMap((field) => {
        const text = error.fields[field];
        return text ? [{ fieldId: fieldId(field), message: text[locale] }] : [];
      });
      return renderRetentionPage(c, { ...model, values, errors }, 400);
    }
    return c.redirect(`${retentionPath(organisationId)}?sparat=1`, 303);
  });

  return app;
}
