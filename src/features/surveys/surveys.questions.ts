import { z } from "@hono/zod-openapi";
import { MAX_TEXT_LENGTH, NEED_URGENCIES } from "#src/features/needs/needs.schemas.ts";

// The question model of a survey version, stored as JSON in survey_versions.questions and validated here
// before every write. Question and option ids are stable words: answers are keyed by them, and a published
// version never changes, so an answer always finds its own question.

const Text = z.object({
  sv: z.string().trim().min(1, "write the Swedish text").max(1_000),
  en: z.string().trim().max(1_000).optional(),
});

const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "an id is a lower-case word of letters, digits and hyphens, e.g. q1");

const ThemeCode = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a need theme code, e.g. financing");

const Urgency = z.enum(NEED_URGENCIES);

const base = {
  id: Id,
  label: Text,
  help: Text.optional(),
  required: z.boolean().default(false),
};

const ChoiceOption = z.object({
  id: Id,
  label: Text,
  /** The need themes choosing this option creates needs under. */
  themes: z.array(ThemeCode).max(5).default([]),
  urgency: Urgency.optional(),
});

const distinctOptions = (options: { id: string }[]) =>
  new Set(options.map((o) => o.id)).size === options.length;

const SingleChoice = z.object({
  ...base,
  type: z.literal("single-choice"),
  options: z.array(ChoiceOption).min(2).max(30).refine(distinctOptions, "option ids must differ"),
});

const MultipleChoice = z.object({
  ...base,
  type: z.literal("multiple-choice"),
  options: z.array(ChoiceOption).min(2).max(30).refine(distinctOptions, "option ids must differ"),
  maxSelections: z.int().min(1).max(30).optional(),
});

const Scale = z
  .object({
    ...base,
    type: z.literal("scale"),
    min: z.int().min(0).max(1).default(1),
    max: z.int().min(2).max(10).default(5),
    minLabel: Text.optional(),
    maxLabel: Text.optional(),
  })
  .refine((q) => q.max > q.min, "max must be above min");

const FreeText = z.object({
  ...base,
  type: z.literal("free-text"),
  maxLength: z.int().min(1).max(MAX_TEXT_LENGTH).default(MAX_TEXT_LENGTH),
  multiline: z.boolean().default(true),
  /** A non-empty answer becomes a need under this theme, described in the company's words. */
  theme: ThemeCode.optional(),
  urgency: Urgency.optional(),
});

const ThemePicker = z.object({
  ...base,
  type: z.literal("theme-picker"),
  /** The themes offered; empty means every active theme. */
  themes: z.array(ThemeCode).max(40).default([]),
  maxSelections: z.int().min(1).max(40).optional(),
});

const YesNo = z.object({
  ...base,
  type: z.literal("yes-no"),
  themesIfYes: z.array(ThemeCode).max(5).default([]),
  urgency: Urgency.optional(),
});

const ContactBlock = z.object({
  ...base,
  type: z.literal("contact-block"),
  requireEmail: z.boolean().default(false),
});

const ConsentBlock = z.object({
  ...base,
  type: z.literal("consent-block"),
  /** The exact wording's version, stored with every consent given through this question. */
  wordingVersion: z.string().trim().min(1).max(100),
  referralText: Text,
  statisticsText: Text,
  allowChosenOrganisations: z.boolean().default(true),
});

/** One question of a survey version. */
export const Question = z.discriminatedUnion("type", [
  SingleChoice,
  MultipleChoice,
  Scale,
  FreeText,
  ThemePicker,
  YesNo,
  ContactBlock,
  ConsentBlock,
]);
export type Question = z.output<typeof Question>;
export type QuestionInput = z.input<typeof Question>;
export type QuestionType = Question["type"];

/** A version's content: titles, introduction and questions. */
export const SurveyContent = z
  .object({
    titleSv: z.string().trim().min(1).max(200),
    titleEn: z.string().trim().max(200).nullish(),
    introSv: z.string().trim().max(4_000).default(""),
    introEn: z.string().trim().max(4_000).nullish(),
    questions: z.array(Question).min(1).max(60),
  })
  .superRefine((content, ctx) => {
    const seen = new Set<string>();
    content.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["questions", index, "id"],
          message: "question ids must differ",
        });
      }
      seen.add(question.id);
    });
    for (const type of ["contact-block", "consent-block"] as const) {
      if (content.questions.filter((q) => q.type === type).length > 1) {
        ctx.addIssue({ code: "custom", path: ["questions"], message: `at most one ${type} per survey` });
      }
    }
  })
  .openapi("SurveyContent");
export type SurveyContent = z.output<typeof SurveyContent>;
export type SurveyContentInput = z.input<typeof SurveyContent>;

/** Every theme code a version's questions refer to (checked against the themes when saved). */
export function themesReferenced(questions: readonly Question[]): string[] {
  const codes = questions.flatMap((q) => {
    switch (q.type) {
      case "single-choice":
      case "multiple-choice":
        return q.options.flatMap((o) => o.themes);
      case "free-text":
        return q.theme ? [q.theme] : [];
      case "theme-picker":
        return q.themes;
      case "yes-no":
        return q.themesIfYes;
      default:
        return [];
    }
  });
  return [...new Set(codes)];
}
