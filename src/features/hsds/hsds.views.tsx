import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { CsrfField, ErrorSummary } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { hsdsMessages } from "./hsds.messages.ts";
import type { ImportReport } from "./hsds.service.ts";

export type HsdsPageModel = {
  /** What the last upload did, when there was one. */
  report?: { dryRun: boolean; result: ImportReport };
  error?: { key: "error.noFile" | "error.tooLarge"; mb?: number };
  form: { mode: "check" | "import"; skipInvalid: boolean };
};

function Report({ c, report }: { c: Context<AppEnv>; report: NonNullable<HsdsPageModel["report"]> }) {
  const t = hsdsMessages(c.var.locale);
  const { result } = report;
  return (
    <section class="lots-stack" aria-labelledby="hsds-report-heading" id="hsds-report">
      <h2 class="ds-heading" data-size="md" id="hsds-report-heading">
        {t("report.heading")}
      </h2>
      <div class="ds-alert" data-color={result.problems.length > 0 ? "warning" : "success"} role="status">
        <p class="ds-paragraph">
          {t("report.checked", {
            organizations: result.totals.organizations,
            services: result.totals.services,
          })}{" "}
          {t("report.valid", { organizations: result.valid.organizations, services: result.valid.services })}
        </p>
        <p class="ds-paragraph">
          {result.imported
            ? t("report.imported", {
                orgCreated: result.organisations.created,
                orgUpdated: result.organisations.updated,
                created: result.offers.created,
                updated: result.offers.updated,
                unchanged: result.offers.unchanged,
              })
            : t("report.notImported")}
        </p>
      </div>
      {result.problems.length === 0 ? (
        <p class="ds-paragraph">{t("report.noProblems")}</p>
      ) : (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("report.problems", { count: result.problems.length })}
          </h3>
          <ul class="ds-list" data-testid="hsds-problems">
            {result.problems.map((problem) => (
              <li>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {result.rejected.length > 0 ? (
        <>
          <h3 class="ds-heading" data-size="sm">
            {t("report.rejected", { count: result.rejected.length })}
          </h3>
          <ul class="ds-list">
            {result.rejected.map((path) => (
              <li>
                <code>{path}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** /admin/hsds: export link, upload form and, after an upload, its report. */
export function renderHsdsPage(c: Context<AppEnv>, model: HsdsPageModel, status: 200 | 400 = 200) {
  const t = hsdsMessages(c.var.locale);
  const { error, form } = model;
  return renderPage(
    c,
    t("page.title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("page.title")}
      </h1>
      <p class="ds-paragraph">{t("page.intro")}</p>

      {model.report ? <Report c={c} report={model.report} /> : null}

      <section class="lots-stack" aria-labelledby="hsds-export-heading">
        <h2 class="ds-heading" data-size="md" id="hsds-export-heading">
          {t("export.heading")}
        </h2>
        <p class="ds-paragraph">{t("export.text")}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/hsds/export" download>
            {t("export.link")}
          </a>
        </p>
      </section>

      <section class="lots-stack" aria-labelledby="hsds-upload-heading">
        <h2 class="ds-heading" data-size="md" id="hsds-upload-heading">
          {t("upload.heading")}
        </h2>
        <ErrorSummary
          id="hsds-error"
          heading={t("error.heading")}
          errors={error ? [{ fieldId: "hsds-file", message: t(error.key, { mb: error.mb ?? 0 }) }] : []}
        />
        <form class="lots-stack" method="post" action="/admin/hsds" enctype="multipart/form-data">
          <CsrfField token={c.var.csrfToken} />
          <div class="ds-field">
            <label class="ds-label" for="hsds-file">
              {t("upload.file")}
            </label>
            <p class="ds-paragraph" data-field="description" id="hsds-file-hint">
              {t("upload.fileHint")}
            </p>
            <input
              class="ds-input"
              id="hsds-file"
              name="file"
              type="file"
              accept="application/json,.json"
              required
              aria-describedby="hsds-file-hint"
              aria-invalid={error ? "true" : undefined}
            />
          </div>
          <fieldset class="ds-fieldset">
            <legend class="ds-label">{t("upload.mode")}</legend>
            {(["check", "import"] as const).map((mode) => (
              <div class="ds-field">
                <input
                  class="ds-input"
                  type="radio"
                  id={`hsds-mode-${mode}`}
                  name="mode"
                  value={mode}
                  checked={form.mode === mode}
                />
                <label class="ds-label" data-weight="regular" for={`hsds-mode-${mode}`}>
                  {t(mode === "check" ? "upload.check" : "upload.import")}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="ds-field">
            <input
              class="ds-input"
              type="checkbox"
              id="hsds-skip-invalid"
              name="skipInvalid"
              value="yes"
              checked={form.skipInvalid}
            />
            <label class="ds-label" data-weight="regular" for="hsds-skip-invalid">
              {t("upload.skipInvalid")}
            </label>
          </div>
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("upload.submit")}
            </button>
          </div>
        </form>
      </section>
    </>,
    status,
  );
}
