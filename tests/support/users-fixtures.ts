import type { Db } from "#src/db/client.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import { seedUsers } from "#src/features/users/users.accounts.service.ts";
import type { Role, UserActor } from "#src/shared/auth/actor.ts";

// Small factories for tests of users, organisations and accounts: organisations, active users with
// memberships, and the Actor a signed-in user would have.

let serial = 0;

/** A new organisation with a unique slug; returns its id. */
export async function makeOrganisation(
  db: Db,
  name: string,
  type: "municipality" | "region" | "business-finance" | "other" = "other",
): Promise<string> {
  serial++;
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${serial}`;
  return (await createOrganisation(db, { slug, name, type })).id;
}

/**
 * An active user with the given memberships (password hash "not-a-real-hash": these users do not sign
 * in with a password); returns the actor they would be once signed in.
 */
export async function makeUser(
  db: Db,
  email: string,
  memberships: [organisationId: string, role: Role][],
  name = email.split("@")[0]!,
): Promise<UserActor> {
  await seedUsers(db, [
    {
      email,
      name,
      passwordHash: "not-a-real-hash",
      isDemo: false,
      memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
    },
  ]);
  const row = await db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  return {
    kind: "user",
    userId: row.id,
    name,
    email,
    memberships: memberships.map(([organisationId, role]) => ({ organisationId, role })),
  };
}
