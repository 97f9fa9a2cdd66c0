import { z } from "@hono/zod-openapi";
import { NEEDS_DIMENSIONS } from "./insights.repository.ts";

// The insights API's query and answer shapes (they generate the OpenAPI document).

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A comma-separated list of codes, e.g. `municipality=1884,1885`. */
const codeList = (pattern: RegExp, what: string) =>
  z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((value) =>
      value
        ? value
            .split(",")
            .map((part) => part.trim())
            .filter(Boolean)
        : [],
    )
    .refine((codes) => codes.every((code) => pattern.test(code)), `each ${what} must look like a code`);

/** The period and municipality fields every insights query shares (`from`, `to`, `municipality`). */
export const insightRangeFields = {
  from: z.string().regex(DATE, "from is a date, YYYY-MM-DD").optional().openapi({
    example: "2025-01-01",
    description: "First day (Stockholm), inclusive. Default: 1 January this year",
  }),
  to: z.string().regex(DATE, "to is a date, YYYY-MM-DD").optional().openapi({
    example: "2025-12-31",
    description: "Last day (Stockholm), inclusive. Default: 31 December this year",
  }),
  municipality: codeList(/^\d{4}$/, "municipality").openapi({
    example: "1884",
    description: "Comma-separated municipality codes",
  }),
};

export const NeedsInsightQuery = z
  .object({
    groupBy: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((value) =>
        value
          ? value
              .split(",")
              .map((part) => part.trim())
              .filter(Boolean)
          : [],
      )
      .refine(
        (dims) => dims.every((d) => (NEEDS_DIMENSIONS as readonly string[]).includes(d)),
        `groupBy takes at most two of ${NEEDS_DIMENSIONS.join(", ")}`,
      )
      .refine(
        (dims) => dims.length <= 2 && new Set(dims).size === dims.length,
        "groupBy takes at most two dimensions",
      )
      .refine(
        (dims) => !(dims.includes("month") && dims.includes("quarter")),
        "groupBy takes month or quarter, not both",
      )
      .openapi({
        example: "theme,municipality",
        description: `Comma-separated: ${NEEDS_DIMENSIONS.join(", ")}`,
      }),
    ...insightRangeFields,
    theme: codeList(/^[a-z0-9-]{1,60}$/, "theme").openapi({ example: "financing" }),
    sniSection: codeList(/^[A-U]$/, "SNI section").openapi({ example: "C" }),
    sizeBand: codeList(/^[0-9+-]{1,10}$/, "size band").openapi({ example: "10-19" }),
  })
  .openapi("NeedsInsightQuery");

export const InsightCount = {
  count: z.number().int().nullable().openapi({ description: "Companies; null when suppressed" }),
  suppressed: z.boolean().openapi({
    description:
      "True when the count refers to fewer than 3 companies, or is hidden so that such a count cannot be worked out",
  }),
};

export const NeedsInsightAnswer = z
  .object({
    rows: z.array(
      z
        .object({
          theme: z.string().optional(),
          municipality: z.string().optional().openapi({ description: "Municipality code; '' when unknown" }),
          sniSection: z.string().optional(),
          sizeBand: z.string().optional(),
          month: z.string().optional().openapi({ description: "First day of the month" }),
          quarter: z.string().optional().openapi({ description: "First day of the quarter" }),
          ...InsightCount,
        })
        .openapi("NeedsInsightRow"),
    ),
    total: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Distinct companies behind all rows; null when suppressed" }),
    totalSuppressed: z.boolean(),
    from: z.string(),
    to: z.string(),
  })
  .openapi("NeedsInsight");

export const GapsInsightQuery = z
  .object({ municipality: codeList(/^\d{4}$/, "municipality").openapi({ example: "1884" }) })
  .openapi("GapsInsightQuery");

export const GapsInsightAnswer = z
  .object({
    rows: z.array(
      z
        .object({
          theme: z.string(),
          municipality: z.string(),
          ...InsightCount,
          offers: z.number().int().openapi({
            description: "Active offers in the theme that at least one of the companies can get",
          }),
          placesLeft: z.number().int().nullable(),
          offersFull: z.number().int(),
          gap: z.boolean().openapi({ description: "Open needs and no such offer" }),
        })
        .openapi("GapsInsightRow"),
    ),
  })
  .openapi("GapsInsight");
