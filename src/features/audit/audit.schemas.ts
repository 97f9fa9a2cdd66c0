import { z } from "@hono/zod-openapi";
import { stockholmInstant } from "#src/shared/stockholm-time.ts";

// Filters of the audit log, shared by the page (/admin/logg), its CSV export and GET /api/v1/audit-log.

const STOCKHOLM = "Europe/Stockholm";

/** A calendar day, YYYY-MM-DD, that exists. */
const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "write the date as YYYY-MM-DD, for example 2026-11-28")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "no such date");

/** Empty form fields mean "no filter", not an empty string to match. */
const emptyToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const Word = z
  .string()
  .trim()
  .max(60)
  .regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and hyphens, for example api-token");

/** What the audit log can be filtered by. Days are Stockholm days; `to` is inclusive. */
export const AuditFilters = z
  .object({
    from: z.preprocess(emptyToUndefined, Day.optional()),
    to: z.preprocess(emptyToUndefined, Day.optional()),
    recordType: z.preprocess(emptyToUndefined, Word.optional()),
    action: z.preprocess(emptyToUndefined, Word.optional()),
    actorLabel: z.preprocess(emptyToUndefined, z.string().trim().max(200).optional()),
    organisationId: z.preprocess(emptyToUndefined, z.uuid("not an organisation id").optional()),
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(1)),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(50)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    path: ["to"],
    message: "the end date is before the start date",
  });
export type AuditFilters = z.output<typeof AuditFilters>;
export type AuditFiltersInput = z.input<typeof AuditFilters>;

/** The query string of GET /api/v1/audit-log (documented form of `AuditFilters`). */
export const AuditLogQuery = z.object({
  from: z
    .string()
    .optional()
    .openapi({ description: "First day (Stockholm time), YYYY-MM-DD", example: "2026-11-01" }),
  to: z.string().optional().openapi({ description: "Last day, inclusive (Stockholm time), YYYY-MM-DD" }),
  recordType: z.string().optional().openapi({ example: "user" }),
  action: z.string().optional().openapi({ example: "read" }),
  actorLabel: z
    .string()
    .optional()
    .openapi({ description: "Part of who did it: an e-mail, token:NAME or cli" }),
  organisationId: z.string().optional().openapi({ description: "Organisation whose data it was (uuid)" }),
  page: z.string().optional().openapi({ example: "1" }),
  pageSize: z.string().optional().openapi({ description: "1–200, default 50", example: "50" }),
});

/** One audit entry as the API hands it out. */
export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string().openapi({ description: "ISO 8601 instant" }),
    actorLabel: z.string(),
    actorUserId: z.string().nullable(),
    actorApiTokenId: z.string().nullable(),
    action: z.string(),
    recordType: z.string(),
    recordId: z.string().nullable(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEntry");

export const AuditEntryPage = z
  .object({
    items: z.array(AuditEntrySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi("AuditEntryPage");

/** One audit entry as services hand it out. */
export type AuditEntry = {
  id: string;
  at: Date;
  actorLabel: string;
  actorUserId: string | null;
  actorApiTokenId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  organisationId: string | null;
  organisationName: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
};

/**
 * The instant a Stockholm calendar day starts. Swedish clocks change at 01:00 UTC, never at midnight,
 * so the offset at the guessed instant is the offset of midnight itself.
 */
export function startOfStockholmDay(day: string): Date {
  return stockholmInstant(day, "00:00:00");
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Formats an instant as Stockholm date and time, the Swedish way: 2026-11-28 14:03:12. */
export function formatStockholmDateTime(value: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: STOCKHOLM,
    dateStyle: "short",
    timeStyle: "medium",
  }).format(value);
}
