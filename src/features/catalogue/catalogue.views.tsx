import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatNumber } from "#src/shared/i18n.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { capacityLeftText } from "./catalogue.format.ts";
import { type CatalogueTranslate, catalogueMessages } from "./catalogue.messages.ts";
import { activeFacets, type PageQuery, searchHref, withoutFilter } from "./catalogue.page-query.ts";
import { Pagination } from "./catalogue.pagination.tsx";
import type { CatalogueItem, CatalogueResult, FacetName, FacetValue } from "./catalogue.schemas.ts";

// The search page of "Hitta stöd": a GET form (search box, facets as checkboxes and selects, sorting)
// that works without JavaScript, the result count in a live heading, the results, paging, and a no-hit
// state with links that take each filter away.

export type SearchPageModel = {
  state: PageQuery;
  result: CatalogueResult;
  /** Ids of the listed offers that have no English text (their Swedish text is marked lang="sv"). */
  swedishOnly: ReadonlySet<string>;
};

const CHECKBOX_FACETS = ["theme", "format", "organisation", "cost"] as const;

/** A facet value's label from the facet list, or the code itself when the facet does not list it. */
function labelOf(values: readonly FacetValue[], code: string): string {
  return values.find((v) => v.value === code)?.label ?? code;
}

function costLabel(t: CatalogueTranslate, code: string): string {
  switch (code) {
    case "free":
    case "fee":
    case "loan":
    case "grant":
    case "equity":
      return t(`cost.${code}`);
    default:
      return code;
  }
}

/** The label of a facet value as the page shows it (cost labels come from this page's messages). */
function facetValueLabel(t: CatalogueTranslate, facet: FacetName, value: FacetValue): string {
  return facet === "cost" ? costLabel(t, value.value) : value.label;
}

function FacetCheckboxes({
  t,
  facet,
  values,
}: {
  t: CatalogueTranslate;
  facet: FacetName;
  values: FacetValue[];
}) {
  return (
    <div class="ds-card lots-card">
      <fieldset class="ds-fieldset">
        <legend class="ds-label">{t(`facet.${facet}`)}</legend>
        {values.map((value, i) => {
          const id = `facet-${facet}-${i}`;
          return (
            <div class="ds-field">
              <input
                class="ds-input"
                type="checkbox"
                id={id}
                name={facet}
                value={value.value}
                checked={value.selected}
              />
              <label class="ds-label" data-weight="regular" for={id}>
                {t("facet.option", {
                  label: facetValueLabel(t, facet, value),
                  count: formatNumber(value.count),
                })}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

function FacetSelect({
  t,
  facet,
  values,
  anyLabel,
}: {
  t: CatalogueTranslate;
  facet: "municipality" | "size";
  values: FacetValue[];
  anyLabel: string;
}) {
  const id = `facet-${facet}`;
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {t(`facet.${facet}`)}
      </label>
      <select class="ds-input" id={id} name={facet}>
        <option value="">{anyLabel}</option>
        {values.map((value) => (
          <option value={value.value} selected={value.selected}>
            {t("facet.option", { label: value.label, count: formatNumber(value.count) })}
          </option>
        ))}
      </select>
    </div>
  );
}

function SearchForm({ t, model }: { t: CatalogueTranslate; model: SearchPageModel }) {
  const { state, result } = model;
  const facets = result.facets;
  return (
    <search>
      <form class="lots-stack" method="get" action="/hitta-stod">
        <div class="ds-field">
          <label class="ds-label" for="catalogue-q">
            {t("search.label")}
          </label>
          <p class="ds-paragraph" data-field="description" id="catalogue-q-hint">
            {t("search.hint")}
          </p>
          <div class="ds-search">
            <input
              class="ds-input"
              id="catalogue-q"
              name="q"
              type="search"
              value={state.q}
              autocomplete="off"
              aria-describedby="catalogue-q-hint"
            />
            <button class="ds-button" data-variant="secondary" type="submit">
              {t("search.button")}
            </button>
          </div>
        </div>

        <h2 class="ds-heading" data-size="sm" id="catalogue-filters">
          {t("filters.heading")}
        </h2>
        <p class="ds-paragraph" data-size="sm">
          {t("filters.hint")}
        </p>
        <div class="lots-grid">
          <div class="ds-card lots-card">
            <fieldset class="ds-fieldset">
              <legend class="ds-label">{t("filters.company")}</legend>
              <FacetSelect
                t={t}
                facet="municipality"
                values={facets.municipality}
                anyLabel={t("facet.municipality.any")}
              />
              <FacetSelect t={t} facet="size" values={facets.size} anyLabel={t("facet.size.any")} />
            </fieldset>
          </div>
          {CHECKBOX_FACETS.filter((facet) => facets[facet].length > 0).map((facet) => (
            <FacetCheckboxes t={t} facet={facet} values={facets[facet]} />
          ))}
        </div>
        <div class="ds-field">
          <label class="ds-label" for="catalogue-sort">
            {t("sort.label")}
          </label>
          <select class="ds-input" id="catalogue-sort" name="sort" data-width="auto">
            <option value="relevance" selected={state.sort === "relevance"}>
              {t("sort.relevance")}
            </option>
            <option value="name" selected={state.sort === "name"}>
              {t("sort.name")}
            </option>
          </select>
        </div>
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("filters.submit")}
          </button>
          {activeFacets(state).length > 0 ? (
            <a
              class="ds-link"
              href={searchHref({
                ...state,
                theme: [],
                format: [],
                organisation: [],
                cost: [],
                municipality: "",
                size: "",
              })}
            >
              {t("filters.clear")}
            </a>
          ) : null}
        </div>
      </form>
    </search>
  );
}

function ResultCard({
  t,
  item,
  facets,
  isSwedishOnly,
}: {
  t: CatalogueTranslate;
  item: CatalogueItem;
  facets: CatalogueResult["facets"];
  isSwedishOnly: boolean;
}) {
  const lang = isSwedishOnly ? "sv" : undefined;
  const capacity = capacityLeftText(t, item.capacityRemaining);
  return (
    <li>
      <article class="ds-card lots-card">
        <h3 class="ds-heading" data-size="xs" lang={lang}>
          <a class="ds-link" href={`/hitta-stod/${item.id}`}>
            {item.name}
          </a>
        </h3>
        <p class="ds-paragraph" lang={lang}>
          {item.summary}
        </p>
        <p class="ds-paragraph" data-size="sm">
          <strong>{t("result.organisation")}:</strong> {item.organisationName}
          <br />
          <strong>{t("result.area")}:</strong> {item.areaLabel}
          <br />
          <strong>{t("result.formats")}:</strong>{" "}
          {item.formats.map((f) => labelOf(facets.format, f)).join(", ")}
          <br />
          <strong>{t("result.cost")}:</strong> {costLabel(t, item.costType)}
          {capacity ? (
            <>
              <br />
              {capacity}
            </>
          ) : null}
        </p>
      </article>
    </li>
  );
}

function NoHits({ t, model }: { t: CatalogueTranslate; model: SearchPageModel }) {
  const { state, result } = model;
  const removable = (result.suggestion?.removeFilters ?? []).filter((name): name is FacetName =>
    activeFacets(state).includes(name as FacetName),
  );
  const active = activeFacets(state);
  const valuesOf = (facet: FacetName) =>
    result.facets[facet]
      .filter((v) => v.selected)
      .map((v) => facetValueLabel(t, facet, v))
      .join(", ");
  return (
    <div class="ds-alert lots-stack" data-color="info">
      <h3 class="ds-heading" data-size="xs">
        {t("none.heading")}
      </h3>
      {removable.length > 0 ? (
        <>
          <p class="ds-paragraph">{t("none.removeIntro")}</p>
          <ul class="ds-list">
            {removable.map((facet) => (
              <li>
                <a class="ds-link" href={searchHref(withoutFilter(state, facet))}>
                  {t("none.remove", { facet: t(`facet.${facet}`), values: valuesOf(facet) })}
                </a>
              </li>
            ))}
            {active.length > 1 ? (
              <li>
                <a
                  class="ds-link"
                  href={searchHref(active.reduce((s, facet) => withoutFilter(s, facet), state))}
                >
                  {t("none.removeAll")}
                </a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      <p class="ds-paragraph">{t("none.tryWords")}</p>
    </div>
  );
}

function countHeading(t: CatalogueTranslate, total: number): string {
  if (total === 0) return t("results.heading.none");
  if (total === 1) return t("results.heading.one");
  return t("results.heading.many", { count: formatNumber(total) });
}

/** The public catalogue's search page. */
export function renderSearchPage(c: Context<AppEnv>, model: SearchPageModel) {
  const t = catalogueMessages(c.var.locale);
  const { state, result } = model;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return renderPage(
    c,
    state.q ? `${state.q} – ${t("search.title")}` : t("search.title"),
    <>
      <div class="lots-prose">
        <h1 class="ds-heading" data-size="lg">
          {t("search.title")}
        </h1>
        <p class="ds-paragraph">{t("search.intro")}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href="/hitta-stod/mitt-foretag">
            {t("search.matchLink")}
          </a>
        </p>
      </div>
      <div class="lots-section">
        <SearchForm t={t} model={model} />
      </div>
      <section class="lots-section" aria-labelledby="catalogue-results">
        {/* A live region: where a script refreshes the results in place, the new count is read out. */}
        <h2 class="ds-heading" data-size="md" id="catalogue-results" aria-live="polite" aria-atomic="true">
          {countHeading(t, result.total)}
        </h2>
        {state.q ? <p class="ds-paragraph">{t("results.forQuery", { query: state.q })}</p> : null}
        {result.didYouMean ? (
          <p class="ds-paragraph">{t("results.didYouMean", { query: result.didYouMean })}</p>
        ) : null}
        {result.total === 0 ? (
          <NoHits t={t} model={model} />
        ) : (
          <>
            {pages > 1 ? (
              <p class="ds-paragraph" data-size="sm">
                {t("results.pageOf", { page: state.page, pages })}
              </p>
            ) : null}
            <ul class="lots-grid">
              {result.items.map((item) => (
                <ResultCard
                  t={t}
                  item={item}
                  facets={result.facets}
                  isSwedishOnly={model.swedishOnly.has(item.id)}
                />
              ))}
            </ul>
            {pages > 1 ? <Pagination t={t} state={state} pages={pages} /> : null}
          </>
        )}
      </section>
    </>,
  );
}
