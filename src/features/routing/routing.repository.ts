import type { Insertable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { RoutingRulesTable, TeamsTable } from "#src/db/schema.ts";

// The only SQL for teams, team members and routing rules.

/** Every team with its organisation's name, by organisation and name. */
export function listTeams(db: Db) {
  return db
    .selectFrom("teams")
    .innerJoin("organisations", "organisations.id", "teams.organisation_id")
    .selectAll("teams")
    .select("organisations.name as organisation_name")
    .orderBy("organisations.name")
    .orderBy("teams.name")
    .execute();
}

/** One team. */
export function findTeam(db: Db, id: string) {
  return db
    .selectFrom("teams")
    .innerJoin("organisations", "organisations.id", "teams.organisation_id")
    .selectAll("teams")
    .select("organisations.name as organisation_name")
    .where("teams.id", "=", id)
    .executeTakeFirst();
}

/** The team with this slug, if any. */
export function findTeamBySlug(db: Db, slug: string) {
  return db.selectFrom("teams").select(["id", "name"]).where("slug", "=", slug).executeTakeFirst();
}

/** The catch-all team, if one is set. */
export function findCatchAllTeam(db: Db) {
  return db.selectFrom("teams").selectAll().where("is_catch_all", "=", true).executeTakeFirst();
}

/** Stores a team; returns its id. */
export async function insertTeam(db: Db, row: Insertable<TeamsTable>): Promise<string> {
  return (await db.insertInto("teams").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

/** Makes one team the catch-all (and no other). */
export async function setCatchAllTeam(db: Db, teamId: string): Promise<void> {
  await db.updateTable("teams").set({ is_catch_all: false }).where("is_catch_all", "=", true).execute();
  await db
    .updateTable("teams")
    .set({ is_catch_all: true, updated_at: new Date() })
    .where("id", "=", teamId)
    .execute();
}

/** The members of teams, with their names and e-mail addresses. */
export function listMembers(db: Db, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("team_members")
    .innerJoin("users", "users.id", "team_members.user_id")
    .select([
      "team_members.team_id",
      "users.id as user_id",
      "users.name",
      "users.email",
      "users.status",
      "users.locale",
    ])
    .where("team_members.team_id", "in", teamIds)
    .orderBy("users.name")
    .execute();
}

/** The ids of the teams a user is a member of. */
export async function teamIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom("team_members").select("team_id").where("user_id", "=", userId).execute();
  return rows.map((r) => r.team_id);
}

/** Adds a member (a no-op when already one). */
export async function addMember(db: Db, teamId: string, userId: string): Promise<void> {
  await db
    .insertInto("team_members")
    .values({ team_id: teamId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Removes a member. */
export async function removeMember(db: Db, teamId: string, userId: string): Promise<void> {
  await db.deleteFrom("team_members").where("team_id", "=", teamId).where("user_id", "=", userId).execute();
}

/** The rules in the order they are tried. */
export function listRules(db: Db) {
  return db
    .selectFrom("routing_rules")
    .innerJoin("teams", "teams.id", "routing_rules.team_id")
    .selectAll("routing_rules")
    .select(["teams.name as team_name", "teams.organisation_id"])
    .orderBy("routing_rules.position")
    .orderBy("routing_rules.created_at")
    .execute();
}

/** Stores a rule; returns its id. */
export async function insertRule(db: Db, row: Insertable<RoutingRulesTable>): Promise<string> {
  return (await db.insertInto("routing_rules").values(row).returning("id").executeTakeFirstOrThrow()).id;
}

/** Deletes a rule; whether it existed. */
export async function deleteRule(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom("routing_rules").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Rewrites the positions of rules to 0, 1, 2 … in the given order. */
export async function renumberRules(db: Db, idsInOrder: readonly string[]): Promise<void> {
  for (const [position, id] of idsInOrder.entries())
    await db
      .updateTable("routing_rules")
      .set({ position, updated_at: new Date() })
      .where("id", "=", id)
      .execute();
}
