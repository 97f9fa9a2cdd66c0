import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type FormError,
  fieldError,
  Notice,
  Section,
  ValidationMessage,
} from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { type OrganisationsMessages, organisationsMessages } from "./organisations.messages.ts";
import type { OrganisationField } from "./organisations.policy.ts";
import { type Organisation, OrganisationType } from "./organisations.schemas.ts";

/** The form's values as typed, so a rejected form is shown back unchanged. */
export type OrganisationFormValues = {
  name: string;
  orgNumber: string;
  type: string;
  website: string;
  descriptionSv: string;
  descriptionEn: string;
  municipalityCodes: string[];
};

/** The values of a stored organisation, for the form. */
export function formValuesOf(o: Organisation): OrganisationFormValues {
  return {
    name: o.name,
    orgNumber: o.orgNumber ? formatOrgNumber(o.orgNumber) : "",
    type: o.type,
    website: o.website ?? "",
    descriptionSv: o.descriptionSv,
    descriptionEn: o.descriptionEn,
    municipalityCodes: o.municipalityCodes,
  };
}

type Field = { id: string; label: string; hint?: string; error: string | undefined };

function TextInput({
  field,
  name,
  value,
  type = "text",
}: {
  field: Field;
  name: string;
  value: string;
  type?: string;
}) {
  return (
    <div class="ds-field">
      <label class="ds-label" for={field.id}>
        {field.label}
      </label>
      {field.hint ? (
        <p class="ds-paragraph" data-field="description" id={`${field.id}-hint`}>
          {field.hint}
        </p>
      ) : null}
      <ValidationMessage fieldId={field.id} message={field.error} />
      <input
        class="ds-input"
        id={field.id}
        name={name}
        type={type}
        value={value}
        {...describedBy(field.id, field.error, field.hint ? `${field.id}-hint` : undefined)}
      />
    </div>
  );
}

function TypeSelect({
  t,
  id,
  value,
  error,
}: {
  t: OrganisationsMessages;
  id: string;
  value: string;
  error?: string;
}) {
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {t("field.type")}
      </label>
      <ValidationMessage fieldId={id} message={error} />
      <select class="ds-input" id={id} name="type" {...describedBy(id, error)}>
        {OrganisationType.options.map((type) => (
          <option value={type} selected={value === type}>
            {t(`type.${type}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export type OrganisationListModel = {
  organisations: Organisation[];
  canCreate: boolean;
  values: OrganisationFormValues;
  errors: FormError[];
  notice?: string | undefined;
};

/** /admin/organisationer: the organisations the actor administers and, for the platform admin, a form to add one. */
export function renderOrganisationList(
  c: Context<AppEnv>,
  model: OrganisationListModel,
  status: 200 | 400 | 409 = 200,
) {
  const t = organisationsMessages(c.var.locale);
  const { values, errors } = model;
  return renderPage(
    c,
    t("list.title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{model.canCreate ? t("list.intro") : t("list.introOwn")}</p>
      <Notice message={model.notice} />
      {model.organisations.length === 0 ? (
        <p class="ds-paragraph">{t("list.empty")}</p>
      ) : (
        <TableScroll label={t("list.caption")}>
          <table class="ds-table" data-border="true">
            <caption>{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.type")}</th>
                <th scope="col">{t("list.orgNumber")}</th>
                <th scope="col">{t("list.municipalities")}</th>
              </tr>
            </thead>
            <tbody>
              {model.organisations.map((o) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`/admin/organisationer/${o.id}`}>
                      {o.name}
                    </a>
                  </td>
                  <td>{t(`type.${o.type}`)}</td>
                  <td>{o.orgNumber ? formatOrgNumber(o.orgNumber) : "–"}</td>
                  <td>{o.municipalityCodes.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {model.canCreate ? (
        <Section id="create-organisation" heading={t("create.heading")}>
          <p class="ds-paragraph">{t("create.intro")}</p>
          <ErrorSummary id="create-errors" heading={t("errors.heading")} errors={errors} />
          <form class="lots-stack" method="post" action="/admin/organisationer">
            <CsrfField token={c.var.csrfToken} />
            <TextInput
              field={{ id: "org-name", label: t("field.name"), error: fieldError(errors, "org-name") }}
              name="name"
              value={values.name}
            />
            <TextInput
              field={{
                id: "org-orgNumber",
                label: t("field.orgNumber"),
                hint: t("field.orgNumberHint"),
                error: fieldError(errors, "org-orgNumber"),
              }}
              name="orgNumber"
              value={values.orgNumber}
            />
            <TypeSelect t={t} id="org-type" value={values.type} error={fieldError(errors, "org-type")} />
            <TextInput
              field={{
                id: "org-website",
                label: t("field.website"),
                hint: t("field.websiteHint"),
                error: fieldError(errors, "org-website"),
              }}
              name="website"
              type="url"
              value={values.website}
            />
            <div class="lots-actions">
              <button class="ds-button" data-variant="primary" type="submit">
                {t("create.submit")}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </>,
    status,
  );
}

export type OrganisationSettingsModel = {
  organisation: Organisation;
  editable: readonly OrganisationField[];
  showBackToList: boolean;
  counties: { code: string; name: string; municipalities: { code: string; name: string }[] }[];
  values: OrganisationFormValues;
  errors: FormError[];
  notice?: string | undefined;
};

/** /admin/organisationer/:id: the organisation's details (editable as the policy allows) and its admin links. */
export function renderOrganisationSettings(
  c: Context<AppEnv>,
  model: OrganisationSettingsModel,
  status: 200 | 400 | 409 = 200,
) {
  const t = organisationsMessages(c.var.locale);
  const { organisation, values, errors, editable } = model;
  const can = (field: OrganisationField) => editable.includes(field);
  const base = `/admin/organisationer/${organisation.id}`;
  const municipalityNames = new Map(
    model.counties.flatMap((c) => c.municipalities.map((m) => [m.code, m.name])),
  );
  const readOnly = (label: string, value: string) => (
    <div class="ds-field">
      <p class="ds-label">{label}</p>
      <p class="ds-paragraph">{value}</p>
      <p class="ds-paragraph" data-field="description" data-size="sm">
        {t("field.readOnly")}
      </p>
    </div>
  );
  const error = (id: string) => fieldError(errors, id);
  return renderPage(
    c,
    organisation.name,
    <>
      {model.showBackToList ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/organisationer">
            {t("settings.back")}
          </a>
        </p>
      ) : null}
      <h1 class="ds-heading" data-size="lg">
        {organisation.name}
      </h1>
      <Notice message={model.notice} />
      <nav aria-labelledby="org-links">
        <h2 class="ds-heading" data-size="xs" id="org-links">
          {t("settings.links")}
        </h2>
        <ul class="ds-list">
          <li>
            <a class="ds-link" href={`${base}/anvandare`}>
              {t("settings.users")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={`${base}/api-nycklar`}>
              {t("settings.apiTokens")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={`/admin/logg?organisationId=${organisation.id}`}>
              {t("settings.auditLog")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={`${base}/gallring`}>
              {t("settings.retention")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={`${base}/lotsning`}>
              {t("settings.lotsning")}
            </a>
          </li>
        </ul>
      </nav>

      <Section id="org-settings" heading={t("settings.heading")}>
        <ErrorSummary id="settings-errors" heading={t("errors.heading")} errors={errors} />
        <form class="lots-stack" method="post" action={base}>
          <CsrfField token={c.var.csrfToken} />
          {can("name") ? (
            <TextInput
              field={{ id: "org-name", label: t("field.name"), error: error("org-name") }}
              name="name"
              value={values.name}
            />
          ) : (
            readOnly(t("field.name"), organisation.name)
          )}
          {can("orgNumber") ? (
            <TextInput
              field={{
                id: "org-orgNumber",
                label: t("field.orgNumber"),
                hint: t("field.orgNumberHint"),
                error: error("org-orgNumber"),
              }}
              name="orgNumber"
              value={values.orgNumber}
            />
          ) : (
            readOnly(
              t("list.orgNumber"),
              organisation.orgNumber ? formatOrgNumber(organisation.orgNumber) : "–",
            )
          )}
          {can("type") ? (
            <TypeSelect t={t} id="org-type" value={values.type} error={error("org-type")} />
          ) : (
            readOnly(t("field.type"), t(`type.${organisation.type}`))
          )}
          {can("municipalityCodes") ? (
            <div class="ds-field">
              <label class="ds-label" for="org-municipalityCodes">
                {t("field.municipalities")}
              </label>
              <p class="ds-paragraph" data-field="description" id="org-municipalityCodes-hint">
                {t("field.municipalitiesHint")}
              </p>
              <ValidationMessage fieldId="org-municipalityCodes" message={error("org-municipalityCodes")} />
              <select
                class="ds-input"
                id="org-municipalityCodes"
                name="municipalityCodes"
                multiple
                size={12}
                {...describedBy(
                  "org-municipalityCodes",
                  error("org-municipalityCodes"),
                  "org-municipalityCodes-hint",
                )}
              >
                {model.counties.map((county) => (
                  <optgroup label={county.name}>
                    {county.municipalities.map((m) => (
                      <option value={m.code} selected={values.municipalityCodes.includes(m.code)}>
                        {m.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          ) : (
            readOnly(
              t("field.municipalities"),
              organisation.municipalityCodes.map((code) => municipalityNames.get(code) ?? code).join(", ") ||
                t("settings.none"),
            )
          )}
          {(["descriptionSv", "descriptionEn"] as const).map((field) => (
            <div class="ds-field">
              <label class="ds-label" for={`org-${field}`}>
                {t(`field.${field}`)}
              </label>
              <ValidationMessage fieldId={`org-${field}`} message={error(`org-${field}`)} />
              <textarea
                class="ds-input"
                id={`org-${field}`}
                name={field}
                rows={5}
                lang={field === "descriptionSv" ? "sv" : "en"}
                {...describedBy(`org-${field}`, error(`org-${field}`))}
              >
                {values[field]}
              </textarea>
            </div>
          ))}
          <TextInput
            field={{
              id: "org-website",
              label: t("field.website"),
              hint: t("field.websiteHint"),
              error: error("org-website"),
            }}
            name="website"
            type="url"
            value={values.website}
          />
          <div class="lots-actions">
            <button class="ds-button" data-variant="primary" type="submit">
              {t("settings.save")}
            </button>
          </div>
        </form>
      </Section>
    </>,
    status,
  );
}
