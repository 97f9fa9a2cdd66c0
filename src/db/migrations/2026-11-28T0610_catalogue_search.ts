import { type Kysely, sql } from "kysely";

// Frozen in time: imports no application code.
//
// Catalogue search on top of PostgreSQL full-text search (works on PGlite 0.5 / PG 18 and PG 15):
// - `catalogue_normalise(text)`: lower-case, and a hyphenated compound "ex-jobb" becomes "exjobb ex jobb"
//   (joined form plus its parts). The search service normalises queries the same way (joined form only).
// - offers.search_text / offers.search_vector: the normalised document and its weighted `swedish` tsvector
//   (name A, summary B, description + theme and format labels C), kept current by a BEFORE trigger so
//   every writer (offers service, HSDS import, SQL) gets them without knowing about search. Generated
//   columns cannot read the theme labels from need_themes, a trigger can.
// - catalogue_terms: the corpus's words (surface forms) with document counts and their Snowball lexeme
//   (null for stop words), kept current by statement-level triggers with transition tables, so a bulk
//   insert updates it in one statement. A trigram index on it drives spelling correction and the search
//   service uses it for suffix variants and compound splitting.

const NORMALISE = String.raw`
create function catalogue_normalise(input text) returns text
language sql immutable parallel safe as $$
  select regexp_replace(lower(coalesce(input, '')), '([[:alnum:]]+)-([[:alnum:]]+)', '\1\2 \1 \2', 'g')
$$`;

const DOCUMENT_TRIGGER = `
create function catalogue_offer_document() returns trigger
language plpgsql as $$
declare
  labels text;
begin
  select concat_ws(' ',
      (select string_agg(label_sv, ' ') from need_themes where code = any(new.themes)),
      (select string_agg(label_sv, ' ') from offer_formats where code = any(new.formats)))
    into labels;
  new.search_text := catalogue_normalise(concat_ws(' ', new.name, new.summary, new.description, labels));
  new.search_vector :=
    setweight(to_tsvector('swedish', catalogue_normalise(new.name)), 'A') ||
    setweight(to_tsvector('swedish', catalogue_normalise(new.summary)), 'B') ||
    setweight(to_tsvector('swedish', catalogue_normalise(concat_ws(' ', new.description, labels))), 'C');
  return new;
end
$$`;

// Words of the given rows' documents, each counted once per offer.
const WORDS_OF = (table: string) => `
  select word, count(*)::int as ndoc
  from (
    select distinct r.id, word
    from ${table} r, regexp_split_to_table(r.search_text, '[^[:alnum:]]+') as word
    where length(word) between 2 and 60
  ) w
  group by word`;

const ADD_TERMS = (table: string) => `
  insert into catalogue_terms (word, ndoc, lexeme)
  select word, ndoc, (tsvector_to_array(to_tsvector('swedish', word)))[1]
  from (${WORDS_OF(table)}) words
  on conflict (word) do update set ndoc = catalogue_terms.ndoc + excluded.ndoc`;

const REMOVE_TERMS = (table: string) => `
  update catalogue_terms t set ndoc = t.ndoc - words.ndoc
  from (${WORDS_OF(table)}) words
  where t.word = words.word`;

const CHANGED = (side: "o" | "n") => `(
    select ${side}.id, ${side}.search_text from old_rows o join new_rows n on n.id = o.id
    where o.search_text is distinct from n.search_text)`;

const TERMS_TRIGGERS = `
create function catalogue_terms_insert() returns trigger language plpgsql as $$
begin
  ${ADD_TERMS("new_rows")};
  return null;
end
$$;
create function catalogue_terms_delete() returns trigger language plpgsql as $$
begin
  ${REMOVE_TERMS("old_rows")};
  delete from catalogue_terms where ndoc <= 0;
  return null;
end
$$;
create function catalogue_terms_update() returns trigger language plpgsql as $$
begin
  -- Only rows whose document changed; a status change leaves the vocabulary alone.
  ${REMOVE_TERMS(CHANGED("o"))};
  ${ADD_TERMS(CHANGED("n"))};
  delete from catalogue_terms where ndoc <= 0;
  return null;
end
$$;
create trigger offers_catalogue_terms_insert after insert on offers
  referencing new table as new_rows for each statement execute function catalogue_terms_insert();
create trigger offers_catalogue_terms_delete after delete on offers
  referencing old table as old_rows for each statement execute function catalogue_terms_delete();
create trigger offers_catalogue_terms_update after update on offers
  referencing old table as old_rows new table as new_rows
  for each statement execute function catalogue_terms_update()`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql.raw(NORMALISE).execute(db);

  await db.schema.alterTable("offers").addColumn("search_text", "text").execute();
  await db.schema.alterTable("offers").addColumn("search_vector", sql`tsvector`).execute();
  await sql.raw(DOCUMENT_TRIGGER).execute(db);
  await sql`
    create trigger offers_search_document
    before insert or update of name, summary, description, themes, formats on offers
    for each row execute function catalogue_offer_document()`.execute(db);
  await sql`create index offers_search_vector_idx on offers using gin (search_vector)`.execute(db);

  await db.schema
    .createTable("catalogue_terms")
    .addColumn("word", "text", (c) => c.primaryKey())
    .addColumn("ndoc", "integer", (c) => c.notNull())
    .addColumn("lexeme", "text")
    .execute();
  await sql`create index catalogue_terms_trgm_idx on catalogue_terms using gin (word gin_trgm_ops)`.execute(
    db,
  );
  for (const statement of TERMS_TRIGGERS.split(/;\n(?=create )/)) {
    await sql.raw(statement).execute(db);
  }

  // Existing offers: touching `name` fires the document trigger and then the vocabulary trigger.
  await sql`update offers set name = name`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ["insert", "delete", "update"]) {
    await sql.raw(`drop trigger if exists offers_catalogue_terms_${name} on offers`).execute(db);
    await sql.raw(`drop function if exists catalogue_terms_${name}()`).execute(db);
  }
  await sql`drop trigger if exists offers_search_document on offers`.execute(db);
  await sql`drop function if exists catalogue_offer_document()`.execute(db);
  await db.schema.dropTable("catalogue_terms").execute();
  await db.schema.alterTable("offers").dropColumn("search_vector").execute();
  await db.schema.alterTable("offers").dropColumn("search_text").execute();
  await sql`drop function if exists catalogue_normalise(text)`.execute(db);
}
