import type { Db } from "#src/db/client.ts";
import type { AuditActor } from "#src/features/audit/audit.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { changesBetween, contactsOfParsed, inputOf, toHistoryEntry } from "./offers.mapping.ts";
import { canManageOffers, canReadOffers, offerReadScope } from "./offers.policy.ts";
import * as repository from "./offers.repository.ts";
import {
  type CreateOfferInput,
  type Offer,
  type OfferFilter,
  type OfferHistoryAction,
  type OfferHistoryEntry,
  type OfferIssue,
  type OfferStatus,
  UPDATABLE_FIELDS,
  type UpdateOfferInput,
} from "./offers.schemas.ts";
import {
  auditContacts,
  checkOrganisations,
  checkSlugs,
  displayName,
  insertParsed,
  inTransaction,
  type OfferChangeMeta,
  SEED,
  store,
  withContacts,
  writeHistory,
} from "./offers.store.ts";
import { loadCodeLists, offerIssues, validateBatch } from "./offers.validation.ts";

export { isVerificationOverdue, VERIFICATION_DAYS } from "./offers.mapping.ts";
export type { OfferChangeMeta } from "./offers.store.ts";

/**
 * Adds offers after validating every one: fields (zod), codes against the reference lists (themes, formats,
 * counties, municipalities, size bands, SNI), the organisation, and free slugs. Nothing is written if any
 * input fails. Each offer gets a "create" history entry by `by` (default "system"; the demo seed says
 * "demo"). For seeds and tests: no policy. Throws VALIDATION_FAILED, NOT_FOUND or CONFLICT.
 */
export async function createOffers(
  db: Db,
  inputs: CreateOfferInput[],
  by: AuditActor = SEED,
): Promise<Offer[]> {
  if (inputs.length === 0) return [];
  const lists = await loadCodeLists(db);
  const parsed = validateBatch(inputs, lists);
  const prefix = (i: number) => (inputs.length > 1 ? `Offer ${i + 1}: ` : "");
  return inTransaction(db, async (trx) => {
    await checkOrganisations(trx, parsed, prefix);
    await checkSlugs(
      trx,
      parsed.map((p) => p.slug),
    );
    const created = await insertParsed(trx, parsed, lists);
    await writeHistory(
      trx,
      by,
      created.map((offer) => ({
        offer,
        action: "create" as const,
        changes: changesBetween(undefined, offer),
      })),
    );
    return created;
  });
}

/** Every problem of an offer input (fields and codes), for forms that show each next to its field. */
export function checkOfferInput(db: Db, input: CreateOfferInput): Promise<OfferIssue[]> {
  return offerIssues(db, input);
}

/**
 * Adds one offer for `actor`, who must manage offers of its organisation (org-admin or advisor there, or the
 * platform admin). The creator vouches for it, so it counts as verified now by them. Writes the "create"
 * history entry and, when it has contact persons, an audit entry. Throws FORBIDDEN, VALIDATION_FAILED,
 * NOT_FOUND or CONFLICT.
 */
export async function createOffer(
  db: Db,
  actor: AuditActor,
  input: CreateOfferInput,
  meta: OfferChangeMeta = {},
): Promise<Offer> {
  if (!canManageOffers(actor, input.organisationId))
    throw new AppError("FORBIDDEN", "You may not add offers for this organisation.");
  return inTransaction(db, async (trx) => {
    const [created] = await createOffers(
      trx,
      [{ ...input, lastVerifiedAt: new Date(), lastVerifiedBy: displayName(actor) }],
      actor,
    );
    await auditContacts(trx, actor, meta, undefined, created!);
    return created!;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One offer, whatever its status (public pages decide what to show). Throws NOT_FOUND (also for a non-UUID). */
export async function getOffer(db: Db, id: string): Promise<Offer> {
  const [row] = UUID.test(id) ? await repository.findOffers(db, [id]) : [];
  if (!row) throw new AppError("NOT_FOUND", `No offer has the id ${id}.`);
  const [offer] = await withContacts(db, [row]);
  return offer!;
}

/** The offers with these ids, in the order asked; unknown ids are left out. */
export async function listOffersByIds(db: Db, ids: readonly string[]): Promise<Offer[]> {
  const unique = [...new Set(ids)].filter((id) => UUID.test(id));
  const byId = new Map(
    (await withContacts(db, await repository.findOffers(db, unique))).map((o) => [o.id, o]),
  );
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/** Offers by name, optionally of one organisation or status (no policy: for seeds, tests and the catalogue). */
export async function listOffers(db: Db, filter: OfferFilter = {}): Promise<Offer[]> {
  return withContacts(db, await repository.listOffers(db, filter));
}

/** How many offers match the filter. */
export function countOffers(db: Db, filter: OfferFilter = {}): Promise<number> {
  return repository.countOffers(db, filter);
}

/** The offers the actor may see on the staff pages: their organisations' (all for the platform admin). */
export async function listOffersFor(db: Db, actor: AuditActor, filter: OfferFilter = {}): Promise<Offer[]> {
  return withContacts(db, await repository.listOffers(db, filter, offerReadScope(actor)));
}

/** One offer for the staff pages. Throws NOT_FOUND, or FORBIDDEN for another organisation's offer. */
export async function getOfferFor(db: Db, actor: AuditActor, id: string): Promise<Offer> {
  const offer = await getOffer(db, id);
  if (!canReadOffers(actor, offer.organisationId))
    throw new AppError("FORBIDDEN", "This offer belongs to another organisation.");
  return offer;
}

/** Loads an offer for a change by `actor`, locked, or throws NOT_FOUND / FORBIDDEN. */
async function lockForChange(trx: Db, actor: AuditActor, id: string): Promise<Offer> {
  const row = UUID.test(id) ? await repository.findOfferForUpdate(trx, id) : undefined;
  if (!row) throw new AppError("NOT_FOUND", `No offer has the id ${id}.`);
  if (!canManageOffers(actor, row.organisation_id))
    throw new AppError("FORBIDDEN", "Only the offer's own organisation may change it.");
  const [offer] = await withContacts(trx, [row]);
  return offer!;
}

/**
 * Changes the given fields of an offer (only keys present in `patch` count; see UpdateOfferInput) for an
 * actor who manages its organisation. The merged offer is validated whole. A change that changes nothing
 * writes nothing. Every change gets an "update" history entry with each field's old and new value; changed
 * contacts also an audit entry. Throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED or CONFLICT (slug).
 */
export async function updateOffer(
  db: Db,
  actor: AuditActor,
  id: string,
  patch: UpdateOfferInput | Record<string, unknown>,
  meta: OfferChangeMeta = {},
): Promise<Offer> {
  const unknown = Object.keys(patch).find((key) => !(UPDATABLE_FIELDS as string[]).includes(key));
  if (unknown) throw new AppError("VALIDATION_FAILED", `${unknown}: cannot be changed here.`);
  return inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, actor, id);
    const merged = { ...inputOf(before), ...patch };
    const lists = await loadCodeLists(trx);
    const [next] = validateBatch([merged], lists);
    if (next!.slug !== before.slug) await checkSlugs(trx, [next!.slug], [id]);
    const changed = Object.keys(
      changesBetween(before, { ...before, ...next!, contacts: contactsOfParsed(next!) }),
    );
    if (changed.length === 0) return before;
    return store(trx, actor, meta, before, next!, lists, "update");
  });
}

const STATUS_ACTION: Record<OfferStatus, OfferHistoryAction> = {
  active: "activate",
  paused: "pause",
  closed: "close",
};

/**
 * Pauses, closes or (re)activates an offer, for an actor who manages its organisation. Setting the status it
 * already has changes nothing. Recorded as a pause/close/activate history entry. Throws NOT_FOUND, FORBIDDEN.
 */
export async function setOfferStatus(
  db: Db,
  actor: AuditActor,
  id: string,
  status: OfferStatus,
  meta: OfferChangeMeta = {},
): Promise<Offer> {
  if (!(status in STATUS_ACTION))
    throw new AppError("VALIDATION_FAILED", `status: unknown status ${status}.`);
  return inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, actor, id);
    if (before.status === status) return before;
    const lists = await loadCodeLists(trx);
    const [next] = validateBatch([{ ...inputOf(before), status }], lists);
    return store(trx, actor, meta, before, next!, lists, STATUS_ACTION[status]);
  });
}

/**
 * Records that `actor` checked the offer is still right: last verified now, by their name. Clears the
 * 180-day flag. Throws NOT_FOUND, FORBIDDEN.
 */
export async function verifyOffer(
  db: Db,
  actor: AuditActor,
  id: string,
  meta: OfferChangeMeta = {},
): Promise<Offer> {
  return inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, actor, id);
    const lists = await loadCodeLists(trx);
    const [next] = validateBatch(
      [{ ...inputOf(before), lastVerifiedAt: new Date(), lastVerifiedBy: displayName(actor) }],
      lists,
    );
    return store(trx, actor, meta, before, next!, lists, "verify");
  });
}

/** An offer's history, newest first, for those who may read the offer on the staff pages. */
export async function listOfferHistory(db: Db, actor: AuditActor, id: string): Promise<OfferHistoryEntry[]> {
  await getOfferFor(db, actor, id);
  return (await repository.listHistory(db, id)).map(toHistoryEntry);
}

/** Who an import acts as, and where it came from. */
export type OfferImportMeta = OfferChangeMeta & { actor?: AuditActor };

/**
 * Creates or updates offers with the given ids (HSDS import): an id that exists is updated (history
 * "import" with the changed fields; nothing when nothing changed), a new id is created with it. All are
 * validated first; nothing is written if any fails. Verification without a "by" is credited to "import".
 * Runs in the caller's transaction when given one. Throws VALIDATION_FAILED, NOT_FOUND or CONFLICT.
 */
export async function upsertOffersFromImport(
  db: Db,
  inputs: (CreateOfferInput & { id: string })[],
  meta: OfferImportMeta = {},
): Promise<{ created: Offer[]; updated: Offer[]; unchanged: Offer[] }> {
  const actor: AuditActor = meta.actor ?? { kind: "system", label: "import" };
  const result = { created: [] as Offer[], updated: [] as Offer[], unchanged: [] as Offer[] };
  if (inputs.length === 0) return result;
  const prefix = (i: number) => (inputs.length > 1 ? `Offer ${i + 1}: ` : "");
  const badId = inputs.findIndex((o) => !UUID.test(o.id));
  if (badId >= 0) throw new AppError("VALIDATION_FAILED", `${prefix(badId)}id: must be a UUID.`);
  const ids = inputs.map((o) => o.id.toLowerCase());
  if (new Set(ids).size !== ids.length)
    throw new AppError("VALIDATION_FAILED", "id: an offer id is used twice.");
  const lists = await loadCodeLists(db);
  const parsed = validateBatch(
    inputs.map(({ id: _, ...o }) => ({
      ...o,
      lastVerifiedBy: o.lastVerifiedBy ?? (o.lastVerifiedAt ? "import" : null),
    })),
    lists,
  );
  return inTransaction(db, async (trx) => {
    await checkOrganisations(trx, parsed, prefix);
    await checkSlugs(
      trx,
      parsed.map((p) => p.slug),
      ids,
    );
    const existing = new Map((await listOffersByIds(trx, ids)).map((o) => [o.id, o]));
    const fresh = parsed.flatMap((p, i) => (existing.has(ids[i]!) ? [] : [{ p, id: ids[i]! }]));
    if (fresh.length > 0) {
      result.created = await insertParsed(
        trx,
        fresh.map((f) => f.p),
        lists,
        fresh.map((f) => f.id),
      );
      await writeHistory(
        trx,
        actor,
        result.created.map((offer) => ({
          offer,
          action: "import",
          changes: changesBetween(undefined, offer),
        })),
      );
      for (const offer of result.created) await auditContacts(trx, actor, meta, undefined, offer);
    }
    for (const [i, p] of parsed.entries()) {
      const before = existing.get(ids[i]!);
      if (!before) continue;
      const after = { ...before, ...p, contacts: contactsOfParsed(p) } as Offer;
      if (Object.keys(changesBetween(before, after)).length === 0) result.unchanged.push(before);
      else result.updated.push(await store(trx, actor, meta, before, p, lists, "import"));
    }
    return result;
  });
}
