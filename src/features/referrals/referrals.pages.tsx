import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { needsMessages } from "#src/features/needs/needs.messages.ts";
import { getOrganisation } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import {
  CreateWebhookInput,
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  rotateWebhookSecret,
  setWebhookActive,
  WEBHOOK_EVENT_TYPES,
} from "#src/features/webhooks/webhooks.service.ts";
import {
  type LotsningSettingsModel,
  LotsningSettingsView,
  lotsningSettingsPath,
} from "#src/features/webhooks/webhooks.views.tsx";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin, organisationsWithRole } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { pick } from "#src/shared/i18n.ts";
import { recordId } from "#src/shared/ids.ts";
import { formatStockholmLocal, parseStockholmLocal } from "#src/shared/stockholm-time.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { type ReferralsT, referralsMessages } from "./referrals.messages.ts";
import { REFERRAL_STATUSES } from "./referrals.schemas.ts";
import {
  actOnReferral,
  addReferralNote,
  getReferralDetail,
  getReferralSettings,
  listReferrals,
  logReferralContact,
  ReferralChangedError,
  setReferralSettings,
} from "./referrals.service.ts";
import { formatWhen, InboxView, type ReferralPageModel, ReferralView } from "./referrals.views.tsx";

// Partner inbox and referral pages (/admin/inkorg, /admin/hanvisningar/…), response times and webhooks of an
// organisation (/admin/organisationer/:id/lotsning). Thin: read the form, ask the services (which decide
// who may do what, and audit), show. A referral changed by someone else meanwhile re-renders the page with
// 409 and says who did what when; it is never a 500 and never a lost update.

const PAGE_SIZE = 25;
const DELIVERIES_SHOWN = 10;
const ACTIONS = ["accept", "start", "close", "decline", "withdraw"] as const;
const STATUS_FILTERS: readonly string[] = ["open", "any", ...REFERRAL_STATUSES];

const meta = (c: Context<AppEnv>) => auditContext(c);
const text = (body: Record<string, unknown>, name: string): string => {
  const value = body[name];
  return typeof value === "string"
    ? value
    : Array.isArray(value) && typeof value[0] === "string"
      ? value[0]
      : "";
};

// ---- The referral page -----------------------------------------------------------------------------------

async function referralModel(
  c: Context<AppEnv>,
  id: string,
  extra: Partial<Pick<ReferralPageModel, "errors" | "values" | "notice" | "conflict">> = {},
): Promise<ReferralPageModel> {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const detail = await getReferralDetail(db, id, meta(c));
  const [themes, municipalities] = await Promise.all([
    reference.getNeedThemes(db),
    detail.company?.municipalityCode ? reference.getMunicipalities(db) : Promise.resolve([]),
  ]);
  const nt = needsMessages(locale);
  const r = detail.referral;
  const now = new Date();
  return {
    referral: r,
    caseLink: detail.case ? `/admin/arenden/${r.case_id}` : undefined,
    company: detail.company,
    municipality: municipalities.find((m) => m.code === detail.company?.municipalityCode)?.name ?? "–",
    contacts: detail.contacts,
    needs: detail.needs.map((need) => {
      const theme = themes.find((th) => th.code === need.theme);
      return {
        ...need,
        themeLabel: theme ? pick(locale, theme.label_sv, theme.label_en) : need.theme,
        urgencyLabel: nt(`urgency.${need.urgency}`),
      };
    }),
    notes: detail.notes,
    events: detail.events,
    contactLog: detail.contactLog,
    canRespond: detail.canRespond,
    canWithdraw: detail.canWithdraw,
    actingOrganisation: detail.canRespond
      ? r.organisation_name
      : detail.canWithdraw
        ? r.case_organisation_name
        : undefined,
    errors: extra.errors ?? [],
    values: { when: formatStockholmLocal(now), ...extra.values },
    notice: extra.notice,
    conflict: extra.conflict,
    csrfToken: c.var.csrfToken,
    locale,
    now,
  };
}

async function renderReferral(
  c: Context<AppEnv>,
  id: string,
  extra: Parameters<typeof referralModel>[2] = {},
  status: 200 | 400 | 409 = 200,
) {
  const t = referralsMessages(c.var.locale);
  const model = await referralModel(c, id, extra);
  if (status !== 200) c.header("cache-control", "no-store");
  return renderPage(
    c,
    t("detail.title", { company: model.company?.name ?? model.referral.company_name ?? t("erased") }),
    <ReferralView t={t} model={model} />,
    status,
  );
}

/** "Hänvisningen hann återkallas av Anna Sjöberg (Nora kommun) 29 nov 2026 kl. 14:02. …" */
function conflictMessage(t: ReferralsT, c: Context<AppEnv>, error: ReferralChangedError): string {
  const status = error.current.status;
  const change = error.lastChange;
  if (status === "expired") {
    return t("conflict.expired", {
      when: formatWhen(t, c.var.locale, change?.at ?? error.current.updated_at),
    });
  }
  if (change && status !== "sent")
    return t(`conflict.${status}`, { by: change.by, when: formatWhen(t, c.var.locale, change.at) });
  return t("conflict.unknown", { status: t(`status.${status}`) });
}

// ---- The inbox -------------------------------------------------------------------------------------------

function pageNumber(value: string | undefined): number {
  return Math.max(1, Math.min(10_000, Number.parseInt(value ?? "1", 10) || 1));
}

// ---- Lotsning settings of an organisation ----------------------------------------------------------------

async function settingsModel(
  c: Context<AppEnv>,
  organisationId: string,
  extra: Partial<LotsningSettingsModel> = {},
): Promise<LotsningSettingsModel> {
  const db = c.var.deps.db;
  // The webhooks service refuses anyone but the organisation's org admins and the platform admin.
  const hooks = await listWebhooks(db, organisationId, meta(c));
  const organisation = await getOrganisation(db, c.var.actor, organisationId);
  const settings = await getReferralSettings(db, organisation.id);
  const webhooks = await Promise.all(
    hooks.map(async (hook) => ({
      ...hook,
      deliveries: await listDeliveries(db, hook.id, meta(c), DELIVERIES_SHOWN),
    })),
  );
  return {
    organisation: { id: organisation.id, name: organisation.name },
    times: { responseDays: String(settings.responseDays), reminderDays: String(settings.reminderDays) },
    webhooks,
    newHook: { url: "", events: [] },
    errors: [],
    csrfToken: c.var.csrfToken,
    ...extra,
  };
}

function renderSettings(c: Context<AppEnv>, model: LotsningSettingsModel, status: 200 | 400 = 200) {
  const t = referralsMessages(c.var.locale);
  return renderPage(
    c,
    t("settings.title", { organisation: model.organisation.name }),
    <LotsningSettingsView t={t} model={model} />,
    status,
  );
}

/** The webhook of the organisation in the address, or NOT_FOUND (after the service's access check). */
async function webhookOfOrganisation(c: Context<AppEnv>, organisationId: string, webhookId: string) {
  const hooks = await listWebhooks(c.var.deps.db, organisationId, meta(c));
  const hook = hooks.find((h) => h.id === webhookId);
  if (!hook) throw new AppError("NOT_FOUND", "No such webhook in this organisation.");
  return hook;
}

const SETTINGS_NOTICES = {
  svarstider: "settings.saved",
  pausad: "hooks.done.paused",
  aktiverad: "hooks.done.activated",
  borttagen: "hooks.done.deleted",
  igen: "hooks.done.retried",
} as const;

/** The routes of these pages. */
export function referralsPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/inkorg", requireUser, async (c) => {
    const t = referralsMessages(c.var.locale);
    const actor = c.var.actor;
    // The inbox is for the partner roles and the case side; an analyst has no referrals to work.
    if (
      !isPlatformAdmin(actor) &&
      organisationsWithRole(actor, ["advisor", "org-admin", "navigator"]).length === 0
    )
      throw new AppError(
        "FORBIDDEN",
        "The referral inbox is for advisors, navigators and organisation admins.",
      );
    const showSentTab =
      isPlatformAdmin(actor) || organisationsWithRole(actor, ["navigator", "org-admin"]).length > 0;
    const side = c.req.query("side") === "sent" && showSentTab ? "sent" : "inbox";
    const wanted = c.req.query("status") ?? "open";
    const status = STATUS_FILTERS.includes(wanted) ? wanted : "open";
    const mine = c.req.query("mine") === "true";
    const page = pageNumber(c.req.query("page"));
    const { items, total } = await listReferrals(
      c.var.deps.db,
      { side, status, page, pageSize: PAGE_SIZE, ...(mine ? { mine: "true" } : {}) },
      actor,
    );
    return renderPage(
      c,
      side === "sent" ? `${t("inbox.tab.sent")} – ${t("inbox.title")}` : t("inbox.title"),
      <InboxView
        t={t}
        model={{
          side,
          showSentTab,
          status,
          mine,
          items,
          total,
          page,
          pageSize: PAGE_SIZE,
          now: new Date(),
          locale: c.var.locale,
        }}
      />,
    );
  });

  app.get("/admin/hanvisningar/:id", requireUser, async (c) => {
    const t = referralsMessages(c.var.locale);
    const done = c.req.query("klart");
    const notice =
      done && (ACTIONS as readonly string[]).includes(done)
        ? t(`done.${done as (typeof ACTIONS)[number]}`)
        : done === "note" || done === "contact"
          ? t(`done.${done}`)
          : undefined;
    return renderReferral(c, recordId(c.req.param("id")), { notice });
  });

  app.post("/admin/hanvisningar/:id/atgard", requireUser, async (c) => {
    const id = recordId(c.req.param("id"));
    const t = referralsMessages(c.var.locale);
    const body = await c.req.parseBody();
    const action = text(body, "action");
    const note = text(body, "note").trim();
    const values: Record<string, string> = {
      reason: text(body, "reason"),
      outcome: text(body, "outcome"),
      ...(action === "withdraw" ? { withdrawNote: note } : { declineNote: note }),
    };
    try {
      await actOnReferral(
        c.var.deps.db,
        id,
        {
          action,
          version: text(body, "version") || undefined,
          reason: values.reason || undefined,
          outcome: values.outcome || undefined,
          note: note || undefined,
        },
        meta(c),
        { publicUrl: c.var.deps.config.publicUrl },
      );
    } catch (error) {
      if (error instanceof ReferralChangedError)
        return renderReferral(c, id, { conflict: conflictMessage(t, c, error) }, 409);
      if (!(error instanceof FieldValidationError)) throw error;
      const errors: FormError[] = [];
      for (const field of Object.keys(error.fields)) {
        if (field === "reason") errors.push({ fieldId: "decline-reason", message: t("error.reason") });
        else if (field === "outcome") errors.push({ fieldId: "close-outcome", message: t("error.outcome") });
        else if (field === "note")
          errors.push({
            fieldId: action === "withdraw" ? "withdraw-note" : "decline-note",
            message: t("error.tooLong"),
          });
        else if (!errors.some((e) => e.fieldId === "referral-actions"))
          errors.push({ fieldId: "referral-actions", message: t("error.action") });
      }
      return renderReferral(c, id, { errors, values }, 400);
    }
    return c.redirect(`/admin/hanvisningar/${id}?klart=${action}`, 303);
  });

  app.post("/admin/hanvisningar/:id/anteckning", requireUser, async (c) => {
    const id = recordId(c.req.param("id"));
    const t = referralsMessages(c.var.locale);
    const body = await c.req.parseBody();
    const noteBody = text(body, "body");
    const visibility = text(body, "visibility") === "shared" ? "shared" : "internal";
    try {
      await addReferralNote(c.var.deps.db, id, { body: noteBody, visibility }, meta(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const errors: FormError[] = [
        {
          fieldId: "note-body",
          message: noteBody.trim().length > 4000 ? t("error.tooLong") : t("error.noteBody"),
        },
      ];
      return renderReferral(c, id, { errors, values: { noteBody, noteVisibility: visibility } }, 400);
    }
    return c.redirect(`/admin/hanvisningar/${id}?klart=note`, 303);
  });

  app.post("/admin/hanvisningar/:id/kontakt", requireUser, async (c) => {
    const id = recordId(c.req.param("id"));
    const locale = c.var.locale;
    const t = referralsMessages(locale);
    const body = await c.req.parseBody();
    const values = {
      channel: text(body, "channel"),
      when: text(body, "when"),
      summary: text(body, "summary"),
    };
    const parsed = parseStockholmLocal(values.when);
    const contactedAt = parsed === "invalid" ? undefined : parsed;
    const errors: FormError[] = [];
    if (parsed === "invalid") errors.push({ fieldId: "contact-when", message: t("error.when") });
    if (errors.length === 0) {
      try {
        await logReferralContact(
          c.var.deps.db,
          id,
          {
            channel: values.channel,
            summary: values.summary,
            ...(contactedAt ? { contactedAt } : {}),
          },
          meta(c),
        );
        return c.redirect(`/admin/hanvisningar/${id}?klart=contact`, 303);
      } catch (error) {
        if (!(error instanceof FieldValidationError)) throw error;
        for (const [field, message] of Object.entries(error.fields)) {
          if (field === "channel") errors.push({ fieldId: "contact-channel", message: t("error.channel") });
          else if (field === "contactedAt")
            errors.push({ fieldId: "contact-when", message: message[locale] });
          else if (field === "summary")
            errors.push({ fieldId: "contact-summary", message: t("error.tooLong") });
          else errors.push({ fieldId: "contact-channel", message: message[locale] });
        }
      }
    }
    return renderReferral(c, id, { errors, values }, 400);
  });

  // ---- /admin/organisationer/:id/lotsning ----

  app.get("/admin/organisationer/:id/lotsning", requireUser, async (c) => {
    const t = referralsMessages(c.var.locale);
    const done = c.req.query("klart");
    const notice = done && done in SETTINGS_NOTICES ? t(SETTINGS_NOTICES[done as "igen"]) : undefined;
    return renderSettings(c, await settingsModel(c, recordId(c.req.param("id")), { notice }));
  });

  app.post("/admin/organisationer/:id/lotsning/svarstider", requireUser, async (c) => {
    const organisationId = recordId(c.req.param("id"));
    const locale = c.var.locale;
    const t = referralsMessages(locale);
    const model = await settingsModel(c, organisationId);
    const body = await c.req.parseBody();
    const times = {
      responseDays: text(body, "responseDays").trim().slice(0, 10),
      reminderDays: text(body, "reminderDays").trim().slice(0, 10),
    };
    try {
      await setReferralSettings(c.var.deps.db, organisationId, times, meta(c));
    } catch (error) {
      if (!(error instanceof FieldValidationError)) throw error;
      const ranges = { responseDays: [1, 60], reminderDays: [0, 30] } as const;
      const errors: FormError[] = [];
      for (const field of ["responseDays", "reminderDays"] as const) {
        const message = error.fields[field];
        if (!message) continue;
        const value = times[field];
        const [min, max] = ranges[field];
        errors.push({
          fieldId: `times-${field}`,
          message: !/^\d+$/.test(value)
            ? t("times.errorNumber")
            : Number(value) < min || Number(value) > max
              ? t("times.errorRange", { min, max })
              : message[locale],
        });
      }
      return renderSettings(c, { ...model, times, errors }, 400);
    }
    return c.redirect(`${lotsningSettingsPath(organisationId)}?klart=svarstider`, 303);
  });

  app.post("/admin/organisationer/:id/webhooks", requireUser, async (c) => {
    const organisationId = recordId(c.req.param("id"));
    const t = referralsMessages(c.var.locale);
    const model = await settingsModel(c, organisationId);
    const body = await c.req.parseBody({ all: true });
    const url = text(body, "url").trim();
    const raw = body.events;
    const events = (Array.isArray(raw) ? raw : [raw]).filter(
      (e): e is (typeof WEBHOOK_EVENT_TYPES)[number] =>
        typeof e === "string" && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e),
    );
    const input = { organisationId, url, events };
    if (!CreateWebhookInput.safeParse(input).success) {
      return renderSettings(
        c,
        {
          ...model,
          newHook: { url, events },
          errors: [{ fieldId: "hook-url", message: t("hooks.errorUrl") }],
        },
        400,
      );
    }
    const { secret } = await createWebhook(c.var.deps.db, input, meta(c));
    // The secret is in this one response: keep it out of caches and history restores.
    c.header("cache-control", "no-store");
    return renderSettings(c, {
      ...(await settingsModel(c, organisationId)),
      secret: { kind: "created", url, secret },
    });
  });

  const hookPath = "/admin/organisationer/:id/webhooks/:webhookId";

  app.post(`${hookPath}/rotera`, requireUser, async (c) => {
    const organisationId = recordId(c.req.param("id"));
    const hook = await webhookOfOrganisation(c, organisationId, c.req.param("webhookId"));
    const { secret } = await rotateWebhookSecret(c.var.deps.db, hook.id, meta(c));
    c.header("cache-control", "no-store");
    return renderSettings(c, {
      ...(await settingsModel(c, organisationId)),
      secret: { kind: "rotated", url: hook.url, secret },
    });
  });

  for (const [segment, active] of [
    ["pausa", false],
    ["aktivera", true],
  ] as const) {
    app.post(`${hookPath}/${segment}`, requireUser, async (c) => {
      const organisationId = recordId(c.req.param("id"));
      const hook = await webhookOfOrganisation(c, organisationId, c.req.param("webhookId"));
      await setWebhookActive(c.var.deps.db, hook.id, active, meta(c));
      return c.redirect(
        `${lotsningSettingsPath(organisationId)}?klart=${active ? "aktiverad" : "pausad"}`,
        303,
      );
    });
  }

  app.post(`${hookPath}/ta-bort`, requireUser, async (c) => {
    const organisationId = recordId(c.req.param("id"));
    const hook = await webhookOfOrganisation(c, organisationId, c.req.param("webhookId"));
    await deleteWebhook(c.var.deps.db, hook.id, meta(c));
    return c.redirect(`${lotsningSettingsPath(organisationId)}?klart=borttagen`, 303);
  });

  app.post(`${hookPath}/leveranser/:deliveryId/igen`, requireUser, async (c) => {
    const organisationId = recordId(c.req.param("id"));
    const db = c.var.deps.db;
    const hook = await webhookOfOrganisation(c, organisationId, c.req.param("webhookId"));
    const deliveryId = recordId(c.req.param("deliveryId"));
    const deliveries = await listDeliveries(db, hook.id, meta(c), 200);
    if (!deliveries.some((d) => d.id === deliveryId))
      throw new AppError("NOT_FOUND", "No such delivery of this webhook.");
    await retryDelivery(db, deliveryId, meta(c));
    return c.redirect(`${lotsningSettingsPath(organisationId)}?klart=igen`, 303);
  });

  return app;
}
