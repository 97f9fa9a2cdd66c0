import { type Context, Hono } from "hono";
import type { Db } from "#src/db/client.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { exportFileName, tablesToCsv, tablesToXlsx } from "./insights.export.ts";
import { type CodeLabel, type InsightLabels, labelOf, loadLabels } from "./insights.labels.ts";
import { renderOpenDataPage } from "./insights.open-data.tsx";
import { insightViewBlocks } from "./insights.page-blocks.ts";
import { insightsPageMessages } from "./insights.pages.messages.ts";
import {
  type Period,
  parsePeriod,
  periodContaining,
  periodLabel,
  previousPeriod,
} from "./insights.periods.ts";
import { assertCanViewInsights, type NeedsFilter, openDataTables } from "./insights.service.ts";
import type { InsightTable } from "./insights.table.ts";
import {
  type FilterForm,
  INSIGHT_VIEWS,
  type InsightBlock,
  type InsightViewId,
  renderInsightsPage,
} from "./insights.views.tsx";

/** The periods the filter offers: this and the two previous years, the last 8 quarters, the last 12 months. */
function periodOptions(today: string, locale: Locale): CodeLabel[] {
  const list: Period[] = [];
  let year = periodContaining("year", today);
  let quarter = periodContaining("quarter", today);
  let month = periodContaining("month", today);
  for (let i = 0; i < 8; i++, quarter = previousPeriod(quarter)) list.push(quarter);
  for (let i = 0; i < 12; i++, month = previousPeriod(month)) list.push(month);
  for (let i = 0; i < 3; i++, year = previousPeriod(year)) list.push(year);
  return list.map((p) => ({ code: p.code, label: periodLabel(p, locale) }));
}

/** Reads the filter from the query string; a bad value is reported and replaced by the default. */
function readFilter(c: Context<AppEnv>, labels: InsightLabels) {
  const t = insightsPageMessages(c.var.locale);
  const today = stockholmDate(new Date());
  const form: FilterForm = {
    period: (c.req.query("period") ?? "").slice(0, 20),
    kommun: (c.req.query("kommun") ?? "").slice(0, 10),
    bransch: (c.req.query("bransch") ?? "").slice(0, 5),
    storlek: (c.req.query("storlek") ?? "").slice(0, 10),
  };
  const errors: FormError[] = [];
  let period = form.period ? parsePeriod(form.period) : periodContaining("quarter", today);
  if (!period) {
    errors.push({ fieldId: "filter-period", message: t("filter.badPeriod", { value: form.period }) });
    period = periodContaining("quarter", today);
  }
  const known = (list: CodeLabel[], value: string, fieldId: string, message: string) => {
    if (!value) return [];
    if (list.some((entry) => entry.code === value)) return [value];
    errors.push({ fieldId, message });
    return [];
  };
  const filter: NeedsFilter = {
    period,
    municipalities: known(labels.municipalities, form.kommun, "filter-kommun", t("filter.badMunicipality")),
    sniSections: known(labels.sniSections, form.bransch, "filter-bransch", t("filter.badIndustry")),
    sizeBands: known(labels.sizeBands, form.storlek, "filter-storlek", t("filter.badSize")),
  };
  form.period = period.code;
  const query = new URLSearchParams();
  query.set("period", period.code);
  if (filter.municipalities[0]) query.set("kommun", filter.municipalities[0]);
  if (filter.sniSections[0]) query.set("bransch", filter.sniSections[0]);
  if (filter.sizeBands[0]) query.set("storlek", filter.sizeBands[0]);
  return { form, filter, errors, filterQuery: query.toString(), today };
}

function scopeText(view: InsightViewId, filter: NeedsFilter, labels: InsightLabels, locale: Locale): string {
  const t = insightsPageMessages(locale);
  const parts = [view === "supply" ? t("scope.now") : periodLabel(filter.period, locale)];
  if (filter.municipalities[0]) parts.push(labelOf(labels.municipalities, filter.municipalities[0], ""));
  if (view === "needs") {
    if (filter.sniSections[0]) parts.push(labelOf(labels.sniSections, filter.sniSections[0], ""));
    if (filter.sizeBands[0]) parts.push(labelOf(labels.sizeBands, filter.sizeBands[0], ""));
  }
  return parts.join(", ");
}

async function loadView(c: Context<AppEnv>, view: InsightViewId) {
  assertCanViewInsights(c.var.actor);
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const labels = await loadLabels(db, locale);
  const read = readFilter(c, labels);
  const { blocks, pending } = await insightViewBlocks(db, c.var.actor, view, read.filter, locale);
  return { labels, read, blocks, pending };
}

async function showView(c: Context<AppEnv>, view: InsightViewId) {
  const { labels, read, blocks, pending } = await loadView(c, view);
  const locale = c.var.locale;
  return renderInsightsPage(
    c,
    {
      view,
      form: read.form,
      fields: { period: view !== "supply", sector: view === "needs" },
      periodOptions: periodOptions(read.today, locale),
      municipalities: labels.municipalities,
      sniSections: labels.sniSections,
      sizeBands: labels.sizeBands,
      errors: read.errors,
      scope: scopeText(view, read.filter, labels, locale),
      blocks,
      filterQuery: read.filterQuery,
      pending,
    },
    read.errors.length > 0 ? 400 : 200,
  );
}

/** A view's tables as CSV (one table, `table=<id>`) or XLSX (one table, or every table of the view). */
async function download(c: Context<AppEnv>, tables: InsightTable[], base: string) {
  const format = c.req.query("format");
  const tableId = c.req.query("table");
  const chosen = tableId ? tables.filter((table) => table.id === tableId) : tables;
  if (chosen.length === 0)
    throw new AppError("NOT_FOUND", insightsPageMessages(c.var.locale)("export.unknownTable"));
  if (format !== "csv" && format !== "xlsx")
    throw new AppError("VALIDATION_FAILED", "format is csv or xlsx.");
  const name = exportFileName(tableId ? `${base}-${tableId}` : base, format, new Date());
  const headers = {
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
  };
  if (format === "csv") {
    return c.body(tablesToCsv(chosen, c.var.locale), 200, {
      ...headers,
      "content-type": "text/csv; charset=utf-8",
    });
  }
  const buffer = await tablesToXlsx(chosen, c.var.locale);
  return c.body(new Uint8Array(buffer), 200, {
    ...headers,
    "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

async function exportView(c: Context<AppEnv>, view: InsightViewId) {
  const { blocks } = await loadView(c, view);
  return download(
    c,
    blocks.map((block: InsightBlock) => block.table),
    `insikter-${view}`,
  );
}

async function openData(db: Db, locale: Locale) {
  return openDataTables(db, locale, stockholmDate(new Date()));
}

/**
 * The dashboards (`/admin/insikter`, `/utbud`, `/lotsning`, `/enkater`, each with `/export`) for analysts,
 * navigators and admins, and the public open-data page `/statistik` with its downloads.
 */
export function insightsPages() {
  const app = new Hono<AppEnv>();
  for (const view of INSIGHT_VIEWS) {
    app.get(view.path, requireUser, (c) => showView(c, view.id));
    app.get(`${view.path}/export`, requireUser, (c) => exportView(c, view.id));
  }
  app.get("/statistik", async (c) => renderOpenDataPage(c, await openData(c.var.deps.db, c.var.locale)));
  app.get("/statistik/export", async (c) => {
    const { tables } = await openData(c.var.deps.db, c.var.locale);
    return download(c, tables, "oppna-data-behov");
  });
  return app;
}
