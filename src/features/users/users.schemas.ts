import { z } from "@hono/zod-openapi";
import { ROLES } from "#src/shared/auth/actor.ts";

export const RoleSchema = z.enum(ROLES).openapi({ example: "navigator" });

export const UserStatusSchema = z.enum(["invited", "active", "deactivated"]);

const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("enter an e-mail address such as anna@example.se").max(254));

/** Inviting someone to an organisation with one role. The name is optional: the invitee sets it. */
export const InviteUserInput = z
  .object({
    email: Email,
    role: RoleSchema,
    name: z.string().trim().max(200).optional(),
  })
  .openapi("InviteUser");
export type InviteUserInput = z.input<typeof InviteUserInput>;

/** A change to a member: their roles in this organisation and/or their account's status. */
export const ChangeMemberInput = z
  .object({
    roles: z
      .array(RoleSchema)
      .min(1, "choose at least one role; to take someone out of the organisation, remove them")
      .refine((roles) => new Set(roles).size === roles.length, "a role is listed twice")
      .optional(),
    status: z.enum(["active", "deactivated"]).optional(),
  })
  .refine((input) => input.roles !== undefined || input.status !== undefined, "give roles or status")
  .openapi("ChangeMember");
export type ChangeMemberInput = z.input<typeof ChangeMemberInput>;

/** A member of an organisation as the API shows it. */
export const Member = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    status: UserStatusSchema,
    lastLoginAt: z.string().nullable().openapi({ description: "ISO 8601 time of the last sign-in" }),
  })
  .openapi("Member");

export const MemberList = z.object({ items: z.array(Member) }).openapi("MemberList");

export const OrganisationParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" }, description: "The organisation's id" }),
});

export const MemberParams = OrganisationParams.extend({
  userId: z.uuid().openapi({ param: { name: "userId", in: "path" }, description: "The user's id" }),
});

/** A member as services hand it out. */
export type MemberView = {
  id: string;
  email: string;
  name: string;
  roles: z.infer<typeof RoleSchema>[];
  status: z.infer<typeof UserStatusSchema>;
  isDemo: boolean;
  lastLoginAt: Date | null;
};
