import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";
import {
  createOrganisationAs,
  findOrganisationByReference,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
} from "./organisations.service.ts";

// Organisations as the platform admin and org-admins manage them (the demo seed's path is in
// offers.int.test.ts and demo.int.test.ts).

const ORG_NUMBER = `559900456${luhnCheckDigit("559900456")}`;

let testDb: TestDb;
let db: TestDb["db"];
let almi: string;
let nora: string;
let platformAdmin: UserActor;
let almiAdmin: UserActor;
let almiNavigator: UserActor;

beforeAll(async () => {
  testDb = await createTestDb();
  db = testDb.db;
  const region = await makeOrganisation(db, "Region", "region");
  almi = await makeOrganisation(db, "Almi", "business-finance");
  nora = await makeOrganisation(db, "Nora kommun", "municipality");
  platformAdmin = await makeUser(db, "pa@region.example", [[region, "platform-admin"]]);
  almiAdmin = await makeUser(db, "oa@almi.example", [[almi, "org-admin"]]);
  almiNavigator = await makeUser(db, "nav@almi.example", [[almi, "navigator"]]);
});
afterAll(async () => {
  await testDb?.close();
});

describe("organisations for the platform admin and org-admins", () => {
  it("lists all organisations for the platform admin and their own for others", async () => {
    expect((await listOrganisationsFor(db, platformAdmin)).length).toBeGreaterThanOrEqual(3);
    expect((await listOrganisationsFor(db, almiNavigator)).map((o) => o.id)).toEqual([almi]);
    expect(await listOrganisationsFor(db, { kind: "anonymous" })).toEqual([]);
  });

  it("shows one organisation to its members and the platform admin only", async () => {
    expect((await getOrganisation(db, almiNavigator, almi)).name).toBe("Almi");
    await expect(getOrganisation(db, almiNavigator, nora)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getOrganisation(db, platformAdmin, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets only the platform admin create, with a slug from the name, audited", async () => {
    await expect(
      createOrganisationAs(db, almiAdmin, { name: "Ny aktör", type: "other" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const created = await createOrganisationAs(
      db,
      platformAdmin,
      { name: "Örebro Företagscenter", type: "other", orgNumber: ORG_NUMBER },
      { requestId: "req-org-1" },
    );
    expect(created.slug).toBe("orebro-foretagscenter");
    expect(created.orgNumber).toBe(ORG_NUMBER);
    const again = await createOrganisationAs(db, platformAdmin, {
      name: "Örebro företagscenter",
      type: "other",
    });
    expect(again.slug).toBe("orebro-foretagscenter-2");
    await expect(
      createOrganisationAs(db, platformAdmin, { name: "Dubblett", type: "other", orgNumber: ORG_NUMBER }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("request_id", "=", "req-org-1")
      .execute();
    expect(audit).toMatchObject([
      {
        action: "create",
        record_type: "organisation",
        record_id: created.id,
        actor_user_id: platformAdmin.userId,
      },
    ]);
    expect(
      (await findOrganisationByReference(db, `${ORG_NUMBER.slice(0, 6)}-${ORG_NUMBER.slice(6)}`))?.id,
    ).toBe(created.id);
    expect((await findOrganisationByReference(db, "orebro-foretagscenter-2"))?.id).toBe(again.id);
    expect(await findOrganisationByReference(db, "finns-inte")).toBeUndefined();
  });

  it("lets the platform admin change every field and audits which fields changed", async () => {
    const updated = await updateOrganisation(
      db,
      platformAdmin,
      nora,
      {
        name: "Nora kommun (näringsliv)",
        type: "municipality",
        municipalityCodes: ["1884"],
        website: "https://www.nora.se",
      },
      { requestId: "req-org-2" },
    );
    expect(updated).toMatchObject({
      name: "Nora kommun (näringsliv)",
      municipalityCodes: ["1884"],
      website: "https://www.nora.se",
    });
    const [entry] = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("request_id", "=", "req-org-2")
      .execute();
    expect(entry).toMatchObject({
      action: "update",
      record_type: "organisation",
      record_id: nora,
      organisation_id: nora,
    });
    expect(entry!.details).toEqual({ fields: ["name", "municipalityCodes", "website"] });
    await expect(updateOrganisation(db, platformAdmin, nora, { orgNumber: "123" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      updateOrganisation(db, platformAdmin, nora, { municipalityCodes: ["9999"] }),
    ).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("lets an org-admin change their own organisation's description and website only", async () => {
    const updated = await updateOrganisation(db, almiAdmin, almi, {
      descriptionSv: "Lån och rådgivning.",
      website: "https://www.almi.se",
    });
    expect(updated).toMatchObject({ descriptionSv: "Lån och rådgivning.", website: "https://www.almi.se" });
    await expect(updateOrganisation(db, almiAdmin, almi, { name: "Almi AB" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateOrganisation(db, almiAdmin, nora, { descriptionSv: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(updateOrganisation(db, almiNavigator, almi, { descriptionSv: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await getOrganisation(db, almiAdmin, almi)).name).toBe("Almi");
  });
});
