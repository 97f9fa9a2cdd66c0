import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { OrganisationType } from "#src/db/schema.ts";

// The only SQL for organisations and organisation_municipalities.

export type NewOrganisationRow = {
  /** Given only when the id comes from elsewhere (an HSDS import keeps the document's ids). */
  id?: string;
  slug: string;
  name: string;
  org_number: string | null;
  type: OrganisationType;
  description_sv: string;
  description_en: string;
  website: string | null;
};

/** Inserts organisations in one statement; returns their ids and slugs. */
export function insertOrganisations(db: Db, rows: NewOrganisationRow[]) {
  return db.insertInto("organisations").values(rows).returning(["id", "slug"]).execute();
}

/** Links organisations to the municipalities they serve, in one statement. */
export async function insertOrganisationMunicipalities(
  db: Db,
  rows: { organisation_id: string; municipality_code: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto("organisation_municipalities").values(rows).execute();
}

/** Which of these slugs are taken. */
export async function findTakenSlugs(db: Db, slugs: string[]): Promise<string[]> {
  if (slugs.length === 0) return [];
  const rows = await db.selectFrom("organisations").select("slug").where("slug", "in", slugs).execute();
  return rows.map((r) => r.slug);
}

/** Which of these organisation ids exist. */
export async function findExistingIds(db: Db, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("organisations").select("id").where("id", "in", ids).execute();
  return rows.map((r) => r.id);
}

/** Organisations by name (all, or those with the given ids), each with the municipalities it serves. */
export async function listOrganisations(db: Db, filter: { ids?: string[] } = {}) {
  let query = db
    .selectFrom("organisations as o")
    .selectAll("o")
    .select(
      sql<string[]>`coalesce((
        select array_agg(om.municipality_code::text order by om.municipality_code)
        from organisation_municipalities om where om.organisation_id = o.id
      ), '{}')`.as("municipality_codes"),
    )
    .orderBy("o.name")
    .orderBy("o.id");
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where("o.id", "in", filter.ids);
  }
  return query.execute();
}

/** How many organisations there are. */
export async function countOrganisations(db: Db): Promise<number> {
  const row = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type OrganisationPatchRow = Partial<
  Pick<NewOrganisationRow, "name" | "org_number" | "type" | "description_sv" | "description_en" | "website">
>;

/** Changes an organisation's columns; returns whether it exists. */
export async function updateOrganisation(db: Db, id: string, patch: OrganisationPatchRow): Promise<boolean> {
  const result = await db
    .updateTable("organisations")
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces the municipalities an organisation serves. */
export async function replaceOrganisationMunicipalities(db: Db, id: string, codes: string[]): Promise<void> {
  await db.deleteFrom("organisation_municipalities").where("organisation_id", "=", id).execute();
  await insertOrganisationMunicipalities(
    db,
    codes.map((code) => ({ organisation_id: id, municipality_code: code })),
  );
}

/** Organisations with this slug or this (normalised) org number, for the operator's `--org` option. */
export function findOrganisationsBySlugOrNumber(db: Db, slug: string, orgNumber: string | null) {
  return db
    .selectFrom("organisations")
    .select(["id", "slug", "name", "org_number"])
    .where((eb) =>
      orgNumber ? eb.or([eb("slug", "=", slug), eb("org_number", "=", orgNumber)]) : eb("slug", "=", slug),
    )
    .orderBy("name")
    .execute();
}

/** Ids of the organisations of one type, by name. */
export async function findOrganisationIdsByType(db: Db, type: OrganisationType): Promise<string[]> {
  const rows = await db
    .selectFrom("organisations")
    .select("id")
    .where("type", "=", type)
    .orderBy("name")
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of organisations holding this org number, other than `exceptId`. */
export async function findIdsWithOrgNumber(db: Db, orgNumber: string, exceptId?: string): Promise<string[]> {
  let query = db.selectFrom("organisations").select("id").where("org_number", "=", orgNumber);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return (await query.execute()).map((r) => r.id);
}
