import { describe, expect, it } from "vitest";
import { NEEDS_SURVEY } from "#tests/support/intake-fixtures.ts";
import { checkAnswers, mergeNeeds } from "./surveys.answers.ts";
import { SurveyContent } from "./surveys.questions.ts";

const questions = SurveyContent.parse(NEEDS_SURVEY).questions;
const themes = new Set(["financing", "recruitment", "sales-export", "sustainability", "digitalisation"]);

describe("checkAnswers", () => {
  it("derives one need per theme, the most urgent winning, and normalises free text", () => {
    const result = checkAnswers(
      questions,
      {
        areas: [{ theme: "recruitment", urgency: "later", description: "  Svetsare\r\n" }],
        staff: "yes-now",
        energy: "ja",
        other: "Rad ett\r\nRad två\u0007",
      },
      themes,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.needs).toEqual([
      { theme: "recruitment", urgency: "now", description: "Svetsare" },
      { theme: "sustainability", urgency: "within-6-months", description: "" },
    ]);
    expect(result.value.answers.other).toBe("Rad ett\nRad två");
    expect(result.value.answers.energy).toBe(true);
  });

  it("keys errors by question id, deeper for parts of an answer", () => {
    const result = checkAnswers(
      questions,
      { areas: [{ theme: "financing", urgency: "igår" }, "astrology"], outlook: 6, energy: "kanske" },
      themes,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      "answers.areas.0.urgency",
      "answers.areas.1.theme",
      "answers.energy",
      "answers.outlook",
    ]);
  });

  it("refuses answers that are not an object", () => {
    expect(checkAnswers(questions, [], themes)).toMatchObject({ ok: false, errors: { answers: {} } });
  });
});

describe("mergeNeeds", () => {
  it("joins descriptions and keeps the most urgent urgency", () => {
    expect(
      mergeNeeds([
        { theme: "financing", urgency: "later", description: "Lån" },
        { theme: "financing", urgency: "now", description: "Kredit" },
      ]),
    ).toEqual([{ theme: "financing", urgency: "now", description: "Lån\n\nKredit" }]);
  });
});
