import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { Select } from "#src/shared/web/form-fields.tsx";
import { ErrorSummary, type FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { ChartWithTable } from "./insights.charts.tsx";
import type { CodeLabel } from "./insights.labels.ts";
import { insightsPageMessages } from "./insights.pages.messages.ts";
import type { InsightTable } from "./insights.table.ts";

/** The views of the dashboard, each a page of its own. */
export const INSIGHT_VIEWS = [
  { id: "needs", path: "/admin/insikter" },
  { id: "supply", path: "/admin/insikter/utbud" },
  { id: "outcomes", path: "/admin/insikter/lotsning" },
  { id: "surveys", path: "/admin/insikter/enkater" },
] as const;
export type InsightViewId = (typeof INSIGHT_VIEWS)[number]["id"];

/** The filter form as the user sent it (kept as typed, so a bad value is shown back, not lost). */
export interface FilterForm {
  period: string;
  kommun: string;
  bransch: string;
  storlek: string;
}

/** One chart (or table alone) on a page. */
export interface InsightBlock {
  table: InsightTable;
  chart: "bar" | "line";
  column?: number;
}

export interface InsightsPageModel {
  view: InsightViewId;
  form: FilterForm;
  /** Which filter fields the view uses. */
  fields: { period: boolean; sector: boolean };
  periodOptions: CodeLabel[];
  municipalities: CodeLabel[];
  sniSections: CodeLabel[];
  sizeBands: CodeLabel[];
  errors: FormError[];
  /** A sentence saying what the figures are for, e.g. "kvartal 3 2026, Nora". */
  scope: string;
  blocks: InsightBlock[];
  /** Query string of the current filter, for export links. */
  filterQuery: string;
  pending: number;
}

function Nav({ locale, current }: { locale: Locale; current: InsightViewId }) {
  const t = insightsPageMessages(locale);
  return (
    <nav aria-label={t("nav.label")} class="lots-insight-nav">
      <ul class="lots-insight-nav__list">
        {INSIGHT_VIEWS.map((view) => (
          <li>
            <a class="ds-link" href={view.path} aria-current={view.id === current ? "page" : undefined}>
              {t(`nav.${view.id}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FilterFormView({ locale, model }: { locale: Locale; model: InsightsPageModel }) {
  const t = insightsPageMessages(locale);
  const all = (label: string) => [{ value: "", label }];
  const path = INSIGHT_VIEWS.find((v) => v.id === model.view)!.path;
  return (
    <form method="get" action={path} class="lots-insight-filter" aria-labelledby="insight-filter-heading">
      <h2 class="ds-heading" data-size="xs" id="insight-filter-heading">
        {t("filter.heading")}
      </h2>
      <div class="lots-insight-filter__fields">
        {model.fields.period ? (
          <Select
            id="filter-period"
            name="period"
            label={t("filter.period")}
            value={model.form.period}
            options={model.periodOptions.map((p) => ({ value: p.code, label: p.label }))}
            errors={model.errors}
          />
        ) : null}
        <Select
          id="filter-kommun"
          name="kommun"
          label={t("filter.municipality")}
          value={model.form.kommun}
          options={[
            ...all(t("filter.allMunicipalities")),
            ...model.municipalities.map((m) => ({ value: m.code, label: m.label })),
          ]}
          errors={model.errors}
        />
        {model.fields.sector ? (
          <>
            <Select
              id="filter-bransch"
              name="bransch"
              label={t("filter.industry")}
              value={model.form.bransch}
              options={[
                ...all(t("filter.allIndustries")),
                ...model.sniSections.map((s) => ({ value: s.code, label: s.label })),
              ]}
              errors={model.errors}
            />
            <Select
              id="filter-storlek"
              name="storlek"
              label={t("filter.size")}
              value={model.form.storlek}
              options={[
                ...all(t("filter.allSizes")),
                ...model.sizeBands.map((s) => ({ value: s.code, label: s.label })),
              ]}
              errors={model.errors}
            />
          </>
        ) : null}
      </div>
      <button class="ds-button" data-variant="primary" type="submit">
        {t("filter.submit")}
      </button>
    </form>
  );
}

/** A dashboard view: heading, the views' navigation, the filter, then each chart with its table. */
export function renderInsightsPage(c: Context<AppEnv>, model: InsightsPageModel, status: 200 | 400 = 200) {
  const locale = c.var.locale;
  const t = insightsPageMessages(locale);
  const path = INSIGHT_VIEWS.find((v) => v.id === model.view)!.path;
  const exportBase = `${path}/export${model.filterQuery ? `?${model.filterQuery}` : ""}`;
  const title = t(`title.${model.view}`);
  return renderPage(
    c,
    title,
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{t(`intro.${model.view}`)}</p>
      <Nav locale={locale} current={model.view} />
      {model.errors.length > 0 ? (
        <ErrorSummary id="insight-errors" heading={t("filter.errorHeading")} errors={model.errors} />
      ) : null}
      <FilterFormView locale={locale} model={model} />
      <p class="ds-paragraph" role="status">
        {t("scope", { scope: model.scope })}
        {model.pending > 0 ? ` ${t("pending", { n: model.pending })}` : ""}
      </p>
      <p class="lots-actions">
        <a class="ds-link" href={`${exportBase}${exportBase.includes("?") ? "&" : "?"}format=xlsx`}>
          {t("export.all")}
        </a>
      </p>
      {model.blocks.map((block) => (
        <ChartWithTable
          table={block.table}
          chart={block.chart}
          column={block.column ?? 0}
          locale={locale}
          exportBase={exportBase}
        />
      ))}
    </div>,
    status,
  );
}
