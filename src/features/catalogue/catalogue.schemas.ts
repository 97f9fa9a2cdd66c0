import { z } from "@hono/zod-openapi";
import { OfferCostType } from "#src/features/offers/offers.schemas.ts";
import { validationError } from "#src/shared/http-errors.ts";

// Types of the public catalogue ("Hitta stöd") and the schemas of its read API.

/** The cost types, as the offers feature defines them. */
export const COST_TYPES = OfferCostType.options;
export type CostType = (typeof COST_TYPES)[number];

/** What a catalogue search asks for. Lists are OR within a facet; facets are ANDed with each other. */
export type CatalogueQuery = {
  q?: string;
  theme?: string[];
  format?: string[];
  organisation?: string[];
  /** A municipality code: offers whose area includes it, its county, or all of Sweden. */
  municipality?: string;
  /** An SNI 2007 code (section letter, division or longer): offers whose SNI eligibility admits it. */
  sni?: string;
  /** An SCB size band: offers without a size restriction or listing this band. */
  size?: string;
  cost?: string[];
  sort?: "relevance" | "name";
  page?: number;
  pageSize?: number;
};

export type FacetValue = { value: string; label: string; count: number; selected: boolean };

export const FACETS = ["theme", "format", "organisation", "municipality", "size", "cost"] as const;
export type FacetName = (typeof FACETS)[number];

export type CatalogueItem = {
  id: string;
  name: string;
  summary: string;
  organisationId: string;
  organisationName: string;
  themes: string[];
  formats: string[];
  costType: CostType;
  /** Where the offer applies: "Hela Sverige", county names and municipality names. */
  areaLabel: string;
  capacityRemaining: number | null;
  score: number;
};

export type CatalogueResult = {
  items: CatalogueItem[];
  total: number;
  page: number;
  pageSize: number;
  /**
   * Disjunctive facets: each facet's counts apply the query and every other facet's filter but not its
   * own, so selecting a value never hides the facet's other values. For a facet every offer has exactly
   * one value of (organisation, cost), the counts add up to the number of hits without that facet's filter.
   */
  facets: Record<FacetName, FacetValue[]>;
  /** When filters leave no hits although the words alone find some: the filters to remove. */
  suggestion?: { removeFilters: string[] };
  /** When misspelt words were corrected: the query as searched. */
  didYouMean?: string;
};

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

const Code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a code is lower-case words joined by hyphens");
const codes = (example: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({ description: "Repeat the parameter or separate values with commas.", example });

/** `GET /api/v1/offers` query; list parameters may repeat (`theme=a&theme=b`) or use commas. */
export const OffersSearchQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({ example: "exjobb" }),
  theme: codes("financing"),
  format: codes("loan"),
  organisation: codes("7f0c3d4e-0000-4000-8000-000000000000"),
  municipality: z
    .string()
    .regex(/^[0-9]{4}$/, "a municipality code has four digits")
    .optional()
    .openapi({ example: "1880" }),
  sni: z
    .string()
    .regex(/^([A-U]|[0-9]{2,5})$/, "an SNI code like C, 25 or 25620")
    .optional()
    .openapi({ example: "25" }),
  size: z.string().max(20).optional().openapi({ example: "10-19" }),
  cost: codes("grant"),
  sort: z.enum(["relevance", "name"]).optional(),
  page: z.coerce.number().int().min(1).max(1000).optional(),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

/** A repeated or comma-separated list parameter as a list, each value checked as `check` (VALIDATION_FAILED). */
export function listParam(value: string | string[] | undefined, check: z.ZodType<string> = Code): string[] {
  if (value === undefined) return [];
  const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(","));
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))].map((v) => {
    const parsed = check.safeParse(v);
    if (!parsed.success) throw validationError(parsed.error);
    return parsed.data;
  });
}

export const UuidCode = z.uuid("an organisation's id");
export const CostCode = OfferCostType;

const FacetValueSchema = z
  .object({ value: z.string(), label: z.string(), count: z.int(), selected: z.boolean() })
  .openapi("FacetValue");

const CatalogueItemSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    summary: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    themes: z.array(z.string()),
    formats: z.array(z.string()),
    costType: z.enum(COST_TYPES),
    areaLabel: z.string(),
    capacityRemaining: z.int().nullable(),
    score: z.number(),
  })
  .openapi("CatalogueItem");

export const CatalogueResultSchema = z
  .object({
    items: z.array(CatalogueItemSchema),
    total: z.int(),
    page: z.int(),
    pageSize: z.int(),
    facets: z.object({
      theme: z.array(FacetValueSchema),
      format: z.array(FacetValueSchema),
      organisation: z.array(FacetValueSchema),
      municipality: z.array(FacetValueSchema),
      size: z.array(FacetValueSchema),
      cost: z.array(FacetValueSchema),
    }),
    suggestion: z.object({ removeFilters: z.array(z.string()) }).optional(),
    didYouMean: z.string().optional(),
  })
  .openapi("CatalogueResult");

export const OfferParams = z.object({
  id: z.uuid("an offer's id").openapi({ param: { name: "id", in: "path" } }),
});
