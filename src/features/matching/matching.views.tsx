import { formatNumber } from "#src/shared/i18n.ts";
import { Checkboxes, Input, type Option, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError } from "#src/shared/web/form-parts.tsx";
import type { MatchingT } from "./matching.messages.ts";
import { formPairs, MATCHING_PATH, type MatchingForm } from "./matching.page-query.ts";
import type { MatchResultDetail } from "./matching.service.ts";

// "Hitta stöd för mitt företag": a short GET form, the ranked offers with their reasons, near misses with
// why not, and the step that sends the needs to the network. No script needed.

export type MatchingChoices = {
  municipalities: Option[];
  industries: Option[];
  themes: Option[];
};

export type SendStep =
  | { kind: "ready"; organisation: string }
  | { kind: "no-organisation" }
  | { kind: "need-municipality" };

export type MatchingPageModel = {
  form: MatchingForm;
  choices: MatchingChoices;
  errors: FormError[];
  results?: MatchResultDetail[];
  send?: SendStep;
  csrfToken: string;
};

/** Field ids, so errors (from the form or the matching service) find their fields. */
export const FIELD_IDS = {
  municipality: "match-kommun",
  postalCode: "match-postnummer",
  industry: "match-bransch",
  employees: "match-anstallda",
  foundedYear: "match-startar",
  themes: "match-omrade",
  text: "match-beskrivning",
} as const;

function MatchingFormView({ t, model }: { t: MatchingT; model: MatchingPageModel }) {
  const { form, choices, errors } = model;
  return (
    <form class="lots-stack" method="get" action={MATCHING_PATH} novalidate>
      <fieldset class="ds-fieldset lots-stack">
        <legend class="ds-heading" data-size="xs">
          {t("form.company")}
        </legend>
        <Select
          id={FIELD_IDS.municipality}
          name="kommun"
          label={t("form.municipality")}
          value={form.kommun}
          options={[{ value: "", label: t("form.municipality.any") }, ...choices.municipalities]}
          errors={errors}
        />
        <Input
          id={FIELD_IDS.postalCode}
          name="postnummer"
          label={t("form.postalCode")}
          hint={t("form.postalCode.hint")}
          value={form.postnummer}
          inputmode="numeric"
          autocomplete="postal-code"
          errors={errors}
        />
        <Select
          id={FIELD_IDS.industry}
          name="bransch"
          label={t("form.industry")}
          value={form.bransch}
          options={[{ value: "", label: t("form.industry.any") }, ...choices.industries]}
          errors={errors}
        />
        <Input
          id={FIELD_IDS.employees}
          name="anstallda"
          label={t("form.employees")}
          hint={t("form.employees.hint")}
          value={form.anstallda}
          inputmode="numeric"
          errors={errors}
        />
        <Input
          id={FIELD_IDS.foundedYear}
          name="startar"
          label={t("form.foundedYear")}
          hint={t("form.foundedYear.hint")}
          value={form.startar}
          inputmode="numeric"
          errors={errors}
        />
      </fieldset>
      <fieldset class="ds-fieldset lots-stack">
        <legend class="ds-heading" data-size="xs">
          {t("form.needs")}
        </legend>
        <Checkboxes
          id={FIELD_IDS.themes}
          name="omrade"
          legend={t("form.themes")}
          hint={t("form.themes.hint")}
          options={choices.themes}
          selected={form.omrade}
          errors={errors}
        />
        <TextArea
          id={FIELD_IDS.text}
          name="beskrivning"
          label={t("form.text")}
          hint={t("form.text.hint")}
          value={form.beskrivning}
          lang="sv"
          rows={3}
          errors={errors}
        />
      </fieldset>
      <div>
        <button class="ds-button" data-variant="primary" type="submit">
          {t("form.submit")}
        </button>
      </div>
    </form>
  );
}

function ResultCard({ t, result }: { t: MatchingT; result: MatchResultDetail }) {
  const eligible = result.eligible;
  const list = eligible ? result.reasons : result.notEligibleBecause;
  return (
    <li>
      <article class="ds-card lots-card">
        <h3 class="ds-heading" data-size="xs">
          <a class="ds-link" href={`/hitta-stod/${result.offer.id}`}>
            {result.offer.name}
          </a>
        </h3>
        <p class="ds-paragraph" data-size="sm">
          {t("results.organisation", { organisation: result.offer.organisation.name })}
          {eligible
            ? ` · ${t("results.score", { percent: formatNumber(Math.round(result.score * 100)) })}`
            : ""}
        </p>
        <p class="ds-paragraph">{result.summary}</p>
        <p class="ds-paragraph" data-size="sm">
          <strong>{eligible ? t("results.reasons") : t("misses.why")}</strong>
        </p>
        <ul class="ds-list">
          {list.map((reason) => (
            <li>{reason.text}</li>
          ))}
        </ul>
      </article>
    </li>
  );
}

function SendSection({ t, model }: { t: MatchingT; model: MatchingPageModel }) {
  const send = model.send;
  if (!send) return null;
  return (
    <section class="lots-section" aria-labelledby="match-send">
      <h2 class="ds-heading" data-size="sm" id="match-send">
        {t("send.heading")}
      </h2>
      {send.kind === "ready" ? (
        <form class="lots-stack" method="post" action={`${MATCHING_PATH}/skicka`}>
          <CsrfField token={model.csrfToken} />
          {formPairs(model.form).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <p class="ds-paragraph">{t("send.text", { organisation: send.organisation })}</p>
          <div>
            <button class="ds-button" data-variant="primary" type="submit">
              {t("send.button")}
            </button>
          </div>
        </form>
      ) : (
        <p class="ds-paragraph">
          {send.kind === "no-organisation" ? t("send.noOrganisation") : t("send.needMunicipality")}{" "}
          <a class="ds-link" href="/behov">
            {t("send.form")}
          </a>
        </p>
      )}
    </section>
  );
}

/** The whole page: form, then (once asked) results, near misses and the send step. */
export function MatchingPage({ t, model }: { t: MatchingT; model: MatchingPageModel }) {
  const eligible = model.results?.filter((r) => r.eligible) ?? [];
  const misses = model.results?.filter((r) => !r.eligible) ?? [];
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("page.title")}
      </h1>
      <p class="ds-paragraph">{t("page.intro")}</p>
      <ErrorSummary id="match-errors" heading={t("errors.heading")} errors={model.errors} />
      <search>
        <MatchingFormView t={t} model={model} />
      </search>
      {model.results ? (
        <section class="lots-section" aria-labelledby="match-results">
          <h2 class="ds-heading" data-size="sm" id="match-results">
            {t("results.heading")}
          </h2>
          <p class="ds-paragraph" role="status">
            {eligible.length > 0
              ? t("results.count", { count: formatNumber(eligible.length) })
              : t("results.none")}
          </p>
          {eligible.length > 0 ? (
            <ol class="lots-results">
              {eligible.map((result) => (
                <ResultCard t={t} result={result} />
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
      <SendSection t={t} model={model} />
      {misses.length > 0 ? (
        <section class="lots-section" aria-labelledby="match-misses">
          <h2 class="ds-heading" data-size="sm" id="match-misses">
            {t("misses.heading")}
          </h2>
          <ul class="lots-results">
            {misses.map((result) => (
              <ResultCard t={t} result={result} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Ranked offers for a company in the register, for navigators (the company page; later the case page). */
export function OfferSuggestions({
  t,
  results,
  hasOpenNeeds,
}: {
  t: MatchingT;
  results: MatchResultDetail[];
  hasOpenNeeds: boolean;
}) {
  return (
    <section class="lots-section" aria-labelledby="company-suggestions">
      <h2 class="ds-heading" data-size="sm" id="company-suggestions">
        {t("staff.heading")}
      </h2>
      <p class="ds-paragraph">
        {!hasOpenNeeds ? t("staff.noNeeds") : results.length === 0 ? t("staff.none") : t("staff.intro")}
      </p>
      {results.length > 0 ? (
        <ol class="lots-results">
          {results.map((result) => (
            <ResultCard t={t} result={result} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
