import { AppError, type AppErrorCode } from "#src/shared/errors.ts";

/** The rules of user management a person can break; pages turn each into a sentence in their language. */
export type UserRule =
  | "last-org-admin"
  | "already-member"
  | "account-deactivated"
  | "not-invited"
  | "own-account"
  | "platform-admin-role"
  | "other-organisations";

/** An AppError that also says which rule was broken, so a page can explain it in the user's language. */
export class UserRuleError extends AppError {
  constructor(
    code: AppErrorCode,
    readonly rule: UserRule,
    message: string,
  ) {
    super(code, message);
  }
}
