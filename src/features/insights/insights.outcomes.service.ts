/**
 * Lotsning outcomes for the needs-intelligence views (issue 8): the funnel from need to help, time to first
 * contact and expired referrals per partner organisation, declines by reason as gap signals, and answers per
 * survey round. Each view is one suppressed table (insights.table.ts); the API variant is built from the same
 * figures (insights.outcomes.figures.ts), so every view hides the same values.
 *
 * Authorization is the caller's: these take no actor (check `assertCanViewInsights` first).
 */
import type { Db } from "#src/db/client.ts";
import type { DeclineReason } from "#src/db/schema.ts";
import { type Locale, pick } from "#src/shared/i18n.ts";
import {
  type CampaignFigure,
  type Counted,
  campaignFigures,
  DECLINE_REASON_COLUMNS,
  declineFigures,
  type FirstContactFigure,
  type FunnelStage,
  firstContactFigures,
  funnelFigures,
} from "./insights.outcomes.figures.ts";
import { outcomesMessages } from "./insights.outcomes.messages.ts";
import {
  countDeclines,
  countFunnel,
  countSurveyAnswers,
  firstContactByOrganisation,
  type OutcomeFilter,
  offerLabels,
} from "./insights.outcomes.repository.ts";
import { type ApiCount, apiCount } from "./insights.suppression.ts";
import {
  type InsightRow,
  type InsightTable,
  type InsightValue,
  NOT_APPLICABLE_LABEL,
} from "./insights.table.ts";

export { FUNNEL_STAGES, type FunnelStage, suppressFunnel } from "./insights.outcomes.figures.ts";
export type { OutcomeFilter } from "./insights.outcomes.repository.ts";

const count = (value: Counted): InsightValue => ({ kind: "count", ...value });
const days = (value: number | null, suppressed: boolean): InsightValue => ({
  kind: "days",
  value,
  suppressed,
});

function period(filter: OutcomeFilter) {
  return { from: filter.from, to: filter.to };
}

async function loadDeclines(db: Db, filter: OutcomeFilter) {
  const rows = await countDeclines(db, filter);
  const labels = await offerLabels(db, [
    ...new Set(rows.flatMap((row) => (row.offerId === null ? [] : [row.offerId]))),
  ]);
  return declineFigures(rows, labels);
}

/**
 * The funnel from need to help as distinct companies: companies with needs created in the period, of those
 * the ones that got a case, a referral, an accepted referral and help. Stages of 1 or 2 companies, and stages
 * 1 or 2 below the shown stage before them, are hidden (`suppressFunnel`).
 */
export async function outcomeFunnel(db: Db, filter: OutcomeFilter, locale: Locale): Promise<InsightTable> {
  const t = outcomesMessages(locale);
  const stages = funnelFigures(await countFunnel(db, filter));
  const first = stages[0]!;
  return {
    id: "outcome-funnel",
    title: t("funnel.title", period(filter)),
    rowHeader: t("funnel.rowHeader"),
    columns: [t("funnel.col.companies"), t("funnel.col.share")],
    rows: stages.map((stage) => ({
      header: t(`funnel.${stage.stage}`),
      values: [
        count(stage),
        {
          kind: "percent",
          value: first.count === 0 ? null : stage.count / first.count,
          // A share of a shown first stage gives the stage's count back; of a hidden one, it gives both.
          suppressed: first.count > 0 && (stage.suppressed || first.suppressed),
        },
      ],
    })),
    notes: [t("funnel.note"), t("funnel.noteSteps"), t("note.suppressed"), t("note.consent")],
  };
}

/**
 * Time to first contact per partner organisation for referrals sent in the period, in days: median and 90th
 * percentile with the companies behind them (times hidden under 3 companies), and the companies with an
 * expired referral; both count columns are protected against their totals.
 */
export async function firstContactTimes(
  db: Db,
  filter: OutcomeFilter,
  locale: Locale,
): Promise<InsightTable> {
  const t = outcomesMessages(locale);
  const figures = firstContactFigures(await firstContactByOrganisation(db, filter));
  const row = (figure: FirstContactFigure, header: string): InsightRow => ({
    header,
    values: [
      count(figure.companies),
      days(figure.medianDays, figure.timesSuppressed),
      days(figure.p90Days, figure.timesSuppressed),
      count(figure.expired),
    ],
  });
  return {
    id: "first-contact",
    title: t("contact.title", period(filter)),
    rowHeader: t("contact.rowHeader"),
    columns: [
      t("contact.col.companies"),
      t("contact.col.median"),
      t("contact.col.p90"),
      t("contact.col.expired"),
    ],
    rows: figures.organisations.map((figure) => row(figure, figure.organisation!.name)),
    total: row(figures.total, t("contact.total")),
    notes: [
      t("contact.note"),
      t("contact.noteTimes"),
      t("contact.noteExpired"),
      t("note.suppressed"),
      t("note.consent"),
    ],
  };
}

/**
 * Declined referrals sent in the period as gap signals: one row per offer (named with its organisation), one
 * column per decline reason and one for any reason, with a total row; distinct companies, protected as one
 * table with its margins.
 */
export async function declineSignals(db: Db, filter: OutcomeFilter, locale: Locale): Promise<InsightTable> {
  const t = outcomesMessages(locale);
  const figures = await loadDeclines(db, filter);
  const values = (reasons: Record<DeclineReason, Counted>, total: Counted) => [
    ...DECLINE_REASON_COLUMNS.map((reason) => count(reasons[reason])),
    count(total),
  ];
  return {
    id: "decline-signals",
    title: t("declines.title", period(filter)),
    rowHeader: t("declines.rowHeader"),
    columns: [...DECLINE_REASON_COLUMNS.map((reason) => t(`reason.${reason}`)), t("declines.col.total")],
    rows: figures.offers.map((figure) => ({
      header: `${pick(locale, figure.offer.name, figure.offer.nameEn)} (${figure.organisation.name})`,
      values: values(figure.reasons, figure.total),
    })),
    total: { header: t("declines.total"), values: values(figures.total.reasons, figures.total.total) },
    notes: [t("declines.note"), t("declines.noteTotals"), t("note.suppressed"), t("note.consent")],
  };
}

/**
 * Answers per survey round in the period (distinct companies, protected against the total) and, for pulses,
 * the companies invited and the response rate (the invited companies that answered ÷ the invited).
 */
export async function surveyAnswers(db: Db, filter: OutcomeFilter, locale: Locale): Promise<InsightTable> {
  const t = outcomesMessages(locale);
  const figures = campaignFigures(await countSurveyAnswers(db, filter));
  const row = (figure: CampaignFigure, header: string): InsightRow => ({
    header,
    values: [
      count(figure.answers),
      figure.invited ? count(figure.invited) : { kind: "text", text: NOT_APPLICABLE_LABEL },
      { kind: "percent", value: figure.responseRate, suppressed: figure.responseRateSuppressed },
    ],
  });
  return {
    id: "survey-answers",
    title: t("surveys.title", period(filter)),
    rowHeader: t("surveys.rowHeader"),
    columns: [t("surveys.col.answers"), t("surveys.col.invited"), t("surveys.col.rate")],
    rows: figures.campaigns.map((figure) =>
      row(figure, figure.campaign!.id === "" ? t("surveys.noCampaign") : figure.campaign!.name),
    ),
    total: row(figures.total, t("surveys.total")),
    notes: [t("surveys.note"), t("surveys.noteTotals"), t("note.suppressed"), t("note.consent")],
  };
}

/** The four outcome tables for one filter, in the order the page shows them. */
export async function outcomeTables(db: Db, filter: OutcomeFilter, locale: Locale): Promise<InsightTable[]> {
  return [
    await outcomeFunnel(db, filter, locale),
    await firstContactTimes(db, filter, locale),
    await declineSignals(db, filter, locale),
    await surveyAnswers(db, filter, locale),
  ];
}

/** Time to first contact as the API answers it: hidden times are null, never sent. */
export interface FirstContactApi {
  companies: ApiCount;
  medianDays: number | null;
  p90Days: number | null;
  timesSuppressed: boolean;
  expired: ApiCount;
}

/** The outcome figures as `GET /api/v1/insights/outcomes` answers them (schema: insights.outcomes.schemas.ts). */
export interface OutcomesApi {
  from: string;
  to: string;
  funnel: ({ stage: FunnelStage } & ApiCount)[];
  organisations: ({ organisation: { id: string; name: string } } & FirstContactApi)[];
  organisationsTotal: FirstContactApi;
  declines: {
    offer: { id: string; name: string };
    organisation: { id: string; name: string };
    reasons: Record<DeclineReason, ApiCount>;
    total: ApiCount;
  }[];
  declinesTotal: { reasons: Record<DeclineReason, ApiCount>; total: ApiCount };
  campaigns: ({ campaign: { id: string; name: string } | null } & CampaignApi)[];
  campaignsTotal: CampaignApi;
}

/** Answers of a survey round as the API answers them. */
export interface CampaignApi {
  pulse: boolean;
  answers: ApiCount;
  invited: ApiCount | null;
  responseRate: number | null;
  responseRateSuppressed: boolean;
}

const api = (value: Counted): ApiCount => apiCount(value.count, value.suppressed);

function firstContactApi(figure: FirstContactFigure): FirstContactApi {
  return {
    companies: api(figure.companies),
    medianDays: figure.timesSuppressed ? null : figure.medianDays,
    p90Days: figure.timesSuppressed ? null : figure.p90Days,
    timesSuppressed: figure.timesSuppressed,
    expired: api(figure.expired),
  };
}

function campaignApi(figure: CampaignFigure): CampaignApi {
  return {
    pulse: figure.pulse,
    answers: api(figure.answers),
    invited: figure.invited ? api(figure.invited) : null,
    responseRate: figure.responseRateSuppressed ? null : figure.responseRate,
    responseRateSuppressed: figure.responseRateSuppressed,
  };
}

function reasonsApi(reasons: Record<DeclineReason, Counted>): Record<DeclineReason, ApiCount> {
  return Object.fromEntries(DECLINE_REASON_COLUMNS.map((reason) => [reason, api(reasons[reason])])) as Record<
    DeclineReason,
    ApiCount
  >;
}

/**
 * Every outcome figure for the JSON API, hidden exactly as in the tables: a suppressed count is
 * `{count: null, suppressed: true}`, hidden times and rates are null. Offer names are the Swedish ones;
 * answers outside any survey round have `campaign: null`.
 */
export async function outcomesForApi(db: Db, filter: OutcomeFilter): Promise<OutcomesApi> {
  const funnel = funnelFigures(await countFunnel(db, filter));
  const contact = firstContactFigures(await firstContactByOrganisation(db, filter));
  const declines = await loadDeclines(db, filter);
  const surveys = campaignFigures(await countSurveyAnswers(db, filter));
  return {
    ...period(filter),
    funnel: funnel.map((stage) => ({ stage: stage.stage, ...api(stage) })),
    organisations: contact.organisations.map((figure) => ({
      organisation: figure.organisation!,
      ...firstContactApi(figure),
    })),
    organisationsTotal: firstContactApi(contact.total),
    declines: declines.offers.map((figure) => ({
      offer: { id: figure.offer.id, name: figure.offer.name },
      organisation: figure.organisation,
      reasons: reasonsApi(figure.reasons),
      total: api(figure.total),
    })),
    declinesTotal: { reasons: reasonsApi(declines.total.reasons), total: api(declines.total.total) },
    campaigns: surveys.campaigns.map((figure) => ({
      campaign: figure.campaign!.id === "" ? null : figure.campaign,
      ...campaignApi(figure),
    })),
    campaignsTotal: campaignApi(surveys.total),
  };
}
