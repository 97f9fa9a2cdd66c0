import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { findExistingOrganisationIds } from "#src/features/organisations/organisations.service.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { canManageRouting, canManageTeamMembers, canViewRouting } from "./routing.policy.ts";
import * as repository from "./routing.repository.ts";

// Routing (issue 7): navigator teams, and the rules theme × municipality × SNI section → team that decide
// where a new case lands. Rules are tried in order; the first whose every given criterion matches wins; an
// empty criterion matches anything. When none matches, the catch-all team takes the case.

/** Runs `work` in the caller's transaction, or in a new one (the demo seed runs everything in one). */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export type Team = Awaited<ReturnType<typeof repository.listTeams>>[number];
export type RoutingRule = Awaited<ReturnType<typeof repository.listRules>>[number];

/** What a case is routed on. */
export type RoutingFacts = {
  theme?: string | null | undefined;
  municipalityCode?: string | null | undefined;
  sniSection?: string | null | undefined;
};

/** Whether a rule's criteria all hold for the facts (an empty criterion holds for anything). */
export function ruleMatches(
  rule: Pick<RoutingRule, "theme" | "municipality_code" | "sni_section">,
  facts: RoutingFacts,
): boolean {
  return (
    (rule.theme === null || rule.theme === facts.theme) &&
    (rule.municipality_code === null || rule.municipality_code === facts.municipalityCode) &&
    (rule.sni_section === null || rule.sni_section === facts.sniSection)
  );
}

/**
 * The team a new case goes to: the first matching rule's, else the catch-all team's (rule null), else
 * undefined when neither exists (the need then stays in the needs list for a navigator to pick up).
 */
export async function routeCase(
  db: Db,
  facts: RoutingFacts,
): Promise<{ teamId: string; organisationId: string; ruleId: string | null } | undefined> {
  const rules = await repository.listRules(db);
  const rule = rules.find((r) => ruleMatches(r, facts));
  if (rule) return { teamId: rule.team_id, organisationId: rule.organisation_id, ruleId: rule.id };
  const catchAll = await repository.findCatchAllTeam(db);
  return catchAll
    ? { teamId: catchAll.id, organisationId: catchAll.organisation_id, ruleId: null }
    : undefined;
}

/** Every team with its members. */
export async function listTeamsWithMembers(db: Db) {
  const teams = await repository.listTeams(db);
  const members = await repository.listMembers(
    db,
    teams.map((t) => t.id),
  );
  return teams.map((team) => ({ ...team, members: members.filter((m) => m.team_id === team.id) }));
}

/** One team, or NOT_FOUND. */
export async function getTeam(db: Db, teamId: string): Promise<Team> {
  const team = await repository.findTeam(db, teamId);
  if (!team) throw new AppError("NOT_FOUND", "No such team.");
  return team;
}

/** The active members of a team (who are notified of its new cases). */
export async function activeTeamMembers(db: Db, teamId: string) {
  return (await repository.listMembers(db, [teamId])).filter((m) => m.status === "active");
}

/** The ids of the teams a user belongs to (their "team queue"). */
export function teamIdsOfUser(db: Db, userId: string): Promise<string[]> {
  return repository.teamIdsOfUser(db, userId);
}

/**
 * What the routing page shows an actor: the rules in order, the teams whose members the actor may change
 * (every team for the platform admin, the own organisation's for an org admin) and whether the actor keeps
 * teams and rules. FORBIDDEN for anyone else.
 */
export async function routingOverview(db: Db, actor: Actor) {
  if (!canViewRouting(actor))
    throw new AppError("FORBIDDEN", "Only the platform admin and organisation admins see routing.");
  const [teams, rules] = await Promise.all([listTeamsWithMembers(db), repository.listRules(db)]);
  const catchAll = teams.find((team) => team.is_catch_all);
  return {
    teams: teams.filter((team) => canManageTeamMembers(actor, team.organisation_id)),
    rules,
    /** The team that takes what no rule fits (its name and organisation), if one is set. */
    catchAll: catchAll && { name: catchAll.name, organisationName: catchAll.organisation_name },
    canManageRouting: canManageRouting(actor),
  };
}

/** The rules in the order they are tried. */
export function listRoutingRules(db: Db): Promise<RoutingRule[]> {
  return repository.listRules(db);
}

const TeamInput = z.object({
  organisationId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(80),
  email: z
    .email()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  isCatchAll: z.boolean().default(false),
});

/** Creates a navigator team (platform admin). */
export async function createTeam(db: Db, input: unknown, meta: AuditContext): Promise<string> {
  if (!canManageRouting(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin creates teams.");
  const parsed = TeamInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const value = parsed.data;
  const errors: Record<string, { sv: string; en: string }> = {};
  if ((await findExistingOrganisationIds(db, [value.organisationId])).length === 0)
    errors.organisationId = { sv: "Okänd organisation.", en: "Unknown organisation." };
  if (await repository.findTeamBySlug(db, value.slug))
    errors.slug = {
      sv: "Kortnamnet används redan av ett annat team.",
      en: "Another team already uses this short name.",
    };
  if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  return inTransaction(db, async (trx) => {
    const id = await repository.insertTeam(trx, {
      organisation_id: value.organisationId,
      name: value.name,
      slug: value.slug,
      email: value.email ?? null,
    });
    if (value.isCatchAll) await repository.setCatchAllTeam(trx, id);
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "team",
      recordId: id,
      organisationId: value.organisationId,
      details: { catchAll: value.isCatchAll },
    });
    return id;
  });
}

/** Makes a team the catch-all team (platform admin). */
export async function setCatchAllTeam(db: Db, teamId: string, meta: AuditContext): Promise<void> {
  if (!canManageRouting(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin sets the catch-all team.");
  const team = await getTeam(db, teamId);
  await inTransaction(db, async (trx) => {
    await repository.setCatchAllTeam(trx, teamId);
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "team",
      recordId: teamId,
      organisationId: team.organisation_id,
      details: { catchAll: true },
    });
  });
}

/** Adds or removes a team member (platform admin, or the team organisation's admin). */
export async function changeTeamMember(
  db: Db,
  teamId: string,
  userId: string,
  change: "add" | "remove",
  meta: AuditContext,
): Promise<void> {
  const team = await getTeam(db, teamId);
  if (!canManageTeamMembers(meta.actor, team.organisation_id))
    throw new AppError("FORBIDDEN", "Only the platform admin or the organisation's admin changes its teams.");
  await inTransaction(db, async (trx) => {
    if (change === "add") await repository.addMember(trx, teamId, userId);
    else await repository.removeMember(trx, teamId, userId);
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "team",
      recordId: teamId,
      organisationId: team.organisation_id,
      details: { member: userId, change },
    });
  });
}

const RuleInput = z.object({
  theme: z.string().trim().max(40).optional(),
  municipalityCode: z
    .string()
    .trim()
    .regex(/^\d{4}$/)
    .optional(),
  sniSection: z
    .string()
    .trim()
    .regex(/^[A-U]$/)
    .optional(),
  teamId: z.uuid(),
});

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** Adds a rule at the end (platform admin); returns its id. Unknown codes fail naming the field. */
export async function createRoutingRule(
  db: Db,
  input: Record<string, unknown>,
  meta: AuditContext,
  codes: { themes: ReadonlySet<string>; municipalities: ReadonlySet<string> },
): Promise<string> {
  if (!canManageRouting(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin edits routing rules.");
  const parsed = RuleInput.safeParse(
    Object.fromEntries(Object.entries(input).map(([k, v]) => [k, blankToUndefined(v)])),
  );
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const rule = parsed.data;
  const errors: Record<string, { sv: string; en: string }> = {};
  if (rule.theme && !codes.themes.has(rule.theme)) errors.theme = { sv: "Okänt tema.", en: "Unknown theme." };
  if (rule.municipalityCode && !codes.municipalities.has(rule.municipalityCode))
    errors.municipalityCode = { sv: "Okänd kommunkod.", en: "Unknown municipality code." };
  if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  const team = await getTeam(db, rule.teamId);
  return inTransaction(db, async (trx) => {
    const existing = await repository.listRules(trx);
    const id = await repository.insertRule(trx, {
      position: existing.length,
      theme: rule.theme ?? null,
      municipality_code: rule.municipalityCode ?? null,
      sni_section: rule.sniSection ?? null,
      team_id: rule.teamId,
      created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "routing-rule",
      recordId: id,
      organisationId: team.organisation_id,
      details: {
        theme: rule.theme ?? null,
        municipality: rule.municipalityCode ?? null,
        section: rule.sniSection ?? null,
      },
    });
    return id;
  });
}

/** Deletes a rule (platform admin). */
export async function deleteRoutingRule(db: Db, ruleId: string, meta: AuditContext): Promise<void> {
  if (!canManageRouting(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin edits routing rules.");
  await inTransaction(db, async (trx) => {
    if (!(await repository.deleteRule(trx, ruleId))) throw new AppError("NOT_FOUND", "No such routing rule.");
    const rest = await repository.listRules(trx);
    await repository.renumberRules(
      trx,
      rest.map((r) => r.id),
    );
    await recordAudit(trx, { ...meta, action: "delete", recordType: "routing-rule", recordId: ruleId });
  });
}

/** Moves a rule one step earlier or later in the order (platform admin). */
export async function moveRoutingRule(
  db: Db,
  ruleId: string,
  direction: "up" | "down",
  meta: AuditContext,
): Promise<void> {
  if (!canManageRouting(meta.actor))
    throw new AppError("FORBIDDEN", "Only the platform admin edits routing rules.");
  await inTransaction(db, async (trx) => {
    const ids = (await repository.listRules(trx)).map((r) => r.id);
    const at = ids.indexOf(ruleId);
    if (at < 0) throw new AppError("NOT_FOUND", "No such routing rule.");
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    await repository.renumberRules(trx, ids);
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "routing-rule",
      recordId: ruleId,
      details: { move: direction },
    });
  });
}
