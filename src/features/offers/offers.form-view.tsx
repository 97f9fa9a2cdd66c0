import { Checkboxes, Fieldset, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { describedBy, type FormError, fieldError, ValidationMessage } from "#src/shared/web/form-parts.tsx";
import type { OfferFormValues } from "./offers.form.ts";
import type { OffersMessages } from "./offers.messages.ts";
import { OfferCostType } from "./offers.schemas.ts";

// The offer form's fields, shared by the new and the edit page. Plain HTML controls: works without JavaScript.

/** The choices the form offers, read from the reference lists and the actor's organisations. */
export type OfferFormOptions = {
  organisations: Option[];
  themes: Option[];
  formats: Option[];
  sizeBands: Option[];
  counties: { code: string; name: string; municipalities: Option[] }[];
};

type Props = { t: OffersMessages; values: OfferFormValues; errors: FormError[] };

/** Every field of an offer, grouped; `withOrganisation` adds the organisation choice (new offers only). */
export function OfferFields({
  t,
  values,
  errors,
  options,
  withOrganisation,
}: Props & { options: OfferFormOptions; withOrganisation: boolean }) {
  const input = (name: keyof OfferFormValues, extra: Partial<Parameters<typeof Input>[0]> = {}) => (
    <Input
      id={`offer-${name}`}
      name={name}
      label={t(`field.${name}` as Parameters<OffersMessages>[0])}
      value={values[name] as string}
      errors={errors}
      {...extra}
    />
  );
  const area = (name: "eligibleCountyCodes" | "eligibleMunicipalityCodes") => {
    const id = `offer-${name}`;
    const error = fieldError(errors, id);
    const groups =
      name === "eligibleCountyCodes"
        ? [{ label: undefined, options: options.counties.map((c) => ({ value: c.code, label: c.name })) }]
        : options.counties.map((c) => ({ label: c.name, options: c.municipalities }));
    return (
      <div class="ds-field">
        <label class="ds-label" for={id}>
          {t(`field.${name}`)}
        </label>
        <ValidationMessage fieldId={id} message={error} />
        <select
          class="ds-input"
          id={id}
          name={name}
          multiple
          size={8}
          {...describedBy(id, error, "offer-area-hint")}
        >
          {groups.map((g) =>
            g.label ? (
              <optgroup label={g.label}>
                {g.options.map((o) => (
                  <option value={o.value} selected={values[name].includes(o.value)}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              g.options.map((o) => (
                <option value={o.value} selected={values[name].includes(o.value)}>
                  {o.label}
                </option>
              ))
            ),
          )}
        </select>
      </div>
    );
  };
  return (
    <>
      <Fieldset legend={t("section.basics")}>
        {withOrganisation ? (
          <Select
            id="offer-organisationId"
            name="organisationId"
            label={t("field.organisationId")}
            value={values.organisationId}
            options={options.organisations}
            errors={errors}
          />
        ) : null}
        {input("name")}
        {input("nameEn", { lang: "en" })}
        {input("slug", { hint: t("field.slugHint") })}
        <TextArea
          id="offer-summary"
          name="summary"
          label={t("field.summary")}
          value={values.summary}
          errors={errors}
          rows={2}
        />
        <TextArea
          id="offer-summaryEn"
          name="summaryEn"
          label={t("field.summaryEn")}
          value={values.summaryEn}
          errors={errors}
          rows={2}
          lang="en"
        />
        <TextArea
          id="offer-description"
          name="description"
          label={t("field.description")}
          value={values.description}
          errors={errors}
          rows={6}
        />
        <TextArea
          id="offer-descriptionEn"
          name="descriptionEn"
          label={t("field.descriptionEn")}
          value={values.descriptionEn}
          errors={errors}
          rows={6}
          lang="en"
        />
      </Fieldset>
      <Fieldset legend={t("section.classification")}>
        <Checkboxes
          id="offer-formats"
          name="formats"
          legend={t("field.formats")}
          options={options.formats}
          selected={values.formats}
          errors={errors}
        />
        <Checkboxes
          id="offer-themes"
          name="themes"
          legend={t("field.themes")}
          options={options.themes}
          selected={values.themes}
          errors={errors}
        />
      </Fieldset>
      <Fieldset legend={t("section.eligibility")}>
        <p class="ds-paragraph" data-field="description" id="offer-area-hint">
          {t("field.areaHint")}
        </p>
        {area("eligibleCountyCodes")}
        {area("eligibleMunicipalityCodes")}
        {input("sniInclude", { hint: t("field.sniHint") })}
        {input("sniExclude", { hint: t("field.sniHint") })}
        <Checkboxes
          id="offer-sizeBands"
          name="sizeBands"
          legend={t("field.sizeBands")}
          hint={t("field.sizeBandsHint")}
          options={options.sizeBands}
          selected={values.sizeBands}
          errors={errors}
        />
        {input("minCompanyAgeYears", { inputmode: "numeric" })}
        {input("maxCompanyAgeYears", { inputmode: "numeric" })}
        <TextArea
          id="offer-conditions"
          name="conditions"
          label={t("field.conditions")}
          value={values.conditions}
          errors={errors}
          rows={3}
        />
      </Fieldset>
      <Fieldset legend={t("section.cost")}>
        <Select
          id="offer-costType"
          name="costType"
          label={t("field.costType")}
          value={values.costType}
          options={OfferCostType.options.map((v) => ({ value: v, label: t(`cost.${v}`) }))}
          errors={errors}
        />
        {input("costDescription")}
        {input("amountMinSek", { inputmode: "numeric" })}
        {input("amountMaxSek", { inputmode: "numeric" })}
        {input("capacityTotal", { inputmode: "numeric", hint: t("field.capacityHint") })}
        {input("capacityRemaining", { inputmode: "numeric" })}
        {input("capacityNote")}
      </Fieldset>
      <Fieldset legend={t("section.process")}>
        <TextArea
          id="offer-applicationProcess"
          name="applicationProcess"
          label={t("field.applicationProcess")}
          value={values.applicationProcess}
          errors={errors}
          rows={3}
        />
        {input("link", { type: "url" })}
        {input("validFrom", { type: "date" })}
        {input("validTo", { type: "date" })}
      </Fieldset>
      <Fieldset legend={t("section.contacts")}>
        <p class="ds-paragraph" data-field="description">
          {t("section.contactsHint")}
        </p>
        {values.contacts.map((contact, i) => (
          <fieldset class="ds-fieldset lots-stack">
            <legend class="ds-label">{t("field.contactLegend", { n: i + 1 })}</legend>
            {(["name", "title", "email", "phone"] as const).map((key) => (
              <Input
                id={`offer-contacts-${i}-${key}`}
                name={`contacts.${i}.${key}`}
                label={t(
                  `field.contact${key[0]!.toUpperCase()}${key.slice(1)}` as Parameters<OffersMessages>[0],
                )}
                value={contact[key]}
                errors={errors}
                type={key === "email" ? "email" : key === "phone" ? "tel" : "text"}
                autocomplete="off"
              />
            ))}
          </fieldset>
        ))}
      </Fieldset>
    </>
  );
}
