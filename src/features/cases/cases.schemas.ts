import { z } from "zod";

// zod schemas for cases: what a navigator may send (pages and API) and the API's answers.

export const CASE_STATUSES = ["new", "triaged", "referred", "waiting-for-company", "closed"] as const;
export const CASE_PRIORITIES = ["low", "normal", "high"] as const;
export const CASE_OPENED_VIA = ["intake", "phone", "meeting", "email", "other"] as const;
export const CONTACT_CHANNELS = ["phone", "email", "meeting", "visit", "other"] as const;

const text = (max: number) => z.string().trim().max(max);

/** Opening a case by hand: an existing company, its needs and/or a new need, how the case came in. */
export const OpenCaseInput = z
  .object({
    companyId: z.uuid(),
    needIds: z.array(z.uuid()).max(20).default([]),
    newNeed: z
      .object({
        theme: z.string().trim().min(1).max(40),
        description: text(2000).default(""),
        urgency: z.enum(["now", "within-6-months", "later"]).default("now"),
      })
      .optional(),
    openedVia: z.enum(CASE_OPENED_VIA).default("phone"),
    priority: z.enum(CASE_PRIORITIES).default("normal"),
    summary: text(4000).default(""),
  })
  .refine((v) => v.needIds.length > 0 || v.newNeed !== undefined, {
    path: ["needIds"],
    message: "Choose at least one need or describe a new one.",
  });
export type OpenCaseInput = z.input<typeof OpenCaseInput>;

/** A change of a case; `version` is the version the navigator saw (lost-update protection). */
export const UpdateCaseInput = z.object({
  version: z.coerce.number().int().min(1),
  status: z.enum(CASE_STATUSES).optional(),
  priority: z.enum(CASE_PRIORITIES).optional(),
  assignedUserId: z.uuid().nullable().optional(),
  teamId: z.uuid().optional(),
  summary: text(4000).optional(),
});
export type UpdateCaseInput = z.input<typeof UpdateCaseInput>;

export const CaseNoteInput = z.object({
  body: z.string().trim().min(1).max(4000),
  visibility: z.enum(["internal", "shared"]).default("internal"),
});

export const ContactInput = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  summary: text(4000).default(""),
  contactedAt: z.coerce.date().optional(),
  caseId: z.uuid().optional(),
  referralId: z.uuid().optional(),
});

export const CaseListQuery = z.object({
  queue: z.enum(["mine", "team", "all"]).default("team"),
  status: z.enum([...CASE_STATUSES, "open", "any"]).default("open"),
  priority: z.enum(CASE_PRIORITIES).optional(),
  theme: z.string().max(40).optional(),
  municipality: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type CaseListQuery = z.input<typeof CaseListQuery>;
