import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { answerFollowUp, casesOfCompany, openCaseFromIntake } from "#src/features/cases/cases.service.ts";
import { getCompany, listContacts } from "#src/features/companies/companies.intake.service.ts";
import { renewCompanyLink, verifyCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { listConsents, recordConsent, withdrawConsent } from "#src/features/consent/consent.service.ts";
import { exportCompany } from "#src/features/gdpr/gdpr.service.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import {
  createNeedFromCompany,
  listNeedsOfCompany,
  setNeedStatusFromCompany,
} from "#src/features/needs/needs.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { referralsOfCompany } from "#src/features/referrals/referrals.service.ts";
import { getVersion } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { formatDate, pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { ExportView } from "./company-page.export-view.tsx";
import { ADD_NEED_FIELDS, type CompanyPageModel, CompanyPageView } from "./company-page.views.tsx";
import { queuePrivateLinkMail } from "./intake-pages.mail.ts";
import { intakeMessages, PRIVATE_PAGE_CONSENT_WORDING } from "./intake-pages.messages.ts";
import { formChoices, reviewRows } from "./intake-pages.model.ts";
import { MessageView } from "./intake-pages.views.tsx";

// The company's private page. The link from the mail (/mitt-foretag?token=…) is exchanged at once for an
// HttpOnly cookie scoped to /mitt-foretag and a redirect, so the token leaves the address bar, the history
// and any Referer. Every request checks the token again (expiry, revocation), so a renewed or revoked link
// stops working everywhere. The company acts as itself: the audit log records "anonymous via private link".

const LINK_COOKIE = "lots_company_link";
const NOTICE_COOKIE = "lots_company_notice";
const NOTICES = [
  "consent-withdrawn",
  "consent-recorded",
  "need-updated",
  "need-added",
  "renewed",
  "renewed-mailed",
  "follow-up-answered",
] as const;
type NoticeCode = (typeof NOTICES)[number];
const NOTICE_TEXTS = {
  "consent-withdrawn": "page.consent.withdrawn",
  "consent-recorded": "page.consent.recorded",
  "need-updated": "page.need.updated",
  "need-added": "page.need.added",
  "follow-up-answered": "page.followUp.answered",
} as const;

const meta = (c: Context<AppEnv>) => ({ ...auditContext(c), actor: ANONYMOUS });
const secure = (c: Context<AppEnv>) => c.var.deps.config.publicUrl.startsWith("https://");

function setLinkCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, LINK_COOKIE, token, {
    path: "/mitt-foretag",
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    expires: expiresAt,
  });
}

function invalidLink(c: Context<AppEnv>, expired: boolean) {
  const t = intakeMessages(c.var.locale);
  deleteCookie(c, LINK_COOKIE, { path: "/mitt-foretag" });
  return renderPage(
    c,
    t("link.invalid.title"),
    <MessageView
      title={t("link.invalid.title")}
      text={expired ? t("link.expired.text") : t("link.invalid.text")}
    />,
    expired ? 410 : 404,
  );
}

/** The company the cookie's link opens, or the page saying why not. */
async function linkedCompany(c: Context<AppEnv>): Promise<Linked | Response> {
  const token = getCookie(c, LINK_COOKIE);
  if (!token) return invalidLink(c, false);
  try {
    const check = await verifyCompanyLink(c.var.deps.db, token);
    if (check.kind === "expired") return invalidLink(c, true);
    return { companyId: check.companyId, token, expiresAt: check.expiresAt };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return invalidLink(c, false);
    throw error;
  }
}

function back(c: Context<AppEnv>, notice: NoticeCode) {
  setCookie(c, NOTICE_COOKIE, notice, {
    path: "/mitt-foretag",
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
    maxAge: 60,
  });
  return c.redirect("/mitt-foretag", 303);
}

type Linked = { companyId: string; token: string; expiresAt: Date };

/** The private page, with a notice after a change, or with the "new need" form sent back with its errors. */
async function showPage(
  c: Context<AppEnv>,
  linked: Linked,
  options: { noticeCode?: NoticeCode; addNeed?: CompanyPageModel["addNeed"] },
  status: 200 | 400 = 200,
) {
  const db = c.var.deps.db;
  const t = intakeMessages(c.var.locale);
  const [company, contacts, needs, consents, themes, municipalities, cases, referrals] = await Promise.all([
    getCompany(db, linked.companyId),
    listContacts(db, linked.companyId),
    listNeedsOfCompany(db, linked.companyId),
    listConsents(db, linked.companyId),
    reference.getNeedThemes(db),
    reference.getMunicipalities(db),
    casesOfCompany(db, linked.companyId),
    referralsOfCompany(db, linked.companyId),
  ]);
  const date = formatDate(linked.expiresAt);
  const email = contacts.find((contact) => contact.email)?.email ?? "";
  const code = options.noticeCode;
  const notice =
    code === "renewed-mailed"
      ? t("page.link.renewed", { date, email })
      : code === "renewed"
        ? t("page.link.renewedShown", {
            date,
            url: `${c.var.deps.config.publicUrl}/mitt-foretag?token=${linked.token}`,
          })
        : code && NOTICES.includes(code)
          ? t(NOTICE_TEXTS[code])
          : undefined;
  const themeLabel = (code: string) => {
    const theme = themes.find((th) => th.code === code);
    return theme ? pick(c.var.locale, theme.label_sv, theme.label_en) : code;
  };
  c.header("cache-control", "no-store");
  return renderPage(
    c,
    status === 400 ? `${t("page.add.errors")} – ${t("page.title")}` : t("page.title"),
    <CompanyPageView
      t={t}
      csrfToken={c.var.csrfToken}
      model={{
        company,
        municipality: municipalities.find((m) => m.code === company.municipalityCode)?.name ?? null,
        contacts,
        needs: needs.map((need) => ({ ...need, themeLabel: themeLabel(need.theme) })),
        consents,
        expiresAt: linked.expiresAt,
        notice,
        themes: themes.map((th) => ({ value: th.code, label: pick(c.var.locale, th.label_sv, th.label_en) })),
        addNeed: options.addNeed ?? { theme: "", urgency: "", description: "", errors: [] },
        locale: c.var.locale,
        cases: cases.map(({ case: row, events }) => ({
          id: row.id,
          number: row.number,
          status: row.status,
          teamName: row.team_name,
          createdAt: row.created_at,
          followUpAnswer: row.follow_up_answer,
          referrals: referrals
            .filter((r) => r.case_id === row.id)
            .map((r) => ({
              organisation: r.organisation_name,
              offer: pick(c.var.locale, r.offer_name, r.offer_name_en),
              status: r.status,
              advisor: r.assigned_user_name,
            })),
          events: events.map((e) => ({
            at: e.at,
            kind: e.kind,
            toStatus: e.to_status,
            details: e.details,
            organisation: e.actor_organisation_name,
          })),
        })),
      }}
    />,
    status,
  );
}

/** The routes of the company's private page. */
export function companyPages() {
  const app = new Hono<AppEnv>();

  app.get("/mitt-foretag", async (c) => {
    const token = c.req.query("token");
    if (token !== undefined) {
      try {
        const check = await verifyCompanyLink(c.var.deps.db, token);
        if (check.kind === "expired") return invalidLink(c, true);
        setLinkCookie(c, token, check.expiresAt);
        return c.redirect("/mitt-foretag", 303);
      } catch (error) {
        if (error instanceof AppError && error.code === "NOT_FOUND") return invalidLink(c, false);
        throw error;
      }
    }
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const noticeCode = getCookie(c, NOTICE_COOKIE) as NoticeCode | undefined;
    deleteCookie(c, NOTICE_COOKIE, { path: "/mitt-foretag" });
    return showPage(c, linked, { noticeCode });
  });

  app.post("/mitt-foretag/samtycke", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const body = await c.req.parseBody();
    const kind =
      body.kind === "statistics"
        ? "statistics"
        : body.kind === "contact-and-referral"
          ? body.kind
          : undefined;
    if (!kind || (body.action !== "withdraw" && body.action !== "give")) {
      throw new AppError("VALIDATION_FAILED", "Choose a consent and whether to give or withdraw it.");
    }
    const db = c.var.deps.db;
    if (body.action === "withdraw") {
      await withdrawConsent(db, linked.companyId, kind, { ...meta(c), via: "private-link" });
      return back(c, "consent-withdrawn");
    }
    await recordConsent(
      db,
      {
        companyId: linked.companyId,
        kind,
        wordingVersion: PRIVATE_PAGE_CONSENT_WORDING,
        source: "private-link",
      },
      meta(c),
    );
    return back(c, "consent-recorded");
  });

  // The company's one answer to "did it help?" for a closed case; it feeds the matching's outcome prior.
  app.post("/mitt-foretag/arenden/:id/uppfoljning", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const body = await c.req.parseBody();
    const answer = body.answer === "helped" || body.answer === "not-helped" ? body.answer : undefined;
    if (!answer) throw new AppError("VALIDATION_FAILED", "Choose whether it helped.");
    await answerFollowUp(c.var.deps.db, linked.companyId, recordId(c.req.param("id")), answer, ANONYMOUS);
    return back(c, "follow-up-answered");
  });

  app.post("/mitt-foretag/behov/:id", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const body = await c.req.parseBody();
    const status = body.status === "open" || body.status === "no-longer-relevant" ? body.status : undefined;
    if (!status) throw new AppError("VALIDATION_FAILED", "Choose open or no longer relevant.");
    await setNeedStatusFromCompany(
      c.var.deps.db,
      linked.companyId,
      recordId(c.req.param("id")),
      status,
      meta(c),
    );
    return back(c, "need-updated");
  });

  // A new need in the company's own words. On errors the page comes back (400) with the form as sent.
  app.post("/mitt-foretag/behov", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === "string" ? (body[name] as string) : "");
    const input = { theme: text("theme"), urgency: text("urgency"), description: text("description") };
    try {
      // The need and, with consent to contact, the case it opens commit together (as from the needs form).
      await c.var.deps.db.transaction().execute(async (trx) => {
        const need = await createNeedFromCompany(trx, linked.companyId, input, meta(c));
        await openCaseFromIntake(trx, {
          company: await getCompany(trx, linked.companyId),
          needs: [{ id: need.id, theme: need.theme, urgency: need.urgency }],
          actor: ANONYMOUS,
          at: need.createdAt,
          publicUrl: c.var.deps.config.publicUrl,
        });
      });
      wakeMailWorkers(c.var.deps.db);
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = Object.entries(error.fields).map(([key, message]) => ({
        fieldId: ADD_NEED_FIELDS[key as keyof typeof ADD_NEED_FIELDS] ?? "add-need-form",
        message: c.var.locale === "en" ? message.en : message.sv,
      }));
      return showPage(c, linked, { addNeed: { ...input, errors } }, 400);
    }
    return back(c, "need-added");
  });

  app.post("/mitt-foretag/forlang", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const db = c.var.deps.db;
    const { config } = c.var.deps;
    const company = await getCompany(db, linked.companyId);
    const issued = await db.transaction().execute(async (trx) => {
      const renewed = await renewCompanyLink(trx, linked.token);
      if (renewed.email) {
        await queuePrivateLinkMail(trx, {
          to: renewed.email,
          kind: "renewed",
          company: company.name,
          token: renewed.token,
          expiresAt: renewed.expiresAt,
          publicUrl: config.publicUrl,
          networkName: config.networkName,
        });
      }
      return renewed;
    });
    wakeMailWorkers(db);
    setLinkCookie(c, issued.token, issued.expiresAt);
    return back(c, issued.email ? "renewed-mailed" : "renewed");
  });

  app.post("/mitt-foretag/stang", (c) => {
    deleteCookie(c, LINK_COOKIE, { path: "/mitt-foretag" });
    return c.redirect("/", 303);
  });

  // The same export as a page to read. Labels in the reader's language; the export itself is audited.
  app.get("/mitt-foretag/uppgifter", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const db = c.var.deps.db;
    const t = intakeMessages(c.var.locale);
    const data = await exportCompany(db, linked.companyId, meta(c), { linkCompanyId: linked.companyId });
    const choices = await formChoices(db, c.var.locale);
    const label = (options: { value: string; label: string }[], value: string | null) =>
      value ? (options.find((o) => o.value === value)?.label ?? value) : null;
    const answers = await Promise.all(
      data.responses.map(async (response) => {
        const version = await getVersion(db, response.surveyVersionId);
        return {
          title: pick(c.var.locale, version.titleSv, version.titleEn),
          createdAt: response.createdAt,
          rows: reviewRows(version.questions, response.answers, choices, c.var.locale, t),
        };
      }),
    );
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      t("export.title", { company: data.company.name }),
      <ExportView
        t={t}
        model={{
          exportedAt: new Date(data.exportedAt),
          company: data.company,
          municipality: label(choices.municipalities, data.company.municipalityCode),
          sizeBand: label(choices.sizeBands, data.company.sizeBand),
          contacts: data.contacts,
          needs: data.needs.map((need) => ({
            theme: label(choices.themes, need.theme) ?? need.theme,
            urgency: t(`urgency.${need.urgency}`),
            status: t(`status.${need.status}`),
            description: need.description,
            createdAt: need.createdAt,
          })),
          answers,
          consents: data.consents.map((consent) => ({
            ...consent,
            kind: consent.kind === "statistics" ? t("page.consent.statistics") : t("page.consent.referral"),
          })),
          links: data.privateLinks,
        }}
      />,
    );
  });

  app.get("/mitt-foretag/export.json", async (c) => {
    const linked = await linkedCompany(c);
    if (linked instanceof Response) return linked;
    const data = await exportCompany(c.var.deps.db, linked.companyId, meta(c), {
      linkCompanyId: linked.companyId,
    });
    c.header("content-disposition", 'attachment; filename="mitt-foretag.json"');
    c.header("cache-control", "no-store");
    return c.json(data);
  });

  return app;
}
