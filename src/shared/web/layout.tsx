import type { Child } from "hono/jsx";
import type { Locale } from "../i18n.ts";
import { createTranslator } from "../messages.ts";

export type PageProps = {
  locale: Locale;
  /** The page's own title; the network's name is appended. */
  title: string;
  networkName: string;
  /** The current path and query, so the language switch returns to the same page. */
  currentPath: string;
  children: Child;
};

/**
 * The shell of every HTML page: skip link, header with the network's name, language switch, main
 * navigation, the page's content in <main>, and a footer. Works without JavaScript.
 */
export function Page({ locale, title, networkName, currentPath, children }: PageProps) {
  const t = createTranslator(locale);
  const other: Locale = locale === "sv" ? "en" : "sv";
  const nav = [
    { href: "/hitta-stod", label: t("nav.findSupport") },
    { href: "/behov", label: t("nav.tellNeeds") },
    { href: "/traffar", label: t("nav.meetings") },
    { href: "/logga-in", label: t("nav.login") },
  ];
  const currentBase = currentPath.split("?")[0];
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${networkName}`}</title>
        <link rel="stylesheet" href="/assets/lots.css" />
      </head>
      <body>
        <a class="lots-skip-link" href="#main">
          {t("skip.toMain")}
        </a>
        <header class="lots-header">
          <div class="lots-container lots-header__top">
            <a class="lots-brand" href="/">
              {networkName}
            </a>
            <a
              class="ds-link"
              href={`/lang/${other}?return=${encodeURIComponent(currentPath)}`}
              lang={other}
              hreflang={other}
              aria-label={t("lang.switchLabel")}
            >
              {t("lang.switchTo")}
            </a>
          </div>
          <nav class="lots-container" aria-label={t("nav.label")}>
            <ul class="lots-nav">
              {nav.map((item) => (
                <li>
                  <a
                    class="ds-link"
                    href={item.href}
                    aria-current={currentBase === item.href ? "page" : undefined}
                  >
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="lots-container" tabindex={-1}>
          {children}
        </main>
        <footer class="lots-footer">
          <div class="lots-container">
            <p>{t("footer.about")}</p>
            <ul class="lots-footer__links">
              <li>
                <a class="ds-link" href="/tillganglighet">
                  {t("footer.accessibility")}
                </a>
              </li>
              <li>
                <a class="ds-link" href="/api/docs">
                  {t("footer.api")}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
