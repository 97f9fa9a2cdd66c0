import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { OrganisationType } from "#src/db/schema.ts";

// The only SQL for organisations and organisation_municipalities.

export type NewOrganisationRow = {
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
