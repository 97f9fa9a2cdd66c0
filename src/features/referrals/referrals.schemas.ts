import { z } from "zod";

// zod schemas for referrals: navigator's referral, partner's answers, and the settings of response times.

export const REFERRAL_STATUSES = [
  "sent",
  "accepted",
  "in-progress",
  "closed",
  "declined",
  "withdrawn",
  "expired",
] as const;
export const OPEN_REFERRAL_STATUSES = ["sent", "accepted", "in-progress"] as const;
export const REFERRAL_OUTCOMES = ["helped", "not-helped"] as const;
export const DECLINE_REASONS = [
  "not-eligible",
  "no-capacity",
  "not-relevant",
  "company-unreachable",
  "referred-elsewhere",
  "company-declined",
] as const;
export const REFERRAL_ACTIONS = ["accept", "start", "decline", "close", "withdraw"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Referring a case to one or more offers. */
export const ReferInput = z.object({
  offerIds: z.array(z.uuid()).min(1).max(10),
  message: z.string().trim().max(4000).default(""),
});

/** A change of a referral's status; `version` is what the actor saw (optional on the API). */
export const ReferralActionInput = z
  .object({
    action: z.enum(REFERRAL_ACTIONS),
    version: z.coerce.number().int().min(1).optional(),
    reason: z.enum(DECLINE_REASONS).optional(),
    outcome: z.enum(REFERRAL_OUTCOMES).optional(),
    note: z.string().trim().max(4000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === "decline" && !v.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why the referral is declined." });
    if (v.action === "close" && !v.outcome)
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "Say whether it helped." });
  });
export type ReferralActionInput = z.input<typeof ReferralActionInput>;

export const ReferralNoteInput = z.object({
  body: z.string().trim().min(1).max(4000),
  visibility: z.enum(["internal", "shared"]).default("internal"),
});

export const ReferralListQuery = z.object({
  status: z.enum([...REFERRAL_STATUSES, "open", "any"]).default("any"),
  side: z.enum(["inbox", "sent", "any"]).default("any"),
  organisation: z.uuid().optional(),
  case: z.uuid().optional(),
  mine: z.enum(["true", "false"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const ReferralSettingsInput = z.object({
  responseDays: z.coerce.number().int().min(1).max(60),
  reminderDays: z.coerce.number().int().min(0).max(30),
});
