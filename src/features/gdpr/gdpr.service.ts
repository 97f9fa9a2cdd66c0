import type { Db } from "#src/db/client.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { exportCasesOfCompany, scrubCasesOfCompany } from "#src/features/cases/cases.service.ts";
import { listDifferencesOfCompany } from "#src/features/companies/companies.differences.service.ts";
import {
  deleteCompany,
  deleteContact,
  getCompany,
  getContact,
  listContacts,
} from "#src/features/companies/companies.intake.service.ts";
import { listCompanyLinks } from "#src/features/companies/companies.links.service.ts";
import { canUseCompanyRegister } from "#src/features/companies/companies.policy.ts";
import { type AuditMeta, countsInStatistics, listConsents } from "#src/features/consent/consent.service.ts";
import {
  anonymiseRegistrationsOfCompany,
  registrationsOfCompany,
} from "#src/features/meetings/meetings.registration.ts";
import { anonymiseNeedsOfCompany, listNeedsOfCompany } from "#src/features/needs/needs.service.ts";
import { referralsOfCompany, scrubReferralsOfCompany } from "#src/features/referrals/referrals.service.ts";
import {
  listResponsesOfCompany,
  listResponsesOfContact,
  scrubResponses,
} from "#src/features/surveys/surveys.responses.service.ts";
import { isPlatformAdmin, membershipsOf } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";

// GDPR rights over intake data: export everything held about a company or a contact person (a JSON
// object; the readable page renders it), and erasure that removes personal data while keeping anonymous
// need counts. Every export and erasure is in the audit log.

/** Who may ask: staff who use the company register, or the company itself through its private link. */
export type GdprOptions = { linkCompanyId?: string };

function assertMayExport(meta: AuditMeta, companyId: string, options: GdprOptions): void {
  if (options.linkCompanyId === companyId) return;
  if (!canUseCompanyRegister(meta.actor)) {
    throw new AppError("FORBIDDEN", "Only navigators, the platform admin or the company itself may export.");
  }
}

function assertMayErase(meta: AuditMeta): void {
  if (meta.actor.kind === "system") return;
  if (!isPlatformAdmin(meta.actor)) {
    throw new AppError("FORBIDDEN", "Only the platform admin erases personal data.");
  }
}

/** Whose internal lotsning notes an export holds: all for the company itself and the platform admin. */
function exportReaders(meta: AuditMeta, companyId: string, options: GdprOptions): readonly string[] | "all" {
  if (options.linkCompanyId === companyId || meta.actor.kind === "system") return "all";
  if (meta.actor.kind === "anonymous") return [];
  return isPlatformAdmin(meta.actor) ? "all" : membershipsOf(meta.actor).map((m) => m.organisationId);
}

/** Everything held about a company: details, contacts, needs, answers, consents and its links. Audited. */
export async function exportCompany(db: Db, companyId: string, meta: AuditMeta, options: GdprOptions = {}) {
  assertMayExport(meta, companyId, options);
  const company = await getCompany(db, companyId);
  const [contacts, needs, responses, consents, links, differences, lotsning, referrals, meetings] =
    await Promise.all([
      listContacts(db, companyId),
      listNeedsOfCompany(db, companyId),
      listResponsesOfCompany(db, companyId),
      listConsents(db, companyId),
      listCompanyLinks(db, companyId),
      listDifferencesOfCompany(db, companyId),
      exportCasesOfCompany(db, companyId, exportReaders(meta, companyId, options)),
      referralsOfCompany(db, companyId),
      registrationsOfCompany(db, companyId),
    ]);
  await recordAudit(db, {
    ...meta,
    action: "export",
    recordType: "company",
    recordId: companyId,
    details: { via: options.linkCompanyId ? "private-link" : "staff" },
  });
  return {
    exportedAt: new Date().toISOString(),
    company,
    contacts,
    needs,
    responses,
    consents,
    /** What the company's own intakes said where staff had curated another value. */
    differences,
    /** Lotsning: its cases with their referrals and notes, and the network's contact log. */
    cases: lotsning.cases.map(({ id, ...item }) => ({
      ...item,
      referrals: referrals
        .filter((r) => r.case_id === id)
        .map((r) => ({
          offer: r.offer_name,
          organisation: r.organisation_name,
          status: r.status,
          outcome: r.outcome,
          declineReason: r.decline_reason,
          message: r.message,
          sentAt: r.sent_at,
          respondBy: r.respond_by,
          closedAt: r.closed_at,
        })),
    })),
    contactLog: lotsning.contactLog,
    /** Registrations for information meetings. */
    meetingRegistrations: meetings,
    privateLinks: links.map((link) => ({
      id: link.id,
      email: link.email,
      createdAt: link.created_at,
      expiresAt: link.expires_at,
      revokedAt: link.revoked_at,
      lastUsedAt: link.last_used_at,
    })),
  };
}

/** Everything held about one contact person: their details, the answers naming them, their consents. */
export async function exportContact(db: Db, contactId: string, meta: AuditMeta, options: GdprOptions = {}) {
  const contact = await getContact(db, contactId);
  assertMayExport(meta, contact.companyId, options);
  const company = await getCompany(db, contact.companyId);
  const [responses, consents] = await Promise.all([
    listResponsesOfContact(db, contactId),
    listConsents(db, contact.companyId),
  ]);
  await recordAudit(db, {
    ...meta,
    action: "export",
    recordType: "contact",
    recordId: contactId,
    details: { companyId: company.id, via: options.linkCompanyId ? "private-link" : "staff" },
  });
  return {
    exportedAt: new Date().toISOString(),
    contact,
    company: { id: company.id, name: company.name, orgNumber: company.orgNumber },
    responses,
    consents: consents.filter((consent) => consent.givenByContactId === contactId),
  };
}

/**
 * Erases a company: contacts, consents and links are deleted with the record; its needs keep theme,
 * urgency, status, municipality, size band and SNI code without description or company; its answers
 * lose free text, contact and consent blocks; its meeting registrations lose the person. Platform admin only. Audited (the entry holds no personal data).
 */
export async function eraseCompany(db: Db, companyId: string, meta: AuditMeta) {
  assertMayErase(meta);
  await getCompany(db, companyId);
  return db.transaction().execute(async (trx) => {
    const inStatistics = await countsInStatistics(trx, companyId);
    const responses = await listResponsesOfCompany(trx, companyId);
    const responsesScrubbed = await scrubResponses(trx, responses, "everything");
    const needsKept = await anonymiseNeedsOfCompany(trx, companyId, inStatistics);
    // Cases and referrals keep their anonymous skeleton (status, theme, outcome); their free text goes.
    await scrubCasesOfCompany(trx, companyId);
    await scrubReferralsOfCompany(trx, companyId);
    // Meeting registrations keep their place in the counts without the person.
    await anonymiseRegistrationsOfCompany(trx, companyId);
    await deleteCompany(trx, companyId);
    await recordAudit(trx, {
      ...meta,
      action: "erase",
      recordType: "company",
      recordId: companyId,
      details: { needsKept, responsesScrubbed, countedInStatistics: inStatistics },
    });
    return { needsKept, responsesScrubbed };
  });
}

/**
 * Erases one contact person: the record goes, answers naming them lose their contact block, consents they
 * gave stay (the company's) without the link to them. Platform admin only. Audited.
 */
export async function eraseContact(db: Db, contactId: string, meta: AuditMeta) {
  assertMayErase(meta);
  const contact = await getContact(db, contactId);
  return db.transaction().execute(async (trx) => {
    const responses = await listResponsesOfContact(trx, contactId);
    const responsesScrubbed = await scrubResponses(trx, responses, "contact");
    await deleteContact(trx, contactId);
    await recordAudit(trx, {
      ...meta,
      action: "erase",
      recordType: "contact",
      recordId: contactId,
      details: { companyId: contact.companyId, responsesScrubbed },
    });
    return { responsesScrubbed };
  });
}
