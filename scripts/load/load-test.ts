// `npm run test:load`: a realistic mix of requests against the real server (a child process with the demo
// network), first closed-loop to find the most it answers per second, then OPEN-LOOP at a fixed rate (50 % of
// that maximum by default) for 60 s: requests start on schedule whether or not earlier ones have finished,
// and each latency is measured from the moment the request was due, so queueing shows in the figures.
//
// Mix (issue 10): public search 60 %, offer pages 20 %, matching 10 %, needs submissions 5 %, staff pages 5 %.
// Every answer is checked (status and a marker of the right page); anything else counts as an error.
//
// Environment: LOAD_DATABASE_URL (a PostgreSQL server; a throwaway database is made in it) — otherwise PGlite
// in a temp directory; LOAD_SECONDS (60), LOAD_FRACTION (0.5), LOAD_MAX_SECONDS (15), LOAD_CONCURRENCY (16).
// Exits 1 on any error.

import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { luhnCheckDigit } from "#src/shared/org-number.ts";
import type { LoadReady } from "./server.ts";

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const FRACTION = Number(process.env.LOAD_FRACTION ?? 0.5);
const MAX_SECONDS = Number(process.env.LOAD_MAX_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);

type Kind = "search" | "offer" | "match" | "submit" | "staff";
const MIX: [Kind, number][] = [
  ["search", 0.6],
  ["offer", 0.2],
  ["match", 0.1],
  ["submit", 0.05],
  ["staff", 0.05],
];
const SEARCH_WORDS = [
  "lån",
  "exjobb",
  "digitalisering",
  "export",
  "energi",
  "rekrytering",
  "automation",
  "kris",
  "ägarskifte",
  "innovation",
  "",
];
const MATCH_NEEDS = [
  { theme: "financing", text: "Vi behöver finansiera en ny CNC-maskin" },
  { theme: "academic-collaboration", text: "Vi söker en student för ett examensarbete" },
  { theme: "digitalisation", text: "Vi vill börja sälja på nätet" },
  { text: "energikartläggning av vår produktion" },
];

// The public matching API allows 60 requests a minute per client address; a real load comes from many
// addresses. Loopback is 127.0.0.0/8 on Linux, so matching requests go out from 250 source addresses.
const agents = Array.from({ length: 250 }, (_, i) => ({
  agent: new http.Agent({ keepAlive: true, maxSockets: 8 }),
  localAddress: `127.0.0.${i + 2}`,
}));
const mainAgent = { agent: new http.Agent({ keepAlive: true, maxSockets: 512 }), localAddress: undefined };
type Via = (typeof agents)[number] | typeof mainAgent;

/**
 * One HTTP request over a keep-alive agent (from a chosen source address); the status and the body. A request
 * on a reused idle connection that the server closed at that moment (ECONNRESET on `reusedSocket`) is sent
 * once more, as browsers and Node's own documentation do: that race is the client's, not a failed request.
 * Every request here is safe to repeat (reads, matching, submissions with an idempotency key).
 */
async function request(
  url: string,
  via: Via,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string }> {
  try {
    return await requestOnce(url, via, init);
  } catch (error) {
    if ((error as { staleSocket?: boolean }).staleSocket) return requestOnce(url, via, init);
    throw error;
  }
}

function requestOnce(
  url: string,
  via: Via,
  init: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: init.method ?? "GET",
        headers: init.headers,
        agent: via.agent,
        ...(via.localAddress ? { localAddress: via.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET") Object.assign(error, { staleSocket: true });
      reject(error);
    });
    if (init.body) req.write(init.body);
    req.end();
  });
}

let serial = 0;
function orgNumber(): string {
  serial++;
  // 55 99 8x xxx x: a range no demo company uses, unique per run and request.
  const body = `5599${String(80_000 + ((serial + Number.parseInt(randomBytes(2).toString("hex"), 16)) % 19_999)).padStart(5, "0")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

function chooseKind(): Kind {
  let r = Math.random();
  for (const [kind, share] of MIX) {
    r -= share;
    if (r < 0) return kind;
  }
  return "search";
}

type Outcome = { kind: Kind; ok: boolean; status: number; latencyMs: number; error?: string };

async function send(baseUrl: string, ready: LoadReady, kind: Kind, dueAt: number): Promise<Outcome> {
  let response: { status: number; text: string };
  let marker: string;
  try {
    switch (kind) {
      case "search": {
        const q = pick(SEARCH_WORDS);
        response = await request(`${baseUrl}/hitta-stod${q ? `?q=${encodeURIComponent(q)}` : ""}`, mainAgent);
        marker = "<h1";
        break;
      }
      case "offer":
        response = await request(`${baseUrl}/hitta-stod/${pick(ready.offerIds)}`, mainAgent);
        marker = "<h1";
        break;
      case "match":
        response = await request(`${baseUrl}/api/v1/match`, pick(agents), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            company: { municipality: "1884", employees: 12 },
            needs: [pick(MATCH_NEEDS)],
            limit: 10,
          }),
        });
        marker = '"results"';
        break;
      case "submit": {
        const n = orgNumber();
        response = await request(`${baseUrl}/api/v1/surveys/${ready.surveyId}/responses`, mainAgent, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${ready.token}`,
            "idempotency-key": `load-${n}-${randomBytes(6).toString("hex")}`,
          },
          body: JSON.stringify({
            versionId: ready.versionId,
            company: {
              orgNumber: n,
              name: `Lastbolaget ${n} AB`,
              postalCode: "71331",
              sizeBand: "10-19",
              sniCodes: ["25620"],
            },
            answers: {
              omraden: [
                { theme: "financing", urgency: "now", description: "Vi behöver finansiera en maskin." },
              ],
              bradska: "halvar",
              energi: true,
              framtid: 3,
              "egna-ord": "Vi tappar order på pris.",
              kontakt: { name: "Anna Svensson", role: "VD", email: `anna@last-${n}.example` },
              samtycke: { contactAndReferral: true, statistics: true },
            },
          }),
        });
        marker = '"needIds"';
        break;
      }
      case "staff":
        response = await request(`${baseUrl}/admin/arenden`, mainAgent, {
          headers: { cookie: ready.staffCookie },
        });
        marker = "<h1";
        break;
    }
    const expected = kind === "submit" ? 201 : 200;
    const ok = response.status === expected && response.text.includes(marker);
    return {
      kind,
      ok,
      status: response.status,
      latencyMs: performance.now() - dueAt,
      ...(ok ? {} : { error: `${response.status} ${response.text.slice(0, 200)}` }),
    };
  } catch (error) {
    return { kind, ok: false, status: 0, latencyMs: performance.now() - dueAt, error: String(error) };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(label: string, outcomes: Outcome[], seconds: number) {
  const lines: string[] = [];
  const row = (name: string, list: Outcome[]) => {
    const latencies = list.map((o) => o.latencyMs).sort((a, b) => a - b);
    const errors = list.filter((o) => !o.ok).length;
    lines.push(
      `${name.padEnd(8)} ${String(list.length).padStart(7)} req ${(list.length / seconds).toFixed(1).padStart(8)}/s  ` +
        `p50 ${percentile(latencies, 50).toFixed(1).padStart(8)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(8)} ms  errors ${errors}`,
    );
  };
  for (const [kind] of MIX)
    row(
      kind,
      outcomes.filter((o) => o.kind === kind),
    );
  row("all", outcomes);
  console.log(`\n${label}\n${lines.join("\n")}`);
  const errors = outcomes.filter((o) => !o.ok);
  for (const error of errors.slice(0, 5)) console.log(`  error (${error.kind}): ${error.error}`);
  return errors.length;
}

/** Closed loop: CONCURRENCY clients, each sending its next request when the last is answered. */
async function measureMaximum(baseUrl: string, ready: LoadReady): Promise<{ rate: number; errors: number }> {
  const outcomes: Outcome[] = [];
  const end = performance.now() + MAX_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end)
        outcomes.push(await send(baseUrl, ready, chooseKind(), performance.now()));
    }),
  );
  const errors = summarise(
    `Closed loop, ${CONCURRENCY} clients, ${MAX_SECONDS} s (the maximum):`,
    outcomes,
    MAX_SECONDS,
  );
  return { rate: outcomes.length / MAX_SECONDS, errors };
}

/** Open loop: request i is due at start + i / rate and is sent then, however many are still in flight. */
async function openLoop(baseUrl: string, ready: LoadReady, rate: number) {
  const outcomes: Promise<Outcome>[] = [];
  const start = performance.now();
  const total = Math.round(rate * SECONDS);
  let maxInFlight = 0;
  let inFlight = 0;
  for (let i = 0; i < total; i++) {
    const dueAt = start + (i * 1000) / rate;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outcomes.push(
      send(baseUrl, ready, chooseKind(), dueAt).finally(() => {
        inFlight--;
      }),
    );
    if (i > 0 && i % Math.round(rate * 10) === 0) {
      process.stderr.write(
        `  ${Math.round((performance.now() - start) / 1000)} s: ${i} sent, ${inFlight} in flight\n`,
      );
    }
  }
  const settled = await Promise.all(outcomes);
  const elapsed = (performance.now() - start) / 1000;
  const errors = summarise(
    `Open loop at ${rate.toFixed(1)} requests/s for ${SECONDS} s (${settled.length} requests, most in flight at once: ${maxInFlight}, finished after ${elapsed.toFixed(1)} s):`,
    settled,
    SECONDS,
  );
  return { errors, requests: settled.length };
}

async function withServer<T>(
  work: (baseUrl: string, ready: LoadReady, dbKind: string) => Promise<T>,
): Promise<T> {
  const adminUrl = process.env.LOAD_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-load-"));
  let databaseUrl: string | undefined;
  let database: string | undefined;
  if (adminUrl) {
    database = `lots_load_${randomBytes(6).toString("hex")}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "server.ts");
  const child: ChildProcess = fork(entry, [], {
    env: { ...process.env, LOAD_DATA_DIR: dataDir, LOAD_SERVER_DATABASE_URL: databaseUrl ?? "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    const ready = await new Promise<LoadReady>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server did not start within 300 s")), 300_000);
      child.once("message", (message: LoadReady) => {
        clearTimeout(timer);
        resolve(message);
      });
      child.once("exit", (code) =>
        reject(new Error(`the server exited with code ${code} before it was ready`)),
      );
    });
    return await work(`http://127.0.0.1:${ready.port}`, ready, ready.dbKind);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("stop");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (adminUrl && database) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `Lots load test: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB, ` +
      `Node ${process.version}, ${new Date().toISOString()}`,
  );
  const failures = await withServer(async (baseUrl, ready, dbKind) => {
    // Only the offers the public catalogue shows (an active offer outside its dates is not public).
    const shown: string[] = [];
    for (const id of ready.offerIds) {
      if ((await request(`${baseUrl}/hitta-stod/${id}`, mainAgent)).status === 200) shown.push(id);
    }
    ready.offerIds = shown;
    console.log(`Database: ${dbKind}; ${shown.length} public offer pages in the demo catalogue.`);
    // A short warm-up (caches, the catalogue index, JIT), not recorded.
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => send(baseUrl, ready, MIX[i % MIX.length]![0], performance.now())),
    );
    const maximum = await measureMaximum(baseUrl, ready);
    const rate = Math.max(1, maximum.rate * FRACTION);
    const open = await openLoop(baseUrl, ready, rate);
    return maximum.errors + open.errors;
  });
  console.log(failures === 0 ? "\nPASS: 0 errors." : `\nFAIL: ${failures} errors.`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
