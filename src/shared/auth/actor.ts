// Who is making a request, and what they may do. Every staff-facing feature decides access from an `Actor`
// with the helpers here and in scope.ts; nothing else reads roles.

/** The roles of PRODUCT.md. `platform-admin` is network-wide; the others hold within one organisation. */
export const ROLES = ["platform-admin", "org-admin", "navigator", "advisor", "analyst"] as const;
export type Role = (typeof ROLES)[number];

/** Roles a user can hold in an organisation (invitations, tokens); platform-admin only by the CLI or a platform admin. */
export const ORGANISATION_ROLES = [
  "org-admin",
  "navigator",
  "advisor",
  "analyst",
] as const satisfies readonly Role[];

export type Membership = { organisationId: string; role: Role };

export type AnonymousActor = { kind: "anonymous" };

export type UserActor = {
  kind: "user";
  userId: string;
  name: string;
  email: string;
  memberships: readonly Membership[];
};

/** An API token acts for one organisation with one role. */
export type TokenActor = {
  kind: "token";
  tokenId: string;
  name: string;
  organisationId: string;
  role: Role;
};

export type Actor = AnonymousActor | UserActor | TokenActor;

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: "anonymous" });

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The actor's memberships, a token's being its one organisation and role. */
export function membershipsOf(actor: Actor): readonly Membership[] {
  if (actor.kind === "user") return actor.memberships;
  if (actor.kind === "token") return [{ organisationId: actor.organisationId, role: actor.role }];
  return [];
}

/** Whether the actor is a platform admin (network-wide). */
export function isPlatformAdmin(actor: Actor): boolean {
  return membershipsOf(actor).some((m) => m.role === "platform-admin");
}

/** Whether the actor holds one of `roles` in `organisationId` (or anywhere, when no organisation is given). */
export function hasRole(actor: Actor, roles: readonly Role[], organisationId?: string): boolean {
  return membershipsOf(actor).some(
    (m) => roles.includes(m.role) && (organisationId === undefined || m.organisationId === organisationId),
  );
}

/** The organisations in which the actor holds one of `roles`. */
export function organisationsWithRole(actor: Actor, roles: readonly Role[]): string[] {
  return [
    ...new Set(
      membershipsOf(actor)
        .filter((m) => roles.includes(m.role))
        .map((m) => m.organisationId),
    ),
  ];
}

/** A short label for logs and the audit log: the user's e-mail or the token's name. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === "user") return actor.email;
  if (actor.kind === "token") return `token:${actor.name}`;
  return "anonymous";
}
