/**
 * What each dashboard view shows: its tables, in order, each with the chart that suits it. The page and its
 * exports both read this, so a download holds exactly the tables on the page.
 */
import type { Db } from "#src/db/client.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { supplyTables } from "./insights.gaps.ts";
import { meetingNeeds } from "./insights.meetings.ts";
import {
  declineSignals,
  firstContactTimes,
  outcomeFunnel,
  surveyAnswers,
} from "./insights.outcomes.service.ts";
import { assertCanViewInsights, catchUp, type NeedsFilter, needsDashboard } from "./insights.service.ts";
import type { InsightBlock, InsightViewId } from "./insights.views.tsx";

/** The blocks of one view for a filter, and how many needs are still being counted in. */
export async function insightViewBlocks(
  db: Db,
  actor: Actor,
  view: InsightViewId,
  filter: NeedsFilter,
  locale: Locale,
): Promise<{ blocks: InsightBlock[]; pending: number }> {
  assertCanViewInsights(actor);
  const range = {
    from: filter.period.start,
    to: filter.period.end,
    municipalities: [...filter.municipalities],
  };
  switch (view) {
    case "needs": {
      const d = await needsDashboard(db, actor, filter, locale);
      return {
        blocks: [
          { table: d.byTheme, chart: "bar" },
          { table: d.trend, chart: "line" },
          { table: d.byMunicipality, chart: "bar", column: d.byMunicipality.columns.length - 1 },
          { table: d.bySection, chart: "bar" },
          { table: d.bySize, chart: "bar" },
        ],
        pending: d.pending,
      };
    }
    case "supply": {
      await catchUp(db);
      const s = await supplyTables(db, actor, filter.municipalities, locale);
      return {
        blocks: [
          { table: s.gaps, chart: "bar" },
          { table: s.supply, chart: "bar" },
        ],
        pending: 0,
      };
    }
    case "outcomes": {
      const blocks: InsightBlock[] = [
        { table: await outcomeFunnel(db, range, locale), chart: "bar" },
        { table: await firstContactTimes(db, range, locale), chart: "bar" },
        { table: await declineSignals(db, range, locale), chart: "bar" },
      ];
      return { blocks, pending: 0 };
    }
    case "surveys": {
      const byMeeting = await meetingNeeds(db, range, locale);
      return {
        blocks: [
          { table: await surveyAnswers(db, range, locale), chart: "bar" },
          // The chart shows each meeting's companies with needs (the last column, the distinct total).
          { table: byMeeting, chart: "bar", column: byMeeting.columns.length - 1 },
        ],
        pending: 0,
      };
    }
  }
}
