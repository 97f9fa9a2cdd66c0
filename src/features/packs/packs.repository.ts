import type { Insertable, Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { IndustryPacksTable } from "#src/db/schema.ts";

// The only SQL for industry_packs and industry_pack_offers.

export type PackRow = Selectable<IndustryPacksTable>;
type PackColumns = Omit<Insertable<IndustryPacksTable>, "id" | "created_at" | "updated_at">;

/** Every pack (unsorted: callers sort by Swedish name, which PGlite cannot collate). */
export function listPacks(db: Db): Promise<PackRow[]> {
  return db.selectFrom("industry_packs").selectAll().execute();
}

/** One pack by id. */
export function findPackById(db: Db, id: string): Promise<PackRow | undefined> {
  return db.selectFrom("industry_packs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One pack by slug. */
export function findPackBySlug(db: Db, slug: string): Promise<PackRow | undefined> {
  return db.selectFrom("industry_packs").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Whether another pack than `exceptId` has this slug. */
export async function isSlugTaken(db: Db, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom("industry_packs").select("id").where("slug", "=", slug);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** The highlighted offers of these packs, in each pack's order. */
export function listPackOffers(
  db: Db,
  packIds: readonly string[],
): Promise<{ pack_id: string; offer_id: string }[]> {
  if (packIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("industry_pack_offers")
    .select(["pack_id", "offer_id"])
    .where("pack_id", "in", packIds)
    .orderBy("pack_id")
    .orderBy("position")
    .execute();
}

/** Stores a new pack. */
export function insertPack(db: Db, values: PackColumns): Promise<PackRow> {
  return db.insertInto("industry_packs").values(values).returningAll().executeTakeFirstOrThrow();
}

/** Changes a pack's columns. */
export function updatePack(db: Db, id: string, values: PackColumns): Promise<PackRow> {
  const { created_by_user_id: _createdBy, ...changes } = values;
  return db
    .updateTable("industry_packs")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a pack's highlighted offers with these, in this order. */
export async function replacePackOffers(db: Db, packId: string, offerIds: readonly string[]): Promise<void> {
  await db.deleteFrom("industry_pack_offers").where("pack_id", "=", packId).execute();
  if (offerIds.length === 0) return;
  await db
    .insertInto("industry_pack_offers")
    .values(offerIds.map((offerId, position) => ({ pack_id: packId, offer_id: offerId, position })))
    .execute();
}
