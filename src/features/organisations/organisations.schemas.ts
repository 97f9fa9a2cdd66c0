import { z } from "@hono/zod-openapi";

/** URL-safe identifier: lower-case letters and digits in words joined by single hyphens. */
export const Slug = z
  .string()
  .max(80, "a slug has at most 80 characters")
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    "use lower-case letters a–z, digits and single hyphens, for example almi-malardalen",
  );

export const OrganisationType = z.enum([
  "municipality",
  "region",
  "science-park",
  "business-finance",
  "university",
  "incubator",
  "other",
]);

const MunicipalityCode = z.string().regex(/^[0-9]{4}$/, "a municipality code has four digits, e.g. 1884");

/** What it takes to add an organisation (aktör) to the network, with the municipalities it serves. */
export const CreateOrganisationInput = z.object({
  slug: Slug,
  name: z.string().trim().min(2, "the name is too short").max(200),
  /** Optional: Lots does not invent numbers for real organisations. Normalised to ten digits. */
  orgNumber: z.string().nullish(),
  type: OrganisationType,
  descriptionSv: z.string().trim().max(5000).default(""),
  descriptionEn: z.string().trim().max(5000).default(""),
  website: z.url({ protocol: /^https?$/, error: "the website must be an http(s) address" }).nullish(),
  municipalityCodes: z
    .array(MunicipalityCode)
    .default([])
    .refine((codes) => new Set(codes).size === codes.length, "a municipality is listed twice"),
});
export type CreateOrganisationInput = z.input<typeof CreateOrganisationInput>;

/** An organisation as services hand it out. */
export type Organisation = {
  id: string;
  slug: string;
  name: string;
  orgNumber: string | null;
  type: z.infer<typeof OrganisationType>;
  descriptionSv: string;
  descriptionEn: string;
  website: string | null;
  /** The municipalities it serves, in code order. */
  municipalityCodes: string[];
  createdAt: Date;
  updatedAt: Date;
};

/**
 * A change to an organisation: only the fields given are changed. Which fields an actor may change is
 * decided by organisations.policy.ts (the platform admin all; an org-admin the public profile only).
 */
export const UpdateOrganisationInput = z.object({
  name: z.string().trim().min(2, "the name is too short").max(200).optional(),
  /** Null or empty clears it. Validated and normalised to ten digits. */
  orgNumber: z.string().trim().nullish(),
  type: OrganisationType.optional(),
  descriptionSv: z.string().trim().max(5000).optional(),
  descriptionEn: z.string().trim().max(5000).optional(),
  website: z.url({ protocol: /^https?$/, error: "the website must be an http(s) address" }).nullish(),
  municipalityCodes: z
    .array(MunicipalityCode)
    .refine((codes) => new Set(codes).size === codes.length, "a municipality is listed twice")
    .optional(),
});
export type UpdateOrganisationInput = z.input<typeof UpdateOrganisationInput>;
