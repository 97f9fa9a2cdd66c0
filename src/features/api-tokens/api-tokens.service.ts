import { createHash, randomBytes, randomInt } from "node:crypto";
import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import { type AuditActor, type AuditContext, recordAudit } from "#src/features/audit/audit.service.ts";
import { findExistingOrganisationIds } from "#src/features/organisations/organisations.service.ts";
import type { TokenActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import { canCreateApiTokens, canManageApiTokens, grantableApiTokenRoles } from "./api-tokens.policy.ts";
import * as repository from "./api-tokens.repository.ts";
import { type ApiTokenRecord, CreateApiTokenInput } from "./api-tokens.schemas.ts";

// API tokens: `lots_<prefix>_<secret>`, where the prefix is 8 random lower-case letters or digits (shown
// in lists so people can tell tokens apart) and the secret is 32 random bytes in base64url (256 bits).
// The database holds the SHA-256 of the whole token: a fast hash is right here, unlike for passwords,
// because the token is random and long, so there is nothing to guess; lookup is by hash, so no
// comparison of secrets happens in application code at all.

const TOKEN_PATTERN = /^lots_([a-z0-9]{8})_[A-Za-z0-9_-]{43}$/;
const PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const LAST_USED_RESOLUTION_MS = 60_000;

/** Where an audited change came from; defaults to nothing known (a CLI or a test). */
export type AuditOrigin = Partial<Omit<AuditContext, "actor">>;

/** The SHA-256 (hex) under which a token is stored. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new random token and its display prefix. */
export function generateApiToken(): { token: string; prefix: string } {
  let prefix = "";
  for (let i = 0; i < 8; i++) prefix += PREFIX_ALPHABET[randomInt(PREFIX_ALPHABET.length)];
  return { token: `lots_${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

/** Whether a string has the shape of a Lots API token (says nothing about whether it is valid). */
export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

type TokenRow = NonNullable<Awaited<ReturnType<typeof repository.findApiTokenById>>>;

function toRecord(row: TokenRow, now = Date.now()): ApiTokenRecord {
  const status = row.revoked_at
    ? "revoked"
    : row.expires_at && row.expires_at.getTime() <= now
      ? "expired"
      : "active";
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    role: row.role,
    prefix: row.token_prefix,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    status,
  };
}

/**
 * The actor an `Authorization: Bearer` token stands for, or undefined when the token is malformed,
 * unknown, revoked or expired (the caller answers all of these alike, so nothing leaks). Notes the use
 * in `last_used_at`, at most once a minute per token.
 */
export async function resolveApiToken(db: Db, token: string): Promise<TokenActor | undefined> {
  if (typeof token !== "string" || !looksLikeApiToken(token)) return undefined;
  const row = await repository.findUsableApiTokenByHash(db, hashApiToken(token));
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
    await repository.touchApiToken(db, row.id);
  }
  return {
    kind: "token",
    tokenId: row.id,
    name: row.name,
    organisationId: row.organisation_id,
    role: row.role,
  };
}

const Id = z.uuid();

/**
 * Creates a token for an organisation and returns it with its record. The token is in the answer
 * this once; Lots keeps only its hash. Allowed for the organisation's org admins, platform admins and
 * the CLI's system actor — not for a token (see api-tokens.policy.ts); only platform admins and the
 * CLI may give the platform-admin role. Throws VALIDATION_FAILED, FORBIDDEN or NOT_FOUND (no such
 * organisation). Writes an audit entry ("create", "api-token") in the same transaction.
 */
export async function createApiToken(
  db: Db,
  actor: AuditActor,
  input: CreateApiTokenInput,
  origin: AuditOrigin = {},
): Promise<{ token: string; record: ApiTokenRecord }> {
  const parsed = CreateApiTokenInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { organisationId, name, role, expiresAt } = parsed.data;
  if (!canCreateApiTokens(actor, organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's administrators may create its API tokens.");
  }
  if (!grantableApiTokenRoles(actor).includes(role)) {
    throw new AppError("FORBIDDEN", `You may not create a token with the role ${role}.`);
  }
  if ((await findExistingOrganisationIds(db, [organisationId])).length === 0) {
    throw new AppError("NOT_FOUND", "No such organisation.");
  }
  const { token, prefix } = generateApiToken();
  const write = async (trx: Db) => {
    const row = await repository.insertApiToken(trx, {
      organisation_id: organisationId,
      name,
      role,
      token_prefix: prefix,
      token_hash: hashApiToken(token),
      created_by_user_id: actor.kind === "user" ? actor.userId : null,
      expires_at: expiresAt ?? null,
    });
    await recordAudit(trx, {
      ...origin,
      actor,
      action: "create",
      recordType: "api-token",
      recordId: row.id,
      organisationId,
      details: { name, role, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return row;
  };
  const row = db.isTransaction ? await write(db) : await db.transaction().execute(write);
  return { token, record: toRecord(row) };
}

/** An organisation's tokens, newest first, for its org admins and platform admins (else FORBIDDEN). */
export async function listApiTokens(
  db: Db,
  actor: AuditActor,
  organisationId: string,
): Promise<ApiTokenRecord[]> {
  if (!canManageApiTokens(actor, organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's administrators may see its API tokens.");
  }
  if (!Id.safeParse(organisationId).success) throw new AppError("NOT_FOUND", "No such organisation.");
  const now = Date.now();
  return (await repository.listApiTokensOfOrganisation(db, organisationId)).map((row) => toRecord(row, now));
}

/**
 * Revokes a token at once; it resolves to nothing from then on. Revoking a revoked token changes
 * nothing. With `organisationId`, a token of another organisation counts as not found (the API's
 * path names the organisation). Throws NOT_FOUND or FORBIDDEN. Audited as "revoke", "api-token".
 */
export async function revokeApiToken(
  db: Db,
  actor: AuditActor,
  tokenId: string,
  options: { organisationId?: string; origin?: AuditOrigin } = {},
): Promise<ApiTokenRecord> {
  const row = Id.safeParse(tokenId).success ? await repository.findApiTokenById(db, tokenId) : undefined;
  if (!row) throw new AppError("NOT_FOUND", "No such API token.");
  // Checked before the policy, so asking under your own organisation says nothing about others' tokens.
  if (options.organisationId !== undefined && options.organisationId !== row.organisation_id) {
    throw new AppError("NOT_FOUND", "No such API token.");
  }
  if (!canManageApiTokens(actor, row.organisation_id)) {
    throw new AppError("FORBIDDEN", "Only the organisation's administrators may revoke its API tokens.");
  }
  if (row.revoked_at) return toRecord(row);
  const write = async (trx: Db) => {
    const revoked = await repository.revokeApiToken(trx, row.id);
    await recordAudit(trx, {
      ...options.origin,
      actor,
      action: "revoke",
      recordType: "api-token",
      recordId: row.id,
      organisationId: row.organisation_id,
      details: { name: row.name },
    });
    return revoked!;
  };
  return toRecord(db.isTransaction ? await write(db) : await db.transaction().execute(write));
}
