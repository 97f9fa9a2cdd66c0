import type { Db } from "#src/db/client.ts";
import type { NeedSource, NeedStatus } from "#src/db/schema.ts";
import { recordAudit } from "#src/features/audit/audit.service.ts";
import { getCompany } from "#src/features/companies/companies.intake.service.ts";
import type { Company } from "#src/features/companies/companies.schemas.ts";
import { type AuditMeta, companiesCountingInStatistics } from "#src/features/consent/consent.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { scopeIncludes } from "#src/shared/auth/scope.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError, fieldErrorsFromZod } from "#src/shared/field-errors.ts";
import { canManageNeeds, defaultNeedOrganisation, needsReadScope } from "./needs.policy.ts";
import * as repository from "./needs.repository.ts";
import {
  CreateNeedInput,
  type DerivedNeed,
  NEED_URGENCIES,
  type Need,
  NeedFilter,
  type NeedFilterInput,
} from "./needs.schemas.ts";
import { cleanPlainText, plainTextProblem } from "./needs.text.ts";

// Needs: recorded by intakes (survey answers) and by navigators, triaged by status. Reading needs one by
// one is for the collecting organisation's navigators; each read of a company's need is audited.

type NeedRow = NonNullable<Awaited<ReturnType<typeof repository.findNeed>>>;

function toNeed(row: NeedRow): Need {
  return {
    id: row.id,
    companyId: row.company_id,
    companyName: row.company_name,
    organisationId: row.organisation_id,
    theme: row.theme,
    urgency: row.urgency,
    description: row.description,
    source: row.source,
    status: row.status,
    responseId: row.response_id,
    campaignId: row.campaign_id,
    municipalityCode: row.municipality_code,
    sizeBand: row.size_band,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusChangedAt: row.status_changed_at,
  };
}

/** The codes of the need themes an intake may use now. */
export async function activeThemeCodes(db: Db): Promise<Set<string>> {
  return new Set((await reference.getNeedThemes(db)).map((t) => t.code));
}

/**
 * Stores the needs an intake derived for a company, snapshotting the company's municipality, size band
 * and SNI code so anonymous counts survive erasure. No policy: the calling service decided. Returns ids.
 */
export function createNeedsForCompany(
  db: Db,
  company: Company,
  needs: readonly DerivedNeed[],
  origin: {
    organisationId: string;
    source: NeedSource;
    responseId?: string | null;
    campaignId?: string | null;
    createdByUserId?: string | null;
    /** When the need arose (an intake's submission time); default now. */
    createdAt?: Date;
  },
): Promise<string[]> {
  return repository.insertNeeds(
    db,
    needs.map((need) => ({
      company_id: company.id,
      organisation_id: origin.organisationId,
      theme: need.theme,
      urgency: need.urgency,
      description: need.description,
      source: origin.source,
      response_id: origin.responseId ?? null,
      campaign_id: origin.campaignId ?? null,
      municipality_code: company.municipalityCode,
      size_band: company.sizeBand,
      sni_code: company.sniCode,
      created_by_user_id: origin.createdByUserId ?? null,
      ...(origin.createdAt
        ? { created_at: origin.createdAt, updated_at: origin.createdAt, status_changed_at: origin.createdAt }
        : {}),
    })),
  );
}

/**
 * A navigator records a need for a company (from a meeting or a call). The organisation defaults to the
 * actor's only navigator organisation. Throws FieldValidationError, FORBIDDEN or NOT_FOUND; audited.
 * `now` dates the need (the demo seed backdates it).
 */
export async function createNeed(
  db: Db,
  input: CreateNeedInput,
  meta: AuditMeta,
  options: { now?: Date } = {},
): Promise<Need> {
  const parsed = CreateNeedInput.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  const data = parsed.data;
  const organisationId = data.organisationId ?? defaultNeedOrganisation(meta.actor);
  if (!organisationId) {
    throw new FieldValidationError({
      organisationId: {
        sv: "Välj vilken organisation behovet hör till.",
        en: "Say which organisation the need belongs to.",
      },
    });
  }
  if (!canManageNeeds(meta.actor, organisationId)) {
    throw new AppError("FORBIDDEN", "Only the organisation's navigators may record its needs.");
  }
  const errors: Record<string, { sv: string; en: string }> = {};
  if (!(await activeThemeCodes(db)).has(data.theme)) {
    errors.theme = { sv: "Välj ett behovsområde i listan.", en: `Unknown need theme: ${data.theme}.` };
  }
  const problem = plainTextProblem(data.description);
  if (problem) errors.description = problem;
  if (Object.keys(errors).length > 0) throw new FieldValidationError(errors);
  const company = await getCompany(db, data.companyId);
  const run = async (trx: Db) => {
    const [id] = await createNeedsForCompany(
      trx,
      company,
      [{ theme: data.theme, urgency: data.urgency, description: cleanPlainText(data.description) }],
      {
        organisationId,
        source: data.source,
        createdByUserId: meta.actor.kind === "user" ? meta.actor.userId : null,
        ...(options.now ? { createdAt: options.now } : {}),
      },
    );
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "need",
      recordId: id,
      organisationId,
      details: { companyId: company.id, theme: data.theme, source: data.source },
    });
    return id!;
  };
  const id = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return toNeed((await repository.findNeed(db, id))!);
}

async function readableNeed(db: Db, id: string, meta: AuditMeta): Promise<NeedRow> {
  const row = await repository.findNeed(db, id);
  if (!row) throw new AppError("NOT_FOUND", "No such need.");
  if (!scopeIncludes(needsReadScope(meta.actor), row.organisation_id)) {
    throw new AppError("FORBIDDEN", "This need belongs to another organisation.");
  }
  return row;
}

/** One need, for its organisation's navigators and the platform admin; the read is audited. */
export async function getNeed(db: Db, id: string, meta: AuditMeta): Promise<Need> {
  const row = await readableNeed(db, id, meta);
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "need",
    recordId: id,
    organisationId: row.organisation_id,
    details: row.company_id ? { companyId: row.company_id } : {},
  });
  return toNeed(row);
}

/**
 * Needs the actor may read (their organisations' as a navigator, all as platform admin), newest first.
 * An organisation filter outside the scope is FORBIDDEN. The listing is audited once.
 */
export async function listNeeds(db: Db, input: NeedFilterInput, meta: AuditMeta): Promise<Need[]> {
  const scope = needsReadScope(meta.actor);
  if (scope.kind === "organisations" && scope.organisationIds.length === 0) {
    throw new AppError("FORBIDDEN", "Only navigators and the platform admin read needs one by one.");
  }
  const parsed = NeedFilter.safeParse(input);
  if (!parsed.success) throw new FieldValidationError(fieldErrorsFromZod(parsed.error));
  if (parsed.data.organisationId && !scopeIncludes(scope, parsed.data.organisationId)) {
    throw new AppError("FORBIDDEN", "You may read your own organisations' needs only.");
  }
  const rows = await repository.listNeeds(db, scope, parsed.data);
  await recordAudit(db, {
    ...meta,
    action: "read",
    recordType: "need",
    details: { list: true, count: rows.length, companyId: parsed.data.companyId ?? null },
  });
  return rows.map(toNeed);
}

/**
 * Sets a need's status (triage). Its organisation's navigators and the platform admin; audited.
 * `now` dates the change (the demo seed backdates it).
 */
export async function setNeedStatus(
  db: Db,
  id: string,
  status: NeedStatus,
  meta: AuditMeta,
  options: { now?: Date } = {},
): Promise<Need> {
  const row = await readableNeed(db, id, meta);
  if (!canManageNeeds(meta.actor, row.organisation_id)) {
    throw new AppError("FORBIDDEN", "Only the organisation's navigators may change its needs.");
  }
  if (row.status === status) return toNeed(row);
  const run = async (trx: Db) => {
    await repository.updateNeedStatus(trx, id, status, options.now ?? new Date());
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "need",
      recordId: id,
      organisationId: row.organisation_id,
      details: { status: { from: row.status, to: status } },
    });
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  return toNeed((await repository.findNeed(db, id))!);
}

/**
 * Sets the status of needs a case took in or closed (lotsning): no policy and no audit entry of its own —
 * the cases feature decided and records the change on the case's timeline and in the audit log.
 */
export async function setNeedsStatusForCase(
  db: Db,
  needIds: readonly string[],
  status: NeedStatus,
  at: Date,
): Promise<void> {
  for (const id of needIds) await repository.updateNeedStatus(db, id, status, at);
}

/**
 * The company itself, from its private link, says a need is gone ("no-longer-relevant") or back ("open").
 * Only its own needs, and only while staff have not taken the need into a case or marked it met. Audited.
 */
export async function setNeedStatusFromCompany(
  db: Db,
  companyId: string,
  id: string,
  status: "open" | "no-longer-relevant",
  meta: AuditMeta,
  options: { now?: Date } = {},
): Promise<Need> {
  const row = await repository.findNeed(db, id);
  if (!row || row.company_id !== companyId) throw new AppError("NOT_FOUND", "No such need.");
  if (row.status !== "open" && row.status !== "no-longer-relevant") {
    throw new AppError("CONFLICT", "The network is already working on this need; contact your navigator.");
  }
  if (row.status === status) return toNeed(row);
  const run = async (trx: Db) => {
    await repository.updateNeedStatus(trx, id, status, options.now ?? new Date());
    await recordAudit(trx, {
      ...meta,
      action: "update",
      recordType: "need",
      recordId: id,
      organisationId: row.organisation_id,
      details: { status: { from: row.status, to: status }, via: "private-link" },
    });
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
  return toNeed((await repository.findNeed(db, id))!);
}

/**
 * The company itself, from its private link, tells a new need. It goes to the organisation that collected
 * the company's latest need (the company has no say over who gets it beyond its consents), with source
 * "survey": the company's own words, like a survey answer, and the audit log says "via private-link".
 * Throws FieldValidationError keyed theme/urgency/description, or CONFLICT when no organisation has ever
 * collected a need from the company. Audited.
 */
export async function createNeedFromCompany(
  db: Db,
  companyId: string,
  input: { theme: string; urgency: string; description: string },
  meta: AuditMeta,
): Promise<Need> {
  const errors: Record<string, { sv: string; en: string }> = {};
  if (!(await activeThemeCodes(db)).has(input.theme)) {
    errors.theme = { sv: "Välj ett behovsområde i listan.", en: "Choose a need area from the list." };
  }
  const urgency = NEED_URGENCIES.find((u) => u === input.urgency);
  if (!urgency)
    errors.urgency = { sv: "Välj när ni behöver stödet.", en: "Choose when you need the support." };
  const problem = plainTextProblem(input.description);
  if (problem) errors.description = problem;
  if (Object.keys(errors).length > 0 || !urgency) throw new FieldValidationError(errors);
  const company = await getCompany(db, companyId);
  const latest = (await lastNeedPerCompany(db, [companyId])).sort(
    (a, b) => b.lastAt.getTime() - a.lastAt.getTime(),
  )[0];
  if (!latest) throw new AppError("CONFLICT", "No organisation has collected needs from this company yet.");
  const run = async (trx: Db) => {
    const [id] = await createNeedsForCompany(
      trx,
      company,
      [{ theme: input.theme, urgency, description: cleanPlainText(input.description) }],
      { organisationId: latest.organisationId, source: "survey" },
    );
    await recordAudit(trx, {
      ...meta,
      action: "create",
      recordType: "need",
      recordId: id,
      organisationId: latest.organisationId,
      details: { companyId, theme: input.theme, via: "private-link" },
    });
    return id!;
  };
  const id = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return toNeed((await repository.findNeed(db, id))!);
}

/** Every need of a company, for its export (the caller audits). */
export async function listNeedsOfCompany(db: Db, companyId: string): Promise<Need[]> {
  return (await repository.listNeedsOfCompany(db, companyId)).map(toNeed);
}

/** Erasure: removes descriptions and the company link, keeps theme, urgency, status and anonymous facts. */
export function anonymiseNeedsOfCompany(db: Db, companyId: string, inStatistics: boolean): Promise<number> {
  return repository.anonymiseNeedsOfCompany(db, companyId, inStatistics);
}

/**
 * Retention: clears the company's own words (descriptions) of the organisation's needs created before
 * `before`, keeping theme, urgency, status, municipality, size band and SNI code for anonymous counts.
 * Returns how many needs lost a description. No policy: the retention job decided; it audits.
 */
export function clearNeedDescriptionsBefore(db: Db, organisationId: string, before: Date): Promise<number> {
  return repository.clearDescriptionsBefore(db, organisationId, before);
}

/** When each of these companies last got a need, per organisation (the retention job). */
export async function lastNeedPerCompany(
  db: Db,
  companyIds: readonly string[],
): Promise<{ companyId: string; organisationId: string; lastAt: Date }[]> {
  const rows = await repository.lastNeedPerCompany(db, companyIds);
  return rows.map((row) => ({
    companyId: row.company_id!,
    organisationId: row.organisation_id,
    lastAt: new Date(row.last_at as unknown as string | Date),
  }));
}

/**
 * Needs per theme that may count in statistics now: those of companies with an active statistics
 * consent, and anonymised ones whose company counted when it was erased. The dashboards (issue E) build on
 * this; a withdrawal removes the company's needs from every count made afterwards.
 */
export async function countNeedsForStatistics(
  db: Db,
  filter: { since?: Date } = {},
): Promise<Record<string, number>> {
  const rows = await repository.countNeedsByThemeAndCompany(db, filter);
  const companyIds = [...new Set(rows.flatMap((row) => (row.company_id ? [row.company_id] : [])))];
  const counting = new Set(await companiesCountingInStatistics(db, companyIds));
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const counts_ = row.company_id ? counting.has(row.company_id) : row.anonymous_in_statistics === true;
    if (counts_) counts[row.theme] = (counts[row.theme] ?? 0) + Number(row.n);
  }
  return counts;
}
