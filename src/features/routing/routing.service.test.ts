import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "#src/db/client.ts";
import * as repository from "./routing.repository.ts";
import { type RoutingRule, routeCase, ruleMatches } from "./routing.service.ts";

// Routing semantics without a database: a rule holds when every criterion it sets equals the case's fact
// (an empty criterion holds for anything); rules are tried in order and the first that holds wins, even
// when a later one is more specific; when none holds, the catch-all team takes the case.

vi.mock("./routing.repository.ts", () => ({ listRules: vi.fn(), findCatchAllTeam: vi.fn() }));

const db = {} as Db;
let serial = 0;

function rule(
  criteria: { theme?: string; municipality?: string; section?: string },
  team: string,
): RoutingRule {
  serial++;
  return {
    id: `rule-${serial}`,
    position: serial,
    theme: criteria.theme ?? null,
    municipality_code: criteria.municipality ?? null,
    sni_section: criteria.section ?? null,
    team_id: team,
    organisation_id: `org-of-${team}`,
    team_name: team,
    created_by_user_id: null,
    created_at: new Date(0),
    updated_at: new Date(0),
  };
}

describe("ruleMatches", () => {
  const facts = { theme: "innovation", municipalityCode: "1884", sniSection: "C" };

  it("holds for any case when the rule sets no criterion", () => {
    expect(ruleMatches(rule({}, "t"), facts)).toBe(true);
    expect(ruleMatches(rule({}, "t"), {})).toBe(true);
  });

  it("holds only when every criterion it sets equals the case's fact", () => {
    expect(ruleMatches(rule({ municipality: "1884" }, "t"), facts)).toBe(true);
    expect(ruleMatches(rule({ municipality: "1880" }, "t"), facts)).toBe(false);
    expect(ruleMatches(rule({ theme: "innovation", section: "C" }, "t"), facts)).toBe(true);
    expect(ruleMatches(rule({ theme: "innovation", section: "G" }, "t"), facts)).toBe(false);
    expect(ruleMatches(rule({ theme: "financing", municipality: "1884", section: "C" }, "t"), facts)).toBe(
      false,
    );
  });

  it("does not hold when the case lacks a fact the rule asks for", () => {
    expect(ruleMatches(rule({ section: "C" }, "t"), { theme: "innovation", municipalityCode: "1884" })).toBe(
      false,
    );
    expect(ruleMatches(rule({ theme: "innovation" }, "t"), { theme: null })).toBe(false);
  });
});

describe("routeCase: first matching rule wins, else the catch-all team", () => {
  const rules = [
    rule({ municipality: "1884" }, "nora"),
    rule({ theme: "innovation" }, "science-park"),
    rule({ theme: "innovation", municipality: "1884", section: "C" }, "never"),
  ];

  beforeEach(() => {
    vi.mocked(repository.listRules).mockResolvedValue(rules as never);
    vi.mocked(repository.findCatchAllTeam).mockResolvedValue({
      id: "region",
      organisation_id: "org-of-region",
    } as never);
  });

  it("takes the first rule that holds, not the most specific one", async () => {
    expect(await routeCase(db, { theme: "innovation", municipalityCode: "1884", sniSection: "C" })).toEqual({
      teamId: "nora",
      organisationId: "org-of-nora",
      ruleId: rules[0]!.id,
    });
  });

  it("goes on down the list when earlier rules do not hold", async () => {
    expect(await routeCase(db, { theme: "innovation", municipalityCode: "1880" })).toEqual({
      teamId: "science-park",
      organisationId: "org-of-science-park",
      ruleId: rules[1]!.id,
    });
  });

  it("gives the catch-all team (no rule) when none holds", async () => {
    expect(await routeCase(db, { theme: "financing", municipalityCode: "1880", sniSection: "C" })).toEqual({
      teamId: "region",
      organisationId: "org-of-region",
      ruleId: null,
    });
  });

  it("gives nothing when no rule holds and no catch-all team is set", async () => {
    vi.mocked(repository.findCatchAllTeam).mockResolvedValue(undefined);
    expect(await routeCase(db, { theme: "financing", municipalityCode: "1880" })).toBeUndefined();
  });

  it("routes by the catch-all team alone when there are no rules", async () => {
    vi.mocked(repository.listRules).mockResolvedValue([]);
    expect((await routeCase(db, { theme: "innovation", municipalityCode: "1884" }))?.teamId).toBe("region");
  });
});
