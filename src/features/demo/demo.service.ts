import type { Db } from "#src/db/client.ts";
import type { Logger } from "#src/shared/logger.ts";

// Temporary until the demo data lands (same session).
export async function seedDemoData(_db: Db): Promise<Record<string, number>> {
  return {};
}
export async function seedDemoDataIfEmpty(
  _db: Db,
  _logger: Logger,
): Promise<Record<string, number> | undefined> {
  return undefined;
}
