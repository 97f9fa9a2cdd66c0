import { describe, expect, it } from "vitest";
import { synonymsOf } from "./catalogue.search.synonyms.ts";
import {
  compoundSplits,
  normaliseQuery,
  queryTree,
  queryWords,
  stripSuffixes,
  transpositions,
  variantCandidates,
} from "./catalogue.search.text.ts";

describe("normaliseQuery / queryWords", () => {
  it("lower-cases with Swedish letters and joins hyphenated compounds", () => {
    expect(normaliseQuery("EX-JOBB på Ågatan")).toBe("exjobb på ågatan");
    expect(queryWords("Ex-jobb, exjobb och IT-stöd!")).toEqual(["exjobb", "och", "itstöd"]);
  });

  it("drops one-letter words, repeats and tsquery syntax", () => {
    expect(queryWords("a & b | !finansiering:* <-> (lån)")).toEqual(["finansiering", "lån"]);
    expect(queryWords("   ")).toEqual([]);
  });

  it("keeps at most eight words", () => {
    expect(queryWords("ett två tre fyra fem sex sju åtta nio tio")).toHaveLength(8);
  });
});

describe("Swedish suffix variants", () => {
  it("strips definite, plural and genitive endings down to three-letter bases", () => {
    expect(stripSuffixes("exjobbet")).toContain("exjobb");
    expect(stripSuffixes("finansieringar")).toContain("finansiering");
    expect(stripSuffixes("kunderna")).toContain("kund");
    expect(stripSuffixes("lån")).toEqual([]);
  });

  it("relates 'exjobb' and 'exjobbet' both ways", () => {
    expect(variantCandidates("exjobb")).toContain("exjobbet");
    expect(variantCandidates("exjobbet")).toContain("exjobb");
    expect(variantCandidates("exjobbet")).toContain("exjobben");
  });
});

describe("compound splitting", () => {
  it("offers head + tail readings, with and without a linking s", () => {
    const splits = compoundSplits("exportstöd");
    expect(splits).toContainEqual({ head: "export", tail: "stöd" });
    expect(compoundSplits("företagsstöd")).toContainEqual({ head: "företag", tail: "stöd" });
    expect(compoundSplits("företagsstöd")).toContainEqual({ head: "företags", tail: "stöd" });
    expect(compoundSplits("lån")).toEqual([]);
  });
});

describe("queryTree", () => {
  const words = [
    { word: "exjobbet", strong: [["exjobbet"], ["exjobb"]], weak: [["examensarbete"]] },
    { word: "exportstöd", strong: [["exportstöd"], ["export", "stöd"]], weak: [] },
    { word: "och", strong: [["och"]], weak: [] },
  ];
  // Like Snowball: "exjobbet" keeps its ending, "och" is a stop word.
  const stems: Record<string, string[]> = {
    exjobbet: ["exjobbet"],
    exjobb: ["exjobb"],
    examensarbete: ["examensarbet"],
    exportstöd: ["exportstöd"],
    export: ["export"],
    stöd: ["stöd"],
    och: [],
  };
  const lexemesOf = (w: string) => stems[w]!;
  const t = (lexeme: string) => ({ lexeme });

  it("ORs a word's forms, ANDs the words and drops stop words", () => {
    expect(queryTree(words, "all", false, lexemesOf)).toEqual({
      op: "and",
      children: [
        { op: "or", children: [t("exjobbet"), t("exjobb")] },
        { op: "or", children: [t("exportstöd"), { op: "and", children: [t("export"), t("stöd")] }] },
      ],
    });
    const withWeak = queryTree(words, "all", true, lexemesOf);
    expect(withWeak).toMatchObject({
      children: [{ children: [t("exjobbet"), t("exjobb"), t("examensarbet")] }, {}],
    });
  });

  it("ORs everything, compound parts included, in the fallback", () => {
    expect(queryTree(words, "any", false, lexemesOf)).toEqual({
      op: "or",
      children: [
        { op: "or", children: [t("exjobbet"), t("exjobb")] },
        { op: "or", children: [t("exportstöd"), { op: "or", children: [t("export"), t("stöd")] }] },
      ],
    });
  });

  it("keeps two forms with one stem once, and is null when only stop words remain", () => {
    const same = [{ word: "lånet", strong: [["lånet"], ["lån"]], weak: [] }];
    expect(queryTree(same, "all", true, () => ["lån"])).toEqual(t("lån"));
    expect(queryTree([words[2]!], "all", true, lexemesOf)).toBeNull();
  });
});

describe("synonyms", () => {
  it("are symmetric within a group and empty for other words", () => {
    expect(synonymsOf("exjobb")).toContain("examensarbete");
    expect(synonymsOf("examensarbete")).toContain("exjobb");
    expect(synonymsOf("finansiering")).toContain("lån");
    expect(synonymsOf("kvantdator")).toEqual([]);
  });
});

describe("transpositions", () => {
  it("swaps each pair of different neighbouring letters", () => {
    expect(transpositions("exprot")).toContain("export");
    expect(transpositions("innvoation")).toContain("innovation");
    expect(transpositions("aab")).toEqual(["aba"]);
  });
});
