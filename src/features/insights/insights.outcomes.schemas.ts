import { z } from "@hono/zod-openapi";
import { DECLINE_REASON_COLUMNS, FUNNEL_STAGES } from "./insights.outcomes.figures.ts";
import { InsightCount, insightRangeFields } from "./insights.schemas.ts";

// The query and answer of the lotsning outcomes API (`GET /api/v1/insights/outcomes`); they generate the
// OpenAPI document. Counts are distinct companies; a suppressed count is null, never sent.

export const OutcomesInsightQuery = z
  .object({
    ...insightRangeFields,
  })
  .openapi("OutcomesInsightQuery");

const Count = z.object(InsightCount).openapi("InsightCount");
const Named = z.object({ id: z.uuid(), name: z.string() });

const FirstContact = {
  companies: Count.openapi({ description: "Companies behind the times (referrals with a first contact)" }),
  medianDays: z
    .number()
    .nullable()
    .openapi({ description: "Median days to first contact; null when hidden" }),
  p90Days: z.number().nullable().openapi({ description: "90th percentile (continuous); null when hidden" }),
  timesSuppressed: z
    .boolean()
    .openapi({ description: "True when fewer than 3 companies are behind the times" }),
  expired: Count.openapi({ description: "Companies with an expired referral" }),
};

const Reasons = z.object(
  Object.fromEntries(DECLINE_REASON_COLUMNS.map((reason) => [reason, Count])) as Record<
    (typeof DECLINE_REASON_COLUMNS)[number],
    typeof Count
  >,
);

const Campaign = {
  pulse: z.boolean().openapi({ description: "A recurring survey that invites companies" }),
  answers: Count,
  // A union, not Count.nullable(): on a registered schema that renders as allOf [InsightCount, object|null],
  // which no null satisfies; the union renders as anyOf [InsightCount, null] (found by npm run test:fuzz).
  invited: z.union([Count, z.null()]).openapi({ description: "Companies invited; null when not a pulse" }),
  responseRate: z.number().min(0).max(1).nullable().openapi({
    description: "Invited companies that answered ÷ invited; null when hidden or not applicable",
  }),
  responseRateSuppressed: z.boolean(),
};

export const OutcomesInsightAnswer = z
  .object({
    from: z.string(),
    to: z.string(),
    funnel: z.array(
      z
        .object({ stage: z.enum(FUNNEL_STAGES), ...InsightCount })
        .openapi("OutcomeFunnelStage", { description: "Companies with needs from the period at each stage" }),
    ),
    organisations: z.array(z.object({ organisation: Named, ...FirstContact }).openapi("OutcomeFirstContact")),
    organisationsTotal: z.object(FirstContact),
    declines: z.array(
      z
        .object({ offer: Named, organisation: Named, reasons: Reasons, total: Count })
        .openapi("OutcomeDeclines", { description: "Companies whose referral to the offer was declined" }),
    ),
    declinesTotal: z.object({ reasons: Reasons, total: Count }),
    campaigns: z.array(
      z
        .object({
          campaign: Named.nullable().openapi({ description: "null: answers outside any survey round" }),
          ...Campaign,
        })
        .openapi("OutcomeSurveyAnswers"),
    ),
    campaignsTotal: z.object(Campaign),
  })
  .openapi("OutcomesInsight");
