import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import type { Db } from "#src/db/client.ts";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { canHandleResponses } from "#src/features/surveys/surveys.policy.ts";
import { checkSubmission, submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import type { Campaign, SubmitResponseInput, SurveyVersion } from "#src/features/surveys/surveys.schemas.ts";
import {
  getCampaignBySlug,
  getPublishedVersion,
  getSurvey,
  getVersion,
  isCampaignOpen,
  listOpenCampaigns,
} from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import {
  type FormValues,
  first,
  formErrors,
  formToSubmission,
  prefillFromQuery,
  toFormValues,
} from "./intake-pages.form.ts";
import { LinkHandover } from "./intake-pages.handover.ts";
import { queuePrivateLinkMail } from "./intake-pages.mail.ts";
import { intakeMessages } from "./intake-pages.messages.ts";
import { companyLines, formChoices, needLines, reviewRows, sharingLines } from "./intake-pages.model.ts";
import {
  autosaveKey,
  LandingView,
  MessageView,
  NeedsFormView,
  ReviewView,
  ThanksView,
} from "./intake-pages.views.tsx";

// The public needs form "Berätta om era behov": /behov lists the open rounds, /behov/:slug shows the form,
// POST /behov/:slug checks it (errors next to the fields, or the review step), POST /behov/:slug/skicka
// stores it once (the form's idempotency key) and redirects to the thank-you page.
//
// The private link is shown once on the thank-you page and mailed. It must not travel in a URL that ends up
// in logs and browser history: the send step keeps it in a server-side take-once store under the form's
// idempotency key (intake-pages.handover.ts says why) and sets a short-lived HttpOnly cookie scoped to
// /behov, signed with the session secret, that holds only that key and whether the send was a replay. The
// thank-you URL carries neither.

const DONE_COOKIE = "lots_intake_done";
const DONE_MAX_AGE_S = 15 * 60;

type Done = { key: string; replayed: boolean };

function tr(c: Context<AppEnv>) {
  return intakeMessages(c.var.locale);
}

/** Staff of the survey's organisation answer on the company's behalf; anyone else answers as the company. */
function submitterMeta(c: Context<AppEnv>, organisationId: string) {
  const context = auditContext(c);
  const onBehalf = c.var.actor.kind === "user" && canHandleResponses(c.var.actor, organisationId);
  return { meta: onBehalf ? context : { ...context, actor: ANONYMOUS }, onBehalf };
}

async function loadCampaign(c: Context<AppEnv>, slug: string): Promise<Campaign | Response> {
  const t = tr(c);
  try {
    const campaign = await getCampaignBySlug(c.var.deps.db, slug);
    const survey = await getSurvey(c.var.deps.db, campaign.surveyId);
    if (!isCampaignOpen(campaign) && !submitterMeta(c, survey.organisationId).onBehalf) {
      return renderPage(
        c,
        t("closed.title"),
        <MessageView title={t("closed.title")} text={t("closed.text")} />,
        410,
      );
    }
    return campaign;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return renderPage(
        c,
        t("notFound.title"),
        <MessageView title={t("notFound.title")} text={t("notFound.text")} />,
        404,
      );
    }
    throw error;
  }
}

/** The version the form was drawn from (kept in the form), or the newest published one. */
async function formVersion(db: Db, campaign: Campaign, values: FormValues): Promise<SurveyVersion> {
  const id = first(values, "versionId");
  if (/^[0-9a-f-]{36}$/i.test(id)) {
    try {
      const version = await getVersion(db, id);
      if (version.surveyId === campaign.surveyId && version.publishedAt) return version;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return getPublishedVersion(db, campaign.surveyId);
}

async function showForm(
  c: Context<AppEnv>,
  campaign: Campaign,
  version: SurveyVersion,
  values: FormValues,
  fieldErrors: FieldErrors,
  status: 200 | 400,
) {
  const t = tr(c);
  const survey = await getSurvey(c.var.deps.db, campaign.surveyId);
  const { summary } = formErrors(fieldErrors, version.questions, c.var.locale);
  const key = first(values, "idempotencyKey") || randomUUID();
  const title = status === 400 ? `${t("form.errors")} – ${version.titleSv}` : version.titleSv;
  return renderPage(
    c,
    title,
    <NeedsFormView
      t={t}
      locale={c.var.locale}
      campaign={campaign}
      version={version}
      values={values}
      errors={summary}
      csrfToken={c.var.csrfToken}
      idempotencyKey={/^[\x21-\x7e]{1,200}$/.test(key) ? key : randomUUID()}
      choices={await formChoices(c.var.deps.db, c.var.locale)}
      onBehalf={submitterMeta(c, survey.organisationId).onBehalf}
    />,
    status,
  );
}

function submissionInput(campaign: Campaign, version: SurveyVersion, values: FormValues) {
  const parsed = formToSubmission(values, version.questions);
  const input: SubmitResponseInput = {
    campaignSlug: campaign.slug,
    versionId: version.id,
    company: parsed.company,
    answers: parsed.answers,
    idempotencyKey: first(values, "idempotencyKey") || undefined,
  };
  return { input, formOnlyErrors: parsed.errors };
}

/** The private link's mail, in the outbox of the submission's transaction. */
async function queueLinkMail(
  trx: Db,
  c: Context<AppEnv>,
  issued: { token: string; expiresAt: Date; email: string | null; company: { name: string } },
) {
  if (!issued.email) return;
  const { config } = c.var.deps;
  await queuePrivateLinkMail(trx, {
    to: issued.email,
    kind: "issued",
    company: issued.company.name,
    token: issued.token,
    expiresAt: issued.expiresAt,
    publicUrl: config.publicUrl,
    networkName: config.networkName,
  });
}

/** The send step's signed cookie, or undefined when missing, forged or malformed. */
async function readDone(c: Context<AppEnv>): Promise<Done | undefined> {
  const raw = await getSignedCookie(c, c.var.deps.config.sessionSecret, DONE_COOKIE);
  if (!raw) return undefined;
  try {
    const done = JSON.parse(raw) as Partial<Done>;
    return typeof done.key === "string" ? { key: done.key, replayed: done.replayed === true } : undefined;
  } catch {
    return undefined;
  }
}

/** The routes of the public needs form. */
export function intakePages() {
  const app = new Hono<AppEnv>();
  const handover = new LinkHandover(DONE_MAX_AGE_S * 1000);

  app.get("/behov", async (c) => {
    const t = tr(c);
    const campaigns = await listOpenCampaigns(c.var.deps.db);
    return renderPage(c, t("landing.title"), <LandingView t={t} campaigns={campaigns} />);
  });

  app.get("/behov/:slug", async (c) => {
    const campaign = await loadCampaign(c, c.req.param("slug"));
    if (campaign instanceof Response) return campaign;
    const version = await getPublishedVersion(c.var.deps.db, campaign.surveyId);
    const prefilled = prefillFromQuery(c.req.queries(), version.questions);
    return showForm(c, campaign, version, { ...prefilled, idempotencyKey: [randomUUID()] }, {}, 200);
  });

  // Check: the form again with every error, or the review step. "Ändra" on the review comes back here too.
  app.post("/behov/:slug", async (c) => {
    const campaign = await loadCampaign(c, c.req.param("slug"));
    if (campaign instanceof Response) return campaign;
    const db = c.var.deps.db;
    const values = toFormValues(await c.req.parseBody({ all: true }));
    const version = await formVersion(db, campaign, values);
    if (first(values, "step") === "edit") return showForm(c, campaign, version, values, {}, 200);
    const { input, formOnlyErrors } = submissionInput(campaign, version, values);
    const survey = await getSurvey(db, campaign.surveyId);
    try {
      const checked = await checkSubmission(db, input, submitterMeta(c, survey.organisationId).meta);
      if (Object.keys(formOnlyErrors).length > 0) throw new FieldValidationError(formOnlyErrors);
      const t = tr(c);
      const choices = await formChoices(db, c.var.locale);
      return renderPage(
        c,
        t("review.title"),
        <ReviewView
          t={t}
          campaign={campaign}
          values={values}
          csrfToken={c.var.csrfToken}
          companyLines={companyLines(checked.company, choices, t)}
          needs={needLines(checked, choices, t)}
          rows={reviewRows(version.questions, checked.answers.answers, choices, c.var.locale, t)}
          sharing={sharingLines(checked, choices, t)}
        />,
      );
    } catch (error) {
      if (error instanceof FieldValidationError) {
        return showForm(c, campaign, version, values, { ...error.fields, ...formOnlyErrors }, 400);
      }
      throw error;
    }
  });

  app.post("/behov/:slug/skicka", async (c) => {
    const campaign = await loadCampaign(c, c.req.param("slug"));
    if (campaign instanceof Response) return campaign;
    const db = c.var.deps.db;
    const values = toFormValues(await c.req.parseBody({ all: true }));
    const version = await formVersion(db, campaign, values);
    const { input, formOnlyErrors } = submissionInput(campaign, version, values);
    if (Object.keys(formOnlyErrors).length > 0)
      return showForm(c, campaign, version, values, formOnlyErrors, 400);
    const survey = await getSurvey(db, campaign.surveyId);
    let done: Done;
    try {
      const result = await submitResponse(db, input, submitterMeta(c, survey.organisationId).meta, {
        issueLink: true,
        publicUrl: c.var.deps.config.publicUrl,
        onLinkIssued: (trx, issued) => queueLinkMail(trx, c, issued),
      });
      wakeMailWorkers(db);
      // A form without a key (hand-made POST) still gets its link: the response id is unique too.
      const key = input.idempotencyKey ?? result.response.id;
      if (result.link) {
        const email = (result.response.answers as Record<string, { email?: string } | undefined>)[
          version.questions.find((q) => q.type === "contact-block")?.id ?? ""
        ]?.email;
        handover.put(`${campaign.slug}:${key}`, {
          token: result.link.token,
          expiresAt: result.link.expiresAt,
          email: email ?? null,
        });
      }
      done = { key, replayed: result.replayed };
    } catch (error) {
      if (error instanceof FieldValidationError)
        return showForm(c, campaign, version, values, error.fields, 400);
      if (error instanceof AppError && error.code === "CONFLICT") {
        const t = tr(c);
        return renderPage(
          c,
          t("thanks.title"),
          <MessageView title={t("thanks.title")} text={t("thanks.replayed")} />,
          409,
        );
      }
      throw error;
    }
    await setSignedCookie(c, DONE_COOKIE, JSON.stringify(done), c.var.deps.config.sessionSecret, {
      path: "/behov",
      httpOnly: true,
      sameSite: "Lax",
      secure: c.var.deps.config.publicUrl.startsWith("https://"),
      maxAge: DONE_MAX_AGE_S,
    });
    return c.redirect(`/behov/${campaign.slug}/tack`, 303);
  });

  app.get("/behov/:slug/tack", async (c) => {
    const t = tr(c);
    const db = c.var.deps.db;
    let campaign: Campaign;
    try {
      campaign = await getCampaignBySlug(db, c.req.param("slug"));
    } catch (error) {
      if (error instanceof AppError && error.code === "NOT_FOUND") {
        return renderPage(
          c,
          t("notFound.title"),
          <MessageView title={t("notFound.title")} text={t("notFound.text")} />,
          404,
        );
      }
      throw error;
    }
    const survey = await getSurvey(db, campaign.surveyId);
    const choices = await formChoices(db, c.var.locale);
    const done = await readDone(c);
    deleteCookie(c, DONE_COOKIE, { path: "/behov" });
    const organisation = choices.organisations.find((o) => o.value === survey.organisationId)?.label ?? "";
    const handed = done ? handover.take(`${campaign.slug}:${done.key}`) : undefined;
    const link = handed
      ? {
          url: `${c.var.deps.config.publicUrl}/mitt-foretag?token=${encodeURIComponent(handed.token)}`,
          expiresAt: handed.expiresAt,
          email: handed.email,
        }
      : undefined;
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      t("thanks.title"),
      <ThanksView
        t={t}
        organisation={organisation}
        replayed={done?.replayed ?? false}
        link={link}
        autosaveKey={autosaveKey(campaign.slug)}
      />,
    );
  });

  return app;
}
