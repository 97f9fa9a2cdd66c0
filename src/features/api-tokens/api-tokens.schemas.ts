import { z } from "@hono/zod-openapi";
import { ROLES } from "#src/shared/auth/actor.ts";

/** What it takes to create an API token. Expiry is optional; without it the token lives until revoked. */
export const CreateApiTokenInput = z.object({
  organisationId: z.uuid("not an organisation id"),
  name: z.string().trim().min(1, "give the token a name").max(100, "the name has at most 100 characters"),
  role: z.enum(ROLES, "choose one of the roles"),
  expiresAt: z.coerce
    .date("not a date")
    .refine((date) => date.getTime() > Date.now(), "the expiry must be in the future")
    .optional(),
});
export type CreateApiTokenInput = z.input<typeof CreateApiTokenInput>;

export type ApiTokenStatus = "active" | "revoked" | "expired";

/** An API token as services hand it out: never the token itself, only its prefix for recognition. */
export type ApiTokenRecord = {
  id: string;
  organisationId: string;
  name: string;
  role: (typeof ROLES)[number];
  /** `lots_<prefix>_…`: the start of the token, enough to tell tokens apart, useless for signing in. */
  prefix: string;
  createdByUserId: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
};

// JSON API shapes.

export const OrganisationParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, description: "The organisation's id" }),
});

export const TokenParams = OrganisationParams.extend({
  tokenId: z.uuid().openapi({ param: { name: "tokenId", in: "path" }, description: "The token's id" }),
});

export const CreateApiTokenBody = z
  .object({
    name: z.string().openapi({ example: "Statistikexport" }),
    role: z.enum(ROLES).openapi({ description: "platform-admin only for platform admins" }),
    expiresAt: z
      .string()
      .optional()
      .openapi({ description: "ISO 8601 instant", example: "2027-06-30T22:00:00Z" }),
  })
  .openapi("CreateApiToken");

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    prefix: z.string().openapi({ description: "Display form, e.g. lots_ab12cd34_…" }),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(["active", "revoked", "expired"]),
  })
  .openapi("ApiToken");

export const ApiTokenList = z.object({ items: z.array(ApiTokenSchema) }).openapi("ApiTokenList");

export const CreatedApiToken = z
  .object({
    token: z.string().openapi({ description: "The token. Shown this once; Lots stores only its hash." }),
    apiToken: ApiTokenSchema,
  })
  .openapi("CreatedApiToken");

/** The JSON form of a token record. */
export function toApiTokenJson(record: ApiTokenRecord): z.infer<typeof ApiTokenSchema> {
  return {
    id: record.id,
    organisationId: record.organisationId,
    name: record.name,
    role: record.role,
    prefix: `lots_${record.prefix}_…`,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt?.toISOString() ?? null,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
    status: record.status,
  };
}
