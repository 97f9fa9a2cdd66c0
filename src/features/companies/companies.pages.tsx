import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { casesOfCompany } from "#src/features/cases/cases.service.ts";
import { listConsents } from "#src/features/consent/consent.service.ts";
import { eraseCompany, eraseContact, exportCompany, exportContact } from "#src/features/gdpr/gdpr.service.ts";
import { intakeMessages } from "#src/features/intake-pages/intake-pages.messages.ts";
import { formChoices, reviewRows } from "#src/features/intake-pages/intake-pages.model.ts";
import { matchingMessages } from "#src/features/matching/matching.messages.ts";
import { suggestOffersForCompany } from "#src/features/matching/matching.service.ts";
import { OfferSuggestions } from "#src/features/matching/matching.views.tsx";
import { needsMessages } from "#src/features/needs/needs.messages.ts";
import { listNeeds } from "#src/features/needs/needs.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { canHandleResponses } from "#src/features/surveys/surveys.policy.ts";
import {
  getResponseWithQuestions,
  listResponsesOfCompany,
} from "#src/features/surveys/surveys.responses.service.ts";
import { getSurvey, listOpenCampaigns } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { formatDate, pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { CompanyCasesForStaff } from "./companies.cases-view.tsx";
import { listPendingDifferences, resolveDifference } from "./companies.differences.service.ts";
import { ExportDataView } from "./companies.export-view.tsx";
import { getContact } from "./companies.intake.service.ts";
import { companiesMessages, EXPORT_FIELD_LABELS } from "./companies.messages.ts";
import { getCompanyForStaff, listCompaniesForStaff } from "./companies.register.service.ts";
import { CompanyListView, CompanyPageView, EraseConfirmView } from "./companies.views.tsx";

// /admin/foretag: the company register for navigators and the platform admin. The services decide who may
// read (the register's users) and erase (the platform admin), and audit every read, export and erasure.

const PAGE_SIZE = 50;
/** Answers shown in full on the company page; older ones are in the export. */
const MAX_ANSWERS = 20;
const NOTICE_COOKIE = "lots_company_notice_staff";
const meta = (c: Context<AppEnv>) => auditContext(c);

function notice(c: Context<AppEnv>, code: string) {
  setCookie(c, NOTICE_COOKIE, code, { path: "/admin/foretag", httpOnly: true, sameSite: "Lax", maxAge: 60 });
}

function attachment(c: Context<AppEnv>, filename: string, data: unknown) {
  c.header("content-disposition", `attachment; filename="${filename}"`);
  c.header("cache-control", "no-store");
  return c.json(data);
}

function assertMayErase(c: Context<AppEnv>) {
  if (!isPlatformAdmin(c.var.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin erases personal data.");
}

function exportPage(
  c: Context<AppEnv>,
  name: string,
  data: { exportedAt: string } & Record<string, unknown>,
  hrefs: { json: string; back: string },
) {
  const t = companiesMessages(c.var.locale);
  c.header("cache-control", "no-store");
  return renderPage(
    c,
    t("export.title", { name }),
    <ExportDataView
      t={t}
      locale={c.var.locale}
      name={name}
      exportedAt={new Date(data.exportedAt)}
      data={data}
      jsonHref={hrefs.json}
      backHref={hrefs.back}
    />,
  );
}

/** The routes of the company register's staff pages. */
export function companiesPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/foretag", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = companiesMessages(c.var.locale);
    const q = (c.req.query("q") ?? "").trim().slice(0, 100);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query("page") ?? "1", 10) || 1));
    const rows = await listCompaniesForStaff(
      db,
      { q: q || undefined, page, pageSize: PAGE_SIZE + 1 },
      meta(c),
    );
    const municipalities = new Map((await reference.getMunicipalities(db)).map((m) => [m.code, m.name]));
    return renderPage(
      c,
      t("list.title"),
      <CompanyListView
        t={t}
        q={q}
        page={page}
        hasNext={rows.length > PAGE_SIZE}
        companies={rows.slice(0, PAGE_SIZE).map((company) => ({
          ...company,
          municipality: municipalities.get(company.municipalityCode ?? "") ?? "–",
        }))}
      />,
    );
  });

  app.get("/admin/foretag/:id", requireUser, async (c) => {
    const db = c.var.deps.db;
    const locale = c.var.locale;
    const t = companiesMessages(locale);
    const nt = needsMessages(locale);
    const { company, contacts } = await getCompanyForStaff(db, recordId(c.req.param("id")), meta(c));
    const [needs, consents, answers, themes, municipalities, sizeBands, organisations] = await Promise.all([
      listNeeds(db, { companyId: company.id, pageSize: 200 }, meta(c)),
      listConsents(db, company.id),
      listResponsesOfCompany(db, company.id),
      reference.getNeedThemes(db),
      reference.getMunicipalities(db),
      reference.getSizeBands(db),
      listOrganisations(db),
    ]);
    // Each answer the user may read, with the questions of its own version (each read is audited).
    const choices = await formChoices(db, locale);
    const shownAnswers = await Promise.all(
      answers
        .filter((answer) => canHandleResponses(c.var.actor, answer.organisationId))
        .reverse() // newest first
        .slice(0, MAX_ANSWERS)
        .map(async (answer) => {
          const { response, version } = await getResponseWithQuestions(db, answer.id, meta(c));
          const survey = await getSurvey(db, response.surveyId);
          return {
            id: response.id,
            title: t("page.answer.title", {
              survey: survey.name,
              version: version.version,
              date: formatDate(response.createdAt),
              by: response.submittedByLabel,
            }),
            rows: reviewRows(version.questions, response.answers, choices, locale, intakeMessages(locale)),
          };
        }),
    );
    const openCampaigns = await listOpenCampaigns(db);
    const differences = await listPendingDifferences(db, company.id, meta(c));
    const fieldLabel = (field: string) => {
      const known = EXPORT_FIELD_LABELS[field];
      return known ? pick(locale, known.sv, known.en) : field;
    };
    const shown = (value: unknown) => {
      if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return "–";
      if (Array.isArray(value)) return value.join(", ");
      return municipalities.find((m) => m.code === value)?.name ?? String(value);
    };
    const code = getCookie(c, NOTICE_COOKIE);
    if (code) deleteCookie(c, NOTICE_COOKIE, { path: "/admin/foretag" });
    const suggestions = await suggestOffersForCompany(db, company, needs, { locale });
    const cases = await casesOfCompany(db, company.id);
    const band = sizeBands.find((b) => b.code === company.sizeBand);
    return renderPage(
      c,
      company.name,
      <CompanyPageView
        t={t}
        model={{
          company,
          municipality: municipalities.find((m) => m.code === company.municipalityCode)?.name ?? "–",
          sizeBand: band ? pick(locale, band.label_sv, band.label_en) : "–",
          contacts,
          needs: needs.map((need) => {
            const theme = themes.find((th) => th.code === need.theme);
            return {
              ...need,
              themeLabel: theme ? pick(locale, theme.label_sv, theme.label_en) : need.theme,
              urgencyLabel: nt(`urgency.${need.urgency}`),
              statusLabel: nt(`status.${need.status}`),
            };
          }),
          consents,
          organisationNames: new Map(organisations.map((o) => [o.id, o.name])),
          answers: shownAnswers,
          onBehalf: openCampaigns
            .filter((campaign) => canHandleResponses(c.var.actor, campaign.organisationId))
            .map((campaign) => ({ name: campaign.name, slug: campaign.slug })),
          mayErase: isPlatformAdmin(c.var.actor),
          curatedLabels: company.curatedFields.map(fieldLabel),
          differences: differences.map((d) => {
            const values = {
              field: fieldLabel(d.field),
              submitted: shown(d.submitted),
              stored: shown(d.stored),
              date: formatDate(d.createdAt),
            };
            // The register's differences (lots companies import) name their source; the rest are the company's.
            return d.source === "register"
              ? {
                  id: d.id,
                  field: values.field,
                  line: t("page.difference.line.register", {
                    ...values,
                    source: t("page.difference.source.register"),
                  }),
                  accept: t("page.difference.accept.register"),
                }
              : {
                  id: d.id,
                  field: values.field,
                  line: t("page.difference.line", values),
                  accept: t("page.difference.accept"),
                };
          }),
          notice:
            code === "contact-erased"
              ? t("page.erased.contact")
              : code === "difference-accepted"
                ? t("page.difference.accepted")
                : code === "difference-kept"
                  ? t("page.difference.kept")
                  : undefined,
          csrfToken: c.var.csrfToken,
          cases: (
            <CompanyCasesForStaff locale={locale} companyId={company.id} cases={cases.map((x) => x.case)} />
          ),
          suggestions: (
            <OfferSuggestions
              t={matchingMessages(locale)}
              results={suggestions}
              hasOpenNeeds={needs.some((need) => need.status === "open" || need.status === "in-case")}
            />
          ),
        }}
      />,
    );
  });

  app.get("/admin/foretag/:id/export.json", requireUser, async (c) =>
    attachment(c, "foretag.json", await exportCompany(c.var.deps.db, recordId(c.req.param("id")), meta(c))),
  );

  app.get("/admin/foretag/kontakter/:id/export.json", requireUser, async (c) =>
    attachment(
      c,
      "kontaktperson.json",
      await exportContact(c.var.deps.db, recordId(c.req.param("id")), meta(c)),
    ),
  );

  app.post("/admin/foretag/skillnader/:id", requireUser, async (c) => {
    const body = await c.req.parseBody();
    const choice = body.choice === "accept" ? "accept" : body.choice === "keep" ? "keep" : undefined;
    if (!choice) throw new AppError("VALIDATION_FAILED", "Choose to accept the new value or keep yours.");
    const { companyId } = await resolveDifference(
      c.var.deps.db,
      recordId(c.req.param("id")),
      choice,
      meta(c),
    );
    notice(c, choice === "accept" ? "difference-accepted" : "difference-kept");
    return c.redirect(`/admin/foretag/${companyId}`, 303);
  });

  app.get("/admin/foretag/:id/export", requireUser, async (c) => {
    const data = await exportCompany(c.var.deps.db, recordId(c.req.param("id")), meta(c));
    return exportPage(c, data.company.name, data, {
      json: `/admin/foretag/${data.company.id}/export.json`,
      back: `/admin/foretag/${data.company.id}`,
    });
  });

  app.get("/admin/foretag/kontakter/:id/export", requireUser, async (c) => {
    const data = await exportContact(c.var.deps.db, recordId(c.req.param("id")), meta(c));
    return exportPage(c, data.contact.name, data, {
      json: `/admin/foretag/kontakter/${data.contact.id}/export.json`,
      back: `/admin/foretag/${data.company.id}`,
    });
  });

  app.get("/admin/foretag/kontakter/:id/radera", requireUser, async (c) => {
    assertMayErase(c);
    const t = companiesMessages(c.var.locale);
    const contact = await getContact(c.var.deps.db, recordId(c.req.param("id")));
    return renderPage(
      c,
      t("erase.title", { name: contact.name }),
      <EraseConfirmView
        t={t}
        name={contact.name}
        text={t("erase.contact.text")}
        action={`/admin/foretag/kontakter/${contact.id}/radera`}
        cancel={`/admin/foretag/${contact.companyId}`}
        csrfToken={c.var.csrfToken}
      />,
    );
  });

  app.post("/admin/foretag/kontakter/:id/radera", requireUser, async (c) => {
    assertMayErase(c);
    const db = c.var.deps.db;
    const contact = await getContact(db, recordId(c.req.param("id")));
    await eraseContact(db, contact.id, meta(c));
    notice(c, "contact-erased");
    return c.redirect(`/admin/foretag/${contact.companyId}`, 303);
  });

  app.get("/admin/foretag/:id/radera", requireUser, async (c) => {
    assertMayErase(c);
    const t = companiesMessages(c.var.locale);
    const { company } = await getCompanyForStaff(c.var.deps.db, recordId(c.req.param("id")), meta(c));
    return renderPage(
      c,
      t("erase.title", { name: company.name }),
      <EraseConfirmView
        t={t}
        name={company.name}
        text={t("erase.company.text")}
        action={`/admin/foretag/${company.id}/radera`}
        cancel={`/admin/foretag/${company.id}`}
        csrfToken={c.var.csrfToken}
      />,
    );
  });

  app.post("/admin/foretag/:id/radera", requireUser, async (c) => {
    assertMayErase(c);
    await eraseCompany(c.var.deps.db, recordId(c.req.param("id")), meta(c));
    const t = companiesMessages(c.var.locale);
    return renderPage(
      c,
      t("erased.company"),
      <div class="lots-stack">
        <h1 class="ds-heading" data-size="lg">
          {t("erased.company")}
        </h1>
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/foretag">
            {t("list.title")}
          </a>
        </p>
      </div>,
    );
  });

  return app;
}
