import { type Kysely, sql } from "kysely";

/** Drops every table Lots created (the public schema) so migrations can start over. Irreversible. */
export async function resetDatabase(db: Kysely<any>): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS public CASCADE`.execute(db);
  await sql`CREATE SCHEMA public`.execute(db);
}
