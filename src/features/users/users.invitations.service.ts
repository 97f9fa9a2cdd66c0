import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { createUserToken } from "#src/features/auth/tokens.service.ts";
import { enqueueMail, wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { validationError } from "#src/shared/http-errors.ts";
import {
  actorUserId,
  authorise,
  inTransaction,
  loadMember,
  type MailSettings,
  type RequestMeta,
  toMember,
} from "./users.access.ts";
import { UserRuleError } from "./users.errors.ts";
import { addedToOrganisationMail, invitationMail } from "./users.mails.ts";
import { canGrantRole } from "./users.policy.ts";
import * as repository from "./users.repository.ts";
import { InviteUserInput, type MemberView } from "./users.schemas.ts";

// Invitations: a new account or membership, a one-time link by mail, all in one transaction.

/**
 * Invites someone to an organisation with a role. A new e-mail gets an account with status 'invited';
 * an existing account gets the membership. Someone who has not yet accepted gets a fresh invitation link
 * by mail, someone active a notice. Account, membership, token, mail and audit entries are written in
 * one transaction: all or nothing. Only a platform admin grants platform-admin.
 */
export async function inviteUser(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: InviteUserInput,
  settings: MailSettings,
  meta: RequestMeta = {},
): Promise<{ member: MemberView; created: boolean; invitationSent: boolean }> {
  const parsed = InviteUserInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { email, role, name } = parsed.data;
  const organisation = await authorise(db, actor, organisationId);
  if (!canGrantRole(actor, role)) {
    throw new UserRuleError(
      "FORBIDDEN",
      "platform-admin-role",
      "Only a platform admin grants platform-admin.",
    );
  }

  const result = await inTransaction(db, async (trx) => {
    const existing = await repository.findUserByEmail(trx, email);
    if (existing?.status === "deactivated") {
      throw new UserRuleError(
        "CONFLICT",
        "account-deactivated",
        "email: this account is deactivated; a platform admin can reactivate it.",
      );
    }
    const userId =
      existing?.id ?? (await repository.insertUser(trx, { email, name: name ?? "", status: "invited" }));
    if (!existing) {
      await recordAudit(trx, {
        actor,
        action: "create",
        recordType: "user",
        recordId: userId,
        organisationId,
        ...meta,
      });
    }
    const current = await repository.findOrganisationMember(trx, organisationId, userId, { kind: "all" });
    if (current?.roles.includes(role)) {
      throw new UserRuleError("CONFLICT", "already-member", "email: this person already has this role here.");
    }
    await repository.insertMemberships(trx, [{ user_id: userId, organisation_id: organisationId, role }]);
    await recordAudit(trx, {
      actor,
      action: "create",
      recordType: "membership",
      recordId: userId,
      organisationId,
      ...meta,
      details: { role },
    });

    const invitationSent = !existing || existing.status === "invited";
    if (invitationSent) {
      await sendInvitation(trx, actor, userId, email, organisation.name, settings);
    } else {
      await enqueueMail(
        trx,
        addedToOrganisationMail({
          to: email,
          organisationName: organisation.name,
          networkName: settings.networkName,
          signInUrl: `${settings.publicUrl}/logga-in`,
          locale: existing!.locale,
        }),
      );
    }
    const member = await repository.findOrganisationMember(trx, organisationId, userId, { kind: "all" });
    return { member: toMember(member!), created: !existing, invitationSent };
  });
  // The mail was queued inside the transaction; now that it is committed, send it without waiting for a poll.
  wakeMailWorkers(db);
  return result;
}

async function sendInvitation(
  db: Db,
  actor: Actor,
  userId: string,
  email: string,
  organisationName: string,
  settings: MailSettings,
): Promise<void> {
  const token = await createUserToken(db, userId, "invitation", actorUserId(actor));
  await enqueueMail(
    db,
    invitationMail({
      to: email,
      link: `${settings.publicUrl}/inbjudan/${token}`,
      organisationName,
      networkName: settings.networkName,
      inviterName: actor.kind === "user" ? actor.name || undefined : undefined,
    }),
  );
}

/** Sends a new invitation link to a member who has not accepted yet (CONFLICT otherwise). */
export async function resendInvitation(
  db: Db,
  actor: Actor,
  organisationId: string,
  userId: string,
  settings: MailSettings,
  meta: RequestMeta = {},
): Promise<void> {
  const organisation = await authorise(db, actor, organisationId);
  await inTransaction(db, async (trx) => {
    const member = await loadMember(trx, actor, organisationId, userId);
    if (member.status !== "invited") {
      throw new UserRuleError("CONFLICT", "not-invited", "This person has already accepted the invitation.");
    }
    if (member.roles.includes("platform-admin") && !canGrantRole(actor, "platform-admin")) {
      throw new UserRuleError(
        "FORBIDDEN",
        "platform-admin-role",
        "Only a platform admin acts on a platform admin.",
      );
    }
    await sendInvitation(trx, actor, userId, member.email, organisation.name, settings);
    await recordAudit(trx, {
      actor,
      action: "update",
      recordType: "user",
      recordId: userId,
      organisationId,
      ...meta,
      details: { invitation: "resent" },
    });
  });
  wakeMailWorkers(db);
}
