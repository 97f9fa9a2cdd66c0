import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { OfferContactsTable, OfferHistoryTable, OffersTable } from "#src/db/schema.ts";
import { type DataScope, inScope } from "#src/shared/auth/scope.ts";
import type { OfferFilter } from "./offers.schemas.ts";

// The only SQL for offers, offer_contacts and offer_history.

export type OfferRow = Selectable<OffersTable>;
export type ContactRow = Selectable<OfferContactsTable>;
export type HistoryRow = Selectable<OfferHistoryTable>;
export type NewOfferRow = Omit<Insertable<OffersTable>, "created_at" | "updated_at">;
export type NewContactRow = Omit<Insertable<OfferContactsTable>, "id">;
export type NewHistoryRow = Omit<Insertable<OfferHistoryTable>, "id" | "seq">;

/** Inserts offers in one statement and returns the stored rows (an id given is kept). */
export function insertOffers(db: Db, rows: NewOfferRow[]): Promise<OfferRow[]> {
  return db.insertInto("offers").values(rows).returningAll().execute();
}

/** Changes one offer's columns and returns the stored row; `updated_at` moves to now. */
export function updateOffer(db: Db, id: string, values: Updateable<OffersTable>): Promise<OfferRow> {
  return db
    .updateTable("offers")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Which of these slugs are taken by offers other than `exceptIds`, as slug → offer id. */
export async function findTakenSlugs(
  db: Db,
  slugs: string[],
  exceptIds: string[] = [],
): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  let query = db.selectFrom("offers").select(["slug", "id"]).where("slug", "in", slugs);
  if (exceptIds.length > 0) query = query.where("id", "not in", exceptIds);
  return new Map((await query.execute()).map((r) => [r.slug, r.id]));
}

/** The offers with these ids (any order; missing ids are left out). */
export function findOffers(db: Db, ids: readonly string[]): Promise<OfferRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("offers")
    .selectAll()
    .where("id", "in", [...ids])
    .execute();
}

/** One offer, locked for the rest of the transaction so two changes cannot interleave. */
export function findOfferForUpdate(db: Db, id: string): Promise<OfferRow | undefined> {
  return db.selectFrom("offers").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

function filtered(db: Db, filter: OfferFilter, scope?: DataScope) {
  let query = db.selectFrom("offers");
  if (filter.organisationId) query = query.where("organisation_id", "=", filter.organisationId);
  if (filter.status) query = query.where("status", "=", filter.status);
  if (scope) query = query.where((eb) => inScope(eb, "offers.organisation_id", scope));
  return query;
}

/** Offers by name, optionally of one organisation or status, and limited to a scope. */
export function listOffers(db: Db, filter: OfferFilter = {}, scope?: DataScope): Promise<OfferRow[]> {
  return filtered(db, filter, scope).selectAll().orderBy("name").orderBy("id").execute();
}

/** How many offers match the filter. */
export async function countOffers(db: Db, filter: OfferFilter = {}): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The contact persons of these offers, in their order. */
export function contactsOf(db: Db, offerIds: readonly string[]): Promise<ContactRow[]> {
  if (offerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("offer_contacts")
    .selectAll()
    .where("offer_id", "in", [...offerIds])
    .orderBy("offer_id")
    .orderBy("position")
    .execute();
}

/** Replaces the contact persons of these offers with `rows` (which name their offer). */
export async function replaceContacts(db: Db, offerIds: readonly string[], rows: NewContactRow[]) {
  if (offerIds.length > 0)
    await db
      .deleteFrom("offer_contacts")
      .where("offer_id", "in", [...offerIds])
      .execute();
  if (rows.length > 0) await db.insertInto("offer_contacts").values(rows).execute();
}

/** Appends history entries. */
export async function insertHistory(db: Db, rows: NewHistoryRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("offer_history").values(rows).execute();
}

/** An offer's history, newest first. */
export function listHistory(db: Db, offerId: string): Promise<HistoryRow[]> {
  return db
    .selectFrom("offer_history")
    .selectAll()
    .where("offer_id", "=", offerId)
    .orderBy("seq", "desc")
    .execute();
}
