import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { DifferenceSource } from "#src/db/schema.ts";

// The SQL of the company register import (lots companies import): a few statements per batch of rows,
// never one per row. The rest of the companies' SQL is in companies.repository.ts.

/** A company as the register gives it; null and [] mean "the register says nothing". */
export type RegisterCompanyRow = {
  org_number: string;
  is_sole_trader: boolean;
  name: string;
  postal_code: string | null;
  municipality_code: string;
  sni_codes: string[];
  size_band: string | null;
  founded_year: number | null;
};

/** Register columns and the curated-field name (companies.intake.schemas CURATABLE_FIELDS) that protects each. */
export const REGISTER_COLUMNS = [
  ["name", "name"],
  ["postal_code", "postalCode"],
  ["municipality_code", "municipalityCode"],
  ["size_band", "sizeBand"],
  ["founded_year", "foundedYear"],
] as const;

/**
 * Inserts new companies and updates existing ones (by org number) in one multi-row statement. An existing
 * company keeps every field staff curated and every field the register leaves empty; its contacts, needs
 * and consents are not touched. Rows whose stored values already agree are not written at all (no new
 * row version, no trigger). Org numbers must be unique within `rows`. Returns how many were inserted and
 * updated; the rest were unchanged.
 */
export async function upsertRegisterCompanies(
  db: Db,
  rows: readonly RegisterCompanyRow[],
): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const keep = (field: string) => sql`${sql.lit(field)} = any(companies.curated_fields)`;
  const next = (column: string, field: string) =>
    sql`case when ${keep(field)} then companies.${sql.ref(column)}
      else coalesce(excluded.${sql.ref(column)}, companies.${sql.ref(column)}) end`;
  const changes = (column: string, field: string) =>
    sql`(not ${keep(field)} and excluded.${sql.ref(column)} is not null
      and excluded.${sql.ref(column)} is distinct from companies.${sql.ref(column)})`;
  const sniGiven = sql`(not ${keep("sniCodes")} and cardinality(excluded.sni_codes) > 0)`;
  const result = await db
    .insertInto("companies")
    .values(rows.map((row) => ({ ...row, sni_code: row.sni_codes[0] ?? null })))
    .onConflict((oc) =>
      oc
        .column("org_number")
        .doUpdateSet({
          ...Object.fromEntries(REGISTER_COLUMNS.map(([column, field]) => [column, next(column, field)])),
          sni_codes: sql`case when ${sniGiven} then excluded.sni_codes else companies.sni_codes end`,
          sni_code: sql`case when ${sniGiven} then excluded.sni_code else companies.sni_code end`,
          updated_at: sql`now()`,
        })
        .where(
          sql<boolean>`${sql.join(
            [
              ...REGISTER_COLUMNS.map(([column, field]) => changes(column, field)),
              sql`(${sniGiven} and excluded.sni_codes is distinct from companies.sni_codes)`,
            ],
            sql` or `,
          )}`,
        ),
    )
    // xmax is 0 on a row version this statement inserted, and set on one it updated.
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .execute();
  const inserted = result.filter((row) => row.inserted).length;
  return { inserted, updated: result.length - inserted };
}

/** An existing company as the register import compares it: its curated values and differences on record. */
export type RegisterTarget = {
  id: string;
  org_number: string;
  curated_fields: string[];
  name: string;
  postal_code: string | null;
  municipality_code: string | null;
  sni_codes: string[];
  size_band: string | null;
  founded_year: number | null;
  /** Pending differences (any source) and the register's differences staff kept their value against. */
  differences: {
    id: string;
    field: string;
    source: DifferenceSource;
    stored: unknown;
    submitted: unknown;
    resolution: "kept" | null;
  }[];
};

/**
 * The registered companies among these org numbers, in one statement: their curated fields and values, their
 * pending differences and the register differences staff kept their value against. `onlyCurated` leaves out
 * companies without curated fields (the import's write path needs nothing else; a dry run counts them all).
 * Runs in the caller's transaction (or its own) and turns bitmap scans off for the rest of it.
 */
export async function findRegisterTargets(
  db: Db,
  orgNumbers: readonly string[],
  options: { onlyCurated: boolean },
): Promise<RegisterTarget[]> {
  if (orgNumbers.length === 0) return [];
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => findRegisterTargets(trx, orgNumbers, options));
  }
  // Without fresh statistics (a first, large import) PostgreSQL answers `org_number in (…1,000…)` from the
  // trigram GIN index instead of the unique btree: 4.7 s per batch instead of milliseconds, measured. GIN
  // serves only bitmap scans, so with those off the btree is used; the batch's other statements are inserts,
  // a delete by id and look-ups that use plain index scans.
  await sql`set local enable_bitmapscan = off`.execute(db);
  let query = db
    .selectFrom("companies")
    .select([
      "id",
      "org_number",
      "curated_fields",
      "name",
      "postal_code",
      "municipality_code",
      "sni_codes",
      "size_band",
      "founded_year",
    ])
    .select(
      sql<RegisterTarget["differences"]>`case when cardinality(companies.curated_fields) = 0 then '[]'::jsonb
        else coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'field', d.field, 'source', d.source,
          'stored', d.stored, 'submitted', d.submitted, 'resolution', d.resolution))
        from company_differences d
        where d.company_id = companies.id
          and (d.resolved_at is null or (d.source = 'register' and d.resolution = 'kept'))), '[]'::jsonb) end`.as(
        "differences",
      ),
    )
    .where("org_number", "in", [...orgNumbers]);
  if (options.onlyCurated) query = query.where(sql<boolean>`cardinality(curated_fields) > 0`);
  return query.execute();
}

/** A difference the register import records: the curated value and the register's. */
export type RegisterDifferenceRow = {
  company_id: string;
  field: string;
  stored: unknown;
  submitted: unknown;
};

/**
 * Records the register's differences in one multi-row statement, replacing the pending difference of each
 * company and field whatever its source (one pending row per company and field, as an intake does).
 */
export async function upsertRegisterDifferences(
  db: Db,
  rows: readonly RegisterDifferenceRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("company_differences")
    .values(
      rows.map((row) => ({
        company_id: row.company_id,
        field: row.field,
        stored: JSON.stringify(row.stored ?? null),
        submitted: JSON.stringify(row.submitted ?? null),
        source: "register" as const,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["company_id", "field"]).where("resolved_at", "is", null).doUpdateSet({
        stored: sql`excluded.stored`,
        submitted: sql`excluded.submitted`,
        source: sql`excluded.source`,
        created_at: sql`now()`,
      }),
    )
    .execute();
}

/** Deletes pending differences by id (the register now agrees with the curated value). */
export async function deletePendingDifferences(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom("company_differences")
    .where("id", "in", [...ids])
    .where("resolved_at", "is", null)
    .execute();
}
