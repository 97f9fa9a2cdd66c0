// Regenerates src/shared/web/theme/lots-theme.css from designsystemet.config.json with the Designsystemet
// CLI (a devDependency; works offline). Run: npx tsx scripts/build-theme.ts
// The intermediate design tokens go to a temporary folder: the config alone reproduces them, so only the
// config and the built CSS are kept in the repository.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const themeDir = path.join(root, "src/shared/web/theme");
const cli = path.join(root, "node_modules/.bin/designsystemet");
const work = mkdtempSync(path.join(tmpdir(), "lots-theme-"));

function run(args: string[]): void {
  const result = spawnSync(cli, args, { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`designsystemet ${args.join(" ")} failed (${result.status})`);
}

try {
  const tokens = path.join(work, "tokens");
  const built = path.join(work, "build");
  run(["tokens", "create", "--config", path.join(themeDir, "designsystemet.config.json"), "-o", tokens]);
  run(["tokens", "build", "-t", tokens, "-o", built]);
  const target = path.join(themeDir, "lots-theme.css");
  copyFileSync(path.join(built, "lots.css"), target);
  // Formatted like the rest of the repository, so `biome check .` stays clean.
  const format = spawnSync(path.join(root, "node_modules/.bin/biome"), ["format", "--write", target], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (format.status !== 0) throw new Error("biome format failed");
  console.log("Wrote src/shared/web/theme/lots-theme.css");
} finally {
  rmSync(work, { recursive: true, force: true });
}
