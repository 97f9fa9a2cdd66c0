import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#src/db/client.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import { createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import { searchCatalogue } from "./catalogue.service.ts";

// The in-memory index must never serve a catalogue older than the database: every writer, services or
// plain SQL, moves catalogue_state.version, and every search compares it.

let testDb: TestDb;
let organisationId: string;

const search = (q: string) => searchCatalogue(testDb.db, { q, pageSize: 50 }, "sv");

beforeAll(async () => {
  testDb = await createTestDb();
  organisationId = (
    await createOrganisation(testDb.db, {
      slug: "forskarparken",
      name: "Forskarparken",
      type: "science-park",
    })
  ).id;
});
afterAll(async () => {
  await testDb?.close();
});

async function insertOffer(db: typeof testDb.db, slug: string, name: string): Promise<string> {
  const result = await sql<{ id: string }>`
    insert into offers (organisation_id, slug, name, summary, description, themes, formats, cost_type)
    values (${organisationId}, ${slug}, ${name}, 'Sammanfattning', 'Beskrivning', '{}', '{}', 'free')
    returning id`.execute(db);
  return result.rows[0]!.id;
}

describe("catalogue index freshness", () => {
  it("sees offers written with plain SQL, status changes, and renamed organisations at once", async () => {
    expect((await search("kvantdatorer")).total).toBe(0);
    const id = await insertOffer(testDb.db, "kvant", "Kvantdatorer för småföretag");
    const found = await search("kvantdatorer");
    expect(found.items.map((i) => i.id)).toEqual([id]);
    expect(found.items[0]!.organisationName).toBe("Forskarparken");

    await sql`update organisations set name = 'Forskarparken Örebro' where id = ${organisationId}`.execute(
      testDb.db,
    );
    expect((await search("kvantdatorer")).items[0]!.organisationName).toBe("Forskarparken Örebro");

    await sql`update offers set status = 'paused' where id = ${id}`.execute(testDb.db);
    expect((await search("kvantdatorer")).total).toBe(0);
    await sql`update offers set status = 'active', valid_to = current_date - 1 where id = ${id}`.execute(
      testDb.db,
    );
    expect((await search("kvantdatorer")).total).toBe(0);
    await sql`delete from offers where id = ${id}`.execute(testDb.db);
    expect((await search("kvantdatorer")).total).toBe(0);
  });

  it("answers concurrent searches right after a change from one fresh index", async () => {
    const id = await insertOffer(testDb.db, "fusion", "Fusionsenergi i industrin");
    const results = await Promise.all(Array.from({ length: 8 }, () => search("fusionsenergi")));
    for (const result of results) expect(result.items.map((i) => i.id)).toEqual([id]);
  });

  // Only PostgreSQL has other processes: a PGlite data directory is opened by one process alone.
  if (testDbKind() !== "postgres") return;
  it("sees what another process wrote to the same PostgreSQL database", async () => {
    expect((await search("vätgas")).total).toBe(0);
    const other = await createDb({
      databaseUrl: testDb.databaseUrl!,
      dataDir: testDb.dataDir ?? "/tmp",
      poolSize: 1,
    });
    try {
      const id = await insertOffer(other.db, "vatgas", "Vätgas för transporter");
      expect((await search("vätgas")).items.map((i) => i.id)).toEqual([id]);
      await sql`update offers set name = 'Vätgas och el för transporter' where id = ${id}`.execute(other.db);
      expect((await search("vätgas")).items[0]!.name).toBe("Vätgas och el för transporter");
    } finally {
      await other.close();
    }
  });
});
