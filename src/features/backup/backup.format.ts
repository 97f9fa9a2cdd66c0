import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { z } from "zod";

// The file: gzip'd JSON lines, in two gzip members (gunzip reads them as one stream). The first member is the
// header line; it is written last, once every table's count and checksum is known, so the rows are streamed
// once and never held in memory. The second member holds, per table, a marker line `["table","<name>"]`
// followed by one line per row: the row's JSON object exactly as `to_jsonb(row)::text` gave it. Rows are
// objects and markers are arrays, so no row can be mistaken for a marker.

/** The format written by this version; a restore refuses any other. */
export const BACKUP_FORMAT = "lots-backup/1";

/** One table in the header: its columns, rows and the checksum of its rows' JSON text in key order. */
export const BackupTableSchema = z.object({
  name: z.string().min(1),
  columns: z.array(z.string()),
  rows: z.number().int().nonnegative(),
  md5: z.string().regex(/^[0-9a-f]{32}$/),
});

/** The first line of a backup file. */
export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  /** The newest applied migration: a restore needs the target at exactly this one. */
  migration: z.string().min(1),
  migrations: z.array(z.string()),
  createdAt: z.string(),
  source: z.object({ kind: z.enum(["pglite", "postgres"]), serverVersion: z.string() }),
  tables: z.array(BackupTableSchema),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.number(), isCalled: z.boolean() })),
});

export type BackupHeader = z.infer<typeof BackupHeaderSchema>;
export type BackupTable = z.infer<typeof BackupTableSchema>;

/** The marker line that starts a table's rows. */
export function tableMarker(name: string): string {
  return JSON.stringify(["table", name]);
}

/** A line of the body: a table marker or a row. */
export type BodyLine = { kind: "table"; name: string } | { kind: "row"; json: string };

/** Reads a backup: the validated header, then the body's lines one at a time (streamed, never all at once). */
export async function openBackup(
  file: string,
): Promise<{ header: BackupHeader; lines: AsyncGenerator<BodyLine>; close(): void }> {
  const input = createReadStream(file).pipe(createGunzip());
  const iterator = splitLines(input);
  const first = await iterator.next();
  if (first.done) throw new Error(`${file} is empty: not a Lots backup.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(first.value);
  } catch {
    throw new Error(`${file} does not start with a Lots backup header.`);
  }
  const header = BackupHeaderSchema.safeParse(parsed);
  if (!header.success) {
    throw new Error(`${file} is not a ${BACKUP_FORMAT} file: ${z.prettifyError(header.error)}`);
  }
  async function* lines(): AsyncGenerator<BodyLine> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      const line = next.value;
      if (line === "") continue;
      if (line.startsWith("[")) {
        const marker = JSON.parse(line) as unknown;
        if (!Array.isArray(marker) || marker[0] !== "table" || typeof marker[1] !== "string") {
          throw new Error(`Unexpected line in ${file}: ${line.slice(0, 80)}`);
        }
        yield { kind: "table", name: marker[1] };
      } else if (line.startsWith("{")) {
        yield { kind: "row", json: line };
      } else {
        throw new Error(`Unexpected line in ${file}: ${line.slice(0, 80)}`);
      }
    }
  }
  return {
    header: header.data,
    lines: lines(),
    close: () => {
      input.destroy();
    },
  };
}

/**
 * The stream's lines. `for await` over the stream reads a chunk only when the previous lines are consumed, so
 * a slow restore never makes the file pile up in memory (readline's iterator buffers ahead).
 */
async function* splitLines(input: NodeJS.ReadableStream): AsyncGenerator<string, void, void> {
  input.setEncoding("utf8");
  let rest = "";
  for await (const chunk of input) {
    const parts = (rest + (chunk as string)).split("\n");
    rest = parts.pop() ?? "";
    yield* parts;
  }
  if (rest !== "") yield rest;
}
