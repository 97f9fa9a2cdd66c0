import type { FormError } from "#src/shared/web/form-parts.tsx";
import type { OffersMessages } from "./offers.messages.ts";
import type { CreateOfferInput, Offer, OfferIssue } from "./offers.schemas.ts";

// The offer form as typed (so a rejected form comes back unchanged) and its translation to the service's
// input and back; pure, so it is easy to test.

/** Contact rows the form always offers: the stored ones plus empty rows up to this many (at least two empty). */
const MIN_CONTACT_ROWS = 3;
const EMPTY_CONTACT_ROWS = 2;
export const MAX_CONTACT_ROWS = 10;

export type ContactValues = { name: string; title: string; email: string; phone: string };

export type OfferFormValues = {
  organisationId: string;
  slug: string;
  name: string;
  nameEn: string;
  summary: string;
  summaryEn: string;
  description: string;
  descriptionEn: string;
  formats: string[];
  themes: string[];
  eligibleCountyCodes: string[];
  eligibleMunicipalityCodes: string[];
  sniInclude: string;
  sniExclude: string;
  sizeBands: string[];
  minCompanyAgeYears: string;
  maxCompanyAgeYears: string;
  conditions: string;
  costType: string;
  costDescription: string;
  amountMinSek: string;
  amountMaxSek: string;
  capacityTotal: string;
  capacityRemaining: string;
  capacityNote: string;
  validFrom: string;
  validTo: string;
  applicationProcess: string;
  link: string;
  contacts: ContactValues[];
};

const LISTS = ["formats", "themes", "eligibleCountyCodes", "eligibleMunicipalityCodes", "sizeBands"] as const;
const NUMBERS = [
  "minCompanyAgeYears",
  "maxCompanyAgeYears",
  "amountMinSek",
  "amountMaxSek",
  "capacityTotal",
  "capacityRemaining",
] as const;
const OPTIONAL_TEXTS = ["nameEn", "summaryEn", "descriptionEn", "link", "validFrom", "validTo"] as const;
const TEXTS = [
  "organisationId",
  "slug",
  "name",
  "summary",
  "description",
  "conditions",
  "costType",
  "costDescription",
  "capacityNote",
  "applicationProcess",
  ...OPTIONAL_TEXTS,
  "sniInclude",
  "sniExclude",
  ...NUMBERS,
] as const;

/** Pads the contact rows so there is room to add people without JavaScript. */
export function withEmptyContactRows(contacts: ContactValues[]): ContactValues[] {
  const rows = contacts.filter((c) => c.name || c.title || c.email || c.phone);
  const length = Math.min(MAX_CONTACT_ROWS, Math.max(MIN_CONTACT_ROWS, rows.length + EMPTY_CONTACT_ROWS));
  while (rows.length < length) rows.push({ name: "", title: "", email: "", phone: "" });
  return rows;
}

/** An empty form for a new offer of `organisationId`. */
export function emptyOfferForm(organisationId = ""): OfferFormValues {
  const values = Object.fromEntries(TEXTS.map((key) => [key, ""])) as Record<string, string>;
  return {
    ...(values as unknown as OfferFormValues),
    ...Object.fromEntries(LISTS.map((key) => [key, []])),
    organisationId,
    costType: "free",
    contacts: withEmptyContactRows([]),
  };
}

/** The form values of a stored offer. */
export function offerFormValues(offer: Offer): OfferFormValues {
  const text = (value: number | string | null) => (value === null ? "" : String(value));
  return {
    organisationId: offer.organisationId,
    slug: offer.slug,
    name: offer.name,
    nameEn: text(offer.nameEn),
    summary: offer.summary,
    summaryEn: text(offer.summaryEn),
    description: offer.description,
    descriptionEn: text(offer.descriptionEn),
    formats: offer.formats,
    themes: offer.themes,
    eligibleCountyCodes: offer.eligibleCountyCodes,
    eligibleMunicipalityCodes: offer.eligibleMunicipalityCodes,
    sniInclude: offer.sniInclude.join(", "),
    sniExclude: offer.sniExclude.join(", "),
    sizeBands: offer.sizeBands,
    minCompanyAgeYears: text(offer.minCompanyAgeYears),
    maxCompanyAgeYears: text(offer.maxCompanyAgeYears),
    conditions: offer.conditions,
    costType: offer.costType,
    costDescription: offer.costDescription,
    amountMinSek: text(offer.amountMinSek),
    amountMaxSek: text(offer.amountMaxSek),
    capacityTotal: text(offer.capacityTotal),
    capacityRemaining: text(offer.capacityRemaining),
    capacityNote: offer.capacityNote,
    validFrom: text(offer.validFrom),
    validTo: text(offer.validTo),
    applicationProcess: offer.applicationProcess,
    link: text(offer.link),
    contacts: withEmptyContactRows(
      offer.contacts.map((c) => ({
        name: c.name,
        title: c.title ?? "",
        email: c.email ?? "",
        phone: c.phone ?? "",
      })),
    ),
  };
}

type Body = Record<string, string | File | (string | File)[]>;

/** Reads the submitted form (parseBody({ all: true })) into form values, ignoring unknown fields. */
export function readOfferForm(body: Body): OfferFormValues {
  const one = (key: string) => {
    const value = body[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : "";
  };
  const many = (key: string) =>
    ([] as unknown[]).concat(body[key] ?? []).filter((v): v is string => typeof v === "string" && v !== "");
  const values = emptyOfferForm();
  for (const key of TEXTS) (values as Record<string, unknown>)[key] = one(key);
  for (const key of LISTS) values[key] = many(key);
  const contacts: ContactValues[] = [];
  for (let i = 0; i < MAX_CONTACT_ROWS; i++) {
    contacts.push({
      name: one(`contacts.${i}.name`),
      title: one(`contacts.${i}.title`),
      email: one(`contacts.${i}.email`),
      phone: one(`contacts.${i}.phone`),
    });
  }
  values.contacts = withEmptyContactRows(contacts);
  return values;
}

/** A slug made from a name: "Almi Företagslån" → "almi-foretagslan". */
export function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/**
 * The service's input from the form, and the fields that could not even be read (a number that is not
 * one). Empty optional fields become null; empty contact rows are dropped; an empty slug comes from the name.
 */
export function offerInputFromForm(values: OfferFormValues): {
  input: CreateOfferInput & Record<string, unknown>;
  unreadable: string[];
  /** The form row of each contact in the input (empty rows are dropped). */
  contactRows: number[];
} {
  const unreadable: string[] = [];
  const filled = (c: ContactValues) =>
    Boolean(c.name.trim() || c.title.trim() || c.email.trim() || c.phone.trim());
  const contactRows = values.contacts.flatMap((c, i) => (filled(c) ? [i] : []));
  const number = (key: (typeof NUMBERS)[number]) => {
    const raw = values[key].replace(/[\s\u00a0]/g, "");
    if (raw === "") return null;
    if (!/^\d+$/.test(raw)) {
      unreadable.push(key);
      return null;
    }
    return Number(raw);
  };
  const optional = (value: string) => (value.trim() === "" ? null : value.trim());
  const codes = (value: string) =>
    value
      .split(/[\s,;]+/)
      .map((code) => code.trim().toUpperCase())
      .filter(Boolean);
  const input = {
    organisationId: values.organisationId,
    slug: values.slug.trim() || slugFromName(values.name),
    name: values.name,
    nameEn: optional(values.nameEn),
    summary: values.summary,
    summaryEn: optional(values.summaryEn),
    description: values.description,
    descriptionEn: optional(values.descriptionEn),
    formats: values.formats,
    themes: values.themes,
    eligibleCountyCodes: values.eligibleCountyCodes,
    eligibleMunicipalityCodes: values.eligibleMunicipalityCodes,
    sniInclude: codes(values.sniInclude),
    sniExclude: codes(values.sniExclude),
    sizeBands: values.sizeBands,
    minCompanyAgeYears: number("minCompanyAgeYears"),
    maxCompanyAgeYears: number("maxCompanyAgeYears"),
    conditions: values.conditions,
    costType: values.costType as CreateOfferInput["costType"],
    costDescription: values.costDescription,
    amountMinSek: number("amountMinSek"),
    amountMaxSek: number("amountMaxSek"),
    capacityTotal: number("capacityTotal"),
    capacityRemaining: number("capacityRemaining"),
    capacityNote: values.capacityNote,
    validFrom: optional(values.validFrom),
    validTo: optional(values.validTo),
    applicationProcess: values.applicationProcess,
    link: optional(values.link),
    contacts: values.contacts.filter(filled).map((c) => ({
      name: c.name,
      title: optional(c.title),
      email: optional(c.email),
      phone: optional(c.phone),
    })),
  };
  return { input, unreadable, contactRows };
}

type MessageKey = Parameters<OffersMessages>[0];

const MESSAGE_OF: Record<string, MessageKey> = {
  organisationId: "error.organisationId",
  name: "error.name",
  slug: "error.slug",
  summary: "error.summary",
  description: "error.description",
  nameEn: "error.text",
  summaryEn: "error.text",
  descriptionEn: "error.text",
  conditions: "error.text",
  costDescription: "error.text",
  capacityNote: "error.text",
  applicationProcess: "error.text",
  formats: "error.formats",
  themes: "error.themes",
  eligibleCountyCodes: "error.area",
  eligibleMunicipalityCodes: "error.area",
  sniInclude: "error.sni",
  sniExclude: "error.sni",
  sizeBands: "error.sizeBands",
  minCompanyAgeYears: "error.age",
  maxCompanyAgeYears: "error.age",
  costType: "error.costType",
  amountMinSek: "error.amount",
  amountMaxSek: "error.amount",
  capacityTotal: "error.capacity",
  capacityRemaining: "error.capacity",
  validFrom: "error.date",
  validTo: "error.date",
  link: "error.link",
};

/**
 * One form error per field, in the user's language, from the service's issues (paths like "themes" or
 * "contacts.1.email") and the unreadable numbers. The field id is the input's id on the form.
 */
export function formErrors(
  t: OffersMessages,
  issues: OfferIssue[],
  unreadable: string[],
  contactRows: number[] = [],
): FormError[] {
  const errors: FormError[] = [];
  const seen = new Set<string>();
  const add = (fieldId: string, message: string) => {
    if (seen.has(fieldId)) return;
    seen.add(fieldId);
    errors.push({ fieldId, message });
  };
  for (const field of unreadable) add(`offer-${field}`, t(MESSAGE_OF[field]!));
  for (const issue of issues) {
    const [top, index, sub] = issue.field.split(".");
    if (top === "contacts" && index !== undefined) {
      const key =
        sub === "name" ? "error.contactName" : sub === "email" ? "error.contactEmail" : "error.contact";
      const row = contactRows[Number(index)] ?? Number(index);
      add(`offer-contacts-${row}-${sub ?? "name"}`, t(key));
    } else if (top && MESSAGE_OF[top]) {
      add(`offer-${top}`, t(MESSAGE_OF[top]));
    } else {
      add("offer-name", issue.message);
    }
  }
  return errors;
}
