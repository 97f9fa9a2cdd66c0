import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Db } from "#src/db/client.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { type Actor, ANONYMOUS, actorLabel } from "#src/shared/auth/actor.ts";
import { scopeIncludes } from "#src/shared/auth/scope.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { auditEntriesToCsv } from "./audit.csv.ts";
import { auditLogScope, canReadAuditLog } from "./audit.policy.ts";
import * as repository from "./audit.repository.ts";
import {
  type AuditEntry,
  AuditFilters,
  type AuditFiltersInput,
  nextDay,
  startOfStockholmDay,
} from "./audit.schemas.ts";

/**
 * An operator acting outside HTTP, e.g. `lots token create` on the server's shell. It is never built
 * from a request: only code run by someone with access to the server (and so to the database) makes
 * one, which is why services let it pass their policies. Its label goes into the audit log.
 */
export type SystemActor = { readonly kind: "system"; readonly label: string };

/** Whoever an audit entry is about: a request's actor or a system actor. */
export type AuditActor = Actor | SystemActor;

/** The command-line interface's actor; audit entries say `cli`. */
export const CLI_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "cli" });

/** The daily retention job's actor; audit entries say `retention job`. */
export const RETENTION_JOB_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "retention job" });

/** The pulse job's actor (next periods' campaigns, invitations and reminders); entries say `pulse job`. */
export const PULSE_JOB_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "pulse job" });

/** The usual actions; features may add their own lower-case words (the column is text). */
export const AUDIT_ACTIONS = [
  "read",
  "create",
  "update",
  "delete",
  "revoke",
  "export",
  "login",
  "login-failed",
  "logout",
  "password-reset",
  "invitation-accepted",
] as const;

export type AuditEntryInput = {
  actor: AuditActor;
  /** What was done: one of AUDIT_ACTIONS or another lower-case word such as "invite". */
  action: string;
  /** What kind of record: "user", "membership", "api-token", "company", "organisation", … */
  recordType: string;
  recordId?: string | null | undefined;
  /** The organisation whose data it is; its org admins see the entry. */
  organisationId?: string | null | undefined;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
  requestId?: string | null | undefined;
  /** Small facts about the change (which fields, old and new role). Never bodies, passwords or tokens. */
  details?: Record<string, unknown> | undefined;
};

/** Who and where a request came from, for `recordAudit`. */
export type AuditContext = {
  actor: Actor;
  ip: string | undefined;
  userAgent: string | undefined;
  requestId: string | undefined;
};

const WORD = /^[a-z][a-z0-9-]{0,59}$/;
// Keys that would put secrets or whole bodies in the log. A programming error, so it throws plainly.
const FORBIDDEN_DETAIL_KEY = /password|passwd|secret|cookie|authorization|^token$|^body$|^html$|^text$/i;
const MAX_DETAILS_LENGTH = 4_000;

function checkDetails(value: unknown, path: string): void {
  if (value === null || typeof value !== "object") return;
  for (const [key, inner] of Object.entries(value)) {
    if (FORBIDDEN_DETAIL_KEY.test(key)) {
      throw new Error(`Audit details must not hold ${path}${key}: no secrets or bodies in the audit log.`);
    }
    checkDetails(inner, `${path}${key}.`);
  }
}

function truncate(value: string | null | undefined, length: number): string | null {
  if (value == null || value === "") return null;
  return value.length > length ? value.slice(0, length) : value;
}

/**
 * Writes one audit entry, in the caller's transaction when `db` is one, so the entry exists if and only
 * if the change does. Returns the entry's id. Throws (a programming error, not an AppError) for an
 * action or record type that is not a lower-case word, or details that look like secrets or bodies.
 */
export async function recordAudit(db: Db, entry: AuditEntryInput): Promise<string> {
  if (!WORD.test(entry.action)) throw new Error(`Audit action must be a lower-case word: ${entry.action}`);
  if (!WORD.test(entry.recordType))
    throw new Error(`Audit record type must be a lower-case word: ${entry.recordType}`);
  const details = entry.details ?? {};
  checkDetails(details, "");
  const json = JSON.stringify(details);
  if (json.length > MAX_DETAILS_LENGTH)
    throw new Error("Audit details are too large: record facts, not data.");
  const { actor } = entry;
  return repository.insertAuditEntry(db, {
    actor_user_id: actor.kind === "user" ? actor.userId : null,
    actor_api_token_id: actor.kind === "token" ? actor.tokenId : null,
    actor_label: actor.kind === "system" ? actor.label : actorLabel(actor),
    action: entry.action,
    record_type: entry.recordType,
    record_id: truncate(entry.recordId, 200),
    organisation_id: entry.organisationId ?? null,
    ip: truncate(entry.ip, 64),
    user_agent: truncate(entry.userAgent, 400),
    request_id: truncate(entry.requestId, 128),
    details: json,
  });
}

/**
 * The actor, address, user agent and request id of a request, to spread into `recordAudit`. The
 * address is the socket's peer (no proxy headers are trusted); in `app.request()` tests there is no
 * socket and it is undefined.
 */
export function auditContext(c: Context<AppEnv>): AuditContext {
  let ip: string | undefined;
  try {
    ip = getConnInfo(c).remote.address;
  } catch {
    ip = undefined;
  }
  return {
    actor: c.var.actor ?? ANONYMOUS,
    ip,
    userAgent: c.req.header("user-agent"),
    requestId: c.var.requestId,
  };
}

type AuditRow = Awaited<ReturnType<typeof repository.listAuditEntries>>[number];

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at,
    actorLabel: row.actor_label,
    actorUserId: row.actor_user_id,
    actorApiTokenId: row.actor_api_token_id,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    details: row.details ?? {},
  };
}

function parseFilters(input: AuditFiltersInput): AuditFilters {
  const parsed = AuditFilters.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

function toQuery(filters: AuditFilters): repository.AuditQuery {
  return {
    fromInstant: filters.from ? startOfStockholmDay(filters.from) : undefined,
    beforeInstant: filters.to ? startOfStockholmDay(nextDay(filters.to)) : undefined,
    recordType: filters.recordType,
    action: filters.action,
    actorLabel: filters.actorLabel,
    organisationId: filters.organisationId,
  };
}

function assertMayReadAuditLog(actor: Actor): void {
  if (!canReadAuditLog(actor)) throw new AppError("FORBIDDEN", "Only administrators may read the audit log.");
}

/** The actor's scope, refusing an organisation filter outside it. Call after assertMayReadAuditLog. */
function scopeWithFilters(actor: Actor, filters: AuditFilters) {
  const scope = auditLogScope(actor);
  if (filters.organisationId !== undefined && !scopeIncludes(scope, filters.organisationId)) {
    throw new AppError("FORBIDDEN", "You may read the audit log of your own organisations only.");
  }
  return scope;
}

export type AuditEntryPage = {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  filters: AuditFilters;
};

/**
 * One page of the audit log, newest first: all entries for a platform admin, those about their own
 * organisations for an org admin; anyone else gets FORBIDDEN. Bad filters give VALIDATION_FAILED.
 * Reading the log is not itself logged (that would fill the log with itself); exporting it is.
 */
export async function listAuditEntries(
  db: Db,
  actor: Actor,
  input: AuditFiltersInput,
): Promise<AuditEntryPage> {
  // Policy before validation: someone without access learns nothing, not even which filter was wrong.
  assertMayReadAuditLog(actor);
  const filters = parseFilters(input);
  const scope = scopeWithFilters(actor, filters);
  const query = toQuery(filters);
  const [rows, total] = await Promise.all([
    repository.listAuditEntries(db, scope, query, {
      limit: filters.pageSize,
      offset: (filters.page - 1) * filters.pageSize,
    }),
    repository.countAuditEntries(db, scope, query),
  ]);
  return { items: rows.map(toAuditEntry), total, page: filters.page, pageSize: filters.pageSize, filters };
}

/** The most rows one export holds; narrow the dates for more. */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * Every entry matching the filters (paging ignored) as CSV (see `auditEntriesToCsv`), with the same
 * scope as `listAuditEntries`. The export is recorded as action "export" on record type "audit-log",
 * once per organisation whose entries it could contain, so each organisation's admins see it. More
 * than MAX_EXPORT_ROWS matching entries gives VALIDATION_FAILED rather than a silently cut file.
 */
export async function exportAuditCsv(
  db: Db,
  context: Omit<AuditContext, "actor"> & { actor: Actor },
  input: AuditFiltersInput,
  locale: Locale,
): Promise<{ csv: string; rows: number; filename: string }> {
  assertMayReadAuditLog(context.actor);
  const filters = parseFilters(input);
  const scope = scopeWithFilters(context.actor, filters);
  const query = toQuery(filters);
  const total = await repository.countAuditEntries(db, scope, query);
  if (total > MAX_EXPORT_ROWS) {
    throw new AppError(
      "VALIDATION_FAILED",
      `The export would hold ${total} entries; at most ${MAX_EXPORT_ROWS} fit in one file. Choose a shorter period.`,
    );
  }
  const rows = await repository.listAuditEntries(db, scope, query, { limit: MAX_EXPORT_ROWS, offset: 0 });
  const { page: _page, pageSize: _pageSize, ...usedFilters } = filters;
  const organisations =
    filters.organisationId !== undefined
      ? [filters.organisationId]
      : scope.kind === "all"
        ? [null]
        : [...scope.organisationIds];
  for (const organisationId of organisations) {
    await recordAudit(db, {
      ...context,
      action: "export",
      recordType: "audit-log",
      organisationId,
      details: { filters: usedFilters, rows: rows.length },
    });
  }
  const today = new Date().toISOString().slice(0, 10);
  return {
    csv: auditEntriesToCsv(rows.map(toAuditEntry), locale),
    rows: rows.length,
    filename: `lots-logg-${today}.csv`,
  };
}
