import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { accountPages } from "./features/account/account.routes.tsx";
import { apiDocsRoutes } from "./features/api-docs/api-docs.routes.tsx";
import { apiTokenPages, apiTokensApi } from "./features/api-tokens/api-tokens.routes.tsx";
import { auditApi, auditPages } from "./features/audit/audit.routes.tsx";
import { authenticate, csrfProtection, redirectToSignIn } from "./features/auth/auth.middleware.ts";
import { authRoutes } from "./features/auth/auth.routes.tsx";
import { casesApi } from "./features/cases/cases.api.ts";
import { casesPages } from "./features/cases/cases.pages.tsx";
import { cataloguePages } from "./features/catalogue/catalogue.pages.tsx";
import { catalogueApi } from "./features/catalogue/catalogue.routes.ts";
import { companiesApi } from "./features/companies/companies.api.ts";
import { companiesPages } from "./features/companies/companies.pages.tsx";
import { healthRoutes } from "./features/health/health.routes.ts";
import { hsdsAdminPages } from "./features/hsds/hsds.pages.tsx";
import { hsdsApi } from "./features/hsds/hsds.routes.ts";
import { insightsApi } from "./features/insights/insights.api.ts";
import { insightsPages } from "./features/insights/insights.pages.tsx";
import { companyPages } from "./features/intake-pages/company-page.routes.tsx";
import { intakePages } from "./features/intake-pages/intake-pages.routes.tsx";
import { mailRoutes } from "./features/mail/mail.routes.tsx";
import { matchingApi } from "./features/matching/matching.api.ts";
import { matchingPages } from "./features/matching/matching.pages.tsx";
import { meetingsApi } from "./features/meetings/meetings.api.ts";
import { meetingsPublicPages } from "./features/meetings/meetings.public-pages.tsx";
import { meetingsStaffPages } from "./features/meetings/meetings.staff-pages.tsx";
import { needsApi } from "./features/needs/needs.api.ts";
import { needsPages } from "./features/needs/needs.pages.tsx";
import { offersApi } from "./features/offers/offers.api.ts";
import { offersPages } from "./features/offers/offers.routes.tsx";
import { organisationsPages } from "./features/organisations/organisations.routes.tsx";
import { packsPages } from "./features/packs/packs.pages.tsx";
import { referenceApi } from "./features/reference/reference.routes.ts";
import { referralsApi } from "./features/referrals/referrals.api.ts";
import { referralsPages } from "./features/referrals/referrals.pages.tsx";
import { retentionPages } from "./features/retention/retention.pages.tsx";
import { routingPages } from "./features/routing/routing.pages.tsx";
import { surveysApi } from "./features/surveys/surveys.api.ts";
import { surveysPages } from "./features/surveys/surveys.pages.tsx";
import { staffNavigation } from "./features/users/users.navigation.ts";
import { usersApi, usersPages } from "./features/users/users.routes.tsx";
import { webRoutes } from "./features/web/web.routes.tsx";
import { type ErrorPageKind, renderErrorPage } from "./features/web/web.views.tsx";
import { webhooksApi } from "./features/webhooks/webhooks.api.ts";
import type { AppDeps, AppEnv } from "./shared/app-env.ts";
import { AppError, type AppErrorCode } from "./shared/errors.ts";
import { FieldValidationError, fieldProblemResponse } from "./shared/field-errors.ts";
import { problemResponse } from "./shared/http-errors.ts";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./shared/i18n.ts";
import { createApiRouter } from "./shared/openapi.ts";
import { refuseNulCharacters } from "./shared/refuse-nul.ts";
import { assetRoutes } from "./shared/web/assets.ts";

/** Which error page answers an expected error on an HTML page (UNAUTHENTICATED redirects to sign-in instead). */
const PAGE_FOR_CODE: Record<Exclude<AppErrorCode, "UNAUTHENTICATED">, ErrorPageKind> = {
  VALIDATION_FAILED: "bad-request",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not-found",
  CONFLICT: "conflict",
  RATE_LIMITED: "rate-limited",
  SERVICE_UNAVAILABLE: "unavailable",
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The OpenAPI 3.1 document's fixed part; paths come from the routers' zod schemas. */
export const OPENAPI_INFO = {
  openapi: "3.1.0" as const,
  info: {
    title: "Lots API",
    version: "1",
    description:
      "Needs, support offers and navigation for a regional business-support network. " +
      "Errors answer with application/problem+json.",
  },
  servers: [{ url: "/api/v1" }],
};

/**
 * Builds the whole HTTP application from its dependencies. Nothing here opens connections or reads
 * the environment, so tests can build as many apps as they like with `app.request()`.
 */
export function buildApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    c.set("deps", deps);
    c.set("requestId", requestId);
    c.set("logger", deps.logger.child({ requestId }));
    const cookieLocale = getCookie(c, LOCALE_COOKIE);
    c.set("locale", isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE);
    // Set before next(): Hono copies headers set now into whatever response the handler creates, which is
    // much cheaper than rewriting the finished response afterwards.
    c.header("x-request-id", requestId);
    await next();
  });
  app.use(refuseNulCharacters);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "strict-origin-when-cross-origin",
      strictTransportSecurity: deps.config.publicUrl.startsWith("https://") ? "max-age=31536000" : false,
      crossOriginEmbedderPolicy: false,
      xFrameOptions: "DENY",
    }),
  );

  // Who is asking (session cookie or, on /api/v1, a Bearer token) and the CSRF check on every state-changing
  // request. After secureHeaders, so the 401/403 answers these give early still carry the security headers.
  app.use(authenticate);
  app.use(csrfProtection);
  // The staff menu is composed here, where features may be imported; the shell in src/shared only draws it.
  app.use(async (c, next) => {
    c.set("staffNavigation", staffNavigation(c.var.actor, c.var.locale));
    await next();
  });

  app.route("/", healthRoutes());
  app.route("/", assetRoutes());

  const api = createApiRouter();
  api.route("/", referenceApi());
  api.route("/", usersApi());
  api.route("/", apiTokensApi());
  api.route("/", auditApi());
  api.route("/", catalogueApi());
  api.route("/", offersApi());
  api.route("/", companiesApi());
  api.route("/", matchingApi());
  api.route("/", needsApi());
  api.route("/", surveysApi());
  api.route("/", casesApi());
  api.route("/", referralsApi());
  api.route("/", webhooksApi());
  api.route("/", insightsApi());
  api.route("/", meetingsApi());
  api.doc31("/openapi.json", OPENAPI_INFO);
  api.notFound(() => {
    throw new AppError("NOT_FOUND", "No API operation at this path; see /api/v1/openapi.json.");
  });
  app.route("/api/v1", api);
  app.route(
    "/",
    apiDocsRoutes(() => api.getOpenAPI31Document(OPENAPI_INFO)),
  );
  app.route("/", authRoutes());
  app.route("/", accountPages());
  app.route("/", organisationsPages());
  app.route("/", retentionPages());
  app.route("/", usersPages());
  app.route("/", apiTokenPages());
  app.route("/", auditPages());
  app.route("/", mailRoutes());
  app.route("/", matchingPages());
  app.route("/", cataloguePages());
  app.route("/", intakePages());
  app.route("/", companyPages());
  app.route("/", needsPages());
  app.route("/", companiesPages());
  app.route("/", surveysPages());
  app.route("/", packsPages());
  app.route("/", meetingsPublicPages());
  app.route("/", meetingsStaffPages());
  app.route("/", casesPages());
  app.route("/", referralsPages());
  app.route("/", routingPages());
  app.route("/", insightsPages());
  app.route("/", hsdsApi());
  app.route("/", hsdsAdminPages());
  app.route("/", offersPages());
  app.route("/", webRoutes());

  app.notFound((c) => {
    if (c.req.path.startsWith("/api/")) {
      return problemResponse(c, new AppError("NOT_FOUND", "No API operation at this path."), c.var.requestId);
    }
    return renderErrorPage(c, "not-found");
  });

  app.onError((error, c) => {
    const isApi = c.req.path.startsWith("/api/");
    // Hono's own refusals of a request (malformed JSON, a body that is not JSON) are the client's mistake:
    // a 400 naming the body, never a 500.
    if (error instanceof HTTPException && error.status < 500) {
      if (!isApi) return renderErrorPage(c, "bad-request");
      return fieldProblemResponse(
        c,
        new FieldValidationError({
          _:
            error.status === 415
              ? { sv: "Skicka kroppen som application/json.", en: "Send the body as application/json." }
              : { sv: "Kroppen är inte giltig JSON.", en: "The request body is not valid JSON." },
        }),
        c.var.requestId,
      );
    }
    if (error instanceof FieldValidationError && isApi)
      return fieldProblemResponse(c, error, c.var.requestId);
    if (error instanceof AppError) {
      if (isApi) return problemResponse(c, error, c.var.requestId);
      if (error.code === "UNAUTHENTICATED") return redirectToSignIn(c);
      return renderErrorPage(c, PAGE_FOR_CODE[error.code]);
    }
    const logger = c.var.logger ?? deps.logger;
    logger.error({ err: error, path: c.req.path, method: c.req.method }, "unhandled error");
    if (isApi) {
      return c.body(
        JSON.stringify({
          type: "about:blank",
          title: "INTERNAL_ERROR",
          status: 500,
          detail: "An unexpected error occurred.",
          requestId: c.var.requestId,
          error: { code: "INTERNAL_ERROR", message: "An unexpected error occurred." },
        }),
        500,
        { "content-type": "application/problem+json; charset=utf-8" },
      );
    }
    return renderErrorPage(c, "internal");
  });

  return app;
}

export type LotsApp = ReturnType<typeof buildApp>;
