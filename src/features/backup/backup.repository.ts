import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";

// The catalogue questions backup and restore ask. They read pg_catalog, never Lots' own types, so a table a
// later migration adds is backed up without anyone remembering to list it here.

/** Kysely's migration bookkeeping: its names go in the header, its rows are never restored. */
export const MIGRATION_TABLES = ["lots_migrations", "lots_migrations_lock"] as const;

/** One data table as the catalogue describes it. */
export type TableInfo = {
  name: string;
  /** Every column in table order (generated columns included: they are part of the checksum). */
  columns: string[];
  /** Columns a restore writes: all but generated ones, which the database computes again. */
  insertColumns: string[];
  /** Primary-key columns with whether each is collatable (text orders by "C" so both databases agree). */
  primaryKey: { name: string; collatable: boolean }[];
  /** Whether a foreign key points back at the table itself (meetings.cloned_from): restored in one statement. */
  selfReferencing: boolean;
  /** Whether the table has user triggers, switched off while restoring (see docs/reliability.md). */
  hasTriggers: boolean;
};

/** A sequence's state, restored with setval so new ids continue after the restored ones. */
export type SequenceState = { name: string; lastValue: number; isCalled: boolean };

/** Quotes an identifier for SQL built from catalogue names (never from user input). */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Every table of the public schema except Kysely's migration tables, ordered so that a table comes after the
 * tables its foreign keys point to (ties by name). Throws on a foreign-key cycle between tables, which no
 * insert order could satisfy.
 */
export async function listDataTables(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{
    name: string;
    columns: string[];
    generated: string[];
    pk: string[] | null;
    pk_collatable: boolean[] | null;
    has_triggers: boolean;
  }>`
    select c.relname as name,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped order by a.attnum) as columns,
      array(select a.attname::text from pg_attribute a
            where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated <> ''
            order by a.attnum) as generated,
      (select array_agg(a.attname::text order by k.ord) from pg_index i
         cross join unnest(i.indkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
         where i.indrelid = c.oid and i.indisprimary) as pk,
      (select array_agg(t.typcollation <> 0 order by k.ord) from pg_index i
         cross join unnest(i.indkey) with ordinality as k(attnum, ord)
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
         join pg_type t on t.oid = a.atttypid
         where i.indrelid = c.oid and i.indisprimary) as pk_collatable,
      exists(select 1 from pg_trigger g where g.tgrelid = c.oid and not g.tgisinternal) as has_triggers
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const edges = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
      join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and n.nspname = 'public'`.execute(db);

  const byName = new Map<string, TableInfo>();
  for (const t of tables.rows) {
    if ((MIGRATION_TABLES as readonly string[]).includes(t.name)) continue;
    byName.set(t.name, {
      name: t.name,
      columns: t.columns,
      insertColumns: t.columns.filter((c) => !t.generated.includes(c)),
      primaryKey: (t.pk ?? []).map((name, i) => ({ name, collatable: t.pk_collatable?.[i] ?? false })),
      selfReferencing: false,
      hasTriggers: t.has_triggers,
    });
  }
  const parents = new Map<string, Set<string>>([...byName.keys()].map((name) => [name, new Set<string>()]));
  for (const { child, parent } of edges.rows) {
    if (!byName.has(child) || !byName.has(parent)) continue;
    if (child === parent) (byName.get(child) as TableInfo).selfReferencing = true;
    else parents.get(child)?.add(parent);
  }
  return topologicalOrder([...byName.keys()], parents).map((name) => byName.get(name) as TableInfo);
}

/** Kahn's algorithm with names sorted at each step, so the order is the same on every database. */
function topologicalOrder(names: string[], parents: Map<string, Set<string>>): string[] {
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...(parents.get(n) ?? [])].every((p) => done.has(p)));
    if (ready.length === 0) {
      const left = names.filter((n) => !done.has(n));
      throw new Error(`Foreign keys form a cycle between: ${left.join(", ")}`);
    }
    for (const name of ready.sort()) {
      done.add(name);
      order.push(name);
    }
  }
  return order;
}

/** The names of the applied migrations, oldest first; the last one is the database's migration level. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const exists = await sql<{
    ok: boolean;
  }>`select to_regclass('public.lots_migrations') is not null as ok`.execute(db);
  if (!exists.rows[0]?.ok) return [];
  const rows = await sql<{ name: string }>`select name from lots_migrations order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Every sequence of the public schema with its current state (sequences are not transactional). */
export async function readSequences(db: Db): Promise<SequenceState[]> {
  const names = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'S' order by c.relname`.execute(db);
  const states: SequenceState[] = [];
  for (const { name } of names.rows) {
    const row = await sql<{ last_value: string | number; is_called: boolean }>`
      select last_value, is_called from ${sql.raw(`public.${quoteIdent(name)}`)}`.execute(db);
    const state = row.rows[0];
    if (state) states.push({ name, lastValue: Number(state.last_value), isCalled: state.is_called });
  }
  return states;
}

/** Sets a sequence to a restored state. */
export async function writeSequence(db: Db, state: SequenceState): Promise<void> {
  await sql`select setval(${`public.${quoteIdent(state.name)}`}::regclass, ${state.lastValue}::bigint, ${state.isCalled})`.execute(
    db,
  );
}

/**
 * The SELECT that yields a table's rows as their JSON text in primary-key order: the text that is written to
 * the file and hashed. Text keys order by "C" so PGlite and PostgreSQL (whatever their collation) agree;
 * a table without a primary key orders by the row text itself.
 */
export function rowsAsJsonQuery(table: TableInfo): string {
  const order = table.primaryKey.length
    ? table.primaryKey.map((k) => `t.${quoteIdent(k.name)}${k.collatable ? ' collate "C"' : ""}`).join(", ")
    : `1 collate "C"`;
  return `select to_jsonb(t)::text as j from public.${quoteIdent(table.name)} t order by ${order}`;
}

/** Opens a cursor over `query` inside the caller's transaction and yields its rows `batchSize` at a time. */
export async function* fetchInBatches(
  trx: Db,
  query: string,
  batchSize: number,
): AsyncGenerator<string[], void, void> {
  const cursor = `lots_backup_${Math.random().toString(36).slice(2, 10)}`;
  await sql.raw(`declare ${cursor} no scroll cursor for ${query}`).execute(trx);
  try {
    for (;;) {
      const batch = await sql.raw<{ j: string }>(`fetch ${batchSize} from ${cursor}`).execute(trx);
      if (batch.rows.length === 0) return;
      yield batch.rows.map((r) => r.j);
    }
  } finally {
    await sql.raw(`close ${cursor}`).execute(trx);
  }
}

/** Inserts rows given as JSON object texts; the database converts every value from its JSON form. */
export async function insertJsonRows(
  trx: Db,
  table: TableInfo,
  rows: string[],
  into?: string,
): Promise<void> {
  const columns = table.insertColumns.map(quoteIdent).join(", ");
  const target = into ?? `public.${quoteIdent(table.name)}`;
  await sql`insert into ${sql.raw(target)} (${sql.raw(columns)}) overriding system value
    select ${sql.raw(columns)} from jsonb_populate_recordset(null::${sql.raw(`public.${quoteIdent(table.name)}`)}, ${`[${rows.join(",")}]`}::jsonb)`.execute(
    trx,
  );
}

/** Whether any row exists in the table. */
export async function hasRows(db: Db, table: string): Promise<boolean> {
  const result = await sql<{
    ok: boolean;
  }>`select exists(select 1 from ${sql.raw(`public.${quoteIdent(table)}`)}) as ok`.execute(db);
  return result.rows[0]?.ok ?? false;
}
