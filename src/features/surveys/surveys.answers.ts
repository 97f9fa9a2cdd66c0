import type { NeedUrgency } from "#src/db/schema.ts";
import type { ContactInput } from "#src/features/companies/companies.intake.schemas.ts";
import { checkContact } from "#src/features/companies/companies.intake.service.ts";
import { type DerivedNeed, NEED_URGENCIES } from "#src/features/needs/needs.schemas.ts";
import { cleanPlainText, plainTextProblem } from "#src/features/needs/needs.text.ts";
import type { FieldErrors, LocalisedText } from "#src/shared/field-errors.ts";
import type { Question } from "./surveys.questions.ts";

// Checks answers against the exact questions of one survey version and derives what they mean: the needs
// (one per theme, the most urgent wins), the contact person and the consents. Pure, so the rules are unit
// tested and the submission transaction only writes.

/** Urgency of a need an option or yes/no creates when the question does not say. */
export const DEFAULT_URGENCY: NeedUrgency = "within-6-months";

/** The answer of a consent block. */
export type ConsentAnswer = {
  contactAndReferral: boolean;
  organisations: "all" | string[];
  statistics: boolean;
};

/** Validated answers and what they create. */
export type CheckedAnswers = {
  /** Normalised answers by question id: free text cleaned, unknown keys refused, empty answers left out. */
  answers: Record<string, unknown>;
  needs: DerivedNeed[];
  contact: ContactInput | undefined;
  consent: { answer: ConsentAnswer; wordingVersion: string } | undefined;
};

const REQUIRED: LocalisedText = { sv: "Svara på frågan.", en: "Please answer this question." };
const URGENCY_RANK: Record<NeedUrgency, number> = { now: 0, "within-6-months": 1, later: 2 };

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

const isUrgency = (value: unknown): value is NeedUrgency =>
  typeof value === "string" && (NEED_URGENCIES as readonly string[]).includes(value);

type Collected = {
  needs: DerivedNeed[];
  contact?: ContactInput;
  consent?: CheckedAnswers["consent"];
  /** Needs whose urgency nobody stated: they take the answer's urgency when a question asked for one. */
  unstated: Set<DerivedNeed>;
  /** From a question like "When do you need the support?": an option with an urgency and no themes. */
  answerUrgency?: NeedUrgency;
};

/** Adds a need; without a stated urgency it is marked to take the answer's urgency (or the default). */
function addNeed(collected: Collected, theme: string, urgency: NeedUrgency | undefined, description: string) {
  const need = { theme, urgency: urgency ?? DEFAULT_URGENCY, description };
  collected.needs.push(need);
  if (!urgency) collected.unstated.add(need);
}

/** Checks one non-empty answer; returns the normalised value, or field errors (keyed under `key`). */
function checkOne(
  question: Question,
  value: unknown,
  key: string,
  activeThemes: ReadonlySet<string>,
  collected: Collected,
): { value: unknown } | { errors: FieldErrors } {
  const fail = (sv: string, en: string) => ({ errors: { [key]: { sv, en } } });
  switch (question.type) {
    case "single-choice": {
      const option = question.options.find((o) => o.id === value);
      if (!option) return fail("Välj ett av alternativen.", "Choose one of the options.");
      if (option.urgency && option.themes.length === 0) collected.answerUrgency = option.urgency;
      for (const theme of option.themes) addNeed(collected, theme, option.urgency, "");
      return { value: option.id };
    }
    case "multiple-choice": {
      const ids = Array.isArray(value) ? [...new Set(value)] : [value];
      const options = ids.map((id) => question.options.find((o) => o.id === id));
      if (options.some((o) => o === undefined))
        return fail("Välj bland alternativen.", "Choose among the options.");
      if (question.maxSelections && ids.length > question.maxSelections) {
        return fail(
          `Välj högst ${question.maxSelections} alternativ.`,
          `Choose at most ${question.maxSelections} options.`,
        );
      }
      for (const option of options)
        for (const theme of option!.themes) addNeed(collected, theme, option!.urgency, "");
      return { value: ids };
    }
    case "scale": {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof n !== "number" || !Number.isInteger(n) || n < question.min || n > question.max) {
        return fail(
          `Välj ett värde från ${question.min} till ${question.max}.`,
          `Choose a value from ${question.min} to ${question.max}.`,
        );
      }
      return { value: n };
    }
    case "free-text": {
      if (typeof value !== "string") return fail("Skriv ett svar i text.", "Write the answer as text.");
      const problem = plainTextProblem(value, question.maxLength);
      if (problem) return { errors: { [key]: problem } };
      const text = cleanPlainText(value);
      if (question.theme) addNeed(collected, question.theme, question.urgency, text);
      return { value: text };
    }
    case "theme-picker": {
      const entries = (Array.isArray(value) ? value : [value]).map((entry) =>
        typeof entry === "string" ? { theme: entry } : entry,
      );
      const offered = question.themes.length > 0 ? new Set(question.themes) : activeThemes;
      const errors: FieldErrors = {};
      const picked: { theme: string; urgency: NeedUrgency | undefined; description: string }[] = [];
      entries.forEach((entry, index) => {
        const at = `${key}.${index}`;
        if (typeof entry !== "object" || entry === null || typeof entry.theme !== "string") {
          errors[at] = { sv: "Välj ett behovsområde.", en: "Choose a need theme." };
          return;
        }
        const { theme, urgency, description } = entry as Record<string, unknown>;
        if (!offered.has(theme as string) || !activeThemes.has(theme as string)) {
          errors[`${at}.theme`] = { sv: "Välj ett område i listan.", en: "Choose a theme from the list." };
        }
        if (urgency !== undefined && urgency !== "" && !isUrgency(urgency)) {
          errors[`${at}.urgency`] = {
            sv: "Välj när behovet finns: nu, inom sex månader eller senare.",
            en: "Choose when: now, within six months or later.",
          };
        }
        const text = typeof description === "string" ? description : "";
        if (description !== undefined && typeof description !== "string") {
          errors[`${at}.description`] = {
            sv: "Skriv beskrivningen som text.",
            en: "Write the description as text.",
          };
        }
        const problem = plainTextProblem(text);
        if (problem) errors[`${at}.description`] = problem;
        picked.push({
          theme: theme as string,
          urgency: isUrgency(urgency) ? urgency : undefined,
          description: cleanPlainText(text),
        });
      });
      if (question.maxSelections && entries.length > question.maxSelections) {
        errors[key] = {
          sv: `Välj högst ${question.maxSelections} områden.`,
          en: `Choose at most ${question.maxSelections} themes.`,
        };
      }
      const themes = picked.map((p) => p.theme);
      if (new Set(themes).size !== themes.length) {
        errors[key] = { sv: "Varje område kan väljas en gång.", en: "Each theme can be chosen once." };
      }
      if (Object.keys(errors).length > 0) return { errors };
      for (const p of picked) addNeed(collected, p.theme, p.urgency, p.description);
      return { value: picked.map((p) => ({ ...p, urgency: p.urgency ?? DEFAULT_URGENCY })) };
    }
    case "yes-no": {
      const yes = value === true || value === "yes" || value === "ja";
      const no = value === false || value === "no" || value === "nej";
      if (!yes && !no) return fail("Svara ja eller nej.", "Answer yes or no.");
      if (yes) for (const theme of question.themesIfYes) addNeed(collected, theme, question.urgency, "");
      return { value: yes };
    }
    case "contact-block": {
      const checked = checkContact(value, key);
      if (!checked.ok) return { errors: checked.errors };
      if (question.requireEmail && !checked.contact.email) {
        return {
          errors: { [`${key}.email`]: { sv: "Skriv en e-postadress.", en: "Give an e-mail address." } },
        };
      }
      collected.contact = checked.contact;
      return { value: checked.contact };
    }
    case "consent-block": {
      const answer = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
      const referral = answer.contactAndReferral === true;
      const statistics = answer.statistics === true;
      const chosen = answer.organisations;
      let organisations: "all" | string[] = "all";
      if (Array.isArray(chosen) && chosen.length > 0) {
        if (!question.allowChosenOrganisations || !chosen.every((id) => typeof id === "string")) {
          return fail("Välj organisationer i listan.", "Choose organisations from the list.");
        }
        organisations = [...new Set(chosen as string[])];
      } else if (
        chosen !== undefined &&
        chosen !== "all" &&
        !(Array.isArray(chosen) && chosen.length === 0)
      ) {
        return fail("Välj alla eller vissa organisationer.", "Choose all or some organisations.");
      }
      const normalised: ConsentAnswer = { contactAndReferral: referral, organisations, statistics };
      collected.consent = { answer: normalised, wordingVersion: question.wordingVersion };
      return { value: normalised };
    }
  }
}

/** Merges needs per theme: the most urgent urgency, the descriptions joined. */
export function mergeNeeds(needs: readonly DerivedNeed[]): DerivedNeed[] {
  const byTheme = new Map<string, DerivedNeed>();
  for (const need of needs) {
    const seen = byTheme.get(need.theme);
    if (!seen) {
      byTheme.set(need.theme, { ...need });
      continue;
    }
    if (URGENCY_RANK[need.urgency] < URGENCY_RANK[seen.urgency]) seen.urgency = need.urgency;
    if (need.description && !seen.description.includes(need.description)) {
      seen.description = [seen.description, need.description].filter(Boolean).join("\n\n").slice(0, 5_000);
    }
  }
  return [...byTheme.values()];
}

/**
 * Checks `raw` (answers by question id) against a version's questions. Required questions must be answered,
 * unknown question ids are refused, every message is keyed `answers.<question id>` (or deeper). Themes a
 * question offers must still be active to be chosen.
 */
export function checkAnswers(
  questions: readonly Question[],
  raw: unknown,
  activeThemes: ReadonlySet<string>,
): { ok: true; value: CheckedAnswers } | { ok: false; errors: FieldErrors } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: { answers: { sv: "Svaren saknas.", en: "The answers are missing." } } };
  }
  const input = raw as Record<string, unknown>;
  const errors: FieldErrors = {};
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(input)) {
    if (!known.has(id)) {
      errors[`answers.${id}`] = {
        sv: "Frågan finns inte i den här versionen av enkäten.",
        en: "This question is not part of this survey version.",
      };
    }
  }
  const collected: Collected = { needs: [], unstated: new Set() };
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const key = `answers.${question.id}`;
    const value = input[question.id];
    if (isEmpty(value)) {
      if (question.required) errors[key] = REQUIRED;
      continue;
    }
    const result = checkOne(question, value, key, activeThemes, collected);
    if ("errors" in result) Object.assign(errors, result.errors);
    else answers[question.id] = result.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (collected.answerUrgency) for (const need of collected.unstated) need.urgency = collected.answerUrgency;
  return {
    ok: true,
    value: {
      answers,
      needs: mergeNeeds(collected.needs.filter((need) => activeThemes.has(need.theme))),
      contact: collected.contact,
      consent: collected.consent,
    },
  };
}
