import { randomUUID } from "node:crypto";
import type { Db } from "#src/db/client.ts";
import { type AuditContext, CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { openCase } from "#src/features/cases/cases.service.ts";
import { registerOrAttachCompany } from "#src/features/companies/companies.intake.service.ts";
import { recordConsent } from "#src/features/consent/consent.service.ts";
import { createNeed } from "#src/features/needs/needs.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { referCase } from "#src/features/referrals/referrals.service.ts";
import { createRoutingRule, createTeam, setCatchAllTeam } from "#src/features/routing/routing.service.ts";
import { createWebhook, emitWebhookEvent } from "#src/features/webhooks/webhooks.service.ts";
import { freshOrgNumber } from "#tests/support/intake-fixtures.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";

// Fixtures for lotsning (issue 7) in tests that need cases, referrals, teams and webhooks to exist without
// going through the pages: the route × role matrix. Everything is made by the services, as the platform
// admin of a third organisation ("Matris C") that the callers under test have no role in.
//
// Routing is global (one catch-all team, rules for everyone), so a case for organisation X is opened right
// after X's team is made the catch-all team; the routing rules made here only match SNI section U, which no
// fixture company has, so they never take a case from the catch-all team.

/** Lotsning fixtures over `db`; teams, the third organisation and its platform admin are made once. */
export function lotsningFixtures(db: Db) {
  let third: Promise<{ organisationId: string; admin: AuditContext }> | undefined;
  const teams = new Map<string, Promise<string>>();

  /** The third organisation (a case organisation no caller belongs to) and a platform admin's context. */
  function setup() {
    third ??= (async () => {
      const organisationId = await makeOrganisation(db, "Matris C");
      const actor = await makeUser(db, `lotsning-admin-${randomUUID()}@test.lots.invalid`, [
        [organisationId, "platform-admin"],
      ]);
      const admin: AuditContext = { actor, ip: undefined, userAgent: undefined, requestId: undefined };
      return { organisationId, admin };
    })();
    return third;
  }

  const admin = async () => (await setup()).admin;

  /** The third organisation's id: where referrals' cases live, so callers of A and B are only partners. */
  async function caseOrganisation(): Promise<string> {
    return (await setup()).organisationId;
  }

  /** The organisation's navigator team (one per organisation). */
  function teamOf(organisationId: string): Promise<string> {
    if (!teams.has(organisationId))
      teams.set(
        organisationId,
        admin().then((ctx) =>
          createTeam(db, { organisationId, name: "Matristeamet", slug: `matris-team-${randomUUID()}` }, ctx),
        ),
      );
    return teams.get(organisationId)!;
  }

  /** Makes the organisation's team the catch-all team, so the next case opened lands there. */
  async function routeTo(organisationId: string): Promise<string> {
    const teamId = await teamOf(organisationId);
    await setCatchAllTeam(db, teamId, await admin());
    return teamId;
  }

  /** A company in the register that consented to contact and referral to every organisation. */
  async function consentedCompany(): Promise<string> {
    const staff = { kind: "staff", source: "navigator", userId: null } as const;
    const { company } = await registerOrAttachCompany(
      db,
      { orgNumber: freshOrgNumber(), name: "Matris Lotsning AB" },
      staff,
    );
    await recordConsent(
      db,
      {
        companyId: company.id,
        kind: "contact-and-referral",
        organisations: "all",
        wordingVersion: "samtycke-2026-11",
        source: "navigator",
      },
      { actor: CLI_ACTOR },
    );
    return company.id;
  }

  /** An open need (in no case) of the organisation, for a company without consent. */
  async function openNeed(organisationId: string): Promise<{ companyId: string; needId: string }> {
    const staff = { kind: "staff", source: "navigator", userId: null } as const;
    const { company } = await registerOrAttachCompany(
      db,
      { orgNumber: freshOrgNumber(), name: "Matris Behov AB" },
      staff,
    );
    const need = await createNeed(
      db,
      { companyId: company.id, organisationId, theme: "financing", urgency: "now" },
      { actor: CLI_ACTOR },
    );
    return { companyId: company.id, needId: need.id };
  }

  /** A fresh case of the organisation (routed to its team), for a company that consented to referral. */
  async function caseOf(organisationId: string): Promise<string> {
    const companyId = await consentedCompany();
    const need = await createNeed(
      db,
      { companyId, organisationId, theme: "financing", urgency: "now" },
      { actor: CLI_ACTOR },
    );
    await routeTo(organisationId);
    const opened = await openCase(db, { companyId, needIds: [need.id], openedVia: "phone" }, await admin());
    return opened.id;
  }

  /** The case's current version (for changes with lost-update protection). */
  async function caseVersion(caseId: string): Promise<string> {
    const row = await db
      .selectFrom("cases")
      .select("version")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    return String(row.version);
  }

  /** A fresh active offer of the organisation. */
  async function activeOffer(organisationId: string): Promise<string> {
    const [created] = await createOffers(db, [
      {
        organisationId,
        slug: `matris-lots-${randomUUID()}`,
        name: "Matrislån",
        summary: "Ett erbjudande att hänvisa till.",
        description: "Finns för att ärenden ska kunna hänvisas hit.",
        formats: ["loan"],
        themes: ["financing"],
        costType: "loan",
      },
    ]);
    return created!.id;
  }

  /** A fresh referral (status sent, version 1) to an offer of `partnerId`, of a case of the third organisation. */
  async function referralTo(partnerId: string): Promise<string> {
    const caseId = await caseOf(await caseOrganisation());
    const [referralId] = await referCase(
      db,
      caseId,
      { offerIds: [await activeOffer(partnerId)], message: "Matris" },
      await admin(),
    );
    return referralId!;
  }

  /** A fresh, active webhook of the organisation. */
  async function webhookOf(organisationId: string): Promise<string> {
    const created = await createWebhook(
      db,
      { organisationId, url: "https://example.invalid/hook", events: [] },
      await admin(),
    );
    return created.id;
  }

  /** A fresh webhook of the organisation with one delivery that failed (to retry). */
  async function failedDeliveryOf(
    organisationId: string,
  ): Promise<{ webhookId: string; deliveryId: string }> {
    const webhookId = await webhookOf(organisationId);
    const eventId = await emitWebhookEvent(db, organisationId, "referral.sent", { referralId: randomUUID() });
    const delivery = await db
      .updateTable("webhook_deliveries")
      .set({ status: "failed", attempts: 8, last_status: 503, last_error: "HTTP 503" })
      .where("webhook_id", "=", webhookId)
      .where("event_id", "=", eventId)
      .returning("id")
      .executeTakeFirstOrThrow();
    return { webhookId, deliveryId: delivery.id };
  }

  /** A fresh routing rule to the organisation's team that matches no fixture company (SNI section U). */
  async function routingRule(organisationId: string): Promise<string> {
    return createRoutingRule(db, { sniSection: "U", teamId: await teamOf(organisationId) }, await admin(), {
      themes: new Set(),
      municipalities: new Set(),
    });
  }

  return {
    caseOrganisation,
    teamOf,
    routeTo,
    openNeed,
    caseOf,
    caseVersion,
    activeOffer,
    referralTo,
    webhookOf,
    failedDeliveryOf,
    routingRule,
  };
}
