import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { activeUsersWithRoles } from "#src/features/users/users.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish, pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { routingMessages } from "./routing.messages.ts";
import {
  changeTeamMember,
  createRoutingRule,
  createTeam,
  deleteRoutingRule,
  getTeam,
  moveRoutingRule,
  routingOverview,
  setCatchAllTeam,
} from "./routing.service.ts";
import {
  memberFieldId,
  type RoutingForms,
  RoutingPage,
  type RoutingPageModel,
  type RuleFormValues,
  type TeamFormValues,
} from "./routing.views.tsx";

// /admin/lotsning: the routing rules and navigator teams. Thin: the routing service decides who may do
// what (the platform admin keeps rules and teams; an organisation's admin keeps the members of its teams)
// and validates; these handlers read the form, call it, and show the page again with 400 and the values
// kept on a field error, or redirect (303) with a notice.

const BASE = "/admin/lotsning";
const NOTICES = [
  "team-created",
  "member-added",
  "member-removed",
  "catch-all",
  "rule-created",
  "rule-moved",
  "rule-deleted",
] as const;
type NoticeKey = (typeof NOTICES)[number];

type Overview = Awaited<ReturnType<typeof routingOverview>>;

const text = (value: unknown, max = 400) => (typeof value === "string" ? value.trim().slice(0, max) : "");

/** The platform admin's routes: anyone else (an org admin too) is refused before the form is read. */
function requireRoutingManager(overview: Overview): void {
  if (!overview.canManageRouting)
    throw new AppError("FORBIDDEN", "Only the platform admin edits teams and routing rules.");
}

/** Field messages of a FieldValidationError as form errors, by the service's field name → the input's id. */
function formErrors(
  error: FieldValidationError,
  locale: "sv" | "en",
  ids: Record<string, string>,
  fallbackId: string,
): FormError[] {
  return Object.entries(error.fields).map(([field, message]) => ({
    fieldId: ids[field] ?? fallbackId,
    message: message[locale],
  }));
}

async function buildModel(
  c: Context<AppEnv>,
  overview: Overview,
  forms: RoutingForms,
  notice?: NoticeKey,
): Promise<RoutingPageModel> {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = routingMessages(locale);
  const [themes, municipalities, sni, organisations] = await Promise.all([
    reference.getNeedThemes(db),
    reference.getMunicipalities(db),
    reference.getSniCodes(db),
    listOrganisations(db),
  ]);
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const navigatorsByOrganisation = new Map(
    await Promise.all(
      [...new Set(overview.teams.map((team) => team.organisation_id))].map(
        async (id) => [id, await activeUsersWithRoles(db, id, ["navigator"])] as const,
      ),
    ),
  );
  return {
    canManageRouting: overview.canManageRouting,
    rules: overview.rules.map((rule) => ({
      id: rule.id,
      theme: rule.theme,
      municipalityCode: rule.municipality_code,
      sniSection: rule.sni_section,
      teamName: rule.team_name,
      organisationName: organisationName.get(rule.organisation_id) ?? "",
    })),
    teams: overview.teams.map((team) => {
      const memberIds = new Set(team.members.map((m) => m.user_id));
      return {
        id: team.id,
        name: team.name,
        email: team.email,
        isCatchAll: team.is_catch_all,
        organisationName: team.organisation_name,
        members: team.members.map((m) => ({ userId: m.user_id, name: m.name, email: m.email })),
        candidates: (navigatorsByOrganisation.get(team.organisation_id) ?? [])
          .filter((u) => !memberIds.has(u.userId))
          .map((u) => ({ value: u.userId, label: u.name }))
          .sort((a, b) => compareSwedish(a.label, b.label)),
      };
    }),
    catchAll: overview.catchAll,
    choices: {
      themes: themes.map((theme) => ({
        value: theme.code,
        label: pick(locale, theme.label_sv, theme.label_en),
      })),
      municipalities: municipalities
        .map((m) => ({ value: m.code, label: m.name }))
        .sort((a, b) => compareSwedish(a.label, b.label)),
      sections: sni.codes
        .filter((code) => code.level === "section")
        .map((code) => ({
          value: code.code,
          label: `${code.code} – ${pick(locale, code.name_sv, code.name_en)}`,
        })),
      organisations: organisations
        .map((o) => ({ value: o.id, label: o.name }))
        .sort((a, b) => compareSwedish(a.label, b.label)),
      teams: overview.canManageRouting
        ? overview.teams.map((team) => ({
            value: team.id,
            label: `${team.name} (${team.organisation_name})`,
          }))
        : [],
    },
    notice: notice ? t(`notice.${notice}`) : undefined,
    forms,
    csrfToken: c.var.csrfToken,
  };
}

async function showPage(
  c: Context<AppEnv>,
  overview: Overview,
  forms: RoutingForms = {},
  status: 200 | 400 = 200,
  notice?: NoticeKey,
) {
  const t = routingMessages(c.var.locale);
  const model = await buildModel(c, overview, forms, notice);
  return renderPage(c, t("page.title"), <RoutingPage t={t} model={model} />, status);
}

const done = (c: Context<AppEnv>, notice: NoticeKey) => c.redirect(`${BASE}?klart=${notice}`, 303);

/** The routes of the routing page. */
export function routingPages() {
  const app = new Hono<AppEnv>();

  app.get(BASE, requireUser, async (c) => {
    const overview = await routingOverview(c.var.deps.db, c.var.actor);
    const notice = NOTICES.find((n) => n === c.req.query("klart"));
    return showPage(c, overview, {}, 200, notice);
  });

  app.post(`${BASE}/team`, requireUser, async (c) => {
    const db = c.var.deps.db;
    const overview = await routingOverview(db, c.var.actor);
    requireRoutingManager(overview);
    const body = await c.req.parseBody();
    const values: TeamFormValues = {
      organisationId: text(body.organisationId, 60),
      name: text(body.name, 200),
      slug: text(body.slug, 120),
      email: text(body.email, 320),
      isCatchAll: body.isCatchAll === "true",
    };
    try {
      await createTeam(db, values, auditContext(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = formErrors(
        error,
        c.var.locale,
        {
          organisationId: "team-organisation",
          name: "team-name",
          slug: "team-slug",
          email: "team-email",
          isCatchAll: "team-catchall",
        },
        "team-organisation",
      );
      return showPage(c, overview, { team: { values, errors } }, 400);
    }
    return done(c, "team-created");
  });

  app.post(`${BASE}/team/:teamId/medlemmar`, requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = routingMessages(c.var.locale);
    const overview = await routingOverview(db, c.var.actor);
    const teamId = recordId(c.req.param("teamId"));
    const team = overview.teams.find((candidate) => candidate.id === teamId);
    if (!team) {
      await getTeam(db, teamId); // NOT_FOUND when there is no such team
      throw new AppError(
        "FORBIDDEN",
        "Only the platform admin or the organisation's admin changes its teams.",
      );
    }
    const body = await c.req.parseBody();
    const userId = text(body.userId, 60);
    const action = body.action === "add" || body.action === "remove" ? body.action : undefined;
    const fail = (message: string) =>
      showPage(
        c,
        overview,
        { member: { teamId, userId, errors: [{ fieldId: memberFieldId(teamId), message }] } },
        400,
      );
    if (!action) return fail(t("error.action"));
    if (action === "add") {
      const navigators = await activeUsersWithRoles(db, team.organisation_id, ["navigator"]);
      if (!navigators.some((n) => n.userId === userId)) return fail(t("error.member"));
    } else if (!team.members.some((m) => m.user_id === userId)) return fail(t("error.notMember"));
    await changeTeamMember(db, teamId, userId, action, auditContext(c));
    return done(c, action === "add" ? "member-added" : "member-removed");
  });

  app.post(`${BASE}/team/:teamId/standard`, requireUser, async (c) => {
    const db = c.var.deps.db;
    requireRoutingManager(await routingOverview(db, c.var.actor));
    await setCatchAllTeam(db, recordId(c.req.param("teamId")), auditContext(c));
    return done(c, "catch-all");
  });

  app.post(`${BASE}/regler`, requireUser, async (c) => {
    const db = c.var.deps.db;
    const t = routingMessages(c.var.locale);
    const overview = await routingOverview(db, c.var.actor);
    requireRoutingManager(overview);
    const body = await c.req.parseBody();
    const values: RuleFormValues = {
      theme: text(body.theme, 60),
      municipalityCode: text(body.municipalityCode, 10),
      sniSection: text(body.sniSection, 5),
      teamId: text(body.teamId, 60),
    };
    const ids = {
      theme: "rule-theme",
      municipalityCode: "rule-municipality",
      sniSection: "rule-section",
      teamId: "rule-team",
    };
    const [themes, municipalities] = await Promise.all([
      reference.getNeedThemes(db),
      reference.getMunicipalities(db),
    ]);
    // An unknown team is a field error here, not the service's NOT_FOUND page.
    if (values.teamId && !overview.teams.some((team) => team.id === values.teamId))
      return showPage(
        c,
        overview,
        { rule: { values, errors: [{ fieldId: ids.teamId, message: t("error.team") }] } },
        400,
      );
    try {
      await createRoutingRule(db, values, auditContext(c), {
        themes: new Set(themes.map((theme) => theme.code)),
        municipalities: new Set(municipalities.map((m) => m.code)),
      });
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = formErrors(error, c.var.locale, ids, "rule-team").map((e) =>
        // The form offers lists only: say "choose from the list" rather than the format rule.
        e.fieldId === "rule-section" ? { ...e, message: t("error.section") } : e,
      );
      return showPage(c, overview, { rule: { values, errors } }, 400);
    }
    return done(c, "rule-created");
  });

  app.post(`${BASE}/regler/:ruleId/flytta`, requireUser, async (c) => {
    const db = c.var.deps.db;
    requireRoutingManager(await routingOverview(db, c.var.actor));
    const ruleId = recordId(c.req.param("ruleId"));
    const body = await c.req.parseBody();
    const direction = body.direction === "up" || body.direction === "down" ? body.direction : undefined;
    if (!direction) throw new AppError("VALIDATION_FAILED", "Move the rule up or down.");
    await moveRoutingRule(db, ruleId, direction, auditContext(c));
    return done(c, "rule-moved");
  });

  app.post(`${BASE}/regler/:ruleId/ta-bort`, requireUser, async (c) => {
    const db = c.var.deps.db;
    requireRoutingManager(await routingOverview(db, c.var.actor));
    await deleteRoutingRule(db, recordId(c.req.param("ruleId")), auditContext(c));
    return done(c, "rule-deleted");
  });

  return app;
}
