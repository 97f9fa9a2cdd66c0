import type { Db } from "#src/db/client.ts";

// The only SQL for retention_settings and retention_runs (the job's own run log). Other features' data is
// reached through their services.

export type SettingsColumns = {
  needs_months: number | null;
  responses_months: number | null;
  contacts_months: number | null;
};

/** One organisation's periods, if it has set any. */
export function findSettings(db: Db, organisationId: string) {
  return db
    .selectFrom("retention_settings")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Every organisation with at least one period set. */
export function listActiveSettings(db: Db) {
  return db
    .selectFrom("retention_settings")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("needs_months", "is not", null),
        eb("responses_months", "is not", null),
        eb("contacts_months", "is not", null),
      ]),
    )
    .orderBy("organisation_id")
    .execute();
}

/** Stores an organisation's periods (insert or replace). */
export async function upsertSettings(
  db: Db,
  organisationId: string,
  columns: SettingsColumns,
  userId: string | null,
): Promise<void> {
  const values = { ...columns, updated_by_user_id: userId, updated_at: new Date() };
  await db
    .insertInto("retention_settings")
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column("organisation_id").doUpdateSet(values))
    .execute();
}

/**
 * Claims the daily run of a Stockholm date: inserts its row unless one exists. Returns the new run's id,
 * or undefined when another call (another process, a restart) has claimed the day already.
 */
export async function claimDailyRun(db: Db, day: string, at: Date): Promise<string | undefined> {
  const row = await db
    .insertInto("retention_runs")
    .values({ day, trigger: "daily", started_at: at })
    .onConflict((oc) => oc.column("day").where("trigger", "=", "daily").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Starts a manual run (the CLI); manual runs never claim the day. */
export async function insertManualRun(db: Db, day: string, at: Date): Promise<string> {
  const row = await db
    .insertInto("retention_runs")
    .values({ day, trigger: "manual", started_at: at })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records how a run ended. */
export async function finishRun(
  db: Db,
  id: string,
  outcome: { status: "done" | "failed"; removed: Record<string, unknown>; error: string | null },
): Promise<void> {
  await db
    .updateTable("retention_runs")
    .set({
      status: outcome.status,
      finished_at: new Date(),
      removed: JSON.stringify(outcome.removed),
      error: outcome.error,
    })
    .where("id", "=", id)
    .execute();
}

/** The daily run of a Stockholm date, if claimed. */
export function findDailyRun(db: Db, day: string) {
  return db
    .selectFrom("retention_runs")
    .selectAll()
    .where("day", "=", day)
    .where("trigger", "=", "daily")
    .executeTakeFirst();
}

/** The newest runs, newest first. */
export function listRuns(db: Db, limit: number) {
  return db
    .selectFrom("retention_runs")
    .selectAll()
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
