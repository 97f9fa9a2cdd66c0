import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#src/db/client.ts";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import { exportHsdsDocument } from "#src/features/hsds/hsds.service.ts";
import { countRows, createServerDatabase, createTestDb, testDbKind } from "#tests/support/test-db.ts";

// `lots import hsds` and `lots export hsds` as an operator runs them: separate processes on a fresh
// migrated database without demo data, fed the demo catalogue's export.

let database: Awaited<ReturnType<typeof createServerDatabase>>;
let workDir: string;
// biome-ignore lint/suspicious/noExplicitAny: a document the test edits freely
let demo: any;

function openDb() {
  return createDb({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR ?? "" });
}

function lots(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/lots.mjs", ...args], {
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", DATABASE_URL: "", ...database.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function writeDocument(name: string, document: unknown): string {
  const file = path.join(workDir, name);
  writeFileSync(file, typeof document === "string" ? document : JSON.stringify(document, null, 2));
  return file;
}

async function counts() {
  const handle = await openDb();
  try {
    return {
      offers: await countRows(handle.db, "offers"),
      organisations: await countRows(handle.db, "organisations"),
    };
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), "lots-hsds-"));
  const source = await createTestDb();
  try {
    await seedDemoData(source.db);
    demo = await exportHsdsDocument(source.db);
  } finally {
    await source.close();
  }
  database = await createServerDatabase();
}, 120_000);
afterAll(async () => {
  await database?.cleanup();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe(`lots import/export hsds (${testDbKind()})`, () => {
  it("refuses a malformed file listing every problem, then imports its valid part with --skip-invalid", async () => {
    const badJson = await lots([
      "import",
      "hsds",
      writeDocument("bad.json", '{"organizations": [\n  {"id": 1,,}\n]}'),
    ]);
    expect(badJson.code).toBe(1);
    expect(badJson.stderr).toMatch(
      /^\(file\): not valid JSON: line 2, column 12: expected a property name in double quotes/m,
    );

    const broken = structuredClone(demo);
    broken.organizations[0].services[0].attributes[0].taxonomy_term.code = "finans";
    broken.organizations[1].services[0].service_areas.push({
      id: "x",
      name: "Ingenstans",
      uri: "urn:scb:kommun:0001",
    });
    delete broken.organizations[2].name;
    const file = writeDocument("broken.json", broken);
    const refused = await lots(["import", "hsds", file]);
    expect(refused.code).toBe(1);
    const area = broken.organizations[1].services[0].service_areas.length - 1;
    expect(refused.stderr).toContain('organizations[0].services[0].attributes[0]: unknown theme "finans"\n');
    expect(refused.stderr).toContain(
      `organizations[1].services[0].service_areas[${area}].uri: no municipality has the code "0001"\n`,
    );
    expect(refused.stderr).toContain("organizations[2].name: missing name\n");
    expect(refused.stderr).toMatch(/3 problems: nothing was imported/);
    expect(await counts()).toEqual({ offers: 0, organisations: 0 });

    const skipped = await lots(["import", "hsds", file, "--skip-invalid"]);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toMatch(/left out \(--skip-invalid\):\n {2}organizations\[0\]\.services\[0\]\n/);
    const servicesTotal = demo.organizations.reduce(
      (n: number, o: { services: unknown[] }) => n + o.services.length,
      0,
    );
    const expected = servicesTotal - 2 - broken.organizations[2].services.length;
    expect(skipped.stderr).toContain(`Imported ${expected} of ${expected} services.`);
    expect(await counts()).toEqual({ offers: expected, organisations: demo.organizations.length - 1 });
  }, 240_000);

  it("imports the demo export into the database and exports the same document", async () => {
    const file = writeDocument("demo.json", demo);
    const imported = await lots(["import", "hsds", file]);
    expect(imported.stderr).not.toMatch(/problem/);
    expect(imported.code).toBe(0);
    // The first test left all but three records in; this run adds exactly those.
    const added = 2 + demo.organizations[2].services.length;
    expect(imported.stdout).toContain(
      `Imported: organisations 1 new, ${demo.organizations.length - 1} updated; offers ${added} new,`,
    );
    const out = path.join(workDir, "out.json");
    const exported = await lots(["export", "hsds", out]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(demo);
    expect((await lots(["export", "hsds"])).code).toBe(2);
  }, 240_000);
});
