import { randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import type { Db } from "#src/db/client.ts";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { CATALOGUE_PATH } from "#src/features/catalogue/catalogue.page-query.ts";
import { isPublicOffer } from "#src/features/catalogue/catalogue.service.ts";
import { wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { clientIp, rateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import { getNeedThemes, getSniCodes } from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { ANONYMOUS } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { type Locale, pick } from "#src/shared/i18n.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { REGISTRATION_LIMITS } from "./meetings.api.ts";
import type { MeetingMailSettings } from "./meetings.notify.ts";
import { MeetingPageView } from "./meetings.public-meeting-view.tsx";
import { meetingsPublicMessages } from "./meetings.public-messages.ts";
import {
  CancelView,
  MeetingListView,
  type MeetingPageModel,
  type MeetingState,
  MessageView,
  meetingHref,
  REGISTRATION_FIELDS,
  REGISTRATION_FORM_ID,
  RegisteredView,
  type RegistrationFormState,
  registrationFieldId,
} from "./meetings.public-views.tsx";
import { cancelByToken, findByCancelToken, register } from "./meetings.registration.ts";
import type { Meeting } from "./meetings.schemas.ts";
import { getPublicMeeting, listPublicMeetings, registrationClosesAt } from "./meetings.service.ts";

// The public meeting pages "Informationsträffar" (issue 9): GET /traffar lists them, GET /traffar/:slug shows
// one with its registration form, POST /traffar/:slug/anmalan registers (errors next to the fields with
// everything typed kept, or a redirect to /traffar/:slug/anmald — post/redirect/get, so a reload never posts
// again), and /traffar/avboka/:token is the registrant's cancellation page behind the link in the mail.
// No account is needed: the person is anonymous in the audit log, the form's idempotency key makes a double
// click register once, and the CSRF cookie protects the forms as everywhere else.

const PAST_SHOWN = 10;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

function tr(c: Context<AppEnv>) {
  return meetingsPublicMessages(c.var.locale);
}

function mailSettings(c: Context<AppEnv>): MeetingMailSettings {
  const { config } = c.var.deps;
  return { publicUrl: config.publicUrl, networkName: config.networkName, mailFrom: config.mailFrom };
}

/** The registrant acts for themselves, never as the staff member who may be signed in on the same browser. */
function publicMeta(c: Context<AppEnv>) {
  return { ...auditContext(c), actor: ANONYMOUS };
}

function notFound(c: Context<AppEnv>, kind: "meeting" | "link") {
  const t = tr(c);
  const title = kind === "meeting" ? t("notFound.title") : t("badLink.title");
  const text = kind === "meeting" ? t("notFound.text") : t("badLink.text");
  return renderPage(c, title, <MessageView t={t} title={title} text={text} />, 404);
}

/** The meeting behind a slug, or the 404 page (unknown or draft). */
async function loadMeeting(c: Context<AppEnv>, slug: string): Promise<Meeting | Response> {
  try {
    return await getPublicMeeting(c.var.deps.db, slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return notFound(c, "meeting");
    throw error;
  }
}

/** Whether the public may register now, and if not, why. */
export function meetingState(meeting: Meeting, now = new Date()): MeetingState {
  if (meeting.status === "cancelled") return "cancelled";
  if (meeting.status !== "published" || now >= meeting.startsAt) return "past";
  return now >= registrationClosesAt(meeting) ? "closed" : "open";
}

/** The meeting with its industries, themes and highlighted offers in words of the page's language. */
async function pageModel(db: Db, meeting: Meeting, locale: Locale): Promise<MeetingPageModel> {
  const [sni, themes, publicOffers] = await Promise.all([
    meeting.sniCodes.length > 0 ? getSniCodes(db) : { codes: [] },
    meeting.themes.length > 0 ? getNeedThemes(db) : [],
    // A highlighted offer that has since been paused or closed has no public page to link to.
    Promise.all(
      meeting.offers.map(async (offer) => ((await isPublicOffer(db, offer.id)) ? offer : undefined)),
    ),
  ]);
  return {
    meeting,
    state: meetingState(meeting),
    closesAt: registrationClosesAt(meeting),
    industries: meeting.sniCodes.map((code) => {
      const found = sni.codes.find((item) => item.code === code);
      return found ? `${code} ${pick(locale, found.name_sv, found.name_en)}` : code;
    }),
    themes: meeting.themes.map((code) => {
      const found = themes.find((item) => item.code === code);
      return found ? pick(locale, found.label_sv, found.label_en) : code;
    }),
    offers: publicOffers
      .filter((offer) => offer !== undefined)
      .map((offer) => ({
        href: `${CATALOGUE_PATH}/${offer.id}`,
        name: offer.name,
        organisationName: offer.organisationName,
      })),
  };
}

/** Field messages in the page's language, in form order; anything else (`_form`) points at the form. */
export function registrationErrors(fields: FieldErrors, locale: Locale): FormError[] {
  const message = (text: { sv: string; en: string }) => (locale === "en" ? text.en : text.sv);
  const known = new Set<string>(REGISTRATION_FIELDS);
  return [
    ...Object.entries(fields)
      .filter(([key]) => !known.has(key))
      .map(([, text]) => ({ fieldId: REGISTRATION_FORM_ID, message: message(text) })),
    ...REGISTRATION_FIELDS.filter((name) => fields[name]).map((name) => ({
      fieldId: registrationFieldId(name),
      message: message(fields[name]!),
    })),
  ];
}

async function showMeeting(
  c: Context<AppEnv>,
  meeting: Meeting,
  values: Record<string, string>,
  errors: FormError[],
  status: 200 | 400,
) {
  const t = tr(c);
  const key = values.idempotencyKey;
  const form: RegistrationFormState = {
    values,
    errors,
    csrfToken: c.var.csrfToken,
    idempotencyKey: key && IDEMPOTENCY_KEY.test(key) ? key : randomUUID(),
  };
  const model = await pageModel(c.var.deps.db, meeting, c.var.locale);
  const title = status === 400 ? `${t("form.errors")} – ${meeting.title}` : meeting.title;
  return renderPage(
    c,
    title,
    <MeetingPageView t={t} locale={c.var.locale} model={model} form={form} />,
    status,
  );
}

/** The posted form as strings (the last value of a repeated name; files are ignored). */
function formValues(body: Record<string, string | File | (string | File)[]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const last = Array.isArray(value) ? value.at(-1) : value;
    if (typeof last === "string") values[name] = last;
  }
  return values;
}

/** The cancellation page's data, or the 404 page for an unknown link. */
async function loadByToken(c: Context<AppEnv>, token: string) {
  try {
    return await findByCancelToken(c.var.deps.db, token);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return notFound(c, "link");
    throw error;
  }
}

/** The public meeting pages; mounted at the root (`app.route("/", meetingsPublicPages())`). */
export function meetingsPublicPages() {
  const app = new Hono<AppEnv>();

  app.get("/traffar", async (c) => {
    const t = tr(c);
    const db = c.var.deps.db;
    const [upcoming, past] = await Promise.all([
      listPublicMeetings(db, "upcoming"),
      listPublicMeetings(db, "past"),
    ]);
    return renderPage(
      c,
      t("list.title"),
      <MeetingListView t={t} locale={c.var.locale} upcoming={upcoming} past={past.slice(0, PAST_SHOWN)} />,
    );
  });

  // Before /traffar/:slug/…: "avboka" is never a slug (slugs end with the meeting's date).
  app.get("/traffar/avboka/:token", async (c) => {
    const token = c.req.param("token");
    const found = await loadByToken(c, token);
    if (found instanceof Response) return found;
    const t = tr(c);
    // The page names the registrant: keep it out of shared caches and the browser's back-forward cache.
    c.header("cache-control", "no-store");
    return renderPage(
      c,
      found.registration.status === "cancelled" ? t("cancel.done.title") : t("cancel.title"),
      <CancelView
        t={t}
        locale={c.var.locale}
        meeting={found.meeting}
        registration={found.registration}
        action={`/traffar/avboka/${encodeURIComponent(token)}`}
        csrfToken={c.var.csrfToken}
        cancellable={meetingState(found.meeting) === "open" || meetingState(found.meeting) === "closed"}
      />,
    );
  });

  // Cancels, then shows the same page (now "Din anmälan är avbokad") by redirect; repeating changes nothing.
  app.post("/traffar/avboka/:token", async (c) => {
    const token = c.req.param("token");
    const found = await loadByToken(c, token);
    if (found instanceof Response) return found;
    const state = meetingState(found.meeting);
    if (state === "open" || state === "closed") {
      await cancelByToken(c.var.deps.db, token, { settings: mailSettings(c), meta: publicMeta(c) });
      wakeMailWorkers(c.var.deps.db);
    }
    return c.redirect(`/traffar/avboka/${encodeURIComponent(token)}`, 303);
  });

  app.get("/traffar/:slug", async (c) => {
    const meeting = await loadMeeting(c, c.req.param("slug"));
    if (meeting instanceof Response) return meeting;
    return showMeeting(c, meeting, {}, [], 200);
  });

  // Every registration sends a mail to the address given: limited per client address, with the API's.
  app.post(
    "/traffar/:slug/anmalan",
    rateLimit({ name: "meeting-registration-ip", ...REGISTRATION_LIMITS, key: (c) => clientIp(c) }),
    async (c) => {
      const meeting = await loadMeeting(c, c.req.param("slug"));
      if (meeting instanceof Response) return meeting;
      const values = formValues(await c.req.parseBody({ all: true }));
      const input = {
        orgNumber: values.orgNumber ?? "",
        companyName: values.companyName ?? "",
        personName: values.personName ?? "",
        email: values.email ?? "",
        phone: values.phone ?? "",
        // Dietary and access needs are asked only for a meeting with a place; a digital one stores neither.
        dietaryNeeds: meeting.place ? (values.dietaryNeeds ?? "") : "",
        accessibilityNeeds: meeting.place ? (values.accessibilityNeeds ?? "") : "",
        idempotencyKey: values.idempotencyKey ?? "",
      };
      try {
        const { registration } = await register(c.var.deps.db, meeting.slug, input, {
          settings: mailSettings(c),
          locale: c.var.locale,
          meta: publicMeta(c),
        });
        wakeMailWorkers(c.var.deps.db);
        const outcome = registration.status === "waiting" ? "waiting" : "registered";
        return c.redirect(`${meetingHref(meeting.slug)}/anmald?s=${outcome}`, 303);
      } catch (error) {
        if (error instanceof FieldValidationError) {
          // Show the meeting as it is now (a place may have gone, registration may have closed meanwhile).
          const current = await loadMeeting(c, meeting.slug);
          if (current instanceof Response) return current;
          return showMeeting(c, current, values, registrationErrors(error.fields, c.var.locale), 400);
        }
        throw error;
      }
    },
  );

  app.get("/traffar/:slug/anmald", async (c) => {
    const meeting = await loadMeeting(c, c.req.param("slug"));
    if (meeting instanceof Response) return meeting;
    const t = tr(c);
    const waiting = c.req.query("s") === "waiting";
    return renderPage(
      c,
      waiting ? t("done.waiting.title") : t("done.registered.title"),
      <RegisteredView t={t} locale={c.var.locale} meeting={meeting} waiting={waiting} />,
    );
  });

  return app;
}
