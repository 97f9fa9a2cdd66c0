import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { listContacts } from "#src/features/companies/companies.intake.service.ts";
import { canUseCompanyRegister } from "#src/features/companies/companies.policy.ts";
import {
  getCompanyForStaff,
  listCompaniesForStaff,
} from "#src/features/companies/companies.register.service.ts";
import { hasReferralConsent, listConsents } from "#src/features/consent/consent.service.ts";
import { formChoices } from "#src/features/intake-pages/intake-pages.model.ts";
import { matchingMessages } from "#src/features/matching/matching.messages.ts";
import { suggestOffersForCompany } from "#src/features/matching/matching.service.ts";
import { listNeeds } from "#src/features/needs/needs.service.ts";
import {
  DECLINE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
} from "#src/features/referrals/referrals.schemas.ts";
import { referCase, referralsOfCase } from "#src/features/referrals/referrals.service.ts";
import { listTeamsWithMembers } from "#src/features/routing/routing.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { type FieldErrors, FieldValidationError } from "#src/shared/field-errors.ts";
import { formatDate, formatNumber, pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import { parseStockholmLocal } from "#src/shared/stockholm-time.ts";
import type { Option } from "#src/shared/web/form-fields.tsx";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { type CasesT, casesMessages } from "./cases.messages.ts";
import { canOpenCase, canReadCase, caseReadScope } from "./cases.policy.ts";
import { CASE_OPENED_VIA, CASE_PRIORITIES, CASE_STATUSES, CONTACT_CHANNELS } from "./cases.schemas.ts";
import {
  addCaseNote,
  CaseChangedError,
  findCaseRow,
  getCaseDetail,
  listCases,
  logCaseContact,
  openCase,
  updateCase,
} from "./cases.service.ts";
import {
  CASE_FIELDS,
  type CaseFormValues,
  type CasePageModel,
  CasePageView,
  CaseQueueView,
  EMPTY_NEW_CASE,
  formatDateTime,
  NEW_CASE_FIELDS,
  type NewCaseModel,
  type NewCaseValues,
  NewCaseView,
  QUEUES,
  type Queue,
  type QueueFilter,
} from "./cases.views.tsx";

// /admin/arenden: the navigator workbench. Thin: read the form or query, call the cases, referrals,
// matching and companies services (which decide access and audit every read), show the answer. Field
// errors come back as the same page with 400 and the values kept; a stale case version as the page with
// 409, the current state and a sentence saying what happened.

const PAGE_SIZE = 25;
const NOTICE_COOKIE = "lots_case_notice";
const NOTICES = [
  "opened",
  "openedElsewhere",
  "changed",
  "unchanged",
  "moved",
  "note",
  "contact",
  "referred",
] as const;
type NoticeCode = (typeof NOTICES)[number];
const OPEN_REFERRAL = new Set(["sent", "accepted", "in-progress"]);

const meta = (c: Context<AppEnv>) => auditContext(c);

function setNotice(c: Context<AppEnv>, code: NoticeCode) {
  setCookie(c, NOTICE_COOKIE, code, { path: "/admin/arenden", httpOnly: true, sameSite: "Lax", maxAge: 60 });
}

function takeNotice(c: Context<AppEnv>, t: CasesT): string | undefined {
  const code = NOTICES.find((n) => n === getCookie(c, NOTICE_COOKIE));
  if (!code) return undefined;
  deleteCookie(c, NOTICE_COOKIE, { path: "/admin/arenden" });
  return t(`notice.${code}`);
}

type Body = Record<string, string | File | (string | File)[]>;

/** One text field of a parsed form body ("" when absent). */
function text(body: Body, name: string, max = 10_000): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first.slice(0, max) : "";
}

/** Every value of a repeated form field. */
function texts(body: Body, name: string): string[] {
  const value = body[name];
  return ([] as (string | File)[])
    .concat(value ?? [])
    .filter((v): v is string => typeof v === "string" && v !== "")
    .slice(0, 50);
}

/** A service's field errors as form errors on the page's fields (`ids`: field path → id; else `fallback`). */
function formErrors(
  c: Context<AppEnv>,
  fields: FieldErrors,
  ids: Record<string, string>,
  fallback: string,
): FormError[] {
  const locale = c.var.locale;
  const errors: FormError[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const key = Object.keys(ids).find((k) => path === k || path.startsWith(`${k}.`));
    const fieldId = key ? ids[key]! : fallback;
    if (errors.some((e) => e.fieldId === fieldId)) continue;
    errors.push({ fieldId, message: message[locale] });
  }
  return errors;
}

// ---- the queue

function queueFilter(c: Context<AppEnv>): { queue: Queue; filter: QueueFilter; page: number } {
  const q = (name: string) => c.req.query(name)?.trim() ?? "";
  const oneOf = (value: string, allowed: readonly string[]) => (allowed.includes(value) ? value : "");
  const queue = QUEUES.find((name) => name === q("queue")) ?? "team";
  return {
    queue,
    filter: {
      status: oneOf(q("status"), [...CASE_STATUSES, "open", "any"]) || "open",
      priority: oneOf(q("priority"), CASE_PRIORITIES),
      theme: /^[a-z0-9-]{1,40}$/.test(q("theme")) ? q("theme") : "",
      municipality: /^\d{4}$/.test(q("municipality")) ? q("municipality") : "",
      q: q("q").slice(0, 100),
    },
    page: Math.max(1, Math.min(10_000, Number.parseInt(q("page") || "1", 10) || 1)),
  };
}

// ---- the case page

type CaseDetail = Awaited<ReturnType<typeof getCaseDetail>>;
type CaseEvent = CaseDetail["events"][number];

function detailsOf(event: CaseEvent): Record<string, unknown> {
  const raw: unknown = event.details;
  if (typeof raw === "string") {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
}

const KNOWN = {
  status: CASE_STATUSES,
  priority: CASE_PRIORITIES,
  via: CASE_OPENED_VIA,
  channel: CONTACT_CHANNELS,
  referral: REFERRAL_STATUSES,
  decline: DECLINE_REASONS,
  outcome: REFERRAL_OUTCOMES,
} as const;

/** A code from an event in words, when it is one the texts know; otherwise the code itself. */
function known(t: CasesT, kind: keyof typeof KNOWN, value: unknown): string {
  if (typeof value !== "string" || value === "") return "–";
  return (KNOWN[kind] as readonly string[]).includes(value) ? t(`${kind}.${value}` as never) : value;
}

/** What an event on the timeline means, in words. */
function eventText(t: CasesT, event: CaseEvent, names: Map<string, string>): string {
  const d = detailsOf(event);
  const s = (value: unknown) => (typeof value === "string" ? value : "");
  switch (event.kind) {
    case "opened":
      return t("event.opened", {
        via: known(t, "via", d.via),
        needs: typeof d.needs === "number" ? formatNumber(d.needs) : "–",
      });
    case "routed":
      return d.rule === "catch-all" || d.rule === null
        ? t("event.routed.catchAll", { team: s(d.team) })
        : t("event.routed", { team: s(d.team) });
    case "status":
      return d.because === "referrals"
        ? t("event.status.referrals", { to: known(t, "status", event.to_status) })
        : t("event.status", {
            from: known(t, "status", event.from_status),
            to: known(t, "status", event.to_status),
          });
    case "priority":
      return t("event.priority", {
        from: known(t, "priority", event.from_status),
        to: known(t, "priority", event.to_status),
      });
    case "assigned":
      return typeof d.userId === "string"
        ? t("event.assigned", { name: names.get(d.userId) ?? t("someone") })
        : t("event.unassigned");
    case "team":
      return t("event.team", { from: s(d.from), to: s(d.to) });
    case "summary":
      return t("event.summary");
    case "note":
      return d.visibility === "shared" ? t("event.note.shared") : t("event.note.internal");
    case "contact":
      return t("event.contact", { channel: known(t, "channel", d.channel) });
    case "referral": {
      const what = { offer: s(d.offer), organisation: s(d.organisation) };
      const base =
        !event.from_status && event.to_status === "sent"
          ? t("event.referral.sent", what)
          : t("event.referral", {
              ...what,
              from: known(t, "referral", event.from_status),
              to: known(t, "referral", event.to_status),
            });
      const extra = [
        d.reason ? t("event.referral.reason", { reason: known(t, "decline", d.reason) }) : "",
        d.outcome ? t("event.referral.outcome", { outcome: known(t, "outcome", d.outcome) }) : "",
      ].filter(Boolean);
      return [base, ...extra].join(" ");
    }
    case "reminded":
      return t("event.reminded", { organisation: s(d.organisation) });
    case "escalated":
      return t("event.escalated", { organisation: s(d.organisation) });
    case "follow-up-answer":
      return d.answer === "helped" ? t("event.followUp.helped") : t("event.followUp.not-helped");
    default:
      return t("event.other", { kind: event.kind });
  }
}

type CaseExtras = {
  values?: CaseFormValues;
  errors?: FormError[];
  conflict?: boolean;
};

/** The case page with everything on it; also the answer to a form with an error (400) or a conflict (409). */
async function renderCase(
  c: Context<AppEnv>,
  caseId: string,
  extras: CaseExtras = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = casesMessages(locale);
  const mt = matchingMessages(locale);
  const actor = c.var.actor;
  const detail = await getCaseDetail(db, caseId, meta(c));
  const row = detail.case;
  const company = detail.company;
  const [choices, teams, referrals, contactPersons, consents] = await Promise.all([
    formChoices(db, locale),
    listTeamsWithMembers(db),
    referralsOfCase(db, row.id),
    company ? listContacts(db, company.id) : Promise.resolve([]),
    company ? listConsents(db, company.id) : Promise.resolve([]),
  ]);
  const suggestions = company
    ? await suggestOffersForCompany(db, company, detail.needs, { locale, limit: 10, includeNearMisses: true })
    : [];
  const consentTo = new Map<string, boolean>();
  if (company)
    for (const organisationId of new Set(suggestions.map((s) => s.offer.organisation.id)))
      consentTo.set(organisationId, await hasReferralConsent(db, company.id, organisationId));

  const label = (options: Option[], value: string | null | undefined, fallback = "–") =>
    options.find((o) => o.value === value)?.label ?? value ?? fallback;
  const organisationNames = new Map(choices.organisations.map((o) => [o.value, o.label]));
  const names = new Map<string, string>();
  for (const team of teams) for (const member of team.members) names.set(member.user_id, member.name);
  if (row.assigned_user_id && row.assigned_user_name) names.set(row.assigned_user_id, row.assigned_user_name);

  // Consent: whether the case may be passed on, and to whom; whether the answers count in statistics.
  const active = consents.filter((consent) => !consent.endedAt);
  const referralConsent = active.find((consent) => consent.kind === "contact-and-referral");
  const consentLines = company
    ? [
        referralConsent
          ? referralConsent.organisations === "all"
            ? t("consent.given.all", { date: formatDate(referralConsent.recordedAt) })
            : t("consent.given.some", {
                organisations: referralConsent.organisations
                  .map((id) => organisationNames.get(id) ?? id)
                  .join(", "),
                date: formatDate(referralConsent.recordedAt),
              })
          : t("consent.none"),
        active.some((consent) => consent.kind === "statistics")
          ? t("consent.statistics.yes")
          : t("consent.statistics.no"),
      ]
    : [];

  // Assignment: nobody, me, or an active member of the case's team (and whoever has it now).
  const me = actor.kind === "user" ? actor : undefined;
  const caseTeam = teams.find((team) => team.id === row.team_id);
  const assigneeOptions: Option[] = [{ value: "none", label: t("change.assignee.nobody") }];
  if (me) assigneeOptions.push({ value: me.userId, label: t("change.assignee.me", { name: me.name }) });
  for (const member of caseTeam?.members ?? [])
    if (member.status === "active" && member.user_id !== me?.userId)
      assigneeOptions.push({ value: member.user_id, label: member.name });
  if (row.assigned_user_id && !assigneeOptions.some((o) => o.value === row.assigned_user_id))
    assigneeOptions.push({ value: row.assigned_user_id, label: row.assigned_user_name ?? t("someone") });

  let conflict: string | undefined;
  if (extras.conflict) {
    const last = detail.events.at(-1);
    conflict = last
      ? t("case.conflict", {
          who: last.actor_organisation_name
            ? `${last.actor_label}, ${last.actor_organisation_name}`
            : last.actor_label,
          time: formatDateTime(last.at),
        })
      : t("case.conflict.unknown");
  }

  const companyName = row.company_name ?? t("case.erased");
  const model: CasePageModel = {
    case: {
      id: row.id,
      number: row.number,
      title: t("case.title", { number: row.number, company: companyName }),
      version: row.version,
      status: row.status,
      statusLabel: t(`status.${row.status}`),
      priority: row.priority,
      priorityLabel: t(`priority.${row.priority}`),
      teamId: row.team_id,
      team: row.team_name,
      organisation: row.organisation_name,
      assignedUserId: row.assigned_user_id,
      assignee: row.assigned_user_name ?? t("case.nobody"),
      opened: t("case.openedLine", { date: formatDate(row.created_at), via: t(`via.${row.opened_via}`) }),
      summary: row.summary,
    },
    company: company
      ? {
          id: company.id,
          facts: [
            { label: t("company.name"), value: company.name },
            {
              label: t("company.orgNumber"),
              value: company.isSoleTrader ? t("company.soleTrader") : formatOrgNumber(company.orgNumber),
            },
            {
              label: t("company.municipality"),
              value: label(choices.municipalities, company.municipalityCode),
            },
            {
              label: t("company.sni"),
              value: company.sniCodes.length > 0 ? company.sniCodes.join(", ") : (company.sniCode ?? "–"),
            },
            { label: t("company.sizeBand"), value: label(choices.sizeBands, company.sizeBand) },
          ],
          contacts: contactPersons.map((p) =>
            [p.name, p.role, p.email, p.phone].filter((part) => part && part.trim() !== "").join(", "),
          ),
          registerHref: canUseCompanyRegister(actor) ? `/admin/foretag/${company.id}` : undefined,
        }
      : undefined,
    needs: detail.needs.map((need) => ({
      line: t("needs.line", {
        theme: label(choices.themes, need.theme),
        urgency: t(`urgency.${need.urgency}`),
      }),
      description: need.description,
    })),
    consent: consentLines,
    referrals: referrals.map((referral) => ({
      id: referral.id,
      offer: pick(locale, referral.offer_name, referral.offer_name_en),
      organisation: referral.organisation_name,
      status: t(`referral.${referral.status}`),
      respondBy: formatDate(referral.respond_by),
      result: referral.outcome
        ? t(`outcome.${referral.outcome}`)
        : referral.decline_reason
          ? t(`decline.${referral.decline_reason}`)
          : "–",
    })),
    proposals: suggestions.map((result) => {
      const open = referrals.find((r) => r.offer_id === result.offer.id && OPEN_REFERRAL.has(r.status));
      const organisation = result.offer.organisation.name;
      return {
        offerId: result.offer.id,
        name: result.offer.name,
        organisation: mt("results.organisation", { organisation }),
        eligible: result.eligible,
        score: result.eligible
          ? mt("results.score", { percent: formatNumber(Math.round(result.score * 100)) })
          : undefined,
        summary: result.summary,
        reasons: result.reasons.map((reason) => reason.text),
        whyNot: result.notEligibleBecause.map((reason) => reason.text),
        reasonsHeading: mt("results.reasons"),
        whyNotHeading: mt("misses.why"),
        consent: consentTo.get(result.offer.organisation.id)
          ? t("proposals.consent.yes", { organisation })
          : t("proposals.consent.no", { organisation }),
        already: open ? t("proposals.already", { status: t(`referral.${open.status}`) }) : undefined,
      };
    }),
    hasOpenNeeds: detail.needs.some((need) => need.status === "open" || need.status === "in-case"),
    notes: detail.notes.map((note) => ({
      id: note.id,
      kind:
        note.visibility === "internal"
          ? t("note.internal", { organisation: note.organisation_name })
          : t("note.shared"),
      by: t("note.by", {
        author: note.author_label,
        organisation: note.organisation_name,
        time: formatDateTime(note.created_at),
      }),
      body: note.body,
    })),
    contacts: detail.contacts.map((contact) => ({
      who: contact.actorLabel,
      organisation: contact.organisationName,
      when: formatDateTime(contact.contactedAt),
      channel: t(`channel.${contact.channel}`),
      summary:
        contact.summary === null
          ? t("contact.summary.hidden", { organisation: contact.organisationName })
          : contact.summary || "–",
    })),
    events: detail.events.map((event) => ({
      when: formatDateTime(event.at),
      who: event.actor_organisation_name
        ? t("timeline.actor", { actor: event.actor_label, organisation: event.actor_organisation_name })
        : event.actor_label || t("system"),
      text: eventText(t, event, names),
    })),
    canWork: detail.canWork,
    assigneeOptions,
    teamOptions: teams.map((team) => ({ value: team.id, label: `${team.name} (${team.organisation_name})` })),
    values: extras.values ?? {},
    errors: extras.errors ?? [],
    notice: status === 200 ? takeNotice(c, t) : undefined,
    conflict,
    csrfToken: c.var.csrfToken,
  };
  return renderPage(c, model.case.title, <CasePageView t={t} model={model} />, status);
}

// ---- opening a case by hand

async function newCaseWithCompany(
  c: Context<AppEnv>,
  companyId: string,
  values: NewCaseValues,
  errors: FormError[],
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = casesMessages(locale);
  const { company } = await getCompanyForStaff(db, companyId, meta(c));
  const [needs, choices] = await Promise.all([
    listNeeds(db, { companyId: company.id, status: "open", pageSize: 200 }, meta(c)),
    formChoices(db, locale),
  ]);
  const themeLabel = (code: string) => choices.themes.find((o) => o.value === code)?.label ?? code;
  const municipality = choices.municipalities.find((m) => m.value === company.municipalityCode)?.label;
  const model: NewCaseModel = {
    company: {
      id: company.id,
      name: company.name,
      detail: [
        company.isSoleTrader ? t("company.soleTrader") : formatOrgNumber(company.orgNumber),
        municipality,
      ]
        .filter(Boolean)
        .join(", "),
      needs: needs.map((need) => {
        const description = need.description.trim();
        return {
          value: need.id,
          label: t("new.need.label", {
            theme: themeLabel(need.theme),
            urgency: t(`urgency.${need.urgency}`),
            description: description
              ? `: ${description.length > 140 ? `${description.slice(0, 139)}…` : description}`
              : "",
          }),
        };
      }),
    },
    themes: choices.themes,
    values,
    errors,
    csrfToken: c.var.csrfToken,
  };
  return renderPage(c, t("new.title"), <NewCaseView t={t} model={model} />, status);
}

/** The routes of the navigator workbench. */
export function casesPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/arenden", requireUser, async (c) => {
    const scope = caseReadScope(c.var.actor);
    if (scope.kind === "organisations" && scope.organisationIds.length === 0)
      throw new AppError("FORBIDDEN", "Only navigators, org admins and the platform admin see cases.");
    const db = c.var.deps.db;
    const locale = c.var.locale;
    const t = casesMessages(locale);
    const { queue, filter, page } = queueFilter(c);
    const [result, choices] = await Promise.all([
      listCases(
        db,
        {
          queue,
          status: filter.status,
          page,
          pageSize: PAGE_SIZE,
          ...(filter.priority ? { priority: filter.priority } : {}),
          ...(filter.theme ? { theme: filter.theme } : {}),
          ...(filter.municipality ? { municipality: filter.municipality } : {}),
          ...(filter.q ? { q: filter.q } : {}),
        },
        meta(c),
      ),
      formChoices(db, locale),
    ]);
    const themeLabel = (code: string | null) =>
      code ? (choices.themes.find((o) => o.value === code)?.label ?? code) : t("case.noTheme");
    return renderPage(
      c,
      t("queue.title"),
      <CaseQueueView
        t={t}
        model={{
          queue,
          filter,
          page,
          pageSize: PAGE_SIZE,
          total: result.total,
          items: result.items.map((row) => ({
            id: row.id,
            number: row.number,
            company: row.company_name ?? t("case.erased"),
            theme: themeLabel(row.theme),
            status: t(`status.${row.status}`),
            priority: t(`priority.${row.priority}`),
            team: row.team_name,
            assignee: row.assigned_user_name ?? t("case.nobody"),
            opened: formatDate(row.created_at),
          })),
          themes: choices.themes,
          municipalities: choices.municipalities,
          mayOpen: canOpenCase(c.var.actor),
          notice: takeNotice(c, t),
        }}
      />,
    );
  });

  app.get("/admin/arenden/nytt", requireUser, async (c) => {
    if (!canOpenCase(c.var.actor)) throw new AppError("FORBIDDEN", "Only navigators open cases.");
    const companyId = c.req.query("foretag");
    if (companyId) return newCaseWithCompany(c, recordId(companyId), EMPTY_NEW_CASE, []);
    const t = casesMessages(c.var.locale);
    const q = (c.req.query("q") ?? "").trim().slice(0, 100);
    const found = q
      ? await listCompaniesForStaff(c.var.deps.db, { q, page: 1, pageSize: 20 }, meta(c))
      : undefined;
    const choices = await formChoices(c.var.deps.db, c.var.locale);
    const model: NewCaseModel = {
      search: {
        q,
        results: found?.map((company) => ({
          id: company.id,
          name: company.name,
          detail: `(${[
            company.isSoleTrader ? t("company.soleTrader") : formatOrgNumber(company.orgNumber),
            choices.municipalities.find((m) => m.value === company.municipalityCode)?.label,
          ]
            .filter(Boolean)
            .join(", ")})`,
        })),
      },
      themes: choices.themes,
      values: EMPTY_NEW_CASE,
      errors: [],
      csrfToken: c.var.csrfToken,
    };
    return renderPage(c, t("new.title"), <NewCaseView t={t} model={model} />);
  });

  app.post("/admin/arenden", requireUser, async (c) => {
    if (!canOpenCase(c.var.actor)) throw new AppError("FORBIDDEN", "Only navigators open cases.");
    const db = c.var.deps.db;
    const t = casesMessages(c.var.locale);
    const body = await c.req.parseBody({ all: true });
    const companyId = recordId(text(body, "companyId", 100));
    const values: NewCaseValues = {
      needIds: texts(body, "needIds"),
      newTheme: text(body, "newTheme", 60),
      newDescription: text(body, "newDescription", 5_000),
      newUrgency: text(body, "newUrgency", 40) || "now",
      openedVia: text(body, "openedVia", 40),
      priority: text(body, "priority", 40),
      summary: text(body, "summary", 5_000),
    };
    const F = NEW_CASE_FIELDS;
    const wantsNewNeed = values.newTheme !== "" || values.newDescription.trim() !== "";
    // The two mistakes the form invites, said plainly before the service is asked.
    const early: FormError[] = [];
    if (values.needIds.length === 0 && !wantsNewNeed)
      early.push({ fieldId: F.needs, message: t("new.error.needs") });
    if (wantsNewNeed && values.newTheme === "")
      early.push({ fieldId: F.newTheme, message: t("new.error.theme") });
    if (early.length > 0) return newCaseWithCompany(c, companyId, values, early, 400);
    let created: { id: string; number: number };
    try {
      created = await openCase(
        db,
        {
          companyId,
          needIds: values.needIds,
          ...(wantsNewNeed
            ? {
                newNeed: {
                  theme: values.newTheme,
                  description: values.newDescription,
                  urgency: values.newUrgency,
                },
              }
            : {}),
          ...(values.openedVia ? { openedVia: values.openedVia } : {}),
          ...(values.priority ? { priority: values.priority } : {}),
          summary: values.summary,
        },
        meta(c),
        { publicUrl: c.var.deps.config.publicUrl },
      );
    } catch (error) {
      if (error instanceof FieldValidationError) {
        const errors = formErrors(
          c,
          error.fields,
          {
            companyId: F.company,
            needIds: F.needs,
            "newNeed.theme": F.newTheme,
            theme: F.newTheme,
            "newNeed.description": F.newDescription,
            description: F.newDescription,
            "newNeed.urgency": F.newUrgency,
            urgency: F.newUrgency,
            openedVia: F.via,
            priority: F.priority,
            summary: F.summary,
          },
          F.company,
        );
        return newCaseWithCompany(c, companyId, values, errors, 400);
      }
      if (error instanceof AppError && error.code === "CONFLICT")
        return newCaseWithCompany(
          c,
          companyId,
          values,
          [{ fieldId: F.company, message: t("new.error.routing") }],
          409,
        );
      throw error;
    }
    const row = await findCaseRow(db, created.id);
    if (row && canReadCase(c.var.actor, row.organisation_id)) {
      setNotice(c, "opened");
      return c.redirect(`/admin/arenden/${created.id}`, 303);
    }
    setNotice(c, "openedElsewhere");
    return c.redirect("/admin/arenden", 303);
  });

  app.get("/admin/arenden/:id", requireUser, (c) => renderCase(c, recordId(c.req.param("id"))));

  app.post("/admin/arenden/:id/andra", requireUser, async (c) => {
    const caseId = recordId(c.req.param("id"));
    const body = await c.req.parseBody({ all: true });
    const values = {
      status: text(body, "status", 40),
      priority: text(body, "priority", 40),
      assignee: text(body, "assignee", 100),
      teamId: text(body, "teamId", 100),
      summary: text(body, "summary", 5_000),
    };
    const version = text(body, "version", 20);
    let updated: Awaited<ReturnType<typeof updateCase>>;
    try {
      updated = await updateCase(
        c.var.deps.db,
        caseId,
        {
          version,
          ...(values.status ? { status: values.status } : {}),
          ...(values.priority ? { priority: values.priority } : {}),
          ...(values.assignee ? { assignedUserId: values.assignee === "none" ? null : values.assignee } : {}),
          ...(values.teamId ? { teamId: values.teamId } : {}),
          ...("summary" in body ? { summary: values.summary } : {}),
        },
        meta(c),
      );
    } catch (error) {
      if (error instanceof CaseChangedError) return renderCase(c, caseId, { conflict: true }, 409);
      if (error instanceof FieldValidationError) {
        const F = CASE_FIELDS;
        const errors = formErrors(
          c,
          error.fields,
          {
            status: F.status,
            priority: F.priority,
            assignedUserId: F.assignee,
            teamId: F.team,
            summary: F.summary,
          },
          F.status,
        );
        return renderCase(c, caseId, { values: { change: values }, errors }, 400);
      }
      throw error;
    }
    if (!canReadCase(c.var.actor, updated.organisation_id)) {
      setNotice(c, "moved");
      return c.redirect("/admin/arenden", 303);
    }
    setNotice(c, String(updated.version) === version ? "unchanged" : "changed");
    return c.redirect(`/admin/arenden/${caseId}`, 303);
  });

  app.post("/admin/arenden/:id/anteckning", requireUser, async (c) => {
    const caseId = recordId(c.req.param("id"));
    const body = await c.req.parseBody({ all: true });
    const values = {
      body: text(body, "body", 5_000),
      visibility: text(body, "visibility", 20) || "internal",
    };
    try {
      await addCaseNote(c.var.deps.db, caseId, values, meta(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const F = CASE_FIELDS;
      const errors = formErrors(
        c,
        error.fields,
        { body: F.noteBody, visibility: F.noteVisibility },
        F.noteBody,
      );
      return renderCase(c, caseId, { values: { note: values }, errors }, 400);
    }
    setNotice(c, "note");
    return c.redirect(`/admin/arenden/${caseId}#case-notes`, 303);
  });

  app.post("/admin/arenden/:id/kontakt", requireUser, async (c) => {
    const caseId = recordId(c.req.param("id"));
    const t = casesMessages(c.var.locale);
    const F = CASE_FIELDS;
    const body = await c.req.parseBody({ all: true });
    const values = {
      channel: text(body, "channel", 20),
      at: text(body, "contactedAt", 40),
      summary: text(body, "summary", 5_000),
    };
    const at = parseStockholmLocal(values.at);
    if (at === "invalid")
      return renderCase(
        c,
        caseId,
        { values: { contact: values }, errors: [{ fieldId: F.contactAt, message: t("contact.error.at") }] },
        400,
      );
    try {
      await logCaseContact(
        c.var.deps.db,
        caseId,
        { channel: values.channel, summary: values.summary, ...(at ? { contactedAt: at } : {}) },
        meta(c),
      );
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = formErrors(
        c,
        error.fields,
        { channel: F.contactChannel, contactedAt: F.contactAt, summary: F.contactSummary },
        F.contactChannel,
      );
      return renderCase(c, caseId, { values: { contact: values }, errors }, 400);
    }
    setNotice(c, "contact");
    return c.redirect(`/admin/arenden/${caseId}#case-contacts`, 303);
  });

  app.post("/admin/arenden/:id/hanvisa", requireUser, async (c) => {
    const caseId = recordId(c.req.param("id"));
    const t = casesMessages(c.var.locale);
    const F = CASE_FIELDS;
    const body = await c.req.parseBody({ all: true });
    const values = { offerIds: texts(body, "offerIds"), message: text(body, "message", 5_000) };
    if (values.offerIds.length === 0)
      return renderCase(
        c,
        caseId,
        { values: { refer: values }, errors: [{ fieldId: F.offers, message: t("proposals.error.none") }] },
        400,
      );
    try {
      await referCase(c.var.deps.db, caseId, values, meta(c), { publicUrl: c.var.deps.config.publicUrl });
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors = formErrors(c, error.fields, { offerIds: F.offers, message: F.message }, F.offers);
      return renderCase(c, caseId, { values: { refer: values }, errors }, 400);
    }
    setNotice(c, "referred");
    return c.redirect(`/admin/arenden/${caseId}#case-referrals`, 303);
  });

  return app;
}
