import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../app-env.ts";
import { Page } from "./layout.tsx";

/** Renders content inside the page shell with the request's language and the network's name. */
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
    >
      {content}
    </Page>,
    status,
  );
}
