import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isLocale, LOCALE_COOKIE } from "#src/shared/i18n.ts";
import { renderAccessibilityStatement, renderHomePage } from "./web.views.tsx";

/** Only same-site paths are followed after a language switch, so the link cannot redirect elsewhere. */
function safeReturnPath(value: string | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

/** The public pages of the web shell. */
export function webRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/", (c) => renderHomePage(c));
  app.get("/tillganglighet", (c) => renderAccessibilityStatement(c));

  // A plain link switches language, so it works without JavaScript; the choice is kept for a year.
  app.get("/lang/:locale", (c) => {
    const locale = c.req.param("locale");
    const target = safeReturnPath(c.req.query("return"));
    if (isLocale(locale)) {
      setCookie(c, LOCALE_COOKIE, locale, {
        path: "/",
        maxAge: 60 * 60 * 24 * 365,
        sameSite: "Lax",
        httpOnly: true,
      });
    }
    return c.redirect(target, 303);
  });

  // "Hitta stöd" (/hitta-stod) is the catalogue's page (src/features/catalogue), "Träffar" (/traffar) the
  // meetings feature's (src/features/meetings/meetings.public-pages.tsx).

  return app;
}
