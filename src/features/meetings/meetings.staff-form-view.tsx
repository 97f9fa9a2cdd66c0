import { Checkboxes, Fieldset, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type FormError,
  fieldError,
  ValidationMessage,
} from "#src/shared/web/form-parts.tsx";
import type { MeetingFormValues } from "./meetings.staff-form.ts";
import type { MeetingsStaffT } from "./meetings.staff-messages.ts";

// The meeting form (new, edit, clone): plain HTML controls grouped in fieldsets, each error next to its
// field and in the summary at the top. Works without JavaScript: speakers are a fixed number of rows.

/** A labelled group of choices (an optgroup, or a fieldset of checkboxes). */
export type OptionGroup = { label: string; options: Option[] };

/** The choices the form offers. */
export type MeetingFormOptions = {
  /** The organisations the actor may organise meetings for. */
  organisers: Option[];
  /** Every organisation of the network (presenters, speakers). */
  organisations: Option[];
  /** Municipalities grouped by county; the counties themselves. */
  municipalities: OptionGroup[];
  counties: Option[];
  themes: Option[];
  /** Active offers grouped by organisation. */
  offers: OptionGroup[];
  /** Published needs surveys grouped by organisation. */
  surveys: OptionGroup[];
  /** The pack's survey choice (`pack:<id>`), when the meeting starts from a pack with a template. */
  packSurvey: Option | undefined;
};

/** What the form page shows. */
export type MeetingFormModel = {
  mode: "new" | "edit" | "clone";
  heading: string;
  action: string;
  back: { href: string; label: string };
  values: MeetingFormValues;
  errors: FormError[];
  options: MeetingFormOptions;
  /** The organiser's name when it cannot be changed (editing). */
  organiserName?: string;
  /** The pack the meeting started from. */
  packName?: string;
  csrfToken: string;
};

/** A select with an empty first choice and optgroups. */
function GroupedSelect(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  empty: string;
  groups: OptionGroup[];
  extra?: Option | undefined;
  errors: FormError[];
  hint?: string;
}) {
  const error = fieldError(props.errors, props.id);
  const hint = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div class="ds-field">
      <label class="ds-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="ds-paragraph" data-field="description" id={hint}>
          {props.hint}
        </p>
      ) : null}
      <ValidationMessage fieldId={props.id} message={error} />
      <select class="ds-input" id={props.id} name={props.name} {...describedBy(props.id, error, hint)}>
        <option value="" selected={props.value === ""}>
          {props.empty}
        </option>
        {props.extra ? (
          <option value={props.extra.value} selected={props.value === props.extra.value}>
            {props.extra.label}
          </option>
        ) : null}
        {props.groups.map((group) => (
          <optgroup label={group.label}>
            {group.options.map((o) => (
              <option value={o.value} selected={o.value === props.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/** Checkboxes in groups (offers by organisation); the first box carries the field's id for the error link. */
function GroupedCheckboxes(props: {
  id: string;
  name: string;
  legend: string;
  groups: OptionGroup[];
  selected: string[];
  errors: FormError[];
}) {
  const error = fieldError(props.errors, props.id);
  let first = true;
  return (
    <fieldset class="ds-fieldset lots-stack" {...describedBy(props.id, error)}>
      <legend class="ds-label">{props.legend}</legend>
      <ValidationMessage fieldId={props.id} message={error} />
      {props.groups.map((group) => (
        <fieldset class="ds-fieldset">
          <legend class="ds-label" data-weight="regular">
            {group.label}
          </legend>
          {group.options.map((option) => {
            const id = first ? props.id : `${props.id}-${option.value}`;
            first = false;
            return (
              <div class="ds-field">
                <input
                  class="ds-input"
                  type="checkbox"
                  id={id}
                  name={props.name}
                  value={option.value}
                  checked={props.selected.includes(option.value)}
                />
                <label class="ds-label" data-weight="regular" for={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </fieldset>
  );
}

/** How many speaker rows to draw: the filled ones and two empty ones, at least three. */
function speakerRows(values: MeetingFormValues) {
  const rows = [...values.speakers];
  const wanted = Math.max(3, rows.length + 2);
  while (rows.length < wanted) rows.push({ name: "", role: "", organisationId: "" });
  return rows;
}

/** The whole meeting form page body. */
export function MeetingFormView({ t, model }: { t: MeetingsStaffT; model: MeetingFormModel }) {
  const { values, errors, options } = model;
  const input = (
    name:
      | "title"
      | "date"
      | "time"
      | "durationMinutes"
      | "onlineUrl"
      | "place"
      | "capacity"
      | "registrationDeadline"
      | "sniCodes",
    extra: Partial<Parameters<typeof Input>[0]> = {},
  ) => (
    <Input
      id={`meeting-${name}`}
      name={name}
      label={t(`field.${name}`)}
      value={values[name]}
      errors={errors}
      {...extra}
    />
  );
  const submit =
    model.mode === "edit" ? t("form.save") : model.mode === "clone" ? t("form.clone") : t("form.create");
  return (
    <div class="lots-stack">
      <p class="ds-paragraph">
        <a class="ds-link" href={model.back.href}>
          {model.back.label}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {model.heading}
      </h1>
      {model.mode === "clone" ? <p class="ds-paragraph">{t("form.cloneNote")}</p> : null}
      {model.packName ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("form.fromPack", { name: model.packName })}</p>
        </div>
      ) : null}
      <ErrorSummary id="meeting-errors" heading={t("form.errors")} errors={errors} />
      <form class="lots-stack" id="meeting-form" method="post" action={model.action} novalidate>
        <CsrfField token={model.csrfToken} />
        <input type="hidden" name="packId" value={values.packId} />
        <Fieldset legend={t("form.section.basics")}>
          {model.organiserName !== undefined ? (
            <p class="ds-paragraph">{t("field.organiserFixed", { name: model.organiserName })}</p>
          ) : (
            <Select
              id="meeting-organisationId"
              name="organisationId"
              label={t("field.organisationId")}
              value={values.organisationId}
              options={options.organisers}
              errors={errors}
            />
          )}
          {input("title")}
          <TextArea
            id="meeting-description"
            name="description"
            label={t("field.description")}
            value={values.description}
            errors={errors}
            rows={4}
          />
        </Fieldset>
        <Fieldset legend={t("form.section.audience")}>
          <p class="ds-paragraph" data-field="description">
            {t("field.areaHint")}
          </p>
          <GroupedSelect
            id="meeting-municipalityCode"
            name="municipalityCode"
            label={t("field.municipalityCode")}
            value={values.municipalityCode}
            empty={t("field.noMunicipality")}
            groups={options.municipalities}
            errors={errors}
          />
          <Select
            id="meeting-countyCode"
            name="countyCode"
            label={t("field.countyCode")}
            value={values.countyCode}
            options={[{ value: "", label: t("field.noCounty") }, ...options.counties]}
            errors={errors}
          />
          {input("sniCodes", { hint: t("field.sniHint"), inputmode: undefined })}
          <Checkboxes
            id="meeting-themes"
            name="themes"
            legend={t("field.themes")}
            options={options.themes}
            selected={values.themes}
            errors={errors}
          />
        </Fieldset>
        <Fieldset legend={t("form.section.time")}>
          {input("date", { type: "date" })}
          {input("time", { type: "time", hint: t("field.timeHint") })}
          {input("durationMinutes", { inputmode: "numeric" })}
          {input("place", { hint: t("field.placeHint") })}
          {input("onlineUrl", { type: "url" })}
          {input("capacity", { inputmode: "numeric", hint: t("field.capacityHint") })}
          {input("registrationDeadline", { type: "datetime-local", hint: t("field.deadlineHint") })}
        </Fieldset>
        <Fieldset legend={t("form.section.programme")}>
          <TextArea
            id="meeting-agenda"
            name="agenda"
            label={t("field.agenda")}
            hint={t("field.agendaHint")}
            value={values.agenda}
            errors={errors}
            rows={6}
          />
          <Checkboxes
            id="meeting-organisationIds"
            name="organisationIds"
            legend={t("field.organisationIds")}
            options={options.organisations}
            selected={values.organisationIds}
            errors={errors}
          />
          <fieldset class="ds-fieldset lots-stack">
            <legend class="ds-label">{t("field.speakers")}</legend>
            <p class="ds-paragraph" data-field="description">
              {t("field.speakersHint")}
            </p>
            {speakerRows(values).map((speaker, i) => (
              <fieldset class="ds-fieldset lots-stack">
                <legend class="ds-label" data-weight="regular">
                  {t("field.speaker", { n: i + 1 })}
                </legend>
                <Input
                  id={`meeting-speakers-${i}-name`}
                  name={`speakers.${i}.name`}
                  label={t("field.speakerName")}
                  value={speaker.name}
                  errors={errors}
                  autocomplete="off"
                />
                <Input
                  id={`meeting-speakers-${i}-role`}
                  name={`speakers.${i}.role`}
                  label={t("field.speakerRole")}
                  value={speaker.role}
                  errors={errors}
                  autocomplete="off"
                />
                <Select
                  id={`meeting-speakers-${i}-organisationId`}
                  name={`speakers.${i}.organisationId`}
                  label={t("field.speakerOrganisation")}
                  value={speaker.organisationId}
                  options={[{ value: "", label: t("field.noOrganisation") }, ...options.organisations]}
                  errors={errors}
                />
              </fieldset>
            ))}
          </fieldset>
        </Fieldset>
        <Fieldset legend={t("form.section.followUp")}>
          <GroupedCheckboxes
            id="meeting-offerIds"
            name="offerIds"
            legend={t("field.offerIds")}
            groups={options.offers}
            selected={values.offerIds}
            errors={errors}
          />
          <GroupedSelect
            id="meeting-surveyId"
            name="surveyId"
            label={t("field.surveyId")}
            hint={t("field.surveyHint")}
            value={values.surveyId}
            empty={t("field.noSurvey")}
            extra={options.packSurvey}
            groups={options.surveys}
            errors={errors}
          />
        </Fieldset>
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {submit}
          </button>
        </div>
      </form>
    </div>
  );
}
