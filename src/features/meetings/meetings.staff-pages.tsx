import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { casesMessages } from "#src/features/cases/cases.messages.ts";
import { intakeMessages } from "#src/features/intake-pages/intake-pages.messages.ts";
import { formChoices, reviewRows } from "#src/features/intake-pages/intake-pages.model.ts";
import { getPack, type IndustryPack } from "#src/features/packs/packs.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { getSurvey } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { formatDate, pick } from "#src/shared/i18n.ts";
import { isUuid } from "#src/shared/ids.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import type { MeetingMailSettings } from "./meetings.notify.ts";
import { canOrganiseMeetings } from "./meetings.policy.ts";
import { listRegistrationsFor, markHeld, setAttendance } from "./meetings.registration.ts";
import { meetingOutcome } from "./meetings.report.ts";
import type { Meeting } from "./meetings.schemas.ts";
import { cancelMeeting, getManagedMeeting, listManagedMeetings, publishMeeting } from "./meetings.service.ts";
import {
  emptyMeetingForm,
  type MeetingFormValues,
  meetingForm,
  PACK_SURVEY_PREFIX,
  readMeetingForm,
} from "./meetings.staff-form.ts";
import { type MeetingFormModel, MeetingFormView } from "./meetings.staff-form-view.tsx";
import { type MeetingsStaffT, meetingsStaffMessages } from "./meetings.staff-messages.ts";
import type { OutcomeModel } from "./meetings.staff-outcome-view.tsx";
import { formOptions, saveMeetingForm } from "./meetings.staff-save.ts";
import { MeetingListView, MeetingPageView, STAFF_PATH } from "./meetings.staff-views.tsx";

// /admin/traffar: the organisers' pages. Thin: read the form, ask the meetings services (which decide access,
// audit and queue the mails), show the answer. People who organise no meetings get 403; a meeting of an
// organisation the actor does not manage is 404, as the service answers. Forms keep what was typed and
// show each error next to its field; every change redirects (303) to the meeting page with a notice.

const NOTICE_COOKIE = "lots_meeting_notice";
const NOTICES = [
  "created",
  "saved",
  "savedNotified",
  "cloned",
  "published",
  "cancelled",
  "held",
  "attendance",
  "attendanceSent",
] as const;
type Notice = (typeof NOTICES)[number];

const meta = (c: Context<AppEnv>) => auditContext(c);

/** What the meeting mails need from the configuration. */
function mailSettings(c: Context<AppEnv>): MeetingMailSettings {
  const { config } = c.var.deps;
  return { publicUrl: config.publicUrl, networkName: config.networkName, mailFrom: config.mailFrom };
}

function assertOrganiser(c: Context<AppEnv>) {
  if (!canOrganiseMeetings(c.var.actor)) {
    throw new AppError("FORBIDDEN", "Only admins and navigators organise meetings.");
  }
}

function setNotice(c: Context<AppEnv>, notice: Notice, count?: number) {
  setCookie(c, NOTICE_COOKIE, count === undefined ? notice : `${notice}.${count}`, {
    path: STAFF_PATH,
    httpOnly: true,
    sameSite: "Lax",
    maxAge: 60,
  });
}

function takeNotice(c: Context<AppEnv>, t: MeetingsStaffT): string | undefined {
  const match = /^([A-Za-z]+)(?:\.(\d{1,6}))?$/.exec(getCookie(c, NOTICE_COOKIE) ?? "");
  const notice = NOTICES.find((n) => n === match?.[1]);
  if (!notice) return undefined;
  deleteCookie(c, NOTICE_COOKIE, { path: STAFF_PATH });
  return t(`notice.${notice}`, { count: match?.[2] ?? "0" });
}

/** The meeting of the path, for its organiser (403 for those who organise none, 404 for others). */
async function managedMeeting(c: Context<AppEnv>): Promise<Meeting> {
  assertOrganiser(c);
  return getManagedMeeting(c.var.deps.db, c.req.param("slug") ?? "", c.var.actor);
}

/** A pack by id or slug, or undefined when it is gone (a stale hidden field must not break the form). */
async function packOrNothing(c: Context<AppEnv>, idOrSlug: string): Promise<IndustryPack | undefined> {
  if (!idOrSlug) return undefined;
  try {
    return await getPack(c.var.deps.db, idOrSlug);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

type FormMode = { mode: "new" } | { mode: "edit"; meeting: Meeting } | { mode: "clone"; meeting: Meeting };

async function showForm(
  c: Context<AppEnv>,
  how: FormMode,
  values: MeetingFormValues,
  errors: FormError[] = [],
  status: 200 | 400 = 200,
) {
  const t = meetingsStaffMessages(c.var.locale);
  const packId = values.packId || values.surveyId.replace(PACK_SURVEY_PREFIX, "");
  const pack = isUuid(packId) ? await packOrNothing(c, packId) : undefined;
  const options = await formOptions(c, how.mode === "edit" ? how.meeting.organisationId : undefined, pack);
  if (options.organisers.length === 0) throw new AppError("FORBIDDEN", "You may not organise meetings.");
  const meetingPath = how.mode === "new" ? "" : `${STAFF_PATH}/${how.meeting.slug}`;
  const model: MeetingFormModel = {
    mode: how.mode,
    heading:
      how.mode === "new"
        ? t("form.newTitle")
        : t(how.mode === "edit" ? "form.editTitle" : "form.cloneTitle", { title: how.meeting.title }),
    action:
      how.mode === "new"
        ? `${STAFF_PATH}/ny`
        : `${meetingPath}/${how.mode === "edit" ? "redigera" : "klona"}`,
    back:
      how.mode === "new"
        ? { href: STAFF_PATH, label: t("form.back") }
        : { href: meetingPath, label: t("form.backMeeting") },
    values,
    errors,
    options,
    ...(how.mode === "edit" ? { organiserName: how.meeting.organisationName } : {}),
    ...(pack && how.mode !== "edit" ? { packName: pick(c.var.locale, pack.nameSv, pack.nameEn) } : {}),
    csrfToken: c.var.csrfToken,
  };
  return renderPage(
    c,
    errors.length > 0 ? `${t("form.errors")} ${model.heading}` : model.heading,
    <MeetingFormView t={t} model={model} />,
    status,
  );
}

/** The outcome of a meeting as texts for the page. */
async function outcomeModel(
  c: Context<AppEnv>,
  meeting: Meeting,
  themeNames: Map<string, string>,
): Promise<OutcomeModel> {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = meetingsStaffMessages(locale);
  const outcome = await meetingOutcome(db, meeting, meta(c));
  if (!outcome.campaign) return { started: false, answers: undefined, needs: undefined, cases: undefined };
  const choices = outcome.responses ? await formChoices(db, locale) : undefined;
  const caseT = casesMessages(locale);
  return {
    started: true,
    answers: outcome.responses?.map(({ response, version }) => ({
      company: response.companyName ?? t("page.erased"),
      date: formatDate(response.createdAt),
      rows: reviewRows(version.questions, response.answers, choices!, locale, intakeMessages(locale)),
    })),
    needs: outcome.needs?.map((need) => ({
      theme: themeNames.get(need.theme) ?? need.theme,
      urgency: t(`urgency.${need.urgency}`),
      company: need.companyName ?? t("page.erased"),
    })),
    cases: outcome.cases?.map((row) => ({
      id: row.id,
      number: row.number,
      status: caseT(`status.${row.status}` as Parameters<typeof caseT>[0]),
      company: row.company_name ?? t("page.erased"),
    })),
  };
}

async function showMeeting(
  c: Context<AppEnv>,
  meeting: Meeting,
  errors: FormError[] = [],
  status: 200 | 400 = 200,
) {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = meetingsStaffMessages(locale);
  const themeNames = new Map(
    (await reference.getNeedThemes(db)).map((th) => [th.code, pick(locale, th.label_sv, th.label_en)]),
  );
  const pack = meeting.packId ? await packOrNothing(c, meeting.packId) : undefined;
  const survey = meeting.surveyId ? await getSurvey(db, meeting.surveyId).catch(() => undefined) : undefined;
  return renderPage(
    c,
    meeting.title,
    <MeetingPageView
      t={t}
      locale={locale}
      model={{
        meeting,
        notice: status === 200 ? takeNotice(c, t) : undefined,
        errors,
        csrfToken: c.var.csrfToken,
        now: new Date(),
        themeNames,
        packName: pack ? pick(locale, pack.nameSv, pack.nameEn) : undefined,
        surveyName: survey?.name,
        registrations: await listRegistrationsFor(db, meeting, meta(c)),
        outcome: await outcomeModel(c, meeting, themeNames),
      }}
    />,
    status,
  );
}

type Body = Record<string, string | File | (string | File)[]>;

/** The attendance form's choices: `attended.<registration id>` = yes | no | unknown. */
function attendanceFrom(body: Body): Record<string, boolean | null> {
  const attendance: Record<string, boolean | null> = {};
  for (const [key, value] of Object.entries(body)) {
    const id = /^attended\.(.+)$/.exec(key)?.[1];
    if (!id || !isUuid(id)) continue;
    const choice = Array.isArray(value) ? value[0] : value;
    if (choice === "yes") attendance[id] = true;
    else if (choice === "no") attendance[id] = false;
    else if (choice === "unknown") attendance[id] = null;
  }
  return attendance;
}

/** The organisers' meeting pages under /admin/traffar. */
export function meetingsStaffPages() {
  const app = new Hono<AppEnv>();

  app.get(STAFF_PATH, requireUser, async (c) => {
    const actor = c.var.actor;
    const meetings = await listManagedMeetings(c.var.deps.db, actor);
    const now = Date.now();
    const upcoming = meetings.filter((m) => m.startsAt.getTime() >= now).reverse();
    const past = meetings.filter((m) => m.startsAt.getTime() < now);
    const t = meetingsStaffMessages(c.var.locale);
    return renderPage(
      c,
      t("list.title"),
      <MeetingListView
        t={t}
        locale={c.var.locale}
        model={{
          upcoming,
          past,
          showOrganiser: isPlatformAdmin(actor) || new Set(meetings.map((m) => m.organisationId)).size > 1,
          canCreate: true,
        }}
      />,
    );
  });

  app.get(`${STAFF_PATH}/ny`, requireUser, async (c) => {
    assertOrganiser(c);
    const slug = c.req.query("paket")?.trim() ?? "";
    const pack = slug ? await getPack(c.var.deps.db, slug) : undefined;
    const options = await formOptions(c, undefined, undefined);
    const values = emptyMeetingForm(options.organisers[0]?.value ?? "");
    if (pack) {
      values.packId = pack.id;
      values.sniCodes = pack.sniCodes.join(", ");
      values.themes = [...pack.themes];
      values.offerIds = [...pack.offerIds];
      values.surveyId = pack.surveyId ? `${PACK_SURVEY_PREFIX}${pack.id}` : "";
    }
    return showForm(c, { mode: "new" }, values);
  });

  app.post(`${STAFF_PATH}/ny`, requireUser, async (c) => {
    assertOrganiser(c);
    const values = readMeetingForm((await c.req.parseBody({ all: true })) as Body);
    const result = await saveMeetingForm(c, values, { kind: "create" });
    if ("errors" in result) return showForm(c, { mode: "new" }, values, result.errors, 400);
    setNotice(c, "created");
    return c.redirect(`${STAFF_PATH}/${result.meeting.slug}`, 303);
  });

  app.get(`${STAFF_PATH}/:slug`, requireUser, async (c) => showMeeting(c, await managedMeeting(c)));

  app.get(`${STAFF_PATH}/:slug/redigera`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    if (meeting.status === "held" || meeting.status === "cancelled") {
      throw new AppError("CONFLICT", "A cancelled or held meeting cannot be changed.");
    }
    return showForm(c, { mode: "edit", meeting }, meetingForm(meeting));
  });

  app.post(`${STAFF_PATH}/:slug/redigera`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    const values = {
      ...readMeetingForm((await c.req.parseBody({ all: true })) as Body),
      organisationId: meeting.organisationId,
    };
    const result = await saveMeetingForm(c, values, { kind: "update", meeting, settings: mailSettings(c) });
    if ("errors" in result) return showForm(c, { mode: "edit", meeting }, values, result.errors, 400);
    // The service raises the calendar sequence exactly when registrants get an updated invitation.
    if (result.meeting.icsSequence > meeting.icsSequence)
      setNotice(c, "savedNotified", result.meeting.registeredCount);
    else setNotice(c, "saved");
    return c.redirect(`${STAFF_PATH}/${result.meeting.slug}`, 303);
  });

  app.get(`${STAFF_PATH}/:slug/klona`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    const options = await formOptions(c, undefined, undefined);
    const values = { ...meetingForm(meeting), date: "", registrationDeadline: "" };
    if (!options.organisers.some((o) => o.value === values.organisationId)) {
      values.organisationId = options.organisers[0]?.value ?? "";
    }
    return showForm(c, { mode: "clone", meeting }, values);
  });

  app.post(`${STAFF_PATH}/:slug/klona`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    const values = readMeetingForm((await c.req.parseBody({ all: true })) as Body);
    const result = await saveMeetingForm(c, values, { kind: "clone", source: meeting });
    if ("errors" in result) return showForm(c, { mode: "clone", meeting }, values, result.errors, 400);
    setNotice(c, "cloned");
    return c.redirect(`${STAFF_PATH}/${result.meeting.slug}`, 303);
  });

  app.post(`${STAFF_PATH}/:slug/publicera`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    await publishMeeting(c.var.deps.db, meeting.id, meta(c));
    setNotice(c, "published");
    return c.redirect(`${STAFF_PATH}/${meeting.slug}`, 303);
  });

  app.post(`${STAFF_PATH}/:slug/installa`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    const body = await c.req.parseBody();
    if (body.confirm !== "yes") {
      const t = meetingsStaffMessages(c.var.locale);
      return showMeeting(
        c,
        meeting,
        [{ fieldId: "meeting-cancel-confirm", message: t("page.cancelMissing") }],
        400,
      );
    }
    await cancelMeeting(c.var.deps.db, meeting.id, meta(c), mailSettings(c));
    setNotice(c, "cancelled");
    return c.redirect(`${STAFF_PATH}/${meeting.slug}`, 303);
  });

  app.post(`${STAFF_PATH}/:slug/genomford`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    // A second click (or a reload of the POST) finds the meeting held: nothing is sent twice.
    const { followUpsSent } =
      meeting.status === "held"
        ? { followUpsSent: 0 }
        : await markHeld(c.var.deps.db, meeting, { settings: mailSettings(c), meta: meta(c) });
    setNotice(c, "held", followUpsSent);
    return c.redirect(`${STAFF_PATH}/${meeting.slug}`, 303);
  });

  app.post(`${STAFF_PATH}/:slug/narvaro`, requireUser, async (c) => {
    const meeting = await managedMeeting(c);
    const attendance = attendanceFrom((await c.req.parseBody({ all: true })) as Body);
    const { followUpsSent } = await setAttendance(c.var.deps.db, meeting, attendance, {
      settings: mailSettings(c),
      meta: meta(c),
    });
    if (followUpsSent > 0) setNotice(c, "attendanceSent", followUpsSent);
    else setNotice(c, "attendance");
    return c.redirect(`${STAFF_PATH}/${meeting.slug}`, 303);
  });

  return app;
}
