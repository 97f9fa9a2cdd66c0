import type { QuestionInput, SurveyContentInput } from "./surveys.questions.ts";

// The survey editor's form, without JavaScript: every question of the version the edit starts from, with its
// texts, "required" and "remove"; the options' labels of choice questions; and one new question to add. The
// posted form is applied to that version's content, and the surveys service checks the result (question
// model, themes) before it becomes the draft. Question and option ids never change, so answers keep
// pointing at their questions.

/** A posted form: each field's values. */
export type EditorForm = Record<string, string[]>;

/** The question types the editor can add. */
export const ADDABLE_TYPES = ["free-text", "yes-no", "single-choice", "multiple-choice", "scale"] as const;
export type AddableType = (typeof ADDABLE_TYPES)[number];

const one = (form: EditorForm, name: string) => (form[name]?.[0] ?? "").trim();
const optionalText = (sv: string, en: string) => (sv ? { sv, ...(en ? { en } : {}) } : undefined);

/** A word id for a new question or option, unique among `taken`. */
function newId(prefix: string, taken: Set<string>): string {
  let n = taken.size + 1;
  while (taken.has(`${prefix}${n}`)) n++;
  const id = `${prefix}${n}`;
  taken.add(id);
  return id;
}

/** Option lines "Label | theme, theme": the label and the need themes choosing it creates. */
function optionsFromLines(text: string, taken: Set<string>) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [label = "", themes = ""] = line.split("|");
      return {
        id: newId("o", taken),
        label: { sv: label.trim() },
        themes: themes
          .split(/[\s,]+/)
          .map((t) => t.trim())
          .filter(Boolean),
      };
    });
}

/** Applies the posted editor form to the content it started from; the result is checked by the service. */
export function contentFromEditor(form: EditorForm, base: SurveyContentInput): SurveyContentInput {
  const questions: QuestionInput[] = [];
  base.questions.forEach((question, index) => {
    const at = `q.${index}`;
    if (one(form, `${at}.remove`) === "yes") return;
    const labelSv = one(form, `${at}.label.sv`);
    const labelEn = one(form, `${at}.label.en`);
    const edited: Record<string, unknown> = {
      ...question,
      label: { sv: labelSv, ...(labelEn ? { en: labelEn } : {}) },
      required: one(form, `${at}.required`) === "yes",
    };
    const help = optionalText(one(form, `${at}.help.sv`), one(form, `${at}.help.en`));
    if (help) edited.help = help;
    else delete edited.help;
    if ("options" in question && Array.isArray(question.options)) {
      edited.options = question.options.map((option, j) => {
        const sv = one(form, `${at}.option.${j}.sv`);
        const en = one(form, `${at}.option.${j}.en`);
        return { ...option, label: { sv, ...(en ? { en } : {}) } };
      });
    }
    questions.push(edited as QuestionInput);
  });

  const type = one(form, "new.type") as AddableType | "";
  const label = one(form, "new.label");
  if (type && label) {
    const taken = new Set(base.questions.map((q) => q.id));
    const id = newId("q", taken);
    const themes = one(form, "new.themes")
      .split(/[\s,]+/)
      .filter(Boolean);
    const common = { id, label: { sv: label }, required: one(form, "new.required") === "yes" };
    const optionIds = new Set<string>();
    switch (type) {
      case "free-text":
        questions.push({ ...common, type, ...(themes[0] ? { theme: themes[0] } : {}) });
        break;
      case "yes-no":
        questions.push({ ...common, type, themesIfYes: themes });
        break;
      case "scale":
        questions.push({ ...common, type, min: 1, max: 5 });
        break;
      case "single-choice":
      case "multiple-choice":
        questions.push({ ...common, type, options: optionsFromLines(one(form, "new.options"), optionIds) });
        break;
    }
  }
  return {
    titleSv: one(form, "titleSv"),
    titleEn: one(form, "titleEn") || null,
    introSv: one(form, "introSv"),
    introEn: one(form, "introEn") || null,
    questions,
  };
}
