import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { RoleColumn } from "#src/db/schema.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";

// The only SQL of the users feature, for users and memberships. Queries over an organisation's members
// take a DataScope, so a caller that forgot its policy check still reads nothing outside its scope.

export type UserStatus = "invited" | "active" | "deactivated";

const USER_COLUMNS = [
  "u.id",
  "u.email",
  "u.name",
  "u.status",
  "u.locale",
  "u.is_demo",
  "u.last_login_at",
  "u.created_at",
] as const;

/** The members of one organisation, each once with their roles there, by name then e-mail. */
export function listOrganisationMembers(db: Db, organisationId: string, scope: DataScope) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(USER_COLUMNS)
    .select(sql<RoleColumn[]>`array_agg(m.role::text order by m.role)`.as("roles"))
    .where("m.organisation_id", "=", organisationId)
    .where((eb) => inScope(eb, "m.organisation_id", scope))
    .groupBy(["u.id"])
    .orderBy(sql`lower(u.name)`)
    .orderBy("u.email")
    .execute();
}

/** One member of an organisation with their roles there, or undefined when not a member (or out of scope). */
export async function findOrganisationMember(
  db: Db,
  organisationId: string,
  userId: string,
  scope: DataScope,
) {
  const [member] = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(USER_COLUMNS)
    .select(sql<RoleColumn[]>`array_agg(m.role::text order by m.role)`.as("roles"))
    .where("m.organisation_id", "=", organisationId)
    .where("m.user_id", "=", userId)
    .where((eb) => inScope(eb, "m.organisation_id", scope))
    .groupBy(["u.id"])
    .execute();
  return member;
}

/** A user by id. */
export function findUserById(db: Db, id: string) {
  return db
    .selectFrom("users as u")
    .select(USER_COLUMNS)
    .select("u.password_hash")
    .where("u.id", "=", id)
    .executeTakeFirst();
}

/** A user by e-mail (stored lower-case). */
export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("users as u")
    .select(USER_COLUMNS)
    .select("u.password_hash")
    .where("u.email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/** Every membership of a user, with the organisation's name. */
export function listMembershipsOfUser(db: Db, userId: string) {
  return db
    .selectFrom("memberships as m")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["m.organisation_id", "m.role", "o.name as organisation_name", "o.slug as organisation_slug"])
    .where("m.user_id", "=", userId)
    .orderBy("o.name")
    .orderBy("m.role")
    .execute();
}

export type NewUserRow = {
  email: string;
  name: string;
  status: UserStatus;
  password_hash?: string | null;
  locale?: "sv" | "en";
  is_demo?: boolean;
};

/** Inserts a user; returns the id. */
export async function insertUser(db: Db, row: NewUserRow): Promise<string> {
  const inserted = await db
    .insertInto("users")
    .values({ ...row, email: row.email.toLowerCase() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Changes a user's columns. */
export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<{ name: string; status: UserStatus; locale: "sv" | "en"; password_hash: string | null }>,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .execute();
}

/** Adds memberships, ignoring ones that exist already. */
export async function insertMemberships(
  db: Db,
  rows: { user_id: string; organisation_id: string; role: RoleColumn }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("memberships")
    .values(rows)
    .onConflict((oc) => oc.columns(["user_id", "organisation_id", "role"]).doNothing())
    .execute();
}

/** Removes some (or, without `roles`, all) of a user's roles in one organisation. */
export async function deleteMemberships(
  db: Db,
  userId: string,
  organisationId: string,
  roles?: readonly RoleColumn[],
): Promise<void> {
  if (roles && roles.length === 0) return;
  let query = db
    .deleteFrom("memberships")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId);
  if (roles) query = query.where("role", "in", [...roles]);
  await query.execute();
}

/**
 * The users other than `exceptUserId` who can still act as org-admin of the organisation (not
 * deactivated). Locks their membership rows, so two admins removing each other at once cannot both pass.
 */
export async function countOtherOrgAdmins(
  db: Db,
  organisationId: string,
  exceptUserId: string,
): Promise<number> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.user_id")
    .where("m.organisation_id", "=", organisationId)
    .where("m.role", "=", "org-admin")
    .where("m.user_id", "!=", exceptUserId)
    .where("u.status", "!=", "deactivated")
    .forUpdate()
    .execute();
  return rows.length;
}

/** Which of these e-mails already have an account. */
export async function findExistingEmails(db: Db, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const rows = await db
    .selectFrom("users")
    .select("email")
    .where(
      "email",
      "in",
      emails.map((e) => e.toLowerCase()),
    )
    .execute();
  return rows.map((r) => r.email);
}

/** Demonstration users with their memberships and organisation names. */
export function listDemoMemberships(db: Db) {
  return db
    .selectFrom("users as u")
    .innerJoin("memberships as m", "m.user_id", "u.id")
    .innerJoin("organisations as o", "o.id", "m.organisation_id")
    .select(["u.email", "u.name", "m.role", "o.name as organisation_name"])
    .where("u.is_demo", "=", true)
    .where("u.status", "=", "active")
    .orderBy("u.email")
    .execute();
}

/** Active users holding one of `roles` in the organisation, for notifications. */
export function listActiveUsersWithRoles(db: Db, organisationId: string, roles: readonly RoleColumn[]) {
  if (roles.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "users.locale"])
    .distinct()
    .where("memberships.organisation_id", "=", organisationId)
    .where("memberships.role", "in", roles)
    .where("users.status", "=", "active")
    .execute();
}
