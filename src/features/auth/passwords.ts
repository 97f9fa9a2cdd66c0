import { hash, verify } from "@node-rs/argon2";
import { COMMON_PASSWORDS } from "./common-passwords.ts";

// Password hashing with argon2id through @node-rs/argon2, a maintained native binding. Its defaults are
// argon2id, 19 MiB memory, 2 passes, 1 lane: OWASP's recommended minimum. Hashes are PHC strings, so the
// parameters live in the hash and can be raised later without breaking stored passwords.

/** The rules a new password must meet. Length beats composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 12;
/** An upper bound so nobody makes the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

/** What is wrong with a proposed password, as a key the views turn into a sentence. */
export type PasswordProblem = "too-short" | "too-long" | "too-common" | "contains-email";

/** Hashes a password with argon2id (random salt), giving a PHC string to store. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` matches a stored hash. A malformed or missing hash never matches. */
export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash || password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends as long as a real check when there is no account (or no password) to check, so the time a
 * failed sign-in takes does not reveal whether the e-mail address has an account.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash("lots-no-such-account-placeholder");
  await verifyPassword(await dummyHash, password);
  return false;
}

/**
 * Checks a new password against the rules: at least 12 characters, at most 256, not one of the very
 * common passwords, and not the account's e-mail address. Returns the first problem, or undefined.
 */
export function checkNewPassword(
  password: string,
  context: { email?: string } = {},
): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too-short";
  if (length > PASSWORD_MAX_LENGTH) return "too-long";
  const normalised = password.toLowerCase().replace(/\s+/g, "");
  if (COMMON_PASSWORDS.has(normalised) || /^(.)\1+$/u.test(normalised)) return "too-common";
  const email = context.email?.toLowerCase();
  if (email && (normalised.includes(email) || normalised === email.split("@")[0])) return "contains-email";
  return undefined;
}

/** The problems in plain English, for the API and logs; the HTML pages use auth.messages.ts. */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  "too-short": `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  "too-long": `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  "too-common": "The password is too common. Choose one that is harder to guess, such as a few random words.",
  "contains-email": "The password must not be your e-mail address.",
};
