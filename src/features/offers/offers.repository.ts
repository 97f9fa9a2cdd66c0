import type { Insertable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { OffersTable } from "#src/db/schema.ts";
import type { OfferFilter } from "./offers.schemas.ts";

// The only SQL for offers.

export type NewOfferRow = Omit<Insertable<OffersTable>, "id" | "created_at" | "updated_at">;

/** Inserts offers in one statement and returns the stored rows. */
export function insertOffers(db: Db, rows: NewOfferRow[]) {
  return db.insertInto("offers").values(rows).returningAll().execute();
}

/** Which of these slugs are taken. */
export async function findTakenSlugs(db: Db, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db.selectFrom("offers").select("slug").where("slug", "in", slugs).execute();
  return rows.map((r) => r.slug);
}

function filtered(db: Db, filter: OfferFilter) {
  let query = db.selectFrom("offers");
  if (filter.organisationId) query = query.where("organisation_id", "=", filter.organisationId);
  if (filter.status) query = query.where("status", "=", filter.status);
  return query;
}

/** Offers by name, optionally of one organisation or status. */
export function listOffers(db: Db, filter: OfferFilter = {}) {
  return filtered(db, filter).selectAll().orderBy("name").orderBy("id").execute();
}

/** How many offers match the filter. */
export async function countOffers(db: Db, filter: OfferFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
