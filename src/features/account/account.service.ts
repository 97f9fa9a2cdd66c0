import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import {
  checkNewPassword,
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_PROBLEM_TEXT,
  type PasswordProblem,
  verifyPassword,
} from "#src/features/auth/passwords.ts";
import * as accounts from "#src/features/users/users.accounts.service.ts";
import type { Actor, UserActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";

// "My account": what a signed-in person may see and change about themselves. Only their own record, so
// the policy is simply "a signed-in user"; changes are audited like any change to personal data.

/** The password rules are the auth feature's; re-exported for the form's hint. */
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

/** A new password the rules refuse; `problem` tells the page which sentence to show. */
export class PasswordRuleError extends AppError {
  constructor(readonly problem: PasswordProblem) {
    super("VALIDATION_FAILED", `next: ${PASSWORD_PROBLEM_TEXT[problem]}`);
  }
}

export type RequestMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

export const ProfileInput = z.object({
  name: z.string().trim().min(1, "enter your name").max(200, "at most 200 characters"),
  locale: z.enum(["sv", "en"]),
});
export type ProfileInput = z.input<typeof ProfileInput>;

export const PasswordChangeInput = z
  .object({
    current: z.string().min(1, "enter your current password"),
    next: z.string().max(PASSWORD_MAX_LENGTH * 4),
    confirm: z.string(),
  })
  .refine((input) => input.next === input.confirm, { path: ["confirm"], message: "the passwords differ" });
export type PasswordChangeInput = z.input<typeof PasswordChangeInput>;

function signedIn(actor: Actor): UserActor {
  if (actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in to see your account.");
  return actor;
}

/** The signed-in person's account: name, e-mail, language, organisations and roles. */
export async function getMyAccount(db: Db, actor: Actor): Promise<accounts.Account> {
  return accounts.getAccount(db, signedIn(actor).userId);
}

/** Changes the signed-in person's name and language (audited as 'update' on their 'user' record). */
export async function updateMyProfile(
  db: Db,
  actor: Actor,
  input: ProfileInput,
  meta: RequestMeta = {},
): Promise<accounts.Account> {
  const user = signedIn(actor);
  const parsed = ProfileInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return db.transaction().execute(async (trx) => {
    const before = await accounts.getAccount(trx, user.userId);
    const fields = (["name", "locale"] as const).filter((f) => before[f] !== parsed.data[f]);
    if (fields.length > 0) {
      await accounts.updateAccountProfile(trx, user.userId, parsed.data);
      await recordAudit(trx, {
        actor,
        action: "update",
        recordType: "user",
        recordId: user.userId,
        ...meta,
        details: { fields },
      });
    }
    return accounts.getAccount(trx, user.userId);
  });
}

/**
 * Changes the signed-in person's password after checking the current one (VALIDATION_FAILED naming
 * `current` when it is wrong). Audited without any trace of either password.
 */
export async function changeMyPassword(
  db: Db,
  actor: Actor,
  input: PasswordChangeInput,
  meta: RequestMeta = {},
): Promise<void> {
  const user = signedIn(actor);
  const parsed = PasswordChangeInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const stored = await accounts.getPasswordHash(db, user.userId);
  if (!(await verifyPassword(stored, parsed.data.current))) {
    throw new AppError("VALIDATION_FAILED", "current: the current password is not right");
  }
  const problem = checkNewPassword(parsed.data.next, { email: user.email });
  if (problem) throw new PasswordRuleError(problem);
  const hash = await hashPassword(parsed.data.next);
  await db.transaction().execute(async (trx) => {
    await accounts.setPasswordHash(trx, user.userId, hash);
    await recordAudit(trx, {
      actor,
      action: "update",
      recordType: "user",
      recordId: user.userId,
      ...meta,
      details: { fields: ["password"] },
    });
  });
}
