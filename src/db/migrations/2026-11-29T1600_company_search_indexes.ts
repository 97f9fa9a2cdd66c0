import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// The staff company register at national scale (issue 10): with 1.23 million companies the lookup
// `name ilike '%…%' or org_number like '%…%'` scanned the whole table (3.5 s per request in
// `npm run bench -- --scale=national`). Trigram indexes serve both substring searches (pg_trgm is installed by
// the reference-data migration); the btree on (name, id) serves the register's list, which is ordered so.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index companies_name_trgm_idx on companies using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index companies_org_number_trgm_idx on companies using gin (org_number gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index companies_name_id_idx on companies (name, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists companies_name_id_idx`.execute(db);
  await sql`drop index if exists companies_org_number_trgm_idx`.execute(db);
  await sql`drop index if exists companies_name_trgm_idx`.execute(db);
}
