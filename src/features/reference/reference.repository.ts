import type { Db } from "#src/db/client.ts";

// The only SQL for the reference tables (counties, municipalities, postal codes, SNI, themes, formats, sizes).

/** All counties in code order. */
export function listCounties(db: Db) {
  return db.selectFrom("counties").select(["code", "name", "short_name"]).orderBy("code").execute();
}

/** One county by its two-digit code. */
export function findCounty(db: Db, code: string) {
  return db
    .selectFrom("counties")
    .select(["code", "name", "short_name"])
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Municipalities in code order, optionally of one county. */
export function listMunicipalities(db: Db, countyCode?: string) {
  let query = db
    .selectFrom("municipalities")
    .select(["code", "name", "short_name", "county_code"])
    .orderBy("code");
  if (countyCode) query = query.where("county_code", "=", countyCode);
  return query.execute();
}

/** A postal code with its locality and municipality. */
export function findPostalCode(db: Db, postalCode: string) {
  return db
    .selectFrom("postal_codes")
    .innerJoin("municipalities", "municipalities.code", "postal_codes.municipality_code")
    .select([
      "postal_codes.postal_code",
      "postal_codes.locality",
      "municipalities.code as municipality_code",
      "municipalities.name as municipality_name",
      "municipalities.short_name as municipality_short_name",
      "municipalities.county_code",
    ])
    .where("postal_codes.postal_code", "=", postalCode)
    .executeTakeFirst();
}

/** SNI sections and divisions of one code-list version, sections before their divisions. */
export function listSniCodes(db: Db, version: string) {
  return db
    .selectFrom("sni_codes")
    .select(["version", "code", "level", "parent_code", "name_sv", "name_en"])
    .where("version", "=", version)
    .orderBy("code")
    .execute();
}

/** Active need themes in display order. */
export function listNeedThemes(db: Db) {
  return db
    .selectFrom("need_themes")
    .select(["code", "label_sv", "label_en", "is_builtin"])
    .where("is_active", "=", true)
    .orderBy("sort_order")
    .orderBy("code")
    .execute();
}

/** Offer formats in display order. */
export function listOfferFormats(db: Db) {
  return db
    .selectFrom("offer_formats")
    .select(["code", "label_sv", "label_en"])
    .orderBy("sort_order")
    .execute();
}

/** SCB size bands, smallest first. */
export function listSizeBands(db: Db) {
  return db
    .selectFrom("size_bands")
    .select(["code", "min_employees", "max_employees", "label_sv", "label_en"])
    .orderBy("sort_order")
    .execute();
}

/** The section letter of an SNI division (two digits), or undefined. */
export async function findSectionOfDivision(db: Db, version: string, division: string) {
  const row = await db
    .selectFrom("sni_codes")
    .select("parent_code")
    .where("version", "=", version)
    .where("level", "=", "division")
    .where("code", "=", division)
    .executeTakeFirst();
  return row?.parent_code ?? undefined;
}
