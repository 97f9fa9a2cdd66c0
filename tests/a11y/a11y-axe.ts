import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

// One axe run per page and state, against WCAG 2.1 A and AA (the tags the e2e specs use), and the tally
// the sweep's report is made from. Serious and critical violations are the goal (0); moderate and minor
// ones are counted and listed by rule.

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Fewer passed checks than this means axe did not really test the page (an empty or broken document). */
const MIN_PASSES = 10;

export type SweepState = "filled" | "empty" | "errors" | "narrow" | "journey";

/** Where and how a page was checked. */
export type AxeContext = {
  role: string;
  state: SweepState;
  locale: "sv" | "en";
  pattern: string;
  url: string;
  status: number;
};

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/** One axe run's outcome. */
export type AxeRun = AxeContext & { findings: AxeFinding[]; passes: number };

/** Every axe run of the sweep. */
export class AxeTally {
  readonly runs: AxeRun[] = [];

  /** Runs axe on the page as it is now and records the outcome under `context`. */
  async check(page: Page, context: AxeContext): Promise<AxeRun> {
    const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    const findings = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
    const run: AxeRun = { ...context, findings, passes: results.passes.length };
    this.runs.push(run);
    const serious = findings.filter(isSerious);
    if (serious.length > 0 || run.passes < MIN_PASSES) {
      console.log(
        `  ✗ ${context.role} ${context.state} ${context.locale} ${context.url}: ` +
          (serious.length > 0
            ? serious.map((f) => `${f.impact} ${f.id} (${f.targets.slice(0, 3).join(", ")})`).join("; ")
            : `axe passed only ${run.passes} checks`),
      );
    }
    return run;
  }

  /** Runs whose page axe could not really test (counted as failures: a blank page must not pass). */
  untested(): AxeRun[] {
    return this.runs.filter((r) => r.passes < MIN_PASSES);
  }

  /** Serious and critical findings, one line each with rule, page and targets. */
  serious(): { run: AxeRun; finding: AxeFinding }[] {
    return this.runs.flatMap((run) => run.findings.filter(isSerious).map((finding) => ({ run, finding })));
  }

  /** Moderate and minor findings per impact and rule: how many runs had each and on how many nodes. */
  lesser(): Map<string, { runs: number; nodes: number; patterns: Set<string> }> {
    const byRule = new Map<string, { runs: number; nodes: number; patterns: Set<string> }>();
    for (const run of this.runs) {
      for (const finding of run.findings.filter((f) => !isSerious(f))) {
        const key = `${finding.impact} ${finding.id}`;
        const entry = byRule.get(key) ?? { runs: 0, nodes: 0, patterns: new Set<string>() };
        entry.runs++;
        entry.nodes += finding.targets.length;
        entry.patterns.add(run.pattern);
        byRule.set(key, entry);
      }
    }
    return byRule;
  }
}

function isSerious(finding: AxeFinding): boolean {
  return finding.impact === "serious" || finding.impact === "critical";
}
