import { describe, expect, it } from "vitest";
import { contentFromEditor, type EditorForm, editorAction, editorFieldId } from "./surveys.editor.ts";
import type { SurveyContentInput } from "./surveys.questions.ts";

// The editor's form model: each button's action, field edits applied to the content the form was drawn
// from, and a service message placed next to its field.

const BASE: SurveyContentInput = {
  titleSv: "Behov",
  introSv: "",
  questions: [
    { id: "a", type: "free-text", label: { sv: "Fråga A" }, theme: "financing" },
    {
      id: "b",
      type: "single-choice",
      label: { sv: "Fråga B" },
      options: [
        { id: "o1", label: { sv: "Ett" }, themes: ["recruitment"] },
        { id: "o2", label: { sv: "Två" }, themes: [] },
      ],
    },
    { id: "c", type: "yes-no", label: { sv: "Fråga C" }, themesIfYes: [] },
  ],
};

const form = (fields: Record<string, string>): EditorForm =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]]));

describe("survey editor form", () => {
  it("reads the pressed button; no button (Enter in a field) saves", () => {
    expect(editorAction(form({}))).toEqual({ kind: "save" });
    expect(editorAction(form({ action: "up:2" }))).toEqual({ kind: "up", question: 2 });
    expect(editorAction(form({ action: "remove-option:1:0" }))).toEqual({
      kind: "remove-option",
      question: 1,
      option: 0,
    });
    expect(editorAction(form({ action: "drop table" }))).toEqual({ kind: "save" });
  });

  it("moves, removes and keeps fields the form did not send", () => {
    const up = contentFromEditor(form({ action: "up:1", "q.1.label.sv": "Fråga B2" }), BASE);
    expect(up.questions.map((q) => q.id)).toEqual(["b", "a", "c"]);
    expect(up.questions[0]!.label.sv).toBe("Fråga B2");
    // The free-text theme select was not sent: the theme stays.
    expect(up.questions[1]).toMatchObject({ id: "a", theme: "financing" });
    const down = contentFromEditor(form({ action: "down:2" }), BASE);
    expect(down.questions.map((q) => q.id)).toEqual(["a", "b", "c"]);
    const removed = contentFromEditor(form({ action: "remove:0" }), BASE);
    expect(removed.questions.map((q) => q.id)).toEqual(["b", "c"]);
  });

  it("edits option ids, labels and themes, adds and removes options", () => {
    const edited = contentFromEditor(
      form({
        "q.1.option.0.id": "ja",
        "q.1.option.0.sv": "Ja",
        "q.1.option.0.en": "Yes",
        "q.1.option.0.themes": "financing, digitalisation",
        "q.0.theme": "",
        "q.2.themes": "sustainability",
        "q.2.shown": "yes",
        "q.2.required": "yes",
      }),
      BASE,
    );
    expect(edited.questions[1]).toMatchObject({
      options: [
        { id: "ja", label: { sv: "Ja", en: "Yes" }, themes: ["financing", "digitalisation"] },
        { id: "o2" },
      ],
    });
    expect(edited.questions[0]).not.toHaveProperty("theme");
    expect(edited.questions[2]).toMatchObject({ themesIfYes: ["sustainability"], required: true });
    const more = contentFromEditor(form({ action: "add-option:1" }), BASE);
    expect(more.questions[1]).toMatchObject({ options: [{ id: "o1" }, { id: "o2" }, { id: "o3" }] });
    const fewer = contentFromEditor(form({ action: "remove-option:1:0" }), BASE);
    expect(fewer.questions[1]).toMatchObject({ options: [{ id: "o2" }] });
  });

  it("adds a question of the chosen type with a fresh id; choice questions get two blank options", () => {
    const added = contentFromEditor(form({ action: "add", "new.type": "multiple-choice" }), BASE);
    expect(added.questions).toHaveLength(4);
    expect(added.questions[3]).toMatchObject({
      id: "q1",
      type: "multiple-choice",
      options: [{ id: "o1" }, { id: "o2" }],
    });
    expect(contentFromEditor(form({ action: "add", "new.type": "script" }), BASE).questions).toHaveLength(3);
  });

  it("places a service message next to its field", () => {
    expect(editorFieldId("content.questions.1.options.0.label.sv")).toBe("e-q-1-o-0");
    expect(editorFieldId("content.questions.1.options.0.id")).toBe("e-q-1-o-0-id");
    expect(editorFieldId("content.questions.2.label.sv")).toBe("e-q-2-sv");
    expect(editorFieldId("content.titleSv")).toBe("e-titleSv");
    expect(editorFieldId("content.questions")).toBe("e-titleSv");
  });
});
