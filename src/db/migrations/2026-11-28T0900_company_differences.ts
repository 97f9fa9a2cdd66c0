import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Company differences (issue 5): when a company's own intake disagrees with a field staff curated, the
// curated value stays and the difference waits here until a navigator accepts the company's value or keeps
// theirs. One pending row per company and field (a newer intake replaces it). Deleted with the company, so
// erasure leaves nothing behind.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table company_differences (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies(id) on delete cascade,
      field text not null check (char_length(field) between 1 and 40),
      stored jsonb,
      submitted jsonb not null,
      source text not null check (source in ('survey', 'meeting', 'navigator', 'pulse')),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      resolution text check (resolution in ('accepted', 'kept')),
      resolved_by_user_id uuid references users(id) on delete set null,
      check ((resolved_at is null) = (resolution is null))
    )`.execute(db);
  await sql`
    create unique index company_differences_pending_idx
      on company_differences (company_id, field) where resolved_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists company_differences`.execute(db);
}
