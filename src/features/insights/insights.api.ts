import { createRoute } from "@hono/zod-openapi";
import { json, problem } from "#src/shared/api-responses.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import { gapsForApi } from "./insights.gaps.ts";
import { OutcomesInsightAnswer, OutcomesInsightQuery } from "./insights.outcomes.schemas.ts";
import { outcomesForApi } from "./insights.outcomes.service.ts";
import {
  GapsInsightAnswer,
  GapsInsightQuery,
  NeedsInsightAnswer,
  NeedsInsightQuery,
} from "./insights.schemas.ts";
import { assertCanViewInsights, catchUp, checkInsightCodes, needsForApi } from "./insights.service.ts";

// /api/v1/insights/*: the dashboards' figures, suppressed exactly as the pages show them.

const tags = ["Insights"];
const WHO =
  "Analysts, navigators, organisation admins and the platform admin (session or API token). Counts are companies; " +
  "a count of 1 or 2 companies, and any count that would let one be worked out by subtraction, is null with " +
  "`suppressed: true`. Companies without a statistics consent are not counted";

/** The asked range; a missing end is its year's first or last day, nothing asked is this year (Stockholm). */
function rangeOrThisYear(q: { from?: string | undefined; to?: string | undefined }): {
  from: string;
  to: string;
} {
  const year = stockholmDate(new Date()).slice(0, 4);
  return {
    from: q.from ?? `${q.to?.slice(0, 4) ?? year}-01-01`,
    to: q.to ?? `${q.from?.slice(0, 4) ?? year}-12-31`,
  };
}

/** The insights API. */
export function insightsApi() {
  const api = createFieldApiRouter();

  api.openapi(
    createRoute({
      method: "get",
      path: "/insights/needs",
      tags,
      summary: "Companies with needs, grouped",
      description:
        `${WHO}. Exact distinct counts: a year is never added up from months. ` +
        "A range that is a whole calendar month, quarter or year is answered from the rollups.",
      request: { query: NeedsInsightQuery },
      responses: {
        200: json(NeedsInsightAnswer, "The figures"),
        400: fieldProblem("Invalid parameters or unknown codes, naming the field"),
        401: problem("No valid session or API token"),
        403: problem("Not an analyst, navigator or admin"),
      },
    }),
    async (c) => {
      assertCanViewInsights(c.var.actor);
      const q = c.req.valid("query");
      const { from, to } = rangeOrThisYear(q);
      await checkInsightCodes(c.var.deps.db, {
        municipality: q.municipality,
        theme: q.theme,
        sizeBand: q.sizeBand,
        from,
        to,
      });
      const answer = await needsForApi(c.var.deps.db, c.var.actor, {
        from,
        to,
        groupBy: q.groupBy as never,
        municipalities: q.municipality,
        themes: q.theme,
        sniSections: q.sniSection,
        sizeBands: q.sizeBand,
      });
      return c.json({ ...answer, from, to }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/insights/gaps",
      tags,
      summary: "Supply against demand per theme and municipality, with gaps",
      description:
        `${WHO}. Every theme and municipality where companies have open needs (open or in a case), with the ` +
        "active offers in that theme that at least one of them can get; `gap` is true where there is none.",
      request: { query: GapsInsightQuery },
      responses: {
        200: json(GapsInsightAnswer, "Supply and demand"),
        400: fieldProblem("Unknown municipality code"),
        401: problem("No valid session or API token"),
        403: problem("Not an analyst, navigator or admin"),
      },
    }),
    async (c) => {
      assertCanViewInsights(c.var.actor);
      const q = c.req.valid("query");
      await checkInsightCodes(c.var.deps.db, { municipality: q.municipality });
      return c.json(await gapsForApi(c.var.deps.db, c.var.actor, q.municipality), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/insights/outcomes",
      tags,
      summary: "Lotsning outcomes: the funnel, time to first contact, declines and survey answers",
      description:
        `${WHO}. The funnel counts companies from need to case, referral, accepted and helped (needs created in ` +
        "the period); first contact per partner organisation as median and 90th percentile in days; declines by " +
        "reason per offer; answers and response rates per survey round.",
      request: { query: OutcomesInsightQuery },
      responses: {
        200: json(OutcomesInsightAnswer, "The figures"),
        400: fieldProblem("Invalid parameters or unknown codes, naming the field"),
        401: problem("No valid session or API token"),
        403: problem("Not an analyst, navigator or admin"),
      },
    }),
    async (c) => {
      assertCanViewInsights(c.var.actor);
      const q = c.req.valid("query");
      const { from, to } = rangeOrThisYear(q);
      await checkInsightCodes(c.var.deps.db, { municipality: q.municipality, from, to });
      await catchUp(c.var.deps.db);
      return c.json(await outcomesForApi(c.var.deps.db, { from, to, municipalities: q.municipality }), 200);
    },
  );

  return api;
}
