import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Lotsning (issue 7): navigator teams and routing rules, cases with their needs and timeline, referrals to
// partner offers with deadlines, notes, the shared contact log, per-organisation response times, webhooks
// with their deliveries, and notification preferences with the daily digest.
//
// Erasure of a company keeps the skeleton of its cases and referrals (status, theme, outcome: anonymous
// counts and the matching's outcome prior) with company_id set to null; notes, the contact log and the
// timeline's free text go with the company (on delete cascade, or scrubbed by the gdpr feature).
// `version` columns are for optimistic concurrency: every change bumps them and is conditional on the
// version the actor saw, so two people acting at once never silently overwrite each other.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table teams (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id) on delete cascade,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (char_length(name) between 1 and 120),
      email text,
      is_catch_all boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index teams_one_catch_all_idx on teams ((true)) where is_catch_all`.execute(db);
  await sql`
    create table team_members (
      team_id uuid not null references teams(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (team_id, user_id)
    )`.execute(db);
  await sql`create index team_members_user_idx on team_members (user_id)`.execute(db);

  await sql`
    create table routing_rules (
      id uuid primary key default gen_random_uuid(),
      position integer not null check (position >= 0),
      theme text references need_themes(code),
      municipality_code text references municipalities(code),
      sni_section text check (sni_section ~ '^[A-U]$'),
      team_id uuid not null references teams(id) on delete cascade,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index routing_rules_position_idx on routing_rules (position, created_at)`.execute(db);

  await sql`create sequence case_number_seq`.execute(db);
  await sql`
    create table cases (
      id uuid primary key default gen_random_uuid(),
      number integer not null unique default nextval('case_number_seq'),
      company_id uuid references companies(id) on delete set null,
      team_id uuid not null references teams(id),
      organisation_id uuid not null references organisations(id),
      assigned_user_id uuid references users(id) on delete set null,
      status text not null default 'new'
        check (status in ('new', 'triaged', 'referred', 'waiting-for-company', 'closed')),
      priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
      opened_via text not null check (opened_via in ('intake', 'phone', 'meeting', 'email', 'other')),
      routing_rule_id uuid references routing_rules(id) on delete set null,
      summary text not null default '' check (char_length(summary) <= 4000),
      theme text,
      municipality_code text,
      sni_section text,
      size_band text,
      version integer not null default 1,
      created_by_user_id uuid references users(id) on delete set null,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      follow_up_due_at timestamptz,
      follow_up_sent_at timestamptz,
      follow_up_answer text check (follow_up_answer in ('helped', 'not-helped')),
      follow_up_answered_at timestamptz,
      check ((status = 'closed') = (closed_at is not null))
    )`.execute(db);
  await sql`create index cases_team_status_idx on cases (team_id, status, created_at)`.execute(db);
  await sql`create index cases_assigned_idx on cases (assigned_user_id, status)`.execute(db);
  await sql`create index cases_company_idx on cases (company_id)`.execute(db);
  await sql`create index cases_follow_up_idx on cases (follow_up_due_at) where follow_up_sent_at is null`.execute(
    db,
  );
  await sql`
    create table case_needs (
      case_id uuid not null references cases(id) on delete cascade,
      need_id uuid not null references needs(id) on delete cascade,
      primary key (case_id, need_id)
    )`.execute(db);
  await sql`create unique index case_needs_need_idx on case_needs (need_id)`.execute(db);

  await sql`
    create table referrals (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      offer_id uuid not null references offers(id),
      organisation_id uuid not null references organisations(id),
      status text not null default 'sent'
        check (status in ('sent', 'accepted', 'in-progress', 'closed', 'declined', 'withdrawn', 'expired')),
      outcome text check (outcome in ('helped', 'not-helped')),
      decline_reason text check (decline_reason in ('not-eligible', 'no-capacity', 'not-relevant',
        'company-unreachable', 'referred-elsewhere', 'company-declined')),
      message text not null default '' check (char_length(message) <= 4000),
      theme text,
      size_band text,
      sni_section text,
      municipality_code text,
      sent_by_user_id uuid references users(id) on delete set null,
      sent_by_label text not null,
      sent_at timestamptz not null default now(),
      remind_at timestamptz not null,
      respond_by timestamptz not null,
      reminded_at timestamptz,
      escalated_at timestamptz,
      responded_at timestamptz,
      closed_at timestamptz,
      assigned_user_id uuid references users(id) on delete set null,
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      check ((status = 'closed') = (outcome is not null)),
      check ((status = 'declined') = (decline_reason is not null))
    )`.execute(db);
  await sql`create index referrals_organisation_status_idx on referrals (organisation_id, status, sent_at)`.execute(
    db,
  );
  await sql`create index referrals_case_idx on referrals (case_id)`.execute(db);
  await sql`create index referrals_due_idx on referrals (respond_by) where status = 'sent'`.execute(db);
  await sql`
    create unique index referrals_one_open_per_offer_idx on referrals (case_id, offer_id)
      where status in ('sent', 'accepted', 'in-progress')`.execute(db);
  await sql`create index referrals_outcome_idx on referrals (offer_id, theme) where status = 'closed'`.execute(
    db,
  );

  // The timeline. `visibility` 'network' shows to everyone who may see the case (and, for events of a
  // referral, to that partner); 'organisation' only to members of actor_organisation_id.
  await sql`
    create table case_events (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity,
      case_id uuid not null references cases(id) on delete cascade,
      referral_id uuid references referrals(id) on delete cascade,
      at timestamptz not null default now(),
      actor_user_id uuid references users(id) on delete set null,
      actor_label text not null,
      actor_organisation_id uuid references organisations(id) on delete set null,
      kind text not null check (char_length(kind) between 1 and 40),
      from_status text,
      to_status text,
      visibility text not null default 'network' check (visibility in ('network', 'organisation')),
      details jsonb not null default '{}'
    )`.execute(db);
  await sql`create index case_events_case_idx on case_events (case_id, seq)`.execute(db);
  await sql`create index case_events_referral_idx on case_events (referral_id, seq)`.execute(db);

  await sql`
    create table case_notes (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references cases(id) on delete cascade,
      referral_id uuid references referrals(id) on delete cascade,
      company_id uuid references companies(id) on delete cascade,
      organisation_id uuid not null references organisations(id) on delete cascade,
      author_user_id uuid references users(id) on delete set null,
      author_label text not null,
      visibility text not null check (visibility in ('internal', 'shared')),
      body text not null check (char_length(body) between 1 and 4000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_notes_case_idx on case_notes (case_id, created_at)`.execute(db);

  await sql`
    create table company_contact_log (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies(id) on delete cascade,
      organisation_id uuid not null references organisations(id) on delete cascade,
      user_id uuid references users(id) on delete set null,
      actor_label text not null,
      channel text not null check (channel in ('phone', 'email', 'meeting', 'visit', 'other')),
      summary text not null default '' check (char_length(summary) <= 4000),
      case_id uuid references cases(id) on delete set null,
      referral_id uuid references referrals(id) on delete set null,
      contacted_at timestamptz not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index company_contact_log_company_idx on company_contact_log (company_id, contacted_at)`.execute(
    db,
  );

  await sql`
    create table referral_settings (
      organisation_id uuid primary key references organisations(id) on delete cascade,
      response_days integer not null default 5 check (response_days between 1 and 60),
      reminder_days integer not null default 1 check (reminder_days between 0 and 30),
      updated_by_user_id uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table webhooks (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id) on delete cascade,
      url text not null check (url ~ '^https?://'),
      secret text not null,
      events text[] not null default '{}',
      is_active boolean not null default true,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index webhooks_organisation_idx on webhooks (organisation_id)`.execute(db);
  await sql`
    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      webhook_id uuid not null references webhooks(id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_status integer,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (webhook_id, event_id)
    )`.execute(db);
  await sql`
    create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at)
      where status = 'pending'`.execute(db);

  await sql`
    create table notification_preferences (
      user_id uuid primary key references users(id) on delete cascade,
      mode text not null default 'immediate' check (mode in ('immediate', 'daily')),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table notification_digest_items (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users(id) on delete cascade,
      subject text not null,
      text_body text not null,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`
    create index notification_digest_pending_idx on notification_digest_items (user_id, created_at)
      where sent_at is null`.execute(db);
  await sql`
    create table lotsning_job_runs (
      job text not null,
      day text not null,
      ran_at timestamptz not null default now(),
      primary key (job, day)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "lotsning_job_runs",
    "notification_digest_items",
    "notification_preferences",
    "webhook_deliveries",
    "webhooks",
    "referral_settings",
    "company_contact_log",
    "case_notes",
    "case_events",
    "referrals",
    "case_needs",
    "cases",
    "routing_rules",
    "team_members",
    "teams",
  ])
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  await sql`drop sequence if exists case_number_seq`.execute(db);
}
