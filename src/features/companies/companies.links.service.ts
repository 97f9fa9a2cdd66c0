import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import { AppError } from "#src/shared/errors.ts";
import * as repository from "./companies.repository.ts";

// The company's private link: lets a company without an account see and update its needs and consent.
// The token is 256 random bits, handed out once; only its sha256 is stored, so a database leak gives no
// working links. Links expire; an expired (not revoked) link can be renewed, which ends all older links.

/** How long a new link works. */
export const LINK_VALIDITY_DAYS = 90;
/** How long after expiry an old link may still ask for a new one. */
export const LINK_RENEWAL_GRACE_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The stored form of a token. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type IssuedLink = { linkId: string; token: string; expiresAt: Date; email: string | null };

/**
 * Issues a new private link for a company; returns the token (shown or mailed once, never stored) and when
 * it expires. Runs in the caller's transaction; the caller audits.
 */
export async function issueCompanyLink(
  db: Db,
  companyId: string,
  options: { email?: string | null; createdByLabel: string; validityDays?: number; now?: Date },
): Promise<IssuedLink> {
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const row = await repository.insertLink(db, {
    company_id: companyId,
    token_hash: hashLinkToken(token),
    email: options.email ?? null,
    created_by_label: options.createdByLabel,
    created_at: now,
    expires_at: new Date(now.getTime() + (options.validityDays ?? LINK_VALIDITY_DAYS) * DAY_MS),
  });
  return { linkId: row.id, token, expiresAt: row.expires_at, email: row.email };
}

export type LinkCheck =
  | { kind: "valid"; linkId: string; companyId: string; expiresAt: Date }
  | { kind: "expired"; linkId: string; companyId: string; expiresAt: Date };

/**
 * What a token opens: `valid` (and marks it used) or `expired` (the page offers renewal). An unknown,
 * malformed or revoked token is NOT_FOUND, with the same message, so a guesser learns nothing.
 */
export async function verifyCompanyLink(db: Db, token: string, now = new Date()): Promise<LinkCheck> {
  const notFound = new AppError("NOT_FOUND", "This link does not work. Ask for a new one.");
  if (!TOKEN.test(token)) throw notFound;
  const row = await repository.findLinkByHash(db, hashLinkToken(token));
  if (!row || row.revoked_at) throw notFound;
  if (row.expires_at.getTime() <= now.getTime()) {
    return { kind: "expired", linkId: row.id, companyId: row.company_id, expiresAt: row.expires_at };
  }
  await repository.touchLink(db, row.id, now);
  return { kind: "valid", linkId: row.id, companyId: row.company_id, expiresAt: row.expires_at };
}

/**
 * Replaces a link (valid, or expired within the grace period) with a new one and ends every older link of
 * the company. Returns the new token; an unknown, revoked or too old link is NOT_FOUND.
 */
export async function renewCompanyLink(db: Db, token: string, now = new Date()): Promise<IssuedLink> {
  if (!db.isTransaction) return db.transaction().execute((trx) => renewCompanyLink(trx, token, now));
  const check = await verifyCompanyLink(db, token, now);
  if (
    check.kind === "expired" &&
    now.getTime() - check.expiresAt.getTime() > LINK_RENEWAL_GRACE_DAYS * DAY_MS
  ) {
    throw new AppError("NOT_FOUND", "This link does not work. Ask for a new one.");
  }
  const old = await repository.findLinkByHash(db, hashLinkToken(token));
  await repository.revokeLinks(db, check.companyId, now);
  return issueCompanyLink(db, check.companyId, {
    email: old?.email ?? null,
    createdByLabel: "renewal",
    now,
  });
}

/** Ends every link of a company (erasure, or staff reacting to a leaked link). */
export function revokeCompanyLinks(db: Db, companyId: string, now = new Date()): Promise<void> {
  return repository.revokeLinks(db, companyId, now);
}

/** A company's links without tokens or hashes, for the export. */
export function listCompanyLinks(db: Db, companyId: string) {
  return repository.listLinks(db, companyId);
}
