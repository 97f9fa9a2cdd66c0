import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "#src/config.ts";
import { createDb } from "#src/db/client.ts";
import { hashApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import { createServerDatabase, testDbKind } from "#tests/support/test-db.ts";
import { runTokenCreate, type TokenCreateOptions } from "./token-create.ts";

// `lots token create` as an operator runs it: a separate process on a fresh migrated database.

let database: Awaited<ReturnType<typeof createServerDatabase>>;
const ORG_NUMBER = `559900123${luhnCheckDigit("559900123")}`;

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

beforeAll(async () => {
  database = await createServerDatabase();
  const handle = await openDb();
  try {
    await createOrganisation(handle.db, { slug: "nora-kommun", name: "Nora kommun", type: "municipality" });
    await createOrganisation(handle.db, {
      slug: "testbolaget",
      name: "Testbolaget",
      type: "other",
      orgNumber: ORG_NUMBER,
    });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await database?.cleanup();
});

describe(`lots token create (${testDbKind()})`, () => {
  it("prints only the token on stdout, stores its hash and audits the creation as cli", async () => {
    const bySlug = await lots([
      "token",
      "create",
      "--org",
      "nora-kommun",
      "--role",
      "navigator",
      "--name",
      "Ärendesystem",
    ]);
    expect(bySlug.stderr).toContain("Nora kommun");
    expect(bySlug.code).toBe(0);
    expect(bySlug.stdout).toMatch(/^lots_[a-z0-9]{8}_[A-Za-z0-9_-]{43}\n$/);
    const byNumber = await lots([
      "token",
      "create",
      "--org",
      `${ORG_NUMBER.slice(0, 6)}-${ORG_NUMBER.slice(6)}`,
      "--role",
      "platform-admin",
    ]);
    expect(byNumber.code).toBe(0);
    const plain = await lots(["token", "create", "--org", ORG_NUMBER, "--role", "analyst"]);
    expect(plain.code).toBe(0);

    const handle = await openDb();
    try {
      const rows = await handle.db
        .selectFrom("api_tokens")
        .innerJoin("organisations", "organisations.id", "api_tokens.organisation_id")
        .select([
          "api_tokens.id",
          "api_tokens.name",
          "api_tokens.role",
          "api_tokens.token_hash",
          "organisations.slug",
        ])
        .orderBy("api_tokens.created_at")
        .execute();
      expect(rows.map((r) => [r.slug, r.role])).toEqual([
        ["nora-kommun", "navigator"],
        ["testbolaget", "platform-admin"],
        ["testbolaget", "analyst"],
      ]);
      expect(rows[0]!.name).toBe("Ärendesystem");
      expect(rows[0]!.token_hash).toBe(hashApiToken(bySlug.stdout.trim()));
      expect(rows[1]!.token_hash).toBe(hashApiToken(byNumber.stdout.trim()));
      const audit = await handle.db
        .selectFrom("audit_log")
        .select(["actor_label", "action", "record_type", "record_id"])
        .where("record_type", "=", "api-token")
        .execute();
      expect(audit).toHaveLength(3);
      expect(audit.every((a) => a.actor_label === "cli" && a.action === "create")).toBe(true);
      expect(audit.map((a) => a.record_id).sort()).toEqual(rows.map((r) => r.id).sort());
    } finally {
      await handle.close();
    }
  }, 180_000);

  it("refuses bad input with a clear message and exit code 2, creating nothing", async () => {
    const handle = await openDb();
    const before = await handle.db.selectFrom("api_tokens").select("id").execute();
    await handle.close();
    // The three refusals the issue names, as an operator meets them (each spawn costs seconds)…
    const spawned: [string[], RegExp][] = [
      [["--org", "okand-aktor", "--role", "analyst"], /No organisation has the slug okand-aktor/],
      [["--org", "556036-0794", "--role", "analyst"], /Bad org number "556036-0794"/],
      [["--org", "nora-kommun", "--role", "boss"], /Unknown role "boss"/],
    ];
    for (const [args, message] of spawned) {
      const result = await lots(["token", "create", ...args]);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stdout, args.join(" ")).toBe("");
      expect(result.stderr, args.join(" ")).toMatch(message);
    }
    // …and the rest in-process, through the same function `lots` calls.
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: "", ...database.env });
    const inProcess: [TokenCreateOptions, RegExp][] = [
      [{ org: "Nora Kommun!", role: "analyst" }, /neither an org number .* nor an organisation slug/],
      [{ org: "12345", role: "analyst" }, /Bad org number "12345"/],
      [{ org: "nora-kommun" }, /--role ROLE/],
      [{ role: "analyst" }, /--org ORG/],
      [
        { org: "nora-kommun", role: "analyst", name: "x".repeat(101) },
        /name: the name has at most 100 characters/,
      ],
      [{ org: "556036-0793", role: "analyst" }, /No organisation has the org number 556036-0793/],
    ];
    for (const [options, message] of inProcess) {
      let out = "";
      let err = "";
      const code = await runTokenCreate(config, options, { out: (t) => (out += t), err: (t) => (err += t) });
      expect(code, JSON.stringify(options)).toBe(2);
      expect(out).toBe("");
      expect(err).toMatch(message);
    }
    const after = await openDb();
    try {
      expect(await after.db.selectFrom("api_tokens").select("id").execute()).toHaveLength(before.length);
    } finally {
      await after.close();
    }
  }, 180_000);
});
