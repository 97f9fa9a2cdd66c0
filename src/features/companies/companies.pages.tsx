import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listConsents } from "#src/features/consent/consent.service.ts";
import { eraseCompany, eraseContact, exportCompany, exportContact } from "#src/features/gdpr/gdpr.service.ts";
import { needsMessages } from "#src/features/needs/needs.messages.ts";
import { listNeeds } from "#src/features/needs/needs.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { canHandleResponses } from "#src/features/surveys/surveys.policy.ts";
import { listResponsesOfCompany } from "#src/features/surveys/surveys.responses.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { getContact } from "./companies.intake.service.ts";
import { companiesMessages } from "./companies.messages.ts";
import { getCompanyForStaff, listCompaniesForStaff } from "./companies.register.service.ts";
import { CompanyListView, CompanyPageView, EraseConfirmView } from "./companies.views.tsx";

// /admin/foretag: the company register for navigators and the platform admin. The services decide who may
// read (the register's users) and erase (the platform admin), and audit every read, export and erasure.

const PAGE_SIZE = 50;
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
    const code = getCookie(c, NOTICE_COOKIE);
    if (code) deleteCookie(c, NOTICE_COOKIE, { path: "/admin/foretag" });
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
          answers: answers.filter((answer) => canHandleResponses(c.var.actor, answer.organisationId)),
          mayErase: isPlatformAdmin(c.var.actor),
          notice: code === "contact-erased" ? t("page.erased.contact") : undefined,
          csrfToken: c.var.csrfToken,
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
