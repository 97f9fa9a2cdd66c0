import { createRoute, z } from "@hono/zod-openapi";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { clientIp, rateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import type { MeetingMailSettings } from "./meetings.notify.ts";
import { register } from "./meetings.registration.ts";
import type { Meeting } from "./meetings.schemas.ts";
import {
  getPublicMeeting,
  isRegistrationOpen,
  listPublicMeetings,
  registrationClosesAt,
} from "./meetings.service.ts";

// /api/v1/meetings: the public information meetings, for a municipality's own website or calendar, and
// registration without an account (what the public form does). Drafts are never shown; the digital link is
// only in the confirmation mail, never in the API.

const tags = ["Meetings"];

/** Registrations per client address and hour, on the public form and the API together (mail is sent to any address given). */
export const REGISTRATION_LIMITS = { limit: 30, windowSeconds: 3600 } as const;

const MeetingSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    status: z.enum(["published", "held", "cancelled"]),
    startsAt: z
      .string()
      .openapi({ description: "ISO 8601 instant; shown in Swedish time (Europe/Stockholm)" }),
    endsAt: z.string(),
    municipality: z.object({ code: z.string(), name: z.string() }).nullable(),
    county: z.object({ code: z.string(), name: z.string() }).nullable(),
    digital: z
      .boolean()
      .openapi({ description: "The meeting has a digital link (sent with the confirmation)" }),
    place: z.string().nullable(),
    sniCodes: z.array(z.string()),
    themes: z.array(z.string()),
    agenda: z.array(z.string()),
    organiser: z.object({ id: z.string(), name: z.string() }),
    presenters: z.array(z.object({ id: z.string(), name: z.string() })),
    speakers: z.array(
      z.object({ name: z.string(), role: z.string().nullable(), organisation: z.string().nullable() }),
    ),
    offers: z.array(z.object({ id: z.string(), name: z.string(), organisation: z.string() })),
    capacity: z.number().int().nullable(),
    placesLeft: z.number().int().nullable(),
    registrationOpen: z.boolean(),
    registrationClosesAt: z.string(),
    url: z.string().openapi({ description: "The public meeting page" }),
  })
  .openapi("Meeting");

function toApi(meeting: Meeting, publicUrl: string): z.infer<typeof MeetingSchema> {
  return {
    slug: meeting.slug,
    title: meeting.title,
    description: meeting.description,
    status: meeting.status === "draft" ? "published" : meeting.status,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    municipality: meeting.municipalityCode
      ? { code: meeting.municipalityCode, name: meeting.municipalityName ?? meeting.municipalityCode }
      : null,
    county: meeting.countyCode
      ? { code: meeting.countyCode, name: meeting.countyName ?? meeting.countyCode }
      : null,
    digital: meeting.onlineUrl !== null,
    place: meeting.place,
    sniCodes: meeting.sniCodes,
    themes: meeting.themes,
    agenda: meeting.agenda.split("\n").filter((line) => line.trim() !== ""),
    organiser: { id: meeting.organisationId, name: meeting.organisationName },
    presenters: meeting.organisations,
    speakers: meeting.speakers.map((s) => ({ name: s.name, role: s.role, organisation: s.organisationName })),
    offers: meeting.offers.map((o) => ({ id: o.id, name: o.name, organisation: o.organisationName })),
    capacity: meeting.capacity,
    placesLeft: meeting.capacity === null ? null : Math.max(0, meeting.capacity - meeting.registeredCount),
    registrationOpen: isRegistrationOpen(meeting),
    registrationClosesAt: registrationClosesAt(meeting).toISOString(),
    url: `${publicUrl}/traffar/${meeting.slug}`,
  };
}

const RegistrationRequest = z
  .object({
    orgNumber: z.string().openapi({ example: "556036-0793" }),
    companyName: z.string().openapi({ example: "Noraberg Precision AB" }),
    personName: z.string().openapi({ example: "Per Larsson" }),
    email: z.string().openapi({ example: "per.larsson@example.se" }),
    phone: z.string().optional(),
    dietaryNeeds: z.string().optional(),
    accessibilityNeeds: z.string().optional(),
  })
  .openapi("MeetingRegistrationRequest");

const RegistrationResponse = z
  .object({
    status: z.enum(["registered", "waiting"]),
    meeting: z.string().openapi({ description: "The meeting's slug" }),
    replayed: z
      .boolean()
      .openapi({ description: "True when this repeats an earlier request with the same key" }),
  })
  .openapi("MeetingRegistration");

/** The public meetings API: list, one meeting, registration (rate-limited). */
export function meetingsApi() {
  const api = createFieldApiRouter();
  api.use(
    "/meetings/:slug/registrations",
    rateLimit({ name: "meeting-registration-ip", ...REGISTRATION_LIMITS, key: (c) => clientIp(c) }),
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings",
      tags,
      summary: "Upcoming information meetings (public)",
      description:
        "Published and cancelled meetings that have not started, soonest first; `municipality` keeps those in one " +
        "municipality (SCB code). Times are instants; show them in Swedish time.",
      request: {
        query: z.object({
          municipality: z
            .string()
            .regex(/^[0-9]{4}$/)
            .optional(),
        }),
      },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(z.object({ meetings: z.array(MeetingSchema) }), "The meetings"),
        400: problem("A municipality code that is not four digits"),
      },
    }),
    async (c) => {
      const { municipality } = c.req.valid("query");
      const meetings = (await listPublicMeetings(c.var.deps.db, "upcoming")).filter(
        (m) => !municipality || m.municipalityCode === municipality,
      );
      return c.json({ meetings: meetings.map((m) => toApi(m, c.var.deps.config.publicUrl)) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/meetings/{slug}",
      tags,
      summary: "One information meeting (public)",
      request: { params: z.object({ slug: z.string().max(100) }) },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(MeetingSchema, "The meeting"),
        404: problem("No such published meeting"),
      },
    }),
    async (c) => {
      const meeting = await getPublicMeeting(c.var.deps.db, c.req.valid("param").slug);
      return c.json(toApi(meeting, c.var.deps.config.publicUrl), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/meetings/{slug}/registrations",
      tags,
      summary: "Register for a meeting without an account (public, rate-limited)",
      description:
        "What the public form does: a place when one is free, otherwise the waiting list; the confirmation with the " +
        "calendar invitation (or the waiting-list note) is mailed to `email`. One live registration per e-mail " +
        "address and meeting: a second answers 400 on `email`. Send `Idempotency-Key` (8–100 letters, digits, `-` " +
        "or `_`) to make retries safe: a repeat answers 200 with the first registration. Registration closed " +
        "(deadline passed, cancelled, held) answers 400 on `_form`. 30 registrations an hour per client address.",
      request: {
        params: z.object({ slug: z.string().max(100) }),
        headers: z.object({ "idempotency-key": z.string().max(200).optional() }),
        body: { content: { "application/json": { schema: RegistrationRequest } }, required: true },
      },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        201: json(RegistrationResponse, "Registered or on the waiting list"),
        200: json(RegistrationResponse, "A repeat of an earlier request with the same Idempotency-Key"),
        400: fieldProblem(
          "Invalid fields, already registered or registration closed; messages in Swedish and English",
        ),
        404: problem("No such published meeting"),
        429: problem("Too many registrations from this address; see Retry-After"),
      },
    }),
    async (c) => {
      const { slug } = c.req.valid("param");
      const settings: MeetingMailSettings = {
        publicUrl: c.var.deps.config.publicUrl,
        networkName: c.var.deps.config.networkName,
        mailFrom: c.var.deps.config.mailFrom,
      };
      const result = await register(
        c.var.deps.db,
        slug,
        { ...c.req.valid("json"), idempotencyKey: c.req.valid("header")["idempotency-key"] },
        { settings, locale: c.var.locale, meta: auditContext(c) },
      );
      if (!result.replayed) wakeMailWorkers(c.var.deps.db);
      const body = {
        status: result.registration.status === "waiting" ? ("waiting" as const) : ("registered" as const),
        meeting: slug,
        replayed: result.replayed,
      };
      return result.replayed ? c.json(body, 200) : c.json(body, 201);
    },
  );
  return api;
}
