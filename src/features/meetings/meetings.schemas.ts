import { z } from "zod";
import type { MeetingStatus, RegistrationStatus } from "#src/db/schema.ts";

// What a meeting and a registration look like at the boundary (the staff form, the public form, the API).
// Dates and times are Stockholm wall-clock time: the form sends a date and a time, never an offset.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

const codeList = (pattern: RegExp, max: number) =>
  z
    .array(z.string().trim().regex(pattern))
    .max(max)
    .default([])
    .transform((codes) => [...new Set(codes)]);

/** A speaker: a person presenting, optionally for one of the network's organisations. */
export const SpeakerInput = z.object({
  name: z.string().trim().min(1).max(200),
  role: optionalText(200),
  organisationId: z
    .uuid()
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

/** A meeting as the organiser writes it. */
export const MeetingInput = z
  .object({
    organisationId: z.uuid(),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).default(""),
    municipalityCode: z
      .string()
      .trim()
      .regex(/^([0-9]{4})?$/)
      .optional()
      .transform((v) => v || undefined),
    countyCode: z
      .string()
      .trim()
      .regex(/^([0-9]{2})?$/)
      .optional()
      .transform((v) => v || undefined),
    sniCodes: codeList(/^[0-9]{2,5}$/, 100),
    themes: codeList(/^[a-z0-9]+(-[a-z0-9]+)*$/, 30),
    date: z.iso.date(),
    time: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
    durationMinutes: z.coerce.number().int().min(5).max(1440),
    onlineUrl: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.url({ protocol: /^https?$/ }).optional()),
    place: optionalText(300),
    agenda: z.string().trim().max(4000).default(""),
    capacity: z.coerce.number().int().min(1).max(100000).optional(),
    /** Stockholm wall-clock time, `2026-12-02T16:00`; empty means "until the meeting starts". */
    registrationDeadline: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$/)
      .optional()
      .transform((v) => v || undefined),
    organisationIds: z.array(z.uuid()).max(30).default([]),
    speakers: z.array(SpeakerInput).max(30).default([]),
    offerIds: z.array(z.uuid()).max(30).default([]),
    surveyId: z
      .uuid()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    packId: z
      .uuid()
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .superRefine((m, ctx) => {
    if (!m.onlineUrl && !m.place) {
      ctx.addIssue({
        code: "custom",
        path: ["place"],
        message: "give a place or a link to the digital meeting",
      });
    }
    if (m.municipalityCode && m.countyCode) {
      ctx.addIssue({
        code: "custom",
        path: ["countyCode"],
        message: "choose a municipality or a county, not both",
      });
    }
  });
export type MeetingInput = z.input<typeof MeetingInput>;
export type MeetingData = z.output<typeof MeetingInput>;

/** A registration from the public form: no account, the company by org number. */
export const RegistrationInput = z.object({
  orgNumber: z.string().trim().max(20).default(""),
  companyName: z.string().trim().min(1).max(200),
  personName: z.string().trim().min(1).max(200),
  email: z.string().trim().max(254).pipe(z.email()),
  phone: optionalText(40),
  dietaryNeeds: optionalText(500),
  accessibilityNeeds: optionalText(500),
  /** Client-chosen (the form's hidden field); a repeated POST with it never registers twice. */
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,100}$/)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type RegistrationInput = z.input<typeof RegistrationInput>;

/** A meeting as pages and mails read it. */
export type Meeting = {
  id: string;
  organisationId: string;
  organisationName: string;
  slug: string;
  title: string;
  description: string;
  municipalityCode: string | null;
  municipalityName: string | null;
  countyCode: string | null;
  countyName: string | null;
  sniCodes: string[];
  themes: string[];
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  onlineUrl: string | null;
  place: string | null;
  agenda: string;
  capacity: number | null;
  registrationDeadline: Date | null;
  status: MeetingStatus;
  icsSequence: number;
  surveyId: string | null;
  followupCampaignId: string | null;
  packId: string | null;
  clonedFromId: string | null;
  heldAt: Date | null;
  cancelledAt: Date | null;
  organisations: { id: string; name: string }[];
  speakers: {
    name: string;
    role: string | null;
    organisationId: string | null;
    organisationName: string | null;
  }[];
  offers: { id: string; name: string; organisationName: string }[];
  registeredCount: number;
  waitingCount: number;
};

/** A registration as the organiser sees it. */
export type Registration = {
  id: string;
  meetingId: string;
  companyId: string | null;
  orgNumber: string | null;
  companyName: string | null;
  personName: string;
  email: string;
  phone: string | null;
  dietaryNeeds: string | null;
  accessibilityNeeds: string | null;
  locale: "sv" | "en";
  status: RegistrationStatus;
  attended: boolean | null;
  promotedAt: Date | null;
  cancelledAt: Date | null;
  followupSentAt: Date | null;
  createdAt: Date;
};
