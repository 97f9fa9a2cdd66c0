import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin, membershipsOf } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import {
  emptyOfferForm,
  formErrors,
  type OfferFormValues,
  offerFormValues,
  offerInputFromForm,
  readOfferForm,
} from "./offers.form.ts";
import type { OfferFormOptions } from "./offers.form-view.tsx";
import { offersMessages } from "./offers.messages.ts";
import { canManageOffers, canReadOffers, organisationsManaged } from "./offers.policy.ts";
import { OfferStatus } from "./offers.schemas.ts";
import {
  checkOfferInput,
  createOffer,
  getOfferFor,
  listOfferHistory,
  listOffersFor,
  setOfferStatus,
  updateOffer,
  verifyOffer,
} from "./offers.service.ts";
import {
  OFFERS_PATH,
  renderEditOffer,
  renderNewOffer,
  renderOfferHistory,
  renderOfferList,
} from "./offers.views.tsx";

// /admin/erbjudanden: the staff pages where an organisation keeps its offers. Thin: read the form, ask the
// service, show the answer; forms keep what was typed and show each error next to its field.

function meta(c: Context<AppEnv>) {
  const { actor: _, ...rest } = auditContext(c);
  return rest;
}

/** Whether the actor holds any staff role that may see offers (members of an organisation, platform admin). */
function mayUseOfferPages(c: Context<AppEnv>): boolean {
  const actor = c.var.actor;
  return isPlatformAdmin(actor) || membershipsOf(actor).some((m) => canReadOffers(actor, m.organisationId));
}

async function formOptions(c: Context<AppEnv>): Promise<OfferFormOptions> {
  const { db } = c.var.deps;
  const en = c.var.locale === "en";
  const actor = c.var.actor;
  const [orgs, themes, formats, sizeBands, counties, municipalities] = await Promise.all([
    organisations.listOrganisations(db),
    reference.getNeedThemes(db),
    reference.getOfferFormats(db),
    reference.getSizeBands(db),
    reference.getCounties(db),
    reference.getMunicipalities(db),
  ]);
  const label = (r: { label_sv: string; label_en: string }) => (en ? r.label_en : r.label_sv);
  return {
    organisations: orgs
      .filter((o) => canManageOffers(actor, o.id))
      .map((o) => ({ value: o.id, label: o.name }))
      .sort((a, b) => compareSwedish(a.label, b.label)),
    themes: themes.map((r) => ({ value: r.code, label: label(r) })),
    formats: formats.map((r) => ({ value: r.code, label: label(r) })),
    sizeBands: sizeBands.map((r) => ({ value: r.code, label: label(r) })),
    counties: counties
      .map((county) => ({
        code: county.code,
        name: county.name,
        municipalities: municipalities
          .filter((m) => m.county_code === county.code)
          .map((m) => ({ value: m.code, label: m.short_name }))
          .sort((a, b) => compareSwedish(a.label, b.label)),
      }))
      .sort((a, b) => compareSwedish(a.name, b.name)),
  };
}

/** Checks a submitted form; the input to store, or the errors to show. */
async function checkForm(c: Context<AppEnv>, values: OfferFormValues) {
  const t = offersMessages(c.var.locale);
  const { input, unreadable, contactRows } = offerInputFromForm(values);
  const issues = await checkOfferInput(c.var.deps.db, input);
  return { input, errors: formErrors(t, issues, unreadable, contactRows) };
}

/** Shows a slug conflict on its field; anything else goes to the app's error handler. */
function slugErrors(c: Context<AppEnv>, error: unknown): FormError[] {
  if (error instanceof AppError && error.code === "CONFLICT" && error.message.startsWith("slug:")) {
    return [{ fieldId: "offer-slug", message: offersMessages(c.var.locale)("error.slugTaken") }];
  }
  throw error;
}

async function showNew(
  c: Context<AppEnv>,
  values?: OfferFormValues,
  errors: FormError[] = [],
  status: 200 | 400 | 409 = 200,
) {
  const options = await formOptions(c);
  if (options.organisations.length === 0) throw new AppError("FORBIDDEN", "You may not add offers.");
  const first = organisationsManaged(c.var.actor)[0] ?? options.organisations[0]!.value;
  return renderNewOffer(c, { values: values ?? emptyOfferForm(first), errors, options }, status);
}

const NOTICES = {
  created: "done.created",
  saved: "done.saved",
  unchanged: "done.unchanged",
  verified: "done.verified",
  status: "done.status",
} as const;

async function showEdit(
  c: Context<AppEnv>,
  values?: OfferFormValues,
  errors: FormError[] = [],
  status: 200 | 400 | 409 = 200,
) {
  const { db } = c.var.deps;
  const actor = c.var.actor;
  const offer = await getOfferFor(db, actor, c.req.param("id")!);
  const organisation = (await organisations.listOrganisations(db)).find((o) => o.id === offer.organisationId);
  const t = offersMessages(c.var.locale);
  const done = c.req.query("klart") as keyof typeof NOTICES | undefined;
  return renderEditOffer(
    c,
    {
      offer,
      organisationName: organisation?.name ?? "",
      canManage: canManageOffers(actor, offer.organisationId),
      values: values ?? offerFormValues(offer),
      errors,
      options: await formOptions(c),
      notice: status === 200 && done && done in NOTICES ? t(NOTICES[done]) : undefined,
    },
    status,
  );
}

/** /admin/erbjudanden…: list, new, edit, status, verify and history of an organisation's offers. */
export function offersPages() {
  const app = new Hono<AppEnv>();

  app.get(OFFERS_PATH, requireUser, async (c) => {
    if (!mayUseOfferPages(c))
      throw new AppError("FORBIDDEN", "Only staff of an organisation see its offers.");
    const { db } = c.var.deps;
    const actor = c.var.actor;
    const offers = await listOffersFor(db, actor);
    const orgs = await organisations.listOrganisations(db);
    const visibleOrganisations = new Set(offers.map((o) => o.organisationId));
    return renderOfferList(c, {
      offers,
      organisationNames: new Map(orgs.map((o) => [o.id, o.name])),
      showOrganisation: isPlatformAdmin(actor) || visibleOrganisations.size > 1,
      canCreate: isPlatformAdmin(actor) || organisationsManaged(actor).length > 0,
    });
  });

  app.get(`${OFFERS_PATH}/nytt`, requireUser, (c) => showNew(c));

  app.post(OFFERS_PATH, requireUser, async (c) => {
    const values = readOfferForm(await c.req.parseBody({ all: true }));
    if (!canManageOffers(c.var.actor, values.organisationId)) {
      if (!isPlatformAdmin(c.var.actor) && organisationsManaged(c.var.actor).length === 0)
        throw new AppError("FORBIDDEN", "You may not add offers.");
      const t = offersMessages(c.var.locale);
      return showNew(
        c,
        values,
        [{ fieldId: "offer-organisationId", message: t("error.organisationId") }],
        400,
      );
    }
    const { input, errors } = await checkForm(c, values);
    if (errors.length > 0) return showNew(c, values, errors, 400);
    try {
      const created = await createOffer(c.var.deps.db, c.var.actor, input, meta(c));
      return c.redirect(`${OFFERS_PATH}/${created.id}?klart=created`, 303);
    } catch (error) {
      return showNew(c, values, slugErrors(c, error), 409);
    }
  });

  app.get(`${OFFERS_PATH}/:id`, requireUser, (c) => showEdit(c));

  app.post(`${OFFERS_PATH}/:id`, requireUser, async (c) => {
    const { db } = c.var.deps;
    const id = c.req.param("id");
    const offer = await getOfferFor(db, c.var.actor, id);
    if (!canManageOffers(c.var.actor, offer.organisationId))
      throw new AppError("FORBIDDEN", "Only the offer's own organisation may change it.");
    const values = {
      ...readOfferForm(await c.req.parseBody({ all: true })),
      organisationId: offer.organisationId,
    };
    const { input, errors } = await checkForm(c, values);
    if (errors.length > 0) return showEdit(c, values, errors, 400);
    const { organisationId: _, status: __, lastVerifiedAt: ___, lastVerifiedBy: ____, ...patch } = input;
    try {
      const updated = await updateOffer(db, c.var.actor, id, patch, meta(c));
      const done = updated.updatedAt.getTime() === offer.updatedAt.getTime() ? "unchanged" : "saved";
      return c.redirect(`${OFFERS_PATH}/${id}?klart=${done}`, 303);
    } catch (error) {
      return showEdit(c, values, slugErrors(c, error), 409);
    }
  });

  app.post(`${OFFERS_PATH}/:id/status`, requireUser, async (c) => {
    const id = c.req.param("id");
    const body = await c.req.parseBody();
    const status = OfferStatus.safeParse(body.status);
    if (!status.success) throw new AppError("VALIDATION_FAILED", "status: choose active, paused or closed.");
    await setOfferStatus(c.var.deps.db, c.var.actor, id, status.data, meta(c));
    return c.redirect(`${OFFERS_PATH}/${id}?klart=status`, 303);
  });

  app.post(`${OFFERS_PATH}/:id/verifiera`, requireUser, async (c) => {
    const id = c.req.param("id");
    await verifyOffer(c.var.deps.db, c.var.actor, id, meta(c));
    return c.redirect(`${OFFERS_PATH}/${id}?klart=verified`, 303);
  });

  app.get(`${OFFERS_PATH}/:id/historik`, requireUser, async (c) => {
    const { db } = c.var.deps;
    const id = c.req.param("id");
    const offer = await getOfferFor(db, c.var.actor, id);
    return renderOfferHistory(c, offer, await listOfferHistory(db, c.var.actor, id));
  });

  return app;
}
