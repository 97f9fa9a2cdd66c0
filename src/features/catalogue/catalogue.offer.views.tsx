import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Offer } from "#src/features/offers/offers.schemas.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { safeHttpUrl } from "#src/shared/web/safe-url.ts";
import {
  ageText,
  amountText,
  capacityText,
  paragraphs,
  type SizeBandInfo,
  sizeText,
  telHref,
  validityText,
} from "./catalogue.format.ts";
import { type CatalogueTranslate, catalogueMessages } from "./catalogue.messages.ts";

// The offer page of "Hitta stöd": everything a company needs to act on one offer — what it is, who can
// get it, what it costs, when, how to apply and whom to contact — and how fresh the information is.

export type OfferPageModel = {
  offer: Offer;
  organisation: { name: string; website: string | null };
  /** Labels in the page's language, in the offer's order. */
  themes: string[];
  formats: string[];
  /** County names, then municipality names; empty means all of Sweden. */
  places: string[];
  /** "C Tillverkning", "25 Tillverkning av metallvaror…" */
  sniInclude: string[];
  sniExclude: string[];
  sizeBands: SizeBandInfo[];
};

/** Labels of "who can get it", in plain words. */
function eligibility(t: CatalogueTranslate, model: OfferPageModel) {
  const { offer } = model;
  const industry: string[] = [];
  if (model.sniInclude.length > 0)
    industry.push(t("elig.industry.only", { list: model.sniInclude.join(", ") }));
  if (model.sniExclude.length > 0)
    industry.push(t("elig.industry.except", { list: model.sniExclude.join(", ") }));
  return {
    area:
      model.places.length === 0
        ? t("elig.area.all")
        : t("elig.area.some", { places: model.places.join(", ") }),
    industry: industry.length === 0 ? t("elig.industry.all") : industry.join(". "),
    size: sizeText(t, offer.sizeBands, model.sizeBands),
    age: ageText(t, offer.minCompanyAgeYears, offer.maxCompanyAgeYears),
  };
}

function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <>
      {paragraphs(text).map((p) => (
        <p class="ds-paragraph" lang={lang}>
          {p}
        </p>
      ))}
    </>
  );
}

function Fact({ label, children, lang }: { label: string; children: Child; lang?: string | undefined }) {
  return (
    <li>
      <strong>{label}:</strong> <span lang={lang}>{children}</span>
    </li>
  );
}

/** The offer page, in English where the offer has English text; Swedish text is marked lang="sv". */
export function renderOfferPage(c: Context<AppEnv>, model: OfferPageModel) {
  const locale = c.var.locale;
  const t = catalogueMessages(locale);
  const { offer, organisation } = model;
  const en = locale === "en";
  // Texts the offer has only in Swedish carry lang="sv" on an English page, so screen readers switch voice.
  const svOnly = en ? "sv" : undefined;
  const text = (sv: string, english: string | null) =>
    en && english ? { value: english, lang: undefined } : { value: sv, lang: svOnly };
  const name = text(offer.name, offer.nameEn);
  const summary = text(offer.summary, offer.summaryEn);
  const description = text(offer.description, offer.descriptionEn);
  const who = eligibility(t, model);
  const amount = amountText(t, offer.amountMinSek, offer.amountMaxSek);
  const verifiedAt = offer.lastVerifiedAt ? formatDate(offer.lastVerifiedAt) : null;
  const verifiedBy =
    offer.lastVerifiedBy && !["demo", "import"].includes(offer.lastVerifiedBy) ? offer.lastVerifiedBy : null;

  return renderPage(
    c,
    name.value,
    <article class="lots-prose">
      <p class="ds-paragraph" data-size="sm">
        <a class="ds-link" href="/hitta-stod">
          {t("offer.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg" lang={name.lang}>
        {name.value}
      </h1>
      <p class="ds-paragraph" data-size="lg" lang={summary.lang}>
        {summary.value}
      </p>
      <p class="ds-paragraph">{t("offer.from", { organisation: organisation.name })}</p>
      {en && !offer.nameEn && !offer.descriptionEn ? (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("offer.swedishOnly")}</p>
        </div>
      ) : null}

      <h2 class="ds-heading" data-size="sm">
        {t("offer.about")}
      </h2>
      <Paragraphs text={description.value} lang={description.lang} />
      <ul class="ds-list">
        {/* Semicolons: some theme labels contain commas themselves. */}
        <Fact label={t("offer.themes")}>{model.themes.join("; ")}</Fact>
        <Fact label={t("offer.formats")}>{model.formats.join("; ")}</Fact>
      </ul>

      <h2 class="ds-heading" data-size="sm">
        {t("offer.forWhom")}
      </h2>
      <ul class="ds-list">
        <Fact label={t("elig.area")}>{who.area}</Fact>
        <Fact label={t("elig.industry")}>{who.industry}</Fact>
        <Fact label={t("elig.size")}>{who.size}</Fact>
        <Fact label={t("elig.age")}>{who.age}</Fact>
        {offer.conditions ? (
          <Fact label={t("elig.conditions")} lang={svOnly}>
            {offer.conditions}
          </Fact>
        ) : null}
      </ul>

      <h2 class="ds-heading" data-size="sm">
        {t("offer.cost")}
      </h2>
      <ul class="ds-list">
        <Fact label={t("facet.cost")}>{t(`cost.${offer.costType}`)}</Fact>
        {amount ? <Fact label={t("amount.label")}>{amount}</Fact> : null}
      </ul>
      {offer.costDescription ? <Paragraphs text={offer.costDescription} lang={svOnly} /> : null}

      <h2 class="ds-heading" data-size="sm">
        {t("offer.when")}
      </h2>
      <ul class="ds-list">
        <Fact label={t("capacity.label")}>
          {capacityText(t, offer.capacityTotal, offer.capacityRemaining)}
        </Fact>
        <Fact label={t("validity.label")}>{validityText(t, offer.validFrom, offer.validTo)}</Fact>
      </ul>
      {offer.capacityNote ? <Paragraphs text={offer.capacityNote} lang={svOnly} /> : null}

      <h2 class="ds-heading" data-size="sm">
        {t("offer.apply")}
      </h2>
      {offer.applicationProcess ? (
        <Paragraphs text={offer.applicationProcess} lang={svOnly} />
      ) : (
        <p class="ds-paragraph">{t("offer.apply.none")}</p>
      )}
      {safeHttpUrl(offer.link) ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={safeHttpUrl(offer.link) ?? undefined}>
            {t("offer.link", { organisation: organisation.name })}
          </a>
        </p>
      ) : null}

      <h2 class="ds-heading" data-size="sm" id="offer-contacts">
        {t("offer.contacts")}
      </h2>
      {offer.contacts.length === 0 ? (
        <p class="ds-paragraph">{t("contact.none", { organisation: organisation.name })}</p>
      ) : (
        <ul class="lots-grid" aria-labelledby="offer-contacts">
          {offer.contacts.map((contact) => {
            const tel = contact.phone ? telHref(contact.phone) : null;
            return (
              <li>
                <div class="ds-card lots-card">
                  <h3 class="ds-heading" data-size="xs">
                    {contact.name}
                  </h3>
                  {contact.title ? (
                    <p class="ds-paragraph" lang={svOnly}>
                      {contact.title}
                    </p>
                  ) : null}
                  {contact.email ? (
                    <p class="ds-paragraph">
                      {t("contact.email")}:{" "}
                      <a class="ds-link" href={`mailto:${contact.email}`}>
                        {contact.email}
                      </a>
                    </p>
                  ) : null}
                  {contact.phone ? (
                    <p class="ds-paragraph">
                      {t("contact.phone")}:{" "}
                      {tel ? (
                        <a class="ds-link" href={tel}>
                          {contact.phone}
                        </a>
                      ) : (
                        contact.phone
                      )}
                    </p>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <h2 class="ds-heading" data-size="sm">
        {t("offer.organisation")}
      </h2>
      <p class="ds-paragraph">{organisation.name}</p>
      {safeHttpUrl(organisation.website) ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={safeHttpUrl(organisation.website) ?? undefined}>
            {t("organisation.website", { organisation: organisation.name })}
          </a>
        </p>
      ) : null}

      <p class="ds-paragraph" data-size="sm">
        {verifiedAt
          ? verifiedBy
            ? t("offer.verifiedBy", { date: verifiedAt, by: verifiedBy })
            : t("offer.verified", { date: verifiedAt })
          : t("offer.notVerified")}
      </p>
      {offer.verificationOverdue ? (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("offer.overdue")}</p>
        </div>
      ) : null}
    </article>,
  );
}

/** The 404 page for an offer that does not exist or is not public, with the way back to the search. */
export function renderOfferNotFound(c: Context<AppEnv>) {
  const t = catalogueMessages(c.var.locale);
  return renderPage(
    c,
    t("notFound.title"),
    <div class="lots-prose">
      <h1 class="ds-heading" data-size="lg">
        {t("notFound.title")}
      </h1>
      <p class="ds-paragraph">{t("notFound.body")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/hitta-stod">
          {t("notFound.back")}
        </a>
      </p>
    </div>,
    404,
  );
}
