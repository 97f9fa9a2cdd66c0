import type { Db } from "#src/db/client.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import type { Role } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import * as repository from "./users.repository.ts";

// Accounts as their owner, the demo seed and the operator's CLI see them. These functions trust their
// caller: the account page passes the signed-in user's own id, the demo seed and the CLI run with the
// server's own rights. Managing other people's accounts goes through users.service.ts and its policy.

/** A user's own account: profile and the organisations and roles it holds. */
export type Account = {
  id: string;
  email: string;
  name: string;
  locale: "sv" | "en";
  status: "invited" | "active" | "deactivated";
  memberships: { organisationId: string; organisationName: string; role: Role }[];
};

/** The account of a user, or NOT_FOUND. */
export async function getAccount(db: Db, userId: string): Promise<Account> {
  const user = await repository.findUserById(db, userId);
  if (!user) throw new AppError("NOT_FOUND", "No such account.");
  const memberships = await repository.listMembershipsOfUser(db, userId);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    status: user.status,
    memberships: memberships.map((m) => ({
      organisationId: m.organisation_id,
      organisationName: m.organisation_name,
      role: m.role,
    })),
  };
}

/** Changes a user's name and/or language. */
export async function updateAccountProfile(
  db: Db,
  userId: string,
  patch: { name?: string; locale?: "sv" | "en" },
): Promise<void> {
  await repository.updateUser(db, userId, patch);
}

/** The stored argon2id hash of a user's password, or null when none is set yet. */
export async function getPasswordHash(db: Db, userId: string): Promise<string | null> {
  return (await repository.findUserById(db, userId))?.password_hash ?? null;
}

/** Stores a new password hash (hash it with the auth feature's hashPassword first). */
export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await repository.updateUser(db, userId, { password_hash: passwordHash });
}

export type SeedUser = {
  email: string;
  name: string;
  /** The hash, or a function giving it: called only for accounts actually added (hashing is slow). */
  passwordHash: string | (() => Promise<string>);
  isDemo: boolean;
  memberships: { organisationId: string; role: Role }[];
};

/**
 * Adds active accounts with their memberships, skipping every e-mail that already has an account (so a
 * seed can run again without duplicates or overwriting changes). Returns how many were added.
 */
export async function seedUsers(db: Db, users: SeedUser[]): Promise<number> {
  const existing = new Set(
    await repository.findExistingEmails(
      db,
      users.map((u) => u.email),
    ),
  );
  let added = 0;
  for (const user of users.filter((u) => !existing.has(u.email.toLowerCase()))) {
    const id = await repository.insertUser(db, {
      email: user.email,
      name: user.name,
      status: "active",
      password_hash: typeof user.passwordHash === "string" ? user.passwordHash : await user.passwordHash(),
      is_demo: user.isDemo,
    });
    await repository.insertMemberships(
      db,
      user.memberships.map((m) => ({ user_id: id, organisation_id: m.organisationId, role: m.role })),
    );
    added++;
  }
  return added;
}

/**
 * Creates a platform admin, or makes an existing account one: sets the password, activates the
 * account and adds the platform-admin membership in `organisationId`. For the operator's CLI; audited
 * with the given system actor. One transaction.
 */
export async function createOrPromotePlatformAdmin(
  db: Db,
  actor: AuditActor,
  input: { email: string; name?: string | undefined; passwordHash: string; organisationId: string },
): Promise<{ userId: string; created: boolean }> {
  const work = async (trx: Db) => {
    const email = input.email.trim().toLowerCase();
    const existing = await repository.findUserByEmail(trx, email);
    let userId: string;
    if (existing) {
      userId = existing.id;
      await repository.updateUser(trx, userId, {
        status: "active",
        password_hash: input.passwordHash,
        ...(input.name ? { name: input.name } : {}),
      });
    } else {
      userId = await repository.insertUser(trx, {
        email,
        name: input.name ?? "",
        status: "active",
        password_hash: input.passwordHash,
      });
    }
    await repository.insertMemberships(trx, [
      { user_id: userId, organisation_id: input.organisationId, role: "platform-admin" },
    ]);
    await recordAudit(trx, {
      actor,
      action: existing ? "update" : "create",
      recordType: "user",
      recordId: userId,
      organisationId: input.organisationId,
      details: { role: "platform-admin", ...(existing ? { before: existing.status } : {}) },
    });
    return { userId, created: !existing };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
