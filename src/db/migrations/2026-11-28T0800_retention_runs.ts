import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// The retention job's run log (issue 5). The daily job claims its day by inserting the day's row (one
// 'daily' row per Stockholm date, partial unique index), so restarts and several processes never run it
// twice on one day. `removed` holds per-organisation counts, no personal data. Manual runs (the CLI) are
// logged too and do not claim the day.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table retention_runs (
      id uuid primary key default gen_random_uuid(),
      day date not null,
      trigger text not null check (trigger in ('daily', 'manual')),
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      removed jsonb not null default '{}' check (jsonb_typeof(removed) = 'object'),
      error text check (char_length(error) <= 1000)
    )`.execute(db);
  await sql`create unique index retention_runs_one_daily on retention_runs (day) where trigger = 'daily'`.execute(
    db,
  );
  await sql`create index retention_runs_started_idx on retention_runs (started_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists retention_runs`.execute(db);
}
