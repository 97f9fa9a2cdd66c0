import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import type { AuditMeta } from "#src/features/consent/consent.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import type { AttachResult, CompanyIntakeInput, Contact, ContactInput } from "./companies.intake.schemas.ts";
import {
  checkCompanyIntake,
  checkContact,
  getCompany,
  listContacts,
  registerOrAttachCompany,
  saveContact,
  searchCompanies,
} from "./companies.intake.service.ts";
import { canUseCompanyRegister } from "./companies.policy.ts";
import type { Company } from "./companies.schemas.ts";

// The company register as staff use it (API and staff pages): policy, audit, then the intake services.

function assertMayUseRegister(meta: AuditMeta): void {
  if (!canUseCompanyRegister(meta.actor)) {
    throw new AppError("FORBIDDEN", "Only navigators and the platform admin use the company register.");
  }
}

/** Companies for staff, by name; `q` matches part of the name or the org number. Audited as one read. */
export async function listCompaniesForStaff(
  db: Db,
  filter: { q?: string | undefined; municipalityCode?: string | undefined; page: number; pageSize: number },
  meta: AuditMeta,
): Promise<Company[]> {
  assertMayUseRegister(meta);
  const items = await searchCompanies(db, filter, {
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "company",
    details: { list: true, count: items.length },
  });
  return items;
}

/** One company with its contact persons; the read is audited. */
export async function getCompanyForStaff(
  db: Db,
  id: string,
  meta: AuditMeta,
): Promise<{ company: Company; contacts: Contact[] }> {
  assertMayUseRegister(meta);
  const company = await getCompany(db, id);
  const contacts = await listContacts(db, id);
  await recordAudit(db, { ...meta, action: "read", recordType: "company", recordId: id });
  return { company, contacts };
}

/**
 * Staff register a company, or attach to the existing one with that org number. The values staff give
 * become curated (later intakes from the company will not overwrite them). Returns what changed and what
 * differed. Throws FieldValidationError (every bad field) or FORBIDDEN. Audited.
 */
export async function registerCompanyAsStaff(
  db: Db,
  input: CompanyIntakeInput & { contacts?: ContactInput[] | undefined },
  meta: AuditMeta,
): Promise<AttachResult & { contacts: Contact[] }> {
  assertMayUseRegister(meta);
  const { contacts = [], ...companyInput } = input;
  const errors: FieldErrors = {};
  const checked = await checkCompanyIntake(db, companyInput, "");
  if (!checked.ok) Object.assign(errors, checked.errors);
  contacts.forEach((contact, index) => {
    const result = checkContact(contact, `contacts.${index}`);
    if (!result.ok) Object.assign(errors, result.errors);
  });
  if (!checked.ok || Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  return db.transaction().execute(async (trx) => {
    const result = await registerOrAttachCompany(trx, checked.company, {
      kind: "staff",
      source: "navigator",
      userId: meta.actor.kind === "user" ? meta.actor.userId : null,
    });
    for (const contact of contacts) await saveContact(trx, result.company.id, contact, "navigator");
    await recordAudit(trx, {
      ...meta,
      action: result.created ? "create" : "update",
      recordType: "company",
      recordId: result.company.id,
      details: {
        fields: result.differences.map((d) => `${d.field}:${d.outcome}`),
        contacts: contacts.length,
      },
    });
    return { ...result, contacts: await listContacts(trx, result.company.id) };
  });
}
