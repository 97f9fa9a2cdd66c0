import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildStylesheet } from "../assets.ts";

const themeCss = readFileSync(new URL("./lots-theme.css", import.meta.url), "utf8");

/** The colour tokens of one scheme, read from the generated theme (first value of each name wins). */
function tokensOf(scheme: "light" | "dark"): Map<string, string> {
  const start = themeCss.indexOf(`@layer ds.theme.color-scheme.${scheme}`);
  const end = themeCss.indexOf("@layer", start + 10);
  expect(start, `theme has a ${scheme} colour scheme`).toBeGreaterThanOrEqual(0);
  const tokens = new Map<string, string>();
  for (const [, name, value] of themeCss
    .slice(start, end === -1 ? undefined : end)
    .matchAll(/--ds-color-([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\b/g)) {
    if (name && value && !tokens.has(name)) tokens.set(name, value);
  }
  return tokens;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio between two sRGB colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Every text/background pair Lots' pages use (lots.css and the Designsystemet components on them).
const TEXT_PAIRS: [text: string, background: string, where: string][] = [
  ["neutral-text-default", "neutral-background-default", "body text"],
  ["neutral-text-subtle", "neutral-background-default", "field descriptions"],
  ["neutral-text-default", "neutral-background-tinted", "footer text"],
  ["accent-text-subtle", "neutral-background-default", "links"],
  ["accent-text-subtle", "neutral-background-tinted", "footer links"],
  ["accent-base-contrast-default", "accent-base-default", "header band and primary buttons"],
  ["accent-base-contrast-default", "accent-base-hover", "primary button, hover"],
  ["accent-text-default", "accent-background-tinted", "main navigation"],
  ["accent-text-default", "accent-surface-hover", "skip link when focused"],
  ["accent-text-default", "accent-surface-default", "cards"],
  ["info-text-default", "info-surface-tinted", "info alert (demo notice)"],
  ["warm-text-default", "warm-surface-tinted", "step numbers"],
];

describe("Lots theme", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`meets WCAG 2.1 AA contrast (4.5:1) for text in the ${scheme} scheme`, () => {
      const tokens = tokensOf(scheme);
      for (const [text, background, where] of TEXT_PAIRS) {
        const fg = tokens.get(text);
        const bg = tokens.get(background);
        expect(fg, `${text} in ${scheme}`).toBeDefined();
        expect(bg, `${background} in ${scheme}`).toBeDefined();
        expect(contrast(fg!, bg!), `${where}: ${text} on ${background} (${scheme})`).toBeGreaterThanOrEqual(
          4.5,
        );
      }
    });

    it(`gives focus rings and the current-page bar 3:1 against their background in the ${scheme} scheme`, () => {
      const tokens = tokensOf(scheme);
      expect(
        contrast(tokens.get("focus-outer")!, tokens.get("neutral-background-default")!),
      ).toBeGreaterThanOrEqual(3);
      expect(contrast(tokens.get("focus-inner")!, tokens.get("accent-base-default")!)).toBeGreaterThanOrEqual(
        3,
      );
      expect(
        contrast(tokens.get("accent-base-default")!, tokens.get("accent-background-tinted")!),
      ).toBeGreaterThanOrEqual(3);
    });
  }

  it("uses the system font stack and no web fonts", () => {
    expect(themeCss).toMatch(/--ds-font-family: system-ui,/);
    expect(buildStylesheet()).not.toMatch(/@font-face|@import|url\(["']?https?:/);
  });

  it("is served before Designsystemet's components and Lots' own layer", () => {
    const css = buildStylesheet();
    expect(css.startsWith('@charset "UTF-8";')).toBe(true);
    const theme = css.indexOf("--ds-color-accent-base-default: #0b5f6b");
    const components = css.indexOf(".ds-button{");
    const lots = css.indexOf(".lots-header__band");
    expect(theme).toBeGreaterThan(0);
    expect(components).toBeGreaterThan(theme);
    expect(lots).toBeGreaterThan(components);
  });
});
