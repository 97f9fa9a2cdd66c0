import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Needs intelligence (issue 8): rollups of "companies with needs" per calendar period, kept current as needs
// arrive, so the dashboards answer from a few hundred rows at the size of all of Sweden and stay exact.
//
// - A "subject" is who a count refers to: the company, or, for needs whose company was erased, an opaque id
//   given at erasure (`needs.statistics_subject`), so an erased company still counts once, not once per need.
// - `insights_membership` says, per subject and calendar period (month, quarter, year in Stockholm time), in
//   which themes it had needs (plus '*' for any theme) and under which municipality, SNI section and size band
//   it counts there (those of its latest need in the period, so every subject counts in exactly one place per
//   period and sums over those dimensions stay exact).
// - `insights_needs_cells` holds the number of subjects per period × theme × municipality × SNI section ×
//   size band, and again with SNI section and size band as '*' (the main dashboard's level). Distinct
//   companies over a period come from that period's own rows, never from adding up months.
// - Triggers on needs and consents put the subject in `insights_dirty`; the insights worker recomputes dirty
//   subjects' membership and applies the difference to the cells. Only subjects counting in statistics (an
//   active statistics consent, or anonymised with `anonymous_in_statistics`) have membership rows.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table needs add column statistics_subject uuid`.execute(db);
  // Needs anonymised before this migration lost their company: each counts as its own subject from now on.
  await sql`update needs set statistics_subject = gen_random_uuid() where company_id is null`.execute(db);
  // Recounting a subject finds its needs by company (needs_company_idx) or, once erased, by this.
  await sql`create index needs_statistics_subject_idx on needs (statistics_subject) where company_id is null`.execute(
    db,
  );
  // The live path and the supply view read needs by time.
  await sql`create index needs_created_idx on needs (created_at)`.execute(db);

  await sql`
    create table insights_dirty (
      subject uuid primary key,
      queued_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table insights_membership (
      subject uuid not null,
      period_kind text not null check (period_kind in ('month', 'quarter', 'year')),
      period_start date not null,
      theme text not null,
      municipality_code text not null,
      sni_section text not null,
      size_band text not null,
      primary key (subject, period_kind, period_start, theme)
    )`.execute(db);

  await sql`
    create table insights_needs_cells (
      period_kind text not null check (period_kind in ('month', 'quarter', 'year')),
      period_start date not null,
      theme text not null,
      municipality_code text not null,
      sni_section text not null,
      size_band text not null,
      companies integer not null check (companies >= 0),
      primary key (period_kind, period_start, sni_section, size_band, theme, municipality_code)
    )`.execute(db);

  await sql`
    create function insights_mark_need() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and coalesce(old.company_id, old.statistics_subject) is not null then
        insert into insights_dirty (subject) values (coalesce(old.company_id, old.statistics_subject))
        on conflict do nothing;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and coalesce(new.company_id, new.statistics_subject) is not null then
        insert into insights_dirty (subject) values (coalesce(new.company_id, new.statistics_subject))
        on conflict do nothing;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger needs_insights_dirty
    after insert or delete or update of company_id, statistics_subject, theme, municipality_code, sni_code,
      size_band, created_at, anonymous_in_statistics
    on needs for each row execute function insights_mark_need()`.execute(db);

  await sql`
    create function insights_mark_consent() returns trigger language plpgsql as $$
    begin
      if new.kind = 'statistics' then
        insert into insights_dirty (subject) values (new.company_id) on conflict do nothing;
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger consents_insights_dirty
    after insert or update on consents for each row execute function insights_mark_consent()`.execute(db);

  // Everything already there is counted by the worker's first runs.
  await sql`
    insert into insights_dirty (subject)
    select distinct coalesce(company_id, statistics_subject) from needs
    where coalesce(company_id, statistics_subject) is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger consents_insights_dirty on consents`.execute(db);
  await sql`drop function insights_mark_consent()`.execute(db);
  await sql`drop trigger needs_insights_dirty on needs`.execute(db);
  await sql`drop function insights_mark_need()`.execute(db);
  await sql`drop table insights_needs_cells`.execute(db);
  await sql`drop table insights_membership`.execute(db);
  await sql`drop table insights_dirty`.execute(db);
  await sql`drop index needs_created_idx`.execute(db);
  await sql`drop index needs_statistics_subject_idx`.execute(db);
  await sql`alter table needs drop column statistics_subject`.execute(db);
}
