import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** Raised when another live process already holds the embedded database. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The database in ${dataDir} is already in use by another Lots process (pid ${ownerPid}). ` +
        "Embedded PGlite allows one process per data directory: stop the other process, " +
        "or set DATA_DIR to another directory, or use PostgreSQL through DATABASE_URL.",
    );
    this.name = "DataDirLockedError";
  }
}

export type DataDirLock = { release(): void };

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the exclusive lock on a PGlite data directory before PGlite opens it.
 * PGlite is one in-process connection and does not guard its files against a second process, which
 * would corrupt them; so the lock is a file created with O_EXCL holding our pid. A lock left by a
 * process that died (SIGKILL, power loss) is taken over, because its owner pid is no longer alive.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, "lots.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          if (readOwner(lockFile) === process.pid) unlinkSync(lockFile);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockFile);
      if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner);
      }
      // Stale lock: move it aside atomically so two starters cannot both delete and recreate it.
      try {
        renameSync(lockFile, `${lockFile}.stale-${process.pid}`);
        unlinkSync(`${lockFile}.stale-${process.pid}`);
      } catch {
        // Another process took it over first; try again and let O_EXCL decide.
      }
    }
  }
  throw new Error(`Could not take the lock on ${lockFile}`);
}
