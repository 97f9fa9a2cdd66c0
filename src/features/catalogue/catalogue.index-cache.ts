import type { Db } from "#src/db/client.ts";
import { buildCatalogueIndex, type CatalogueIndex } from "./catalogue.index.ts";
import * as repository from "./catalogue.repository.ts";
import { SYNONYM_GROUPS } from "./catalogue.search.synonyms.ts";

// One index per database handle, rebuilt when catalogue_state.version moves past it. Keyed by the Db
// object (a WeakMap, so a closed test database takes its index with it): no process-wide singleton, and
// each process on a shared PostgreSQL checks the version on every search. Concurrent searches that find
// the index stale share one load.

type Entry = { index?: CatalogueIndex; loading?: Promise<CatalogueIndex> };

const entries = new WeakMap<Db, Entry>();
const SYNONYM_WORDS = [...new Set(SYNONYM_GROUPS.flat())];

const newer = (a: string, b: string) => BigInt(a) >= BigInt(b);

async function load(db: Db, entry: Entry): Promise<CatalogueIndex> {
  if (!entry.loading) {
    entry.loading = repository
      .loadSnapshot(db, SYNONYM_WORDS)
      .then(buildCatalogueIndex)
      .then((index) => {
        if (!entry.index || newer(index.version, entry.index.version)) entry.index = index;
        return index;
      })
      .finally(() => {
        entry.loading = undefined;
      });
  }
  return entry.loading;
}

/**
 * The catalogue index for this database, at `version` or newer (the version comes from the same round
 * trip as the query's words, see repository.lookupWords).
 */
export async function catalogueIndex(db: Db, version: string): Promise<CatalogueIndex> {
  let entry = entries.get(db);
  if (!entry) {
    entry = {};
    entries.set(db, entry);
  }
  if (entry.index && newer(entry.index.version, version)) return entry.index;
  const loaded = await load(db, entry);
  // A load that began before the change may carry an older version: load once more.
  return newer(loaded.version, version) ? loaded : load(db, entry);
}
