import { type ChildProcess, spawn } from "node:child_process";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "#src/db/client.ts";
import { hasPendingMigrations } from "#src/db/migrate.ts";
import { createServerDatabase, testDbKind } from "#tests/support/test-db.ts";

// Process-level behaviour of the real server: one process per PGlite data directory, and a clean
// shutdown on SIGTERM that loses nothing it acknowledged.

type Started = { child: ChildProcess; url: string; output: () => string; exited: Promise<number | null> };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function startProcess(script: string, args: string[], env: Record<string, string>): Started {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: "0",
      LOG_LEVEL: "info",
      SEED_DEMO_ON_FIRST_START: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, url: "", output: () => output, exited };
}

async function waitForUrl(started: Started, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const match = started.output().match(pattern);
    if (match?.[1]) return match[1];
    if (started.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The server did not start:\n${started.output()}`);
}

describe(`the server process (${testDbKind()})`, () => {
  it("finishes in-flight requests on SIGTERM, exits 0, and keeps every acknowledged write", async () => {
    const database = await createServerDatabase();
    try {
      const server = startProcess("tests/support/probe-server.ts", [], database.env);
      const url = await waitForUrl(server, /"probeServerUrl":"([^"]+)"/);
      // Every POST needs a CSRF token: take the anonymous one a form page hands out, with its cookie.
      const formPage = await fetch(`${url}/logga-in`);
      const csrfCookie = /lots_csrf=[^;]+/.exec(formPage.headers.get("set-cookie") ?? "")?.[0];
      const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await formPage.text())?.[1];
      expect(csrfCookie && csrfToken, "the sign-in page sets a CSRF cookie and token").toBeTruthy();
      const csrfHeaders = { cookie: csrfCookie ?? "", "x-csrf-token": csrfToken ?? "" };

      const acknowledged: string[] = [];
      let refused = 0;
      let failedAfterAccept = 0;
      let next = 0;
      let signalled = false;
      const worker = async () => {
        while (next < 400) {
          const id = `w${next++}`;
          if (acknowledged.length >= 60 && !signalled) {
            signalled = true;
            server.child.kill("SIGTERM");
          }
          try {
            const response = await fetch(`${url}/__probe/writes/${id}`, {
              method: "POST",
              headers: csrfHeaders,
            });
            if (response.ok) acknowledged.push(id);
            else failedAfterAccept++;
          } catch {
            refused++; // the listener is closed: the client was never told yes
            if (signalled) await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, worker));
      const code = await server.exited;

      expect(signalled).toBe(true);
      expect(code, server.output()).toBe(0);
      expect(server.output()).toContain("database closed");
      expect(failedAfterAccept).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(60);
      expect(refused).toBeGreaterThan(0);

      const reopened = await createDb({
        databaseUrl: database.env.DATABASE_URL,
        dataDir: database.env.DATA_DIR!,
      });
      try {
        const rows = await sql<{ id: string }>`select id from probe_writes`.execute(reopened.db);
        const stored = new Set(rows.rows.map((row) => row.id));
        expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
        expect(await hasPendingMigrations(reopened.db)).toBe(false);
      } finally {
        await reopened.close();
      }
    } finally {
      await database.cleanup();
    }
  });
});

// Only embedded PGlite has a data directory to guard; PostgreSQL takes many processes by design.
if (testDbKind() === "pglite") {
  describe("the embedded database", () => {
    it("refuses a second process on the same data directory with a clear message", async () => {
      const database = await createServerDatabase();
      try {
        const first = startProcess("bin/lots.mjs", ["start"], database.env);
        const url = await waitForUrl(first, /Lots is running at (http:\/\/[^\s"]+)/);

        const second = startProcess("bin/lots.mjs", ["start"], database.env);
        const code = await second.exited;
        expect(code).toBe(3);
        expect(second.output()).toMatch(/already in use by another Lots process \(pid \d+\)/);
        expect(second.output()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace

        const ready = await fetch(`${url}/readyz`);
        expect(ready.status).toBe(200);
        first.child.kill("SIGTERM");
        expect(await first.exited).toBe(0);
      } finally {
        await database.cleanup();
      }
    });
  });
}
