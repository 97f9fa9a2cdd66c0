/**
 * Keeps the needs rollups current (migration 2026-11-29T0300_insights): recomputes the membership of the
 * subjects that triggers marked dirty and applies the difference to the cells. The only SQL that writes the
 * insights tables. It reads needs, consents and the SNI list directly, read-only, because a rollup over every
 * need cannot go through the needs service row by row (docs/decisions/007-insights.md).
 */
import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

/** How many dirty subjects one pass takes. */
export const REFRESH_BATCH = 1000;

// Serialises refreshes across processes, so two never update the same cells in different orders.
const REFRESH_LOCK = 0x10_75_1;

/**
 * Which needs count in statistics now, as a SQL condition on the needs row `n`: a company with an active
 * statistics consent, or an anonymised need whose company counted when it was erased.
 */
export const countsInStatistics = sql<boolean>`(
  (n.company_id is not null and exists (
    select 1 from consents c
    where c.company_id = n.company_id and c.kind = 'statistics' and c.ended_at is null))
  or (n.company_id is null and n.anonymous_in_statistics is true))`;

/** The SNI section letter of the need's SNI code, '' when unknown. */
export const needSniSection = sql<string>`coalesce((
  select s.parent_code from sni_codes s
  where s.level = 'division' and s.code = left(n.sni_code, 2) limit 1), '')`;

/**
 * Recomputes up to `limit` dirty subjects in one transaction and returns how many it took. Safe to run from
 * several processes: subjects are claimed with SKIP LOCKED and the cell updates are serialised by a lock.
 */
export async function refreshDirtySubjects(db: Db, limit = REFRESH_BATCH): Promise<number> {
  // Every dashboard read calls this first; with nothing waiting it must not take the lock or write.
  const waiting = await db.selectFrom("insights_dirty").select("subject").limit(1).executeTakeFirst();
  if (!waiting) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
    const claimed = await sql<{ subject: string }>`
      delete from insights_dirty where subject in (
        select subject from insights_dirty order by queued_at, subject limit ${limit} for update skip locked)
      returning subject`.execute(trx);
    const subjects = claimed.rows.map((row) => row.subject);
    if (subjects.length === 0) return 0;

    // Take the subjects out of the cells...
    await sql`
      with old as (
        delete from insights_membership where subject = any(${subjects}::uuid[])
        returning period_kind, period_start, theme, municipality_code, sni_section, size_band
      ), delta as (
        select period_kind, period_start, theme, municipality_code, sni_section, size_band, count(*)::int as n
        from old group by 1, 2, 3, 4, 5, 6
        union all
        select period_kind, period_start, theme, municipality_code, '*', '*', count(*)::int
        from old group by 1, 2, 3, 4
      )
      update insights_needs_cells c set companies = c.companies - delta.n
      from delta
      where c.period_kind = delta.period_kind and c.period_start = delta.period_start
        and c.theme = delta.theme and c.municipality_code = delta.municipality_code
        and c.sni_section = delta.sni_section and c.size_band = delta.size_band`.execute(trx);

    // ...and put them back as their needs and consents now say.
    await sql`
      with n as (
        select coalesce(n.company_id, n.statistics_subject) as subject, n.id, n.theme, n.created_at,
          coalesce(n.municipality_code, '') as municipality_code,
          ${needSniSection} as sni_section,
          coalesce(n.size_band, '') as size_band,
          n.created_at at time zone 'Europe/Stockholm' as local_at
        from needs n
        -- Two plain conditions rather than coalesce(...) = any(...), so each uses its index.
        where (n.company_id = any(${subjects}::uuid[])
            or (n.company_id is null and n.statistics_subject = any(${subjects}::uuid[])))
          and ${countsInStatistics}
      ), p as (
        select n.*, k.kind, date_trunc(k.kind, n.local_at)::date as period_start
        from n cross join (values ('month'), ('quarter'), ('year')) as k (kind)
      ), latest as (
        select distinct on (subject, kind, period_start)
          subject, kind, period_start, municipality_code, sni_section, size_band
        from p order by subject, kind, period_start, created_at desc, id desc
      ), themes as (
        select subject, kind, period_start, theme from p
        union
        select subject, kind, period_start, '*' from p
      ), added as (
        insert into insights_membership
          (subject, period_kind, period_start, theme, municipality_code, sni_section, size_band)
        select t.subject, t.kind, t.period_start, t.theme, l.municipality_code, l.sni_section, l.size_band
        from themes t join latest l using (subject, kind, period_start)
        returning period_kind, period_start, theme, municipality_code, sni_section, size_band
      ), delta as (
        select period_kind, period_start, theme, municipality_code, sni_section, size_band, count(*)::int as n
        from added group by 1, 2, 3, 4, 5, 6
        union all
        select period_kind, period_start, theme, municipality_code, '*', '*', count(*)::int
        from added group by 1, 2, 3, 4
      )
      insert into insights_needs_cells
        (period_kind, period_start, theme, municipality_code, sni_section, size_band, companies)
      select period_kind, period_start, theme, municipality_code, sni_section, size_band, n from delta
      on conflict (period_kind, period_start, sni_section, size_band, theme, municipality_code)
      do update set companies = insights_needs_cells.companies + excluded.companies`.execute(trx);
    return subjects.length;
  });
}

/** How many subjects wait for a refresh (the dashboards say when figures are catching up). */
export async function countDirtySubjects(db: Db): Promise<number> {
  const row = await db
    .selectFrom("insights_dirty")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
