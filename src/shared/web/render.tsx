import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app-env.ts";
import { Page } from "./layout.tsx";

/**
 * Renders content inside the page shell with the request's language, the network's name and, when the
 * app runs on demonstration data, the notice that the companies shown are fictional.
 */
export function renderPage(
  c: Context<AppEnv>,
  title: string,
  content: Child,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  const url = new URL(c.req.url);
  return c.html(
    <Page
      locale={c.var.locale}
      title={title}
      networkName={c.var.deps.config.networkName}
      currentPath={`${url.pathname}${url.search}`}
      isDemo={c.var.deps.isDemo === true}
      staff={
        c.var.actor?.kind === "user"
          ? { name: c.var.actor.name, links: c.var.staffNavigation ?? [], csrfToken: c.var.csrfToken }
          : undefined
      }
    >
      {content}
    </Page>,
    status,
  );
}
