import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import { CATALOGUE_PATH } from "#src/features/catalogue/catalogue.page-query.ts";
import { listOffers, listOffersByIds } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { canManageSurveys } from "#src/features/surveys/surveys.policy.ts";
import { getSurvey } from "#src/features/surveys/surveys.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish, pick } from "#src/shared/i18n.ts";
import { stockholmDate, stockholmInstant } from "#src/shared/stockholm-time.ts";
import type { Option } from "#src/shared/web/form-fields.tsx";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { packsMessages } from "./packs.messages.ts";
import { canManagePacks, canStartFromPack, canViewPacks } from "./packs.policy.ts";
import type { IndustryPack } from "./packs.schemas.ts";
import {
  createPack,
  getPack,
  listPacks,
  listTemplateSurveys,
  startCampaignFromPack,
  updatePack,
} from "./packs.service.ts";
import { type OfferGroup, PackFormView, PackListView, PackPageView } from "./packs.views.tsx";

// /admin/paket: industry packs for navigators and admins. Everyone of them views packs and starts meetings
// and survey rounds from them; the platform admin and org admins create and edit them.

const NOTICE_COOKIE = "lots_pack_notice";
const TEXT_FIELDS = ["nameSv", "nameEn", "slug", "descriptionSv", "descriptionEn", "sniCodes", "surveyId"];
const CAMPAIGN_FIELDS = ["organisationId", "name", "slug", "municipalityCodes", "opensAt", "closesAt"];

type Body = Record<string, string | File | (string | File)[]>;

const strings = (body: Body, name: string): string[] =>
  ([] as unknown[]).concat(body[name] ?? []).filter((v): v is string => typeof v === "string" && v !== "");
const textValues = (body: Body, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, (strings(body, n)[0] ?? "").trim()])) as Record<string, string>;

function requireViewer(c: Context<AppEnv>) {
  if (!canViewPacks(c.var.actor)) throw new AppError("FORBIDDEN", "Only navigators and admins use packs.");
}

/** Field messages in the page's language, each tied to the id of its field. */
function formErrors(c: Context<AppEnv>, error: FieldValidationError, prefix: string): FormError[] {
  return Object.entries(error.fields).map(([key, text]) => ({
    fieldId: `${prefix}-${key.split(".")[0]}`,
    message: c.var.locale === "en" ? text.en : text.sv,
  }));
}

/** A YYYY-MM-DD field as Stockholm midnight; anything else as typed, for the service to refuse. */
function dateValue(value: string): Date | string | undefined {
  if (value === "") return undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? stockholmInstant(value, "00:00:00") : value;
}

/** The routes of the industry pack pages. */
export function packsPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/paket", requireUser, async (c) => {
    requireViewer(c);
    const t = packsMessages(c.var.locale);
    return renderPage(
      c,
      t("list.title"),
      <PackListView
        t={t}
        locale={c.var.locale}
        packs={await listPacks(c.var.deps.db)}
        mayCreate={canManagePacks(c.var.actor)}
      />,
    );
  });

  const formPage = async (
    c: Context<AppEnv>,
    pack: IndustryPack | undefined,
    input: { values: Record<string, string>; themes: string[]; offerIds: string[] },
    errors: FormError[],
    status: 200 | 400,
  ) => {
    if (!canManagePacks(c.var.actor))
      throw new AppError("FORBIDDEN", "Only the platform admin and org admins edit packs.");
    const db = c.var.deps.db;
    const locale = c.var.locale;
    const t = packsMessages(locale);
    const [themes, surveys, organisations, offers] = await Promise.all([
      reference.getNeedThemes(db),
      listTemplateSurveys(db),
      listOrganisations(db),
      listOffers(db),
    ]);
    const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
    const offerGroups: OfferGroup[] = organisations
      .map((o) => ({
        organisation: o.name,
        offers: offers
          .filter((offer) => offer.organisationId === o.id && offer.status !== "closed")
          .map((offer) => ({ value: offer.id, label: pick(locale, offer.name, offer.nameEn) }))
          .sort((a, b) => compareSwedish(a.label, b.label)),
      }))
      .filter((g) => g.offers.length > 0)
      .sort((a, b) => compareSwedish(a.organisation, b.organisation));
    const heading = pack ? t("edit.title", { name: pack.nameSv }) : t("new.title");
    return renderPage(
      c,
      heading,
      <PackFormView
        t={t}
        model={{
          heading,
          action: pack ? `/admin/paket/${pack.slug}/redigera` : "/admin/paket/ny",
          submit: pack ? t("form.save") : t("form.create"),
          cancelHref: pack ? `/admin/paket/${pack.slug}` : "/admin/paket",
          ...input,
          themeOptions: themes.map((th) => ({
            value: th.code,
            label: pick(locale, th.label_sv, th.label_en),
          })),
          surveyOptions: surveys.map((s) => ({
            value: s.id,
            label: `${s.name} (${organisationName.get(s.organisationId) ?? ""})`,
          })),
          offerGroups,
          errors,
          csrfToken: c.var.csrfToken,
        }}
      />,
      status,
    );
  };

  /** Saves the posted form with `save`, or shows it again with the errors beside the fields. */
  const savePosted = async (
    c: Context<AppEnv>,
    pack: IndustryPack | undefined,
    save: (input: unknown) => Promise<IndustryPack>,
  ) => {
    const body = (await c.req.parseBody({ all: true })) as Body;
    const values = textValues(body, TEXT_FIELDS);
    const themes = strings(body, "themes");
    const offerIds = strings(body, "offerIds");
    let saved: IndustryPack;
    try {
      saved = await save({
        ...values,
        sniCodes: values.sniCodes!.split(/[\s,;]+/).filter(Boolean),
        themes,
        offerIds,
      });
    } catch (error) {
      const again = { values, themes, offerIds };
      if (error instanceof FieldValidationError)
        return formPage(c, pack, again, formErrors(c, error, "p"), 400);
      if (error instanceof AppError && error.code === "CONFLICT") {
        const message = packsMessages(c.var.locale)("form.taken");
        return formPage(c, pack, again, [{ fieldId: "p-slug", message }], 400);
      }
      throw error;
    }
    setCookie(c, NOTICE_COOKIE, "saved", {
      path: "/admin/paket",
      httpOnly: true,
      sameSite: "Lax",
      maxAge: 60,
    });
    return c.redirect(`/admin/paket/${saved.slug}`, 303);
  };

  app.get("/admin/paket/ny", requireUser, (c) =>
    formPage(c, undefined, { values: {}, themes: [], offerIds: [] }, [], 200),
  );

  app.post("/admin/paket/ny", requireUser, (c) =>
    savePosted(c, undefined, (input) => createPack(c.var.deps.db, input, auditContext(c))),
  );

  app.get("/admin/paket/:slug/redigera", requireUser, async (c) => {
    const pack = await getPack(c.var.deps.db, c.req.param("slug"));
    const values = {
      nameSv: pack.nameSv,
      nameEn: pack.nameEn ?? "",
      slug: pack.slug,
      descriptionSv: pack.descriptionSv,
      descriptionEn: pack.descriptionEn ?? "",
      sniCodes: pack.sniCodes.join(", "),
      surveyId: pack.surveyId ?? "",
    };
    return formPage(c, pack, { values, themes: pack.themes, offerIds: pack.offerIds }, [], 200);
  });

  app.post("/admin/paket/:slug/redigera", requireUser, async (c) => {
    const pack = await getPack(c.var.deps.db, c.req.param("slug"));
    return savePosted(c, pack, (input) => updatePack(c.var.deps.db, pack.id, input, auditContext(c)));
  });

  const packPage = async (
    c: Context<AppEnv>,
    pack: IndustryPack,
    campaignValues: Record<string, string>,
    errors: FormError[],
    status: 200 | 400,
  ) => {
    requireViewer(c);
    const db = c.var.deps.db;
    const locale = c.var.locale;
    const t = packsMessages(locale);
    const actor = c.var.actor;
    const [sni, themes, organisations, offers, municipalities] = await Promise.all([
      reference.getSniCodes(db),
      reference.getNeedThemes(db),
      listOrganisations(db),
      listOffersByIds(db, pack.offerIds),
      reference.getMunicipalities(db),
    ]);
    const sniName = new Map(sni.codes.map((s) => [s.code, pick(locale, s.name_sv, s.name_en)]));
    const themeName = new Map(themes.map((th) => [th.code, pick(locale, th.label_sv, th.label_en)]));
    const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
    const template = pack.surveyId ? await getSurvey(db, pack.surveyId).catch(() => undefined) : undefined;
    const starters: Option[] = organisations
      .filter((o) => canStartFromPack(actor, o.id) && canManageSurveys(actor, o.id))
      .map((o) => ({ value: o.id, label: o.name }));
    const code = getCookie(c, NOTICE_COOKIE);
    if (code) deleteCookie(c, NOTICE_COOKIE, { path: "/admin/paket" });
    return renderPage(
      c,
      pick(locale, pack.nameSv, pack.nameEn),
      <PackPageView
        t={t}
        model={{
          pack,
          locale,
          sni: pack.sniCodes.map((code) => ({
            code,
            name: sniName.get(code) ?? sniName.get(code.slice(0, 2)) ?? "",
          })),
          survey: template && {
            name: template.name,
            organisation: organisationName.get(template.organisationId) ?? "",
            href: canManageSurveys(actor, template.organisationId)
              ? `/admin/enkater/${template.id}`
              : undefined,
          },
          themes: pack.themes.map((code) => themeName.get(code) ?? code),
          offers: offers.map((o) => ({
            name: pick(locale, o.name, o.nameEn),
            organisation: organisationName.get(o.organisationId) ?? "",
            href: `${CATALOGUE_PATH}/${o.id}`,
          })),
          mayEdit: canManagePacks(actor),
          campaign:
            template && starters.length > 0
              ? {
                  organisations: starters.sort((a, b) => compareSwedish(a.label, b.label)),
                  municipalities: municipalities
                    .map((m) => ({ value: m.code, label: m.name }))
                    .sort((a, b) => compareSwedish(a.label, b.label)),
                  values: campaignValues,
                  errors,
                }
              : undefined,
          notice: code === "saved" ? t("page.saved") : undefined,
          csrfToken: c.var.csrfToken,
        }}
      />,
      status,
    );
  };

  app.get("/admin/paket/:slug", requireUser, async (c) => {
    requireViewer(c);
    const pack = await getPack(c.var.deps.db, c.req.param("slug"));
    return packPage(c, pack, { opensAt: stockholmDate(new Date()) }, [], 200);
  });

  app.post("/admin/paket/:slug/enkatomgang", requireUser, async (c) => {
    requireViewer(c);
    const db = c.var.deps.db;
    const pack = await getPack(db, c.req.param("slug"));
    const values = textValues((await c.req.parseBody({ all: true })) as Body, CAMPAIGN_FIELDS);
    let surveyId: string;
    try {
      const campaign = await startCampaignFromPack(
        db,
        pack.id,
        {
          organisationId: values.organisationId,
          name: values.name,
          slug: values.slug,
          municipalityCodes: values.municipalityCodes ? [values.municipalityCodes] : [],
          opensAt: dateValue(values.opensAt ?? ""),
          closesAt: dateValue(values.closesAt ?? ""),
        },
        auditContext(c),
      );
      surveyId = campaign.surveyId;
    } catch (error) {
      const t = packsMessages(c.var.locale);
      if (error instanceof FieldValidationError)
        return packPage(c, pack, values, formErrors(c, error, "c"), 400);
      if (error instanceof AppError && error.code === "CONFLICT") {
        // The surveys service words a taken round link so; any other conflict is the pack's survey.
        const linkTaken = /link .* is taken/.test(error.message);
        const fieldId = linkTaken ? "c-slug" : "campaign-errors";
        const message = linkTaken ? t("campaign.taken") : t("campaign.noSurvey");
        return packPage(c, pack, values, [{ fieldId, message }], 400);
      }
      throw error;
    }
    // The survey's page lists its rounds with their public links and QR codes.
    return c.redirect(`/admin/enkater/${surveyId}`, 303);
  });

  return app;
}
