import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Catalogue search runs over an in-memory index of the public catalogue in each server process (decision
// record 004). `catalogue_state.version` tells a process whether its index is current: a statement-level
// trigger on every table the index reads bumps it, whoever writes (services, HSDS import, plain SQL).
// Readers compare it on every search, so several processes on one PostgreSQL stay consistent.
//
// The GIN indexes of catalogue search stop using the pending list (`fastupdate`): PGlite has no
// autovacuum, so the list was never merged and every index lookup scanned it linearly.

const WATCHED = [
  "offers",
  "organisations",
  "need_themes",
  "offer_formats",
  "size_bands",
  "municipalities",
  "counties",
  "sni_codes",
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table catalogue_state (
      id boolean primary key default true check (id),
      version bigint not null default 1
    )`.execute(db);
  await sql`insert into catalogue_state (id, version) values (true, 1)`.execute(db);
  await sql`
    create function catalogue_bump_version() returns trigger
    language plpgsql as $$
    begin
      update catalogue_state set version = version + 1 where id;
      return null;
    end
    $$`.execute(db);
  for (const table of WATCHED) {
    await sql
      .raw(
        `create trigger ${table}_catalogue_version after insert or update or delete or truncate on ${table}
         for each statement execute function catalogue_bump_version()`,
      )
      .execute(db);
  }

  await sql`alter index offers_search_vector_idx set (fastupdate = off)`.execute(db);
  await sql`alter index catalogue_terms_trgm_idx set (fastupdate = off)`.execute(db);
  // Merge whatever is pending now; later inserts go straight into the index.
  await sql`select gin_clean_pending_list('offers_search_vector_idx'::regclass)`.execute(db);
  await sql`select gin_clean_pending_list('catalogue_terms_trgm_idx'::regclass)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of WATCHED) {
    await sql.raw(`drop trigger if exists ${table}_catalogue_version on ${table}`).execute(db);
  }
  await sql`drop function if exists catalogue_bump_version()`.execute(db);
  await sql`drop table if exists catalogue_state`.execute(db);
  await sql`alter index offers_search_vector_idx reset (fastupdate)`.execute(db);
  await sql`alter index catalogue_terms_trgm_idx reset (fastupdate)`.execute(db);
}
