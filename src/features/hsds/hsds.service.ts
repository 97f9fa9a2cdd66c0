import type { Db } from "#src/db/client.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import type { Offer } from "#src/features/offers/offers.schemas.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import type { Organisation } from "#src/features/organisations/organisations.schemas.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { toHsdsOrganization } from "./hsds.export.ts";
import { type ImportPlan, type ImportProblem, planImport, slugify } from "./hsds.import.ts";
import { parseJson } from "./hsds.json.ts";
import type { HsdsDocument } from "./hsds.schemas.ts";
import { loadCodeLists } from "./hsds.taxonomies.ts";

// HSDS 3.0 in and out (docs/hsds-profile.md): the whole catalogue as one document, and the import of such a
// document in one transaction. The public read API is in hsds.api.service.ts.

/** Where an import came from, for the audit log. */
export type ImportMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

/** Called as an import goes: what it is doing and how far it has come. */
export type ImportProgress = (event: { stage: "checked" | "imported"; done: number; total: number }) => void;

export type ImportOptions = {
  /** Import the valid records and list the rest, instead of refusing the whole document. */
  skipInvalid?: boolean;
  /** Only check: report the problems and what would be imported, write nothing. */
  dryRun?: boolean;
  onProgress?: ImportProgress;
  /** How many services go into the database per step (and per progress report). */
  chunkSize?: number;
  meta?: ImportMeta;
};

export type ImportReport = {
  /** True when the document was written (wholly, or its valid part with skipInvalid). */
  imported: boolean;
  problems: ImportProblem[];
  /** Records left out because of their problems (or their organization's). */
  rejected: string[];
  totals: ImportPlan["totals"];
  /** What was (or, in a dry run, would be) imported. */
  valid: { organizations: number; services: number };
  organisations: { created: number; updated: number };
  offers: { created: number; updated: number; unchanged: number };
};

function byName<T extends { name: string; id: string }>(a: T, b: T): number {
  return compareSwedish(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every organisation with all its offers (whatever their status), sorted by name: the export document. */
export async function exportHsdsDocument(db: Db): Promise<HsdsDocument> {
  const [lists, all, everyOffer] = await Promise.all([
    loadCodeLists(db),
    organisations.listOrganisations(db),
    offers.listOffers(db),
  ]);
  const offersOf = new Map<string, Offer[]>();
  for (const offer of everyOffer)
    offersOf.set(offer.organisationId, [...(offersOf.get(offer.organisationId) ?? []), offer]);
  return {
    organizations: [...all]
      .sort(byName)
      .map((organisation) =>
        toHsdsOrganization(organisation, (offersOf.get(organisation.id) ?? []).sort(byName), lists),
      ),
  };
}

/** The export as text: two-space indented JSON with a final newline. */
export async function exportHsdsText(db: Db): Promise<string> {
  return `${JSON.stringify(await exportHsdsDocument(db), null, 2)}\n`;
}

/** New offers get a slug from their name, numbered when taken; existing ones keep theirs. */
function assignSlugs(plan: ImportPlan, existing: Offer[]): void {
  const slugOf = new Map(existing.map((o) => [o.id, o.slug]));
  const taken = new Set(existing.map((o) => o.slug));
  for (const { input } of plan.offers) {
    const kept = slugOf.get(input.id);
    if (kept) {
      input.slug = kept;
      continue;
    }
    const base = slugify(input.name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    input.slug = slug;
    taken.add(slug);
  }
}

/** An organization that gives no type keeps the type it has in Lots ("other" when it is new). */
function keepTypes(plan: ImportPlan, existing: Organisation[]): void {
  const typeOf = new Map(existing.map((o) => [o.id, o.type]));
  for (const entry of plan.organisations) {
    if (!entry.typeGiven) entry.input.type = typeOf.get(entry.input.id) ?? "other";
  }
}

/**
 * Imports an HSDS document (`{"organizations": [...]}` with services embedded). Checks everything first
 * and reports every problem with its path; with problems nothing is written unless `skipInvalid`, which
 * writes the valid records and lists the others. All writes share one transaction. Organisations and
 * offers keep the document's ids, so importing the same document again updates instead of duplicating.
 */
export async function importHsds(
  db: Db,
  actor: AuditActor,
  text: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = {
    imported: false,
    problems: [],
    rejected: [],
    totals: { organizations: 0, services: 0 },
    valid: { organizations: 0, services: 0 },
    organisations: { created: 0, updated: 0 },
    offers: { created: 0, updated: 0, unchanged: 0 },
  };
  const json = parseJson(text);
  if (!json.ok) {
    report.problems.push({ path: "(file)", message: `not valid JSON: ${json.message}` });
    return report;
  }
  const [lists, existingOrganisations] = await Promise.all([
    loadCodeLists(db),
    organisations.listOrganisations(db),
  ]);
  const owners = new Map(
    existingOrganisations.flatMap((o) => (o.orgNumber ? [[o.orgNumber, o.id] as const] : [])),
  );
  const plan = planImport(json.value, lists, owners);
  Object.assign(report, {
    problems: plan.problems,
    rejected: plan.rejected,
    totals: plan.totals,
    valid: { organizations: plan.organisations.length, services: plan.offers.length },
  });
  options.onProgress?.({ stage: "checked", done: plan.totals.services, total: plan.totals.services });
  if (options.dryRun || (plan.problems.length > 0 && !options.skipInvalid)) return report;
  if (plan.organisations.length === 0 && plan.offers.length === 0) return report;

  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  await db.transaction().execute(async (trx) => {
    keepTypes(plan, existingOrganisations);
    const orgs = await organisations.upsertOrganisationsFromImport(
      trx,
      actor,
      plan.organisations.map((o) => o.input),
      options.meta,
    );
    report.organisations = { created: orgs.created.length, updated: orgs.updated.length };
    assignSlugs(plan, await offers.listOffers(trx));
    for (let start = 0; start < plan.offers.length; start += chunkSize) {
      const chunk = plan.offers.slice(start, start + chunkSize);
      try {
        const done = await offers.upsertOffersFromImport(
          trx,
          chunk.map((o) => o.input),
          { ...options.meta, actor },
        );
        report.offers.created += done.created.length;
        report.offers.updated += done.updated.length;
        report.offers.unchanged += done.unchanged.length;
      } catch (error) {
        // The checks above should have caught it; say which part of the document the offers service refused.
        if (error instanceof AppError) {
          throw new AppError(error.code, `${chunk[0]!.path} … ${chunk.at(-1)!.path}: ${error.message}`);
        }
        throw error;
      }
      options.onProgress?.({ stage: "imported", done: start + chunk.length, total: plan.offers.length });
    }
    await recordAudit(trx, {
      actor,
      action: "import",
      recordType: "hsds-document",
      ...options.meta,
      details: {
        organisationsCreated: report.organisations.created,
        organisationsUpdated: report.organisations.updated,
        offersCreated: report.offers.created,
        offersUpdated: report.offers.updated,
        rejected: report.rejected.length,
      },
    });
  });
  report.imported = true;
  return report;
}
