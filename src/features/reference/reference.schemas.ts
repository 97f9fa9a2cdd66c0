import { z } from "@hono/zod-openapi";

const Label = z.object({ sv: z.string(), en: z.string() }).openapi("Label");

export const County = z
  .object({
    code: z.string().openapi({ example: "18", description: "SCB county code (län), two digits" }),
    name: z.string().openapi({ example: "Örebro län" }),
    shortName: z.string().openapi({ example: "Örebro" }),
  })
  .openapi("County");

export const Municipality = z
  .object({
    code: z.string().openapi({ example: "1884", description: "SCB municipality code (kommun), four digits" }),
    name: z.string().openapi({ example: "Nora kommun" }),
    shortName: z.string().openapi({ example: "Nora" }),
    countyCode: z.string().openapi({ example: "18" }),
  })
  .openapi("Municipality");

export const PostalCode = z
  .object({
    postalCode: z.string().openapi({ example: "71331" }),
    locality: z.string().openapi({ example: "Nora" }),
    municipality: Municipality,
  })
  .openapi("PostalCode");

export const SniCode = z
  .object({
    code: z.string().openapi({ example: "25", description: "Section letter or two-digit division" }),
    level: z.enum(["section", "division"]),
    parent: z.string().nullable().openapi({ example: "C", description: "The section of a division" }),
    name: Label,
  })
  .openapi("SniCode");

export const Theme = z
  .object({
    code: z.string().openapi({ example: "financing", description: "Stable code; integrations depend on it" }),
    label: Label,
    isBuiltin: z.boolean(),
  })
  .openapi("NeedTheme");

export const OfferFormat = z
  .object({ code: z.string().openapi({ example: "loan" }), label: Label })
  .openapi("OfferFormat");

export const SizeBand = z
  .object({
    code: z.string().openapi({ example: "10-19" }),
    minEmployees: z.number().int(),
    maxEmployees: z.number().int().nullable(),
    label: Label,
  })
  .openapi("SizeBand");

export const MunicipalitiesQuery = z.object({
  county: z
    .string()
    .regex(/^[0-9]{2}$/, "county must be a two-digit SCB county code, for example 18")
    .optional()
    .openapi({ param: { name: "county", in: "query" }, example: "18" }),
});

export const PostalCodeParams = z.object({
  code: z
    .string()
    .openapi({ param: { name: "code", in: "path" }, example: "71331", description: "Five digits, no space" }),
});

/** A list answer: every reference endpoint returns `{ items }`. */
export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ items: z.array(item) }).openapi(name);
}

export const SniList = z
  .object({ version: z.string().openapi({ example: "SNI2007" }), items: z.array(SniCode) })
  .openapi("SniCodeList");
