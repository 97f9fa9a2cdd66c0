/**
 * Charts of the needs-intelligence views (issue 8), drawn as SVG on the server: no JavaScript, and no inline
 * styles (the CSP forbids them), so every colour, dash and font size comes from lots-chart classes in
 * lots.css, which use Designsystemet's tokens and so follow the light and dark schemes. A chart is a picture
 * for sighted readers; screen readers get its short summary and the data table under it, which holds every
 * figure. Suppressed counts ("< 3" and "..") never reach the SVG as a number, a bar length or an axis extent.
 */
import { formatNumber, type Locale } from "#src/shared/i18n.ts";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { chartsMessages } from "./insights.charts.messages.ts";
import {
  columnKind,
  hasSuppressed,
  type InsightRow,
  type InsightTable,
  type InsightValue,
  isNumericValue,
  type NumericKind,
  numericValue,
  valueText,
} from "./insights.table.ts";

/** Lines drawn at most in a trend chart; more would be a tangle, and the table holds the rest. */
export const MAX_SERIES = 8;

// The viewBox is narrow so that the 18-unit text (lots.css) stays 13 px on a 320 px screen; lots.css caps
// the width at 30rem so it does not grow past about 22 px on a wide one.
const WIDTH = 400;
// Average advance of an 18-unit system-ui glyph, to fit and truncate labels without measuring text.
const CHAR = 10;
const LABEL_WIDTH = 170;
const NOT_APPLICABLE: InsightValue = { kind: "percent", value: null, suppressed: false };

/**
 * 3 to 5 evenly spaced axis values from 0 covering `max`, on a step of 1, 2 or 5 times a power of ten (never
 * finer than a whole company, a whole percent or a tenth of a day). `maxTicks` (3..5) lowers the count where
 * the labels would not fit.
 */
export function niceTicks(max: number, kind: NumericKind, maxTicks = 5): number[] {
  const limit = Math.min(5, Math.max(3, Math.floor(maxTicks)));
  const minStep = kind === "count" ? 1 : kind === "percent" ? 0.01 : 0.1;
  const top = Number.isFinite(max) && max > 0 ? max : 0;
  let step: number | undefined;
  for (let power = Math.floor(Math.log10(minStep)); step === undefined; power++) {
    step = [1, 2, 5]
      .map((m) => m * 10 ** power)
      .find((s) => s >= minStep - 1e-12 && Math.ceil(top / s - 1e-9) <= limit - 1);
  }
  const intervals = Math.max(Math.ceil(top / step - 1e-9), 2);
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toFixed(10)));
}

/** An axis label: the number the Swedish way, percent with "%", days without the unit word. */
export function tickText(value: number, kind: NumericKind): string {
  if (kind === "percent") return formatNumber(value, { style: "percent", maximumFractionDigits: 0 });
  return formatNumber(value, { maximumFractionDigits: kind === "days" ? 1 : 0 });
}

/** Shortens a label to `max` characters with "…", by code points so å, ä, ö and emoji are never split. */
export function truncateLabel(label: string, max: number): string {
  const chars = Array.from(label);
  const kept = chars.slice(0, Math.max(1, max - 1)).join("");
  return chars.length <= max ? label : `${kept.trimEnd()}…`;
}

/** The href of an export link: `exportBase` with `format` and `table` added after `?` or `&`. */
export function exportHref(exportBase: string, format: "csv" | "xlsx", tableId: string): string {
  const hashAt = exportBase.indexOf("#");
  const base = hashAt === -1 ? exportBase : exportBase.slice(0, hashAt);
  const separator = !base.includes("?") ? "?" : /[?&]$/.test(base) ? "" : "&";
  return `${base}${separator}format=${format}&table=${encodeURIComponent(tableId)}`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Horizontal bars, one per row of `table`, for value column `column` (counts or percentages). A suppressed
 * value draws no bar but its visible label ("< 3" or ".."); zero draws no bar and "0". Row labels sit left of the bars,
 * shortened when long, with the full label and value in a tooltip. `labelledBy` names the element that
 * summarises the chart (its figcaption); without it the table title (the SVG's <title>) names it.
 */
export function BarChart(props: {
  table: InsightTable;
  column: number;
  locale: Locale;
  labelledBy?: string;
}) {
  const { table, column, locale, labelledBy } = props;
  const kind = columnKind(table, column) ?? "count";
  const values = table.rows.map((row) => row.values[column] ?? NOT_APPLICABLE);
  const texts = values.map((value) => valueText(value, locale));
  const numbers = values.map(numericValue);
  const max = Math.max(0, ...numbers.filter((n): n is number => n !== null));

  const valueWidth = Math.max(1, ...texts.map((text) => Array.from(text).length)) * CHAR + 10;
  const x0 = LABEL_WIDTH;
  const plotWidth = WIDTH - LABEL_WIDTH - valueWidth;
  // The most ticks (5 down to 3) whose labels fit side by side under the plot.
  let ticks = niceTicks(max, kind, 3);
  for (const candidate of [5, 4]) {
    const tried = niceTicks(max, kind, candidate);
    const widest = Math.max(...tried.map((v) => tickText(v, kind).length)) * CHAR + 8;
    if (plotWidth / (tried.length - 1) >= widest) {
      ticks = tried;
      break;
    }
  }
  const scaleTop = ticks[ticks.length - 1]!;
  const top = 4;
  const rowHeight = 32;
  const axisY = top + table.rows.length * rowHeight;
  const height = axisY + 28;
  const labelChars = Math.floor((LABEL_WIDTH - 14) / CHAR);

  return (
    <svg
      class="lots-chart lots-chart--bar"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={labelledBy}
    >
      <title>{table.title}</title>
      {ticks.map((tick) => {
        const x = round(x0 + (tick / scaleTop) * plotWidth);
        return (
          <g>
            <line class="lots-chart__grid" x1={x} y1={top} x2={x} y2={axisY} />
            <text class="lots-chart__tick" x={x} y={axisY + 20} text-anchor="middle">
              {tickText(tick, kind)}
            </text>
          </g>
        );
      })}
      <line class="lots-chart__axis" x1={x0} y1={top} x2={x0} y2={axisY} />
      {table.rows.map((row, i) => {
        const n = numbers[i] ?? null;
        const barWidth = n !== null && n > 0 ? Math.max(2, (n / scaleTop) * plotWidth) : 0;
        const cy = top + i * rowHeight + rowHeight / 2;
        const value = values[i]!;
        const suppressed = isNumericValue(value) && value.suppressed;
        return (
          <g class="lots-chart__row">
            <title>{`${row.header}: ${texts[i]}`}</title>
            <text class="lots-chart__label" x={x0 - 8} y={cy} dy="0.35em" text-anchor="end">
              {truncateLabel(row.header, labelChars)}
            </text>
            {barWidth > 0 ? (
              <rect class="lots-chart__bar" x={x0} y={cy - 10} width={round(barWidth)} height={20} />
            ) : null}
            <text
              class={suppressed ? "lots-chart__value lots-chart__value--suppressed" : "lots-chart__value"}
              x={round(x0 + barWidth + 6)}
              y={cy}
              dy="0.35em"
            >
              {texts[i]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

type Shape = (x: number, y: number) => string;
/** A polygon marker from its corners' offsets, written "dx dy dx dy …". */
const polygon =
  (offsets: string): Shape =>
  (x, y) => {
    const n = offsets.split(" ").map(Number);
    const corners = n.flatMap((dx, i) => (i % 2 === 0 ? [`${round(x + dx)} ${round(y + n[i + 1]!)}`] : []));
    return `M${corners.join("L")}Z`;
  };
const star = Array.from({ length: 10 }, (_, i) => {
  const radius = i % 2 === 0 ? 6 : 2.6;
  const angle = -Math.PI / 2 + (i * Math.PI) / 5;
  return `${round(radius * Math.cos(angle))} ${round(radius * Math.sin(angle))}`;
}).join(" ");
// One marker shape per series, beside its colour and dash pattern, so colour is never the only cue:
// circle, square, triangle, diamond, triangle down, plus, star, wide bar.
const SHAPES: Shape[] = [
  (x, y) => `M${round(x - 4.5)} ${y}a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z`,
  polygon("-4 -4 4 -4 4 4 -4 4"),
  polygon("0 -5.5 5 3.5 -5 3.5"),
  polygon("0 -5.5 5.5 0 0 5.5 -5.5 0"),
  polygon("0 5.5 5 -3.5 -5 -3.5"),
  polygon("-1.8 -5 1.8 -5 1.8 -1.8 5 -1.8 5 1.8 1.8 1.8 1.8 5 -1.8 5 -1.8 1.8 -5 1.8 -5 -1.8 -1.8 -1.8"),
  polygon(star),
  polygon("-6 -2.5 6 -2.5 6 2.5 -6 2.5"),
];

/** A marker of series `index` centred on (x, y), as path data. */
function marker(index: number, x: number, y: number): string {
  return SHAPES[index % SHAPES.length]!(x, y);
}

/**
 * A trend chart: the table's columns are points in time ("jan. 2026") and each row is one line (a theme),
 * at most {@link MAX_SERIES}. A suppressed point breaks the line and is marked by a hollow marker on the
 * baseline, never at its value; a not-applicable point is just a gap. The legend under the chart is text.
 */
export function LineChart(props: { table: InsightTable; locale: Locale; labelledBy?: string }) {
  const { table, locale, labelledBy } = props;
  const t = chartsMessages(locale);
  const series = table.rows.slice(0, MAX_SERIES);
  const count = table.columns.length;
  const kind =
    table.columns.map((_, c) => columnKind({ ...table, rows: series, total: undefined }, c)).find(Boolean) ??
    "count";
  const cells = series.map((row) => table.columns.map((_, c) => row.values[c] ?? NOT_APPLICABLE));
  const max = Math.max(0, ...cells.flat().flatMap((v) => numericValue(v) ?? []));
  const ticks = niceTicks(max, kind);
  const scaleTop = ticks[ticks.length - 1]!;

  const x0 = Math.max(...ticks.map((v) => tickText(v, kind).length)) * CHAR + 12;
  const plotWidth = WIDTH - x0 - 12;
  const top = 10;
  const axisY = top + 180;
  const height = axisY + 32;
  const slot = plotWidth / Math.max(count, 1);
  const xAt = (c: number) => round(x0 + (c + 0.5) * slot);
  const yAt = (v: number) => round(axisY - (v / scaleTop) * (axisY - top));
  // Every nth time label, so the labels never overlap; the table has them all.
  const labelWidth = Math.max(1, ...table.columns.map((c) => Array.from(c).length)) * CHAR + 10;
  const every = Math.max(1, Math.ceil(labelWidth / slot));
  const labelChars = Math.floor(Math.min(plotWidth, labelWidth) / CHAR);
  const suppressedAny = hasSuppressed({ ...table, rows: series, total: undefined });

  return (
    <div class="lots-chart-wrap">
      <svg
        class="lots-chart lots-chart--line"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={labelledBy}
      >
        <title>{table.title}</title>
        {ticks.map((tick) => (
          <g>
            <line class="lots-chart__grid" x1={x0} y1={yAt(tick)} x2={x0 + plotWidth} y2={yAt(tick)} />
            <text class="lots-chart__tick" x={x0 - 6} y={yAt(tick)} dy="0.35em" text-anchor="end">
              {tickText(tick, kind)}
            </text>
          </g>
        ))}
        <line class="lots-chart__axis" x1={x0} y1={axisY} x2={x0 + plotWidth} y2={axisY} />
        {table.columns.map((label, c) =>
          c % every === 0 ? (
            <text class="lots-chart__tick" x={xAt(c)} y={axisY + 22} text-anchor="middle">
              {truncateLabel(label, labelChars)}
            </text>
          ) : null,
        )}
        {series.map((row, i) => (
          <g class={`lots-chart__series lots-chart__series--${i}`}>
            <title>{row.header}</title>
            <path class="lots-chart__line" d={linePath(cells[i]!, xAt, yAt)} />
            {cells[i]!.map((value, c) => {
              const n = numericValue(value);
              const hidden = isNumericValue(value) && value.suppressed;
              if (n === null && !hidden) return null;
              return (
                <path
                  class={hidden ? "lots-chart__marker lots-chart__marker--hollow" : "lots-chart__marker"}
                  d={marker(i, xAt(c), hidden ? axisY : yAt(n!))}
                >
                  <title>{`${row.header}, ${table.columns[c]}: ${valueText(value, locale)}`}</title>
                </path>
              );
            })}
          </g>
        ))}
      </svg>
      <Legend series={series} suppressed={suppressedAny} locale={locale} />
      {table.rows.length > MAX_SERIES ? (
        <p class="ds-paragraph" data-size="sm">
          {t("legend.more", { shown: MAX_SERIES, total: table.rows.length })}
        </p>
      ) : null}
    </div>
  );
}

/** The line's path: runs of drawable points joined, broken at every suppressed or not-applicable point. */
function linePath(values: InsightValue[], xAt: (c: number) => number, yAt: (v: number) => number): string {
  let d = "";
  let drawing = false;
  values.forEach((value, c) => {
    const n = numericValue(value);
    if (n === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? "L" : "M"}${xAt(c)} ${yAt(n)}`;
    drawing = true;
  });
  return d;
}

/** The line chart's legend as real text: each series' line and marker beside its name, then "< 3". */
function Legend(props: { series: InsightRow[]; suppressed: boolean; locale: Locale }) {
  const t = chartsMessages(props.locale);
  return (
    <ul class="lots-chart-legend" aria-label={t("legend.label")}>
      {props.series.map((row, i) => (
        <li>
          <svg class="lots-chart-legend__key" viewBox="0 0 40 16" aria-hidden="true" focusable="false">
            <g class={`lots-chart__series lots-chart__series--${i}`}>
              <path class="lots-chart__line" d="M2 8H38" />
              <path class="lots-chart__marker" d={marker(i, 20, 8)} />
            </g>
          </svg>
          {row.header}
        </li>
      ))}
      {props.suppressed ? (
        <li>
          <svg class="lots-chart-legend__key" viewBox="0 0 40 16" aria-hidden="true" focusable="false">
            <path
              class="lots-chart__marker lots-chart__marker--hollow lots-chart__marker--key"
              d={marker(0, 20, 8)}
            />
          </svg>
          {t("legend.suppressed")}
        </li>
      ) : null}
    </ul>
  );
}

/**
 * The data table behind a chart: caption, column and row headers with their scopes, numbers right-aligned
 * in Swedish format, suppressed counts as "< 3" (1 or 2) or ".." (hidden as a complement), the total row last
 * in a <tfoot>. A wide table scrolls sideways inside its wrapper, so the wrapper is a named, focusable region
 * (a <section> named by the table's title, with Designsystemet's focus ring) that keyboard users can scroll
 * too (WCAG 2.1.1, axe's scrollable-region-focusable): the table holds no link or field to take the focus.
 */
export function InsightDataTable(props: { table: InsightTable; locale: Locale }) {
  const { table, locale } = props;
  const numeric = table.columns.map((_, c) => columnKind(table, c) !== null);
  const cells = (row: InsightRow) =>
    table.columns.map((_, c) => {
      const value = row.values[c] ?? NOT_APPLICABLE;
      // data-kind says what a figure is, so checks (and scripts reading the page) can tell company counts
      // from other numbers such as offers or days.
      return (
        <td class={isNumericValue(value) ? "lots-num" : undefined} data-kind={value.kind}>
          {valueText(value, locale)}
        </td>
      );
    });
  return (
    <TableScroll label={table.title}>
      <table class="ds-table" data-border>
        <caption>{table.title}</caption>
        <thead>
          <tr>
            <th scope="col">{table.rowHeader}</th>
            {table.columns.map((column, c) => (
              <th scope="col" class={numeric[c] ? "lots-num" : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              <th scope="row">{row.header}</th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        {table.total ? (
          <tfoot>
            <tr>
              <th scope="row">{table.total.header}</th>
              {cells(table.total)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </TableScroll>
  );
}

/**
 * A chart with its data table in one <figure>: the figcaption (title and a short summary) names the chart,
 * the table holds every figure, the notes follow, and with `exportBase` two links fetch the table as CSV and
 * XLSX (`format=csv|xlsx&table=<id>` added to `exportBase`). The figure's id is the table's id, for anchors.
 * `column` picks the bar chart's value column (default 0).
 */
export function ChartWithTable(props: {
  table: InsightTable;
  chart: "bar" | "line";
  column?: number;
  locale: Locale;
  exportBase?: string;
}) {
  const { table, chart, locale, exportBase } = props;
  const column = props.column ?? 0;
  const t = chartsMessages(locale);
  const titleId = `${table.id}-title`;
  const captionId = `${table.id}-caption`;
  const empty = table.rows.length === 0 || table.columns.length === 0;
  return (
    <figure class="lots-insight" id={table.id}>
      <figcaption id={captionId} class="lots-insight__caption">
        <span id={titleId} class="lots-insight__title">
          {table.title}
        </span>{" "}
        <span class="lots-insight__summary">
          {chart === "bar"
            ? t("bar.description", { column: table.columns[column] ?? "" })
            : t("line.description")}
        </span>
      </figcaption>
      {empty ? (
        <p class="ds-paragraph">{t("chart.empty")}</p>
      ) : chart === "bar" ? (
        <BarChart table={table} column={column} locale={locale} labelledBy={captionId} />
      ) : (
        <LineChart table={table} locale={locale} labelledBy={captionId} />
      )}
      <InsightDataTable table={table} locale={locale} />
      {table.notes.map((note) => (
        <p class="ds-paragraph lots-insight__note" data-size="sm">
          {note}
        </p>
      ))}
      {exportBase !== undefined ? (
        <p class="lots-actions">
          <a class="ds-link" href={exportHref(exportBase, "csv", table.id)} aria-describedby={titleId}>
            {t("export.csv")}
          </a>
          <a class="ds-link" href={exportHref(exportBase, "xlsx", table.id)} aria-describedby={titleId}>
            {t("export.xlsx")}
          </a>
        </p>
      ) : null}
    </figure>
  );
}
