#!/usr/bin/env node
// `npm test`: every test Lots has — typecheck, lint, unit, integration on PGlite and on PostgreSQL, HTTP
// in-process, and browser journeys in Chromium with axe. It finds or starts what the tests need:
//   PostgreSQL: TEST_DATABASE_URL if set, else a throwaway cluster from the installed binaries
//               (pg_config --bindir), started on a free loopback port and removed afterwards;
//   Chromium:   CHROMIUM_PATH or /usr/bin/chromium, installed with apt-get when missing and possible.
// What cannot be had is reported loudly; under CI=true that is a failure, never a skip.
//
// Usage: node scripts/test.mjs [--only unit|pglite|postgres|e2e ...] [--no-static] [extra vitest args]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const isCi = process.env.CI === "true";
const ALL_PROJECTS = ["unit", "pglite", "postgres", "e2e"];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: { only: { type: "string", multiple: true }, "no-static": { type: "boolean" } },
});
const wanted = values.only?.length ? values.only : ALL_PROJECTS;
for (const project of wanted) {
  if (!ALL_PROJECTS.includes(project))
    fail(`Unknown test project "${project}"; choose from ${ALL_PROJECTS.join(", ")}.`);
}

const cleanups = [];
const problems = [];

function log(message) {
  console.log(`[test] ${message}`);
}

function fail(message) {
  console.error(`\n[test] ERROR: ${message}\n`);
  process.exit(1);
}

function loud(message) {
  const line = "!".repeat(78);
  console.error(`\n${line}\n[test] ${message}\n${line}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  return result.status ?? 1;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query("show server_version_num");
    return Number(rows[0].server_version_num);
  } finally {
    await client.end().catch(() => {});
  }
}

function postgresBinDir() {
  const candidates = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // pg_config is not installed; look in Debian's versioned folders.
  }
  if (existsSync("/usr/lib/postgresql")) {
    for (const version of readdirSafe("/usr/lib/postgresql").sort().reverse()) {
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
    }
  }
  return candidates.find(
    (dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")),
  );
}

function readdirSafe(dir) {
  try {
    return execFileSync("ls", [dir], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return [];
  }
}

/** Starts a throwaway cluster; as root, initdb and postgres run as the `postgres` user, which they require. */
async function startThrowawayPostgres() {
  const binDir = postgresBinDir();
  if (!binDir) return undefined;
  const isRoot = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(tmpdir(), "lots-pg-"));
  const dataDir = path.join(base, "data");
  chmodSync(base, 0o777);
  const asPostgres = (command, args) =>
    isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  if (isRoot) execFileSync("chown", ["postgres", base]);
  const port = await freePort();
  const [initCmd, initArgs] = asPostgres(path.join(binDir, "initdb"), [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C.UTF-8",
  ]);
  log(`starting a throwaway PostgreSQL cluster from ${binDir} on 127.0.0.1:${port}`);
  if (run(initCmd, initArgs, { stdio: ["ignore", "ignore", "inherit"] }) !== 0) {
    rmSync(base, { recursive: true, force: true });
    return undefined;
  }
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const [ctlCmd, ctlArgs] = asPostgres(path.join(binDir, "pg_ctl"), [
    "-D",
    dataDir,
    "-o",
    options,
    "-l",
    path.join(base, "server.log"),
    "-w",
    "start",
  ]);
  if (run(ctlCmd, ctlArgs, { stdio: ["ignore", "ignore", "inherit"] }) !== 0) {
    console.error(readFileSafe(path.join(base, "server.log")));
    rmSync(base, { recursive: true, force: true });
    return undefined;
  }
  cleanups.push(() => {
    const [stopCmd, stopArgs] = asPostgres(path.join(binDir, "pg_ctl"), [
      "-D",
      dataDir,
      "-m",
      "immediate",
      "stop",
    ]);
    spawnSync(stopCmd, stopArgs, { stdio: "ignore" });
    rmSync(base, { recursive: true, force: true });
  });
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function readFileSafe(file) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

async function providePostgres() {
  if (process.env.TEST_DATABASE_URL) {
    try {
      const version = await canConnect(process.env.TEST_DATABASE_URL);
      log(`using PostgreSQL ${Math.floor(version / 10000)} at TEST_DATABASE_URL`);
      return process.env.TEST_DATABASE_URL;
    } catch (error) {
      problems.push(`TEST_DATABASE_URL is set but PostgreSQL does not answer there: ${error.message}`);
      return undefined;
    }
  }
  const url = await startThrowawayPostgres();
  if (!url) {
    problems.push(
      "No PostgreSQL for the integration tests: TEST_DATABASE_URL is unset and no PostgreSQL server binaries " +
        "(initdb, pg_ctl) were found. Install them (Debian: apt-get install postgresql) or set TEST_DATABASE_URL.",
    );
  }
  return url;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  );
  return candidates.find((candidate) => existsSync(candidate));
}

function provideChromium() {
  let found = findChromium();
  if (!found && process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    log("Chromium is missing: installing Debian's chromium package with apt-get");
    run("apt-get", ["update", "-qq"]);
    run("apt-get", ["install", "-y", "-qq", "chromium"], {
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    found = findChromium();
  }
  if (!found) {
    problems.push(
      "No Chromium for the browser journeys: set CHROMIUM_PATH or install Debian's chromium (apt-get install chromium).",
    );
  }
  return found;
}

async function main() {
  process.on("exit", () => {
    for (const cleanup of cleanups.reverse()) cleanup();
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

  const env = { ...process.env };
  const projects = [...wanted];

  if (!values["no-static"] && !values.only) {
    log("typecheck (tsc)");
    if (run("npx", ["tsc", "-p", "."]) !== 0) fail("TypeScript found errors.");
    log("lint and format (biome)");
    if (run("npx", ["biome", "check", "--error-on-warnings", "."]) !== 0) fail("Biome found problems.");
  }

  if (projects.includes("postgres")) {
    const url = await providePostgres();
    if (url) env.TEST_DATABASE_URL = url;
    else projects.splice(projects.indexOf("postgres"), 1);
  }
  if (projects.includes("e2e")) {
    const chromium = provideChromium();
    if (chromium) env.CHROMIUM_PATH = chromium;
    else projects.splice(projects.indexOf("e2e"), 1);
  }
  if (problems.length > 0) {
    loud(
      `${problems.join("\n[test] ")}\n[test] ${isCi ? "CI=true: this is a failure." : "These tests are NOT run."}`,
    );
    if (isCi) process.exit(1);
  }

  mkdirSync(".tmp", { recursive: true });
  const report = path.join(".tmp", "vitest-report.json");
  rmSync(report, { force: true });
  const args = [
    "vitest",
    "run",
    ...projects.flatMap((project) => ["--project", project]),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...positionals,
  ];
  log(`vitest: ${projects.join(", ")}`);
  const child = spawn("npx", args, { stdio: "inherit", env });
  const code = await new Promise((resolve) => child.on("exit", (status) => resolve(status ?? 1)));

  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, "utf8"));
    const skipped = result.numPendingTests + result.numTodoTests;
    console.log(
      `\nTests: ${result.numPassedTests} passed, ${result.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`,
    );
    if (result.numTotalTests === 0) fail("No test ran.");
  }
  if (problems.length > 0) loud(`Incomplete run: ${problems.join(" ")}`);
  process.exitCode = code;
}

await main();
