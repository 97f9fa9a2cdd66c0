import { readFileSync } from "node:fs";
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
    expect(inferThemes("Mer turism i bygden", cues)).toEqual(["tourism"]);
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

  it("counts a word once for a theme however many of its cues it matches", () => {
    // A theme with three beginnings of the same word and one other cue: one word each, so a tie.
    const overlapping = new Map([
      ["sales-export", ["kund", "kunder", "kunderna"]],
      ["sustainability", ["återvinn"]],
    ]);
    const themes = inferThemeWeights("Kunderna frågar om återvinning", overlapping);
    expect(themes).toEqual([
      { code: "sales-export", weight: 1 },
      { code: "sustainability", weight: 1 },
    ]);
    // Two different words for one theme count twice.
    expect(inferThemeWeights("Kunderna och kundtjänsten frågar om återvinning", overlapping)[1]!.weight).toBe(
      0.5,
    );
  });

  it("ranks tied themes with a phrase first, then in the order of the cue lists", () => {
    const tied = new Map([
      ["a", ["=ett"]],
      ["b", ["två tre"]],
      ["c", ["=fyra", "=fem"]],
    ]);
    // b's phrase counts 2, as c's two words; a has 1.
    expect(inferThemes("ett två tre fyra fem", tied)).toEqual(["b", "c", "a"]);
  });

  it("matches beginnings and endings only in words of three letters or more, whole words always", () => {
    const short = new Map([["x", ["ab", "*ab", "=ab"]]]);
    expect(inferThemeWeights("ab", short)).toEqual([{ code: "x", weight: 1 }]);
    expect(inferThemes("abc", short)).toEqual(["x"]);
    expect(inferThemes("cab", short)).toEqual(["x"]);
    expect(inferThemes("ba", short)).toEqual([]);
  });

  it("reads a '~' cue also where a compound's last part begins, three letters in or more", () => {
    const heads = new Map([
      ["leadership", ["~chef"]],
      ["recruitment", ["chef"]],
    ]);
    expect(inferThemes("Våra nya gruppchefer behöver stöd", heads)).toEqual(["leadership"]);
    expect(inferThemes("Cheferna behöver stöd", heads)).toEqual(["leadership", "recruitment"]);
    // Two letters are too few for a compound's first part.
    expect(inferThemes("Vi har en elchef", heads)).toEqual([]);
    // A plain beginning stays a beginning.
    expect(inferThemes("Vi har en elchef", new Map([["x", ["chef"]]]))).toEqual([]);
    // Built in: the words Swedish puts last in a compound.
    const built = themeCues([
      { code: "financing", label_sv: "Finansiering" },
      { code: "leadership", label_sv: "Ledarskap" },
      { code: "training", label_sv: "Kompetensutveckling" },
    ]);
    expect(inferThemes("Tre nya gruppchefer", built)).toEqual(["leadership"]);
    expect(inferThemes("Lagerpersonalen behöver en truckkurs", built)).toEqual(["training"]);
  });

  it("reads the built-in lexicon: the 15 need themes, each with cues, none repeated", () => {
    const file = JSON.parse(readFileSync(new URL("./matching.theme-cues.sv.json", import.meta.url), "utf8"));
    const codes = Object.keys(file);
    expect(codes).toHaveLength(15);
    const all = themeCues(codes.map((code) => ({ code, label_sv: code })));
    for (const code of codes) {
      const list = all.get(code)!;
      // The built-in list, not the label's words a theme added later gets.
      expect(list, code).toEqual(file[code]);
      expect(list.length, code).toBeGreaterThan(20);
      expect(new Set(list).size, code).toBe(list.length);
    }
  });
});
