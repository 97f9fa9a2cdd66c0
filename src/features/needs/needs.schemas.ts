import { z } from "@hono/zod-openapi";
import type { NeedSource, NeedStatus, NeedUrgency } from "#src/db/schema.ts";

// A need (behov): what a company needs, under a theme, with urgency, in its own words.

export const NEED_URGENCIES = ["now", "within-6-months", "later"] as const satisfies readonly NeedUrgency[];
export const NEED_SOURCES = [
  "survey",
  "meeting",
  "navigator",
  "pulse",
] as const satisfies readonly NeedSource[];
export const NEED_STATUSES = [
  "open",
  "in-case",
  "met",
  "no-longer-relevant",
] as const satisfies readonly NeedStatus[];

/** The longest description or free-text answer, in characters. */
export const MAX_TEXT_LENGTH = 5_000;

/** A need recorded by staff (POST /api/v1/needs). */
export const CreateNeedInput = z
  .object({
    companyId: z.uuid("the company id is a UUID"),
    organisationId: z
      .uuid("the organisation id is a UUID")
      .optional()
      .openapi({ description: "The organisation the need belongs to; defaults to the caller's only one" }),
    theme: z.string().trim().min(1).max(60).openapi({ example: "financing" }),
    urgency: z.enum(NEED_URGENCIES),
    description: z.string().max(MAX_TEXT_LENGTH).default(""),
    source: z.enum(NEED_SOURCES).default("navigator"),
  })
  .openapi("CreateNeed");
export type CreateNeedInput = z.input<typeof CreateNeedInput>;

/** Filters of the needs list. */
export const NeedFilter = z.object({
  status: z.enum(NEED_STATUSES).optional(),
  theme: z.string().trim().max(60).optional(),
  urgency: z.enum(NEED_URGENCIES).optional(),
  source: z.enum(NEED_SOURCES).optional(),
  companyId: z.uuid().optional(),
  /** Needs that came through one campaign (e.g. a meeting's follow-up round). */
  campaignId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  municipalityCode: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type NeedFilter = z.output<typeof NeedFilter>;
export type NeedFilterInput = z.input<typeof NeedFilter>;

/** A need as services hand it out. */
export type Need = {
  id: string;
  companyId: string | null;
  companyName: string | null;
  organisationId: string;
  theme: string;
  urgency: NeedUrgency;
  description: string;
  source: NeedSource;
  status: NeedStatus;
  responseId: string | null;
  campaignId: string | null;
  municipalityCode: string | null;
  sizeBand: string | null;
  createdAt: Date;
  updatedAt: Date;
  statusChangedAt: Date;
};

/** A need an intake derived, before it is stored. */
export type DerivedNeed = { theme: string; urgency: NeedUrgency; description: string };
