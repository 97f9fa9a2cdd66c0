import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import { hasPendingMigrations } from "#src/db/migrate.ts";

export type Readiness = {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: "current" | "pending" | "unknown";
};

/** Whether the database answers and every migration in the code has been applied. */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    await sql`select 1`.execute(db);
  } catch {
    return { ready: false, database: "unreachable", migrations: "unknown" };
  }
  const pending = await hasPendingMigrations(db);
  return { ready: !pending, database: "ok", migrations: pending ? "pending" : "current" };
}
