import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Differences from the business register (issue 5): `lots companies import` now records a pending difference
// when SCB's register disagrees with a field staff curated, so company_differences accepts the source
// 'register'. The column's check was declared inline in 2026-11-28T0900, so PostgreSQL named it
// `company_differences_source_check` (table_column_check); it is dropped without `if exists` so that a
// different name fails the migration instead of leaving the old check in place. The index on
// (company_id, field) serves the import's look-up of what staff already decided per company, and the cascade
// when a company is erased.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table company_differences drop constraint company_differences_source_check`.execute(db);
  await sql`
    alter table company_differences add constraint company_differences_source_check
      check (source in ('survey', 'meeting', 'navigator', 'pulse', 'register'))`.execute(db);
  await sql`create index company_differences_company_field_idx on company_differences (company_id, field)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists company_differences_company_field_idx`.execute(db);
  await sql`delete from company_differences where source = 'register'`.execute(db);
  await sql`alter table company_differences drop constraint company_differences_source_check`.execute(db);
  await sql`
    alter table company_differences add constraint company_differences_source_check
      check (source in ('survey', 'meeting', 'navigator', 'pulse'))`.execute(db);
}
