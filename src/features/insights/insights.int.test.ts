import { parse } from "csv-parse/sync";
import readExcelFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withdrawConsent } from "#src/features/consent/consent.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import {
  expectProtected,
  type Line,
  linesOfPageTable,
  readShown,
  tablesOfPage,
} from "#tests/support/insights-checks.ts";
import { makeCompanyWithNeeds } from "#tests/support/insights-fixtures.ts";
import { freshOrgNumber, publishedSurvey, validSubmission } from "#tests/support/intake-fixtures.ts";
import { createUserWithRole, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { periodContaining } from "./insights.periods.ts";
import { rollupRows } from "./insights.repository.ts";
import { countDirtySubjects } from "./insights.rollup.ts";
import { startInsightsWorker } from "./insights.worker.ts";

// Issue 8, must-shows 1–3 over HTTP: a handful of companies in one municipality, read through every view,
// export and API answer; a need from the intake in the next figures and out of them after a withdrawal; the
// gap view.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let cookie: string;
let region: string;
const today = stockholmDate(new Date());
const quarter = periodContaining("quarter", today);
const year = periodContaining("year", today);
// A moment inside this quarter and before now, so every figure below is in the current quarter.
const earlier = new Date(Math.max(Date.parse(`${quarter.start}T12:00:00Z`), Date.now() - 3_600_000));

// Lindesberg (1885): ten companies, one need each, nine with a statistics consent.
const HANDFUL: [theme: string, companies: number][] = [
  ["financing", 4],
  ["recruitment", 1],
  ["digitalisation", 2],
  ["sales-export", 3],
];

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  region = await makeOrganisation(testDb.db, "Region Orebro lan", "region");
  const analyst = await createUserWithRole(testDb.db, region, "analyst");
  cookie = (await signIn(app, testDb.db, { email: analyst.email })).cookie;
  for (const [theme, companies] of HANDFUL) {
    for (let i = 0; i < companies; i++) {
      await makeCompanyWithNeeds(testDb.db, region, {
        municipality: "1885",
        sni: "25620",
        sizeBand: i % 2 === 0 ? "1-4" : "10-19",
        needs: [{ theme, at: earlier }],
      });
    }
  }
  await makeCompanyWithNeeds(testDb.db, region, {
    municipality: "1885",
    statistics: false,
    needs: [{ theme: "financing", at: earlier }],
  });
});
afterAll(async () => {
  await testDb?.close();
});

const get = (path: string) => app.request(path, { headers: { cookie } });

async function html(path: string): Promise<string> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

const PAGES = [
  "/admin/insikter",
  "/admin/insikter/utbud",
  "/admin/insikter/lotsning",
  "/admin/insikter/enkater",
];

describe("small counts (must-show 1)", () => {
  it("hides every count below 3 on every page, also against subtraction from a total", async () => {
    let checked = 0;
    for (const period of [quarter.code, year.code]) {
      for (const page of [...PAGES.map((p) => `${p}?period=${period}&kommun=1885`), "/statistik"]) {
        const tables = tablesOfPage(await html(page));
        expect(tables.size, page).toBeGreaterThan(0);
        for (const [id, table] of tables) {
          const lines = linesOfPageTable(`${page} ${id}`, table, id === "needs-by-municipality");
          expectProtected(lines);
          checked += lines.length;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
    // And the figures are really there: four companies with financing needs; the one without consent is out.
    const tables = tablesOfPage(await html(`/admin/insikter?period=${quarter.code}&kommun=1885`));
    const byTheme = tables.get("needs-by-theme")!;
    expect(readShown(byTheme.rows[0]![0]!.text)).toBe(4);
    expect(readShown(byTheme.total![0]!.text)).toBe(10);
    expect(readShown(byTheme.rows[1]![0]!.text)).toBeNull();
  });

  it("hides them in every CSV and XLSX export, cell for cell as on the page", async () => {
    for (const page of PAGES.map((p) => `${p}?period=${quarter.code}&kommun=1885`)) {
      const tables = tablesOfPage(await html(page));
      const [path, query] = page.split("?");
      for (const [id, table] of tables) {
        const csv = await get(`${path}/export?${query}&format=csv&table=${id}`);
        expect(csv.status).toBe(200);
        expect(csv.headers.get("content-type")).toContain("text/csv");
        const records: string[][] = parse((await csv.text()).replace(/^\uFEFF/, ""), {
          relax_column_count: true,
        });
        const shownOnPage = table.rows.map((row) => row.map((cell) => cell.text.replace(/&lt;/g, "<")));
        // The CSV's body rows follow its header row, in the page's order, with the same texts for counts.
        for (const [r, row] of shownOnPage.entries()) {
          row.forEach((text, c) => {
            if (table.rows[r]![c]!.kind !== "count") return;
            const cell = records[r + 1]![c + 1]!;
            expect(readShown(cell), `${id} ${r},${c}`).toBe(readShown(text));
          });
        }
        const xlsx = await get(`${path}/export?${query}&format=xlsx&table=${id}`);
        expect(xlsx.status).toBe(200);
        const [sheet] = await readExcelFile(Buffer.from(await xlsx.arrayBuffer()));
        // The sheet holds the title, the header row, then the body rows: counts as numbers, hidden ones as text.
        for (const [r, row] of table.rows.entries()) {
          row.forEach((cell, c) => {
            if (cell.kind !== "count") return;
            const written = sheet!.data[r + 2]![c + 1];
            const shown = readShown(cell.text);
            expect(shown === null ? readShown(String(written)) : written, `${id} xlsx ${r},${c}`).toBe(shown);
          });
        }
      }
    }
  });

  it("hides them in the API, also against subtraction from the total", async () => {
    const q = `from=${quarter.start}&to=${quarter.end}&municipality=1885`;
    for (const groupBy of ["theme", "sizeBand", "theme,sizeBand", "theme,municipality", "sniSection"]) {
      const response = await get(`/api/v1/insights/needs?groupBy=${groupBy}&${q}`);
      expect(response.status, groupBy).toBe(200);
      const body = (await response.json()) as {
        rows: ({ count: number | null; suppressed: boolean } & Record<string, string>)[];
        total: number | null;
      };
      for (const row of body.rows) expect(row.suppressed).toBe(row.count === null);
      const dims = groupBy.split(",");
      const lines: Line[] = [];
      if (dims.length === 1)
        lines.push({ label: groupBy, cells: body.rows.map((r) => r.count), total: body.total });
      else {
        for (const value of new Set(body.rows.map((r) => r[dims[0]!]!))) {
          const cells = body.rows.filter((r) => r[dims[0]!] === value).map((r) => r.count);
          lines.push({ label: `${groupBy} ${value}`, cells, total: null });
        }
      }
      expectProtected(lines);
    }
    const answer = (await (await get(`/api/v1/insights/needs?groupBy=theme&${q}`)).json()) as {
      rows: { theme: string; count: number | null }[];
      total: number;
    };
    expect(answer.total).toBe(10);
    expect(answer.rows.find((r) => r.theme === "financing")!.count).toBe(4);
    expect(answer.rows.find((r) => r.theme === "recruitment")!.count).toBeNull();
    const gaps = (await (await get("/api/v1/insights/gaps?municipality=1885")).json()) as {
      rows: { count: number | null }[];
    };
    for (const row of gaps.rows) expect(row.count === null || row.count >= 3).toBe(true);
  });

  it("answers unknown codes with 400 naming the field, and refuses callers who may not see insights", async () => {
    const bad = await get("/api/v1/insights/needs?groupBy=theme&municipality=9999");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("municipality");
    expect((await app.request("/api/v1/insights/needs")).status).toBe(401);
    const advisor = await createUserWithRole(testDb.db, region, "advisor");
    const advisorCookie = (await signIn(app, testDb.db, { email: advisor.email })).cookie;
    expect((await app.request("/admin/insikter", { headers: { cookie: advisorCookie } })).status).toBe(403);
  });
});

describe("live figures (must-show 2)", () => {
  it("counts a need from the intake in the next figures, and not after the company withdraws", async () => {
    const nora = `from=${quarter.start}&to=${quarter.end}&municipality=1884&groupBy=theme`;
    for (let i = 0; i < 3; i++) {
      await makeCompanyWithNeeds(testDb.db, region, {
        municipality: "1884",
        needs: [{ theme: "financing", at: earlier }],
      });
    }
    const financing = async () => {
      const body = (await (await get(`/api/v1/insights/needs?${nora}`)).json()) as {
        rows: { theme: string; count: number | null }[];
      };
      return body.rows.find((r) => r.theme === "financing")?.count;
    };
    expect(await financing()).toBe(3);

    const { campaign } = await publishedSurvey(testDb.db, region);
    const { company } = await submitResponse(
      testDb.db,
      { campaignSlug: campaign.slug, ...validSubmission(freshOrgNumber()) },
      { actor: ANONYMOUS },
    );
    // No waiting: the next read counts it.
    expect(await financing()).toBe(4);
    const page = tablesOfPage(await html(`/admin/insikter?period=${quarter.code}&kommun=1884`));
    expect(readShown(page.get("needs-by-theme")!.rows[0]![0]!.text)).toBe(4);

    await withdrawConsent(testDb.db, company!.id, "statistics", { actor: ANONYMOUS, via: "private-link" });
    expect(await financing()).toBe(3);
  });

  it("has the rollup worker count a need within 5 seconds without anyone reading", async () => {
    await makeCompanyWithNeeds(testDb.db, region, {
      municipality: "1880",
      needs: [{ theme: "innovation", at: earlier }],
    });
    expect(await countDirtySubjects(testDb.db)).toBeGreaterThan(0);
    const worker = startInsightsWorker({ db: testDb.db, logger: silentLogger() });
    try {
      const started = Date.now();
      let rows: Awaited<ReturnType<typeof rollupRows>> = [];
      while (Date.now() - started < 5_000) {
        rows = await rollupRows(
          testDb.db,
          { from: quarter.start, to: quarter.end, groupBy: ["theme"], municipalities: ["1880"] },
          { kind: "quarter", starts: [quarter.start] },
        );
        if (rows.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(rows).toEqual([{ key: { theme: "innovation" }, companies: 1 }]);
    } finally {
      await worker.stop();
    }
  });
});

describe("gaps (must-show 3)", () => {
  it("lists a theme and municipality with open needs and no eligible active offer", async () => {
    const offers = await createOffers(testDb.db, [
      {
        organisationId: region,
        slug: "finansiering-i-lanet",
        name: "Lån i länet",
        summary: "Lån till företag i Örebro län.",
        description: "För företag i länet.",
        formats: ["loan"],
        themes: ["financing"],
        costType: "loan",
        eligibleCountyCodes: ["18"],
      },
      {
        organisationId: region,
        slug: "rekrytering-for-stora",
        name: "Rekryteringsstöd för stora företag",
        summary: "För företag med minst 200 anställda.",
        description: "Bara stora företag.",
        formats: ["advice"],
        themes: ["recruitment"],
        costType: "free",
        sizeBands: ["200-499"],
      },
    ]);
    expect(offers).toHaveLength(2);
    const body = (await (await get("/api/v1/insights/gaps?municipality=1885")).json()) as {
      rows: { theme: string; municipality: string; gap: boolean; offers: number }[];
    };
    const cell = (theme: string) => body.rows.find((r) => r.theme === theme && r.municipality === "1885");
    expect(cell("financing")).toMatchObject({ gap: false, offers: 1 });
    // The recruitment offer exists but no company there is big enough for it: a gap.
    expect(cell("recruitment")).toMatchObject({ gap: true, offers: 0 });
    expect(cell("sales-export")).toMatchObject({ gap: true, offers: 0 });

    const page = tablesOfPage(await html("/admin/insikter/utbud?kommun=1885"));
    const gapRows = (await html("/admin/insikter/utbud?kommun=1885")).match(
      /<figure class="lots-insight" id="gaps">[\s\S]*?<\/figure>/,
    )![0];
    expect(gapRows).toContain("Kompetensförsörjning och rekrytering – Lindesberg");
    expect(gapRows).not.toContain("Finansiering och likviditet – Lindesberg");
    expect(page.get("supply")!.rows.length).toBe(4);
  });
});

function silentLogger() {
  // A pino-like logger that says nothing: the worker only logs.
  const logger = {
    child: () => logger,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  return logger as never;
}
