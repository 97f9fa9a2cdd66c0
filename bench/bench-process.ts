// The bench's server child process, both sides: the bench forks a server script (bench/server.ts,
// bench/national-server.ts) through the same tsx loader, waits for its ready message, and later sends
// "stop"; the server script reports ready and stops its server on that message.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Forks `bench/<script>` with its data directory and database URL in the environment and waits for its
 * ready message (at most `timeoutSeconds`); rejects when it exits first.
 */
export async function forkBenchServer<Ready extends { port: number }>(
  script: string,
  dataDir: string,
  databaseUrl: string | undefined,
  timeoutSeconds: number,
): Promise<{ child: ChildProcess; ready: Ready; baseUrl: string }> {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), script);
  const child = fork(entry, [], {
    env: { ...process.env, BENCH_DATA_DIR: dataDir, BENCH_SERVER_DATABASE_URL: databaseUrl ?? "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bench server did not start within ${timeoutSeconds} s`)),
      timeoutSeconds * 1000,
    );
    child.once("message", (message: Ready) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with code ${code} before it was ready`));
    });
  });
  return { child, ready, baseUrl: `http://127.0.0.1:${ready.port}` };
}

/** Asks the forked server to stop and waits for it to exit (killed after 15 s). */
export async function stopBenchServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send("stop");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** In the server script: sends `ready` to the bench and stops `server` when the bench says "stop". */
export function serveUntilStopped(server: { stop(reason: string): Promise<unknown> }, ready: unknown): void {
  if (!process.send) throw new Error("run this script through the bench (it needs an IPC channel)");
  process.send(ready);
  process.on("message", (message) => {
    if (message !== "stop") return;
    server.stop("benchmark finished").then(
      () => process.disconnect(),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
