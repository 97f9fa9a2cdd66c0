import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigrator, migrateToLatest } from "#src/db/migrate.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import { getOffer } from "./offers.service.ts";

// The 0600 migration turns an offer's one contact (four columns) into the first of a list, without losing a
// contact that has only an address, and adds "verified by" and the history table.

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb?.close();
});

describe("migration 2026-11-28T0600_offer_contacts_history", () => {
  it("moves the old contact columns into offer_contacts and back down again", async () => {
    const organisationId = await makeOrganisation(testDb.db, "Migrationsbolaget");
    const migrator = createMigrator(testDb.db);
    const down = await migrator.migrateTo("2026-11-28T0520_mail_delivery");
    expect(down.error).toBeUndefined();

    const insert = (slug: string, name: string | null, email: string | null) =>
      sql<{ id: string }>`
        insert into offers (organisation_id, slug, name, summary, description, formats, themes, cost_type,
          contact_name, contact_title, contact_email, contact_phone)
        values (${organisationId}, ${slug}, 'Rådgivning', 'En sammanfattning.', 'En beskrivning.',
          '{advice}', '{financing}', 'free', ${name}, 'Rådgivare', ${email}, '070-174 06 50')
        returning id`.execute(testDb.db);
    const named = (await insert("med-namn", "Eva Berg", "eva@nora.example")).rows[0]!.id;
    const unnamed = (await insert("utan-namn", null, "info@nora.example")).rows[0]!.id;
    const none = (
      await sql<{ id: string }>`
        insert into offers (organisation_id, slug, name, summary, description, formats, themes, cost_type)
        values (${organisationId}, 'ingen-kontakt', 'Kurs', 'En sammanfattning.', 'En beskrivning.',
          '{course}', '{training}', 'free') returning id`.execute(testDb.db)
    ).rows[0]!.id;

    await migrateToLatest(testDb.db);
    expect((await getOffer(testDb.db, named)).contacts).toEqual([
      { name: "Eva Berg", title: "Rådgivare", email: "eva@nora.example", phone: "070-174 06 50" },
    ]);
    expect((await getOffer(testDb.db, unnamed)).contacts).toEqual([
      { name: "info@nora.example", title: "Rådgivare", email: "info@nora.example", phone: "070-174 06 50" },
    ]);
    expect(await getOffer(testDb.db, none)).toMatchObject({ contacts: [], lastVerifiedBy: null });

    expect((await migrator.migrateTo("2026-11-28T0520_mail_delivery")).error).toBeUndefined();
    const { rows } = await sql<{ contact_name: string | null; contact_email: string | null }>`
      select contact_name, contact_email from offers where id = ${named}`.execute(testDb.db);
    expect(rows).toEqual([{ contact_name: "Eva Berg", contact_email: "eva@nora.example" }]);
    await migrateToLatest(testDb.db);
  });
});
