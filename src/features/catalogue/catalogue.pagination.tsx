import type { CatalogueTranslate } from "./catalogue.messages.ts";
import { type PageQuery, pageWindow, searchHref } from "./catalogue.page-query.ts";

/**
 * Designsystemet's pagination for the search results: links that keep the filters, the current page marked
 * with aria-current (the value Designsystemet's styles draw as current), previous and next at the ends.
 */
export function Pagination({ t, state, pages }: { t: CatalogueTranslate; state: PageQuery; pages: number }) {
  const current = state.page;
  // Designsystemet's pagination: the first and last items are "previous" and "next" (drawn with arrows,
  // hidden but kept in place when there is no such page), an empty item is a gap.
  return (
    <nav class="ds-pagination" aria-label={t("paging.label")}>
      <ul>
        <li>
          {current > 1 ? (
            <a class="ds-button" data-variant="tertiary" href={searchHref(state, { page: current - 1 })}>
              {t("paging.previous")}
            </a>
          ) : (
            <span class="ds-button" data-variant="tertiary" aria-hidden="true">
              {t("paging.previous")}
            </span>
          )}
        </li>
        {pageWindow(current, pages).map((n) =>
          n === null ? (
            <li />
          ) : (
            <li>
              <a
                class="ds-button"
                data-variant="tertiary"
                href={searchHref(state, { page: n })}
                aria-label={t("paging.page", { page: n })}
                aria-current={n === current ? "true" : undefined}
              >
                {n}
              </a>
            </li>
          ),
        )}
        <li>
          {current < pages ? (
            <a class="ds-button" data-variant="tertiary" href={searchHref(state, { page: current + 1 })}>
              {t("paging.next")}
            </a>
          ) : (
            <span class="ds-button" data-variant="tertiary" aria-hidden="true">
              {t("paging.next")}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
