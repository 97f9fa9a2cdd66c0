import type { Selectable, Updateable } from "kysely";
import type { z } from "zod";
import type { Db } from "#src/db/client.ts";
import type { CompaniesTable, CompanyContactsTable, NeedSource } from "#src/db/schema.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import {
  type AttachResult,
  type CompanyDifference,
  CompanyIntakeInput,
  type Contact,
  ContactInput,
  type CuratableField,
  type IntakeOrigin,
} from "./companies.intake.schemas.ts";
import * as repository from "./companies.repository.ts";
import { toCompany } from "./companies.service.ts";

type CompanyIntakeOutput = z.output<typeof CompanyIntakeInput>;

// Register-or-attach: one company record per org number. A second intake attaches to the record, fills
// what is empty, updates what staff have not curated, and never overwrites a curated field; every
// disagreement is returned so staff can see it.

/** An intake's company fields after validation, as stored values (undefined: not given). */
export type CheckedCompany = {
  orgNumber: string;
  isSoleTrader: boolean;
  values: Partial<Record<CuratableField, string | number | string[] | null>>;
};

const COLUMN: Record<CuratableField, keyof CompaniesTable> = {
  name: "name",
  streetAddress: "street_address",
  postalCode: "postal_code",
  municipalityCode: "municipality_code",
  sniCodes: "sni_codes",
  sizeBand: "size_band",
  foundedYear: "founded_year",
};

function orgNumberError(message: string): FieldErrors[string] {
  return /10 digits/.test(message)
    ? {
        sv: "Ett organisationsnummer har 10 siffror, till exempel 556036-0793 (enskild firma: ägarens personnummer).",
        en: "An organisation number has 10 digits, for example 556036-0793 (a sole trader uses the owner's personal identity number).",
      }
    : {
        sv: "Organisationsnumret stämmer inte: kontrollsiffran eller datumdelen är fel. Kontrollera numret.",
        en: "This is not a valid organisation number: the check digit or the date part does not match.",
      };
}

/**
 * Validates an intake's company part against the reference lists. Returns the checked values, or messages
 * keyed `<prefix>.<field>` in Swedish and English. The municipality comes from the postal code when the
 * code is known; an unknown code needs a chosen municipality.
 */
export async function checkCompanyIntake(
  db: Db,
  input: unknown,
  prefix = "company",
): Promise<{ ok: true; company: CheckedCompany } | { ok: false; errors: FieldErrors }> {
  const key = (field: string) => (prefix ? `${prefix}.${field}` : field);
  // Field by field, so one bad field does not hide the others: the form shows every message at once.
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  const errors: FieldErrors = {};
  const parsedFields: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(CompanyIntakeInput.shape)) {
    const result = schema.safeParse(raw[field]);
    if (result.success) parsedFields[field] = result.data;
    else Object.assign(errors, fieldErrorsFromZod(result.error, key(field)));
  }
  const data = parsedFields as Partial<CompanyIntakeOutput>;

  let orgNumber = { number: "", isSoleTrader: false };
  if (data.orgNumber !== undefined) {
    try {
      orgNumber = parseOrgNumber(data.orgNumber);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      errors[key("orgNumber")] = orgNumberError(error.message);
    }
  }

  const codes = await reference.getReferenceCodes(db);
  let municipalityCode = data.municipalityCode || undefined;
  if (municipalityCode && !codes.municipalityCodes.has(municipalityCode)) {
    errors[key("municipalityCode")] = {
      sv: "Välj en kommun i listan.",
      en: `No municipality has the code ${municipalityCode}.`,
    };
  }
  let postalCode: string | undefined;
  if (data.postalCode) {
    postalCode = data.postalCode.replace(/\s+/g, "");
    try {
      municipalityCode = (await reference.getPostalCode(db, postalCode)).municipality_code;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.code === "VALIDATION_FAILED") {
        errors[key("postalCode")] = {
          sv: "Ett postnummer har fem siffror, till exempel 713 31.",
          en: "A Swedish postal code has five digits, for example 713 31.",
        };
      } else if (!municipalityCode) {
        errors[key("postalCode")] = {
          sv: "Vi hittar inte postnumret. Kontrollera det eller välj kommun i stället.",
          en: "We cannot find this postal code. Check it or choose the municipality instead.",
        };
      }
    }
  }
  const divisions = codes.sniDivisions;
  const sniCodes = data.sniCodes ? [...new Set(data.sniCodes.map((c) => c.replace(/\D/g, "")))] : undefined;
  const badSni = sniCodes?.find((code) => !/^[0-9]{2,5}$/.test(code) || !divisions.has(code.slice(0, 2)));
  if (badSni !== undefined) {
    errors[key("sniCodes")] = {
      sv: `${badSni} är ingen SNI-kod (SNI 2007), till exempel 25620.`,
      en: `${badSni} is not an ${codes.sniVersion} code, for example 25620.`,
    };
  }
  if (data.sizeBand && !codes.sizeBandCodes.has(data.sizeBand)) {
    errors[key("sizeBand")] = {
      sv: "Välj en storleksklass i listan.",
      en: "Choose a size band from the list.",
    };
  }
  const thisYear = new Date().getFullYear();
  if (data.foundedYear != null && (data.foundedYear < 1800 || data.foundedYear > thisYear)) {
    errors[key("foundedYear")] = {
      sv: `Skriv ett årtal mellan 1800 och ${thisYear}.`,
      en: `Give a year between 1800 and ${thisYear}.`,
    };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const values: CheckedCompany["values"] = { name: data.name! };
  if (data.streetAddress) values.streetAddress = data.streetAddress;
  if (postalCode) values.postalCode = postalCode;
  if (municipalityCode) values.municipalityCode = municipalityCode;
  if (sniCodes && sniCodes.length > 0) values.sniCodes = sniCodes;
  if (data.sizeBand) values.sizeBand = data.sizeBand;
  if (data.foundedYear != null) values.foundedYear = data.foundedYear;
  return { ok: true, company: { orgNumber: orgNumber.number, isSoleTrader: orgNumber.isSoleTrader, values } };
}

function columnsFor(values: CheckedCompany["values"]): Updateable<CompaniesTable> {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    columns[COLUMN[field as CuratableField]] = value;
    if (field === "sniCodes") columns.sni_code = (value as string[])[0] ?? null;
  }
  return columns as Updateable<CompaniesTable>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Registers the company, or attaches the intake to the one with the same org number. Runs in the caller's
 * transaction (or its own) and locks the row, so parallel intakes for one company apply one after another.
 * Staff values become curated; a company's own intake never overwrites a curated field. Returns the
 * differences. Throws FieldValidationError (keys `company.<field>`).
 */
export async function registerOrAttachCompany(
  db: Db,
  input: CompanyIntakeInput | CheckedCompany,
  origin: IntakeOrigin,
  options: { isFictional?: boolean } = {},
): Promise<AttachResult> {
  let checked: CheckedCompany;
  if ("values" in input) checked = input;
  else {
    const result = await checkCompanyIntake(db, input);
    if (!result.ok) throw new FieldValidationError(result.errors);
    checked = result.company;
  }
  if (!db.isTransaction) {
    return db.transaction().execute((trx) => registerOrAttachCompany(trx, checked, origin, options));
  }
  const isStaff = origin.kind === "staff";
  const givenFields = Object.keys(checked.values) as CuratableField[];
  const curation = isStaff
    ? { curated_fields: givenFields, curated_at: new Date(), curated_by_user_id: origin.userId }
    : {};
  const inserted = await repository.insertCompanyIfNew(db, {
    org_number: checked.orgNumber,
    is_sole_trader: checked.isSoleTrader,
    name: String(checked.values.name),
    is_fictional: options.isFictional ?? false,
    ...columnsFor(checked.values),
    ...curation,
  } as repository.NewCompanyRow);
  if (inserted) return { company: toCompany(inserted), created: true, differences: [] };

  const row = await repository.lockCompanyByOrgNumber(db, checked.orgNumber);
  if (!row) throw new Error("the company vanished between insert and lock");
  const stored = toCompany(row);
  const curated = new Set(row.curated_fields);
  const differences: CompanyDifference[] = [];
  const changes: CheckedCompany["values"] = {};
  for (const field of givenFields) {
    const submitted = checked.values[field];
    const current = stored[field];
    if (same(current, submitted)) continue;
    if (curated.has(field) && !isStaff) {
      differences.push({ field, stored: current, submitted, outcome: "kept-curated" });
      continue;
    }
    const isEmpty = current == null || (Array.isArray(current) && current.length === 0);
    differences.push({ field, stored: current, submitted, outcome: isEmpty ? "filled" : "updated" });
    changes[field] = submitted;
  }
  // What staff curated stays; the company's value waits for a navigator to accept it or keep theirs.
  if (!isStaff) {
    await repository.replacePendingDifferences(
      db,
      row.id,
      givenFields.filter((field) => curated.has(field)),
      differences
        .filter((d) => d.outcome === "kept-curated")
        .map((d) => ({ field: d.field, stored: d.stored, submitted: d.submitted, source: origin.source })),
    );
  } else {
    await repository.resolveDifferences(db, row.id, givenFields, "kept", origin.userId, new Date());
  }
  const newCuration = isStaff
    ? {
        curated_fields: [...new Set([...row.curated_fields, ...givenFields])],
        curated_at: new Date(),
        curated_by_user_id: origin.userId,
      }
    : {};
  if (Object.keys(changes).length === 0 && !isStaff) return { company: stored, created: false, differences };
  const updated = await repository.updateCompany(db, row.id, { ...columnsFor(changes), ...newCuration });
  return { company: toCompany(updated), created: false, differences };
}

/** The company with this id, or NOT_FOUND. */
export async function getCompany(db: Db, id: string) {
  const row = await repository.findCompanyById(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such company.");
  return toCompany(row);
}

/** Companies for staff, by name; `q` matches part of the name or org number. */
export async function searchCompanies(
  db: Db,
  filter: { q?: string | undefined; municipalityCode?: string | undefined },
  window: { limit: number; offset: number },
) {
  return (await repository.searchCompanies(db, filter, window)).map(toCompany);
}

/** A contact row as services hand it out. */
export function toContact(row: Selectable<CompanyContactsTable>): Contact {
  return {
    id: row.id,
    companyId: row.company_id,
    name: row.name,
    role: row.role,
    email: row.email,
    phone: row.phone,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Validates a contact person; messages keyed `<prefix>.<field>`. */
export function checkContact(
  input: unknown,
  prefix: string,
): { ok: true; contact: ContactInput } | { ok: false; errors: FieldErrors } {
  const parsed = ContactInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsFromZod(parsed.error, prefix) };
  return { ok: true, contact: parsed.data };
}

/**
 * Adds a contact person to a company, or updates the one with the same e-mail (or, without e-mail, the same
 * name): a second intake by the same person does not duplicate them. Throws FieldValidationError.
 */
export async function saveContact(
  db: Db,
  companyId: string,
  input: ContactInput,
  source: NeedSource,
  options: { newCompany?: boolean } = {},
): Promise<Contact> {
  const checked = checkContact(input, "contact");
  if (!checked.ok) throw new FieldValidationError(checked.errors);
  const { name, role, email, phone } = checked.contact;
  // A company registered in this same transaction has no contacts to match yet.
  const existing = options.newCompany
    ? undefined
    : (await repository.listContacts(db, companyId)).find((c) =>
        email ? c.email?.toLowerCase() === email.toLowerCase() : !c.email && c.name === name,
      );
  if (existing) {
    const changes: Updateable<CompanyContactsTable> = { name };
    if (role) changes.role = role;
    if (phone) changes.phone = phone;
    return toContact(await repository.updateContact(db, existing.id, changes));
  }
  return toContact(
    await repository.insertContact(db, {
      company_id: companyId,
      name,
      role: role ?? null,
      email: email ?? null,
      phone: phone ?? null,
      source,
    }),
  );
}

/** A company's contact persons. */
export async function listContacts(db: Db, companyId: string): Promise<Contact[]> {
  return (await repository.listContacts(db, companyId)).map(toContact);
}

/** One contact person, or NOT_FOUND. */
export async function getContact(db: Db, id: string): Promise<Contact> {
  const row = await repository.findContact(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such contact person.");
  return toContact(row);
}

/** Contact persons whose details were last updated before `before` (the retention job decides the rest). */
export async function listContactsUpdatedBefore(db: Db, before: Date): Promise<Contact[]> {
  return (await repository.listContactsUpdatedBefore(db, before)).map(toContact);
}

/** Deletes a contact person (erasure; the caller audits). */
export function deleteContact(db: Db, id: string): Promise<void> {
  return repository.deleteContact(db, id);
}

/** Deletes a company record (erasure; the caller anonymises needs and responses first and audits). */
export function deleteCompany(db: Db, id: string): Promise<void> {
  return repository.deleteCompany(db, id);
}

/**
 * Sets one curatable field to a value staff chose (a company's value they accepted) and marks it curated.
 * The value was checked when the company gave it. Runs in the caller's transaction.
 */
export async function applyCuratedValue(
  db: Db,
  companyId: string,
  field: CuratableField,
  value: unknown,
  userId: string | null,
) {
  const row = await repository.findCompanyById(db, companyId);
  if (!row) throw new AppError("NOT_FOUND", "No such company.");
  return toCompany(
    await repository.updateCompany(db, companyId, {
      ...columnsFor({ [field]: value } as CheckedCompany["values"]),
      curated_fields: [...new Set([...row.curated_fields, field])],
      curated_at: new Date(),
      curated_by_user_id: userId,
    }),
  );
}
