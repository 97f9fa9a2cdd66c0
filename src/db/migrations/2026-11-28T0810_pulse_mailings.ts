import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Pulse mailings (issue 5): one row per campaign, company and kind of mail ('invitation' when the period
// starts, 'reminder' before it closes). The unique key is the "never twice" guarantee: a mail is put in
// the outbox in the same transaction that inserts its row, so a retry, a restart or a second process finds
// the row and sends nothing.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table pulse_mailings (
      id uuid primary key default gen_random_uuid(),
      campaign_id uuid not null references campaigns(id) on delete cascade,
      company_id uuid not null references companies(id) on delete cascade,
      kind text not null check (kind in ('invitation', 'reminder')),
      recipients integer not null default 0 check (recipients >= 0),
      created_at timestamptz not null default now(),
      unique (campaign_id, company_id, kind)
    )`.execute(db);
  await sql`create index pulse_mailings_company_idx on pulse_mailings (company_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists pulse_mailings`.execute(db);
}
