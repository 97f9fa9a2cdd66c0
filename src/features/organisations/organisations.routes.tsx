import { type Context, Hono } from "hono";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { isPlatformAdmin } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { compareSwedish } from "#src/shared/i18n.ts";
import { isValidOrgNumber } from "#src/shared/org-number.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { organisationsMessages } from "./organisations.messages.ts";
import {
  canCreateOrganisation,
  canManageOrganisation,
  editableOrganisationFields,
  type OrganisationField,
} from "./organisations.policy.ts";
import { OrganisationType, UpdateOrganisationInput } from "./organisations.schemas.ts";
import {
  createOrganisationAs,
  getOrganisation,
  listOrganisationsFor,
  updateOrganisation,
} from "./organisations.service.ts";
import {
  formValuesOf,
  type OrganisationFormValues,
  renderOrganisationList,
  renderOrganisationSettings,
} from "./organisations.views.tsx";

const EMPTY: OrganisationFormValues = {
  name: "",
  orgNumber: "",
  type: "municipality",
  website: "",
  descriptionSv: "",
  descriptionEn: "",
  municipalityCodes: [],
};

const MESSAGE_OF: Record<OrganisationField, Parameters<ReturnType<typeof organisationsMessages>>[0]> = {
  name: "error.name",
  orgNumber: "error.orgNumber",
  type: "error.type",
  website: "error.website",
  descriptionSv: "error.description",
  descriptionEn: "error.description",
  municipalityCodes: "error.municipalities",
};

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

async function readForm(c: Context<AppEnv>): Promise<OrganisationFormValues> {
  const body = await c.req.parseBody({ all: true });
  return {
    name: text(body.name),
    orgNumber: text(body.orgNumber),
    type: text(body.type),
    website: text(body.website).trim(),
    descriptionSv: text(body.descriptionSv),
    descriptionEn: text(body.descriptionEn),
    municipalityCodes: ([] as unknown[])
      .concat(body.municipalityCodes ?? [])
      .filter((v) => typeof v === "string"),
  };
}

/**
 * Turns the form into the service's input, only with the fields the actor may change, and the errors
 * found on the way, in the user's language.
 */
function toInput(c: Context<AppEnv>, values: OrganisationFormValues, fields: readonly OrganisationField[]) {
  const t = organisationsMessages(c.var.locale);
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field];
    if (field === "orgNumber" || field === "website") input[field] = value === "" ? null : value;
    else input[field] = value;
  }
  const errors: FormError[] = [];
  const parsed = UpdateOrganisationInput.safeParse(input);
  const failed = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
  if (fields.includes("orgNumber") && values.orgNumber.trim() && !isValidOrgNumber(values.orgNumber)) {
    failed.add("orgNumber");
  }
  for (const field of fields) {
    if (failed.has(field)) errors.push({ fieldId: `org-${field}`, message: t(MESSAGE_OF[field]) });
  }
  return { input, errors };
}

/** Explains a conflict on the org number on the form; anything else goes to the app's error handler. */
function conflictErrors(c: Context<AppEnv>, error: unknown): FormError[] {
  if (error instanceof AppError && error.message.startsWith("orgNumber:")) {
    const t = organisationsMessages(c.var.locale);
    return [
      {
        fieldId: "org-orgNumber",
        message: error.code === "CONFLICT" ? t("error.orgNumberTaken") : t("error.orgNumber"),
      },
    ];
  }
  throw error;
}

async function showList(
  c: Context<AppEnv>,
  values = EMPTY,
  errors: FormError[] = [],
  status: 200 | 400 | 409 = 200,
) {
  const actor = c.var.actor;
  const all = await listOrganisationsFor(c.var.deps.db, actor);
  const organisations = all.filter((o) => canManageOrganisation(actor, o.id));
  if (organisations.length === 0 && !canCreateOrganisation(actor)) {
    throw new AppError("FORBIDDEN", "Only administrators manage organisations.");
  }
  const t = organisationsMessages(c.var.locale);
  return renderOrganisationList(
    c,
    {
      organisations,
      canCreate: canCreateOrganisation(actor),
      values,
      errors,
      notice: status === 200 && c.req.query("klart") === "created" ? t("done.created") : undefined,
    },
    status,
  );
}

async function showSettings(
  c: Context<AppEnv>,
  values?: OrganisationFormValues,
  errors: FormError[] = [],
  status: 200 | 400 | 409 = 200,
) {
  const actor = c.var.actor;
  const id = c.req.param("id")!;
  if (!canManageOrganisation(actor, id))
    throw new AppError("FORBIDDEN", "You may not manage this organisation.");
  const organisation = await getOrganisation(c.var.deps.db, actor, id);
  const [counties, municipalities] = await Promise.all([
    reference.getCounties(c.var.deps.db),
    reference.getMunicipalities(c.var.deps.db),
  ]);
  const t = organisationsMessages(c.var.locale);
  return renderOrganisationSettings(
    c,
    {
      organisation,
      editable: editableOrganisationFields(actor, id),
      showBackToList: true,
      counties: counties
        .map((county) => ({
          code: county.code,
          name: county.name,
          municipalities: municipalities
            .filter((m) => m.county_code === county.code)
            .map((m) => ({ code: m.code, name: m.short_name }))
            .sort((a, b) => compareSwedish(a.name, b.name)),
        }))
        .sort((a, b) => compareSwedish(a.name, b.name)),
      values: values ?? formValuesOf(organisation),
      errors,
      notice: status === 200 && c.req.query("klart") === "saved" ? t("done.saved") : undefined,
    },
    status,
  );
}

/** /admin/organisationer and /admin/organisationer/:id: the network's organisations and their settings. */
export function organisationsPages() {
  const app = new Hono<AppEnv>();

  app.get("/admin/organisationer", requireUser, (c) => showList(c));

  app.post("/admin/organisationer", requireUser, async (c) => {
    const actor = c.var.actor;
    if (!isPlatformAdmin(actor))
      throw new AppError("FORBIDDEN", "Only the platform admin adds organisations.");
    const values = await readForm(c);
    const { input, errors } = toInput(c, values, ["name", "orgNumber", "type", "website"]);
    if (!OrganisationType.safeParse(values.type).success && !errors.some((e) => e.fieldId === "org-type")) {
      errors.push({ fieldId: "org-type", message: organisationsMessages(c.var.locale)("error.type") });
    }
    if (errors.length > 0) return showList(c, values, errors, 400);
    const { actor: _, ...meta } = auditContext(c);
    try {
      const created = await createOrganisationAs(
        c.var.deps.db,
        actor,
        {
          name: values.name,
          type: OrganisationType.parse(values.type),
          orgNumber: (input.orgNumber as string | null) ?? null,
          website: (input.website as string | null) ?? null,
        },
        meta,
      );
      return c.redirect(`/admin/organisationer/${created.id}?klart=created`, 303);
    } catch (error) {
      return showList(c, values, conflictErrors(c, error), 409);
    }
  });

  app.get("/admin/organisationer/:id", requireUser, (c) => showSettings(c));

  app.post("/admin/organisationer/:id", requireUser, async (c) => {
    const actor = c.var.actor;
    const id = c.req.param("id");
    const fields = editableOrganisationFields(actor, id);
    if (fields.length === 0) throw new AppError("FORBIDDEN", "You may not manage this organisation.");
    const values = await readForm(c);
    const { input, errors } = toInput(c, values, fields);
    if (errors.length > 0) return showSettings(c, values, errors, 400);
    const { actor: _, ...meta } = auditContext(c);
    try {
      await updateOrganisation(c.var.deps.db, actor, id, input, meta);
    } catch (error) {
      return showSettings(c, values, conflictErrors(c, error), 409);
    }
    return c.redirect(`/admin/organisationer/${id}?klart=saved`, 303);
  });

  return app;
}
