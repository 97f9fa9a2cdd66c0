import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#src/db/client.ts";
import { verifyPassword } from "#src/features/auth/passwords.ts";
import { createOrganisation } from "#src/features/organisations/organisations.service.ts";
import { createServerDatabase, testDbKind } from "#tests/support/test-db.ts";

// `lots admin create` as an operator runs it: a separate process on a fresh migrated database, with the
// password piped in (--password-stdin) or typed at a real terminal (util-linux `script` gives it one).

let database: Awaited<ReturnType<typeof createServerDatabase>>;
const GOOD = "ett långt och bra lösenord";

function openDb() {
  return createDb({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR ?? "" });
}

function childEnv() {
  return { ...process.env, NODE_ENV: "test" as const, LOG_LEVEL: "warn", DATABASE_URL: "", ...database.env };
}

function lots(
  args: string[],
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/lots.mjs", ...args], {
      env: childEnv(),
      stdio: [stdin === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr!.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

/** Runs the command at a pseudo-terminal and types each answer once its prompt has appeared. */
function lotsAtTerminal(args: string[], answers: string[]): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, "bin/lots.mjs", ...args]
    .map((a) => `'${a.replace(/'/g, "'\\''")}'`)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      env: childEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = 0;
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      const prompts = output.match(/Password: |Repeat the password: /g)?.length ?? 0;
      while (answered < prompts && answered < answers.length) child.stdin.write(`${answers[answered++]}\r`);
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function adminRows(email: string) {
  const handle = await openDb();
  try {
    const user = await handle.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirst();
    const memberships = user
      ? await handle.db
          .selectFrom("memberships")
          .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
          .select(["memberships.role", "organisations.slug"])
          .where("user_id", "=", user.id)
          .execute()
      : [];
    const audit = user
      ? await handle.db
          .selectFrom("audit_log")
          .selectAll()
          .where("record_id", "=", user.id)
          .orderBy("id")
          .execute()
      : [];
    return { user, memberships, audit };
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  database = await createServerDatabase();
  const handle = await openDb();
  try {
    await createOrganisation(handle.db, {
      slug: "region-orebro-lan",
      name: "Region Örebro län",
      type: "region",
    });
    await createOrganisation(handle.db, { slug: "almi-malardalen", name: "Almi", type: "business-finance" });
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await database?.cleanup();
});

describe(`lots admin create (${testDbKind()})`, () => {
  it("creates a platform admin in the only region from a password on stdin, audited as cli", {
    timeout: 120_000,
  }, async () => {
    const result = await lots(
      ["admin", "create", "Chef@Example.se", "--name", "Karin Chef", "--password-stdin"],
      `${GOOD}\nignored\n`,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created the platform admin chef@example.se in Region Örebro län");
    const { user, memberships, audit } = await adminRows("chef@example.se");
    expect(user).toMatchObject({ name: "Karin Chef", status: "active" });
    expect(await verifyPassword(user!.password_hash, GOOD)).toBe(true);
    expect(memberships).toEqual([{ role: "platform-admin", slug: "region-orebro-lan" }]);
    expect(audit).toMatchObject([
      { action: "create", record_type: "user", actor_label: "cli", actor_user_id: null },
    ]);
  });

  it("promotes an existing account with --org, setting the new password", { timeout: 120_000 }, async () => {
    const handle = await openDb();
    try {
      await handle.db
        .insertInto("users")
        .values({ email: "befintlig@example.se", name: "Bo", status: "invited" })
        .execute();
    } finally {
      await handle.close();
    }
    const result = await lots(
      ["admin", "create", "befintlig@example.se", "--org", "almi-malardalen", "--password-stdin"],
      `${GOOD}\n`,
    );
    expect(result.code).toBe(0);
    const { user, memberships, audit } = await adminRows("befintlig@example.se");
    expect(user).toMatchObject({ name: "Bo", status: "active" });
    expect(await verifyPassword(user!.password_hash, GOOD)).toBe(true);
    expect(memberships).toEqual([{ role: "platform-admin", slug: "almi-malardalen" }]);
    expect(audit.at(-1)).toMatchObject({ action: "update", actor_label: "cli" });
  });

  it("refuses bad input with a clear message and exit code 2, changing nothing", {
    timeout: 180_000,
  }, async () => {
    // These are refused before the database is opened, so they may run side by side.
    const early: [string[], string | undefined, RegExp][] = [
      [["admin", "create", "inte-en-adress", "--password-stdin"], `${GOOD}\n`, /is not an e-mail address/],
      [["admin", "create", "--password-stdin"], `${GOOD}\n`, /exactly one e-mail address/],
      [["admin", "create", "kort@example.se", "--password-stdin"], "kort\n", /at least 12 characters/],
      [["admin", "create", "tom@example.se", "--password-stdin"], "\n", /No password given/],
      [["admin", "create", "ingen-tty@example.se"], undefined, /no terminal to ask for the password/i],
    ];
    const results = await Promise.all(early.map(([args, stdin]) => lots(args, stdin)));
    results.forEach((result, i) => {
      const [args, , message] = early[i]!;
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.code, args.join(" ")).toBe(2);
    });
    const unknownOrg = await lots(
      ["admin", "create", "okand@example.se", "--org", "finns-inte", "--password-stdin"],
      `${GOOD}\n`,
    );
    expect(unknownOrg.stderr).toMatch(/No organisation has the slug or org number "finns-inte"/);
    expect(unknownOrg.code).toBe(2);
    for (const email of ["kort@example.se", "tom@example.se", "ingen-tty@example.se", "okand@example.se"]) {
      expect((await adminRows(email)).user).toBeUndefined();
    }
  });

  // `script` (util-linux) gives the command a real terminal; CI must have it, so there it is never skipped.
  it.skipIf(!existsSync("/usr/bin/script") && process.env.CI !== "true")(
    "asks twice at a terminal without echoing, and refuses two different passwords",
    { timeout: 180_000 },
    async () => {
      const typed = "hemligt-och-långt-1";
      const mismatch = await lotsAtTerminal(
        ["admin", "create", "tty@example.se"],
        [typed, "något annat helt"],
      );
      expect(mismatch.output).toContain("The two passwords differ");
      expect(mismatch.code).toBe(2);
      expect((await adminRows("tty@example.se")).user).toBeUndefined();

      const ok = await lotsAtTerminal(["admin", "create", "tty@example.se"], [typed, typed]);
      expect(ok.output).toContain("Created the platform admin tty@example.se");
      expect(ok.output).not.toContain(typed);
      expect(ok.code).toBe(0);
      expect(await verifyPassword((await adminRows("tty@example.se")).user!.password_hash, typed)).toBe(true);
    },
  );

  it("asks for --org when there is not exactly one region", { timeout: 120_000 }, async () => {
    const handle = await openDb();
    try {
      await createOrganisation(handle.db, { slug: "region-tva", name: "Region Två", type: "region" });
    } finally {
      await handle.close();
    }
    const result = await lots(["admin", "create", "vilken@example.se", "--password-stdin"], `${GOOD}\n`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--org ORG/);
    expect(result.stderr).toContain("region-tva");
  });
});
