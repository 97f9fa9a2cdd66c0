/**
 * Needs by meeting (issue 9): what the companies that came to each information meeting told the network in
 * its follow-up survey — distinct companies per meeting × theme, protected like every other table.
 */
import type { Db } from "#src/db/client.ts";
import { formatDate, type Locale } from "#src/shared/i18n.ts";
import { labelOf, loadLabels } from "./insights.labels.ts";
import { outcomesMessages } from "./insights.outcomes.messages.ts";
import { countMeetingNeeds, type OutcomeFilter } from "./insights.outcomes.repository.ts";
import { suppressTable } from "./insights.suppression.ts";
import type { InsightTable } from "./insights.table.ts";

/** The meeting × theme table of companies with needs from meetings' follow-up surveys in the period. */
export async function meetingNeeds(db: Db, filter: OutcomeFilter, locale: Locale): Promise<InsightTable> {
  const t = outcomesMessages(locale);
  const rows = await countMeetingNeeds(db, filter);
  const labels = await loadLabels(db, locale);
  const meetings = [
    ...new Map(
      rows
        .filter((row) => row.meetingId !== null)
        .map((row) => [row.meetingId!, { title: row.meetingTitle ?? "", startsAt: row.startsAt! }]),
    ),
  ];
  const usedThemes = new Set(rows.flatMap((row) => (row.theme ? [row.theme] : [])));
  const themes = labels.themes.filter((theme) => usedThemes.has(theme.code));
  for (const code of usedThemes) {
    if (!themes.some((theme) => theme.code === code)) themes.push({ code, label: code });
  }
  const find = (meetingId: string | null, theme: string | null) =>
    rows.find((row) => row.meetingId === meetingId && row.theme === theme)?.companies ?? 0;
  const counts = meetings.map(([id]) => themes.map((theme) => find(id, theme.code)));
  const rowTotals = meetings.map(([id]) => find(id, null));
  const columnTotals = themes.map((theme) => find(null, theme.code));
  const grandTotal = find(null, null);
  const hidden = suppressTable(counts, { rowTotals, columnTotals, grandTotal });
  return {
    id: "meeting-needs",
    title: t("meetings.title", { from: filter.from, to: filter.to }),
    rowHeader: t("meetings.rowHeader"),
    columns: [
      ...themes.map((theme) => labelOf(labels.themes, theme.code, theme.code)),
      t("meetings.col.total"),
    ],
    rows: meetings.map(([, meeting], r) => ({
      header: `${meeting.title} (${formatDate(meeting.startsAt)})`,
      values: [
        ...themes.map((_, c) => ({
          kind: "count" as const,
          count: counts[r]![c]!,
          suppressed: hidden.cells[r]![c]!,
        })),
        { kind: "count" as const, count: rowTotals[r]!, suppressed: hidden.rowTotals[r]! },
      ],
    })),
    total: {
      header: t("meetings.total"),
      values: [
        ...themes.map((_, c) => ({
          kind: "count" as const,
          count: columnTotals[c]!,
          suppressed: hidden.columnTotals[c]!,
        })),
        { kind: "count" as const, count: grandTotal, suppressed: hidden.grandTotal },
      ],
    },
    notes: [t("meetings.note"), t("meetings.noteTotals"), t("note.suppressed"), t("note.consent")],
  };
}
