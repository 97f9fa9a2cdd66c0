/**
 * Lotsning outcomes for the needs-intelligence views (issue 8): the funnel from need to help, time to first
 * contact per partner organisation, declines by reason and survey answers. Read-only SQL over the tables of
 * needs, cases, referrals, consents, surveys, offers and organisations: the insights feature reads other
 * features' tables for aggregates and never writes them (docs/decisions/007-insights.md).
 *
 * Every figure counts distinct companies with an active statistics consent. Cases, referrals and answers
 * whose company was erased (company_id null) are left out: they carry no statistics subject of their own.
 */
import { type RawBuilder, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { DeclineReason } from "#src/db/schema.ts";

/** What the outcome views are filtered by: Stockholm calendar dates, both inclusive (YYYY-MM-DD). */
export interface OutcomeFilter {
  from: string;
  to: string;
  /** Municipality codes; empty or absent means all. */
  municipalities?: readonly string[];
}

/** Distinct companies at each stage of the funnel. */
export interface FunnelCounts {
  needs: number;
  cases: number;
  referrals: number;
  accepted: number;
  helped: number;
}

/** Time to first contact and expired referrals of one partner organisation (or all, `organisationId` null). */
export interface FirstContactRow {
  organisationId: string | null;
  organisationName: string | null;
  /** Distinct companies behind the times (referrals with a first contact). */
  companies: number;
  medianDays: number | null;
  p90Days: number | null;
  /** Distinct companies with an expired referral. */
  expired: number;
}

/** Distinct companies with a declined referral, per offer (null: all) and reason (null: any). */
export interface DeclineCountRow {
  offerId: string | null;
  reason: DeclineReason | null;
  companies: number;
}

/** An offer's names and its organisation. */
export interface OfferLabel {
  offerId: string;
  name: string;
  nameEn: string | null;
  organisationId: string;
  organisationName: string;
}

/** Answers and invitations of one campaign (campaignId '' = answers outside any campaign; null = all). */
export interface SurveyAnswerRow {
  campaignId: string | null;
  campaignName: string | null;
  /** A recurring campaign or a pulse survey: the companies it invites are counted (false on the total). */
  pulse: boolean;
  /** Distinct companies that answered in the period. */
  answers: number;
  /** Distinct companies invited in the period. */
  invited: number;
  /** Of those invited, how many have answered the campaign (at any time). */
  invitedAnswered: number;
}

/** Whether the company (a uuid column) has an active statistics consent now. */
function hasStatisticsConsent(company: RawBuilder<unknown>) {
  return sql`exists (
    select 1 from consents sc
    where sc.company_id = ${company} and sc.kind = 'statistics' and sc.ended_at is null)`;
}

/** The timestamp column lies in the filter's Stockholm days. */
function inPeriod(column: RawBuilder<unknown>, filter: OutcomeFilter) {
  return sql`${column} >= (${filter.from}::date)::timestamp at time zone 'Europe/Stockholm'
    and ${column} < (${filter.to}::date + 1)::timestamp at time zone 'Europe/Stockholm'`;
}

function inMunicipalities(column: RawBuilder<unknown>, filter: OutcomeFilter) {
  const codes = filter.municipalities ?? [];
  return codes.length > 0 ? sql`and ${column} = any(${[...codes]}::text[])` : sql``;
}

/**
 * The funnel over the needs created in the period (under the need's municipality): the companies with such
 * a need, of those the ones whose need is in a case, whose case has a referral, whose referral was accepted
 * (accepted, in progress or closed) and whose referral closed as helped. Later stages count whenever they
 * happened, so a need from the period that was helped afterwards counts as helped.
 */
export async function countFunnel(db: Db, filter: OutcomeFilter): Promise<FunnelCounts> {
  const result = await sql<{
    needs: number;
    cases: number;
    referrals: number;
    accepted: number;
    helped: number;
  }>`
    with n as (
      select n.id, n.company_id from needs n
      where ${inPeriod(sql.ref("n.created_at"), filter)}
        and n.company_id is not null and ${hasStatisticsConsent(sql.ref("n.company_id"))}
        ${inMunicipalities(sql.ref("n.municipality_code"), filter)}
    ), c as (
      select n.company_id, cn.case_id from n join case_needs cn on cn.need_id = n.id
    ), r as (
      select c.company_id, r.status, r.outcome from c join referrals r on r.case_id = c.case_id
    )
    select
      (select count(distinct company_id) from n)::int as needs,
      (select count(distinct company_id) from c)::int as cases,
      (select count(distinct company_id) from r)::int as referrals,
      (select count(distinct company_id) from r
        where status in ('accepted', 'in-progress', 'closed'))::int as accepted,
      (select count(distinct company_id) from r where status = 'closed' and outcome = 'helped')::int as helped
  `.execute(db);
  const row = result.rows[0]!;
  return {
    needs: Number(row.needs),
    cases: Number(row.cases),
    referrals: Number(row.referrals),
    accepted: Number(row.accepted),
    helped: Number(row.helped),
  };
}

/**
 * Per partner organisation, over the referrals sent in the period (under the referral's municipality): days
 * from sending to the first contact — the partner's first answer or the first contact-log entry for the
 * referral (or for its case by the partner) at or after sending, whichever came first — as median and 90th
 * percentile (continuous), the distinct companies behind them, and the distinct companies with an expired
 * referral. The last row (organisationId null) is all organisations together.
 */
export async function firstContactByOrganisation(db: Db, filter: OutcomeFilter): Promise<FirstContactRow[]> {
  const result = await sql<{
    organisation_id: string | null;
    organisation_name: string | null;
    companies: number;
    median_days: number | null;
    p90_days: number | null;
    expired: number;
  }>`
    with r as (
      select r.organisation_id, r.status, k.company_id,
        extract(epoch from (least(r.responded_at, (
          select min(l.contacted_at) from company_contact_log l
          where l.contacted_at >= r.sent_at
            and (l.referral_id = r.id
              or (l.referral_id is null and l.case_id = r.case_id and l.organisation_id = r.organisation_id))
        )) - r.sent_at))::float8 / 86400 as days
      from referrals r join cases k on k.id = r.case_id
      where ${inPeriod(sql.ref("r.sent_at"), filter)}
        and k.company_id is not null and ${hasStatisticsConsent(sql.ref("k.company_id"))}
        ${inMunicipalities(sql.ref("r.municipality_code"), filter)}
    ), g as (
      select r.organisation_id, grouping(r.organisation_id)::int as level,
        count(distinct r.company_id) filter (where r.days is not null)::int as companies,
        (percentile_cont(0.5) within group (order by r.days))::float8 as median_days,
        (percentile_cont(0.9) within group (order by r.days))::float8 as p90_days,
        count(distinct r.company_id) filter (where r.status = 'expired')::int as expired
      from r group by grouping sets ((r.organisation_id), ())
    )
    select g.organisation_id::text as organisation_id, o.name as organisation_name,
      g.companies, g.median_days, g.p90_days, g.expired
    from g left join organisations o on o.id = g.organisation_id
    order by g.level, o.name, g.organisation_id`.execute(db);
  const rows = result.rows.map(
    (row): FirstContactRow => ({
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      companies: Number(row.companies),
      medianDays: row.median_days === null ? null : Number(row.median_days),
      p90Days: row.p90_days === null ? null : Number(row.p90_days),
      expired: Number(row.expired),
    }),
  );
  // An empty period still has its (empty) total, so callers always find one.
  if (!rows.some((row) => row.organisationId === null))
    rows.push({
      organisationId: null,
      organisationName: null,
      companies: 0,
      medianDays: null,
      p90Days: null,
      expired: 0,
    });
  return rows;
}

/**
 * Distinct companies with a declined referral sent in the period (under the referral's municipality), per
 * offer and reason, per offer, per reason and in all (the margins are distinct counts too).
 */
export async function countDeclines(db: Db, filter: OutcomeFilter): Promise<DeclineCountRow[]> {
  const result = await sql<{ offer_id: string | null; reason: DeclineReason | null; companies: number }>`
    select r.offer_id::text as offer_id, r.decline_reason as reason,
      count(distinct k.company_id)::int as companies
    from referrals r join cases k on k.id = r.case_id
    where r.status = 'declined' and ${inPeriod(sql.ref("r.sent_at"), filter)}
      and k.company_id is not null and ${hasStatisticsConsent(sql.ref("k.company_id"))}
      ${inMunicipalities(sql.ref("r.municipality_code"), filter)}
    group by grouping sets ((r.offer_id, r.decline_reason), (r.offer_id), (r.decline_reason), ())`.execute(
    db,
  );
  return result.rows.map((row) => ({
    offerId: row.offer_id,
    reason: row.reason,
    companies: Number(row.companies),
  }));
}

/** The names and organisations of these offers. */
export async function offerLabels(db: Db, offerIds: readonly string[]): Promise<OfferLabel[]> {
  if (offerIds.length === 0) return [];
  const rows = await db
    .selectFrom("offers")
    .innerJoin("organisations", "organisations.id", "offers.organisation_id")
    .select([
      "offers.id as offerId",
      "offers.name as name",
      "offers.name_en as nameEn",
      "organisations.id as organisationId",
      "organisations.name as organisationName",
    ])
    .where("offers.id", "in", [...offerIds])
    .execute();
  return rows;
}

/**
 * Per campaign: distinct companies that answered in the period and, for pulses, distinct companies invited
 * in the period and how many of those have answered the campaign, under the company's municipality. Answers
 * outside any campaign make one row (campaignId ''); the last row (campaignId null) is all together.
 */
export async function countSurveyAnswers(db: Db, filter: OutcomeFilter): Promise<SurveyAnswerRow[]> {
  const counted = (company: RawBuilder<unknown>) =>
    sql`${company} is not null and ${hasStatisticsConsent(company)}
      and exists (select 1 from companies co where co.id = ${company}
        ${inMunicipalities(sql.ref("co.municipality_code"), filter)})`;
  const result = await sql<{
    campaign_id: string | null;
    campaign_name: string | null;
    pulse: boolean | null;
    answers: number;
    invited: number;
    invited_answered: number;
  }>`
    with a as (
      select distinct coalesce(s.campaign_id::text, '') as campaign_id, s.company_id
      from survey_responses s
      where ${inPeriod(sql.ref("s.created_at"), filter)} and ${counted(sql.ref("s.company_id"))}
    ), i as (
      select distinct m.campaign_id::text as campaign_id, m.company_id,
        exists (select 1 from survey_responses s
          where s.campaign_id = m.campaign_id and s.company_id = m.company_id) as answered
      from pulse_mailings m
      where m.kind = 'invitation' and ${inPeriod(sql.ref("m.created_at"), filter)}
        and ${counted(sql.ref("m.company_id"))}
    ), g as (
      select campaign_id, grouping(campaign_id)::int as level,
        count(distinct company_id) filter (where source = 'a')::int as answers,
        count(distinct company_id) filter (where source = 'i')::int as invited,
        count(distinct company_id) filter (where source = 'i' and answered)::int as invited_answered
      from (
        select campaign_id, company_id, 'a' as source, false as answered from a
        union all
        select campaign_id, company_id, 'i', answered from i
      ) u
      group by grouping sets ((campaign_id), ())
    )
    select case when g.level = 1 then null else g.campaign_id end as campaign_id, c.name as campaign_name,
      (c.recurrence is not null or sv.kind = 'pulse') as pulse, g.answers, g.invited, g.invited_answered
    from g
      left join campaigns c on g.level = 0 and c.id::text = g.campaign_id
      left join surveys sv on sv.id = c.survey_id
    order by g.level, (g.campaign_id = '') , c.opens_at, c.name`.execute(db);
  const rows = result.rows.map(
    (row): SurveyAnswerRow => ({
      campaignId: row.campaign_id,
      campaignName: row.campaign_name,
      pulse: row.campaign_id !== null && row.pulse === true,
      answers: Number(row.answers),
      invited: Number(row.invited),
      invitedAnswered: Number(row.invited_answered),
    }),
  );
  if (!rows.some((row) => row.campaignId === null))
    rows.push({
      campaignId: null,
      campaignName: null,
      pulse: false,
      answers: 0,
      invited: 0,
      invitedAnswered: 0,
    });
  return rows;
}

/** Companies with needs from a meeting's follow-up survey, per meeting × theme with every margin. */
export interface MeetingNeedsRow {
  /** null on the theme totals and the grand total. */
  meetingId: string | null;
  meetingTitle: string | null;
  startsAt: Date | null;
  /** null on the meeting totals and the grand total. */
  theme: string | null;
  companies: number;
}

/**
 * Per meeting held in the period (its start in the period; in the filtered municipalities when filtered): the
 * distinct companies with needs from its follow-up round, by theme, with meeting totals (distinct companies),
 * theme totals and the grand total — only companies with an active statistics consent, like every figure.
 * Meetings with a follow-up round but no counted answers still get a row of zeros.
 */
export async function countMeetingNeeds(db: Db, filter: OutcomeFilter): Promise<MeetingNeedsRow[]> {
  const result = await sql<{
    meeting_id: string | null;
    title: string | null;
    starts_at: Date | null;
    theme: string | null;
    companies: number;
    level: number;
  }>`
    with m as (
      select id, title, starts_at, followup_campaign_id from meetings
      where status = 'held' and followup_campaign_id is not null and ${inPeriod(sql.ref("starts_at"), filter)}
        ${inMunicipalities(sql.ref("municipality_code"), filter)}
    ), n as (
      select distinct m.id as meeting_id, nd.theme, nd.company_id
      from m join needs nd on nd.campaign_id = m.followup_campaign_id
      where nd.company_id is not null and ${hasStatisticsConsent(sql.ref("nd.company_id"))}
    ), g as (
      select meeting_id, theme, count(distinct company_id)::int as companies,
        (grouping(meeting_id) * 2 + grouping(theme))::int as level
      from n group by grouping sets ((meeting_id, theme), (meeting_id), (theme), ())
    )
    select g.meeting_id, m.title, m.starts_at, g.theme, g.companies, g.level
    from g left join m on m.id = g.meeting_id
    union all
    select m.id, m.title, m.starts_at, null, 0, 1 from m where not exists (select 1 from n where n.meeting_id = m.id)
    order by 6, 3, 2`.execute(db);
  const rows = result.rows.map((row) => ({
    meetingId: row.meeting_id,
    meetingTitle: row.title,
    startsAt: row.starts_at,
    theme: row.theme,
    companies: Number(row.companies),
  }));
  if (!rows.some((row) => row.meetingId === null && row.theme === null)) {
    rows.push({ meetingId: null, meetingTitle: null, startsAt: null, theme: null, companies: 0 });
  }
  return rows;
}
