import type { QuestionInput, SurveyContentInput } from "./surveys.questions.ts";

// The survey editor's form, without JavaScript. The form carries the content it was drawn from (a hidden
// "base" field) and one input per text; each button is a submit button on the one form with its own
// `action` value: save the draft, add a question of a chosen type, remove a question, move it up or down,
// add or remove an option. Structural actions re-draw the form with the change (nothing is saved until
// "Save"); saving hands the content to the surveys service, which checks it (question model, themes)
// before it becomes the draft. A published version is never changed: the service only writes drafts.

/** A posted form: each field's values. */
export type EditorForm = Record<string, string[]>;

/** The question types the editor can add (contact and consent blocks come from templates). */
export const ADDABLE_TYPES = [
  "free-text",
  "yes-no",
  "single-choice",
  "multiple-choice",
  "scale",
  "theme-picker",
] as const;
export type AddableType = (typeof ADDABLE_TYPES)[number];

/** What a press on one of the editor's buttons asks for. */
export type EditorAction =
  | { kind: "save" }
  | { kind: "add" }
  | { kind: "remove" | "up" | "down" | "add-option"; question: number }
  | { kind: "remove-option"; question: number; option: number };

const one = (form: EditorForm, name: string) => (form[name]?.[0] ?? "").trim();
const has = (form: EditorForm, name: string) => form[name] !== undefined;
const codes = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter(Boolean);

/** The button pressed; no (or an unknown) action is "save", as pressing Enter in a field submits. */
export function editorAction(form: EditorForm): EditorAction {
  const value = one(form, "action");
  if (value === "add") return { kind: "add" };
  const question = value.match(/^(remove|up|down|add-option):(\d{1,3})$/);
  if (question) {
    return { kind: question[1] as "remove" | "up" | "down" | "add-option", question: Number(question[2]) };
  }
  const option = value.match(/^remove-option:(\d{1,3}):(\d{1,3})$/);
  if (option) return { kind: "remove-option", question: Number(option[1]), option: Number(option[2]) };
  return { kind: "save" };
}

/** A word id unique among `taken`: prefix and the lowest free number. */
function newId(prefix: string, taken: Set<string>): string {
  let n = 1;
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
      return { id: newId("o", taken), label: { sv: label.trim() }, themes: codes(themes) };
    });
}

function blankOption(taken: Set<string>) {
  return { id: newId("o", taken), label: { sv: "" }, themes: [] as string[] };
}

/** A new question of `type`, with the label and themes given (choice questions get two blank options). */
function newQuestion(form: EditorForm, type: AddableType, taken: Set<string>): QuestionInput {
  const themes = codes(one(form, "new.themes"));
  const common = {
    id: newId("q", taken),
    label: { sv: one(form, "new.label") },
    required: one(form, "new.required") === "yes",
  };
  const optionIds = new Set<string>();
  switch (type) {
    case "free-text":
      return { ...common, type, ...(themes[0] ? { theme: themes[0] } : {}) };
    case "yes-no":
      return { ...common, type, themesIfYes: themes };
    case "scale":
      return { ...common, type, min: 1, max: 5 };
    case "theme-picker":
      return { ...common, type, themes };
    case "single-choice":
    case "multiple-choice": {
      const options = optionsFromLines(one(form, "new.options"), optionIds);
      while (options.length < 2) options.push(blankOption(optionIds));
      return { ...common, type, options };
    }
  }
}

/** The texts typed into the form, applied to the content the form was drawn from. */
function applyFields(form: EditorForm, base: SurveyContentInput): SurveyContentInput {
  const questions = base.questions.map((question, index) => {
    const at = `q.${index}`;
    const edited: Record<string, unknown> = { ...question };
    if (has(form, `${at}.label.sv`)) {
      const en = one(form, `${at}.label.en`);
      edited.label = { sv: one(form, `${at}.label.sv`), ...(en ? { en } : {}) };
    }
    if (has(form, `${at}.help.sv`)) {
      const sv = one(form, `${at}.help.sv`);
      const en = one(form, `${at}.help.en`);
      if (sv) edited.help = { sv, ...(en ? { en } : {}) };
      else delete edited.help;
    }
    // An unticked checkbox sends nothing: the marker says the question was on the form.
    if (has(form, `${at}.shown`) || has(form, `${at}.required`)) {
      edited.required = one(form, `${at}.required`) === "yes";
    }
    if (question.type === "free-text" && has(form, `${at}.theme`)) {
      const theme = one(form, `${at}.theme`);
      if (theme) edited.theme = theme;
      else delete edited.theme;
    }
    if ((question.type === "yes-no" || question.type === "theme-picker") && has(form, `${at}.themes`)) {
      edited[question.type === "yes-no" ? "themesIfYes" : "themes"] = codes(one(form, `${at}.themes`));
    }
    if ("options" in question && Array.isArray(question.options)) {
      edited.options = question.options.map((option, j) => {
        const o = `${at}.option.${j}`;
        const en = one(form, `${o}.en`);
        return {
          ...option,
          ...(has(form, `${o}.id`) ? { id: one(form, `${o}.id`) } : {}),
          ...(has(form, `${o}.sv`) ? { label: { sv: one(form, `${o}.sv`), ...(en ? { en } : {}) } } : {}),
          ...(has(form, `${o}.themes`) ? { themes: codes(one(form, `${o}.themes`)) } : {}),
        };
      });
    }
    return edited as QuestionInput;
  });
  const text = (name: string, fallback: string | null | undefined) =>
    has(form, name) ? one(form, name) : (fallback ?? "");
  return {
    titleSv: text("titleSv", base.titleSv),
    titleEn: text("titleEn", base.titleEn) || null,
    introSv: text("introSv", base.introSv),
    introEn: text("introEn", base.introEn) || null,
    questions,
  };
}

function move<T>(items: T[], from: number, to: number): T[] {
  if (from < 0 || to < 0 || from >= items.length || to >= items.length) return items;
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/**
 * Applies the posted editor form to the content it started from, then the button's action. For "save", a
 * filled-in new question (type and label) is added too, so one press saves everything typed.
 */
export function contentFromEditor(form: EditorForm, base: SurveyContentInput): SurveyContentInput {
  const content = applyFields(form, base);
  const action = editorAction(form);
  const taken = new Set(content.questions.map((q) => q.id));
  const type = one(form, "new.type") as AddableType | "";
  const addable = (ADDABLE_TYPES as readonly string[]).includes(type);
  let questions = content.questions;
  switch (action.kind) {
    case "save":
      if (addable && one(form, "new.label"))
        questions = [...questions, newQuestion(form, type as AddableType, taken)];
      break;
    case "add":
      if (addable) questions = [...questions, newQuestion(form, type as AddableType, taken)];
      break;
    case "remove":
      questions = questions.filter((_, i) => i !== action.question);
      break;
    case "up":
      questions = move(questions, action.question, action.question - 1);
      break;
    case "down":
      questions = move(questions, action.question, action.question + 1);
      break;
    case "add-option":
    case "remove-option":
      questions = questions.map((question, i) => {
        if (i !== action.question || !("options" in question) || !Array.isArray(question.options)) {
          return question;
        }
        const options =
          action.kind === "remove-option"
            ? question.options.filter((_, j) => j !== action.option)
            : [...question.options, blankOption(new Set(question.options.map((o) => o.id)))];
        return { ...question, options } as QuestionInput;
      });
      break;
  }
  return { ...content, questions };
}

/** The editor field a service message (keyed `content.…`) belongs next to. */
export function editorFieldId(key: string): string {
  const path = key.replace(/^content\./, "");
  const option = path.match(/^questions\.(\d+)\.options\.(\d+)\.(id|themes|label)/);
  if (option) {
    const suffix = option[3] === "label" ? "" : `-${option[3]}`;
    return `e-q-${option[1]}-o-${option[2]}${suffix}`;
  }
  const question = path.match(/^questions\.(\d+)(?:\.(theme|themes|themesIfYes|help))?/);
  if (question) {
    if (question[2] === "theme") return `e-q-${question[1]}-theme`;
    if (question[2] === "themes" || question[2] === "themesIfYes") return `e-q-${question[1]}-themes`;
    if (question[2] === "help") return `e-q-${question[1]}-help`;
    return `e-q-${question[1]}-sv`;
  }
  if (/^(titleSv|titleEn|introSv|introEn)/.test(path)) return `e-${path.split(".")[0]}`;
  return "e-titleSv";
}
