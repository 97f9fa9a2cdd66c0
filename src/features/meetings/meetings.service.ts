import type { Db } from "#src/db/client.ts";
import { inTransaction } from "#src/db/transaction.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { activeThemeCodes } from "#src/features/needs/needs.service.ts";
import { listOffersByIds } from "#src/features/offers/offers.service.ts";
import { findExistingOrganisationIds } from "#src/features/organisations/organisations.service.ts";
import { getCounties, getMunicipalities, getSniCodes } from "#src/features/reference/reference.service.ts";
import { getPublishedVersion, getSurvey } from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { formatStockholmLocal, parseStockholmLocal, stockholmInstant } from "#src/shared/stockholm-time.ts";
import { type MeetingMailSettings, notifyRegistrants } from "./meetings.notify.ts";
import { canManageMeetings, canOrganiseMeetings, meetingScope } from "./meetings.policy.ts";
import * as repository from "./meetings.repository.ts";
import { type Meeting, type MeetingData, MeetingInput } from "./meetings.schemas.ts";

// Planning meetings: create, edit (registrants hear about a new time or place as a calendar update), publish,
// cancel (a calendar cancellation to everyone registered), clone to another municipality or industry.
// Registration, attendance and the follow-up survey are in meetings.registration.ts.

/** Turns rows into meetings with their presenters, speakers and highlighted offers. */
async function toMeetings(db: Db, rows: repository.MeetingRow[]): Promise<Meeting[]> {
  const parts = await repository.meetingParts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    slug: row.slug,
    title: row.title,
    description: row.description,
    municipalityCode: row.municipality_code,
    municipalityName: row.municipality_name,
    countyCode: row.county_code,
    countyName: row.county_name,
    sniCodes: row.sni_codes,
    themes: row.themes,
    startsAt: row.starts_at,
    endsAt: new Date(row.starts_at.getTime() + row.duration_minutes * 60_000),
    durationMinutes: row.duration_minutes,
    onlineUrl: row.online_url,
    place: row.place,
    agenda: row.agenda,
    capacity: row.capacity,
    registrationDeadline: row.registration_deadline,
    status: row.status,
    icsSequence: row.ics_sequence,
    surveyId: row.survey_id,
    followupCampaignId: row.followup_campaign_id,
    packId: row.pack_id,
    clonedFromId: row.cloned_from_id,
    heldAt: row.held_at,
    cancelledAt: row.cancelled_at,
    organisations: parts.organisations
      .filter((o) => o.meeting_id === row.id)
      .map(({ id, name }) => ({ id, name })),
    speakers: parts.speakers
      .filter((s) => s.meeting_id === row.id)
      .map((s) => ({
        name: s.name,
        role: s.role,
        organisationId: s.organisation_id,
        organisationName: s.organisation_name,
      })),
    offers: parts.offers
      .filter((o) => o.meeting_id === row.id)
      .map((o) => ({ id: o.id, name: o.name, organisationName: o.organisation_name })),
    registeredCount: row.registered_count ?? 0,
    waitingCount: row.waiting_count ?? 0,
  }));
}

async function oneMeeting(db: Db, row: repository.MeetingRow | undefined): Promise<Meeting> {
  if (!row) throw new AppError("NOT_FOUND", "No such meeting.");
  return (await toMeetings(db, [row]))[0]!;
}

/** A meeting by id as it is now (services re-read it instead of trusting a copy a page held). */
export async function meetingById(db: Db, id: string): Promise<Meeting> {
  return oneMeeting(db, await repository.findMeeting(db, id));
}

/** The last moment to register: the deadline, or the start when there is none. */
export function registrationClosesAt(meeting: Pick<Meeting, "registrationDeadline" | "startsAt">): Date {
  return meeting.registrationDeadline ?? meeting.startsAt;
}

/** Whether the public may register now. */
export function isRegistrationOpen(meeting: Meeting, now = new Date()): boolean {
  return meeting.status === "published" && now < registrationClosesAt(meeting);
}

/** Published, cancelled and held meetings for the public pages: upcoming soonest first, or past latest first. */
export async function listPublicMeetings(
  db: Db,
  when: "upcoming" | "past",
  now = new Date(),
): Promise<Meeting[]> {
  const rows = await repository.listMeetings(db, {
    statuses: when === "upcoming" ? ["published", "cancelled"] : ["published", "held"],
    ...(when === "upcoming" ? { from: now } : { to: now, order: "desc" as const, limit: 50 }),
  });
  return toMeetings(db, rows);
}

/** A meeting on its public page (drafts are not public). */
export async function getPublicMeeting(db: Db, slug: string): Promise<Meeting> {
  const row = await repository.findMeetingBySlug(db, slug);
  if (!row || row.status === "draft") throw new AppError("NOT_FOUND", "No such meeting.");
  return oneMeeting(db, row);
}

/** The meetings the actor organises, latest first. */
export async function listManagedMeetings(db: Db, actor: AuditActor): Promise<Meeting[]> {
  if (actor.kind !== "system" && !canOrganiseMeetings(actor)) {
    throw new AppError("FORBIDDEN", "Only admins and navigators organise meetings.");
  }
  const scope = actor.kind === "system" ? { kind: "all" as const } : meetingScope(actor);
  return toMeetings(db, await repository.listMeetings(db, { scope, order: "desc" }));
}

/** A meeting for its organiser (FORBIDDEN shows as NOT_FOUND: others do not learn it exists as a draft). */
export async function getManagedMeeting(db: Db, slug: string, actor: AuditActor): Promise<Meeting> {
  const row = await repository.findMeetingBySlug(db, slug);
  if (!row || !canManageMeetings(actor, row.organisation_id))
    throw new AppError("NOT_FOUND", "No such meeting.");
  return oneMeeting(db, row);
}

/** Checks codes and references against the database; messages per field in Swedish and English. */
async function checkReferences(db: Db, data: MeetingData): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (data.municipalityCode) {
    const codes = new Set((await getMunicipalities(db)).map((m) => m.code));
    if (!codes.has(data.municipalityCode)) {
      errors.municipalityCode = {
        sv: "Välj en kommun i listan.",
        en: "Choose a municipality from the list.",
      };
    }
  }
  if (data.countyCode) {
    const codes = new Set((await getCounties(db)).map((c) => c.code));
    if (!codes.has(data.countyCode))
      errors.countyCode = { sv: "Välj ett län i listan.", en: "Choose a county." };
  }
  if (data.sniCodes.length > 0) {
    const known = new Set((await getSniCodes(db)).codes.map((c) => c.code));
    const unknown = data.sniCodes.filter((code) => !known.has(code));
    if (unknown.length > 0) {
      errors.sniCodes = {
        sv: `Okänd SNI-kod: ${unknown.join(", ")}.`,
        en: `Unknown SNI code: ${unknown.join(", ")}.`,
      };
    }
  }
  if (data.themes.length > 0) {
    const themes = await activeThemeCodes(db);
    const unknown = data.themes.filter((code) => !themes.has(code));
    if (unknown.length > 0) {
      errors.themes = {
        sv: `Okänt tema: ${unknown.join(", ")}.`,
        en: `Unknown theme: ${unknown.join(", ")}.`,
      };
    }
  }
  const organisationIds = [...data.organisationIds, ...data.speakers.flatMap((s) => s.organisationId ?? [])];
  if (organisationIds.length > 0) {
    const existing = new Set(await findExistingOrganisationIds(db, [...new Set(organisationIds)]));
    if (organisationIds.some((id) => !existing.has(id))) {
      errors.organisationIds = {
        sv: "Välj organisationer i listan.",
        en: "Choose organisations from the list.",
      };
    }
  }
  if (data.offerIds.length > 0) {
    const offers = await listOffersByIds(db, data.offerIds);
    if (offers.length !== new Set(data.offerIds).size) {
      errors.offerIds = { sv: "Välj erbjudanden i listan.", en: "Choose offers from the list." };
    }
  }
  if (data.surveyId) {
    const survey = await getSurvey(db, data.surveyId).catch(() => undefined);
    const published = survey && (await getPublishedVersion(db, survey.id).catch(() => undefined));
    if (!survey || survey.organisationId !== data.organisationId || survey.kind !== "needs" || !published) {
      errors.surveyId = {
        sv: "Välj en publicerad behovsenkät som tillhör arrangören.",
        en: "Choose a published needs survey of the organiser.",
      };
    }
  }
  return errors;
}

/** Validates a meeting form; returns the columns. Throws FieldValidationError with every bad field. */
async function checkMeeting(db: Db, input: unknown) {
  const parsed = MeetingInput.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error);
    // The schema's own rules say in English what is wrong; say it in Swedish too.
    for (const issue of parsed.error.issues) {
      if (issue.code !== "custom") continue;
      const field = issue.path.join(".");
      if (field === "place")
        fields.place = { sv: "Ange en plats eller en länk till det digitala mötet.", en: issue.message };
      if (field === "countyCode")
        fields.countyCode = { sv: "Välj en kommun eller ett län, inte båda.", en: issue.message };
    }
    throw new FieldValidationError(fields);
  }
  const data = parsed.data;
  const errors = await checkReferences(db, data);
  const startsAt = stockholmInstant(data.date, `${data.time}:00`);
  let deadline: Date | null = null;
  if (data.registrationDeadline) {
    const parsedDeadline = parseStockholmLocal(data.registrationDeadline);
    if (parsedDeadline === "invalid" || parsedDeadline === undefined) {
      errors.registrationDeadline = { sv: "Skriv datum och tid.", en: "Give a date and a time." };
    } else if (parsedDeadline > startsAt) {
      errors.registrationDeadline = {
        sv: "Sista anmälningsdag kan inte vara efter att träffen börjat.",
        en: "Registration cannot close after the meeting has started.",
      };
    } else deadline = parsedDeadline;
  }
  if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  return { data, startsAt, deadline };
}

function slugBase(title: string, startsAt: Date): string {
  const words = title
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  return `${words || "trff"}-${startsAt.toISOString().slice(0, 10)}`;
}

async function freeSlug(db: Db, title: string, startsAt: Date): Promise<string> {
  const base = slugBase(title, startsAt);
  for (let n = 1; n < 100; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await repository.isSlugTaken(db, slug))) return slug;
  }
  throw new AppError("CONFLICT", "Could not find a free link for this meeting.");
}

/** Creates a meeting as a draft (from the form, a pack or a clone). Audited. */
export async function createMeeting(
  db: Db,
  input: unknown,
  meta: AuditMeta,
  options: { clonedFromId?: string } = {},
): Promise<Meeting> {
  const { data, startsAt, deadline } = await checkMeeting(db, input);
  if (!canManageMeetings(meta.actor, data.organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's admins and navigators create its meetings.");
  }
  const id = await inTransaction(db, async (trx) => {
    const id = await repository.insertMeeting(trx, {
      ...columnsOf(data, startsAt, deadline),
      slug: await freeSlug(trx, data.title, startsAt),
      organisation_id: data.organisationId,
      pack_id: data.packId ?? null,
      cloned_from_id: options.clonedFromId ?? null,
      created_by_user_id: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    await repository.replaceMeetingParts(trx, id, data);
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "meeting",
      recordId: id,
      organisationId: data.organisationId,
      details: { title: data.title, ...(options.clonedFromId ? { clonedFrom: options.clonedFromId } : {}) },
    });
    return id;
  });
  return oneMeeting(db, await repository.findMeeting(db, id));
}

function columnsOf(data: MeetingData, startsAt: Date, deadline: Date | null) {
  return {
    title: data.title,
    description: data.description,
    municipality_code: data.municipalityCode ?? null,
    county_code: data.countyCode ?? null,
    sni_codes: data.sniCodes,
    themes: data.themes,
    starts_at: startsAt,
    duration_minutes: data.durationMinutes,
    online_url: data.onlineUrl ?? null,
    place: data.place ?? null,
    agenda: data.agenda,
    capacity: data.capacity ?? null,
    registration_deadline: deadline,
    survey_id: data.surveyId ?? null,
  };
}

/**
 * Changes a meeting. When a published meeting's time, length, place, link or title changes, the calendar
 * sequence goes up and everyone registered gets an update with the same UID. Audited.
 */
export async function updateMeeting(
  db: Db,
  meetingId: string,
  input: unknown,
  meta: AuditMeta,
  settings: MeetingMailSettings,
): Promise<Meeting> {
  const current = await repository.findMeeting(db, meetingId);
  if (!current || !canManageMeetings(meta.actor, current.organisation_id)) {
    throw new AppError("NOT_FOUND", "No such meeting.");
  }
  if (current.status === "cancelled" || current.status === "held") {
    throw new AppError("CONFLICT", "A cancelled or held meeting cannot be changed.");
  }
  const { data, startsAt, deadline } = await checkMeeting(db, {
    ...(input as object),
    organisationId: current.organisation_id,
  });
  const columns = columnsOf(data, startsAt, deadline);
  const changes = [
    current.starts_at.getTime() !== startsAt.getTime() || current.duration_minutes !== data.durationMinutes
      ? "time"
      : undefined,
    (current.place ?? null) !== columns.place ? "place" : undefined,
    (current.online_url ?? null) !== columns.online_url ? "link" : undefined,
    current.title !== data.title ? "title" : undefined,
  ].filter((c): c is string => c !== undefined);
  const notify = current.status === "published" && changes.length > 0;
  await inTransaction(db, async (trx) => {
    await repository.lockMeeting(trx, meetingId);
    await repository.updateMeeting(trx, meetingId, {
      ...columns,
      ...(notify ? { ics_sequence: current.ics_sequence + 1 } : {}),
    });
    await repository.replaceMeetingParts(trx, meetingId, data);
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "meeting",
      recordId: meetingId,
      organisationId: current.organisation_id,
      details: { changes },
    });
    if (notify) {
      const meeting = await oneMeeting(trx, await repository.findMeeting(trx, meetingId));
      await notifyRegistrants(trx, meeting, settings, { kind: "updated", changes });
    }
  });
  return oneMeeting(db, await repository.findMeeting(db, meetingId));
}

/** Publishes a draft: its page and registration open. Audited. */
export async function publishMeeting(db: Db, meetingId: string, meta: AuditMeta): Promise<void> {
  await changeStatus(db, meetingId, meta, ["draft"], "published");
}

/** Cancels a meeting: everyone registered or waiting gets a calendar cancellation. Audited. */
export async function cancelMeeting(
  db: Db,
  meetingId: string,
  meta: AuditMeta,
  settings: MeetingMailSettings,
): Promise<void> {
  await changeStatus(db, meetingId, meta, ["draft", "published"], "cancelled", async (trx, meeting) => {
    if (meeting.status === "cancelled")
      await notifyRegistrants(trx, meeting, settings, { kind: "cancelled" });
  });
}

/** Moves a meeting between statuses under its row lock; `after` runs in the same transaction. */
export async function changeStatus(
  db: Db,
  meetingId: string,
  meta: AuditMeta,
  from: readonly Meeting["status"][],
  to: Meeting["status"],
  after?: (trx: Db, meeting: Meeting) => Promise<void>,
  now = new Date(),
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await repository.lockMeeting(trx, meetingId);
    if (!row || !canManageMeetings(meta.actor, row.organisation_id)) {
      throw new AppError("NOT_FOUND", "No such meeting.");
    }
    if (!from.includes(row.status)) {
      throw new AppError("CONFLICT", `A ${row.status} meeting cannot become ${to}.`);
    }
    await repository.updateMeeting(trx, meetingId, {
      status: to,
      ...(to === "cancelled" ? { cancelled_at: now, ics_sequence: row.ics_sequence + 1 } : {}),
      ...(to === "held" ? { held_at: now } : {}),
    });
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "meeting",
      recordId: meetingId,
      organisationId: row.organisation_id,
      details: { status: to },
    });
    if (after) await after(trx, await oneMeeting(trx, await repository.findMeeting(trx, meetingId)));
  });
}

/**
 * Clones a meeting to another municipality, county or industry as a new draft with the same agenda,
 * speakers, presenters, highlighted offers and survey; the organiser picks the new date and place.
 */
export async function cloneMeeting(
  db: Db,
  meetingId: string,
  input: unknown,
  meta: AuditMeta,
): Promise<Meeting> {
  const source = await repository.findMeeting(db, meetingId);
  if (!source || !canManageMeetings(meta.actor, source.organisation_id)) {
    throw new AppError("NOT_FOUND", "No such meeting.");
  }
  return createMeeting(db, input, meta, { clonedFromId: source.id });
}

/** The form values that copy a meeting (for the clone form and editing). */
export function meetingFormValues(meeting: Meeting): Record<string, unknown> {
  const [date, time] = formatStockholmLocal(meeting.startsAt).split("T");
  return {
    organisationId: meeting.organisationId,
    title: meeting.title,
    description: meeting.description,
    municipalityCode: meeting.municipalityCode ?? "",
    countyCode: meeting.countyCode ?? "",
    sniCodes: meeting.sniCodes,
    themes: meeting.themes,
    date,
    time,
    durationMinutes: meeting.durationMinutes,
    onlineUrl: meeting.onlineUrl ?? "",
    place: meeting.place ?? "",
    agenda: meeting.agenda,
    capacity: meeting.capacity ?? "",
    registrationDeadline: meeting.registrationDeadline
      ? formatStockholmLocal(meeting.registrationDeadline)
      : "",
    organisationIds: meeting.organisations.map((o) => o.id),
    speakers: meeting.speakers.map((s) => ({
      name: s.name,
      role: s.role ?? "",
      organisationId: s.organisationId ?? "",
    })),
    offerIds: meeting.offers.map((o) => o.id),
    surveyId: meeting.surveyId ?? "",
    packId: meeting.packId ?? "",
  };
}
