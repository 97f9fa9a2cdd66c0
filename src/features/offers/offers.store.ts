import type { Db } from "#src/db/client.ts";
import { type AuditActor, recordAudit } from "#src/features/audit/audit.service.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import { actorLabel } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { changesBetween, contactsOfParsed, toContact, toOffer, toRow } from "./offers.mapping.ts";
import * as repository from "./offers.repository.ts";
import type { Offer, OfferContact, OfferHistoryAction } from "./offers.schemas.ts";
import type { CodeLists, ParsedOffer } from "./offers.validation.ts";

// Writing offers: the steps the service's operations share (contacts, history, audit, checks). Internal to
// the offers feature; other features call offers.service.ts.

/** Where a change came from, for the audit log (the request's address, browser and id). */
export type OfferChangeMeta = {
  ip?: string | undefined;
  userAgent?: string | undefined;
  requestId?: string | undefined;
};

/** The actor of seeds and tests that name none. */
export const SEED: AuditActor = Object.freeze({ kind: "system", label: "system" });

/** Runs `work` in the caller's transaction when there is one, else in a new one. */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/** The name history and "verified by" show for an actor: a person's name, a token's or a system's label. */
export function displayName(actor: AuditActor): string {
  if (actor.kind === "user") return actor.name;
  if (actor.kind === "system") return actor.label;
  return actorLabel(actor);
}

/** Offers with their contacts, in the order of `rows`. */
export async function withContacts(db: Db, rows: repository.OfferRow[]): Promise<Offer[]> {
  const contacts = await repository.contactsOf(
    db,
    rows.map((r) => r.id),
  );
  const byOffer = new Map<string, OfferContact[]>();
  for (const c of contacts) {
    const list = byOffer.get(c.offer_id) ?? [];
    list.push(toContact(c));
    byOffer.set(c.offer_id, list);
  }
  const now = new Date();
  return rows.map((row) => toOffer(row, byOffer.get(row.id) ?? [], now));
}

/** The rows of an offer's contact persons, in their order. */
export function contactRows(offerId: string, contacts: OfferContact[]): repository.NewContactRow[] {
  return contacts.map((c, position) => ({ offer_id: offerId, position, ...c }));
}

/** Appends one history entry per offer: who (user id and display name), what, and the changed fields. */
export async function writeHistory(
  db: Db,
  actor: AuditActor,
  entries: { offer: Offer; action: OfferHistoryAction; changes: Record<string, unknown> }[],
): Promise<void> {
  await repository.insertHistory(
    db,
    entries.map(({ offer, action, changes }) => ({
      offer_id: offer.id,
      organisation_id: offer.organisationId,
      actor_user_id: actor.kind === "user" ? actor.userId : null,
      actor_label: displayName(actor),
      action,
      changes: JSON.stringify(changes),
    })),
  );
}

/** Contact persons are personal data: who added, changed or removed them goes to the audit log (no values). */
export async function auditContacts(
  db: Db,
  actor: AuditActor,
  meta: OfferChangeMeta,
  before: Offer | undefined,
  after: Offer,
): Promise<void> {
  const from = before?.contacts ?? [];
  if (JSON.stringify(from) === JSON.stringify(after.contacts)) return;
  await recordAudit(db, {
    actor,
    action: before ? "update" : "create",
    recordType: "offer-contacts",
    recordId: after.id,
    organisationId: after.organisationId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
    details: { offerId: after.id, contactsBefore: from.length, contactsAfter: after.contacts.length },
  });
}

/** Throws NOT_FOUND for the first offer whose organisation does not exist. */
export async function checkOrganisations(db: Db, parsed: ParsedOffer[], prefix: (i: number) => string) {
  const known = new Set(
    await organisations.findExistingOrganisationIds(
      db,
      parsed.map((p) => p.organisationId),
    ),
  );
  const orphan = parsed.findIndex((p) => !known.has(p.organisationId));
  if (orphan >= 0) {
    throw new AppError(
      "NOT_FOUND",
      `${prefix(orphan)}no organisation has the id ${parsed[orphan]!.organisationId}.`,
    );
  }
}

/** Throws CONFLICT ("slug: …") for a slug used twice or taken by an offer not in `exceptIds`. */
export async function checkSlugs(db: Db, slugs: string[], exceptIds: string[] = []) {
  const repeated = slugs.find((slug, i) => slugs.indexOf(slug) !== i);
  if (repeated) throw new AppError("CONFLICT", `The offer slug ${repeated} is used twice.`);
  const taken = await repository.findTakenSlugs(db, slugs, exceptIds);
  const first = [...taken.keys()][0];
  if (first) throw new AppError("CONFLICT", `slug: an offer with the slug ${first} already exists.`);
}

/** Inserts validated offers (keeping `ids` when given) with their contacts. */
export async function insertParsed(
  db: Db,
  parsed: ParsedOffer[],
  lists: CodeLists,
  ids?: string[],
): Promise<Offer[]> {
  const rows = await repository.insertOffers(
    db,
    parsed.map((p, i) => ({ ...toRow(p, lists.sniVersion), ...(ids ? { id: ids[i] } : {}) })),
  );
  const contacts = rows.flatMap((row, i) => contactRows(row.id, contactsOfParsed(parsed[i]!)));
  await repository.replaceContacts(db, [], contacts);
  return withContacts(db, rows);
}

/** Stores `next` (a full, validated offer) over `before` and records history and audit. */
export async function store(
  trx: Db,
  actor: AuditActor,
  meta: OfferChangeMeta,
  before: Offer,
  next: ParsedOffer,
  lists: CodeLists,
  action: OfferHistoryAction,
): Promise<Offer> {
  const row = await repository.updateOffer(trx, before.id, toRow(next, lists.sniVersion));
  const contacts = contactsOfParsed(next);
  if (JSON.stringify(contacts) !== JSON.stringify(before.contacts)) {
    await repository.replaceContacts(trx, [before.id], contactRows(before.id, contacts));
  }
  const [after] = await withContacts(trx, [row]);
  await writeHistory(trx, actor, [{ offer: after!, action, changes: changesBetween(before, after!) }]);
  await auditContacts(trx, actor, meta, before, after!);
  return after!;
}
