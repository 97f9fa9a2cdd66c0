import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { CatalogueSnapshot, Labelled, SnapshotOffer } from "./catalogue.index.ts";

// The only SQL of catalogue search: the vocabulary (catalogue_terms), query words' stems, the catalogue
// version and the snapshot the in-memory index is built from (offers.search_vector and catalogue_terms are
// kept current by triggers, see migrations 2026-11-28T0610 and T0620). Every value is a bound parameter.

export type Term = { word: string; ndoc: number; lexeme: string | null };

export type WordLookup = {
  /** The vocabulary entries among the candidate words. */
  terms: Term[];
  /** Each query word's lexemes under the `swedish` configuration (empty for a stop word). */
  stems: Record<string, string[]>;
  /** catalogue_state.version: the index must be at least this current. */
  version: string;
  /** The database's current_date, against which validity dates are checked. */
  today: string;
};

/** In one round trip: the vocabulary entries among `candidates`, the stems of `words`, version and date. */
export async function lookupWords(db: Db, candidates: string[], words: string[]): Promise<WordLookup> {
  const result = await sql<WordLookup>`
    select
      (select coalesce(json_agg(json_build_object('word', word, 'ndoc', ndoc, 'lexeme', lexeme)), '[]'::json)
         from catalogue_terms where word = any(${candidates}::text[])) as terms,
      (select coalesce(json_object_agg(w, tsvector_to_array(to_tsvector('swedish', w))), '{}'::json)
         from unnest(${words}::text[]) as w) as stems,
      (select version::text from catalogue_state) as version,
      current_date::text as today`.execute(db);
  return result.rows[0]!;
}

/** The lexemes of each word under the `swedish` configuration. */
async function stems(db: Db, words: string[]): Promise<Record<string, string[]>> {
  const result = await sql<{ stems: Record<string, string[]> }>`
    select coalesce(json_object_agg(w, tsvector_to_array(to_tsvector('swedish', w))), '{}'::json) as stems
    from unnest(${words}::text[]) as w`.execute(db);
  return result.rows[0]!.stems;
}

/**
 * What the in-memory index is built from. The version is read first: rows written after it only make the
 * snapshot newer than its label, and the next search sees the higher version and loads again.
 */
export async function loadSnapshot(db: Db, synonymWords: string[]): Promise<CatalogueSnapshot> {
  const version = await sql<{
    version: string;
  }>`select version::text as version from catalogue_state`.execute(db);
  const offers = await sql<SnapshotOffer>`
    select id, name, name_en, summary, summary_en, organisation_id, themes, formats, cost_type,
      capacity_remaining, eligible_county_codes, eligible_municipality_codes, size_bands, sni_include,
      sni_exclude, valid_from::text as valid_from, valid_to::text as valid_to, min_company_age_years,
      max_company_age_years,
      coalesce(search_vector::text, '') as vector
    from offers where status = 'active'`.execute(db);
  const labelled = (table: "need_themes" | "offer_formats" | "size_bands") =>
    sql<Labelled>`select code, label_sv, label_en, sort_order from ${sql.table(table)}`.execute(db);
  const themes = await labelled("need_themes");
  const formats = await labelled("offer_formats");
  const sizeBands = await sql<Labelled & { min_employees: number; max_employees: number | null }>`
    select code, label_sv, label_en, sort_order, min_employees, max_employees from size_bands`.execute(db);
  const organisations = await sql<{ id: string; name: string }>`select id, name from organisations`.execute(
    db,
  );
  const municipalities = await sql<{ code: string; short_name: string; county_code: string }>`
    select code, short_name, county_code from municipalities`.execute(db);
  const counties = await sql<{ code: string; name: string }>`select code, name from counties`.execute(db);
  const sniSections = await sql<{ division: string; section: string }>`
    select distinct on (code) code as division, parent_code as section
    from sni_codes where level = 'division' and parent_code is not null order by code, version desc`.execute(
    db,
  );
  const sniSectionNames = await sql<{ code: string; name_sv: string; name_en: string | null }>`
    select distinct on (code) code, name_sv, name_en
    from sni_codes where level = 'section' order by code, version desc`.execute(db);
  return {
    version: version.rows[0]!.version,
    sniSectionNames: sniSectionNames.rows,
    offers: offers.rows,
    organisations: organisations.rows,
    themes: themes.rows,
    formats: formats.rows,
    sizeBands: sizeBands.rows,
    municipalities: municipalities.rows,
    counties: counties.rows,
    sniSections: sniSections.rows,
    synonymLexemes: await stems(db, synonymWords),
  };
}

/**
 * For each word, the most similar vocabulary word (trigram similarity at least `minSimilarity`, ties to
 * the more common word); words without one are left out. The `%` operator uses the trigram index.
 */
export async function closestTerms(
  db: Db,
  words: string[],
  minSimilarity: number,
): Promise<{ input: string; word: string; lexeme: string; similarity: number }[]> {
  if (words.length === 0) return [];
  const result = await sql<{ input: string; word: string; lexeme: string; similarity: number }>`
    select u.input, best.word, best.lexeme, best.similarity
    from unnest(${words}::text[]) as u(input)
    cross join lateral (
      select t.word, t.lexeme, similarity(t.word, u.input)::float8 as similarity
      from catalogue_terms t
      where t.word % u.input and t.lexeme is not null and t.word <> u.input
      order by similarity desc, t.ndoc desc, t.word
      limit 1
    ) best
    where best.similarity >= ${minSimilarity}`.execute(db);
  return result.rows;
}

/** Whether an offer is public: active and within its validity dates. */
export async function isPublicOffer(db: Db, id: string): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`
    select exists (
      select 1 from offers where id = ${id} and status = 'active'
        and (valid_from is null or valid_from <= current_date)
        and (valid_to is null or valid_to >= current_date)
    ) as ok`.execute(db);
  return result.rows[0]?.ok ?? false;
}
