import type { FieldErrors } from "#src/shared/field-errors.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { formatStockholmLocal } from "#src/shared/stockholm-time.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import type { Meeting } from "./meetings.schemas.ts";
import { meetingFormValues } from "./meetings.service.ts";
import type { MeetingsStaffT } from "./meetings.staff-messages.ts";

// The meeting form as the browser sends it and as the page draws it: every value a string (or a list of
// strings), so whatever was typed comes back unchanged when the form is shown again with its errors. The
// service's zod schema decides what is valid; this file only turns text into its input shape.

/** One speaker row of the form. */
export type SpeakerRow = { name: string; role: string; organisationId: string };

/** Everything the meeting form holds. */
export type MeetingFormValues = {
  organisationId: string;
  title: string;
  description: string;
  municipalityCode: string;
  countyCode: string;
  /** SNI codes as typed: separated by commas or spaces. */
  sniCodes: string;
  themes: string[];
  date: string;
  time: string;
  durationMinutes: string;
  onlineUrl: string;
  place: string;
  agenda: string;
  capacity: string;
  registrationDeadline: string;
  organisationIds: string[];
  speakers: SpeakerRow[];
  offerIds: string[];
  /** A survey id, `pack:<packId>` for the pack's template (copied on save), or empty. */
  surveyId: string;
  packId: string;
};

/** The prefix of the survey choice that means "the pack's template, copied to the organiser". */
export const PACK_SURVEY_PREFIX = "pack:";
const MAX_SPEAKERS = 30;

/** An empty form for an organiser. */
export function emptyMeetingForm(organisationId: string): MeetingFormValues {
  return {
    organisationId,
    title: "",
    description: "",
    municipalityCode: "",
    countyCode: "",
    sniCodes: "",
    themes: [],
    date: "",
    time: "",
    durationMinutes: "90",
    onlineUrl: "",
    place: "",
    agenda: "",
    capacity: "",
    registrationDeadline: "",
    organisationIds: [],
    speakers: [],
    offerIds: [],
    surveyId: "",
    packId: "",
  };
}

const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));
const strs = (value: unknown) => (Array.isArray(value) ? value.map(str) : []);

/** The form holding a meeting's values (for editing and cloning). */
export function meetingForm(meeting: Meeting): MeetingFormValues {
  const v = meetingFormValues(meeting);
  const speakers = Array.isArray(v.speakers) ? (v.speakers as Record<string, unknown>[]) : [];
  return {
    organisationId: str(v.organisationId),
    title: str(v.title),
    description: str(v.description),
    municipalityCode: str(v.municipalityCode),
    countyCode: str(v.countyCode),
    sniCodes: strs(v.sniCodes).join(", "),
    themes: strs(v.themes),
    date: str(v.date),
    time: str(v.time),
    durationMinutes: str(v.durationMinutes),
    onlineUrl: str(v.onlineUrl),
    place: str(v.place),
    agenda: str(v.agenda),
    capacity: str(v.capacity),
    registrationDeadline: meeting.registrationDeadline
      ? formatStockholmLocal(meeting.registrationDeadline)
      : "",
    organisationIds: strs(v.organisationIds),
    speakers: speakers.map((s) => ({
      name: str(s.name),
      role: str(s.role),
      organisationId: str(s.organisationId),
    })),
    offerIds: strs(v.offerIds),
    surveyId: str(v.surveyId),
    packId: str(v.packId),
  };
}

type Body = Record<string, string | File | (string | File)[]>;

function one(body: Body, name: string, max = 10_000): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.slice(0, max) : "";
}

function many(body: Body, name: string): string[] {
  return ([] as (string | File)[])
    .concat(body[name] ?? [])
    .filter((v): v is string => typeof v === "string" && v !== "")
    .slice(0, 100);
}

/** Reads the posted form (parsed with `{ all: true }`); unknown fields are ignored. */
export function readMeetingForm(body: Body): MeetingFormValues {
  const speakers: SpeakerRow[] = [];
  for (let i = 0; i < MAX_SPEAKERS; i++) {
    if (!(`speakers.${i}.name` in body)) continue;
    speakers.push({
      name: one(body, `speakers.${i}.name`, 300),
      role: one(body, `speakers.${i}.role`, 300),
      organisationId: one(body, `speakers.${i}.organisationId`, 100),
    });
  }
  return {
    organisationId: one(body, "organisationId", 100),
    title: one(body, "title", 500),
    description: one(body, "description", 8000),
    municipalityCode: one(body, "municipalityCode", 10),
    countyCode: one(body, "countyCode", 10),
    sniCodes: one(body, "sniCodes", 1000),
    themes: many(body, "themes"),
    date: one(body, "date", 20),
    time: one(body, "time", 20),
    durationMinutes: one(body, "durationMinutes", 20),
    onlineUrl: one(body, "onlineUrl", 1000),
    place: one(body, "place", 600),
    agenda: one(body, "agenda", 8000),
    capacity: one(body, "capacity", 20),
    registrationDeadline: one(body, "registrationDeadline", 30),
    organisationIds: many(body, "organisationIds"),
    speakers,
    offerIds: many(body, "offerIds"),
    surveyId: one(body, "surveyId", 200),
    packId: one(body, "packId", 100),
  };
}

const blankSpeaker = (s: SpeakerRow) => !s.name.trim() && !s.role.trim() && !s.organisationId;

/**
 * The service input of a form, the errors found before asking the service (numbers, speakers without a
 * name), and which form row each kept speaker came from (to put the service's messages on the right row).
 */
export function meetingInputFromForm(
  values: MeetingFormValues,
  t: MeetingsStaffT,
  surveyId = values.surveyId,
) {
  const errors: FormError[] = [];
  const speakerRows: number[] = [];
  const speakers: SpeakerRow[] = [];
  values.speakers.forEach((speaker, row) => {
    if (blankSpeaker(speaker)) return;
    if (!speaker.name.trim()) {
      errors.push({ fieldId: `meeting-speakers-${row}-name`, message: t("error.speakerName") });
      return;
    }
    speakerRows.push(row);
    speakers.push(speaker);
  });
  // The schema checks this only once every field has the right shape; the form says it at once.
  if (!values.place.trim() && !values.onlineUrl.trim()) {
    errors.push({ fieldId: "meeting-place", message: t("error.place") });
  }
  const integer = (name: "durationMinutes" | "capacity", value: string) => {
    const trimmed = value.trim();
    if (trimmed === "") return undefined;
    if (!/^\d{1,7}$/.test(trimmed)) errors.push({ fieldId: `meeting-${name}`, message: t("error.number") });
    return trimmed;
  };
  const input = {
    organisationId: values.organisationId,
    title: values.title,
    description: values.description,
    municipalityCode: values.municipalityCode,
    countyCode: values.countyCode,
    sniCodes: values.sniCodes.split(/[\s,;]+/).filter(Boolean),
    themes: values.themes,
    date: values.date.trim(),
    time: values.time.trim().slice(0, 5),
    durationMinutes: integer("durationMinutes", values.durationMinutes),
    onlineUrl: values.onlineUrl,
    place: values.place,
    agenda: values.agenda,
    capacity: integer("capacity", values.capacity),
    registrationDeadline: values.registrationDeadline,
    organisationIds: values.organisationIds,
    speakers,
    offerIds: values.offerIds,
    surveyId: surveyId.startsWith(PACK_SURVEY_PREFIX) ? "" : surveyId,
    packId: values.packId,
  };
  return { input, errors, speakerRows };
}

/** Where a service field path shows on the form, and a clearer message for the schema's terse ones. */
const OWN_MESSAGES: Record<string, Parameters<MeetingsStaffT>[0]> = {
  organisationId: "error.organisationId",
  date: "error.date",
  time: "error.time",
  onlineUrl: "error.onlineUrl",
  place: "error.place",
  countyCode: "error.area",
  sniCodes: "error.sniCodes",
};

/** The Swedish texts of fieldErrorsFromZod, which name no field. */
const GENERIC =
  /^(Fyll i fältet|Fel format|Ogiltigt värde|Uppgiften saknas|Fel sorts värde|För kort|För stort|Välj ett av)/;

/** The service's field errors as form errors next to their fields (the first message per field). */
export function meetingFormErrors(
  fields: FieldErrors,
  locale: Locale,
  t: MeetingsStaffT,
  speakerRows: number[],
  already: FormError[] = [],
): FormError[] {
  const errors = [...already];
  for (const [path, text] of Object.entries(fields)) {
    const [head = "", index, leaf] = path.split(".");
    let fieldId = "meeting-form";
    let message = text[locale];
    if (head === "speakers" && index !== undefined) {
      const row = speakerRows[Number(index)] ?? 0;
      fieldId = `meeting-speakers-${row}-${leaf === "role" || leaf === "organisationId" ? leaf : "name"}`;
    } else if (head && head !== "_form" && head !== "_") {
      fieldId = `meeting-${head}`;
      const own = OWN_MESSAGES[head];
      // The service's own sentences (unknown SNI code, survey of another organiser) are kept; only the
      // schema's generic ones ("Fel format.") are replaced by one that says what to write.
      if (own && GENERIC.test(text.sv)) message = t(own);
    }
    if (errors.some((e) => e.fieldId === fieldId)) continue;
    errors.push({ fieldId, message });
  }
  return errors;
}
