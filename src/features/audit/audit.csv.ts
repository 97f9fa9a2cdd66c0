import { stringify } from "csv-stringify/sync";
import type { Locale } from "#src/shared/i18n.ts";
import { auditMessages } from "./audit.messages.ts";
import { type AuditEntry, formatStockholmDateTime } from "./audit.schemas.ts";

const COLUMNS = [
  "csv.at",
  "csv.atUtc",
  "csv.actor",
  "csv.action",
  "csv.recordType",
  "csv.recordId",
  "csv.organisation",
  "csv.ip",
  "csv.userAgent",
  "csv.requestId",
  "csv.details",
] as const;

/**
 * The audit entries as CSV for Excel and LibreOffice: UTF-8 with a byte-order mark (so Excel reads
 * å, ä, ö), RFC 4180 quoting, CRLF line ends, and formula-injection protection — a cell that begins
 * with = + - @ (or tab, carriage return, or their full-width forms) gets a leading apostrophe, since
 * user agents, names and record ids are text an outsider can choose. csv-stringify does the escaping.
 */
export function auditEntriesToCsv(entries: readonly AuditEntry[], locale: Locale): string {
  const t = auditMessages(locale);
  return stringify(
    entries.map((e) => [
      formatStockholmDateTime(e.at),
      e.at.toISOString(),
      e.actorLabel,
      e.action,
      e.recordType,
      e.recordId ?? "",
      e.organisationName ?? "",
      e.ip ?? "",
      e.userAgent ?? "",
      e.requestId ?? "",
      Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : "",
    ]),
    {
      bom: true,
      header: true,
      columns: COLUMNS.map((key) => t(key)),
      record_delimiter: "windows",
      escape_formulas: true,
    },
  );
}
