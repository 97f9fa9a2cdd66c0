import type { Db } from "#src/db/client.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { type Actor, membershipsOf } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import {
  canCreateOrganisation,
  canListAllOrganisations,
  canViewOrganisation,
  editableOrganisationFields,
  type OrganisationField,
} from "./organisations.policy.ts";
import * as repository from "./organisations.repository.ts";
import {
  CreateOrganisationInput,
  type Organisation,
  UpdateOrganisationInput,
} from "./organisations.schemas.ts";

/** Where a request came from, for the audit log (see auditContext in the audit feature). */
export type RequestMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

type OrganisationRow = Awaited<ReturnType<typeof repository.listOrganisations>>[number];

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    orgNumber: row.org_number,
    type: row.type,
    descriptionSv: row.description_sv,
    descriptionEn: row.description_en,
    website: row.website,
    municipalityCodes: row.municipality_codes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Parses one input; in a batch the message says which item failed. */
function parseInput(input: CreateOrganisationInput, index: number, batchSize: number) {
  const parsed = CreateOrganisationInput.safeParse(input);
  if (!parsed.success) {
    const error = validationError(parsed.error);
    throw batchSize > 1 ? new AppError(error.code, `Organisation ${index + 1}: ${error.message}`) : error;
  }
  return parsed.data;
}

/**
 * Adds organisations with the municipalities they serve. All or nothing: every input is validated
 * (slug free and unique, org number valid, municipality codes known) before anything is written, and
 * the writes share one transaction (the caller's, if it passes one). Throws VALIDATION_FAILED or CONFLICT.
 */
export async function createOrganisations(
  db: Db,
  inputs: CreateOrganisationInput[],
): Promise<Organisation[]> {
  if (inputs.length === 0) return [];
  const parsed = inputs.map((input, i) => parseInput(input, i, inputs.length));

  const slugs = parsed.map((p) => p.slug);
  const repeated = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
  if (repeated) throw new AppError("CONFLICT", `The slug ${repeated} is used twice.`);
  const taken = await repository.findTakenSlugs(db, slugs);
  if (taken.length > 0) {
    throw new AppError("CONFLICT", `An organisation with the slug ${taken[0]} already exists.`);
  }

  const known = new Set((await reference.getMunicipalities(db)).map((m) => m.code));
  for (const p of parsed) {
    const unknown = p.municipalityCodes.find((code) => !known.has(code));
    if (unknown) {
      throw new AppError("VALIDATION_FAILED", `municipalityCodes: no municipality has the code ${unknown}.`);
    }
  }

  const rows = parsed.map((p) => ({
    slug: p.slug,
    name: p.name,
    org_number: p.orgNumber ? parseOrgNumber(p.orgNumber).number : null,
    type: p.type,
    description_sv: p.descriptionSv,
    description_en: p.descriptionEn,
    website: p.website ?? null,
  }));

  const write = async (trx: Db) => {
    const inserted = await repository.insertOrganisations(trx, rows);
    const idBySlug = new Map(inserted.map((r) => [r.slug, r.id]));
    await repository.insertOrganisationMunicipalities(
      trx,
      parsed.flatMap((p) =>
        p.municipalityCodes.map((code) => ({
          organisation_id: idBySlug.get(p.slug)!,
          municipality_code: code,
        })),
      ),
    );
    const created = await repository.listOrganisations(trx, { ids: inserted.map((r) => r.id) });
    return created.map(toOrganisation);
  };
  // Two statements: keep them atomic, joining the caller's transaction when there is one.
  return db.isTransaction ? write(db) : db.transaction().execute(write);
}

/** Adds one organisation; see `createOrganisations`. */
export async function createOrganisation(db: Db, input: CreateOrganisationInput): Promise<Organisation> {
  const [created] = await createOrganisations(db, [input]);
  return created!;
}

/** All organisations by name, with the municipalities each serves. */
export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return (await repository.listOrganisations(db)).map(toOrganisation);
}

/** How many organisations the network has. */
export function countOrganisations(db: Db): Promise<number> {
  return repository.countOrganisations(db);
}

/** The ids among `ids` that belong to an existing organisation (for other features' checks). */
export function findExistingOrganisationIds(db: Db, ids: string[]): Promise<string[]> {
  return repository.findExistingIds(db, [...new Set(ids)]);
}

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The organisations the actor may see: every one for the platform admin, otherwise those they belong to. */
export async function listOrganisationsFor(db: Db, actor: Actor): Promise<Organisation[]> {
  const rows = canListAllOrganisations(actor)
    ? await repository.listOrganisations(db)
    : await repository.listOrganisations(db, {
        ids: [...new Set(membershipsOf(actor).map((m) => m.organisationId))],
      });
  return rows.map(toOrganisation);
}

/**
 * One organisation, for the platform admin or a member of it. Throws FORBIDDEN for anyone else (names
 * of organisations are public, so refusing does not hide anything), NOT_FOUND when it does not exist.
 */
export async function getOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
  if (!canViewOrganisation(actor, id))
    throw new AppError("FORBIDDEN", "You do not have access to this organisation.");
  const [row] = isUuid(id) ? await repository.listOrganisations(db, { ids: [id] }) : [];
  if (!row) throw new AppError("NOT_FOUND", "No organisation has this id.");
  return toOrganisation(row);
}

/** A slug from a name: "Örebro universitet" → "orebro-universitet". */
export function slugFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 70)
      .replace(/-+$/, "") || "organisation"
  );
}

/**
 * Adds an organisation on behalf of the platform admin (others: FORBIDDEN). Without a slug, one is made
 * from the name, numbered when taken. The org number must not belong to another organisation (CONFLICT).
 * Audited as 'create' on 'organisation'.
 */
export async function createOrganisationAs(
  db: Db,
  actor: Actor,
  input: Omit<CreateOrganisationInput, "slug"> & { slug?: string | undefined },
  meta: RequestMeta = {},
): Promise<Organisation> {
  if (!canCreateOrganisation(actor))
    throw new AppError("FORBIDDEN", "Only the platform admin adds organisations.");
  return inTransaction(db, async (trx) => {
    let slug = input.slug?.trim();
    if (!slug) {
      const base = slugFromName(String(input.name ?? ""));
      slug = base;
      for (let n = 2; (await repository.findTakenSlugs(trx, [slug])).length > 0; n++) slug = `${base}-${n}`;
    }
    if (input.orgNumber) await assertOrgNumberFree(trx, parseOrgNumber(input.orgNumber).number);
    const created = await createOrganisation(trx, { ...input, slug });
    await recordAudit(trx, {
      actor,
      action: "create",
      recordType: "organisation",
      recordId: created.id,
      organisationId: created.id,
      ...meta,
      details: { name: created.name, slug: created.slug },
    });
    return created;
  });
}

async function assertOrgNumberFree(db: Db, number: string, exceptId?: string): Promise<void> {
  if ((await repository.findIdsWithOrgNumber(db, number, exceptId)).length > 0) {
    throw new AppError("CONFLICT", "orgNumber: another organisation already has this organisation number.");
  }
}

/**
 * Changes an organisation. The platform admin may change every field; an org-admin only their own
 * organisation's description and website (FORBIDDEN otherwise, naming the field). Only the fields present
 * in `input` are touched. Audited as 'update' on 'organisation' with the names of the changed fields.
 */
export async function updateOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateOrganisationInput,
  meta: RequestMeta = {},
): Promise<Organisation> {
  const allowed = editableOrganisationFields(actor, id);
  if (allowed.length === 0) throw new AppError("FORBIDDEN", "You may not change this organisation.");
  const parsed = UpdateOrganisationInput.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const patch = parsed.data;
  const given = (Object.keys(patch) as OrganisationField[]).filter((k) => patch[k] !== undefined);
  const refused = given.find((field) => !allowed.includes(field));
  if (refused) throw new AppError("FORBIDDEN", `${refused}: only the platform admin may change this field.`);

  return inTransaction(db, async (trx) => {
    const before = await getOrganisation(trx, actor, id);
    const orgNumber =
      patch.orgNumber === undefined
        ? undefined
        : patch.orgNumber
          ? parseOrgNumber(patch.orgNumber).number
          : null;
    if (orgNumber) await assertOrgNumberFree(trx, orgNumber, id);
    if (patch.municipalityCodes) {
      const known = new Set((await reference.getMunicipalities(trx)).map((m) => m.code));
      const unknown = patch.municipalityCodes.find((code) => !known.has(code));
      if (unknown)
        throw new AppError(
          "VALIDATION_FAILED",
          `municipalityCodes: no municipality has the code ${unknown}.`,
        );
    }

    await repository.updateOrganisation(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(orgNumber !== undefined ? { org_number: orgNumber } : {}),
      ...(patch.type !== undefined ? { type: patch.type } : {}),
      ...(patch.descriptionSv !== undefined ? { description_sv: patch.descriptionSv } : {}),
      ...(patch.descriptionEn !== undefined ? { description_en: patch.descriptionEn } : {}),
      ...(patch.website !== undefined ? { website: patch.website || null } : {}),
    });
    if (patch.municipalityCodes)
      await repository.replaceOrganisationMunicipalities(trx, id, patch.municipalityCodes);
    const after = await getOrganisation(trx, actor, id);

    const changed = ALL_COMPARED.filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
    );
    if (changed.length > 0) {
      await recordAudit(trx, {
        actor,
        action: "update",
        recordType: "organisation",
        recordId: id,
        organisationId: id,
        ...meta,
        details: { fields: changed },
      });
    }
    return after;
  });
}

const ALL_COMPARED = [
  "name",
  "orgNumber",
  "type",
  "municipalityCodes",
  "descriptionSv",
  "descriptionEn",
  "website",
] as const satisfies readonly (keyof Organisation)[];

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * For the operator's CLI (trusted, no actor): the organisation named by a slug or an org number.
 * Returns undefined when none matches.
 */
export async function findOrganisationByReference(
  db: Db,
  reference: string,
): Promise<{ id: string; slug: string; name: string } | undefined> {
  const trimmed = reference.trim();
  let orgNumber: string | null = null;
  try {
    orgNumber = parseOrgNumber(trimmed).number;
  } catch {
    orgNumber = null;
  }
  const [found] = await repository.findOrganisationsBySlugOrNumber(db, trimmed, orgNumber);
  return found ? { id: found.id, slug: found.slug, name: found.name } : undefined;
}

/** For the operator's CLI: the ids of organisations of type 'region'. */
export function findRegionOrganisationIds(db: Db): Promise<string[]> {
  return repository.findOrganisationIdsByType(db, "region");
}

/** An organisation as an import brings it: the fields of `CreateOrganisationInput` with its own id, no slug. */
export type ImportedOrganisation = Omit<CreateOrganisationInput, "slug"> & { id: string };

/**
 * Creates or updates organisations with the given ids (HSDS import; trusted, no actor): a new id is added
 * with a slug made from its name (numbered when taken), an existing one gets the given fields, keeping its
 * slug. Validates every input first (fields, municipality codes, org numbers free and not given twice);
 * nothing is written if any fails. Joins the caller's transaction. Audited as 'import' on 'organisation'
 * by `actor`. Throws VALIDATION_FAILED or CONFLICT.
 */
export async function upsertOrganisationsFromImport(
  db: Db,
  actor: AuditActor,
  inputs: ImportedOrganisation[],
  meta: RequestMeta = {},
): Promise<{ created: Organisation[]; updated: Organisation[] }> {
  const result = { created: [] as Organisation[], updated: [] as Organisation[] };
  if (inputs.length === 0) return result;
  const parsed = inputs.map((input, i) => ({
    id: input.id,
    ...parseInput({ ...input, slug: "import" }, i, inputs.length),
  }));
  const badId = parsed.find((p) => !isUuid(p.id));
  if (badId) throw new AppError("VALIDATION_FAILED", `id: ${badId.id} is not a UUID.`);
  const ids = parsed.map((p) => p.id.toLowerCase());
  if (new Set(ids).size !== ids.length) throw new AppError("CONFLICT", "An organisation id is given twice.");
  const numbers = parsed.map((p) => (p.orgNumber ? parseOrgNumber(p.orgNumber).number : null));
  const twice = numbers.find((n, i) => n !== null && numbers.indexOf(n) !== i);
  if (twice) throw new AppError("CONFLICT", `orgNumber: ${twice} is given for two organisations.`);

  return inTransaction(db, async (trx) => {
    const known = new Set((await reference.getMunicipalities(trx)).map((m) => m.code));
    for (const p of parsed) {
      const unknown = p.municipalityCodes.find((code) => !known.has(code));
      if (unknown)
        throw new AppError(
          "VALIDATION_FAILED",
          `municipalityCodes: no municipality has the code ${unknown}.`,
        );
    }
    for (const [i, number] of numbers.entries()) if (number) await assertOrgNumberFree(trx, number, ids[i]);
    const existing = new Set(await repository.findExistingIds(trx, ids));
    for (const [i, p] of parsed.entries()) {
      const id = ids[i]!;
      const fields = {
        name: p.name,
        org_number: numbers[i]!,
        type: p.type,
        description_sv: p.descriptionSv,
        description_en: p.descriptionEn,
        website: p.website ?? null,
      };
      if (existing.has(id)) {
        await repository.updateOrganisation(trx, id, fields);
      } else {
        const base = slugFromName(p.name);
        let slug = base;
        for (let n = 2; (await repository.findTakenSlugs(trx, [slug])).length > 0; n++) slug = `${base}-${n}`;
        await repository.insertOrganisations(trx, [{ id, slug, ...fields }]);
      }
      await repository.replaceOrganisationMunicipalities(trx, id, p.municipalityCodes);
    }
    const rows = (await repository.listOrganisations(trx, { ids })).map(toOrganisation);
    for (const organisation of rows) {
      const created = !existing.has(organisation.id);
      (created ? result.created : result.updated).push(organisation);
      await recordAudit(trx, {
        actor,
        action: "import",
        recordType: "organisation",
        recordId: organisation.id,
        organisationId: organisation.id,
        ...meta,
        details: { name: organisation.name, created },
      });
    }
    return result;
  });
}
