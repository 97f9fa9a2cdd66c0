import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser, safeLocalPath } from "#src/features/auth/auth.middleware.ts";
import { canUseCompanyRegister } from "#src/features/companies/companies.policy.ts";
import { intakeMessages } from "#src/features/intake-pages/intake-pages.messages.ts";
import { formChoices, reviewRows } from "#src/features/intake-pages/intake-pages.model.ts";
import { getResponseWithQuestions } from "#src/features/surveys/surveys.responses.service.ts";
import { getSurvey } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { needsMessages } from "./needs.messages.ts";
import { NEED_SOURCES, NEED_STATUSES, NEED_URGENCIES, type NeedFilterInput } from "./needs.schemas.ts";
import { listNeeds, setNeedStatus } from "./needs.service.ts";
import { AnswerView, NeedsListView } from "./needs.views.tsx";

// /admin/behov: the needs the companies told, for the navigators of the organisations that received them
// (and the platform admin). Thin: read the query, ask the needs service (which scopes and audits), show.

const PAGE_SIZE = 50;
const NOTICE_COOKIE = "lots_needs_notice";

const meta = (c: Context<AppEnv>) => auditContext(c);

/** The filter from the query string, keeping only known values (an unknown value is simply not applied). */
function filterFrom(c: Context<AppEnv>): Record<string, string> {
  const q = (name: string) => c.req.query(name)?.trim() ?? "";
  const pick = (value: string, allowed: readonly string[]) => (allowed.includes(value) ? value : "");
  return {
    theme: /^[a-z0-9-]{1,60}$/.test(q("theme")) ? q("theme") : "",
    status: pick(q("status"), NEED_STATUSES),
    urgency: pick(q("urgency"), NEED_URGENCIES),
    source: pick(q("source"), NEED_SOURCES),
    municipalityCode: /^[0-9]{4}$/.test(q("municipalityCode")) ? q("municipalityCode") : "",
  };
}

/** The routes of the navigators' needs pages. */
export function needsPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/behov", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = needsMessages(c.var.locale);
    const filter = filterFrom(c);
    const page = Math.max(1, Math.min(100_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const input: NeedFilterInput = { page, pageSize: PAGE_SIZE + 1 };
    for (const [key, value] of Object.entries(filter)) if (value) Object.assign(input, { [key]: value });
    // One more than a page tells whether there is a next page without counting every row.
    const rows = await listNeeds(db, input, meta(c));
    const choices = await formChoices(db, c.var.locale);
    const notice = getCookie(c, NOTICE_COOKIE) === "saved" ? t("status.saved") : undefined;
    if (notice) deleteCookie(c, NOTICE_COOKIE, { path: "/admin/behov" });
    return renderPage(
      c,
      t("list.title"),
      <NeedsListView
        t={t}
        model={{
          needs: rows.slice(0, PAGE_SIZE),
          filter,
          page,
          hasNext: rows.length > PAGE_SIZE,
          themes: choices.themes,
          municipalities: choices.municipalities,
          notice,
          csrfToken: c.var.csrfToken,
          mayOpenCompanies: canUseCompanyRegister(c.var.actor),
        }}
      />,
    );
  });

  app.post("/admin/behov/:id/status", requireUser, async (c) => {
    const body = await c.req.parseBody();
    const status = NEED_STATUSES.find((s) => s === body.status);
    if (!status) throw new AppError("VALIDATION_FAILED", "Choose one of the statuses.");
    await setNeedStatus(c.var.deps.db, recordId(c.req.param("id")), status, meta(c));
    setCookie(c, NOTICE_COOKIE, "saved", {
      path: "/admin/behov",
      httpOnly: true,
      sameSite: "Lax",
      maxAge: 60,
    });
    const back = safeLocalPath(typeof body.return === "string" ? body.return : undefined);
    return c.redirect(back?.startsWith("/admin/behov") ? back : "/admin/behov", 303);
  });

  app.get("/admin/behov/svar/:id", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = needsMessages(c.var.locale);
    const { response, version } = await getResponseWithQuestions(db, recordId(c.req.param("id")), meta(c));
    const survey = await getSurvey(db, response.surveyId);
    const choices = await formChoices(db, c.var.locale);
    const company = response.companyName ?? t("erased");
    return renderPage(
      c,
      t("answer.title", { company }),
      <AnswerView
        t={t}
        company={company}
        meta={t("answer.meta", {
          survey: survey.name,
          version: version.version,
          date: formatDate(response.createdAt),
          by: response.submittedByLabel,
        })}
        rows={reviewRows(
          version.questions,
          response.answers,
          choices,
          c.var.locale,
          intakeMessages(c.var.locale),
        )}
      />,
    );
  });

  return app;
}
