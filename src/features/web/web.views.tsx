import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { createTranslator } from "#src/shared/messages.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { webMessages } from "./web.messages.ts";

/** The home page: what the network offers, a search box and a call to tell the network your needs. */
export function renderHomePage(c: Context<AppEnv>) {
  const t = webMessages(c.var.locale);
  return renderPage(
    c,
    t("home.title"),
    <>
      <h1 class="ds-heading">{t("home.heading")}</h1>
      <p class="ds-paragraph">{t("home.intro")}</p>
      <form method="get" action="/hitta-stod" role="search">
        <label class="ds-label" for="home-search">
          {t("home.searchLabel")}
        </label>
        <input class="ds-input" id="home-search" name="q" type="search" />
        <button class="ds-button" type="submit">
          {t("home.searchButton")}
        </button>
      </form>
      <p>
        <a class="ds-link" href="/behov">
          {t("home.tellNeeds")}
        </a>
      </p>
    </>,
  );
}

/** The accessibility statement (tillgänglighetsredogörelse) required of Swedish public actors. */
export function renderAccessibilityStatement(c: Context<AppEnv>) {
  const t = webMessages(c.var.locale);
  return renderPage(
    c,
    t("a11y.title"),
    <>
      <h1 class="ds-heading">{t("a11y.title")}</h1>
      <p class="ds-paragraph">{t("a11y.intro")}</p>
    </>,
  );
}

/** A page for a part of Lots that a later release delivers. */
export function renderComingSoon(c: Context<AppEnv>, title: string) {
  const shell = createTranslator(c.var.locale);
  return renderPage(
    c,
    title,
    <>
      <h1 class="ds-heading">{title}</h1>
      <p class="ds-paragraph">{shell("common.comingSoon")}</p>
    </>,
  );
}

/** The error page for unknown pages and unexpected failures, in the user's language. */
export function renderErrorPage(c: Context<AppEnv>, kind: "not-found" | "internal") {
  const t = createTranslator(c.var.locale);
  const title = kind === "not-found" ? t("error.notFound.title") : t("error.generic.title");
  const body =
    kind === "not-found" ? t("error.notFound.body") : t("error.generic.body", { requestId: c.var.requestId });
  return renderPage(
    c,
    title,
    <>
      <h1 class="ds-heading">{title}</h1>
      <p class="ds-paragraph">{body}</p>
      <p>
        <a class="ds-link" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </>,
    kind === "not-found" ? 404 : 500,
  );
}
