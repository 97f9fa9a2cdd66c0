import { createRoute } from "@hono/zod-openapi";
import { type Context, Hono } from "hono";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { type Actor, ANONYMOUS } from "#src/shared/auth/actor.ts";
import { scopeIncludes } from "#src/shared/auth/scope.ts";
import { AppError } from "#src/shared/errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import { auditLogScope } from "./audit.policy.ts";
import { type AuditEntry, AuditEntryPage, AuditFilters, AuditLogQuery } from "./audit.schemas.ts";
import { auditContext, exportAuditCsv, listAuditEntries } from "./audit.service.ts";
import { type AuditFormValues, type AuditPageModel, filterQuery, renderAuditPage } from "./audit.views.tsx";

const FORM_KEYS = ["from", "to", "actorLabel", "action", "recordType", "organisationId"] as const;

function formValues(c: Context<AppEnv>): AuditFormValues {
  const values: AuditFormValues = {};
  for (const key of FORM_KEYS) {
    const value = c.req.query(key);
    if (value !== undefined) values[key] = value.slice(0, 200);
  }
  return values;
}

/** Which form fields were wrong, as message keys for the page. */
function formErrors(values: AuditFormValues): AuditPageModel["errors"] {
  const parsed = AuditFilters.safeParse(values);
  if (parsed.success) return { other: "error.other" };
  const errors: AuditPageModel["errors"] = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (field === "from") errors.from = "error.from";
    else if (field === "to") errors.to = "error.to";
    else errors.other = "error.other";
  }
  return errors;
}

/** The organisations the actor may filter by, by name. */
async function visibleOrganisations(c: Context<AppEnv>, actor: Actor) {
  const scope = auditLogScope(actor);
  const all = await listOrganisations(c.var.deps.db);
  return all
    .filter((o) => scopeIncludes(scope, o.id))
    .map((o) => ({ id: o.id, name: o.name }))
    .sort((a, b) => compareSwedish(a.name, b.name));
}

async function downloadCsv(c: Context<AppEnv>) {
  const values = formValues(c);
  try {
    const context = auditContext(c);
    const { csv, filename } = await exportAuditCsv(c.var.deps.db, context, values, c.var.locale);
    return c.body(csv, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
    });
  } catch (error) {
    // Bad filters: back to the page, which shows what to correct.
    if (error instanceof AppError && error.code === "VALIDATION_FAILED") {
      return c.redirect(`/admin/logg${filterQuery(values)}`, 303);
    }
    throw error;
  }
}

/** The audit log pages: /admin/logg (HTML; ?format=csv downloads) and /admin/logg.csv. */
export function auditPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/logg.csv", requireUser, (c) => downloadCsv(c));

  app.get("/admin/logg", requireUser, async (c) => {
    if (c.req.query("format") === "csv") return downloadCsv(c);
    const actor = c.var.actor;
    const values = formValues(c);
    const db = c.var.deps.db;
    // The service decides first (FORBIDDEN for anyone but admins); bad filters re-render the form.
    let result: Awaited<ReturnType<typeof listAuditEntries>> | undefined;
    try {
      result = await listAuditEntries(db, actor, { ...values, page: c.req.query("page") });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "VALIDATION_FAILED")) throw error;
    }
    const common = {
      values,
      organisations: await visibleOrganisations(c, actor),
      seesAll: auditLogScope(actor).kind === "all",
    };
    if (!result) {
      const empty = { entries: [], total: 0, page: 1, pageSize: 50 };
      return renderAuditPage(c, { ...common, ...empty, errors: formErrors(values) }, 400);
    }
    return renderAuditPage(c, { ...common, ...result, entries: result.items, errors: {} });
  });

  return app;
}

const toJson = (e: AuditEntry) => ({ ...e, at: e.at.toISOString() });

/** GET /api/v1/audit-log: the audit log with the page's filters, for platform and org admins. */
export function auditApi() {
  const api = createApiRouter();
  api.openapi(
    createRoute({
      method: "get",
      path: "/audit-log",
      tags: ["Audit log"],
      summary: "Who read or changed personal data, when and from where (newest first)",
      description:
        "Platform admins see every entry; org admins the entries about their own organisations. " +
        "Reading the log is not itself logged.",
      request: { query: AuditLogQuery },
      responses: {
        200: json(AuditEntryPage, "One page of entries"),
        400: problem("A filter is malformed"),
        401: problem("No valid session or API token"),
        403: problem("Only platform admins and org admins may read the audit log"),
      },
    }),
    async (c) => {
      const actor = c.var.actor ?? ANONYMOUS;
      if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
      const result = await listAuditEntries(c.var.deps.db, actor, c.req.valid("query"));
      return c.json(
        {
          items: result.items.map(toJson),
          total: result.total,
          page: result.page,
          pageSize: result.pageSize,
        },
        200,
      );
    },
  );
  return api;
}
