import { type RawBuilder, sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { Locale } from "#src/shared/i18n.ts";

// The only SQL of catalogue search: the vocabulary (catalogue_terms) and the search statement over
// offers.search_vector (both kept current by triggers, see migration 2026-11-28T0610). Every value is a
// bound parameter; only fixed SQL fragments are composed.

export type Term = { word: string; ndoc: number; lexeme: string | null };

/** The vocabulary entries among these words. */
export async function findTerms(db: Db, words: string[]): Promise<Term[]> {
  if (words.length === 0) return [];
  const result = await sql<Term>`
    select word, ndoc, lexeme from catalogue_terms where word = any(${words}::text[])`.execute(db);
  return result.rows;
}

/**
 * For each word, the most similar vocabulary word (trigram similarity at least `minSimilarity`, ties to
 * the more common word); words without one are left out. The `%` operator uses the trigram index.
 */
export async function closestTerms(
  db: Db,
  words: string[],
  minSimilarity: number,
): Promise<{ input: string; word: string; similarity: number }[]> {
  if (words.length === 0) return [];
  const result = await sql<{ input: string; word: string; similarity: number }>`
    select u.input, best.word, best.similarity
    from unnest(${words}::text[]) as u(input)
    cross join lateral (
      select t.word, similarity(t.word, u.input)::float8 as similarity
      from catalogue_terms t
      where t.word % u.input and t.lexeme is not null and t.word <> u.input
      order by similarity desc, t.ndoc desc, t.word
      limit 1
    ) best
    where best.similarity >= ${minSimilarity}`.execute(db);
  return result.rows;
}

export type SearchFilters = {
  theme: string[];
  format: string[];
  organisation: string[];
  cost: string[];
  municipality: string | null;
  size: string | null;
  sni: string | null;
};

export type SearchStatement = {
  /** `to_tsquery('swedish', …)` text deciding which offers match, or null for no text condition. */
  match: string | null;
  /** The query of the words as typed (and corrected): ranks above synonyms. */
  primary: string | null;
  filters: SearchFilters;
  sort: "relevance" | "name";
  limit: number;
  offset: number;
  locale: Locale;
};

export type ItemRow = {
  id: string;
  name: string;
  name_en: string | null;
  summary: string;
  summary_en: string | null;
  organisation_id: string;
  organisation_name: string;
  themes: string[];
  formats: string[];
  cost_type: string;
  capacity_remaining: number | null;
  county_names: string[];
  municipality_names: string[];
  score: number;
};

export type FacetRow = { facet: string; value: string; label: string; n: number; ord: number };

const all = (...flags: string[]) => sql.raw(flags.length === 0 ? "true" : flags.join(" and "));
const FLAGS = ["f_theme", "f_format", "f_org", "f_muni", "f_size", "f_cost"] as const;
const others = (own: (typeof FLAGS)[number]) => all(...FLAGS.filter((f) => f !== own));

/**
 * One statement: the public offers matching the text and SNI condition (materialised once, with their
 * rank and one flag per facet filter), the disjunctive facet counts, the total and the requested page.
 */
export async function search(
  db: Db,
  s: SearchStatement,
): Promise<{ facets: FacetRow[]; total: number; items: ItemRow[] }> {
  const f = s.filters;
  const en = s.locale === "en";
  const flag = (active: boolean, condition: RawBuilder<unknown>) => (active ? condition : sql`true`);
  const text = s.match !== null;
  const weights = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;
  // The name (A) weighs 1.0, the summary (B) 0.4, the description and labels (C) 0.2. When synonyms widen
  // the match, the words as typed are ranked again and count double, so synonyms rank below them.
  const score = !text
    ? sql`0::float8`
    : s.primary === null || s.primary === s.match
      ? sql`ts_rank_cd(${weights}, o.search_vector, p.qm)::float8`
      : sql`(ts_rank_cd(${weights}, o.search_vector, p.qm) + 2 * ts_rank_cd(${weights}, o.search_vector, p.qp))::float8`;
  const order = s.sort === "name" || !text ? sql`b.name, b.id` : sql`b.score desc, b.name, b.id`;
  const label = (table: string) => sql.raw(en ? `${table}.label_en` : `${table}.label_sv`);

  const result = await sql<FacetRow & { items: ItemRow[] | null }>`
    with p as (
      select
        to_tsquery('swedish', ${s.match ?? ""}) as qm,
        to_tsquery('swedish', ${s.primary ?? s.match ?? ""}) as qp,
        ${f.municipality}::text as muni,
        (select county_code from municipalities where code = ${f.municipality}) as county,
        ${f.sni}::text as sni,
        case when ${f.sni}::text ~ '^[A-U]$' then ${f.sni}::text
             else (select parent_code from sni_codes where level = 'division' and code = left(${f.sni}::text, 2) limit 1)
        end as sni_section
    ),
    base as materialized (
      select o.id, o.name, o.organisation_id, o.themes, o.formats, o.cost_type,
        o.size_bands as sb, o.eligible_county_codes as ecc, o.eligible_municipality_codes as emc,
        ${flag(f.theme.length > 0, sql`o.themes && ${f.theme}::text[]`)} as f_theme,
        ${flag(f.format.length > 0, sql`o.formats && ${f.format}::text[]`)} as f_format,
        ${flag(f.organisation.length > 0, sql`o.organisation_id = any(${f.organisation}::uuid[])`)} as f_org,
        ${flag(
          f.municipality !== null,
          sql`((cardinality(o.eligible_county_codes) = 0 and cardinality(o.eligible_municipality_codes) = 0)
            or p.muni = any(o.eligible_municipality_codes) or p.county = any(o.eligible_county_codes))`,
        )} as f_muni,
        ${flag(f.size !== null, sql`(cardinality(o.size_bands) = 0 or ${f.size}::text = any(o.size_bands))`)} as f_size,
        ${flag(f.cost.length > 0, sql`o.cost_type = any(${f.cost}::text[])`)} as f_cost,
        ${score} as score
      from offers o cross join p
      where o.status = 'active'
        and (o.valid_from is null or o.valid_from <= current_date)
        and (o.valid_to is null or o.valid_to >= current_date)
        ${text ? sql`and o.search_vector @@ p.qm` : sql``}
        ${
          f.sni !== null
            ? sql`and (cardinality(o.sni_include) = 0 or exists (
                select 1 from unnest(o.sni_include) i where i = p.sni_section or (i ~ '^[0-9]' and p.sni like i || '%')))
              and not exists (
                select 1 from unnest(o.sni_exclude) e where e = p.sni_section or (e ~ '^[0-9]' and p.sni like e || '%'))`
            : sql``
        }
    ),
    theme_counts as (
      select t as value, count(*)::int as n from base, unnest(base.themes) t where ${others("f_theme")} group by t
    ),
    format_counts as (
      select t as value, count(*)::int as n from base, unnest(base.formats) t where ${others("f_format")} group by t
    ),
    org_counts as (
      select organisation_id as value, count(*)::int as n from base where ${others("f_org")} group by organisation_id
    ),
    cost_counts as (
      select cost_type as value, count(*)::int as n from base where ${others("f_cost")} group by cost_type
    ),
    size_any as (
      select count(*)::int as n from base where cardinality(sb) = 0 and ${others("f_size")}
    ),
    size_counts as (
      select t as value, count(*)::int as n from base, unnest(base.sb) t where ${others("f_size")} group by t
    ),
    muni_any as (
      select count(*)::int as n from base
      where cardinality(ecc) = 0 and cardinality(emc) = 0 and ${others("f_muni")}
    ),
    muni_county as (
      select c as county, count(*)::int as n from base, unnest(base.ecc) c where ${others("f_muni")} group by c
    ),
    -- A municipality listed by an offer that also lists its county is counted once, through the county.
    muni_explicit as (
      select m.code, count(*)::int as n
      from base cross join lateral unnest(base.emc) as u(code) join municipalities m on m.code = u.code
      where not (m.county_code = any(base.ecc)) and ${others("f_muni")}
      group by m.code
    ),
    page as (
      select b.*, row_number() over (order by ${order}) as position
      from base b where ${all(...FLAGS)}
      order by ${order}
      limit ${s.limit} offset ${s.offset}
    )
    select 'theme' as facet, nt.code as value, ${label("nt")} as label, coalesce(c.n, 0) as n, nt.sort_order as ord, null::json as items
      from need_themes nt left join theme_counts c on c.value = nt.code
      where c.n > 0 or nt.code = any(${f.theme}::text[])
    union all
    select 'format', fo.code, ${label("fo")}, coalesce(c.n, 0), fo.sort_order, null
      from offer_formats fo left join format_counts c on c.value = fo.code
      where c.n > 0 or fo.code = any(${f.format}::text[])
    union all
    select 'organisation', org.id::text, org.name, coalesce(c.n, 0), 0, null
      from organisations org left join org_counts c on c.value = org.id
      where c.n > 0 or org.id = any(${f.organisation}::uuid[])
    union all
    select 'cost', c.value, c.value, c.n, 0, null from cost_counts c
    union all
    select 'size', sbd.code, ${label("sbd")}, a.n + coalesce(c.n, 0), sbd.sort_order, null
      from size_bands sbd cross join size_any a left join size_counts c on c.value = sbd.code
      where a.n + coalesce(c.n, 0) > 0 or sbd.code = ${f.size}
    union all
    select 'municipality', m.code, m.short_name, a.n + coalesce(cc.n, 0) + coalesce(x.n, 0), 0, null
      from municipalities m cross join muni_any a
      left join muni_county cc on cc.county = m.county_code
      left join muni_explicit x on x.code = m.code
      where a.n + coalesce(cc.n, 0) + coalesce(x.n, 0) > 0 or m.code = ${f.municipality}
    union all
    select 'total', '', '', (select count(*)::int from base where ${all(...FLAGS)}), 0,
      (select json_agg(json_build_object(
          'id', pg.id, 'name', o.name, 'name_en', o.name_en, 'summary', o.summary, 'summary_en', o.summary_en,
          'organisation_id', o.organisation_id, 'organisation_name', org.name,
          'themes', o.themes, 'formats', o.formats, 'cost_type', o.cost_type,
          'capacity_remaining', o.capacity_remaining, 'score', pg.score,
          'county_names', array(select co.name from counties co where co.code = any(o.eligible_county_codes) order by co.code),
          'municipality_names',
            array(select mu.short_name from municipalities mu where mu.code = any(o.eligible_municipality_codes) order by mu.code)
        ) order by pg.position)
        from page pg join offers o on o.id = pg.id join organisations org on org.id = o.organisation_id)
  `.execute(db);

  let total = 0;
  let items: ItemRow[] = [];
  const facets: FacetRow[] = [];
  for (const row of result.rows) {
    if (row.facet === "total") {
      total = row.n;
      items = row.items ?? [];
    } else facets.push({ facet: row.facet, value: row.value, label: row.label, n: row.n, ord: row.ord });
  }
  return { facets, total, items };
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
