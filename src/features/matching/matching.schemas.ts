import { z } from "@hono/zod-openapi";

// The matching service's input and output (issue 6). The JSON shape of `POST /api/v1/match` is fixed by
// the issue: integrations depend on it.

export const MAX_NEEDS = 10;
export const MAX_NEED_TEXT = 2_000;
export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 50;

/** A company profile; every field optional (an unknown field is not held against the company). */
export const MatchCompany = z
  .object({
    municipality: z
      .string()
      .regex(/^\d{4}$/, "a four-digit municipality code")
      .optional()
      .openapi({ example: "1884", description: "Municipality code (SCB, four digits)" }),
    sni: z
      .string()
      .regex(/^\d{2}(\.?\d{1,3})?$/, "an SNI 2007 code of 2 to 5 digits")
      .optional()
      .openapi({
        example: "25620",
        description: "SNI 2007 code: division (2 digits) up to detail (5 digits)",
      }),
    employees: z.int().min(0).max(1_000_000).optional().openapi({ example: 12 }),
    sizeBand: z
      .string()
      .max(20)
      .optional()
      .openapi({ example: "10-19", description: "SCB size band; used when employees is not given" }),
    foundedYear: z.int().min(1800).max(2100).optional().openapi({ example: 2008 }),
  })
  .strict()
  .openapi("MatchCompany");
export type MatchCompany = z.infer<typeof MatchCompany>;

/** One need: a theme, text in the company's words, or both. */
export const MatchNeed = z
  .object({
    theme: z.string().max(60).optional().openapi({ example: "financing", description: "A need theme code" }),
    text: z
      .string()
      .max(MAX_NEED_TEXT)
      .optional()
      .openapi({ example: "Vi behöver finansiera en ny CNC-maskin", description: "Swedish free text" }),
  })
  .strict()
  .refine((need) => Boolean(need.theme) || Boolean(need.text?.trim()), {
    message: "give a theme, a text or both",
  })
  .openapi("MatchNeed");
export type MatchNeed = z.infer<typeof MatchNeed>;

export const MatchRequest = z
  .object({
    company: MatchCompany.default({}),
    needs: z.array(MatchNeed).min(1, "at least one need").max(MAX_NEEDS),
    limit: z.int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    includeNearMisses: z.boolean().default(false),
  })
  .strict()
  .openapi("MatchRequest");
export type MatchRequest = z.input<typeof MatchRequest>;

export const REASON_CODES = [
  "theme",
  "text",
  "area",
  "sni",
  "size",
  "age",
  "validity",
  "capacity",
  "outcome",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const MatchReason = z
  .object({
    code: z.enum(REASON_CODES),
    text: z.string().openapi({ example: "Svarar på behovet Finansiering och likviditet." }),
  })
  .openapi("MatchReason");
export type MatchReason = z.infer<typeof MatchReason>;

export const MatchResult = z
  .object({
    offer: z.object({
      id: z
        .string()
        .openapi({ description: "The catalogue's offer id (an HSDS-imported offer keeps its id)" }),
      name: z.string(),
      organisation: z.object({ id: z.string(), name: z.string() }),
    }),
    score: z.number().min(0).max(1),
    eligible: z.boolean(),
    reasons: z.array(MatchReason).min(1),
    notEligibleBecause: z.array(MatchReason),
  })
  .openapi("MatchResult");
export type MatchResult = z.infer<typeof MatchResult>;

export const MatchResponse = z.object({ results: z.array(MatchResult) }).openapi("MatchResponse");
export type MatchResponse = z.infer<typeof MatchResponse>;
