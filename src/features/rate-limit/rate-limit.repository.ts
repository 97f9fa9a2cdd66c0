import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

// The only SQL for `rate_limits`: fixed-window counters, one row per key.

/**
 * Counts one hit for `key` in a fixed window of `windowSeconds`, atomically: the first hit inserts the row,
 * later hits add one, and a hit after the window has passed starts a new window at 1. One statement, so
 * concurrent requests (one PGlite connection, or several PostgreSQL processes) never lose a count. Times
 * come from the database's clock, which every process shares.
 */
export async function hitWindow(
  db: Db,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; retryAfterSeconds: number }> {
  const window = sql`(${windowSeconds}::int * interval '1 second')`;
  const result = await sql<{ hits: number; retry_after: number }>`
    insert into rate_limits as r (key, window_started_at, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      window_started_at = case when r.window_started_at <= now() - ${window} then now() else r.window_started_at end,
      hits = case when r.window_started_at <= now() - ${window} then 1 else r.hits + 1 end
    returning hits,
      greatest(1, ceil(extract(epoch from (window_started_at + ${window} - now()))))::int as retry_after
  `.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  return { hits: row.hits, retryAfterSeconds: row.retry_after };
}

/** Takes back one hit (a sign-in that turned out right is not a failed attempt). */
export async function unhit(db: Db, key: string): Promise<void> {
  await db
    .updateTable("rate_limits")
    .set({ hits: sql`greatest(hits - 1, 0)` })
    .where("key", "=", key)
    .execute();
}

/** Deletes counters whose window started before `maxAgeSeconds` ago; they can no longer limit anything. */
export async function deleteStaleWindows(db: Db, maxAgeSeconds: number): Promise<number> {
  const result = await db
    .deleteFrom("rate_limits")
    .where("window_started_at", "<", sql<Date>`now() - (${maxAgeSeconds}::int * interval '1 second')`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
