import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "./data-dir-lock.ts";

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), "lots-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid as number;
}

describe("acquireDataDirLock", () => {
  it("writes our pid and removes the lock on release", () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "lots.lock"), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path.join(dir, "lots.lock"))).toBe(false);
  });

  it("refuses a lock held by a live process, naming it", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "lots.lock"), `${process.ppid}\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(new RegExp(`pid ${process.ppid}`));
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "lots.lock"), `${deadPid()}\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, "lots.lock"), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over an unreadable lock file", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "lots.lock"), "garbage");
    acquireDataDirLock(dir).release();
  });
});
