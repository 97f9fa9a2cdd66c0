import type { AxeTally } from "./a11y-axe.ts";
import type { RoleResult } from "./a11y-crawl.ts";
import type { JourneyResult } from "./keyboard-journeys.ts";

// The sweep's report: pages per role, runs per state, violations (serious and critical listed one by
// one, moderate and minor counted per rule), pages that answered 5xx, and the keyboard journeys. It says
// which goals failed; sweep.ts turns that into the exit code.

export type SweepOutcome = {
  roles: RoleResult[];
  journeys: JourneyResult[];
  tally: AxeTally;
  seconds: number;
  perPattern: number;
};

/** The report as text, and whether every goal was met. */
export function formatReport(outcome: SweepOutcome): { text: string; ok: boolean } {
  const { roles, journeys, tally } = outcome;
  const lines: string[] = [];
  const runs = tally.runs;
  lines.push(
    "",
    `Accessibility sweep: ${runs.length} axe runs in ${outcome.seconds.toFixed(0)} s (WCAG 2.1 A/AA)`,
  );
  lines.push(
    "",
    "| role | pages (sv) | patterns | English | 320 px | empty | error forms (4xx) | destructive skipped |",
  );
  lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of roles) {
    lines.push(
      `| ${r.role} | ${r.pages} | ${r.patterns} | ${r.english} | ${r.narrow} | ${r.empty} | ${r.errorForms} (${r.errorFormsWith4xx}) | ${r.destructiveSkipped} |`,
    );
  }
  const states = new Map<string, number>();
  for (const run of runs)
    states.set(`${run.state}/${run.locale}`, (states.get(`${run.state}/${run.locale}`) ?? 0) + 1);
  lines.push("", `axe runs by state/language: ${[...states].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const patterns = new Set(
    runs.filter((r) => r.state !== "errors" && r.state !== "journey").map((r) => r.pattern),
  );
  const urls = new Set(runs.map((r) => r.url));
  lines.push(`distinct route patterns: ${patterns.size}; distinct URLs: ${urls.size}`);

  const serious = tally.serious();
  lines.push("", `serious or critical violations: ${serious.length} (goal 0)`);
  for (const { run, finding } of serious.slice(0, 60)) {
    lines.push(
      `  - [${finding.impact}] ${finding.id} on ${run.url} (${run.role}, ${run.state}, ${run.locale}): ${finding.targets.slice(0, 4).join(", ")}`,
    );
  }
  const lesser = tally.lesser();
  const lesserRuns = [...lesser.values()].reduce((sum, e) => sum + e.runs, 0);
  lines.push(`moderate or minor violations: ${lesserRuns} (rule × page runs)`);
  for (const [rule, entry] of [...lesser].sort((a, b) => b[1].runs - a[1].runs)) {
    lines.push(`  - ${rule}: ${entry.runs} runs, ${entry.nodes} nodes, ${entry.patterns.size} patterns`);
  }
  const untested = tally.untested();
  if (untested.length > 0) lines.push(`pages axe could not test: ${untested.map((r) => r.url).join(", ")}`);
  const serverErrors = runs.filter((r) => r.status >= 500);
  lines.push(`pages answering 5xx: ${serverErrors.length}`);
  for (const r of serverErrors) lines.push(`  - ${r.status} ${r.url} (${r.role}, ${r.state})`);
  const overflow = roles.flatMap((r) => r.narrowOverflow.map((u) => `${r.role}: ${u}`));
  lines.push(`pages wider than 320 px at 320 px: ${overflow.length}`);
  for (const o of overflow) lines.push(`  - ${o}`);
  const problems = roles.flatMap((r) => r.problems.map((p) => `${r.role}: ${p}`));
  lines.push(`crawl problems: ${problems.length}`);
  for (const p of problems) lines.push(`  - ${p}`);

  lines.push("", "keyboard-only journeys:");
  for (const j of journeys) {
    lines.push(
      `  ${j.ok ? "pass" : "FAIL"} ${j.name} (${j.tabStops} Tab stops, ${j.axeRuns} axe runs)${j.error ? `: ${j.error}` : ""}`,
    );
    for (const f of j.focusFailures) lines.push(`    - ${f}`);
  }
  const failed: string[] = [];
  if (serious.length > 0) failed.push(`${serious.length} serious or critical violations`);
  if (untested.length > 0) failed.push(`${untested.length} pages axe could not test`);
  if (serverErrors.length > 0) failed.push(`${serverErrors.length} pages answered 5xx`);
  if (problems.length > 0) failed.push(`${problems.length} crawl problems`);
  const failedJourneys = journeys.filter((j) => !j.ok);
  if (failedJourneys.length > 0) failed.push(`${failedJourneys.length} keyboard journeys failed`);
  lines.push("", failed.length === 0 ? "All goals met." : `Goals not met: ${failed.join("; ")}.`);
  return { text: lines.join("\n"), ok: failed.length === 0 };
}
