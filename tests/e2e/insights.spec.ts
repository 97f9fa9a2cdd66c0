import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { periodContaining, periodLabel, previousPeriod } from "#src/features/insights/insights.periods.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import { launchBrowser } from "#tests/support/browser.ts";
import { expectNoSeriousViolations, submitting, tabTo } from "#tests/support/e2e-page.ts";

// Issue 8, must-show 4: the demo analyst signs in with the keyboard, opens Behovsbild from the staff menu,
// filters it to one municipality and last quarter with the keyboard only, reads a chart's data table,
// downloads that table as CSV and finds the same figures in it, cell by cell. axe finds no serious or
// critical violation on any page or state visited: the filtered view, the filter with an invalid period,
// the other three views and the public open-data page.

// The callbacks given to page.evaluate run in the browser; the project has no DOM types.
type SelectElement = { value: string };
declare const document: { activeElement: SelectElement | null };

const baseUrl = inject("baseUrl");
const STAFF_MENU = "Personalmeny";
const ANALYST = "sara.nystrom@regionorebrolan.example";
/** Nora: the demo's needs survey is Nora kommun's, so its companies have needs in every recent quarter. */
const NORA = { code: "1884", label: "Nora kommun", typed: "Nora" };
/** The chart whose table the journey reads: companies with needs per municipality and theme. */
const TABLE_ID = "needs-by-municipality";
/**
 * What a count cell may show: a number in Swedish format (groups of three digits split by a space, never
 * "< 3" as a number), "< 3" for 1 or 2 companies, or ".." for a count hidden so a small one cannot be
 * worked out. Zero is shown as 0.
 */
const COUNT_CELL = /^(0|[1-9]\d{0,2}([\u00a0\u202f ]\d{3})*|< 3|\.\.)$/;

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newSession(): Promise<{ context: BrowserContext; page: Page; scripts: string[] }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on("dialog", async (dialog) => {
    scripts.push(dialog.message());
    await dialog.dismiss();
  });
  return { context, page, scripts };
}

/** Signs in on /logga-in by typing into the fields with the keyboard and pressing Enter. */
async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/logga-in");
  await tabTo(page, "#email");
  await page.keyboard.type(email);
  await tabTo(page, "#password");
  await page.keyboard.type(DEMO_PASSWORD);
  await submitting(page, () => page.keyboard.press("Enter"));
  expect(new URL(page.url()).pathname).not.toBe("/logga-in");
}

/** The value of the focused select. */
const focusedValue = (page: Page) => page.evaluate(() => document.activeElement?.value ?? "");

/**
 * Chooses `value` in the select `selector` with the keyboard: Tab to it, then Home and ArrowDown until the
 * option is chosen (a closed select changes its value on the arrow keys without opening its list).
 */
async function chooseWithArrows(page: Page, selector: string, value: string, max = 40): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press("Home");
  for (let i = 0; i < max && (await focusedValue(page)) !== value; i++)
    await page.keyboard.press("ArrowDown");
  expect(await focusedValue(page), `${selector} reached ${value} with the arrow keys`).toBe(value);
}

/** The table's cells as text, row by row: header row, body rows, total row. */
async function tableCells(table: Locator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await table.locator("thead tr, tbody tr, tfoot tr").all()) {
    const cells = await row.locator("th, td").allTextContents();
    rows.push(cells.map((cell) => cell.trim()));
  }
  return rows;
}

/** A page cell as the CSV writes it: Swedish digit groups joined ("1 234" → "1234"), anything else as is. */
const asCsv = (cell: string) =>
  /^\d{1,3}([\u00a0\u202f ]\d{3})+$/.test(cell) ? cell.replace(/\D/g, "") : cell;

describe("insights: the analyst's needs picture", () => {
  it("filters by municipality and quarter with the keyboard, reads a chart's table and downloads it as CSV", async () => {
    const { context, page, scripts } = await newSession();
    const main = page.locator("main");
    await signIn(page, ANALYST);
    await expectNoSeriousViolations(page, "the analyst's start page");

    // 1. Behovsbild from the staff menu, with the keyboard.
    const menu = page.getByRole("navigation", { name: STAFF_MENU });
    expect(await menu.getByRole("link").allTextContents()).toContain("Behovsbild");
    await tabTo(page, `nav[aria-label="${STAFF_MENU}"] a[href="/admin/insikter"]`);
    const opened = await submitting(page, () => page.keyboard.press("Enter"));
    expect(opened.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/admin/insikter");
    expect(await page.locator("h1").textContent()).toBe("Behovsbild");
    expect(await menu.locator('[aria-current="page"]').textContent()).toBe("Behovsbild");
    await expectNoSeriousViolations(page, "Behovsbild as it opens");

    // 2. The filter: last quarter (the list starts with this quarter) and Nora, keyboard only.
    const quarter = previousPeriod(periodContaining("quarter", stockholmDate(new Date())));
    await chooseWithArrows(page, "#filter-period", quarter.code);
    await tabTo(page, "#filter-kommun");
    await page.keyboard.type(NORA.typed); // the select's type-ahead picks "Nora kommun"
    expect(await focusedValue(page), "type-ahead chose Nora").toBe(NORA.code);
    await tabTo(page, 'form[action="/admin/insikter"] button[type="submit"]');
    const filtered = await submitting(page, () => page.keyboard.press("Enter"));
    expect(filtered.status()).toBe(200);
    const query = new URL(page.url()).searchParams;
    expect([query.get("period"), query.get("kommun")]).toEqual([quarter.code, NORA.code]);
    // The page says what it shows, and the filter keeps the choice.
    const scope = main.getByRole("status").filter({ hasText: "Visar:" });
    expect(await scope.textContent()).toContain(`Visar: ${periodLabel(quarter, "sv")}, ${NORA.label}.`);
    expect(await page.locator("#filter-period").inputValue()).toBe(quarter.code);
    expect(await page.locator("#filter-kommun").inputValue()).toBe(NORA.code);
    await expectNoSeriousViolations(page, `Behovsbild for ${NORA.label}, ${quarter.code}`);

    // 3. The chart's data table: caption, headers and figures, each count in Swedish format or hidden.
    const figure = main.locator(`figure#${TABLE_ID}`);
    expect(await figure.locator("svg[role=img]").count(), "the chart is drawn").toBe(1);
    const table = figure.getByRole("table");
    const caption = `Företag med behov per kommun och tema, ${periodLabel(quarter, "sv")}`;
    expect(await table.locator("caption").textContent()).toBe(caption);
    expect(await page.getByRole("table", { name: caption }).count(), "the caption names the table").toBe(1);
    const onPage = await tableCells(table);
    const [header, ...rows] = onPage;
    expect(header![0]).toBe("Kommun");
    expect(header!.at(-1)).toBe("Alla teman (varje företag en gång)");
    expect(header).toContain("Finansiering och likviditet");
    expect(rows.map((row) => row[0])).toEqual([NORA.label, "Alla kommuner"]);
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      for (const cell of row.slice(1)) expect(cell, `a cell of ${row[0]}`).toMatch(COUNT_CELL);
    }
    expect(
      rows[0]!.slice(1).some((cell) => cell !== "0"),
      `${NORA.label} has companies with needs in ${quarter.code} (demo data)`,
    ).toBe(true);
    const notes = (await figure.locator(".lots-insight__note").allTextContents()).map((n) => n.trim());
    expect(notes.length).toBeGreaterThan(0);

    // 4. "Ladda ner CSV" under that table, with the keyboard: the same table, the same hidden cells.
    const csvLink = figure.getByRole("link", { name: "Ladda ner CSV" });
    const href = (await csvLink.getAttribute("href")) ?? "";
    const linkQuery = new URL(href, baseUrl).searchParams;
    expect([linkQuery.get("format"), linkQuery.get("table")]).toEqual(["csv", TABLE_ID]);
    expect([linkQuery.get("period"), linkQuery.get("kommun")]).toEqual([quarter.code, NORA.code]);
    await tabTo(page, `figure#${TABLE_ID} a[href*="format=csv"]`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^lots-insikter-needs-${TABLE_ID}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
    );
    const file = readFileSync(await download.path());
    expect([...file.subarray(0, 3)], "UTF-8 byte-order mark for Excel").toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(file, { bom: true, relax_column_count: true });
    expect(records[0], "the CSV's header row").toEqual(header);
    const csvRows = records.slice(1, 1 + rows.length);
    expect(csvRows, "the CSV's rows are the table's, cell by cell").toEqual(
      rows.map((row) => row.map(asCsv)),
    );
    for (const row of csvRows)
      for (const cell of row.slice(1)) expect(cell, `a CSV cell of ${row[0]}`).toMatch(/^(\d+|< 3|\.\.)$/);
    expect(records.slice(1 + rows.length), "then the table's notes").toEqual(notes.map((note) => [note]));
    // Still on the filtered page: downloading is not a navigation.
    expect(new URL(page.url()).searchParams.get("kommun")).toBe(NORA.code);

    // 5. A period that does not exist, typed into the address: an error summary, and the default figures.
    const invalid = await page.goto("/admin/insikter?period=2026-K9");
    expect(invalid?.status()).toBe(400);
    const summary = main.locator(".ds-error-summary");
    expect(await summary.count()).toBe(1);
    expect(await summary.textContent()).toContain("”2026-K9” är ingen period som Lots känner till");
    expect(await summary.locator('a[href="#filter-period"]').count()).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);
    await expectNoSeriousViolations(page, "Behovsbild with an invalid period");

    // 6. The other views, as they open and filtered to Nora and the quarter.
    for (const [path, title] of [
      ["/admin/insikter/utbud", "Utbud och luckor"],
      ["/admin/insikter/lotsning", "Lotsningens resultat"],
      ["/admin/insikter/enkater", "Enkäter och svar"],
    ] as const) {
      for (const search of ["", `?period=${quarter.code}&kommun=${NORA.code}`]) {
        const response = await page.goto(`${path}${search}`);
        expect(response?.status(), `${path}${search}`).toBe(200);
        expect(await page.locator("h1").textContent()).toBe(title);
        expect(await main.locator("figure table caption").count(), `tables on ${path}`).toBeGreaterThan(0);
        await expectNoSeriousViolations(page, `${path}${search}`);
      }
    }
    expect(scripts).toEqual([]);
    await context.close();

    // 7. The public open-data page, as anyone sees it.
    const visitor = await newSession();
    const open = await visitor.page.goto("/statistik");
    expect(open?.status()).toBe(200);
    expect(await visitor.page.locator("h1").textContent()).toBe("Öppna data: företagens behov");
    expect(await visitor.page.getByRole("link", { name: "Ladda ner CSV" }).count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(visitor.page, "/statistik");
    await visitor.context.close();
  }, 180_000);
});
