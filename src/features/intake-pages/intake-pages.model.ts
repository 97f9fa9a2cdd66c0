import type { Db } from "#src/db/client.ts";
import type { CheckedCompany } from "#src/features/companies/companies.intake.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { Question } from "#src/features/surveys/surveys.questions.ts";
import type { CheckedSubmission } from "#src/features/surveys/surveys.responses.service.ts";
import { compareSwedish, type Locale, pick } from "#src/shared/i18n.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import type { intakeMessages } from "./intake-pages.messages.ts";
import type { FormChoices, ReviewRow } from "./intake-pages.views.tsx";

// What the needs form and its review show, in words: the lists to choose from, the company in lines, each
// answer with its question, and who gets to see the answers.

type T = ReturnType<typeof intakeMessages>;

/** The themes, municipalities, size bands and organisations the form offers, in the reader's language. */
export async function formChoices(db: Db, locale: Locale): Promise<FormChoices> {
  const [themes, municipalities, sizeBands, organisations] = await Promise.all([
    reference.getNeedThemes(db),
    reference.getMunicipalities(db),
    reference.getSizeBands(db),
    listOrganisations(db),
  ]);
  return {
    themes: themes.map((theme) => ({
      value: theme.code,
      label: pick(locale, theme.label_sv, theme.label_en),
    })),
    municipalities: municipalities
      .map((m) => ({ value: m.code, label: m.name }))
      .sort((a, b) => compareSwedish(a.label, b.label)),
    sizeBands: sizeBands.map((band) => ({
      value: band.code,
      label: pick(locale, band.label_sv, band.label_en),
    })),
    organisations: organisations
      .map((o) => ({ value: o.id, label: o.name }))
      .sort((a, b) => compareSwedish(a.label, b.label)),
  };
}

const labelOf = (options: { value: string; label: string }[], value: unknown) =>
  options.find((o) => o.value === value)?.label ?? String(value);

/** The company as the review shows it. */
export function companyLines(company: CheckedCompany | undefined, choices: FormChoices, t: T): string[] {
  if (!company) return [];
  const v = company.values;
  const lines = [`${v.name} (${formatOrgNumber(company.orgNumber)})`];
  if (v.municipalityCode)
    lines.push(`${t("page.municipality")}: ${labelOf(choices.municipalities, v.municipalityCode)}`);
  if (v.sizeBand) lines.push(`${t("form.sizeBand")}: ${labelOf(choices.sizeBands, v.sizeBand)}`);
  if (Array.isArray(v.sniCodes) && v.sniCodes.length > 0) lines.push(`SNI: ${v.sniCodes.join(", ")}`);
  if (v.foundedYear) lines.push(`${t("form.foundedYear")}: ${v.foundedYear}`);
  return lines;
}

/** Each question with its answer in words, in the version's order. */
export function reviewRows(
  questions: readonly Question[],
  answers: Record<string, unknown>,
  choices: FormChoices,
  locale: Locale,
  t: T,
): ReviewRow[] {
  return questions.map((q) => {
    const value = answers[q.id];
    const question = pick(locale, q.label.sv, q.label.en);
    if (value === undefined) return { question, answer: "" };
    switch (q.type) {
      case "single-choice": {
        const option = q.options.find((o) => o.id === value);
        return { question, answer: option ? pick(locale, option.label.sv, option.label.en) : "" };
      }
      case "multiple-choice":
        return {
          question,
          answer: (value as string[])
            .map((id) => q.options.find((o) => o.id === id))
            .map((o) => (o ? pick(locale, o.label.sv, o.label.en) : ""))
            .join(", "),
        };
      case "theme-picker":
        return {
          question,
          answer: (value as { theme: string }[])
            .map((entry) => labelOf(choices.themes, entry.theme))
            .join(", "),
        };
      case "yes-no":
        return { question, answer: value ? t("form.yes") : t("form.no") };
      case "contact-block": {
        const c = value as Record<string, string | undefined>;
        return { question, answer: [c.name, c.role, c.email, c.phone].filter(Boolean).join(", ") };
      }
      case "consent-block": {
        const c = value as { contactAndReferral: boolean; statistics: boolean };
        return {
          question,
          answer: [
            `${pick(locale, q.referralText.sv, q.referralText.en)} ${c.contactAndReferral ? t("form.yes") : t("form.no")}`,
            `${pick(locale, q.statisticsText.sv, q.statisticsText.en)} ${c.statistics ? t("form.yes") : t("form.no")}`,
          ].join("\n"),
        };
      }
      default:
        return { question, answer: String(value) };
    }
  });
}

/** The needs a submission creates, as "theme – when: description". */
export function needLines(checked: CheckedSubmission, choices: FormChoices, t: T): string[] {
  return checked.answers.needs.map((need) => {
    const head = `${labelOf(choices.themes, need.theme)} – ${t(`urgency.${need.urgency}`)}`;
    return need.description ? `${head}: ${need.description}` : head;
  });
}

/** Who sees the answers: the survey's organisation, and the partners the consent names. */
export function sharingLines(checked: CheckedSubmission, choices: FormChoices, t: T): string[] {
  const owner = labelOf(choices.organisations, checked.survey.organisationId);
  const lines = [t("review.owner", { organisation: owner })];
  const consent = checked.answers.consent?.answer;
  if (consent) {
    if (!consent.contactAndReferral) lines.push(t("review.referral.none", { organisation: owner }));
    else if (consent.organisations === "all") {
      lines.push(
        t("review.referral.all", { organisations: choices.organisations.map((o) => o.label).join(", ") }),
      );
    } else {
      lines.push(
        t("review.referral.some", {
          organisations: consent.organisations.map((id) => labelOf(choices.organisations, id)).join(", "),
        }),
      );
    }
    lines.push(consent.statistics ? t("review.statistics.yes") : t("review.statistics.no"));
  }
  return lines;
}
