import { z } from "@hono/zod-openapi";

/** A company as the network records it. `orgNumber` is validated and normalised by the service. */
export const CreateCompanyInput = z.object({
  orgNumber: z.string().min(1, "give the organisation number"),
  name: z.string().trim().min(2, "the name is too short").max(200),
  municipalityCode: z
    .string()
    .regex(/^[0-9]{4}$/, "a municipality code has four digits, e.g. 1884")
    .nullish(),
  sniCode: z
    .string()
    .regex(/^[0-9]{2,5}$/, "an SNI 2007 code has two to five digits, e.g. 25620")
    .nullish(),
  sizeBand: z.string().nullish(),
  foundedYear: z
    .int()
    .min(1800, "foundedYear is too early")
    .refine((year) => year <= new Date().getFullYear(), "foundedYear is in the future")
    .nullish(),
  /** Demo and training data: must never be mistaken for a real company. */
  isFictional: z.boolean().default(false),
});
export type CreateCompanyInput = z.input<typeof CreateCompanyInput>;

/** A company as services hand it out. */
export type Company = {
  id: string;
  /** Ten digits. For a sole trader it is the owner's personal identity number: personal data. */
  orgNumber: string;
  isSoleTrader: boolean;
  name: string;
  municipalityCode: string | null;
  sniCode: string | null;
  sniVersion: string;
  sizeBand: string | null;
  foundedYear: number | null;
  isFictional: boolean;
  // Needs intake (issue 5): address, every SNI code, and which fields staff curated (an intake keeps them).
  streetAddress: string | null;
  postalCode: string | null;
  sniCodes: string[];
  curatedFields: string[];
  createdAt: Date;
  updatedAt: Date;
};

/** Filters for listing companies. */
export type CompanyFilter = { municipalityCode?: string; isFictional?: boolean };
