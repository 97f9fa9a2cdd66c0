import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { OfferFormValues } from "./offers.form.ts";
import { OfferFields, type OfferFormOptions } from "./offers.form-view.tsx";
import { type OffersMessages, offersMessages } from "./offers.messages.ts";
import type { Offer, OfferHistoryEntry, OfferStatus } from "./offers.schemas.ts";

// The staff pages for offers: the list with the 180-day flag, the new and edit forms, and the history.

type Status = 200 | 400 | 409;
export const OFFERS_PATH = "/admin/erbjudanden";

function OverdueFlag({ t }: { t: OffersMessages }) {
  return (
    <span class="ds-tag" data-color="warning">
      {t("flag.overdue")}
    </span>
  );
}

function verifiedText(t: OffersMessages, offer: Offer): string {
  if (!offer.lastVerifiedAt) return t("verified.never");
  return t("verified.by", { date: formatDate(offer.lastVerifiedAt), name: offer.lastVerifiedBy ?? "–" });
}

export type OfferListModel = {
  offers: Offer[];
  organisationNames: Map<string, string>;
  showOrganisation: boolean;
  canCreate: boolean;
};

/** /admin/erbjudanden: the offers the actor may see, overdue ones flagged. */
export function renderOfferList(c: Context<AppEnv>, model: OfferListModel) {
  const t = offersMessages(c.var.locale);
  const overdue = model.offers.filter((o) => o.verificationOverdue && o.status !== "closed").length;
  return renderPage(
    c,
    t("list.title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{model.showOrganisation ? t("list.introAll") : t("list.intro")}</p>
      {overdue > 0 ? (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">{t("list.overdueCount", { count: overdue })}</p>
        </div>
      ) : null}
      {model.canCreate ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={`${OFFERS_PATH}/nytt`}>
            {t("list.add")}
          </a>
        </p>
      ) : null}
      {model.offers.length === 0 ? (
        <p class="ds-paragraph">{t("list.empty")}</p>
      ) : (
        <TableScroll label={t("list.caption")}>
          <table class="ds-table" data-border="true">
            <caption>{t("list.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.name")}</th>
                {model.showOrganisation ? <th scope="col">{t("list.organisation")}</th> : null}
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("list.verified")}</th>
              </tr>
            </thead>
            <tbody>
              {model.offers.map((offer) => (
                <tr>
                  <td>
                    <a class="ds-link" href={`${OFFERS_PATH}/${offer.id}`}>
                      {offer.name}
                    </a>
                  </td>
                  {model.showOrganisation ? (
                    <td>{model.organisationNames.get(offer.organisationId) ?? "–"}</td>
                  ) : null}
                  <td>{t(`status.${offer.status}`)}</td>
                  <td>
                    {verifiedText(t, offer)} {offer.verificationOverdue ? <OverdueFlag t={t} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>,
  );
}

export type OfferFormModel = {
  values: OfferFormValues;
  errors: FormError[];
  options: OfferFormOptions;
};

/** /admin/erbjudanden/nytt: the form for a new offer. */
export function renderNewOffer(c: Context<AppEnv>, model: OfferFormModel, status: Status = 200) {
  const t = offersMessages(c.var.locale);
  return renderPage(
    c,
    t("create.title"),
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={OFFERS_PATH}>
          {t("edit.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("create.title")}
      </h1>
      <ErrorSummary id="offer-errors" heading={t("errors.heading")} errors={model.errors} />
      <form class="lots-stack" method="post" action={OFFERS_PATH} novalidate>
        <CsrfField token={c.var.csrfToken} />
        <OfferFields
          t={t}
          values={model.values}
          errors={model.errors}
          options={model.options}
          withOrganisation
        />
        <div class="lots-actions">
          <button class="ds-button" data-variant="primary" type="submit">
            {t("create.submit")}
          </button>
        </div>
      </form>
    </>,
    status,
  );
}

const NEXT_STATUSES: Record<
  OfferStatus,
  { status: OfferStatus; key: "status.pause" | "status.activate" | "status.close" }[]
> = {
  active: [
    { status: "paused", key: "status.pause" },
    { status: "closed", key: "status.close" },
  ],
  paused: [
    { status: "active", key: "status.activate" },
    { status: "closed", key: "status.close" },
  ],
  closed: [{ status: "active", key: "status.activate" }],
};

export type OfferEditModel = OfferFormModel & {
  offer: Offer;
  organisationName: string;
  canManage: boolean;
  notice?: string | undefined;
};

/** /admin/erbjudanden/:id: the offer's flag, verification, status and (for managers) the edit form. */
export function renderEditOffer(c: Context<AppEnv>, model: OfferEditModel, status: Status = 200) {
  const t = offersMessages(c.var.locale);
  const { offer } = model;
  const base = `${OFFERS_PATH}/${offer.id}`;
  return renderPage(
    c,
    offer.name,
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={OFFERS_PATH}>
          {t("edit.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {offer.name}
      </h1>
      <p class="ds-paragraph">
        {model.organisationName} · {t(`status.${offer.status}`)}
      </p>
      <Notice message={model.notice} />
      {offer.verificationOverdue ? (
        <div class="ds-alert" data-color="warning" id="offer-overdue">
          <p class="ds-paragraph">
            <OverdueFlag t={t} /> {t("flag.overdueLong")}
          </p>
        </div>
      ) : null}
      <ul class="ds-list">
        <li>
          <a class="ds-link" href={`${base}/historik`}>
            {t("edit.history")}
          </a>
        </li>
        <li>
          <a class="ds-link" href={`/hitta-stod/${offer.id}`}>
            {t("edit.public")}
          </a>
        </li>
      </ul>

      <Section id="offer-verify" heading={t("verify.heading")}>
        <p class="ds-paragraph">{t("verify.text", { when: verifiedText(t, offer) })}</p>
        {model.canManage ? (
          <form method="post" action={`${base}/verifiera`}>
            <CsrfField token={c.var.csrfToken} />
            <button class="ds-button" data-variant="secondary" type="submit">
              {t("verify.submit")}
            </button>
          </form>
        ) : null}
      </Section>

      <Section id="offer-status" heading={t("status.heading")}>
        <p class="ds-paragraph">
          {t("status.current", { status: t(`status.${offer.status}`).toLowerCase() })}
        </p>
        {model.canManage ? (
          <div class="lots-actions">
            {NEXT_STATUSES[offer.status].map((next) => (
              <form method="post" action={`${base}/status`}>
                <CsrfField token={c.var.csrfToken} />
                <input type="hidden" name="status" value={next.status} />
                <button class="ds-button" data-variant="secondary" type="submit">
                  {t(next.key)}
                </button>
              </form>
            ))}
          </div>
        ) : null}
      </Section>

      <Section id="offer-details" heading={t("edit.heading")}>
        {model.canManage ? (
          <>
            <ErrorSummary id="offer-errors" heading={t("errors.heading")} errors={model.errors} />
            <form class="lots-stack" method="post" action={base} novalidate>
              <CsrfField token={c.var.csrfToken} />
              <OfferFields
                t={t}
                values={model.values}
                errors={model.errors}
                options={model.options}
                withOrganisation={false}
              />
              <div class="lots-actions">
                <button class="ds-button" data-variant="primary" type="submit">
                  {t("edit.save")}
                </button>
              </div>
            </form>
          </>
        ) : (
          <>
            <p class="ds-paragraph">{t("edit.readOnly")}</p>
            <p class="ds-paragraph">{offer.summary}</p>
          </>
        )}
      </Section>
    </>,
    status,
  );
}

function showValue(t: OffersMessages, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("value.empty");
  if (Array.isArray(value)) {
    if (value.length === 0) return t("value.empty");
    return value
      .map((item) =>
        item && typeof item === "object"
          ? Object.values(item as Record<string, unknown>)
              .filter((v) => v !== null && v !== "")
              .join(", ")
          : String(item),
      )
      .join("; ");
  }
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDate(new Date(value));
  return String(value);
}

const LABELLED_FIELDS = new Set([
  "organisationId",
  "slug",
  "name",
  "nameEn",
  "summary",
  "summaryEn",
  "description",
  "descriptionEn",
  "formats",
  "themes",
  "eligibleCountyCodes",
  "eligibleMunicipalityCodes",
  "sniInclude",
  "sniExclude",
  "sizeBands",
  "minCompanyAgeYears",
  "maxCompanyAgeYears",
  "conditions",
  "costType",
  "costDescription",
  "amountMinSek",
  "amountMaxSek",
  "capacityTotal",
  "capacityRemaining",
  "capacityNote",
  "validFrom",
  "validTo",
  "applicationProcess",
  "link",
  "status",
  "lastVerifiedAt",
  "lastVerifiedBy",
  "contacts",
]);

/** A history field's label in the user's language (the field's name when there is no label). */
function fieldLabel(t: OffersMessages, field: string): string {
  return LABELLED_FIELDS.has(field) ? t(`field.${field}` as Parameters<OffersMessages>[0]) : field;
}

const formatTime = (date: Date) =>
  new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(date);

/** /admin/erbjudanden/:id/historik: every change, newest first, with each field's old and new value. */
export function renderOfferHistory(c: Context<AppEnv>, offer: Offer, entries: OfferHistoryEntry[]) {
  const t = offersMessages(c.var.locale);
  const title = t("history.title", { name: offer.name });
  return renderPage(
    c,
    title,
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href={`${OFFERS_PATH}/${offer.id}`}>
          {t("history.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{t("history.intro")}</p>
      {entries.length === 0 ? <p class="ds-paragraph">{t("history.empty")}</p> : null}
      {entries.map((entry) => (
        <section class="lots-section" aria-labelledby={`h-${entry.id}`}>
          <h2 class="ds-heading" data-size="xs" id={`h-${entry.id}`}>
            {t(`action.${entry.action}`)}{" "}
            <time datetime={entry.at.toISOString()}>{formatTime(entry.at)}</time> · {entry.actorLabel}
          </h2>
          {Object.keys(entry.changes).length > 0 ? (
            // The old and new values (URLs, lists, ids) wrap anywhere, so three columns fit 320 px.
            <table class="ds-table lots-break" data-border="true">
              <thead>
                <tr>
                  <th scope="col">{t("history.field")}</th>
                  <th scope="col">{t("history.from")}</th>
                  <th scope="col">{t("history.to")}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(entry.changes).map(([field, change]) => (
                  <tr>
                    <th scope="row">{fieldLabel(t, field)}</th>
                    <td>{showValue(t, change.from)}</td>
                    <td>{showValue(t, change.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
    </>,
  );
}
