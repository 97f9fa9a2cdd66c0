import type { Db } from "#src/db/client.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { validationError } from "#src/shared/http-errors.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import * as repository from "./organisations.repository.ts";
import { CreateOrganisationInput, type Organisation } from "./organisations.schemas.ts";

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
