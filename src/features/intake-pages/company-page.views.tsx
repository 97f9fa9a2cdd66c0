import type { Company } from "#src/features/companies/companies.schemas.ts";
import type { Consent } from "#src/features/consent/consent.schemas.ts";
import type { Need } from "#src/features/needs/needs.schemas.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import { type Option, Radios, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import type { IntakeT } from "./intake-pages.views.tsx";

// The company's private page (/mitt-foretag): what the network holds about it, its needs and consents, with
// the buttons that change them. Every action is a small form: works without JavaScript.

import type { Locale } from "#src/shared/i18n.ts";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { type CompanyCase, CompanyCasesSection } from "./company-page.cases.tsx";

export type CompanyPageModel = {
  company: Company;
  municipality: string | null;
  contacts: { name: string; role: string | null; email: string | null }[];
  needs: (Need & { themeLabel: string })[];
  consents: Consent[];
  expiresAt: Date;
  notice: string | undefined;
  themes: Option[];
  /** The company's cases (lotsning) as the company may see them. */
  cases: CompanyCase[];
  locale: Locale;
  /** The "new need" form as last sent (kept on error), with its errors. */
  addNeed: { theme: string; urgency: string; description: string; errors: FormError[] };
};

/** The ids of the "new need" form's fields, which its error messages point at. */
export const ADD_NEED_FIELDS = {
  theme: "f-need-theme",
  urgency: "f-need-urgency",
  description: "f-need-description",
} as const;

const URGENCIES = ["now", "within-6-months", "later"] as const;

function AddNeedForm({ t, model, csrfToken }: { t: IntakeT; model: CompanyPageModel; csrfToken: string }) {
  const { addNeed } = model;
  return (
    <form method="post" action="/mitt-foretag/behov" class="lots-stack" id="add-need-form">
      <ErrorSummary id="add-need-errors" heading={t("page.add.errors")} errors={addNeed.errors} />
      <CsrfField token={csrfToken} />
      <Select
        id={ADD_NEED_FIELDS.theme}
        name="theme"
        label={t("page.add.theme")}
        value={addNeed.theme}
        options={[{ value: "", label: t("page.add.theme.none") }, ...model.themes]}
        errors={addNeed.errors}
      />
      <Radios
        id={ADD_NEED_FIELDS.urgency}
        name="urgency"
        legend={t("page.add.urgency")}
        options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
        selected={addNeed.urgency}
        errors={addNeed.errors}
      />
      <TextArea
        id={ADD_NEED_FIELDS.description}
        name="description"
        label={t("page.add.description")}
        value={addNeed.description}
        errors={addNeed.errors}
        rows={4}
      />
      <div>
        <button class="ds-button" type="submit" data-variant="primary">
          {t("page.add.submit")}
        </button>
      </div>
    </form>
  );
}

function ConsentRow(props: {
  t: IntakeT;
  kind: "contact-and-referral" | "statistics";
  active: Consent | undefined;
  csrfToken: string;
}) {
  const { t, kind, active } = props;
  const heading = kind === "statistics" ? t("page.consent.statistics") : t("page.consent.referral");
  const wording = kind === "statistics" ? t("page.consent.statistics.text") : t("page.consent.referral.text");
  const id = `consent-${kind}`;
  return (
    <section class="ds-card lots-stack" aria-labelledby={id}>
      <h3 class="ds-heading" data-size="2xs" id={id}>
        {heading}
      </h3>
      <p class="ds-paragraph">
        {active
          ? t("page.consent.given", { date: formatDate(active.recordedAt), version: active.wordingVersion })
          : t("page.consent.notGiven")}
      </p>
      <form method="post" action="/mitt-foretag/samtycke">
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        {active ? (
          <button class="ds-button" type="submit" name="action" value="withdraw" data-variant="secondary">
            {`${t("page.consent.withdraw")}: ${heading}`}
          </button>
        ) : (
          <>
            <p class="ds-paragraph">{wording}</p>
            <button class="ds-button" type="submit" name="action" value="give" data-variant="secondary">
              {`${t("page.consent.give")}: ${heading}`}
            </button>
          </>
        )}
      </form>
    </section>
  );
}

/** The private page itself. */
export function CompanyPageView({
  t,
  model,
  csrfToken,
}: {
  t: IntakeT;
  model: CompanyPageModel;
  csrfToken: string;
}) {
  const { company } = model;
  const active = (kind: Consent["kind"]) => model.consents.find((c) => c.kind === kind && !c.endedAt);
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("page.title")}
      </h1>
      <Notice message={model.notice} />
      <p class="ds-paragraph">{t("page.intro", { company: company.name })}</p>
      <Section id="company-details" heading={t("page.details")}>
        <dl class="lots-answers">
          <dt>{t("form.name")}</dt>
          <dd>{company.name}</dd>
          <dt>{t("page.orgNumber")}</dt>
          <dd>{formatOrgNumber(company.orgNumber)}</dd>
          <dt>{t("page.municipality")}</dt>
          <dd>{model.municipality ?? "–"}</dd>
        </dl>
        {model.contacts.length > 0 ? (
          <>
            <h3 class="ds-heading" data-size="2xs">
              {t("page.contacts")}
            </h3>
            <ul class="ds-list">
              {model.contacts.map((contact) => (
                <li>{[contact.name, contact.role, contact.email].filter(Boolean).join(", ")}</li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="company-needs" heading={t("page.needs")}>
        {model.needs.length === 0 ? (
          <p class="ds-paragraph">{t("page.needs.none")}</p>
        ) : (
          <TableScroll label={t("page.needs")}>
            <table class="ds-table" data-border>
              <caption class="ds-sr-only">{t("page.needs")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.need.theme")}</th>
                  <th scope="col">{t("page.need.urgency")}</th>
                  <th scope="col">{t("page.need.status")}</th>
                  <th scope="col">{t("page.need.date")}</th>
                  <th scope="col">{t("page.need.action")}</th>
                </tr>
              </thead>
              <tbody>
                {model.needs.map((need) => (
                  <tr>
                    <th scope="row">
                      {need.themeLabel}
                      {need.description ? (
                        <p class="ds-paragraph lots-prewrap" data-size="sm">
                          {need.description}
                        </p>
                      ) : null}
                    </th>
                    <td>{t(`urgency.${need.urgency}`)}</td>
                    <td>{t(`status.${need.status}`)}</td>
                    <td>{formatDate(need.createdAt)}</td>
                    <td>
                      {need.status === "open" || need.status === "no-longer-relevant" ? (
                        <form method="post" action={`/mitt-foretag/behov/${need.id}`}>
                          <CsrfField token={csrfToken} />
                          <button
                            class="ds-button"
                            type="submit"
                            name="status"
                            value={need.status === "open" ? "no-longer-relevant" : "open"}
                            data-variant="tertiary"
                          >
                            {`${t(need.status === "open" ? "page.need.drop" : "page.need.reopen")}: ${need.themeLabel}`}
                          </button>
                        </form>
                      ) : (
                        "–"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <CompanyCasesSection locale={model.locale} cases={model.cases} csrfToken={csrfToken} />
      <Section id="company-add-need" heading={t("page.add")}>
        <AddNeedForm t={t} model={model} csrfToken={csrfToken} />
      </Section>
      <Section id="company-consents" heading={t("page.consents")}>
        <p class="ds-paragraph">{t("page.consent.withdrawHint")}</p>
        <ConsentRow
          t={t}
          kind="contact-and-referral"
          active={active("contact-and-referral")}
          csrfToken={csrfToken}
        />
        <ConsentRow t={t} kind="statistics" active={active("statistics")} csrfToken={csrfToken} />
      </Section>
      <Section id="company-export" heading={t("page.export")}>
        <p class="ds-paragraph">{t("page.export.text")}</p>
        <p class="ds-paragraph">
          <a class="ds-link" href="/mitt-foretag/export.json" download>
            {t("page.export.json")}
          </a>
        </p>
        <p class="ds-paragraph">
          <a class="ds-link" href="/mitt-foretag/uppgifter">
            {t("page.export.readable")}
          </a>
        </p>
      </Section>
      <Section id="company-link" heading={t("page.link")}>
        <p class="ds-paragraph">{t("page.link.expires", { date: formatDate(model.expiresAt) })}</p>
        <div class="lots-actions">
          <form method="post" action="/mitt-foretag/forlang">
            <CsrfField token={csrfToken} />
            <button class="ds-button" type="submit" data-variant="secondary">
              {t("page.link.renew")}
            </button>
          </form>
          <form method="post" action="/mitt-foretag/stang">
            <CsrfField token={csrfToken} />
            <button class="ds-button" type="submit" data-variant="tertiary">
              {t("page.signOut")}
            </button>
          </form>
        </div>
      </Section>
    </div>
  );
}
