import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import QRCode from "qrcode";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import type { Option } from "#src/shared/web/form-fields.tsx";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { surveyEditorPages } from "./surveys.editor-pages.tsx";
import { surveysMessages } from "./surveys.messages.ts";
import { canManageSurveys } from "./surveys.policy.ts";
import { listResponses } from "./surveys.responses.service.ts";
import type { Survey } from "./surveys.schemas.ts";
import {
  createCampaign,
  createSurvey,
  getManagedSurvey,
  listCampaigns,
  listManagedSurveys,
  listVersions,
  publishSurvey,
} from "./surveys.service.ts";
import { CampaignFormView, NewSurveyView, SurveyListView, SurveyPageView } from "./surveys.views.tsx";

// /admin/enkater: the organisation's surveys for its org admins and navigators (and the platform admin):
// versions, editing a draft and publishing it, rounds with their public links, and the answers.

const NOTICE_COOKIE = "lots_survey_notice";
const meta = (c: Context<AppEnv>) => auditContext(c);

function mayUseSurveyPages(c: Context<AppEnv>, surveys: Survey[]): boolean {
  const actor = c.var.actor;
  return (
    surveys.length > 0 ||
    (actor.kind === "user" && actor.memberships.some((m) => canManageSurveys(actor, m.organisationId)))
  );
}

/** The organisations whose surveys the user manages, as choices (every one for the platform admin). */
function managedOrganisations(c: Context<AppEnv>, organisations: { id: string; name: string }[]): Option[] {
  return organisations
    .filter((o) => canManageSurveys(c.var.actor, o.id))
    .map((o) => ({ value: o.id, label: o.name }))
    .sort((a, b) => compareSwedish(a.label, b.label));
}

function flash(c: Context<AppEnv>, surveyId: string, code: string) {
  setCookie(c, NOTICE_COOKIE, code, {
    path: `/admin/enkater/${surveyId}`,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 60,
  });
}

/** The routes of the survey staff pages. */
export function surveysPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/enkater", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = surveysMessages(c.var.locale);
    const surveys = await listManagedSurveys(db, c.var.actor);
    if (!mayUseSurveyPages(c, surveys))
      throw new AppError("FORBIDDEN", "Only navigators and org admins manage surveys.");
    const organisations = await listOrganisations(db);
    const organisationNames = new Map(organisations.map((o) => [o.id, o.name]));
    return renderPage(
      c,
      t("list.title"),
      <SurveyListView
        t={t}
        surveys={surveys}
        organisationNames={organisationNames}
        mayCreate={managedOrganisations(c, organisations).length > 0}
      />,
    );
  });

  const newSurveyPage = async (
    c: Context<AppEnv>,
    values: Record<string, string>,
    errors: FormError[],
    status: 200 | 400,
  ) => {
    const options = managedOrganisations(c, await listOrganisations(c.var.deps.db));
    if (options.length === 0)
      throw new AppError("FORBIDDEN", "Only navigators and org admins create surveys.");
    return renderPage(
      c,
      surveysMessages(c.var.locale)("new.title"),
      <NewSurveyView
        t={surveysMessages(c.var.locale)}
        values={values}
        organisations={options}
        errors={errors}
        csrfToken={c.var.csrfToken}
      />,
      status,
    );
  };

  app.get("/admin/enkater/ny", requireUser, (c) => newSurveyPage(c, {}, [], 200));

  app.post("/admin/enkater/ny", requireUser, async (c) => {
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      ["organisationId", "name", "slug", "kind", "titleSv", "question"].map((k) => [
        k,
        typeof body[k] === "string" ? (body[k] as string).trim() : "",
      ]),
    ) as Record<string, string>;
    const t = surveysMessages(c.var.locale);
    let created: Awaited<ReturnType<typeof createSurvey>>;
    try {
      created = await createSurvey(
        c.var.deps.db,
        {
          organisationId: values.organisationId ?? "",
          name: values.name ?? "",
          slug: values.slug ?? "",
          kind: values.kind === "pulse" ? "pulse" : "needs",
          content: {
            titleSv: values.titleSv ?? "",
            questions: [
              { id: "q1", type: "free-text", label: { sv: values.question ?? "" }, required: false },
            ],
          },
        },
        meta(c),
      );
    } catch (error) {
      if (error instanceof FieldValidationError) {
        const field = (key: string) =>
          key.startsWith("content.questions")
            ? "n-question"
            : key.startsWith("content.titleSv")
              ? "n-titleSv"
              : `n-${key.split(".")[0]}`;
        const errors = Object.entries(error.fields).map(([key, text]) => ({
          fieldId: field(key),
          message: c.var.locale === "en" ? text.en : text.sv,
        }));
        return newSurveyPage(c, values, errors, 400);
      }
      if (error instanceof AppError && error.code === "CONFLICT") {
        return newSurveyPage(c, values, [{ fieldId: "n-slug", message: t("new.taken") }], 400);
      }
      throw error;
    }
    return c.redirect(`/admin/enkater/${created.survey.id}/redigera`, 303);
  });

  app.get("/admin/enkater/:id", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = surveysMessages(c.var.locale);
    const survey = await getManagedSurvey(db, recordId(c.req.param("id")), meta(c));
    const [versions, campaigns] = await Promise.all([
      listVersions(db, survey.id),
      listCampaigns(db, survey.id),
    ]);
    // Org admins manage surveys but do not read answers (navigators do): show answers only when allowed.
    let answers: Awaited<ReturnType<typeof listResponses>> = [];
    try {
      answers = await listResponses(db, survey.id, { limit: 100, offset: 0 }, meta(c));
    } catch (error) {
      if (!(error instanceof AppError && error.code === "FORBIDDEN")) throw error;
    }
    // A QR code per round, for posters and slides at meetings: the public link as an SVG image.
    const publicUrl = c.var.deps.config.publicUrl;
    const qrCodes = new Map(
      await Promise.all(
        campaigns.map(async (campaign) => {
          const svg = await QRCode.toString(`${publicUrl}/behov/${campaign.slug}`, {
            type: "svg",
            margin: 1,
          });
          return [campaign.id, `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`] as const;
        }),
      ),
    );
    const code = getCookie(c, NOTICE_COOKIE);
    if (code) deleteCookie(c, NOTICE_COOKIE, { path: `/admin/enkater/${survey.id}` });
    const [kind, version] = (code ?? "").split(":");
    const notice =
      kind === "published"
        ? t("page.published.notice", { version: version ?? "" })
        : kind === "saved"
          ? t("page.saved.notice")
          : kind === "campaign"
            ? t("page.campaign.notice")
            : undefined;
    return renderPage(
      c,
      survey.name,
      <SurveyPageView
        t={t}
        model={{
          survey,
          versions,
          campaigns,
          answers,
          publicUrl,
          qrCodes,
          notice,
          csrfToken: c.var.csrfToken,
          locale: c.var.locale,
        }}
      />,
    );
  });

  app.route("/", surveyEditorPages());

  app.post("/admin/enkater/:id/publicera", requireUser, async (c) => {
    const db = c.var.deps.db;
    const id = recordId(c.req.param("id"));
    const published = await publishSurvey(db, id, meta(c));
    flash(c, id, `published:${published.version}`);
    return c.redirect(`/admin/enkater/${id}`, 303);
  });

  const campaignPage = async (
    c: Context<AppEnv>,
    survey: Survey,
    values: Record<string, string>,
    errors: FormError[],
    status: 200 | 400,
  ) => {
    const t = surveysMessages(c.var.locale);
    const municipalities = (await reference.getMunicipalities(c.var.deps.db))
      .map((m) => ({ value: m.code, label: m.name }))
      .sort((a, b) => compareSwedish(a.label, b.label));
    return renderPage(
      c,
      t("campaign.title"),
      <CampaignFormView
        t={t}
        survey={survey}
        values={values}
        errors={errors}
        municipalities={municipalities}
        csrfToken={c.var.csrfToken}
      />,
      status,
    );
  };

  app.get("/admin/enkater/:id/omgangar/ny", requireUser, async (c) => {
    const survey = await getManagedSurvey(c.var.deps.db, recordId(c.req.param("id")), meta(c));
    return campaignPage(c, survey, { opensAt: new Date().toISOString().slice(0, 10) }, [], 200);
  });

  app.post("/admin/enkater/:id/omgangar/ny", requireUser, async (c) => {
    const db = c.var.deps.db;
    const survey = await getManagedSurvey(db, recordId(c.req.param("id")), meta(c));
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      ["name", "slug", "scopeKind", "municipalityCodes", "sniCodes", "opensAt", "closesAt", "recurrence"].map(
        (k) => [k, typeof body[k] === "string" ? (body[k] as string).trim() : ""],
      ),
    ) as Record<string, string>;
    const date = (value: string) =>
      /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+01:00`) : value || undefined;
    try {
      await createCampaign(
        db,
        {
          surveyId: survey.id,
          name: values.name ?? "",
          slug: values.slug ?? "",
          scopeKind: values.scopeKind as "municipality",
          municipalityCodes: values.municipalityCodes ? [values.municipalityCodes] : [],
          sniCodes: (values.sniCodes ?? "").split(/[\s,]+/).filter(Boolean),
          opensAt: date(values.opensAt ?? "") as Date,
          closesAt: (date(values.closesAt ?? "") as Date | undefined) ?? null,
          recurrence: (values.recurrence || null) as "quarterly" | null,
        },
        meta(c),
      );
    } catch (error) {
      const locale = c.var.locale;
      if (error instanceof FieldValidationError) {
        const errors = Object.entries(error.fields).map(([key, text]) => ({
          fieldId: `c-${key.split(".")[0]}`,
          message: locale === "en" ? text.en : text.sv,
        }));
        return campaignPage(c, survey, values, errors, 400);
      }
      if (error instanceof AppError && error.code === "CONFLICT") {
        const message =
          locale === "en"
            ? "That address is taken; choose another."
            : "Adressen används redan. Välj en annan.";
        return campaignPage(c, survey, values, [{ fieldId: "c-slug", message }], 400);
      }
      throw error;
    }
    flash(c, survey.id, "campaign");
    return c.redirect(`/admin/enkater/${survey.id}`, 303);
  });

  return app;
}
