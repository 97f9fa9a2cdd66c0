import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish, type Locale, pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { contentFromEditor, type EditorForm, editorAction, editorFieldId } from "./surveys.editor.ts";
import { SurveyEditorView } from "./surveys.editor-view.tsx";
import { surveysMessages } from "./surveys.messages.ts";
import type { SurveyContentInput } from "./surveys.questions.ts";
import type { Survey, SurveyVersion } from "./surveys.schemas.ts";
import { editSurvey, getManagedSurvey, listVersions } from "./surveys.service.ts";
import { VersionView } from "./surveys.views.tsx";

// The survey editor and the read-only version page (/admin/enkater/:id/redigera, …/versioner/:n). The
// editor edits the draft, or a copy of the newest version that becomes the next version when saved; a
// published version is only ever shown, never changed (the surveys service and a database trigger refuse).

const NOTICE_COOKIE = "lots_survey_notice";
const meta = (c: Context<AppEnv>) => auditContext(c);

function contentOf(version: SurveyVersion): SurveyContentInput {
  return {
    titleSv: version.titleSv,
    titleEn: version.titleEn,
    introSv: version.introSv,
    introEn: version.introEn,
    questions: version.questions,
  };
}

/** The service's messages as editor errors: next to their field, and in the summary with the question. */
function editorErrors(errors: FieldErrors, locale: Locale, content: SurveyContentInput): FormError[] {
  const t = surveysMessages(locale);
  return Object.entries(errors).map(([key, text]) => {
    const index = key.match(/questions\.(\d+)/)?.[1];
    const question = index === undefined ? undefined : content.questions[Number(index)];
    const where = question
      ? `${t("editor.question", { n: Number(index) + 1, type: t(`type.${question.type}`) })}: `
      : "";
    return { fieldId: editorFieldId(key), message: `${where}${locale === "en" ? text.en : text.sv}` };
  });
}

// Drawn from the draft, or from a copy of the newest published version (saving makes the next version).
async function editorPage(
  c: Context<AppEnv>,
  survey: Survey,
  content: SurveyContentInput,
  extra: { errors: FormError[]; notice: string | undefined },
  status: 200 | 400,
) {
  const db = c.var.deps.db;
  const t = surveysMessages(c.var.locale);
  const versions = await listVersions(db, survey.id);
  const draft = versions.find((v) => !v.publishedAt);
  const published = versions.find((v) => v.publishedAt);
  const themes = (await reference.getNeedThemes(db))
    .map((theme) => ({ value: theme.code, label: pick(c.var.locale, theme.label_sv, theme.label_en) }))
    .sort((a, b) => compareSwedish(a.label, b.label));
  return renderPage(
    c,
    extra.errors.length > 0
      ? `${t("editor.errors")} – ${survey.name}`
      : t("editor.title", { name: survey.name }),
    <SurveyEditorView
      t={t}
      model={{
        survey,
        content,
        draftVersion: draft?.version ?? (versions[0]?.version ?? 0) + 1,
        publishedVersion: published?.version,
        themes,
        errors: extra.errors,
        notice: extra.notice,
        csrfToken: c.var.csrfToken,
      }}
    />,
    status,
  );
}

/** The routes of the survey editor and the version page. */
export function surveyEditorPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/enkater/:id/redigera", requireUser, async (c) => {
    const db = c.var.deps.db;
    const survey = await getManagedSurvey(db, recordId(c.req.param("id")), meta(c));
    const [newest] = await listVersions(db, survey.id);
    if (!newest) throw new AppError("NOT_FOUND", "The survey has no version.");
    return editorPage(c, survey, contentOf(newest), { errors: [], notice: undefined }, 200);
  });

  // Structural buttons (add, remove, move, options) re-draw the form with the change; only "Save" writes.
  app.post("/admin/enkater/:id/redigera", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = surveysMessages(c.var.locale);
    const survey = await getManagedSurvey(db, recordId(c.req.param("id")), meta(c));
    const form = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
    const values: EditorForm = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [
        k,
        (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string"),
      ]),
    );
    let base: SurveyContentInput;
    try {
      base = JSON.parse(values.base?.[0] ?? "") as SurveyContentInput;
      if (!base || !Array.isArray(base.questions)) throw new Error("no questions");
    } catch {
      throw new AppError("VALIDATION_FAILED", "The editor form is incomplete; open the editor again.");
    }
    const content = contentFromEditor(values, base);
    if (editorAction(values).kind !== "save") {
      return editorPage(c, survey, content, { errors: [], notice: t("editor.unsaved") }, 200);
    }
    try {
      await editSurvey(db, survey.id, content, meta(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = editorErrors(error.fields, c.var.locale, content);
      return editorPage(c, survey, content, { errors, notice: undefined }, 400);
    }
    setCookie(c, NOTICE_COOKIE, "saved", {
      path: `/admin/enkater/${survey.id}`,
      httpOnly: true,
      sameSite: "Lax",
      maxAge: 60,
    });
    return c.redirect(`/admin/enkater/${survey.id}`, 303);
  });

  app.get("/admin/enkater/:id/versioner/:version", requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = surveysMessages(c.var.locale);
    const survey = await getManagedSurvey(db, recordId(c.req.param("id")), meta(c));
    const versions = await listVersions(db, survey.id);
    const version = versions.find((v) => String(v.version) === c.req.param("version"));
    if (!version) throw new AppError("NOT_FOUND", "No such version of this survey.");
    const themeNames = new Map(
      (await reference.getNeedThemes(db)).map((theme) => [
        theme.code,
        pick(c.var.locale, theme.label_sv, theme.label_en),
      ]),
    );
    const draft = versions.find((v) => !v.publishedAt);
    return renderPage(
      c,
      t("version.title", { name: survey.name, version: version.version }),
      <VersionView
        t={t}
        survey={survey}
        version={version}
        nextVersion={draft?.version ?? (versions[0]?.version ?? 0) + 1}
        themeNames={themeNames}
        locale={c.var.locale}
      />,
    );
  });

  return app;
}
