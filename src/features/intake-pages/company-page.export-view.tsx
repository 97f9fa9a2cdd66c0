import type { Company } from "#src/features/companies/companies.schemas.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import { Section } from "#src/shared/web/form-parts.tsx";
import type { IntakeT, ReviewRow } from "./intake-pages.views.tsx";

// The readable version of the company's export (/mitt-foretag/uppgifter): the same facts as
// /mitt-foretag/export.json, in words. Everything the company typed is shown as text (hono/jsx escapes it).

export type ExportModel = {
  exportedAt: Date;
  company: Company;
  municipality: string | null;
  sizeBand: string | null;
  contacts: { name: string; role: string | null; email: string | null; phone: string | null }[];
  needs: { theme: string; urgency: string; status: string; description: string; createdAt: Date }[];
  answers: { title: string; createdAt: Date; rows: ReviewRow[] }[];
  consents: { kind: string; wordingVersion: string; recordedAt: Date; endedAt: Date | null }[];
  links: { createdAt: Date; expiresAt: Date }[];
};

function Facts({ rows }: { rows: [string, string][] }) {
  return (
    <dl class="lots-answers">
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd class="lots-prewrap">{value || "–"}</dd>
        </>
      ))}
    </dl>
  );
}

function Empty({ t }: { t: IntakeT }) {
  return <p class="ds-paragraph">{t("export.none")}</p>;
}

/** Everything held about the company, as a page. */
export function ExportView({ t, model }: { t: IntakeT; model: ExportModel }) {
  const { company } = model;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("export.title", { company: company.name })}
      </h1>
      <p class="ds-paragraph">{t("export.intro", { date: formatDate(model.exportedAt) })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/mitt-foretag">
          {t("export.back")}
        </a>
        {" · "}
        <a class="ds-link" href="/mitt-foretag/export.json" download>
          {t("page.export.json")}
        </a>
      </p>
      <Section id="export-company" heading={t("export.company")}>
        <Facts
          rows={[
            [t("form.name"), company.name],
            [t("page.orgNumber"), formatOrgNumber(company.orgNumber)],
            [t("form.postalCode"), company.postalCode ?? ""],
            [t("page.municipality"), model.municipality ?? ""],
            [t("form.sni"), company.sniCodes.join(", ")],
            [t("form.sizeBand"), model.sizeBand ?? ""],
            [t("form.foundedYear"), company.foundedYear ? String(company.foundedYear) : ""],
          ]}
        />
      </Section>
      <Section id="export-contacts" heading={t("export.contacts")}>
        {model.contacts.length === 0 ? (
          <Empty t={t} />
        ) : (
          <ul class="ds-list">
            {model.contacts.map((c) => (
              <li>{[c.name, c.role, c.email, c.phone].filter(Boolean).join(", ")}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="export-needs" heading={t("export.needs")}>
        {model.needs.length === 0 ? (
          <Empty t={t} />
        ) : (
          <ul class="ds-list">
            {model.needs.map((need) => (
              <li>
                {`${need.theme} – ${need.urgency} – ${need.status} (${formatDate(need.createdAt)})`}
                {need.description ? <p class="ds-paragraph lots-prewrap">{need.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="export-answers" heading={t("export.answers")}>
        {model.answers.length === 0 ? (
          <Empty t={t} />
        ) : (
          model.answers.map((answer, i) => (
            <section class="ds-card lots-stack" aria-labelledby={`export-answer-${i}`}>
              <h3 class="ds-heading" data-size="2xs" id={`export-answer-${i}`}>
                {`${answer.title} – ${t("export.answer.sent", { date: formatDate(answer.createdAt) })}`}
              </h3>
              <Facts rows={answer.rows.map((row) => [row.question, row.answer])} />
            </section>
          ))
        )}
      </Section>
      <Section id="export-consents" heading={t("export.consents")}>
        {model.consents.length === 0 ? (
          <Empty t={t} />
        ) : (
          <ul class="ds-list">
            {model.consents.map((c) => (
              <li>
                {`${c.kind}: ${t("page.consent.given", { date: formatDate(c.recordedAt), version: c.wordingVersion })}, ${
                  c.endedAt
                    ? t("export.consent.ended", { date: formatDate(c.endedAt) })
                    : t("export.consent.active")
                }`}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="export-links" heading={t("export.links")}>
        <ul class="ds-list">
          {model.links.map((link) => (
            <li>
              {t("export.link.line", {
                created: formatDate(link.createdAt),
                expires: formatDate(link.expiresAt),
              })}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
