/**
 * The lotsning outcome figures (issue 8) with small-cell protection decided once, in a fixed order that does
 * not depend on the language, so the tables, exports and API hide the same values. Pure: takes what
 * insights.outcomes.repository.ts read.
 */
import type { DeclineReason } from "#src/db/schema.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import type {
  DeclineCountRow,
  FirstContactRow,
  FunnelCounts,
  OfferLabel,
  SurveyAnswerRow,
} from "./insights.outcomes.repository.ts";
import { isSmallCount, suppressLine, suppressTable } from "./insights.suppression.ts";

/** The funnel's stages, in order. */
export const FUNNEL_STAGES = ["needs", "cases", "referrals", "accepted", "helped"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** Every decline reason, in the order of the columns. */
export const DECLINE_REASON_COLUMNS = [
  "no-capacity",
  "not-eligible",
  "not-relevant",
  "company-unreachable",
  "referred-elsewhere",
  "company-declined",
] as const satisfies readonly DeclineReason[];

/** A count of companies and whether it is hidden. */
export interface Counted {
  count: number;
  suppressed: boolean;
}

export interface FunnelFigure extends Counted {
  stage: FunnelStage;
}

export interface FirstContactFigure {
  /** null on the total line (all organisations). */
  organisation: { id: string; name: string } | null;
  companies: Counted;
  medianDays: number | null;
  p90Days: number | null;
  /** The times are hidden: fewer than 3 companies behind them. */
  timesSuppressed: boolean;
  expired: Counted;
}

export interface DeclineFigure {
  offer: { id: string; name: string; nameEn: string | null };
  organisation: { id: string; name: string };
  reasons: Record<DeclineReason, Counted>;
  total: Counted;
}

export interface CampaignFigure {
  /** null on the total line; id '' for answers outside any campaign. */
  campaign: { id: string; name: string } | null;
  pulse: boolean;
  answers: Counted;
  /** Companies invited; null when the campaign invites no one (not a pulse). */
  invited: Counted | null;
  /** Invited companies that answered ÷ invited (0..1); null when nobody was invited or not a pulse. */
  responseRate: number | null;
  responseRateSuppressed: boolean;
}

/**
 * Which stages of a funnel to hide: each count of 1 or 2 companies, and each stage that differs by 1 or 2
 * from the shown stage before it (that would tell how few dropped out), looked at in order so that a hidden
 * stage is skipped and the next is compared with the last shown one. Differences of 0 are fine.
 * @example suppressFunnel([10, 8, 7, 4, 3]) // [false, true, false, false, true]
 */
export function suppressFunnel(counts: readonly number[]): boolean[] {
  let lastShown: number | undefined;
  return counts.map((count) => {
    if (isSmallCount(count)) return true;
    if (lastShown !== undefined && isSmallCount(Math.abs(lastShown - count))) return true;
    lastShown = count;
    return false;
  });
}

/** The funnel's stages with their protection. */
export function funnelFigures(counts: FunnelCounts): FunnelFigure[] {
  const values = FUNNEL_STAGES.map((stage) => counts[stage]);
  const hidden = suppressFunnel(values);
  return FUNNEL_STAGES.map((stage, i) => ({ stage, count: values[i]!, suppressed: hidden[i]! }));
}

/**
 * Time to first contact per organisation (by name) and in all: the companies and expired columns protected
 * against their totals, the times hidden when fewer than 3 companies are behind them.
 */
export function firstContactFigures(rows: readonly FirstContactRow[]): {
  organisations: FirstContactFigure[];
  total: FirstContactFigure;
} {
  const total = rows.find((row) => row.organisationId === null)!;
  const organisations = rows
    .filter((row) => row.organisationId !== null)
    .sort(
      (a, b) =>
        compareSwedish(a.organisationName ?? "", b.organisationName ?? "") ||
        a.organisationId!.localeCompare(b.organisationId!),
    );
  const companies = suppressLine(
    organisations.map((row) => row.companies),
    total.companies,
  );
  const expired = suppressLine(
    organisations.map((row) => row.expired),
    total.expired,
  );
  const figure = (row: FirstContactRow, companiesHidden: boolean, expiredHidden: boolean) => {
    const timesSuppressed = isSmallCount(row.companies);
    return {
      organisation:
        row.organisationId === null ? null : { id: row.organisationId, name: row.organisationName ?? "" },
      companies: { count: row.companies, suppressed: companiesHidden },
      medianDays: row.medianDays,
      p90Days: row.p90Days,
      timesSuppressed,
      expired: { count: row.expired, suppressed: expiredHidden },
    };
  };
  return {
    organisations: organisations.map((row, i) => figure(row, companies.cells[i]!, expired.cells[i]!)),
    total: figure(total, companies.total, expired.total),
  };
}

/**
 * Declines per offer (by organisation, then offer, in Swedish) × reason, protected as one table whose
 * margins are the distinct companies per offer, per reason and in all.
 */
export function declineFigures(
  rows: readonly DeclineCountRow[],
  labels: readonly OfferLabel[],
): { offers: DeclineFigure[]; total: Omit<DeclineFigure, "offer" | "organisation"> } {
  const byId = new Map(labels.map((label) => [label.offerId, label]));
  const offers = [...new Set(rows.flatMap((row) => (row.offerId === null ? [] : [row.offerId])))]
    .map((id) => byId.get(id)!)
    .sort(
      (a, b) =>
        compareSwedish(a.organisationName, b.organisationName) ||
        compareSwedish(a.name, b.name) ||
        a.offerId.localeCompare(b.offerId),
    );
  const countOf = (offerId: string | null, reason: DeclineReason | null) =>
    rows.find((row) => row.offerId === offerId && row.reason === reason)?.companies ?? 0;
  const counts = offers.map((offer) =>
    DECLINE_REASON_COLUMNS.map((reason) => countOf(offer.offerId, reason)),
  );
  const hidden = suppressTable(counts, {
    rowTotals: offers.map((offer) => countOf(offer.offerId, null)),
    columnTotals: DECLINE_REASON_COLUMNS.map((reason) => countOf(null, reason)),
    grandTotal: countOf(null, null),
  });
  const reasons = (values: readonly number[], flags: readonly boolean[]) =>
    Object.fromEntries(
      DECLINE_REASON_COLUMNS.map((reason, c) => [reason, { count: values[c]!, suppressed: flags[c]! }]),
    ) as Record<DeclineReason, Counted>;
  return {
    offers: offers.map((offer, r) => ({
      offer: { id: offer.offerId, name: offer.name, nameEn: offer.nameEn },
      organisation: { id: offer.organisationId, name: offer.organisationName },
      reasons: reasons(counts[r]!, hidden.cells[r]!),
      total: { count: countOf(offer.offerId, null), suppressed: hidden.rowTotals[r]! },
    })),
    total: {
      reasons: reasons(
        DECLINE_REASON_COLUMNS.map((reason) => countOf(null, reason)),
        hidden.columnTotals,
      ),
      total: { count: countOf(null, null), suppressed: hidden.grandTotal },
    },
  };
}

/**
 * Answers per campaign and in all, protected against the total; for pulses the invited companies (protected
 * likewise) and the response rate, hidden when the answers or the invited are hidden or when 1 or 2 invited
 * companies answered (the rate times the invited would give them away).
 */
export function campaignFigures(rows: readonly SurveyAnswerRow[]): {
  campaigns: CampaignFigure[];
  total: CampaignFigure;
} {
  const total = rows.find((row) => row.campaignId === null)!;
  const campaigns = rows.filter((row) => row.campaignId !== null);
  const answers = suppressLine(
    campaigns.map((row) => row.answers),
    total.answers,
  );
  const pulses = campaigns.filter((row) => row.pulse);
  const invited = suppressLine(
    pulses.map((row) => row.invited),
    total.invited,
  );
  const anyPulse = pulses.length > 0;
  const figure = (row: SurveyAnswerRow, answersHidden: boolean, invitedHidden: boolean | null) => {
    const invitedCount = invitedHidden === null ? null : { count: row.invited, suppressed: invitedHidden };
    const rate = invitedCount && row.invited > 0 ? row.invitedAnswered / row.invited : null;
    return {
      campaign: row.campaignId === null ? null : { id: row.campaignId, name: row.campaignName ?? "" },
      pulse: invitedCount !== null,
      answers: { count: row.answers, suppressed: answersHidden },
      invited: invitedCount,
      responseRate: rate,
      responseRateSuppressed:
        rate !== null && (answersHidden || invitedHidden === true || isSmallCount(row.invitedAnswered)),
    };
  };
  return {
    campaigns: campaigns.map((row, i) =>
      figure(row, answers.cells[i]!, row.pulse ? invited.cells[pulses.indexOf(row)]! : null),
    ),
    total: figure(total, answers.total, anyPulse ? invited.total : null),
  };
}
