// Helpers every bench shares: settings from the environment, throwaway PostgreSQL databases, and the
// generated catalogue (bench/catalogue-search-data.ts) loaded through the real search triggers.
import { sql } from "kysely";
import pg from "pg";
import type { Db } from "../src/db/client.ts";
import type { GeneratedOffer } from "./catalogue-search-data.ts";

/** An integer setting from the environment, `fallback` when unset; throws naming the variable when invalid. */
export function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}`);
  return value;
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs one statement (CREATE/DROP DATABASE) in the server's `postgres` database. */
export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, "postgres") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Eight bench organisations (`bench-org-1` … `bench-org-8`); returns their ids. */
export async function insertBenchOrganisations(db: Db): Promise<string[]> {
  const organisations = await sql<{ id: string }>`
    insert into organisations (slug, name, type)
    select 'bench-org-' || n, 'Benchorganisation ' || n, 'other' from generate_series(1, 8) n
    returning id`.execute(db);
  return organisations.rows.map((r) => r.id);
}

/** Inserts generated offers in chunks of 500, spread over `orgIds` in turn (the search triggers run). */
export async function insertGeneratedOffers(
  db: Db,
  offers: readonly GeneratedOffer[],
  orgIds: readonly string[],
): Promise<void> {
  for (let i = 0; i < offers.length; i += 500) {
    await db
      .insertInto("offers")
      .values(
        offers.slice(i, i + 500).map((o, j) => ({
          organisation_id: orgIds[(i + j) % orgIds.length]!,
          slug: o.slug,
          name: o.name,
          summary: o.summary,
          description: o.description,
          themes: o.themes,
          formats: o.formats,
          cost_type: o.cost,
          eligible_county_codes: o.countyCodes,
          eligible_municipality_codes: o.municipalityCodes,
        })),
      )
      .execute();
  }
}
