import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { ChartWithTable } from "./insights.charts.tsx";
import { insightsPageMessages } from "./insights.pages.messages.ts";
import type { Period } from "./insights.periods.ts";
import type { InsightTable } from "./insights.table.ts";

/** `/statistik`: the public summary the network can publish, with CSV and XLSX downloads. */
export function renderOpenDataPage(c: Context<AppEnv>, data: { tables: InsightTable[]; period: Period }) {
  const locale = c.var.locale;
  const t = insightsPageMessages(locale);
  const base = "/statistik/export";
  return renderPage(
    c,
    t("open.title"),
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("open.title")}
      </h1>
      <p class="ds-paragraph">{t("open.intro")}</p>
      <p class="ds-paragraph">
        {t("open.updated", { date: formatDate(new Date()) })} {t("open.license")}
      </p>
      <p class="lots-actions">
        <a class="ds-link" href={`${base}?format=xlsx`}>
          {t("open.downloadXlsx")}
        </a>
      </p>
      {data.tables.map((table) => (
        <ChartWithTable
          table={table}
          chart="bar"
          column={table.id === "needs-by-municipality" ? table.columns.length - 1 : 0}
          locale={locale}
          exportBase={base}
        />
      ))}
    </div>,
  );
}
