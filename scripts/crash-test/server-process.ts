// The server under test as a child process: `node bin/lots.mjs start`, the command an operator runs, with
// production settings and a fixed port, so clients find it again after every restart.

import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CrashDatabase } from "./setup.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const READY = /Lots is running at (http:\/\/\S+)/;
const START_TIMEOUT_MS = 120_000;

/** One `lots start` process at a time: start it, SIGKILL it, start it again on the same data, stop it. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | string | null> | undefined;
  private output = "";
  private expectingExit = false;
  /** Milliseconds each start took until the server printed its address. */
  readonly startTimes: number[] = [];
  /** Set when the server exited without being told to (a crash of its own): the run stops. */
  unexpectedExit: string | undefined;

  constructor(
    private readonly database: CrashDatabase,
    private readonly port: number,
    private readonly sessionSecret: string,
  ) {}

  /** The base URL clients use; the same across restarts. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The last lines the process printed (for error messages). */
  tail(lines = 40): string {
    return this.output.split("\n").slice(-lines).join("\n");
  }

  /** Starts the server and resolves once it prints its address; rejects with its output if it exits. */
  async start(): Promise<void> {
    if (this.child) throw new Error("the server is already running");
    const started = performance.now();
    this.output = "";
    const child = spawn(process.execPath, [path.join(ROOT, "bin/lots.mjs"), "start"], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(this.port),
        PUBLIC_URL: this.url,
        SESSION_SECRET: this.sessionSecret,
        LOG_LEVEL: "warn",
        SEED_DEMO_ON_FIRST_START: "false",
        DATABASE_URL: this.database.kind === "postgres" ? this.database.databaseUrl : "",
        DATA_DIR: this.database.kind === "pglite" ? this.database.dataDir : path.join(ROOT, "data"),
        SMTP_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    const onData = (chunk: Buffer) => {
      // Only the tail matters; cap the buffer so a chatty process cannot grow it without end.
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    this.expectingExit = false;
    this.exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        if (!this.expectingExit && this.startTimes.length > 0 && this.unexpectedExit === undefined) {
          this.unexpectedExit = `exit ${code ?? signal}:\n${this.tail()}`;
        }
        resolve(code ?? signal);
      }),
    );

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (READY.test(this.output)) {
        this.startTimes.push(performance.now() - started);
        return;
      }
      if (child.exitCode !== null || child.signalCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const output = this.tail();
    this.expectingExit = true;
    child.kill("SIGKILL");
    await this.exited;
    this.child = undefined;
    throw new Error(`The server did not start (exit ${child.exitCode ?? child.signalCode}):\n${output}`);
  }

  /** SIGKILL: no shutdown code runs, in-flight requests and the PGlite lock file are left as they are. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.expectingExit = true;
    child.kill("SIGKILL");
    await this.exited;
    this.child = undefined;
  }

  /** SIGTERM and wait: the clean shutdown (closes the database, releases the lock); returns the exit code. */
  async stop(): Promise<number | string | null> {
    const child = this.child;
    if (!child) return null;
    this.expectingExit = true;
    child.kill("SIGTERM");
    const code = await this.exited;
    this.child = undefined;
    return code ?? null;
  }
}
