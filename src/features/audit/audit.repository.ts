import type { Db } from "#src/db/client.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";

// The only SQL for audit_log.

export type NewAuditRow = {
  actor_user_id: string | null;
  actor_api_token_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: string;
};

/** Where-conditions of a listing; instants are already converted from Stockholm days. */
export type AuditQuery = {
  fromInstant?: Date | undefined;
  beforeInstant?: Date | undefined;
  recordType?: string | undefined;
  action?: string | undefined;
  actorLabel?: string | undefined;
  organisationId?: string | undefined;
};

/** Appends one entry; returns its id. */
export async function insertAuditEntry(db: Db, row: NewAuditRow): Promise<string> {
  const inserted = await db.insertInto("audit_log").values(row).returning("id").executeTakeFirstOrThrow();
  return String(inserted.id);
}

/** `%` and `_` in the user's words match themselves, not any character. */
function likePattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered(db: Db, scope: DataScope, query: AuditQuery) {
  let q = db
    .selectFrom("audit_log")
    .leftJoin("organisations", "organisations.id", "audit_log.organisation_id")
    .where((eb) => inScope(eb, "audit_log.organisation_id", scope));
  if (query.fromInstant) q = q.where("audit_log.at", ">=", query.fromInstant);
  if (query.beforeInstant) q = q.where("audit_log.at", "<", query.beforeInstant);
  if (query.recordType) q = q.where("audit_log.record_type", "=", query.recordType);
  if (query.action) q = q.where("audit_log.action", "=", query.action);
  if (query.organisationId) q = q.where("audit_log.organisation_id", "=", query.organisationId);
  if (query.actorLabel) q = q.where("audit_log.actor_label", "ilike", likePattern(query.actorLabel));
  return q;
}

/** Entries in the scope matching the query, newest first. */
export function listAuditEntries(
  db: Db,
  scope: DataScope,
  query: AuditQuery,
  window: { limit: number; offset: number },
) {
  return filtered(db, scope, query)
    .selectAll("audit_log")
    .select("organisations.name as organisation_name")
    .orderBy("audit_log.at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/** How many entries in the scope match the query. */
export async function countAuditEntries(db: Db, scope: DataScope, query: AuditQuery): Promise<number> {
  const row = await filtered(db, scope, query)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
