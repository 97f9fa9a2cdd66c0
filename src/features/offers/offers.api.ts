import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { createApiRouter } from "#src/shared/openapi.ts";
import {
  CreateOfferBody,
  type Offer,
  type OfferHistoryEntry,
  OfferHistoryEntrySchema,
  OfferRecordSchema,
  type OfferSchema,
  PatchOfferBody,
} from "./offers.schemas.ts";
import { createOffer, listOfferHistory, setOfferStatus, updateOffer, verifyOffer } from "./offers.service.ts";

// The write API for offers; reading the public catalogue is GET /api/v1/offers in the catalogue feature.

const tags = ["Offers"];
const OfferParams = z.object({ id: z.uuid("the offer id is a UUID") });

function signedIn(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (actor.kind === "anonymous") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token.");
  return actor;
}

function meta(c: Context<AppEnv>) {
  const { actor: _, ...rest } = auditContext(c);
  return rest;
}

/** An offer as the public API shows it: the public fields, dates as ISO strings. */
export function toOfferJson(offer: Offer): z.infer<typeof OfferSchema> {
  return {
    id: offer.id,
    organisationId: offer.organisationId,
    slug: offer.slug,
    name: offer.name,
    nameEn: offer.nameEn,
    summary: offer.summary,
    summaryEn: offer.summaryEn,
    description: offer.description,
    descriptionEn: offer.descriptionEn,
    formats: offer.formats,
    themes: offer.themes,
    eligibleCountyCodes: offer.eligibleCountyCodes,
    eligibleMunicipalityCodes: offer.eligibleMunicipalityCodes,
    sniVersion: offer.sniVersion,
    sniInclude: offer.sniInclude,
    sniExclude: offer.sniExclude,
    sizeBands: offer.sizeBands,
    minCompanyAgeYears: offer.minCompanyAgeYears,
    maxCompanyAgeYears: offer.maxCompanyAgeYears,
    conditions: offer.conditions,
    costType: offer.costType,
    costDescription: offer.costDescription,
    amountMinSek: offer.amountMinSek,
    amountMaxSek: offer.amountMaxSek,
    capacityTotal: offer.capacityTotal,
    capacityRemaining: offer.capacityRemaining,
    capacityNote: offer.capacityNote,
    validFrom: offer.validFrom,
    validTo: offer.validTo,
    status: offer.status,
    applicationProcess: offer.applicationProcess,
    link: offer.link,
    contacts: offer.contacts.map((c) => ({ name: c.name, title: c.title, email: c.email, phone: c.phone })),
    lastVerifiedAt: offer.lastVerifiedAt?.toISOString() ?? null,
    lastVerifiedBy: offer.lastVerifiedBy,
  };
}

/** An offer as the write API answers: the public fields plus the verification flag and timestamps. */
export function toOfferRecord(offer: Offer): z.infer<typeof OfferRecordSchema> {
  return {
    ...toOfferJson(offer),
    verificationOverdue: offer.verificationOverdue,
    createdAt: offer.createdAt.toISOString(),
    updatedAt: offer.updatedAt.toISOString(),
  };
}

function toHistoryJson(entry: OfferHistoryEntry): z.infer<typeof OfferHistoryEntrySchema> {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    actorLabel: entry.actorLabel,
    action: entry.action,
    changes: entry.changes,
  };
}

const WHO = "Org-admins and advisors of the offer's organisation, and platform admins (session or API token)";

/** POST /offers, PATCH /offers/{id}, POST /offers/{id}/verify and GET /offers/{id}/history. */
export function offersApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: "post",
      path: "/offers",
      tags,
      summary: "Add an offer to the catalogue",
      description: `${WHO}. The new offer counts as verified now, by its creator.`,
      request: { body: { content: { "application/json": { schema: CreateOfferBody } }, required: true } },
      responses: {
        201: json(OfferRecordSchema, "The new offer"),
        400: problem("Invalid fields or unknown codes"),
        401: problem("No valid session or API token"),
        403: problem("Not allowed to add offers for this organisation"),
        404: problem("No such organisation"),
        409: problem("The slug is taken"),
      },
    }),
    async (c) => {
      const offer = await createOffer(c.var.deps.db, signedIn(c), c.req.valid("json"), meta(c));
      return c.json(toOfferRecord(offer), 201);
    },
  );

  api.openapi(
    createRoute({
      method: "patch",
      path: "/offers/{id}",
      tags,
      summary: "Change an offer's fields or status",
      description: `${WHO}. Only the fields sent change; \`status\` pauses, closes or reactivates. Every change is kept in the offer's history.`,
      request: {
        params: OfferParams,
        body: { content: { "application/json": { schema: PatchOfferBody } }, required: true },
      },
      responses: {
        200: json(OfferRecordSchema, "The offer after the change"),
        400: problem("Invalid fields or unknown codes"),
        401: problem("No valid session or API token"),
        403: problem("The offer belongs to another organisation"),
        404: problem("No such offer"),
        409: problem("The slug is taken"),
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const { id } = c.req.valid("param");
      // The validated body has defaults filled in; only the fields the client sent may change.
      // Without a JSON body the validator sees {} (nothing to change): the body is required, so say so.
      if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
        throw new FieldValidationError({
          _: { sv: "Skicka fälten som ska ändras som JSON.", en: "Send the fields to change as JSON." },
        });
      }
      const { status, ...raw } = (await c.req.json()) as Record<string, unknown>;
      const body = c.req.valid("json");
      const patch = Object.fromEntries(Object.keys(raw).map((key) => [key, body[key as keyof typeof body]]));
      let offer = await updateOffer(c.var.deps.db, actor, id, patch, meta(c));
      if (body.status !== undefined && status !== undefined)
        offer = await setOfferStatus(c.var.deps.db, actor, id, body.status, meta(c));
      return c.json(toOfferRecord(offer), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/offers/{id}/verify",
      tags,
      summary: "Confirm the offer is still right (last verified: now, by the caller)",
      description: `${WHO}. Clears the 180-day flag.`,
      request: { params: OfferParams },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(OfferRecordSchema, "The verified offer"),
        401: problem("No valid session or API token"),
        403: problem("The offer belongs to another organisation"),
        404: problem("No such offer"),
      },
    }),
    async (c) => {
      const offer = await verifyOffer(c.var.deps.db, signedIn(c), c.req.valid("param").id, meta(c));
      return c.json(toOfferRecord(offer), 200);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/offers/{id}/history",
      tags,
      summary: "Every change to an offer: who, when and each field's old and new value",
      description: "Members of the offer's organisation (any role) and platform admins.",
      request: { params: OfferParams },
      responses: {
        400: problem("An id that is not a UUID"),
        200: json(z.object({ items: z.array(OfferHistoryEntrySchema) }), "Newest first"),
        401: problem("No valid session or API token"),
        403: problem("The offer belongs to another organisation"),
        404: problem("No such offer"),
      },
    }),
    async (c) => {
      const items = await listOfferHistory(c.var.deps.db, signedIn(c), c.req.valid("param").id);
      return c.json({ items: items.map(toHistoryJson) }, 200);
    },
  );

  return api;
}
