import { formatDate, formatNumber } from "#src/shared/i18n.ts";
import { type Option, Select } from "#src/shared/web/form-fields.tsx";
import { CsrfField, Notice } from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { needsMessages } from "./needs.messages.ts";
import { NEED_SOURCES, NEED_STATUSES, NEED_URGENCIES, type Need } from "./needs.schemas.ts";

// The navigators' needs list (/admin/behov) and one answer shown with its own version's questions. Free text
// from companies is rendered as text (JSX escapes it): markup in an answer can never run here.

type T = ReturnType<typeof needsMessages>;

/** What the list page shows. */
export type NeedsListModel = {
  needs: Need[];
  filter: Record<string, string>;
  page: number;
  hasNext: boolean;
  themes: Option[];
  municipalities: Option[];
  notice: string | undefined;
  csrfToken: string;
  /** Whether the user may open the company register (navigators and the platform admin). */
  mayOpenCompanies: boolean;
};

const any = (t: T, options: Option[]): Option[] => [{ value: "", label: t("filter.any") }, ...options];

function pageHref(filter: Record<string, string>, page: number): string {
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/behov?${query}` : "/admin/behov";
}

/** The needs list with its filters and a status form per need. */
export function NeedsListView({ t, model }: { t: T; model: NeedsListModel }) {
  const label = (options: Option[], value: string | null) =>
    options.find((o) => o.value === value)?.label ?? value ?? "–";
  const statuses = NEED_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <Notice message={model.notice} />
      <p class="ds-paragraph">{t("list.intro")}</p>
      <form method="get" action="/admin/behov" class="lots-stack" aria-labelledby="needs-filter-heading">
        <h2 class="ds-heading" data-size="xs" id="needs-filter-heading">
          {t("filter.heading")}
        </h2>
        <div class="lots-grid">
          <Select
            id="filter-theme"
            name="theme"
            label={t("filter.theme")}
            value={model.filter.theme ?? ""}
            options={any(t, model.themes)}
            errors={[]}
          />
          <Select
            id="filter-status"
            name="status"
            label={t("filter.status")}
            value={model.filter.status ?? ""}
            options={any(t, statuses)}
            errors={[]}
          />
          <Select
            id="filter-urgency"
            name="urgency"
            label={t("filter.urgency")}
            value={model.filter.urgency ?? ""}
            options={any(
              t,
              NEED_URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) })),
            )}
            errors={[]}
          />
          <Select
            id="filter-source"
            name="source"
            label={t("filter.source")}
            value={model.filter.source ?? ""}
            options={any(
              t,
              NEED_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) })),
            )}
            errors={[]}
          />
          <Select
            id="filter-municipality"
            name="municipalityCode"
            label={t("filter.municipality")}
            value={model.filter.municipalityCode ?? ""}
            options={any(t, model.municipalities)}
            errors={[]}
          />
        </div>
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("filter.submit")}
          </button>
        </div>
      </form>
      <p class="ds-paragraph" role="status">
        {t("list.count", { count: formatNumber(model.needs.length) })}
      </p>
      {model.needs.length === 0 ? (
        <p class="ds-paragraph">{t("list.none")}</p>
      ) : (
        <TableScroll label={t("list.title")}>
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.company")}</th>
                <th scope="col">{t("col.theme")}</th>
                <th scope="col">{t("col.urgency")}</th>
                <th scope="col">{t("col.municipality")}</th>
                <th scope="col">{t("col.source")}</th>
                <th scope="col">{t("col.date")}</th>
                <th scope="col">{t("col.change")}</th>
              </tr>
            </thead>
            <tbody>
              {model.needs.map((need) => {
                const company = need.companyName ?? t("erased");
                const theme = label(model.themes, need.theme);
                return (
                  <tr>
                    <th scope="row">
                      {need.companyId && model.mayOpenCompanies ? (
                        <a class="ds-link" href={`/admin/foretag/${need.companyId}`}>
                          {company}
                        </a>
                      ) : (
                        company
                      )}
                    </th>
                    <td>
                      {theme}
                      {need.description ? (
                        <p class="ds-paragraph lots-prewrap" data-size="sm">
                          {need.description}
                        </p>
                      ) : null}
                      {need.responseId ? (
                        <a class="ds-link" href={`/admin/behov/svar/${need.responseId}`}>
                          {t("answer.link")}
                          <span class="ds-sr-only">{`: ${company}, ${theme}`}</span>
                        </a>
                      ) : null}
                    </td>
                    <td>{t(`urgency.${need.urgency}`)}</td>
                    <td>{label(model.municipalities, need.municipalityCode)}</td>
                    <td>{t(`source.${need.source}`)}</td>
                    <td>{formatDate(need.createdAt)}</td>
                    <td>
                      <form method="post" action={`/admin/behov/${need.id}/status`} class="lots-inline-form">
                        <CsrfField token={model.csrfToken} />
                        <input type="hidden" name="return" value={pageHref(model.filter, model.page)} />
                        <label class="ds-sr-only" for={`status-${need.id}`}>
                          {t("status.change", { theme, company })}
                        </label>
                        <select class="ds-input" id={`status-${need.id}`} name="status">
                          {statuses.map((s) => (
                            <option value={s.value} selected={s.value === need.status}>
                              {s.label}
                            </option>
                          ))}
                        </select>
                        <button class="ds-button" type="submit" data-variant="secondary" data-size="sm">
                          {t("status.save")}
                          <span class="ds-sr-only">{`: ${company}, ${theme}`}</span>
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t("page.nav")} class="lots-actions">
        {model.page > 1 ? (
          <a class="ds-link" href={pageHref(model.filter, model.page - 1)}>
            {t("page.prev")}
          </a>
        ) : null}
        {model.hasNext ? (
          <a class="ds-link" href={pageHref(model.filter, model.page + 1)}>
            {t("page.next")}
          </a>
        ) : null}
      </nav>
    </div>
  );
}

/** One survey answer with its own version's questions. */
export function AnswerView(props: {
  t: T;
  company: string;
  meta: string;
  rows: { question: string; answer: string }[];
}) {
  const { t } = props;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("answer.title", { company: props.company })}
      </h1>
      <p class="ds-paragraph">{props.meta}</p>
      <dl class="lots-answers">
        {props.rows.map((row) => (
          <>
            <dt>{row.question}</dt>
            <dd class="lots-prewrap">{row.answer || t("answer.noAnswer")}</dd>
          </>
        ))}
      </dl>
      <p class="ds-paragraph">
        <a class="ds-link" href="/admin/behov">
          {t("answer.back")}
        </a>
      </p>
    </div>
  );
}
