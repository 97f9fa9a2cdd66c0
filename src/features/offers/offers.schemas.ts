import { z } from "@hono/zod-openapi";

const Slug = z
  .string()
  .max(80, "a slug has at most 80 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lower-case letters a–z, digits and single hyphens");
const Code = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "a code is lower-case words joined by hyphens");
const Text = (max: number) => z.string().trim().max(max);
const OptionalText = (max: number) => Text(max).nullish();
const Count = z.int().min(0).max(1_000_000);
const Sek = z.int().min(0).max(10_000_000_000);

export const OfferStatus = z.enum(["active", "paused", "closed"]);
export const OfferCostType = z.enum(["free", "fee", "loan", "grant", "equity"]);

/**
 * A ready support package (erbjudande) of one organisation. Empty eligibility lists mean "no
 * restriction". SNI codes in `sniInclude`/`sniExclude` are prefixes: a section letter (C), a division
 * (25) or a longer code (25620), all of SNI 2007.
 */
export const CreateOfferInput = z
  .object({
    organisationId: z.uuid("organisationId must be an organisation's id"),
    slug: Slug,
    name: Text(200).min(3, "the name is too short"),
    nameEn: OptionalText(200),
    summary: Text(500).min(10, "write a one-sentence summary"),
    summaryEn: OptionalText(500),
    description: Text(10_000).min(10, "describe the offer"),
    descriptionEn: OptionalText(10_000),
    formats: z.array(Code).min(1, "give at least one format"),
    themes: z.array(Code).min(1, "give at least one need theme"),
    eligibleCountyCodes: z.array(z.string().regex(/^[0-9]{2}$/, "a county code has two digits")).default([]),
    eligibleMunicipalityCodes: z
      .array(z.string().regex(/^[0-9]{4}$/, "a municipality code has four digits"))
      .default([]),
    sniInclude: z
      .array(z.string().regex(/^([A-U]|[0-9]{2,5})$/, "an SNI code like C, 25 or 25620"))
      .default([]),
    sniExclude: z
      .array(z.string().regex(/^([A-U]|[0-9]{2,5})$/, "an SNI code like C, 25 or 25620"))
      .default([]),
    sizeBands: z.array(z.string()).default([]),
    minCompanyAgeYears: z.int().min(0).max(200).nullish(),
    maxCompanyAgeYears: z.int().min(0).max(200).nullish(),
    conditions: Text(5000).default(""),
    costType: OfferCostType,
    costDescription: Text(1000).default(""),
    amountMinSek: Sek.nullish(),
    amountMaxSek: Sek.nullish(),
    capacityTotal: Count.nullish(),
    capacityRemaining: Count.nullish(),
    capacityNote: Text(500).default(""),
    validFrom: z.iso.date("validFrom must be a date like 2026-01-31").nullish(),
    validTo: z.iso.date("validTo must be a date like 2026-12-31").nullish(),
    status: OfferStatus.default("active"),
    applicationProcess: Text(5000).default(""),
    link: z.url({ protocol: /^https?$/, error: "the link must be an http(s) address" }).nullish(),
    contactName: OptionalText(200),
    contactTitle: OptionalText(200),
    contactEmail: z.email("contactEmail must be an e-mail address").nullish(),
    contactPhone: OptionalText(40),
    lastVerifiedAt: z.date().nullish(),
  })
  .superRefine((offer, ctx) => {
    const order = (
      min: number | null | undefined,
      max: number | null | undefined,
      path: string,
      what: string,
    ) => {
      if (min != null && max != null && min > max)
        ctx.addIssue({ code: "custom", path: [path], message: what });
    };
    order(
      offer.minCompanyAgeYears,
      offer.maxCompanyAgeYears,
      "maxCompanyAgeYears",
      "is below the minimum age",
    );
    order(offer.amountMinSek, offer.amountMaxSek, "amountMaxSek", "is below the minimum amount");
    order(
      offer.capacityRemaining,
      offer.capacityTotal,
      "capacityRemaining",
      "is more than the total capacity",
    );
    if (offer.validFrom && offer.validTo && offer.validFrom > offer.validTo) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "is before validFrom" });
    }
    for (const key of ["formats", "themes", "eligibleMunicipalityCodes", "sizeBands"] as const) {
      if (new Set(offer[key]).size !== offer[key].length) {
        ctx.addIssue({ code: "custom", path: [key], message: "lists a code twice" });
      }
    }
  });
export type CreateOfferInput = z.input<typeof CreateOfferInput>;

/** Filters for listing and counting offers. */
export type OfferFilter = { organisationId?: string; status?: z.infer<typeof OfferStatus> };

/** An offer as services hand it out. Dates without time are ISO strings (YYYY-MM-DD). */
export type Offer = {
  id: string;
  organisationId: string;
  slug: string;
  name: string;
  nameEn: string | null;
  summary: string;
  summaryEn: string | null;
  description: string;
  descriptionEn: string | null;
  formats: string[];
  themes: string[];
  eligibleCountyCodes: string[];
  eligibleMunicipalityCodes: string[];
  sniVersion: string;
  sniInclude: string[];
  sniExclude: string[];
  sizeBands: string[];
  minCompanyAgeYears: number | null;
  maxCompanyAgeYears: number | null;
  conditions: string;
  costType: z.infer<typeof OfferCostType>;
  costDescription: string;
  amountMinSek: number | null;
  amountMaxSek: number | null;
  capacityTotal: number | null;
  capacityRemaining: number | null;
  capacityNote: string;
  validFrom: string | null;
  validTo: string | null;
  status: z.infer<typeof OfferStatus>;
  applicationProcess: string;
  link: string | null;
  contactName: string | null;
  contactTitle: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  lastVerifiedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};
