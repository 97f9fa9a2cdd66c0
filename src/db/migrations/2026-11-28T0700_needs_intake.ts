import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Needs intake (issue 5): company details the intake collects, contact persons, needs, versioned surveys with
// campaigns, idempotent responses, consents, private company links and per-organisation retention.
//
// Invariants the database keeps itself, whoever writes:
// - a published survey version never changes and is never deleted (trigger survey_versions_immutable);
// - one response per (survey, idempotency key), so retries and parallel submissions store one answer;
// - at most one active consent per company and kind, so "has consent" is one row to find;
// - link tokens are stored only as sha256 hashes.

const SOURCES = `'survey', 'meeting', 'navigator', 'pulse'`;

export async function up(db: Kysely<any>): Promise<void> {
  // Companies: address, every SNI code (with the version already on the row), which fields staff curated
  // (an intake never overwrites those), who curated last.
  await sql`
    alter table companies
      add column street_address text check (char_length(street_address) <= 200),
      add column postal_code varchar(5) check (postal_code ~ '^[1-9][0-9]{4}$'),
      add column sni_codes text[] not null default '{}',
      add column curated_fields text[] not null default '{}',
      add column curated_at timestamptz,
      add column curated_by_user_id uuid references users(id) on delete set null`.execute(db);

  await sql`
    create table company_contacts (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies(id) on delete cascade,
      name text not null check (char_length(name) between 1 and 200),
      role text check (char_length(role) <= 200),
      email text check (char_length(email) <= 254),
      phone text check (char_length(phone) <= 40),
      source text not null check (source in (${sql.raw(SOURCES)})),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index company_contacts_company_idx on company_contacts (company_id)`.execute(db);

  await sql`
    create table surveys (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisations(id),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      kind text not null check (kind in ('needs', 'pulse')),
      name text not null check (char_length(name) between 1 and 200),
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index surveys_organisation_idx on surveys (organisation_id)`.execute(db);

  // A version is a draft until published_at is set; after that it is frozen (trigger below).
  await sql`
    create table survey_versions (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references surveys(id),
      version integer not null check (version >= 1),
      title_sv text not null,
      title_en text,
      intro_sv text not null default '',
      intro_en text,
      questions jsonb not null check (jsonb_typeof(questions) = 'array'),
      published_at timestamptz,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (survey_id, version)
    )`.execute(db);
  await sql`
    create unique index survey_versions_one_draft on survey_versions (survey_id) where published_at is null`.execute(
    db,
  );
  await sql`
    create function survey_versions_immutable() returns trigger
    language plpgsql as $$
    begin
      if old.published_at is not null then
        raise exception 'survey version % is published and cannot change', old.id
          using errcode = 'restrict_violation';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger survey_versions_immutable before update or delete on survey_versions
    for each row execute function survey_versions_immutable()`.execute(db);

  await sql`
    create table campaigns (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references surveys(id),
      organisation_id uuid not null references organisations(id),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      name text not null check (char_length(name) between 1 and 200),
      scope_kind text not null check (scope_kind in ('meeting', 'municipality', 'industry', 'period')),
      municipality_codes varchar(4)[] not null default '{}',
      sni_codes text[] not null default '{}',
      meeting_ref text,
      opens_at timestamptz not null,
      closes_at timestamptz,
      recurrence text check (recurrence in ('monthly', 'quarterly', 'half-yearly', 'yearly')),
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_at is null or closes_at > opens_at)
    )`.execute(db);
  await sql`create index campaigns_survey_idx on campaigns (survey_id)`.execute(db);

  await sql`
    create table survey_responses (
      id uuid primary key default gen_random_uuid(),
      survey_id uuid not null references surveys(id),
      survey_version_id uuid not null references survey_versions(id),
      campaign_id uuid references campaigns(id),
      organisation_id uuid not null references organisations(id),
      company_id uuid references companies(id) on delete set null,
      contact_id uuid references company_contacts(id) on delete set null,
      answers jsonb not null check (jsonb_typeof(answers) = 'object'),
      submitted_by text not null check (submitted_by in ('company', 'navigator')),
      submitted_by_user_id uuid references users(id) on delete set null,
      submitted_by_label text not null,
      idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
      request_hash text not null,
      created_at timestamptz not null default now(),
      unique (survey_id, idempotency_key)
    )`.execute(db);
  await sql`create index survey_responses_survey_idx on survey_responses (survey_id, created_at)`.execute(db);
  await sql`create index survey_responses_company_idx on survey_responses (company_id)`.execute(db);

  // A need keeps anonymous facts of its company (municipality, size band, SNI code) so erasing the company
  // keeps the counts. anonymous_in_statistics is set at erasure: whether the company counted then.
  await sql`
    create table needs (
      id uuid primary key default gen_random_uuid(),
      company_id uuid references companies(id) on delete set null,
      organisation_id uuid not null references organisations(id),
      theme text not null references need_themes(code),
      urgency text not null check (urgency in ('now', 'within-6-months', 'later')),
      description text not null default '' check (char_length(description) <= 5000),
      source text not null check (source in (${sql.raw(SOURCES)})),
      status text not null default 'open'
        check (status in ('open', 'in-case', 'met', 'no-longer-relevant')),
      response_id uuid references survey_responses(id) on delete set null,
      campaign_id uuid references campaigns(id) on delete set null,
      municipality_code varchar(4) references municipalities(code),
      size_band text references size_bands(code),
      sni_code text,
      anonymous_in_statistics boolean,
      created_by_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      status_changed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index needs_company_idx on needs (company_id)`.execute(db);
  await sql`create index needs_organisation_status_idx on needs (organisation_id, status, created_at)`.execute(
    db,
  );
  await sql`create index needs_theme_idx on needs (theme)`.execute(db);

  await sql`
    create table consents (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies(id) on delete cascade,
      kind text not null check (kind in ('contact-and-referral', 'statistics')),
      scope_all boolean not null default true,
      organisation_ids uuid[] not null default '{}',
      wording_version text not null check (char_length(wording_version) between 1 and 100),
      source text not null check (source in (${sql.raw(SOURCES)}, 'private-link')),
      given_by_contact_id uuid references company_contacts(id) on delete set null,
      response_id uuid references survey_responses(id) on delete set null,
      recorded_by_user_id uuid references users(id) on delete set null,
      recorded_by_label text not null,
      recorded_at timestamptz not null default now(),
      ended_at timestamptz,
      end_reason text check (end_reason in ('withdrawn', 'superseded')),
      check ((ended_at is null) = (end_reason is null)),
      check (scope_all or cardinality(organisation_ids) > 0),
      check (kind = 'contact-and-referral' or (scope_all and cardinality(organisation_ids) = 0))
    )`.execute(db);
  await sql`
    create unique index consents_one_active on consents (company_id, kind) where ended_at is null`.execute(
    db,
  );

  await sql`
    create table company_links (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies(id) on delete cascade,
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      email text,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  await sql`create index company_links_company_idx on company_links (company_id)`.execute(db);

  // Months after which a daily job removes or anonymises an organisation's intake data; null = keep.
  await sql`
    create table retention_settings (
      organisation_id uuid primary key references organisations(id) on delete cascade,
      needs_months integer check (needs_months between 1 and 240),
      responses_months integer check (responses_months between 1 and 240),
      contacts_months integer check (contacts_months between 1 and 240),
      updated_by_user_id uuid references users(id) on delete set null,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "retention_settings",
    "company_links",
    "consents",
    "needs",
    "survey_responses",
    "campaigns",
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql`drop trigger if exists survey_versions_immutable on survey_versions`.execute(db);
  await sql`drop table if exists survey_versions`.execute(db);
  await sql`drop function if exists survey_versions_immutable()`.execute(db);
  await sql`drop table if exists surveys`.execute(db);
  await sql`drop table if exists company_contacts`.execute(db);
  await sql`
    alter table companies
      drop column if exists street_address,
      drop column if exists postal_code,
      drop column if exists sni_codes,
      drop column if exists curated_fields,
      drop column if exists curated_at,
      drop column if exists curated_by_user_id`.execute(db);
}
