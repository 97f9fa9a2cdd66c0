import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Meetings and rollout (issue 9): information meetings per municipality and industry with public registration,
// a waiting list, calendar invitations, attendance and a follow-up needs survey; industry packs that bundle an
// SNI scope, a needs-survey template, default themes and offers to highlight.
//
// Invariants the database keeps itself, whoever writes:
// - one live registration (registered or waiting) per meeting and e-mail address, so a double click, a retry or
//   two tabs never register a person twice;
// - cancellation tokens are stored only as sha256 hashes;
// - the calendar sequence only grows (every change registrants must hear about raises it).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table industry_packs (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name_sv text not null check (char_length(name_sv) between 1 and 120),
      name_en text check (char_length(name_en) <= 120),
      description_sv text not null default '' check (char_length(description_sv) <= 2000),
      description_en text check (char_length(description_en) <= 2000),
      sni_codes text[] not null default '{}',
      themes text[] not null default '{}',
      survey_id uuid references surveys(id) on delete set null,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table industry_pack_offers (
      pack_id uuid not null references industry_packs(id) on delete cascade,
      offer_id uuid not null references offers(id) on delete cascade,
      position integer not null default 0,
      primary key (pack_id, offer_id)
    )`.execute(db);

  await sql`
    create table meetings (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      title text not null check (char_length(title) between 1 and 200),
      description text not null default '' check (char_length(description) <= 4000),
      municipality_code varchar(4) references municipalities(code),
      county_code varchar(2) references counties(code),
      sni_codes text[] not null default '{}',
      themes text[] not null default '{}',
      starts_at timestamptz not null,
      duration_minutes integer not null check (duration_minutes between 5 and 1440),
      online_url text check (online_url ~ '^https?://' and char_length(online_url) <= 500),
      place text check (char_length(place) <= 300),
      agenda text not null default '' check (char_length(agenda) <= 4000),
      capacity integer check (capacity between 1 and 100000),
      registration_deadline timestamptz,
      status text not null default 'draft' check (status in ('draft', 'published', 'held', 'cancelled')),
      ics_sequence integer not null default 0 check (ics_sequence >= 0),
      survey_id uuid references surveys(id) on delete set null,
      followup_campaign_id uuid references campaigns(id) on delete set null,
      pack_id uuid references industry_packs(id) on delete set null,
      cloned_from_id uuid references meetings(id) on delete set null,
      held_at timestamptz,
      cancelled_at timestamptz,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (municipality_code is null or county_code is null),
      check (online_url is not null or place is not null)
    )`.execute(db);
  await sql`create index meetings_starts_idx on meetings (starts_at)`.execute(db);
  await sql`create index meetings_organisation_idx on meetings (organisation_id)`.execute(db);

  // The organisations that present (the Nora meeting had seven) and the people who speak for them.
  await sql`
    create table meeting_organisations (
      meeting_id uuid not null references meetings(id) on delete cascade,
      organisation_id uuid not null references organisations(id),
      position integer not null default 0,
      primary key (meeting_id, organisation_id)
    )`.execute(db);
  await sql`
    create table meeting_speakers (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings(id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      role text check (char_length(role) <= 200),
      organisation_id uuid references organisations(id),
      position integer not null default 0
    )`.execute(db);
  await sql`create index meeting_speakers_meeting_idx on meeting_speakers (meeting_id)`.execute(db);
  await sql`
    create table meeting_offers (
      meeting_id uuid not null references meetings(id) on delete cascade,
      offer_id uuid not null references offers(id) on delete cascade,
      position integer not null default 0,
      primary key (meeting_id, offer_id)
    )`.execute(db);

  await sql`
    create table meeting_registrations (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings(id) on delete cascade,
      company_id uuid references companies(id) on delete set null,
      org_number varchar(10),
      company_name text check (char_length(company_name) <= 200),
      person_name text not null check (char_length(person_name) between 1 and 200),
      email text not null check (char_length(email) <= 254),
      phone text check (char_length(phone) <= 40),
      dietary_needs text check (char_length(dietary_needs) <= 500),
      accessibility_needs text check (char_length(accessibility_needs) <= 500),
      locale text not null default 'sv' check (locale in ('sv', 'en')),
      status text not null check (status in ('registered', 'waiting', 'cancelled')),
      cancel_token_hash text not null unique,
      attended boolean,
      promoted_at timestamptz,
      cancelled_at timestamptz,
      reminder_sent_at timestamptz,
      followup_sent_at timestamptz,
      idempotency_key text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create unique index meeting_registrations_live_email
      on meeting_registrations (meeting_id, lower(email)) where status <> 'cancelled'`.execute(db);
  // The waiting list is served oldest first.
  await sql`
    create index meeting_registrations_meeting_idx on meeting_registrations (meeting_id, status, created_at)`.execute(
    db,
  );
  await sql`create index meeting_registrations_company_idx on meeting_registrations (company_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists meeting_registrations`.execute(db);
  await sql`drop table if exists meeting_offers`.execute(db);
  await sql`drop table if exists meeting_speakers`.execute(db);
  await sql`drop table if exists meeting_organisations`.execute(db);
  await sql`drop table if exists meetings`.execute(db);
  await sql`drop table if exists industry_pack_offers`.execute(db);
  await sql`drop table if exists industry_packs`.execute(db);
}
