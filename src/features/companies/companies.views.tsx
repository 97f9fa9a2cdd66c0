import type { Child } from "hono/jsx";
import type { Consent } from "#src/features/consent/consent.schemas.ts";
import type { Need } from "#src/features/needs/needs.schemas.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import { CsrfField, Notice, Section } from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { Contact } from "./companies.intake.schemas.ts";
import type { companiesMessages } from "./companies.messages.ts";
import type { Company } from "./companies.schemas.ts";

// The company register's staff pages: list, company page (details, contacts, needs, consents, answers) and
// the erasure confirmation. Everything a company typed is rendered as text.

type T = ReturnType<typeof companiesMessages>;

/** The list of companies with a search box. */
export function CompanyListView(props: {
  t: T;
  q: string;
  page: number;
  hasNext: boolean;
  companies: (Company & { municipality: string })[];
}) {
  const { t } = props;
  const href = (page: number) => `/admin/foretag?${new URLSearchParams({ q: props.q, page: String(page) })}`;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("list.title")}
      </h1>
      <p class="ds-paragraph">{t("list.intro")}</p>
      <form method="get" action="/admin/foretag" class="lots-inline-form">
        <label class="ds-label" for="company-q">
          {t("list.search")}
        </label>
        <input class="ds-input" id="company-q" name="q" type="search" value={props.q} />
        <button class="ds-button" type="submit" data-variant="primary">
          {t("list.submit")}
        </button>
      </form>
      {props.companies.length === 0 ? (
        <p class="ds-paragraph">{t("list.none")}</p>
      ) : (
        <TableScroll label={t("list.title")}>
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("list.name")}</th>
                <th scope="col">{t("list.orgNumber")}</th>
                <th scope="col">{t("list.municipality")}</th>
              </tr>
            </thead>
            <tbody>
              {props.companies.map((company) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/admin/foretag/${company.id}`}>
                      {company.name}
                    </a>
                  </th>
                  <td>{company.isSoleTrader ? t("list.soleTrader") : formatOrgNumber(company.orgNumber)}</td>
                  <td>{company.municipality}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav aria-label={t("list.pages")} class="lots-actions">
        {props.page > 1 ? (
          <a class="ds-link" href={href(props.page - 1)}>
            {t("list.prev")}
          </a>
        ) : null}
        {props.hasNext ? (
          <a class="ds-link" href={href(props.page + 1)}>
            {t("list.next")}
          </a>
        ) : null}
      </nav>
    </div>
  );
}

/** What the company page shows. */
export type CompanyPageModel = {
  company: Company;
  municipality: string;
  sizeBand: string;
  contacts: Contact[];
  needs: (Need & { themeLabel: string; urgencyLabel: string; statusLabel: string })[];
  consents: Consent[];
  organisationNames: Map<string, string>;
  /** Each answer with its own version's questions. */
  answers: { id: string; title: string; rows: { question: string; answer: string }[] }[];
  /** Open rounds the user may answer on the company's behalf. */
  onBehalf: { name: string; slug: string }[];
  mayErase: boolean;
  /** The curated fields, in words. */
  curatedLabels: string[];
  /** Pending differences: "the company (or the register) says X, you have Y", and the accept button's text. */
  differences: { id: string; field: string; line: string; accept: string }[];
  notice: string | undefined;
  csrfToken: string;
  /** The matching service's ranked offers for the company's open needs, rendered by that feature. */
  suggestions?: Child;
  /** The company's cases (lotsning) and the link to open one. */
  cases?: Child;
};

function consentLine(t: T, consent: Consent, names: Map<string, string>): string {
  const state = !consent.endedAt
    ? t("page.consent.active")
    : consent.endReason === "withdrawn"
      ? t("page.consent.withdrawn", { date: formatDate(consent.endedAt) })
      : t("page.consent.superseded", { date: formatDate(consent.endedAt) });
  return t("page.consent.line", {
    kind: t(`page.consent.kind.${consent.kind}`),
    state,
    date: formatDate(consent.recordedAt),
    source: consent.source,
    version: consent.wordingVersion,
    by: consent.recordedByLabel,
    scope:
      consent.organisations === "all"
        ? t("page.consent.scope.all")
        : consent.organisations.map((id) => names.get(id) ?? id).join(", "),
  });
}

/** A company's page for navigators and the platform admin. */
export function CompanyPageView({ t, model }: { t: T; model: CompanyPageModel }) {
  const { company } = model;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {company.name}
      </h1>
      <Notice message={model.notice} />
      <Section id="company-details" heading={t("page.details")}>
        <dl class="lots-answers">
          <dt>{t("list.orgNumber")}</dt>
          <dd>{formatOrgNumber(company.orgNumber)}</dd>
          <dt>{t("list.municipality")}</dt>
          <dd>{model.municipality}</dd>
          <dt>{t("page.sizeBand")}</dt>
          <dd>{model.sizeBand}</dd>
          <dt>{t("page.sni")}</dt>
          <dd>{company.sniCodes.length > 0 ? company.sniCodes.join(", ") : (company.sniCode ?? "–")}</dd>
          <dt>{t("page.founded")}</dt>
          <dd>{company.foundedYear ?? "–"}</dd>
        </dl>
        {company.isSoleTrader ? <p class="ds-paragraph">{t("page.soleTrader")}</p> : null}
        <p class="ds-paragraph">
          {model.curatedLabels.length > 0
            ? t("page.curated", { fields: model.curatedLabels.join(", ") })
            : t("page.curated.none")}
        </p>
      </Section>
      <Section id="company-differences" heading={t("page.differences")}>
        {model.differences.length === 0 ? (
          <p class="ds-paragraph">{t("page.differences.none")}</p>
        ) : (
          <>
            <p class="ds-paragraph">{t("page.differences.intro")}</p>
            <ul class="ds-list">
              {model.differences.map((difference) => (
                <li>
                  <p class="ds-paragraph">{difference.line}</p>
                  <form
                    method="post"
                    action={`/admin/foretag/skillnader/${difference.id}`}
                    class="lots-actions"
                  >
                    <CsrfField token={model.csrfToken} />
                    <button
                      class="ds-button"
                      type="submit"
                      name="choice"
                      value="accept"
                      data-variant="secondary"
                    >
                      {difference.accept}
                      <span class="ds-sr-only">{`: ${difference.field}`}</span>
                    </button>
                    <button
                      class="ds-button"
                      type="submit"
                      name="choice"
                      value="keep"
                      data-variant="secondary"
                    >
                      {t("page.difference.keep")}
                      <span class="ds-sr-only">{`: ${difference.field}`}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="company-contacts" heading={t("page.contacts")}>
        {model.contacts.length === 0 ? (
          <p class="ds-paragraph">{t("page.contacts.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.contacts.map((contact) => (
              <li>
                {[contact.name, contact.role, contact.email, contact.phone].filter(Boolean).join(", ")}{" "}
                <a class="ds-link" href={`/admin/foretag/kontakter/${contact.id}/export`}>
                  {t("page.export.readable.contact", { name: contact.name })}
                </a>{" "}
                <a class="ds-link" href={`/admin/foretag/kontakter/${contact.id}/export.json`} download>
                  {t("page.export.contact", { name: contact.name })}
                </a>
                {model.mayErase ? (
                  <>
                    {" "}
                    <a class="ds-link" href={`/admin/foretag/kontakter/${contact.id}/radera`}>
                      {t("page.erase.contact", { name: contact.name })}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="company-needs" heading={t("page.needs")}>
        {model.needs.length === 0 ? (
          <p class="ds-paragraph">{t("page.needs.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.needs.map((need) => (
              <li>
                {`${need.themeLabel} – ${need.urgencyLabel} – ${need.statusLabel} (${formatDate(need.createdAt)})`}
                {need.description ? <p class="ds-paragraph lots-prewrap">{need.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {model.cases}
      {model.suggestions}
      <Section id="company-consents" heading={t("page.consents")}>
        {model.consents.length === 0 ? (
          <p class="ds-paragraph">{t("page.consents.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.consents.map((consent) => (
              <li>{consentLine(t, consent, model.organisationNames)}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="company-answers" heading={t("page.answers")}>
        {model.answers.length === 0 ? (
          <p class="ds-paragraph">{t("page.answers.none")}</p>
        ) : (
          model.answers.map((answer) => (
            <section class="lots-stack" aria-labelledby={`answer-${answer.id}`}>
              <h3 class="ds-heading" data-size="xs" id={`answer-${answer.id}`}>
                {answer.title}
              </h3>
              <dl class="lots-answers">
                {answer.rows.map((row) => (
                  <>
                    <dt>{row.question}</dt>
                    <dd class="lots-prewrap">{row.answer || t("page.answer.noAnswer")}</dd>
                  </>
                ))}
              </dl>
              <p class="ds-paragraph">
                <a class="ds-link" href={`/admin/behov/svar/${answer.id}`}>
                  {t("page.answer.own")}
                  <span class="ds-sr-only">{`: ${answer.title}`}</span>
                </a>
              </p>
            </section>
          ))
        )}
      </Section>
      <Section id="company-on-behalf" heading={t("page.onBehalf")}>
        {model.onBehalf.length === 0 ? (
          <p class="ds-paragraph">{t("page.onBehalf.none")}</p>
        ) : (
          <>
            <p class="ds-paragraph">{t("page.onBehalf.intro")}</p>
            <ul class="ds-list">
              {model.onBehalf.map((campaign) => (
                <li>
                  <a class="ds-link" href={`/behov/${campaign.slug}`}>
                    {t("page.onBehalf.link", { name: campaign.name, slug: campaign.slug })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
      <Section id="company-gdpr" heading={t("page.gdpr")}>
        <p class="ds-paragraph">{t("page.gdpr.intro")}</p>
        <div class="lots-actions">
          <a class="ds-link" href={`/admin/foretag/${company.id}/export`}>
            {t("page.export.readable.company")}
          </a>
          <a class="ds-link" href={`/admin/foretag/${company.id}/export.json`} download>
            {t("page.export.company")}
          </a>
          {model.mayErase ? (
            <a class="ds-link" href={`/admin/foretag/${company.id}/radera`}>
              {t("page.erase.company")}
            </a>
          ) : null}
        </div>
      </Section>
    </div>
  );
}

/** The confirmation before an erasure: what goes, what stays, and the two buttons. */
export function EraseConfirmView(props: {
  t: T;
  name: string;
  text: string;
  action: string;
  cancel: string;
  csrfToken: string;
}) {
  const { t } = props;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("erase.title", { name: props.name })}
      </h1>
      <p class="ds-paragraph">{props.text}</p>
      <form method="post" action={props.action} class="lots-actions">
        <CsrfField token={props.csrfToken} />
        <button class="ds-button" type="submit" data-variant="primary" data-color="danger">
          {t("erase.confirm")}
        </button>
        <a class="ds-link" href={props.cancel}>
          {t("erase.cancel")}
        </a>
      </form>
    </div>
  );
}
