import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
// How a sent mail left Lots: 'smtp' (handed to the SMTP server) or 'log' (development/test without SMTP:
// written to the log and readable at /dev/mail, never delivered). Null while not sent.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("mail_outbox")
    .addColumn("delivered_via", "text", (c) => c.check(sql`delivered_via in ('smtp', 'log')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("delivered_via").execute();
}
