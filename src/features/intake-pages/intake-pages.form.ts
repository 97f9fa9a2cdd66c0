import type { Question } from "#src/features/surveys/surveys.questions.ts";
import type { FieldErrors } from "#src/shared/field-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";

// The needs form as HTML fields: how a survey version's questions are named in the form, how a posted form
// becomes the submission the surveys service checks, and how the service's field errors find their fields.
// Names follow the service's error keys (`company.orgNumber`, `answers.<question>.<part>`), so an error key
// is the field's name.

/** What a posted form holds: every field's values as typed (several for checkboxes). */
export type FormValues = Record<string, string[]>;

/** The company fields of the form, in order. */
export const COMPANY_FIELDS = [
  "orgNumber",
  "name",
  "postalCode",
  "municipalityCode",
  "sniCodes",
  "sizeBand",
  "foundedYear",
] as const;

const CONTACT_PARTS = ["name", "role", "email", "phone"] as const;

/** The HTML id of a field name: `answers.kontakt.email` → `f-answers-kontakt-email`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9-]+/g, "-")}`;
}

/** A posted form body (from Hono's parseBody({ all: true })) as lists of strings; files are ignored. */
export function toFormValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    values[name] = list;
  }
  return values;
}

const PREFILLED_COMPANY_FIELDS = ["postalCode", "municipalityCode", "sniCodes", "sizeBand", "foundedYear"];
const PREFILLED_QUESTION_TYPES = new Set([
  "theme-picker",
  "multiple-choice",
  "single-choice",
  "free-text",
  "yes-no",
  "scale",
]);

/**
 * Values a link may fill in before the company sees the form ("Hitta stöd för mitt företag" sends its
 * answers this way): company facts and answers to choice and text questions, never the org number,
 * contact details or consent, which the company gives itself. Only shown in the form: nothing is stored.
 */
export function prefillFromQuery(
  query: Record<string, string[] | undefined>,
  questions: readonly Question[],
): FormValues {
  const allowed = new Set([
    ...PREFILLED_COMPANY_FIELDS.map((field) => `company.${field}`),
    ...questions.filter((q) => PREFILLED_QUESTION_TYPES.has(q.type)).map((q) => `answers.${q.id}`),
  ]);
  const values: FormValues = {};
  for (const [name, list] of Object.entries(query)) {
    if (!allowed.has(name) || !list) continue;
    values[name] = list.slice(0, 50).map((value) => value.slice(0, 2000));
  }
  return values;
}

/** The first value of a field, or "". */
export function first(values: FormValues, name: string): string {
  return values[name]?.[0] ?? "";
}

const optional = (value: string) => (value.trim() === "" ? undefined : value);

/**
 * The submission a posted form means. Empty fields are left out, so "required" and "optional" are decided
 * by the service, not here. Returns also form-level errors the service cannot see (a year that is not a
 * number).
 */
export function formToSubmission(
  values: FormValues,
  questions: readonly Question[],
): { company: Record<string, unknown>; answers: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const company: Record<string, unknown> = {};
  for (const field of COMPANY_FIELDS) {
    const raw = first(values, `company.${field}`).trim();
    if (raw === "") continue;
    if (field === "sniCodes") company.sniCodes = raw.split(/[\s,;]+/).filter(Boolean);
    else if (field === "foundedYear") {
      if (/^\d{4}$/.test(raw)) company.foundedYear = Number(raw);
      else
        errors["company.foundedYear"] = {
          sv: "Skriv startåret med fyra siffror, till exempel 1998.",
          en: "Write the year with four digits, for example 1998.",
        };
    } else company[field] = raw;
  }

  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const name = `answers.${question.id}`;
    switch (question.type) {
      case "single-choice":
      case "scale":
      case "free-text":
      case "yes-no": {
        const value = first(values, name);
        if (value.trim() !== "") answers[question.id] = value;
        break;
      }
      case "multiple-choice":
      case "theme-picker": {
        const list = (values[name] ?? []).filter((v) => v !== "");
        if (list.length > 0) answers[question.id] = list;
        break;
      }
      case "contact-block": {
        const contact: Record<string, string> = {};
        for (const part of CONTACT_PARTS) {
          const value = optional(first(values, `${name}.${part}`));
          if (value !== undefined) contact[part] = value.trim();
        }
        if (Object.keys(contact).length > 0) answers[question.id] = contact;
        break;
      }
      case "consent-block": {
        const organisations = (values[`${name}.organisations`] ?? []).filter((v) => v !== "");
        answers[question.id] = {
          contactAndReferral: first(values, `${name}.contactAndReferral`) === "yes",
          statistics: first(values, `${name}.statistics`) === "yes",
          organisations: organisations.length > 0 ? organisations : "all",
        };
        break;
      }
    }
  }
  return { company, answers, errors };
}

/** The fields a question draws, by name: where an error about it can be shown. */
export function questionFieldNames(question: Question): string[] {
  const name = `answers.${question.id}`;
  if (question.type === "contact-block") return CONTACT_PARTS.map((part) => `${name}.${part}`);
  return [name];
}

/**
 * The service's field errors as form errors tied to fields: an error on `answers.omraden.0.theme` belongs
 * to the `answers.omraden` group, one on `company.postalCode` to that input. Keeps the form's order.
 */
export function formErrors(
  errors: FieldErrors,
  questions: readonly Question[],
  locale: Locale,
): { byName: Map<string, string>; summary: FormError[] } {
  const names = [
    ...COMPANY_FIELDS.map((field) => `company.${field}`),
    ...questions.flatMap(questionFieldNames),
  ];
  const byName = new Map<string, string>();
  const leftOver: string[] = [];
  for (const [key, text] of Object.entries(errors)) {
    const message = locale === "en" ? text.en : text.sv;
    const owner =
      names.find((n) => n === key) ??
      names.find((n) => key.startsWith(`${n}.`)) ??
      names.find((n) => n.startsWith(`${key}.`));
    if (owner) {
      if (!byName.has(owner)) byName.set(owner, message);
    } else leftOver.push(message);
  }
  const summary: FormError[] = names
    .filter((n) => byName.has(n))
    .map((n) => ({ fieldId: fieldId(n), message: byName.get(n)! }));
  for (const message of leftOver) summary.push({ fieldId: "needs-form", message });
  return { byName, summary };
}
