import { z } from "@hono/zod-openapi";
import type { ConsentAnswer } from "./surveys.answers.ts";
import { type Question, SurveyContent } from "./surveys.questions.ts";

// Inputs and outputs of the surveys feature: surveys, versions, campaigns and responses.

const Slug = z
  .string()
  .trim()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens, e.g. nora-hosten-2026");

/** A new survey with the content of its first (draft) version. */
export const CreateSurveyInput = z.object({
  organisationId: z.uuid(),
  slug: Slug,
  kind: z.enum(["needs", "pulse"]).default("needs"),
  name: z.string().trim().min(1).max(200),
  content: SurveyContent,
});
export type CreateSurveyInput = z.input<typeof CreateSurveyInput>;

/** A campaign ("round"): a public link to a survey for a meeting, municipality, industry or period. */
export const CreateCampaignInput = z
  .object({
    surveyId: z.uuid(),
    slug: Slug,
    name: z.string().trim().min(1).max(200),
    scopeKind: z.enum(["meeting", "municipality", "industry", "period"]),
    municipalityCodes: z
      .array(z.string().regex(/^[0-9]{4}$/))
      .max(300)
      .default([]),
    sniCodes: z
      .array(z.string().regex(/^[0-9]{2,5}$/))
      .max(100)
      .default([]),
    meetingRef: z.string().trim().max(200).nullish(),
    opensAt: z.coerce.date(),
    closesAt: z.coerce.date().nullish(),
    recurrence: z.enum(["monthly", "quarterly", "half-yearly", "yearly"]).nullish(),
  })
  .refine((c) => !c.closesAt || c.closesAt > c.opensAt, {
    path: ["closesAt"],
    message: "the campaign must close after it opens",
  });
export type CreateCampaignInput = z.input<typeof CreateCampaignInput>;

export type Survey = {
  id: string;
  organisationId: string;
  slug: string;
  kind: "needs" | "pulse";
  name: string;
  createdAt: Date;
};

export type SurveyVersion = {
  id: string;
  surveyId: string;
  version: number;
  titleSv: string;
  titleEn: string | null;
  introSv: string;
  introEn: string | null;
  questions: Question[];
  publishedAt: Date | null;
  createdAt: Date;
};

export type Campaign = {
  id: string;
  surveyId: string;
  organisationId: string;
  slug: string;
  name: string;
  scopeKind: "meeting" | "municipality" | "industry" | "period";
  municipalityCodes: string[];
  sniCodes: string[];
  meetingRef: string | null;
  opensAt: Date;
  closesAt: Date | null;
  recurrence: "monthly" | "quarterly" | "half-yearly" | "yearly" | null;
};

/** A submission: the company (or its id, for staff and the private link), the answers, an idempotency key. */
export type SubmitResponseInput = {
  surveyId?: string | undefined;
  campaignSlug?: string | undefined;
  /** The version the form was shown with; default the newest published one. */
  versionId?: string | undefined;
  company?: unknown;
  companyId?: string | undefined;
  answers: unknown;
  /** Client-chosen; without one, the same body on the same day counts as the same submission. */
  idempotencyKey?: string | undefined;
};

export type SurveyResponse = {
  id: string;
  surveyId: string;
  surveyVersionId: string;
  version: number;
  campaignId: string | null;
  organisationId: string;
  companyId: string | null;
  companyName: string | null;
  contactId: string | null;
  answers: Record<string, unknown>;
  submittedBy: "company" | "navigator";
  submittedByLabel: string;
  createdAt: Date;
};

export type { ConsentAnswer };
