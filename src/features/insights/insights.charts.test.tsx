import { describe, expect, it } from "vitest";
import type { Locale } from "#src/shared/i18n.ts";
import {
  BarChart,
  ChartWithTable,
  exportHref,
  LineChart,
  MAX_SERIES,
  niceTicks,
  truncateLabel,
} from "./insights.charts.tsx";
import type { InsightTable, InsightValue } from "./insights.table.ts";

// The unit project has no DOM, so the checks read the rendered HTML with patterns naming what they look for.

const NBSP = "\u00a0";
const count = (n: number, suppressed = false): InsightValue => ({ kind: "count", count: n, suppressed });

async function render(node: { toString(): string | Promise<string> }): Promise<string> {
  return await node.toString();
}

/** The text content of every element named `tag` (no nested markup inside them in these charts). */
function contents(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`, "g"))].map((m) => m[1]!);
}

function svgOf(html: string): string {
  const svg = html.match(/<svg class="lots-chart[\s\S]*?<\/svg>/);
  expect(svg, "a chart <svg>").not.toBeNull();
  return svg![0];
}

const byTheme: InsightTable = {
  id: "needs-by-theme",
  title: "Behov per tema",
  rowHeader: "Tema",
  columns: ["Antal företag"],
  rows: [
    { header: "Finansiering", values: [count(12345)] },
    { header: "Export", values: [count(1, true)] },
    { header: "Digitalisering", values: [count(0)] },
    { header: "Kompetensförsörjning och rekrytering", values: [count(40)] },
  ],
  total: { header: "Totalt", values: [count(12386)] },
  notes: ["Ett företag kan ha flera behov."],
};

describe("niceTicks", () => {
  it("gives 3 to 5 ticks from 0 on a 1-2-5 step that covers the maximum", () => {
    for (let max = 0; max <= 20000; max += max < 200 ? 1 : 397) {
      const ticks = niceTicks(max, "count");
      expect(ticks.length, `max ${max}`).toBeGreaterThanOrEqual(3);
      expect(ticks.length, `max ${max}`).toBeLessThanOrEqual(5);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]!, `max ${max}`).toBeGreaterThanOrEqual(max);
      const step = ticks[1]!;
      expect(step / 10 ** Math.floor(Math.log10(step)), `step ${step}`).toSatisfy((m: number) =>
        [1, 2, 5].includes(m),
      );
      expect(Number.isInteger(step), "a count axis never steps by a fraction of a company").toBe(true);
    }
  });

  it("picks the expected steps", () => {
    expect(niceTicks(42, "count")).toEqual([0, 20, 40, 60]);
    expect(niceTicks(40, "count")).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0, "count")).toEqual([0, 1, 2]);
    expect(niceTicks(0.42, "percent")).toEqual([0, 0.2, 0.4, 0.6]);
    expect(niceTicks(12345, "count", 3)).toEqual([0, 10000, 20000]);
  });
});

describe("truncateLabel and exportHref", () => {
  it("shortens long labels with an ellipsis, keeping å, ä, ö whole", () => {
    expect(truncateLabel("Nora", 10)).toBe("Nora");
    expect(truncateLabel("Kompetensförsörjning", 10)).toBe("Kompetens…");
    expect(truncateLabel("Åtgärder för år", 6)).toBe("Åtgär…");
  });

  it("adds format and table after ? or &", () => {
    expect(exportHref("/admin/insikter", "csv", "needs-by-theme")).toBe(
      "/admin/insikter?format=csv&table=needs-by-theme",
    );
    expect(exportHref("/admin/insikter?kommun=1884", "xlsx", "a b")).toBe(
      "/admin/insikter?kommun=1884&format=xlsx&table=a%20b",
    );
    expect(exportHref("/x?", "csv", "t")).toBe("/x?format=csv&table=t");
    expect(exportHref("/x?a=1#top", "csv", "t")).toBe("/x?a=1&format=csv&table=t");
  });
});

describe("BarChart", () => {
  it("draws one bar per positive row, none for zero or suppressed, with visible labels", async () => {
    const svg = await render(<BarChart table={byTheme} column={0} locale="sv" />);
    const rows = [...svg.matchAll(/<g class="lots-chart__row">([\s\S]*?)<\/g>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.includes('class="lots-chart__bar"'))).toEqual([true, false, false, true]);
    expect(contents(svg, "text")).toContain(`12${NBSP}345`);
    expect(rows[1]).toMatch(
      /<text class="lots-chart__value lots-chart__value--suppressed"[^>]*>&lt; 3<\/text>/,
    );
    expect(rows[2]).toMatch(/<text class="lots-chart__value"[^>]*>0<\/text>/);
  });

  it("puts 3 to 5 Swedish-formatted ticks on the axis", async () => {
    const svg = await render(<BarChart table={byTheme} column={0} locale="sv" />);
    const tickTexts = [...svg.matchAll(/<text class="lots-chart__tick"[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(tickTexts.length).toBeGreaterThanOrEqual(3);
    expect(tickTexts.length).toBeLessThanOrEqual(5);
    expect(tickTexts[0]).toBe("0");
    expect(tickTexts).toContain(`10${NBSP}000`);
  });

  it("shortens a long row label but keeps the full text in a <title>", async () => {
    const svg = await render(<BarChart table={byTheme} column={0} locale="sv" />);
    const full = "Kompetensförsörjning och rekrytering";
    const shortened = contents(svg, "text").find((t) => t.endsWith("…"));
    expect(shortened).toBeDefined();
    expect(full.startsWith(shortened!.slice(0, -1))).toBe(true);
    expect(shortened!.length).toBeLessThan(full.length / 2 + 2);
    expect(contents(svg, "text")).not.toContain(full);
    expect(contents(svg, "title")).toContain("Kompetensförsörjning och rekrytering: 40");
  });

  it("is responsive: a viewBox, no fixed width or inline style", async () => {
    const svg = await render(<BarChart table={byTheme} column={0} locale="sv" />);
    expect(svg).toMatch(/^<svg class="lots-chart lots-chart--bar" viewBox="0 0 400 \d+" role="img"/);
    expect(svg).not.toMatch(/<svg[^>]* width=/);
    expect(svg).not.toMatch(/\sstyle=/);
  });
});

describe("a suppressed value never shows its number", () => {
  // 1729 stands for a count hidden as a complement: large, and distinctive enough to search the markup for.
  const hidden: InsightTable = {
    id: "by-municipality",
    title: "Behov per kommun",
    rowHeader: "Kommun",
    columns: ["jan. 2026", "feb. 2026"],
    rows: [
      { header: "Nora", values: [count(1729, true), count(38)] },
      { header: "Lindesberg", values: [count(41), count(1, true)] },
    ],
    total: { header: "Totalt", values: [count(1770, true), count(39, true)] },
    notes: [],
  };

  for (const chart of ["bar", "line"] as const) {
    it(`in the ${chart} chart and its table`, async () => {
      const html = await render(<ChartWithTable table={hidden} chart={chart} locale="sv" exportBase="/x" />);
      for (const number of ["1729", `1${NBSP}729`, "1770", `1${NBSP}770`]) expect(html).not.toContain(number);
      // The primary small count (1) is "< 3" in every text the chart and table show, and the complements
      // (1729, 1770, 39) are ".." there: none of the hidden numbers is written anywhere.
      const texts = [...contents(html, "text"), ...contents(html, "title"), ...contents(html, "td")];
      expect(texts.filter((t) => /(^|\D)1(\D|$)/.test(t))).toEqual([]);
      expect(texts.filter((t) => /(^|\D)39(\D|$)/.test(t))).toEqual([]);
      expect(contents(html, "td")).toEqual(["..", "38", "41", "&lt; 3", "..", ".."]);
      // The chart labels its hidden points the same way as the table.
      const chartTexts = [...contents(svgOf(html), "text"), ...contents(svgOf(html), "title")];
      if (chart === "bar") {
        expect(chartTexts).toContain("Nora: ..");
        expect(chartTexts).toContain("..");
      } else {
        expect(chartTexts).toContain("Nora, jan. 2026: ..");
        expect(chartTexts).toContain("Lindesberg, feb. 2026: &lt; 3");
      }
      expect(chartTexts.filter((t) => t.includes("1729") || t.includes("1770"))).toEqual([]);
      // The axis is scaled on the shown numbers only, so its extent does not hint at 1729.
      const tickTexts = [...html.matchAll(/<text class="lots-chart__tick"[^>]*>([^<]*)<\/text>/g)].map(
        (m) => m[1]!,
      );
      const numericTicks = tickTexts.filter((t) => /^[\d\s\u00a0]+$/.test(t));
      expect(Math.max(...numericTicks.map((t) => Number(t.replace(/\D/g, ""))))).toBeLessThanOrEqual(60);
    });
  }
});

describe("LineChart", () => {
  const months = ["jan. 2026", "feb. 2026", "mars 2026", "apr. 2026"];
  const trend: InsightTable = {
    id: "trend",
    title: "Behov per månad",
    rowHeader: "Tema",
    columns: months,
    rows: [
      { header: "Finansiering", values: [count(5), count(2, true), count(8), count(9)] },
      { header: "Export", values: [count(4), count(6), count(7), count(3)] },
    ],
    notes: [],
  };

  it("breaks a line at a suppressed point and marks it hollow on the baseline", async () => {
    const html = await render(<LineChart table={trend} locale="sv" />);
    const paths = [...html.matchAll(/<path class="lots-chart__line" d="([^"]*)"/g)].map((m) => m[1]!);
    // In the chart (not the legend keys): the first series has two runs, the second one.
    expect(paths[0]!.match(/M/g)).toHaveLength(2);
    expect(paths[1]!.match(/M/g)).toHaveLength(1);
    const hollow = html.match(
      /<path class="lots-chart__marker lots-chart__marker--hollow" d="M[\d.]+ ([\d.]+)/,
    );
    const axis = html.match(/<line class="lots-chart__axis" x1="[\d.]+" y1="([\d.]+)"/);
    expect(hollow?.[1]).toBe(axis?.[1]);
    expect(contents(html, "title")).toContain("Finansiering, feb. 2026: &lt; 3");
  });

  it("has a text legend that explains the hollow marker, and distinct series classes", async () => {
    const html = await render(<LineChart table={trend} locale="sv" />);
    const legend = html.slice(html.indexOf('<ul class="lots-chart-legend"'));
    expect(legend).toContain("Finansiering</li>");
    expect(legend).toContain("Export</li>");
    expect(legend).toContain("Dolda värden (&lt; 3 och ..) visas inte som punkt");
    expect(html).toMatch(/<g class="lots-chart__series lots-chart__series--0">/);
    expect(html).toMatch(/<g class="lots-chart__series lots-chart__series--1">/);
    const en = await render(<LineChart table={trend} locale="en" />);
    expect(en).toContain("Hidden values (&lt; 3 and ..) are not shown as a point");
  });

  it(`draws at most ${MAX_SERIES} series and says the rest are in the table`, async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      header: `Tema ${i}`,
      values: months.map(() => count(10 + i)),
    }));
    const html = await render(<LineChart table={{ ...trend, rows }} locale="sv" />);
    const svg = svgOf(html);
    expect(svg.match(/<g class="lots-chart__series /g)).toHaveLength(MAX_SERIES);
    expect(html).toContain("Diagrammet visar de 8 första raderna. Alla 10 finns i tabellen.");
  });
});

describe("ChartWithTable", () => {
  async function figure(locale: Locale, exportBase?: string) {
    return render(
      <ChartWithTable table={byTheme} chart="bar" locale={locale} {...(exportBase ? { exportBase } : {})} />,
    );
  }

  it("labels the chart by the figcaption and renders a real data table", async () => {
    const html = await figure("sv");
    expect(html).toMatch(/^<figure class="lots-insight" id="needs-by-theme">/);
    expect(html).toMatch(/<figcaption id="needs-by-theme-caption"/);
    expect(svgOf(html)).toMatch(/role="img" aria-labelledby="needs-by-theme-caption"/);
    expect(html).toContain('<table class="ds-table" data-border="true"><caption>Behov per tema</caption>');
    expect(contents(html, "th")).toEqual([
      "Tema",
      "Antal företag",
      "Finansiering",
      "Export",
      "Digitalisering",
      "Kompetensförsörjning och rekrytering",
      "Totalt",
    ]);
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html.match(/<th scope="row">/g)).toHaveLength(5);
    expect(html).toMatch(
      /<tfoot><tr><th scope="row">Totalt<\/th><td class="lots-num" data-kind="count">12\u00a0386<\/td>/,
    );
    expect(html).toContain(`<td class="lots-num" data-kind="count">12${NBSP}345</td>`);
    expect(html).toMatch(/<th scope="col" class="lots-num">Antal företag<\/th>/);
    expect(html).toContain("Ett företag kan ha flera behov.");
    expect(html).not.toContain("Ladda ner");
    expect(html).not.toMatch(/\sstyle=|<script/);
  });

  it("links the CSV and XLSX exports with the table's id in Swedish and English", async () => {
    const sv = await figure("sv", "/admin/insikter?kommun=1884");
    const links = [...sv.matchAll(/<a class="ds-link" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [
      m[1]!.replaceAll("&amp;", "&"),
      m[2],
    ]);
    expect(links).toEqual([
      ["/admin/insikter?kommun=1884&format=csv&table=needs-by-theme", "Ladda ner CSV"],
      ["/admin/insikter?kommun=1884&format=xlsx&table=needs-by-theme", "Ladda ner Excel (XLSX)"],
    ]);
    const en = await figure("en", "/admin/insikter");
    expect(en).toContain('href="/admin/insikter?format=csv&amp;table=needs-by-theme"');
    expect(en).toContain(">Download CSV</a>");
    expect(en).toContain(">Download Excel (XLSX)</a>");
  });

  it("says there is nothing to show instead of an empty chart", async () => {
    const html = await render(<ChartWithTable table={{ ...byTheme, rows: [] }} chart="line" locale="en" />);
    expect(html).not.toContain("<svg");
    expect(html).toContain("There is no data to show yet.");
  });
});
