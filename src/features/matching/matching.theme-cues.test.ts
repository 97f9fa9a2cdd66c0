import { describe, expect, it } from "vitest";
import { inferThemes, inferThemeWeights, themeCues } from "./matching.theme-cues.ts";

const cues = themeCues([
  { code: "financing", label_sv: "Finansiering och likviditet" },
  { code: "recruitment", label_sv: "Kompetensförsörjning och rekrytering" },
  { code: "sales-export", label_sv: "Försäljning, marknad och export" },
  { code: "sustainability", label_sv: "Hållbarhet och energi" },
  { code: "premises-permits", label_sv: "Lokaler, mark och tillstånd" },
  { code: "succession", label_sv: "Ägarskifte och generationsskifte" },
  { code: "tourism", label_sv: "Besöksnäring och turism" },
]);

describe("themes inferred from a need's words", () => {
  it("reads inflections, compounds and phrases", () => {
    expect(inferThemes("Vi vill sälja till Norge", cues)).toEqual(["sales-export"]);
    expect(inferThemes("Svårt att hitta snickare och betongarbetare", cues)).toEqual(["recruitment"]);
    expect(inferThemes("Hur kan vi sänka energikostnaderna i köket?", cues)).toEqual(["sustainability"]);
    expect(inferThemes("Vi behöver kredit för att klara likviditeten", cues)).toEqual(["financing"]);
    expect(inferThemes("Ingen av barnen vill ta över firman när jag går i pension", cues)).toEqual([
      "succession",
    ]);
  });

  it("does not read 'marknad' as land or 'lokala' as premises", () => {
    expect(inferThemes("Vi vill nå en ny marknad med lokala kunder", cues)).toEqual(["sales-export"]);
  });

  it("reads whole-word cues only as whole words", () => {
    const all = themeCues([
      { code: "financing", label_sv: "Finansiering och likviditet" },
      { code: "digitalisation", label_sv: "Digitalisering" },
    ]);
    expect(inferThemes("Vi behöver ett lån till en ny lastbil", all)).toEqual(["financing"]);
    expect(inferThemes("Vi har långa leveranstider", all)).toEqual([]);
    expect(inferThemes("Kunderna vill boka tid i en app", all)).toEqual(["digitalisation"]);
    expect(inferThemes("Vi vill använda AI i kundtjänsten", all)).toEqual(["digitalisation"]);
    expect(inferThemes("Det aiar sig", all)).toEqual([]);
  });

  it("gives a theme added later its label's words, and nothing for words about no theme", () => {
    expect(inferThemes("Fler turister i sommar", cues)).toEqual(["tourism"]);
    expect(inferThemes("Vi vet inte riktigt", cues)).toEqual([]);
  });

  it("lets a phrase keep its words: 'sälja företaget' is a change of owner, not sales", () => {
    expect(inferThemes("Vi vill sälja företaget om några år", cues)).toEqual(["succession"]);
    expect(inferThemes("Vi vill sälja mer i butiken", cues)).toEqual(["sales-export"]);
  });

  it("weighs each theme by its cues against the strongest one's", () => {
    const themes = inferThemeWeights(
      "Elräkningen och energin har blivit dyra, och klimatet; vi har lite pengar",
      cues,
    );
    expect(themes.map((t) => t.code)).toEqual(["sustainability", "financing"]);
    expect(themes[0]!.weight).toBe(1);
    expect(themes[1]!.weight).toBeCloseTo(1 / 3, 10);
  });

  it("reads at most three themes, and as many as asked", () => {
    const text = "Vi ska sälja till Norge, behöver ett lån och har svårt att hitta svetsare, och elräkningen";
    expect(inferThemes(text, cues)).toHaveLength(3);
    expect(inferThemes(text, cues, 1)).toHaveLength(1);
  });
});
