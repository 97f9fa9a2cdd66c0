// What the national-scale benchmark asks the server (bench/national.ts): the bare baseline, catalogue search,
// matching with five needs, the dashboard's figures as the insights API gives them, and the staff company lookup.

import { QUERIES, random, TOPICS } from "./catalogue-search-data.ts";
import type { RouteLoad } from "./national-load.ts";
import type { NationalReady } from "./national-server.ts";

const MUNICIPALITIES = [
  "0180",
  "1480",
  "1280",
  "0380",
  "1880",
  "1884",
  "2480",
  "0580",
  "1980",
  "2581",
  "0861",
];
const THEMES = ["financing", "recruitment", "digitalisation", "sustainability", "sales-export", "innovation"];
const SIZE_BANDS = ["0", "1-4", "5-9", "10-19", "20-49", "50-99"];
const DIVISIONS = ["25", "62", "41", "47", "56", "10", "28", "70", "43", "01"];
const LOOKUPS = ["Sjöbygg 12", "Lindkonsult", "5560123", "Andersson Åkeri", "Nordata 4711", "Stålhandel"];

function stockholmYear(): number {
  return Number(
    new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric" }).format(new Date()),
  );
}

/** The match requests: five needs each (themes, Swedish texts from the search queries, or both), seeded. */
function matchBodies(count: number): string[] {
  const rnd = random(20261230);
  const words = QUERIES.map((q) => q.q);
  const topics = Object.values(TOPICS);
  const bodies: string[] = [];
  for (let r = 0; r < count; r++) {
    const needs = Array.from({ length: 5 }, (_, k) => {
      const form = (r + k) % 3;
      const text =
        rnd() < 0.5
          ? `Vi behöver hjälp med ${words[Math.floor(rnd() * words.length)]}`
          : topics[Math.floor(rnd() * topics.length)]!.summaries[0]!;
      const theme = THEMES[Math.floor(rnd() * THEMES.length)]!;
      return form === 0 ? { theme } : form === 1 ? { text } : { theme, text };
    });
    bodies.push(
      JSON.stringify({
        company: {
          municipality: MUNICIPALITIES[r % MUNICIPALITIES.length],
          sni: `${DIVISIONS[r % DIVISIONS.length]}100`,
          sizeBand: SIZE_BANDS[r % SIZE_BANDS.length],
        },
        needs,
        limit: 10,
        includeNearMisses: r % 4 === 3,
      }),
    );
  }
  return bodies;
}

/**
 * The routes and how hard each is driven. The dashboard asks what /admin/insikter shows: last year by theme ×
 * municipality, a quarter by theme for one municipality, a quarter by municipality and last year's trend by
 * month × theme (all whole calendar periods, so the rollups answer), plus supply against demand (gaps).
 */
export function nationalRoutes(ready: NationalReady): RouteLoad[] {
  const year = stockholmYear() - 1;
  const quarters = [1, 2, 3, 4].map((q) => {
    const start = `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`;
    const end = new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);
    return { start, end };
  });
  const dashboard = [
    (_: number) => `groupBy=theme,municipality&from=${year}-01-01&to=${year}-12-31`,
    (i: number) => {
      const q = quarters[i % 4]!;
      return `groupBy=theme&municipality=${MUNICIPALITIES[i % MUNICIPALITIES.length]}&from=${q.start}&to=${q.end}`;
    },
    (i: number) => {
      const q = quarters[i % 4]!;
      return `groupBy=municipality&from=${q.start}&to=${q.end}`;
    },
    (_: number) => `groupBy=month,theme&from=${year}-01-01&to=${year}-12-31`,
  ];
  const bodies = matchBodies(200);
  const analyst = { authorization: `Bearer ${ready.analystToken}` };
  const navigator = { authorization: `Bearer ${ready.navigatorToken}` };
  return [
    {
      name: "bare",
      requests: 3_000,
      concurrency: 10,
      make: () => ({ method: "GET", path: "/__bench/bare" }),
    },
    {
      name: "catalogue search",
      requests: 1_000,
      concurrency: 10,
      make: (i) => ({
        method: "GET",
        path: `/api/v1/offers?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!.q)}`,
      }),
    },
    {
      name: "matching (5 needs)",
      requests: 600,
      concurrency: 10,
      manyAddresses: true,
      make: (i) => ({ method: "POST", path: "/api/v1/match", body: bodies[i % bodies.length]! }),
    },
    {
      name: "dashboard figures",
      requests: 600,
      concurrency: 10,
      headers: analyst,
      make: (i) => ({
        method: "GET",
        path: `/api/v1/insights/needs?${dashboard[i % dashboard.length]!(Math.floor(i / 4))}`,
      }),
    },
    {
      name: "dashboard supply/gaps",
      // Slow at this size (docs/benchmarks.md): a few requests, one at a time, no warm-up.
      requests: 3,
      concurrency: 1,
      warmup: 0,
      timeoutMs: 180_000,
      headers: analyst,
      make: (i) => ({
        method: "GET",
        path: `/api/v1/insights/gaps${i % 2 === 0 ? "" : `?municipality=${MUNICIPALITIES[i % MUNICIPALITIES.length]}`}`,
      }),
    },
    {
      name: "company lookup (staff)",
      requests: 60,
      concurrency: 4,
      warmup: 4,
      headers: navigator,
      make: (i) => ({
        method: "GET",
        path: `/api/v1/companies?q=${encodeURIComponent(LOOKUPS[i % LOOKUPS.length]!)}&pageSize=20`,
      }),
    },
  ];
}
