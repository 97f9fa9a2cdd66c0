import { createHash, randomBytes } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import { inTransaction } from "#src/db/transaction.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { findCompanyByOrgNumber } from "#src/features/companies/companies.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { createCampaign, getCampaign } from "#src/features/surveys/surveys.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import { type MeetingMailSettings, notifyRegistration } from "./meetings.notify.ts";
import { canManageMeetings } from "./meetings.policy.ts";
import * as repository from "./meetings.repository.ts";
import { type Meeting, type Registration, RegistrationInput } from "./meetings.schemas.ts";
import { changeStatus, getPublicMeeting, meetingById, registrationClosesAt } from "./meetings.service.ts";

// Registration without an account, the waiting list, cancellation from the link in the mail, attendance,
// and the follow-up survey once a meeting is held.
//
// Capacity is decided under the meeting's row lock, so two people registering for the last place at the same
// moment get one place and one waiting-list spot. A person (e-mail address) holds at most one live
// registration per meeting: a unique index keeps it so even if two requests race past the first check.

const DAY_MS = 24 * 60 * 60_000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function toRegistration(row: Awaited<ReturnType<typeof repository.findRegistration>> & {}): Registration {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    companyId: row.company_id,
    orgNumber: row.org_number,
    companyName: row.company_name,
    personName: row.person_name,
    email: row.email,
    phone: row.phone,
    dietaryNeeds: row.dietary_needs,
    accessibilityNeeds: row.accessibility_needs,
    locale: row.locale,
    status: row.status,
    attended: row.attended,
    promotedAt: row.promoted_at,
    cancelledAt: row.cancelled_at,
    followupSentAt: row.followup_sent_at,
    createdAt: row.created_at,
  };
}

/** What a registration attempt came to. */
export type RegisterResult = {
  registration: Registration;
  /** True when this was a repeat of an earlier POST (same idempotency key): nothing new was stored. */
  replayed: boolean;
};

const ALREADY_REGISTERED = {
  sv: "Den här e-postadressen är redan anmäld till träffen. Du hittar avbokningslänken i bekräftelsemejlet.",
  en: "This e-mail address is already registered for the meeting. The cancellation link is in the confirmation mail.",
};

/**
 * Registers a person for a published meeting: a place when one is free, otherwise the waiting list; the
 * confirmation (with the calendar invitation) or the waiting-list mail goes out with the commit.
 * Throws FieldValidationError (bad input, registration closed — field `_form`, already registered — field
 * `email`); a repeat with the same idempotency key returns the first registration.
 */
export async function register(
  db: Db,
  slug: string,
  input: unknown,
  options: { settings: MeetingMailSettings; locale: Locale; meta: AuditMeta; now?: Date },
): Promise<RegisterResult> {
  const now = options.now ?? new Date();
  const meeting = await getPublicMeeting(db, slug);
  const parsed = RegistrationInput.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
  let orgNumber: string | null = null;
  const rawOrgNumber = (input as { orgNumber?: unknown } | null)?.orgNumber;
  if (typeof rawOrgNumber === "string" && rawOrgNumber.trim() !== "") {
    try {
      orgNumber = parseOrgNumber(rawOrgNumber).number;
    } catch {
      errors.orgNumber = {
        sv: "Organisationsnumret stämmer inte. Det har tio siffror, till exempel 556036-0793.",
        en: "The organisation number is not valid. It has ten digits, for example 556036-0793.",
      };
    }
  } else {
    errors.orgNumber = {
      sv: "Skriv företagets organisationsnummer.",
      en: "Give the company's organisation number.",
    };
  }
  if (!parsed.success || Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  const data = parsed.data;

  if (data.idempotencyKey) {
    const earlier = await repository.findRegistrationByKey(db, meeting.id, data.idempotencyKey);
    if (earlier) return { registration: toRegistration(earlier), replayed: true };
  }
  if (meeting.status !== "published" || now >= registrationClosesAt(meeting)) {
    throw new FieldValidationError({ _form: closedMessage(meeting, now) });
  }
  if (await repository.findLiveRegistration(db, meeting.id, data.email)) {
    throw new FieldValidationError({ email: ALREADY_REGISTERED });
  }
  const company = orgNumber ? await findCompanyByOrgNumber(db, orgNumber) : undefined;
  const token = randomBytes(32).toString("base64url");

  try {
    return await inTransaction(db, async (trx) => {
      const locked = await repository.lockMeeting(trx, meeting.id);
      if (locked?.status !== "published")
        throw new FieldValidationError({ _form: closedMessage(meeting, now) });
      const taken = await repository.countRegistered(trx, meeting.id);
      const full = locked.capacity !== null && taken >= locked.capacity;
      const row = await repository.insertRegistration(trx, {
        meeting_id: meeting.id,
        company_id: company?.id ?? null,
        org_number: orgNumber,
        company_name: data.companyName,
        person_name: data.personName,
        email: data.email,
        phone: data.phone ?? null,
        dietary_needs: data.dietaryNeeds ?? null,
        accessibility_needs: data.accessibilityNeeds ?? null,
        locale: options.locale,
        status: full ? "waiting" : "registered",
        cancel_token_hash: hashToken(token),
        idempotency_key: data.idempotencyKey ?? null,
        created_at: now,
        updated_at: now,
      });
      await notifyRegistration(trx, meeting, row, options.settings, {
        kind: full ? "waiting" : "registered",
        cancelToken: token,
      });
      await recordAudit(trx, {
        ...options.meta,
        action: "create",
        recordType: "meeting-registration",
        recordId: row.id,
        organisationId: meeting.organisationId,
        details: { meetingId: meeting.id, status: row.status },
      });
      return { registration: toRegistration(row), replayed: false };
    });
  } catch (error) {
    // Two requests raced past the first check: the unique index let one in.
    if ((error as { code?: string }).code === "23505") {
      if (data.idempotencyKey) {
        const earlier = await repository.findRegistrationByKey(db, meeting.id, data.idempotencyKey);
        if (earlier) return { registration: toRegistration(earlier), replayed: true };
      }
      throw new FieldValidationError({ email: ALREADY_REGISTERED });
    }
    throw error;
  }
}

function closedMessage(meeting: Meeting, now: Date) {
  if (meeting.status === "cancelled") return { sv: "Träffen är inställd.", en: "The meeting is cancelled." };
  if (meeting.status === "held" || now >= meeting.startsAt) {
    return { sv: "Träffen har redan varit.", en: "The meeting has already taken place." };
  }
  const when = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "long",
    timeStyle: "short",
  }).format(registrationClosesAt(meeting));
  const whenEn = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Stockholm",
    dateStyle: "long",
    timeStyle: "short",
  }).format(registrationClosesAt(meeting));
  return {
    sv: `Anmälan stängde ${when}. Kontakta arrangören om du ändå vill vara med.`,
    en: `Registration closed on ${whenEn} (Swedish time). Contact the organiser if you still wish to attend.`,
  };
}

/** The registration behind a cancellation link, with its meeting; NOT_FOUND for an unknown link. */
export async function findByCancelToken(
  db: Db,
  token: string,
): Promise<{ registration: Registration; meeting: Meeting }> {
  const row = /^[A-Za-z0-9_-]{20,100}$/.test(token)
    ? await repository.findRegistrationByTokenHash(db, hashToken(token))
    : undefined;
  if (!row) throw new AppError("NOT_FOUND", "No such registration.");
  const meetingRow = await repository.findMeeting(db, row.meeting_id);
  return { registration: toRegistration(row), meeting: await getPublicMeeting(db, meetingRow!.slug) };
}

/**
 * The registrant cancels from the link in the mail. A freed place goes to the first on the waiting list,
 * who gets the calendar invitation. Repeating the cancellation changes nothing. Audited.
 */
export async function cancelByToken(
  db: Db,
  token: string,
  options: { settings: MeetingMailSettings; meta: AuditMeta; now?: Date },
): Promise<{ registration: Registration; promoted: Registration | undefined }> {
  const { registration, meeting } = await findByCancelToken(db, token);
  const now = options.now ?? new Date();
  if (registration.status === "cancelled") return { registration, promoted: undefined };
  return inTransaction(db, async (trx) => {
    await repository.lockMeeting(trx, meeting.id);
    const row = await repository.findRegistration(trx, registration.id);
    if (!row || row.status === "cancelled") return { registration, promoted: undefined };
    await repository.setRegistrationStatus(trx, row.id, "cancelled", now);
    await notifyRegistration(trx, meeting, row, options.settings, { kind: "self-cancelled" });
    await recordAudit(trx, {
      ...options.meta,
      action: "update",
      recordType: "meeting-registration",
      recordId: row.id,
      organisationId: meeting.organisationId,
      details: { meetingId: meeting.id, status: "cancelled" },
    });
    const promoted =
      row.status === "registered"
        ? await promoteFromWaitingList(trx, meeting, options.settings, now)
        : undefined;
    const updated = await repository.findRegistration(trx, row.id);
    return { registration: toRegistration(updated!), promoted };
  });
}

/** Gives free places to the waiting list, oldest first (in the caller's transaction, meeting locked). */
async function promoteFromWaitingList(
  trx: Db,
  meeting: Meeting,
  settings: MeetingMailSettings,
  now: Date,
): Promise<Registration | undefined> {
  if (meeting.status !== "published" || now >= meeting.startsAt) return undefined;
  const taken = await repository.countRegistered(trx, meeting.id);
  if (meeting.capacity !== null && taken >= meeting.capacity) return undefined;
  const next = await repository.firstWaiting(trx, meeting.id);
  if (!next) return undefined;
  // Only the token's hash is stored, so the promotion mail carries a fresh link (the waiting-list one expires).
  const token = randomBytes(32).toString("base64url");
  await repository.setRegistrationStatus(trx, next.id, "registered", now);
  await repository.setCancelTokenHash(trx, next.id, hashToken(token));
  await notifyRegistration(trx, meeting, next, settings, { kind: "promoted", cancelToken: token });
  return toRegistration((await repository.findRegistration(trx, next.id))!);
}

/** The registrations of a meeting for its organiser (personal data: audited as one read). */
export async function listRegistrationsFor(
  db: Db,
  meeting: Meeting,
  meta: AuditMeta,
): Promise<Registration[]> {
  if (!canManageMeetings(meta.actor, meeting.organisationId))
    throw new AppError("NOT_FOUND", "No such meeting.");
  const rows = await repository.listRegistrations(db, meeting.id);
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "meeting-registration",
    organisationId: meeting.organisationId,
    details: { meetingId: meeting.id, list: true, count: rows.length },
  });
  return rows.map(toRegistration);
}

/**
 * Marks who came. On a meeting already held, a newly marked attendee gets the follow-up survey (once).
 * `attendance` maps registration ids to true (came), false (did not) or null (unknown). Audited.
 */
export async function setAttendance(
  db: Db,
  given: Pick<Meeting, "id">,
  attendance: Record<string, boolean | null>,
  options: { settings: MeetingMailSettings; meta: AuditMeta; now?: Date },
): Promise<{ followUpsSent: number }> {
  const meeting = await meetingById(db, given.id);
  if (!canManageMeetings(options.meta.actor, meeting.organisationId)) {
    throw new AppError("NOT_FOUND", "No such meeting.");
  }
  if (meeting.status === "draft" || meeting.status === "cancelled") {
    throw new AppError("CONFLICT", "Attendance is marked for a published or held meeting.");
  }
  return inTransaction(db, async (trx) => {
    let changed = 0;
    for (const [id, attended] of Object.entries(attendance)) {
      changed += await repository.setAttendance(trx, meeting.id, id, attended);
    }
    await recordAudit(trx, {
      ...options.meta,
      action: "update",
      recordType: "meeting-registration",
      organisationId: meeting.organisationId,
      details: { meetingId: meeting.id, attendance: changed },
    });
    const followUpsSent =
      meeting.status === "held"
        ? await sendFollowUps(trx, meeting, options.settings, options.meta, options.now)
        : 0;
    return { followUpsSent };
  });
}

/**
 * Marks a meeting held and sends the follow-up needs survey to everyone marked as attended. Each attendee
 * gets it once, however often this or attendance marking runs. Audited.
 */
export async function markHeld(
  db: Db,
  given: Pick<Meeting, "id">,
  options: { settings: MeetingMailSettings; meta: AuditMeta; now?: Date },
): Promise<{ followUpsSent: number }> {
  const meeting = await meetingById(db, given.id);
  if ((options.now ?? new Date()) < meeting.startsAt) {
    throw new AppError("CONFLICT", "A meeting can be marked held once it has started.");
  }
  let followUpsSent = 0;
  await changeStatus(
    db,
    meeting.id,
    options.meta,
    ["published"],
    "held",
    async (trx, held) => {
      followUpsSent = await sendFollowUps(trx, held, options.settings, options.meta, options.now);
    },
    options.now,
  );
  return { followUpsSent };
}

/** The meeting's follow-up round: created on first use from the meeting's survey, tagged with the meeting. */
async function followUpCampaign(trx: Db, meeting: Meeting, meta: AuditMeta, now: Date) {
  if (meeting.followupCampaignId) return getCampaign(trx, meeting.followupCampaignId);
  if (!meeting.surveyId) return undefined;
  const campaign = await createCampaign(
    trx,
    {
      surveyId: meeting.surveyId,
      slug: `uppfoljning-${meeting.slug}`.slice(0, 80).replace(/-+$/, ""),
      name: `Uppföljning: ${meeting.title}`.slice(0, 200),
      scopeKind: "meeting",
      municipalityCodes: meeting.municipalityCode ? [meeting.municipalityCode] : [],
      sniCodes: meeting.sniCodes.filter((code) => /^[0-9]{2,5}$/.test(code)),
      meetingRef: meeting.id,
      opensAt: now,
      closesAt: new Date(now.getTime() + 60 * DAY_MS),
    },
    meta,
  );
  await repository.updateMeeting(trx, meeting.id, { followup_campaign_id: campaign.id });
  return campaign;
}

async function sendFollowUps(
  trx: Db,
  meeting: Meeting,
  settings: MeetingMailSettings,
  meta: AuditMeta,
  now = new Date(),
): Promise<number> {
  const campaign = await followUpCampaign(trx, meeting, meta, now);
  if (!campaign) return 0;
  const claimed = await repository.claimFollowUps(trx, meeting.id, now);
  const surveyUrl = `${settings.publicUrl}/behov/${campaign.slug}`;
  for (const row of claimed) {
    await notifyRegistration(trx, meeting, row, settings, { kind: "follow-up", surveyUrl });
  }
  return claimed.length;
}

/**
 * Sends the reminder the day before: to everyone registered for a published meeting that starts within 24
 * hours and has not had one. Claimed per registration, so restarts and several processes never send twice.
 */
export async function sendDueReminders(
  db: Db,
  settings: MeetingMailSettings,
  now = new Date(),
): Promise<number> {
  const meetings = await repository.listMeetingsStartingSoon(db, now, new Date(now.getTime() + DAY_MS));
  let sent = 0;
  for (const row of meetings) {
    const meeting = await getPublicMeeting(db, row.slug);
    sent += await inTransaction(db, async (trx) => {
      const claimed = await repository.claimReminders(trx, meeting.id, now);
      for (const registration of claimed) {
        await notifyRegistration(trx, meeting, registration, settings, { kind: "reminder" });
      }
      return claimed.length;
    });
  }
  return sent;
}

/** A company's meeting registrations, for its GDPR export (the caller audits). */
export async function registrationsOfCompany(db: Db, companyId: string) {
  const rows = await repository.listRegistrationsOfCompany(db, companyId);
  return rows.map((row) => ({
    meeting: row.meeting_title,
    startsAt: row.starts_at,
    personName: row.person_name,
    email: row.email,
    phone: row.phone,
    dietaryNeeds: row.dietary_needs,
    accessibilityNeeds: row.accessibility_needs,
    status: row.status,
    attended: row.attended,
    registeredAt: row.created_at,
  }));
}

/**
 * The retention job: registrations for the organisation's meetings that started before `before` lose the
 * person; the meeting keeps its counts. In the caller's transaction; returns how many were anonymised.
 */
export function anonymiseRegistrationsBefore(db: Db, organisationId: string, before: Date): Promise<number> {
  return repository.anonymiseRegistrationsBefore(db, organisationId, before);
}

/**
 * GDPR erasure of a company: its registrations lose the person, e-mail, phone and needs and the link to the
 * company, so the meeting's counts stay and nothing identifies anyone. In the caller's transaction.
 */
export function anonymiseRegistrationsOfCompany(db: Db, companyId: string): Promise<number> {
  return repository.anonymiseRegistrationsOfCompany(db, companyId);
}
