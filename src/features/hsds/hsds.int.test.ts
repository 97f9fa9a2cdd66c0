import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { countRows, createTestDb, type TestDb, testDbKind } from "#tests/support/test-db.ts";
import type { HsdsDocument, HsdsService } from "./hsds.schemas.ts";
import { exportHsdsDocument, exportHsdsText, importHsds } from "./hsds.service.ts";

// Issue 4, must-show 2 and 3: the demo catalogue survives HSDS export → import into an empty database →
// export unchanged; malformed documents are refused with every problem listed and nothing written, and
// --skip-invalid writes exactly the valid records.

let source: TestDb;
let target: TestDb;
let exported: HsdsDocument;

beforeAll(async () => {
  [source, target] = await Promise.all([createTestDb(), createTestDb()]);
  await seedDemoData(source.db);
  exported = await exportHsdsDocument(source.db);
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

const services = (document: HsdsDocument) => document.organizations.flatMap((o) => o.services);
const taxonomyOf = (service: HsdsService, name: string) =>
  service.attributes.filter((a) => a.taxonomy_term.taxonomy.name === name);

describe(`HSDS export and import of the demo catalogue (${testDbKind()})`, () => {
  it("exports every organisation and offer with ids, eligibility, themes and contacts", async () => {
    expect(exported.organizations).toHaveLength(await countRows(source.db, "organisations"));
    const all = services(exported);
    expect(all).toHaveLength(await countRows(source.db, "offers"));
    const offerIds = (await source.db.selectFrom("offers").select("id").execute()).map((r) => r.id).sort();
    expect(all.map((s) => s.id).sort()).toEqual(offerIds);
    // The parts the profile defines are all exercised by the demo data.
    expect(all.every((s) => taxonomyOf(s, "lots-need-themes").length > 0)).toBe(true);
    expect(all.every((s) => taxonomyOf(s, "lots-offer-formats").length > 0)).toBe(true);
    expect(all.some((s) => s.service_areas.some((a) => /^urn:scb:lan:18$/.test(a.uri)))).toBe(true);
    expect(all.some((s) => s.service_areas.some((a) => /^urn:scb:kommun:\d{4}$/.test(a.uri)))).toBe(true);
    expect(all.some((s) => taxonomyOf(s, "scb-size-bands").every((a) => a.link_type === "eligibility"))).toBe(
      true,
    );
    expect(all.some((s) => s.contacts.some((c) => c.phones.length > 0 && c.email))).toBe(true);
    expect(all.every((s) => s.cost_options.length > 0)).toBe(true);
    const sample = all.find((s) => s.contacts.length > 0)!;
    const row = await source.db
      .selectFrom("offer_contacts")
      .select(["name", "email", "phone"])
      .where("offer_id", "=", sample.id)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    expect(sample.contacts[0]).toMatchObject({
      name: row.name,
      email: row.email,
      phones: [{ number: row.phone }],
    });
  });

  it("imports into an empty database and exports the same document again; a re-import duplicates nothing", async () => {
    expect(await countRows(target.db, "offers")).toBe(0);
    const text = await exportHsdsText(source.db);
    const first = await importHsds(target.db, CLI_ACTOR, text);
    expect(first.problems).toEqual([]);
    expect(first.imported).toBe(true);
    expect(first.offers.created).toBe(services(exported).length);
    expect(await exportHsdsDocument(target.db)).toEqual(exported);

    const again = await importHsds(target.db, CLI_ACTOR, text);
    expect(again).toMatchObject({ imported: true, offers: { created: 0, updated: 0 } });
    expect(again.organisations.created).toBe(0);
    expect(await countRows(target.db, "offers")).toBe(services(exported).length);
    expect(await countRows(target.db, "organisations")).toBe(exported.organizations.length);
    expect(await exportHsdsDocument(target.db)).toEqual(exported);
  });

  it("updates an offer in place when the document changes it", async () => {
    const changed = structuredClone(exported);
    const service = changed.organizations[0]!.services[0]!;
    service.name = `${service.name} (ny omgång)`;
    service.status = "temporarily closed";
    const report = await importHsds(target.db, CLI_ACTOR, JSON.stringify(changed));
    expect(report.offers).toMatchObject({ created: 0, updated: 1 });
    const row = await target.db
      .selectFrom("offers")
      .select(["name", "status"])
      .where("id", "=", service.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: service.name, status: "paused" });
    const history = await target.db
      .selectFrom("offer_history")
      .select("action")
      .where("offer_id", "=", service.id)
      .execute();
    expect(history.map((h) => h.action)).toEqual(["import", "import"]);
  });
});

/** A small valid document with two organizations and three services, built from the demo export's parts. */
function smallDocument(): HsdsDocument {
  const [a, b] = exported.organizations.filter((o) => o.services.length >= 2);
  return {
    organizations: [
      { ...structuredClone(a!), services: structuredClone(a!.services.slice(0, 2)) },
      { ...structuredClone(b!), services: structuredClone(b!.services.slice(0, 1)) },
    ],
  };
}

describe(`HSDS import of malformed documents (${testDbKind()})`, () => {
  let empty: TestDb;
  beforeAll(async () => {
    empty = await createTestDb();
  });
  afterAll(async () => {
    await empty?.close();
  });

  async function nothingWritten() {
    expect(await countRows(empty.db, "offers")).toBe(0);
    expect(await countRows(empty.db, "organisations")).toBe(0);
  }

  it("reports bad JSON with its line and column", async () => {
    const text = '{\n  "organizations": [\n    {"id": "x", "name": "Almi",}\n  ]\n}\n';
    const report = await importHsds(empty.db, CLI_ACTOR, text);
    expect(report.imported).toBe(false);
    expect(report.problems).toEqual([
      { path: "(file)", message: expect.stringMatching(/^not valid JSON: line 3, column 32: /) },
    ]);
    const truncated = await importHsds(empty.db, CLI_ACTOR, '{"organizations": [');
    expect(truncated.problems[0]!.message).toMatch(/line 1, column 20: the document ends too early/);
    await nothingWritten();
  });

  it("lists every problem with its path and imports nothing; --skip-invalid imports only the valid records", async () => {
    const document = smallDocument();
    const [first, second] = document.organizations;
    const theme = first!.services[0]!.attributes.findIndex(
      (a) => a.taxonomy_term.taxonomy.name === "lots-need-themes",
    );
    first!.services[0]!.attributes[theme]!.taxonomy_term.code = "finans";
    first!.services[0]!.service_areas.push({
      id: "0d3c2a8e-7b6f-4e5d-8c9b-1a2b3c4d5e6f",
      service_id: first!.services[0]!.id,
      name: "Ingenstans",
      uri: "urn:scb:kommun:9999",
    });
    // biome-ignore lint/suspicious/noExplicitAny: a document with a field missing, as a partner might send
    delete (second as any).name;
    const valid = first!.services[1]!;

    const refused = await importHsds(empty.db, CLI_ACTOR, JSON.stringify(document));
    expect(refused.imported).toBe(false);
    expect(refused.problems).toEqual([
      {
        path: `organizations[0].services[0].service_areas[${first!.services[0]!.service_areas.length - 1}].uri`,
        message: 'no municipality has the code "9999"',
      },
      { path: `organizations[0].services[0].attributes[${theme}]`, message: 'unknown theme "finans"' },
      { path: "organizations[1].name", message: "missing name" },
    ]);
    await nothingWritten();

    const skipped = await importHsds(empty.db, CLI_ACTOR, JSON.stringify(document), { skipInvalid: true });
    expect(skipped.imported).toBe(true);
    expect(skipped.problems).toHaveLength(3);
    expect(skipped.rejected).toEqual([
      "organizations[0].services[0]",
      "organizations[1]",
      "organizations[1].services[0]",
    ]);
    const offers = await empty.db.selectFrom("offers").select("id").execute();
    expect(offers.map((o) => o.id)).toEqual([valid.id]);
    const organisations = await empty.db.selectFrom("organisations").select("id").execute();
    expect(organisations.map((o) => o.id)).toEqual([first!.id]);
  });

  it("refuses unknown formats, bad SNI codes, a wrong link type and a service without a name", async () => {
    const document = smallDocument();
    const service = document.organizations[1]!.services[0]!;
    const format = service.attributes.findIndex(
      (a) => a.taxonomy_term.taxonomy.name === "lots-offer-formats",
    );
    service.attributes[format]!.taxonomy_term.code = "workshop";
    const sniTerm = { ...service.attributes[format]!.taxonomy_term };
    sniTerm.taxonomy = { ...sniTerm.taxonomy, name: "sni2007" };
    service.attributes.push(
      { ...service.attributes[format]!, link_type: "eligibility", taxonomy_term: { ...sniTerm, code: "04" } },
      { ...service.attributes[format]!, link_type: "about", taxonomy_term: { ...sniTerm, code: "C" } },
    );
    // biome-ignore lint/suspicious/noExplicitAny: a field missing, as a partner might send it
    delete (document.organizations[0]!.services[1] as any).name;
    const report = await importHsds(empty.db, CLI_ACTOR, JSON.stringify(document), { dryRun: true });
    const at = service.attributes.length;
    expect(report.problems).toEqual([
      { path: "organizations[0].services[1].name", message: "missing name" },
      { path: `organizations[1].services[0].attributes[${format}]`, message: 'unknown format "workshop"' },
      {
        path: `organizations[1].services[0].attributes[${at - 2}]`,
        message: 'unknown SNI 2007 code "04" (a section letter A–U or a division like 25)',
      },
      {
        path: `organizations[1].services[0].attributes[${at - 1}].link_type`,
        message: 'must be "eligibility" for sni2007 (is "about")',
      },
      // Its only format was the unknown one, so the offer has none left.
      {
        path: "organizations[1].services[0].attributes (lots-offer-formats)",
        message: "give at least one format",
      },
    ]);
    expect(report.imported).toBe(false);
  });
});
