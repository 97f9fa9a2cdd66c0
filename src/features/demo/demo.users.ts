import type { Db } from "#src/db/client.ts";
import { hashPassword } from "#src/features/auth/passwords.ts";
import { seedUsers } from "#src/features/users/users.accounts.service.ts";
import { DEMO_PASSWORD } from "#src/features/users/users.service.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import type { DemoOrganisationSlug } from "./demo.data.ts";

// Demonstration accounts: one per role, plus a second navigator and advisor, so every staff page can be
// tried as each role. Fictional people with addresses under the reserved .example domain; they all sign
// in with DEMO_PASSWORD, which the sign-in page shows in demo mode. Marked is_demo.

export const DEMO_USERS: readonly {
  email: string;
  name: string;
  organisation: DemoOrganisationSlug;
  role: Role;
}[] = [
  // The network's coordinator at the region.
  {
    email: "karin.lindqvist@regionorebrolan.example",
    name: "Karin Lindqvist",
    organisation: "region-orebro-lan",
    role: "platform-admin",
  },
  {
    email: "johan.berglund@almi.example",
    name: "Johan Berglund",
    organisation: "almi-malardalen",
    role: "org-admin",
  },
  // Nora's head of business development, the navigator of the Nora meeting.
  {
    email: "anna.sjoberg@nora.example",
    name: "Anna Sjöberg",
    organisation: "nora-kommun",
    role: "navigator",
  },
  {
    email: "mikael.holm@almi.example",
    name: "Mikael Holm",
    organisation: "almi-malardalen",
    role: "advisor",
  },
  {
    email: "sara.nystrom@regionorebrolan.example",
    name: "Sara Nyström",
    organisation: "region-orebro-lan",
    role: "analyst",
  },
  {
    email: "erik.aberg@alfrednobelsciencepark.example",
    name: "Erik Åberg",
    organisation: "alfred-nobel-science-park",
    role: "navigator",
  },
  // The university's ex-jobb coordinator.
  {
    email: "lina.forsberg@oru.example",
    name: "Lina Forsberg",
    organisation: "orebro-universitet",
    role: "advisor",
  },
];

/**
 * Adds the demo accounts that are missing (matched by e-mail, so a second run adds nothing and never
 * resets a password someone changed). The password is hashed once, and only when something is missing,
 * since argon2id is deliberately slow. Returns how many were added.
 */
export async function seedDemoUsers(
  db: Db,
  organisationIdBySlug: ReadonlyMap<string, string>,
): Promise<number> {
  const wanted = DEMO_USERS.filter((u) => organisationIdBySlug.has(u.organisation));
  if (wanted.length === 0) return 0;
  let passwordHash: string | undefined;
  const hashOnce = async () => {
    passwordHash ??= await hashPassword(DEMO_PASSWORD);
    return passwordHash;
  };
  return seedUsers(
    db,
    wanted.map((u) => ({
      email: u.email,
      name: u.name,
      isDemo: true,
      passwordHash: hashOnce,
      memberships: [{ organisationId: organisationIdBySlug.get(u.organisation)!, role: u.role }],
    })),
  );
}
