import type { Db } from "./client.ts";

/**
 * Runs `work` in a transaction: the caller's when `db` is one already (the caller owns it), otherwise a new
 * one that commits when `work` resolves and rolls back when it throws.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
