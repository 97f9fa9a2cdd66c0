import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { problemResponse } from "#src/shared/http-errors.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { rateLimitMessages, waitText } from "./rate-limit.messages.ts";

/** The 429 answer: problem+json for the API, a page saying how long to wait for everyone else. */
export function renderRateLimited(
  c: Context<AppEnv>,
  retryAfterSeconds: number,
): Response | Promise<Response> {
  const t = rateLimitMessages(c.var.locale);
  if (c.req.path.startsWith("/api/")) {
    return problemResponse(
      c,
      new AppError("RATE_LIMITED", t("api", { n: retryAfterSeconds })),
      c.var.requestId,
    );
  }
  return renderPage(
    c,
    t("title"),
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {t("title")}
      </h1>
      <div class="ds-alert" data-color="warning" role="alert">
        <p class="ds-paragraph">{t("body", { wait: waitText(c.var.locale, retryAfterSeconds) })}</p>
      </div>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          {t("backHome")}
        </a>
      </p>
    </div>,
    429,
  );
}
