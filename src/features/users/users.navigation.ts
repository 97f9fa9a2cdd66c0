import { companiesMessages } from "#src/features/companies/companies.messages.ts";
import { hsdsMessages } from "#src/features/hsds/hsds.messages.ts";
import { insightsPageMessages } from "#src/features/insights/insights.pages.messages.ts";
import { canViewInsights } from "#src/features/insights/insights.policy.ts";
import { canOrganiseMeetings } from "#src/features/meetings/meetings.policy.ts";
import { meetingsStaffMessages } from "#src/features/meetings/meetings.staff-messages.ts";
import { needsMessages } from "#src/features/needs/needs.messages.ts";
import { offersMessages } from "#src/features/offers/offers.messages.ts";
import { packsMessages } from "#src/features/packs/packs.messages.ts";
import { canViewPacks } from "#src/features/packs/packs.policy.ts";
import { surveysMessages } from "#src/features/surveys/surveys.messages.ts";
import { type Actor, isPlatformAdmin, organisationsWithRole } from "#src/shared/auth/actor.ts";
import type { Locale } from "#src/shared/i18n.ts";
import { usersMessages } from "./users.messages.ts";

/** The menu labels of lotsning's pages (cases, the partner inbox, routing). */
function lotsningNavigation(locale: Locale) {
  return locale === "en"
    ? { cases: "Cases", inbox: "Referral inbox", routing: "Routing" }
    : { cases: "Ärenden", inbox: "Inkorg för hänvisningar", routing: "Lotsningsregler" };
}

export type NavigationItem = { href: string; label: string };

/**
 * The staff links a signed-in person may use, in menu order: My account for everyone; Organisations for
 * the platform admin; their organisation's settings, Users and API keys for an org-admin (with several
 * organisations the links go to the organisation list, where they choose); the Log for org-admins and the
 * platform admin. Empty for anonymous visitors and API tokens. Later features add their own items.
 */
export function staffNavigation(actor: Actor, locale: Locale): NavigationItem[] {
  if (actor.kind !== "user") return [];
  const t = usersMessages(locale);
  const items: NavigationItem[] = [{ href: "/konto", label: t("nav.account") }];
  const platformAdmin = isPlatformAdmin(actor);
  const adminOf = organisationsWithRole(actor, ["org-admin"]);
  if (platformAdmin) items.push({ href: "/admin/organisationer", label: t("nav.organisations") });
  if (adminOf.length === 1) {
    const base = `/admin/organisationer/${adminOf[0]}`;
    items.push({ href: base, label: t("nav.organisation") });
    items.push({ href: `${base}/anvandare`, label: t("nav.users") });
    items.push({ href: `${base}/api-nycklar`, label: t("nav.apiTokens") });
  } else if (adminOf.length > 1 && !platformAdmin) {
    items.push({ href: "/admin/organisationer", label: t("nav.organisations") });
  }
  if (platformAdmin) items.push({ href: "/admin/hsds", label: hsdsMessages(locale)("nav.hsds") });
  if (platformAdmin || organisationsWithRole(actor, ["org-admin", "advisor"]).length > 0)
    items.push({ href: "/admin/erbjudanden", label: offersMessages(locale)("nav.offers") });
  const lotsning = lotsningNavigation(locale);
  if (platformAdmin || organisationsWithRole(actor, ["navigator", "org-admin"]).length > 0)
    items.push({ href: "/admin/arenden", label: lotsning.cases });
  if (organisationsWithRole(actor, ["advisor", "org-admin", "navigator"]).length > 0 || platformAdmin)
    items.push({ href: "/admin/inkorg", label: lotsning.inbox });
  if (platformAdmin || adminOf.length > 0) items.push({ href: "/admin/lotsning", label: lotsning.routing });
  if (platformAdmin || organisationsWithRole(actor, ["navigator"]).length > 0) {
    items.push({ href: "/admin/behov", label: needsMessages(locale)("nav.needs") });
    items.push({ href: "/admin/foretag", label: companiesMessages(locale)("nav.companies") });
  }
  if (platformAdmin || organisationsWithRole(actor, ["org-admin", "navigator"]).length > 0)
    items.push({ href: "/admin/enkater", label: surveysMessages(locale)("nav.surveys") });
  if (canOrganiseMeetings(actor))
    items.push({ href: "/admin/traffar", label: meetingsStaffMessages(locale)("nav.meetings") });
  if (canViewPacks(actor)) items.push({ href: "/admin/paket", label: packsMessages(locale)("nav.packs") });
  if (canViewInsights(actor))
    items.push({ href: "/admin/insikter", label: insightsPageMessages(locale)("title.needs") });
  if (platformAdmin || adminOf.length > 0) items.push({ href: "/admin/logg", label: t("nav.auditLog") });
  return items;
}
