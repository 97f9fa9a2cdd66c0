import { z } from "@hono/zod-openapi";
import type { NeedSource } from "#src/db/schema.ts";
import type { Company } from "./companies.schemas.ts";

// What a needs intake (survey answer, navigator, API) says about a company and its contact persons.

const optionalText = (max: number) => z.string().trim().max(max).nullish();

/** A company as an intake describes it. Codes are checked against the reference lists by the service. */
export const CompanyIntakeInput = z
  .object({
    orgNumber: z.string().trim().min(1, "give the organisation number"),
    name: z.string().trim().min(2, "the name is too short").max(200),
    streetAddress: optionalText(200),
    postalCode: z.string().trim().max(10).nullish(),
    municipalityCode: z.string().trim().max(10).nullish(),
    sniCodes: z.array(z.string().trim().max(10)).max(10).nullish(),
    sizeBand: z.string().trim().max(20).nullish(),
    foundedYear: z.int().nullish(),
  })
  .openapi("CompanyIntake");
export type CompanyIntakeInput = z.input<typeof CompanyIntakeInput>;

/** A contact person of a company. At least a name; e-mail and phone optional. */
export const ContactInput = z
  .object({
    name: z.string().trim().min(1, "give the contact person's name").max(200),
    role: optionalText(200),
    email: z.email("not an e-mail address").max(254).nullish(),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^\+?[0-9 ()-]{5,}$/, "a phone number has digits, spaces, +, - or ( )")
      .nullish(),
  })
  .openapi("ContactInput");
export type ContactInput = z.input<typeof ContactInput>;

/** The company fields an intake may set; staff-curated ones it never overwrites. */
export const CURATABLE_FIELDS = [
  "name",
  "streetAddress",
  "postalCode",
  "municipalityCode",
  "sniCodes",
  "sizeBand",
  "foundedYear",
] as const;
export type CuratableField = (typeof CURATABLE_FIELDS)[number];

/**
 * One field where the intake and the stored company disagree. `kept-curated`: staff curated it, the stored
 * value stays and staff should look; `updated`: the intake's value replaced an uncurated one; `filled`: the
 * field was empty.
 */
export type CompanyDifference = {
  field: CuratableField;
  stored: unknown;
  submitted: unknown;
  outcome: "kept-curated" | "updated" | "filled";
};

/** What registering or attaching an intake did. */
export type AttachResult = { company: Company; created: boolean; differences: CompanyDifference[] };

/** A contact person as services hand it out. */
export type Contact = {
  id: string;
  companyId: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  source: NeedSource;
  createdAt: Date;
  updatedAt: Date;
};

/** Who supplies an intake: the company (its answers) or staff (whose values become curated). */
export type IntakeOrigin =
  | { kind: "company"; source: NeedSource }
  | { kind: "staff"; source: NeedSource; userId: string | null };
