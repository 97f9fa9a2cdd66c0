import type { Locale } from "#src/shared/i18n.ts";
import { pick } from "#src/shared/i18n.ts";
import { Checkboxes, Fieldset, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import type { packsMessages } from "./packs.messages.ts";
import type { IndustryPack } from "./packs.schemas.ts";

// The industry pack pages: the list, one pack (what it holds, and starting a meeting or a survey round from
// it) and the form that creates or edits a pack. Plain forms that work without JavaScript; every field
// labelled, each error beside its field and in a summary at the top.

type T = ReturnType<typeof packsMessages>;

/** The packs, with a link to create one for those who may. */
export function PackListView(props: { t: T; locale: Locale; packs: IndustryPack[]; mayCreate: boolean }) {
  const { t } = props;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      {props.mayCreate ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/paket/ny">
            {t("list.new")}
          </a>
        </p>
      ) : null}
      {props.packs.length === 0 ? (
        <p class="ds-paragraph">{t("list.none")}</p>
      ) : (
        <ul class="ds-list">
          {props.packs.map((pack) => (
            <li>
              <a class="ds-link" href={`/admin/paket/${pack.slug}`}>
                {pick(props.locale, pack.nameSv, pack.nameEn)}
              </a>{" "}
              ({t("list.sni", { codes: pack.sniCodes.join(", ") })})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A group of offers of one organisation, for the offer checkboxes. */
export type OfferGroup = { organisation: string; offers: Option[] };

/** What the pack form needs: the typed values, the choices and the errors. */
export type PackFormModel = {
  heading: string;
  action: string;
  submit: string;
  cancelHref: string;
  values: Record<string, string>;
  themes: string[];
  offerIds: string[];
  themeOptions: Option[];
  surveyOptions: Option[];
  offerGroups: OfferGroup[];
  errors: FormError[];
  csrfToken: string;
};

/** Creates or edits a pack. */
export function PackFormView({ t, model }: { t: T; model: PackFormModel }) {
  const { values, errors } = model;
  const field = (name: string, label: string, hint?: string) => (
    <Input
      id={`p-${name}`}
      name={name}
      label={label}
      value={values[name] ?? ""}
      errors={errors}
      {...(hint ? { hint } : {})}
    />
  );
  const area = (name: string, label: string, lang?: string) => (
    <TextArea
      id={`p-${name}`}
      name={name}
      label={label}
      value={values[name] ?? ""}
      errors={errors}
      rows={3}
      {...(lang ? { lang } : {})}
    />
  );
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {model.heading}
      </h1>
      <ErrorSummary id="pack-errors" heading={t("form.errors")} errors={errors} />
      <form method="post" action={model.action} class="lots-stack">
        <CsrfField token={model.csrfToken} />
        {field("nameSv", t("form.nameSv"))}
        <Input
          id="p-nameEn"
          name="nameEn"
          label={t("form.nameEn")}
          value={values.nameEn ?? ""}
          errors={errors}
          lang="en"
        />
        {field("slug", t("form.slug"), t("form.slug.hint"))}
        {area("descriptionSv", t("form.descriptionSv"))}
        {area("descriptionEn", t("form.descriptionEn"), "en")}
        {field("sniCodes", t("form.sniCodes"), t("form.sniCodes.hint"))}
        <Checkboxes
          id="p-themes"
          name="themes"
          legend={t("form.themes")}
          hint={t("form.themes.hint")}
          options={model.themeOptions}
          selected={model.themes}
          errors={errors}
        />
        <Select
          id="p-surveyId"
          name="surveyId"
          label={t("form.survey")}
          value={values.surveyId ?? ""}
          options={[{ value: "", label: t("form.survey.none") }, ...model.surveyOptions]}
          errors={errors}
        />
        <p class="ds-paragraph">{t("form.survey.hint")}</p>
        <Fieldset legend={t("form.offers")}>
          <p class="ds-paragraph">{t("form.offers.hint")}</p>
          {model.offerGroups.map((group, i) => (
            <Checkboxes
              id={i === 0 ? "p-offerIds" : `p-offerIds-${i}`}
              name="offerIds"
              legend={group.organisation}
              options={group.offers}
              selected={model.offerIds}
              errors={i === 0 ? errors : []}
            />
          ))}
        </Fieldset>
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {model.submit}
          </button>
          <a class="ds-link" href={model.cancelHref}>
            {t("form.cancel")}
          </a>
        </div>
      </form>
    </div>
  );
}

/** What a pack's page shows, with names resolved by the route. */
export type PackPageModel = {
  pack: IndustryPack;
  locale: Locale;
  sni: { code: string; name: string }[];
  survey: { name: string; organisation: string; href: string | undefined } | undefined;
  themes: string[];
  offers: { name: string; organisation: string; href: string }[];
  mayEdit: boolean;
  /** The round form, when the user runs surveys for some organisation. */
  campaign:
    | {
        organisations: Option[];
        municipalities: Option[];
        values: Record<string, string>;
        errors: FormError[];
      }
    | undefined;
  notice: string | undefined;
  csrfToken: string;
};

/** One pack: its industries, survey, themes and offers, and starting a meeting or a survey round from it. */
export function PackPageView({ t, model }: { t: T; model: PackPageModel }) {
  const { pack, locale } = model;
  const description = pick(locale, pack.descriptionSv, pack.descriptionEn);
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {pick(locale, pack.nameSv, pack.nameEn)}
      </h1>
      <Notice message={model.notice} />
      {description ? <p class="ds-paragraph">{description}</p> : null}
      {model.mayEdit ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`/admin/paket/${pack.slug}/redigera`}>
            {t("page.edit")}
          </a>
        </p>
      ) : null}
      <Section id="pack-sni" heading={t("page.sni")}>
        <ul class="ds-list">
          {model.sni.map((s) => (
            <li>
              <code>{s.code}</code> {s.name}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="pack-survey" heading={t("page.survey")}>
        <p class="ds-paragraph">
          {model.survey ? (
            model.survey.href ? (
              <a class="ds-link" href={model.survey.href}>
                {t("page.survey.owner", { name: model.survey.name, organisation: model.survey.organisation })}
              </a>
            ) : (
              t("page.survey.owner", { name: model.survey.name, organisation: model.survey.organisation })
            )
          ) : (
            t("page.survey.none")
          )}
        </p>
      </Section>
      <Section id="pack-themes" heading={t("page.themes")}>
        {model.themes.length === 0 ? (
          <p class="ds-paragraph">{t("page.themes.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.themes.map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="pack-offers" heading={t("page.offers")}>
        {model.offers.length === 0 ? (
          <p class="ds-paragraph">{t("page.offers.none")}</p>
        ) : (
          <ol class="ds-list">
            {model.offers.map((offer) => (
              <li>
                <a class="ds-link" href={offer.href}>
                  {offer.name}
                </a>{" "}
                ({offer.organisation})
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section id="pack-start" heading={t("page.start")}>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="secondary" href={`/admin/traffar/ny?paket=${pack.slug}`}>
            {t("page.startMeeting")}
          </a>
        </p>
        {model.campaign ? <CampaignForm t={t} model={model} /> : null}
      </Section>
      <p class="ds-paragraph">
        <a class="ds-link" href="/admin/paket">
          {t("page.back")}
        </a>
      </p>
    </div>
  );
}

function CampaignForm({ t, model }: { t: T; model: PackPageModel }) {
  const campaign = model.campaign!;
  const { values, errors } = campaign;
  const field = (name: string, label: string, hint?: string, type?: string) => (
    <Input
      id={`c-${name}`}
      name={name}
      label={label}
      value={values[name] ?? ""}
      errors={errors}
      {...(hint ? { hint } : {})}
      {...(type ? { type } : {})}
    />
  );
  const [only] = campaign.organisations;
  return (
    <section class="lots-stack" aria-labelledby="pack-campaign">
      <h3 class="ds-heading" data-size="xs" id="pack-campaign">
        {t("page.startCampaign")}
      </h3>
      <p class="ds-paragraph">{t("page.startCampaign.intro")}</p>
      <ErrorSummary id="campaign-errors" heading={t("campaign.errors")} errors={errors} />
      <form method="post" action={`/admin/paket/${model.pack.slug}/enkatomgang`} class="lots-stack">
        <CsrfField token={model.csrfToken} />
        {campaign.organisations.length === 1 && only ? (
          <>
            <input type="hidden" name="organisationId" value={only.value} />
            <p class="ds-paragraph">{t("campaign.organisation.one", { name: only.label })}</p>
          </>
        ) : (
          <Select
            id="c-organisationId"
            name="organisationId"
            label={t("campaign.organisation")}
            value={values.organisationId ?? ""}
            options={campaign.organisations}
            errors={errors}
          />
        )}
        {field("name", t("campaign.name"))}
        {field("slug", t("campaign.slug"), t("campaign.slug.hint"))}
        <Select
          id="c-municipalityCodes"
          name="municipalityCodes"
          label={t("campaign.municipality")}
          value={values.municipalityCodes ?? ""}
          options={[{ value: "", label: t("campaign.municipality.none") }, ...campaign.municipalities]}
          errors={errors}
        />
        {field("opensAt", t("campaign.opens"), undefined, "date")}
        {field("closesAt", t("campaign.closes"), undefined, "date")}
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("campaign.create")}
          </button>
        </div>
      </form>
    </section>
  );
}
