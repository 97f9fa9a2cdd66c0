import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
// Issue 4: an offer has a list of contact persons instead of one; "last verified" also says by whom; and
// every change to an offer is kept in offer_history (who, when, what changed, field by field).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("offer_contacts")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addUniqueConstraint("offer_contacts_offer_position_key", ["offer_id", "position"])
    .execute();

  // The one contact of the old shape becomes the first of the list; a contact without a name is named by
  // its address or number, so no contact detail is lost.
  await sql`
    insert into offer_contacts (offer_id, position, name, title, email, phone)
    select id, 0, coalesce(contact_name, contact_email, contact_phone), contact_title, contact_email, contact_phone
    from offers
    where coalesce(contact_name, contact_email, contact_phone) is not null`.execute(db);
  for (const column of ["contact_name", "contact_title", "contact_email", "contact_phone"]) {
    await db.schema.alterTable("offers").dropColumn(column).execute();
  }

  // Who verified: a person's name, or "import"/"demo" for data that came in without a person.
  await db.schema.alterTable("offers").addColumn("last_verified_by", "text").execute();

  await db.schema
    .createTable("offer_history")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Orders entries written in the same instant (one transaction's now()).
    .addColumn("seq", "bigserial", (c) => c.notNull())
    .addColumn("offer_id", "uuid", (c) => c.notNull().references("offers.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) =>
      c
        .notNull()
        .check(sql`action in ('create', 'update', 'pause', 'activate', 'close', 'verify', 'import')`),
    )
    .addColumn("changes", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("offer_history_offer_idx")
    .on("offer_history")
    .columns(["offer_id", "seq"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("offer_history").execute();
  await db.schema.alterTable("offers").dropColumn("last_verified_by").execute();
  for (const column of ["contact_name", "contact_title", "contact_email", "contact_phone"]) {
    await db.schema.alterTable("offers").addColumn(column, "text").execute();
  }
  await sql`
    update offers o set contact_name = c.name, contact_title = c.title, contact_email = c.email,
      contact_phone = c.phone
    from offer_contacts c where c.offer_id = o.id and c.position = 0`.execute(db);
  await db.schema.dropTable("offer_contacts").execute();
}
