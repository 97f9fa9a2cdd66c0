// Catalogue search benchmark (part of `npm run bench`; alone: `BENCH_ONLY=catalogue npm run bench`).
// 10,000 generated offers (bench/catalogue-search-data.ts), a rotation of Swedish queries with relevance
// judgements from the generator, and in the same run over the same rows the reference: a plain PostgreSQL
// full-text query (`swedish` tsvector, GIN index, ts_rank). Reports p50/p99 latency and hit@10 for both,
// on PGlite and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. See docs/benchmarks.md.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createDb, type DbHandle } from "../src/db/client.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { searchCatalogue } from "../src/features/catalogue/catalogue.service.ts";
import { adminQuery, insertBenchOrganisations, insertGeneratedOffers, withDatabase } from "./bench-db.ts";
import { type BenchQuery, generateOffers, QUERIES } from "./catalogue-search-data.ts";

type Kind = "pglite" | "postgres";

const OFFERS = Number(process.env.BENCH_SEARCH_OFFERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);
const GOALS = { p99Ms: 30, p99Ratio: 1.5, hitAt10: 0.95 };

async function openDatabase(kind: Kind, adminUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-bench-search-"));
  if (kind === "pglite") {
    const handle = await createDb({ dataDir });
    return {
      handle,
      async cleanup() {
        await handle.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `lots_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl!, `CREATE DATABASE ${name}`);
  const handle = await createDb({ databaseUrl: withDatabase(adminUrl!, name), dataDir, poolSize: 2 });
  return {
    handle,
    async cleanup() {
      await handle.close();
      await adminQuery(adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Loads the generated offers (through the real triggers) and adds the plain reference's column and index. */
async function load(handle: DbHandle): Promise<Map<string, string>> {
  const { db } = handle;
  await migrateToLatest(db);
  const orgIds = await insertBenchOrganisations(db);
  const offers = generateOffers(OFFERS);
  const started = performance.now();
  await insertGeneratedOffers(db, offers, orgIds);
  const loadMs = performance.now() - started;
  await sql`alter table offers add column plain_vector tsvector
    generated always as (to_tsvector('swedish', name || ' ' || summary || ' ' || description)) stored`.execute(
    db,
  );
  await sql`create index offers_plain_vector_idx on offers using gin (plain_vector)`.execute(db);
  await sql`analyze`.execute(db);
  const terms = await sql<{ n: number }>`select count(*)::int as n from catalogue_terms`.execute(db);
  console.log(
    `loaded ${offers.length} offers in ${(loadMs / 1000).toFixed(1)} s (search triggers included); ` +
      `vocabulary ${terms.rows[0]!.n} words`,
  );
  const rows = await sql<{ id: string; slug: string }>`select id, slug from offers`.execute(db);
  const topicBySlug = new Map(offers.map((o) => [o.slug, o.topic]));
  return new Map(rows.rows.map((r) => [r.id, topicBySlug.get(r.slug)!]));
}

/** The reference: what a plain PostgreSQL full-text search does with the same words. */
async function plainSearch(handle: DbHandle, q: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    select o.id from offers o, plainto_tsquery('swedish', ${q}) query
    where o.plain_vector @@ query and o.status = 'active'
    order by ts_rank(o.plain_vector, query) desc, o.id
    limit 10`.execute(handle.db);
  return result.rows.map((r) => r.id);
}

async function catalogueSearch(handle: DbHandle, q: string): Promise<string[]> {
  const result = await searchCatalogue(handle.db, { q, pageSize: 10 }, "sv");
  return result.items.map((i) => i.id);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type EngineResult = { p50: number; p99: number; hits: number; misses: string[] };

async function benchKind(kind: Kind, adminUrl: string | undefined) {
  const { handle, cleanup } = await openDatabase(kind, adminUrl);
  try {
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(
      handle.db,
    );
    console.log(`\n== catalogue search on ${kind} (server_version ${version.rows[0]!.v})`);
    const topicById = await load(handle);
    // The first search builds the in-memory index (decision record 004); time it apart from the rest.
    let started = performance.now();
    await catalogueSearch(handle, "export");
    const buildMs = performance.now() - started;
    const engines = { search: catalogueSearch, plain: plainSearch } as const;
    const hit = (ids: string[], query: BenchQuery) =>
      ids.some((id) => query.topics.includes(topicById.get(id)!));

    // Warm-up and relevance: every query once per engine.
    const results: Record<keyof typeof engines, EngineResult> = {
      search: { p50: 0, p99: 0, hits: 0, misses: [] },
      plain: { p50: 0, p99: 0, hits: 0, misses: [] },
    };
    for (const query of QUERIES) {
      for (const [name, run] of Object.entries(engines) as [keyof typeof engines, typeof catalogueSearch][]) {
        if (hit(await run(handle, query.q), query)) results[name].hits++;
        else results[name].misses.push(`${query.q} (${query.kind})`);
      }
    }

    // Latency: rounds over the rotation, engines alternating which goes first.
    const times: Record<keyof typeof engines, number[]> = { search: [], plain: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, query] of QUERIES.entries()) {
        const order: (keyof typeof engines)[] =
          (round + i) % 2 === 0 ? ["search", "plain"] : ["plain", "search"];
        for (const name of order) {
          const started = performance.now();
          await engines[name](handle, query.q);
          times[name].push(performance.now() - started);
        }
      }
    }
    for (const name of ["search", "plain"] as const) {
      results[name].p50 = percentile(times[name], 50);
      results[name].p99 = percentile(times[name], 99);
    }
    // A change to one offer makes the next search rebuild the index.
    await sql`update offers set name = name || ' ' where id = (select id from offers order by id limit 1)`.execute(
      handle.db,
    );
    started = performance.now();
    await catalogueSearch(handle, "export");
    const rebuildMs = performance.now() - started;
    console.log(
      `index: first search (build) ${buildMs.toFixed(0)} ms; first search after an offer changed (rebuild) ` +
        `${rebuildMs.toFixed(0)} ms; both are left out of the latency figures`,
    );
    return { kind, version: version.rows[0]!.v, results, samples: times.search.length };
  } finally {
    await cleanup();
  }
}

/** Runs the catalogue search benchmark on PGlite and, with an admin URL, PostgreSQL; prints a table. */
export async function runCatalogueSearchBench(adminUrl: string | undefined): Promise<boolean> {
  console.log(
    `\nCatalogue search benchmark: ${OFFERS} generated offers, ${QUERIES.length} queries, ` +
      `${ROUNDS} timed rounds (each query once per round and engine, in-process, sequential)`,
  );
  const kinds: Kind[] = adminUrl ? ["pglite", "postgres"] : ["pglite"];
  const rows: string[][] = [];
  let ok = true;
  for (const kind of kinds) {
    const { version, results, samples } = await benchKind(kind, adminUrl);
    const { search, plain } = results;
    const ratio = search.p99 / plain.p99;
    const meets =
      search.p99 < GOALS.p99Ms && ratio <= GOALS.p99Ratio && search.hits / QUERIES.length >= GOALS.hitAt10;
    ok &&= meets;
    for (const [name, r] of [
      ["catalogue search", search],
      ["plain full-text", plain],
    ] as const) {
      rows.push([
        `${kind} ${version}`,
        name,
        r.p50.toFixed(2),
        r.p99.toFixed(2),
        `${((100 * r.hits) / QUERIES.length).toFixed(1)} % (${r.hits}/${QUERIES.length})`,
        String(samples),
      ]);
    }
    console.log(`search misses: ${search.misses.join(", ") || "none"}`);
    console.log(`plain misses:  ${plain.misses.join(", ") || "none"}`);
    console.log(
      `goals (p99 < ${GOALS.p99Ms} ms, ≤ ${GOALS.p99Ratio}× plain p99, hit@10 ≥ ${GOALS.hitAt10 * 100} %): ` +
        `p99 ratio ${ratio.toFixed(2)} → ${meets ? "met" : "NOT met"}`,
    );
  }
  const header = ["database", "engine", "p50 ms", "p99 ms", "hit@10", "timed queries"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${[line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")}`);
  return ok;
}
