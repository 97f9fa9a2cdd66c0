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
export type OfferStatus = z.infer<typeof OfferStatus>;
export const OfferCostType = z.enum(["free", "fee", "loan", "grant", "equity"]);

/** A contact person of an offer: personal data, so changes to contacts are audited. */
export const OfferContactInput = z.object({
  name: Text(200).min(1, "give the contact person's name"),
  title: OptionalText(200),
  email: z.email("must be an e-mail address").max(254).nullish(),
  phone: OptionalText(40),
});
export type OfferContactInput = z.input<typeof OfferContactInput>;

/** A contact person as offers hand it out. */
export type OfferContact = { name: string; title: string | null; email: string | null; phone: string | null };

/**
 * A ready support package (erbjudande) of one organisation. Empty eligibility lists mean "no
 * restriction". SNI codes in `sniInclude`/`sniExclude` are prefixes: a section letter (C), a division
 * (25) or a longer code (25620), all of SNI 2007.
 */
const OfferFields = z.object({
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
  contacts: z.array(OfferContactInput).max(10, "at most 10 contact persons").default([]),
  lastVerifiedAt: z.date().nullish(),
  lastVerifiedBy: OptionalText(200),
});

type OfferFieldsOutput = z.output<typeof OfferFields>;

function checkOffer(offer: OfferFieldsOutput, ctx: z.RefinementCtx): void {
  const order = (
    min: number | null | undefined,
    max: number | null | undefined,
    path: string,
    what: string,
  ) => {
    if (min != null && max != null && min > max)
      ctx.addIssue({ code: "custom", path: [path], message: what });
  };
  order(offer.minCompanyAgeYears, offer.maxCompanyAgeYears, "maxCompanyAgeYears", "is below the minimum age");
  order(offer.amountMinSek, offer.amountMaxSek, "amountMaxSek", "is below the minimum amount");
  order(offer.capacityRemaining, offer.capacityTotal, "capacityRemaining", "is more than the total capacity");
  if (offer.validFrom && offer.validTo && offer.validFrom > offer.validTo) {
    ctx.addIssue({ code: "custom", path: ["validTo"], message: "is before validFrom" });
  }
  for (const key of ["formats", "themes", "eligibleMunicipalityCodes", "sizeBands"] as const) {
    if (new Set(offer[key]).size !== offer[key].length) {
      ctx.addIssue({ code: "custom", path: [key], message: "lists a code twice" });
    }
  }
}

export const CreateOfferInput = OfferFields.superRefine(checkOffer);
export type CreateOfferInput = z.input<typeof CreateOfferInput>;

/** The fields a change (PATCH) may set; the organisation, status and verification have their own operations. */
export const UPDATABLE_FIELDS = Object.keys(OfferFields.shape).filter(
  (key) => !["organisationId", "status", "lastVerifiedAt", "lastVerifiedBy"].includes(key),
) as UpdatableField[];
export type UpdatableField = Exclude<
  keyof OfferFieldsOutput,
  "organisationId" | "status" | "lastVerifiedAt" | "lastVerifiedBy"
>;

/**
 * A change to an offer: any of the updatable fields; only the fields given change. The whole offer is
 * checked again after merging, so a change cannot break a rule that spans fields (min ≤ max).
 */
export const UpdateOfferInput = OfferFields.omit({
  organisationId: true,
  status: true,
  lastVerifiedAt: true,
  lastVerifiedBy: true,
})
  .partial()
  .strict()
  .openapi("UpdateOffer");
export type UpdateOfferInput = z.input<typeof UpdateOfferInput>;

/** The body of POST /api/v1/offers. */
export const CreateOfferBody = OfferFields.omit({ lastVerifiedAt: true, lastVerifiedBy: true })
  .strict()
  .openapi("CreateOffer");

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
  contacts: OfferContact[];
  lastVerifiedAt: Date | null;
  /** Who verified it last: a person's name, an API token's, or "import"/"demo". */
  lastVerifiedBy: string | null;
  /** Not verified for 180 days (or never): flagged to the organisation. */
  verificationOverdue: boolean;
  createdAt: Date;
  updatedAt: Date;
};

/** What happened to an offer, one history entry each. */
export const OFFER_HISTORY_ACTIONS = [
  "create",
  "update",
  "pause",
  "activate",
  "close",
  "verify",
  "import",
] as const;
export type OfferHistoryAction = (typeof OFFER_HISTORY_ACTIONS)[number];

/** One change to an offer: who, when, and each changed field's old and new value. */
export type OfferHistoryEntry = {
  id: string;
  offerId: string;
  organisationId: string;
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  action: OfferHistoryAction;
  changes: Record<string, { from: unknown; to: unknown }>;
};

/** A field-level problem with an offer's input, for forms (field is the input's key, e.g. "contacts.0.email"). */
export type OfferIssue = { field: string; message: string };

/** The body of PATCH /api/v1/offers/{id}: the changed fields, and optionally a new status. */
export const PatchOfferBody = UpdateOfferInput.extend({ status: OfferStatus.optional() })
  .strict()
  .openapi("PatchOffer");

/** A contact person of an offer, as the API shows it. */
export const OfferContactSchema = z
  .object({
    name: z.string(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi("OfferContact");

/** One offer as the API shows it: everything a company needs to act on it. */
export const OfferSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    slug: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    summary: z.string(),
    summaryEn: z.string().nullable(),
    description: z.string(),
    descriptionEn: z.string().nullable(),
    formats: z.array(z.string()),
    themes: z.array(z.string()),
    eligibleCountyCodes: z.array(z.string()),
    eligibleMunicipalityCodes: z.array(z.string()),
    sniVersion: z.string(),
    sniInclude: z.array(z.string()),
    sniExclude: z.array(z.string()),
    sizeBands: z.array(z.string()),
    minCompanyAgeYears: z.int().nullable(),
    maxCompanyAgeYears: z.int().nullable(),
    conditions: z.string(),
    costType: OfferCostType,
    costDescription: z.string(),
    amountMinSek: z.number().nullable(),
    amountMaxSek: z.number().nullable(),
    capacityTotal: z.int().nullable(),
    capacityRemaining: z.int().nullable(),
    capacityNote: z.string(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    status: OfferStatus,
    applicationProcess: z.string(),
    link: z.string().nullable(),
    contacts: z.array(OfferContactSchema),
    lastVerifiedAt: z.string().nullable(),
    lastVerifiedBy: z.string().nullable(),
  })
  .openapi("Offer");

/** An offer as the write API answers: the public offer plus the verification flag and timestamps. */
export const OfferRecordSchema = OfferSchema.extend({
  verificationOverdue: z.boolean().openapi({ description: "Not verified for 180 days, or never" }),
  createdAt: z.string(),
  updatedAt: z.string(),
}).openapi("OfferRecord");

/** One history entry as the API answers. */
export const OfferHistoryEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    actorLabel: z.string(),
    action: z.enum(OFFER_HISTORY_ACTIONS),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .openapi("OfferHistoryEntry");
