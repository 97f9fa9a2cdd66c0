#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: creates src/db/migrations/<UTC timestamp>_<name>.ts from a template.
import { existsSync, writeFileSync } from "node:fs";

const name = process.argv[2];
if (!name || !/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(2);
}
const now = new Date();
const pad = (n) => String(n).padStart(2, "0");
const stamp = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}T${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
const file = `src/db/migrations/${stamp}_${name}.ts`;
if (existsSync(file)) {
  console.error(`${file} exists already.`);
  process.exit(1);
}
writeFileSync(
  file,
  `import type { Kysely } from "kysely";

// Frozen in time: never import application code here; a migration must do the same thing forever.

export async function up(db: Kysely<any>): Promise<void> {}

export async function down(db: Kysely<any>): Promise<void> {}
`,
);
console.log(`Created ${file}`);
