import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { createTranslator } from "#src/shared/messages.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { webMessages } from "./web.messages.ts";

/** The date the accessibility statement was last reviewed; change it whenever the statement changes. */
export const ACCESSIBILITY_STATEMENT_DATE = new Date("2026-11-28T12:00:00+01:00");

/** DIGG's form for reporting a public website that does not meet the accessibility law. */
export const DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan";

const OFFER_KINDS = ["financing", "skills", "thesis", "advice", "courses", "innovation"] as const;
const ACTORS = [
  "municipality",
  "region",
  "businessRegion",
  "almi",
  "sciencePark",
  "university",
  "incubator",
] as const;
const STEPS = ["step1", "step2", "step3"] as const;

/** The home page: what the network offers, who is behind it, a search box and a call to tell your needs. */
export function renderHomePage(c: Context<AppEnv>) {
  const t = webMessages(c.var.locale);
  return renderPage(
    c,
    t("home.title"),
    <>
      <div class="lots-hero">
        <div class="lots-hero__text">
          <h1 class="ds-heading" data-size="lg">
            {t("home.heading")}
          </h1>
          <p class="ds-paragraph" data-size="lg">
            {t("home.intro")}
          </p>
          <div class="lots-actions">
            <a class="ds-button" data-variant="primary" href="/behov">
              {t("home.tellNeeds")}
            </a>
            <p class="ds-paragraph" data-size="sm">
              {t("home.tellNeedsHint")}
            </p>
          </div>
        </div>
        {/* <search> is the search landmark; browsers without it still get a working form. */}
        <search class="ds-card lots-hero__search" data-variant="tinted">
          <form class="ds-field" method="get" action="/hitta-stod">
            <label class="ds-label" for="home-search">
              {t("home.searchLabel")}
            </label>
            <p class="ds-paragraph" data-field="description" id="home-search-hint">
              {t("home.searchHint")}
            </p>
            <div class="ds-search">
              <input
                class="ds-input"
                id="home-search"
                name="q"
                type="search"
                autocomplete="off"
                aria-describedby="home-search-hint"
              />
              <button class="ds-button" data-variant="secondary" type="submit">
                {t("home.searchButton")}
              </button>
            </div>
          </form>
          <p class="ds-paragraph" data-size="sm">
            <a class="ds-link" href="/hitta-stod/mitt-foretag">
              {t("home.matchLink")}
            </a>
          </p>
        </search>
      </div>

      <section class="lots-section" aria-labelledby="home-offers">
        <h2 class="ds-heading" data-size="md" id="home-offers">
          {t("home.offers.heading")}
        </h2>
        <ul class="lots-grid">
          {OFFER_KINDS.map((kind) => (
            <li>
              <div class="ds-card lots-card">
                <h3 class="ds-heading" data-size="xs">
                  {t(`home.offers.${kind}.title` as const)}
                </h3>
                <p class="ds-paragraph">{t(`home.offers.${kind}.body` as const)}</p>
              </div>
            </li>
          ))}
        </ul>
      </section>

      <section class="lots-section" aria-labelledby="home-how">
        <h2 class="ds-heading" data-size="md" id="home-how">
          {t("home.how.heading")}
        </h2>
        <ol class="lots-steps">
          {STEPS.map((step) => (
            <li>
              <h3 class="ds-heading" data-size="xs">
                {t(`home.how.${step}.title` as const)}
              </h3>
              <p class="ds-paragraph">{t(`home.how.${step}.body` as const)}</p>
            </li>
          ))}
        </ol>
      </section>

      <section class="lots-section" aria-labelledby="home-actors">
        <h2 class="ds-heading" data-size="md" id="home-actors">
          {t("home.actors.heading")}
        </h2>
        <p class="ds-paragraph">{t("home.actors.intro")}</p>
        <ul class="ds-list lots-actors">
          {ACTORS.map((actor) => (
            <li>{t(`home.actors.${actor}` as const)}</li>
          ))}
        </ul>
      </section>
    </>,
  );
}

/**
 * The accessibility statement (tillgänglighetsredogörelse), following DIGG's model for the Act
 * (2018:1937) on accessibility to digital public services. "Partially compliant" is the honest status
 * while the platform is being built; update the gaps and the date as parts are finished and reviewed.
 */
export function renderAccessibilityStatement(c: Context<AppEnv>) {
  const t = webMessages(c.var.locale);
  return renderPage(
    c,
    t("a11y.title"),
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {t("a11y.title")}
      </h1>
      <p class="ds-paragraph">{t("a11y.intro", { network: c.var.deps.config.networkName })}</p>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.how.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.how.body")}</p>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.help.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.help.body")}</p>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.report.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.report.body")}</p>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.supervision.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.supervision.body")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={DIGG_REPORT_URL} hreflang="sv">
          {t("a11y.supervision.link")}
        </a>
      </p>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.technical.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.technical.body")}</p>
      <h3 class="ds-heading" data-size="xs">
        {t("a11y.gaps.heading")}
      </h3>
      <ul class="ds-list">
        <li>{t("a11y.gaps.unfinished")}</li>
        <li>{t("a11y.gaps.assistiveTech")}</li>
        <li>{t("a11y.gaps.notAudited")}</li>
      </ul>

      <h2 class="ds-heading" data-size="sm">
        {t("a11y.tested.heading")}
      </h2>
      <p class="ds-paragraph">{t("a11y.tested.body")}</p>
      <p class="ds-paragraph">{t("a11y.date", { date: formatDate(ACCESSIBILITY_STATEMENT_DATE) })}</p>
    </div>,
  );
}

/** The error page for unknown pages and unexpected failures, in the user's language. */
export type ErrorPageKind =
  | "not-found"
  | "forbidden"
  | "bad-request"
  | "conflict"
  | "rate-limited"
  | "unavailable"
  | "internal";

const ERROR_PAGES = {
  "not-found": { title: "error.notFound.title", body: "error.notFound.body", status: 404 },
  forbidden: { title: "error.forbidden.title", body: "error.forbidden.body", status: 403 },
  "bad-request": { title: "error.badRequest.title", body: "error.badRequest.body", status: 400 },
  conflict: { title: "error.conflict.title", body: "error.conflict.body", status: 409 },
  "rate-limited": { title: "error.rateLimited.title", body: "error.rateLimited.body", status: 429 },
  unavailable: { title: "error.unavailable.title", body: "error.unavailable.body", status: 503 },
  internal: { title: "error.generic.title", body: "error.generic.body", status: 500 },
} as const;

/** An error page in the visitor's language, with the status that belongs to the kind of error. */
export function renderErrorPage(c: Context<AppEnv>, kind: ErrorPageKind) {
  const t = createTranslator(c.var.locale);
  const page = ERROR_PAGES[kind];
  const title = t(page.title);
  return renderPage(
    c,
    title,
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{t(page.body, { requestId: c.var.requestId })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </div>,
    page.status,
  );
}
