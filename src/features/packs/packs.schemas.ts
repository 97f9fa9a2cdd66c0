import { z } from "zod";

// Inputs of the industry packs feature. The shapes are checked here; whether the SNI codes, themes, survey
// and offers exist is checked by the service against the reference data and the other features.

/** Path words under /admin/paket that a pack's slug may not take. */
const RESERVED_SLUGS = new Set(["ny"]);

const Slug = z
  .string()
  .trim()
  .min(2)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens, e.g. besoksnaring")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "this word is reserved; choose another");

/** An optional text: empty means none. */
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

/** An SNI 2007 code: a division (two digits) or a group, class or subclass below it (up to five). */
export const SniCode = z
  .string()
  .trim()
  .regex(/^[0-9]{2,5}$/, "an SNI code has 2 to 5 digits, e.g. 55 or 56100");

/** A pack as admins create and edit it. */
export const PackInput = z.object({
  slug: Slug,
  nameSv: z.string().trim().min(1).max(120),
  nameEn: OptionalText(120),
  descriptionSv: z.string().trim().min(1).max(2000),
  descriptionEn: OptionalText(2000),
  sniCodes: z
    .array(SniCode)
    .min(1, "choose at least one SNI code")
    .max(100)
    .transform((codes) => [...new Set(codes)]),
  themes: z
    .array(z.string().trim().min(1).max(60))
    .max(20)
    .default([])
    .transform((codes) => [...new Set(codes)]),
  surveyId: z.uuid("choose a needs survey"),
  offerIds: z
    .array(z.uuid())
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type PackInput = z.input<typeof PackInput>;
export type PackData = z.output<typeof PackInput>;

/** A survey round started from a pack: the organisation that runs it, its name, link and dates. */
export const StartCampaignInput = z.object({
  organisationId: z.uuid("choose the organisation that runs the round"),
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .trim()
    .min(2)
    .max(80)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens, e.g. bygg-nora-2026"),
  municipalityCodes: z
    .array(z.string().regex(/^[0-9]{4}$/))
    .max(300)
    .default([]),
  opensAt: z.coerce.date(),
  closesAt: z.coerce.date().nullish(),
});
export type StartCampaignInput = z.input<typeof StartCampaignInput>;

/** An industry pack as services hand it out. */
export type IndustryPack = {
  id: string;
  slug: string;
  nameSv: string;
  nameEn: string | null;
  descriptionSv: string;
  descriptionEn: string | null;
  sniCodes: string[];
  themes: string[];
  surveyId: string | null;
  offerIds: string[];
};
