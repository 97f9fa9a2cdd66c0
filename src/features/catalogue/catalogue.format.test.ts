import { describe, expect, it } from "vitest";
import {
  ageText,
  amountText,
  capacityText,
  type SizeBandInfo,
  sizeText,
  telHref,
  validityText,
} from "./catalogue.format.ts";
import { catalogueMessages } from "./catalogue.messages.ts";

const sv = catalogueMessages("sv");
const en = catalogueMessages("en");
const NBSP = "\u00a0";

const BANDS: SizeBandInfo[] = [
  { code: "0", min: 0, max: 0, label: "Inga anställda" },
  { code: "1-4", min: 1, max: 4, label: "1–4 anställda" },
  { code: "5-9", min: 5, max: 9, label: "5–9 anställda" },
  { code: "10-19", min: 10, max: 19, label: "10–19 anställda" },
  { code: "500+", min: 500, max: null, label: "500 anställda eller fler" },
];

describe("an offer's facts in words", () => {
  it("writes amounts with Swedish digit grouping", () => {
    expect(amountText(sv, 50_000, 2_000_000)).toBe(`50${NBSP}000 kr – 2${NBSP}000${NBSP}000 kr`);
    expect(amountText(sv, 50_000, null)).toBe(`från 50${NBSP}000 kr`);
    expect(amountText(sv, null, 100_000)).toBe(`upp till 100${NBSP}000 kr`);
    expect(amountText(sv, 5000, 5000)).toBe(`5${NBSP}000 kr`);
    expect(amountText(sv, null, null)).toBeNull();
    expect(amountText(en, 50_000, null)).toBe(`from SEK 50${NBSP}000`);
  });

  it("turns contiguous size bands into one range", () => {
    expect(sizeText(sv, [], BANDS)).toBe("Företag av alla storlekar");
    expect(sizeText(sv, ["10-19", "1-4", "5-9"], BANDS)).toBe("Företag med 1–19 anställda");
    expect(sizeText(sv, ["0"], BANDS)).toBe("Företag utan anställda");
    expect(sizeText(sv, ["500+"], BANDS)).toBe("Företag med 500 anställda eller fler");
    expect(sizeText(sv, ["1-4", "10-19"], BANDS)).toBe("Företag med 1–4 anställda, 10–19 anställda");
  });

  it("describes age, capacity and validity", () => {
    expect(ageText(sv, 2, 10)).toBe("Företaget har funnits i 2–10 år");
    expect(ageText(sv, null, 3)).toBe("Företaget har funnits i högst 3 år");
    expect(ageText(sv, null, null)).toBe("Ingen gräns");
    expect(capacityText(sv, 6, 4)).toBe("4 av 6 platser kvar");
    expect(capacityText(sv, null, 0)).toBe("Inga platser kvar just nu");
    expect(capacityText(sv, null, null)).toBe("Ingen begränsning");
    expect(validityText(sv, "2026-01-01", "2026-06-30")).toBe("2026-01-01 till och med 2026-06-30");
    expect(validityText(sv, null, null)).toBe("Löpande, utan slutdatum");
  });

  it("makes phone numbers dialable in international form", () => {
    expect(telHref("070-174 06 40")).toBe("tel:+46701740640");
    expect(telHref("+46 19 123 45")).toBe("tel:+461912345");
    expect(telHref("0046 19 123 45")).toBe("tel:+461912345");
    expect(telHref("ring växeln")).toBeNull();
  });
});
