import type { Child } from "hono/jsx";
import type { Locale } from "../i18n.ts";
import { createTranslator } from "../messages.ts";
import { layoutMessages } from "./layout.messages.ts";

/** A link in the staff menu; features decide which links an actor gets (see app.ts). */
export type NavigationLink = { href: string; label: string };

/** The signed-in person's part of the shell: their name, their staff menu and the sign-out form's token. */
export type StaffShell = { name: string; links: readonly NavigationLink[]; csrfToken: string };

export type PageProps = {
  locale: Locale;
  /** The page's own title; the network's name is appended. */
  title: string;
  networkName: string;
  /** The current path and query, so the language switch returns to the same page. */
  currentPath: string;
  /** Shows a notice that the service runs on demonstration data with fictional companies. */
  isDemo?: boolean;
  /** Present when someone is signed in: replaces "Log in" with their staff menu and a sign-out button. */
  staff?: StaffShell;
  children: Child;
};

/** The id of the page's <main>, the skip link's target. */
export const MAIN_ID = "main";

const NAV_ITEMS = [
  { href: "/hitta-stod", key: "nav.findSupport" },
  { href: "/behov", key: "nav.tellNeeds" },
  { href: "/traffar", key: "nav.meetings" },
] as const;

const LOGIN_ITEM = { href: "/logga-in", key: "nav.login" } as const;

/** Whether a navigation item is the current page or a page below it (so /traffar/123 marks "Träffar"). */
export function isCurrentSection(currentPath: string, href: string): boolean {
  const path = currentPath.split(/[?#]/)[0] ?? "";
  return path === href || path.startsWith(`${href}/`);
}

/** The language switch's target: the other language, coming back to the same page. */
export function languageSwitchHref(target: Locale, currentPath: string): string {
  return `/lang/${target}?return=${encodeURIComponent(currentPath)}`;
}

/**
 * The shell of every HTML page: skip link, header with the network's name, language switch, main
 * navigation, an optional demonstration notice, the page's content in <main>, and a footer.
 * Works without JavaScript. The `data-*` attributes are Designsystemet's: the colour scheme follows the
 * visitor's system setting, and the medium size is the type scale. `data-size` sits on <body>, not
 * <html>: on <html> it would set the root font size and so enlarge every rem by an eighth.
 */
export function Page({
  locale,
  title,
  networkName,
  currentPath,
  isDemo = false,
  staff,
  children,
}: PageProps) {
  const t = createTranslator(locale);
  const m = layoutMessages(locale);
  const other: Locale = locale === "sv" ? "en" : "sv";
  const publicItems = staff ? NAV_ITEMS : [...NAV_ITEMS, LOGIN_ITEM];
  return (
    <html lang={locale} data-color-scheme="auto">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{`${title} – ${networkName}`}</title>
        <link rel="stylesheet" href="/assets/lots.css" />
      </head>
      <body data-size="md">
        <a class="ds-skip-link" href={`#${MAIN_ID}`}>
          {t("skip.toMain")}
        </a>
        <header class="lots-header">
          <div class="lots-header__band">
            <div class="lots-container lots-header__top">
              <p class="lots-brand">
                <a class="lots-brand__name" href="/">
                  {networkName}
                </a>
                <span class="lots-brand__tagline">{t("site.tagline")}</span>
              </p>
              {/* The link text is in the other language, so it carries that language for screen readers. */}
              <a
                class="ds-link lots-lang"
                href={languageSwitchHref(other, currentPath)}
                lang={other}
                hreflang={other}
              >
                {t("lang.switchTo")}
              </a>
            </div>
          </div>
          <nav class="lots-nav" aria-label={t("nav.label")}>
            <ul class="lots-container lots-nav__list">
              {publicItems.map((item) => (
                <li>
                  <a
                    class="lots-nav__link"
                    href={item.href}
                    aria-current={isCurrentSection(currentPath, item.href) ? "page" : undefined}
                  >
                    {t(item.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {staff && <StaffNavigation staff={staff} locale={locale} currentPath={currentPath} />}
          {isDemo && (
            <div class="lots-container lots-demo">
              <div class="ds-alert" data-color="info">
                <p class="ds-paragraph">
                  <strong>{m("demo.heading")}.</strong> {m("demo.body")}
                </p>
              </div>
            </div>
          )}
        </header>
        <main id={MAIN_ID} class="lots-container lots-main" tabindex={-1}>
          {children}
        </main>
        <footer class="lots-footer">
          <div class="lots-container lots-footer__inner">
            <p class="ds-paragraph" data-size="sm">
              {t("footer.about")}
            </p>
            <ul class="lots-footer__links" aria-label={m("footer.linksLabel")}>
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
              <li>
                <a class="ds-link" href="/statistik">
                  {m("footer.openData")}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The signed-in person's menu: who they are, the staff pages their roles open, and sign-out (a POST form). */
function StaffNavigation({
  staff,
  locale,
  currentPath,
}: {
  staff: StaffShell;
  locale: Locale;
  currentPath: string;
}) {
  const m = layoutMessages(locale);
  // One current link only: on /admin/organisationer/1/anvandare that is "Users", not also its organisation.
  const current = staff.links
    .filter((link) => isCurrentSection(currentPath, link.href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav class="lots-staff-nav" aria-label={m("staff.label")}>
      <div class="lots-container lots-staff-nav__inner">
        <p class="ds-paragraph lots-staff-nav__who" data-size="sm">
          {m("staff.signedInAs", { name: staff.name })}
        </p>
        <ul class="lots-nav__list">
          {staff.links.map((link) => (
            <li>
              <a
                class="lots-nav__link"
                href={link.href}
                aria-current={link.href === current ? "page" : undefined}
              >
                {link.label}
              </a>
            </li>
          ))}
          <li>
            <form method="post" action="/logga-ut" class="lots-staff-nav__logout">
              <input type="hidden" name="_csrf" value={staff.csrfToken} />
              <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                {m("staff.logout")}
              </button>
            </form>
          </li>
        </ul>
      </div>
    </nav>
  );
}
