import { type Context, Hono } from "hono";
import type { Db } from "#src/db/client.ts";
import { clientIp, rateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import {
  getMunicipalities,
  getNeedThemes,
  getPostalCode,
  getSizeBands,
  getSniCodes,
} from "#src/features/reference/reference.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { FieldValidationError } from "#src/shared/field-errors.ts";
import { compareSwedish, type Locale, pick } from "#src/shared/i18n.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { renderPage } from "#src/shared/web/render.tsx";
import { MATCH_LIMITS } from "./matching.api.ts";
import { ensureMatchingCampaign, MATCHING_QUESTIONS, receivingOrganisation } from "./matching.intake.ts";
import { matchingMessages } from "./matching.messages.ts";
import {
  checkMatchingForm,
  isAsked,
  MATCHING_PATH,
  type MatchingForm,
  readMatchingForm,
  toMatchRequest,
} from "./matching.page-query.ts";
import { matchOffers } from "./matching.service.ts";
import { FIELD_IDS, type MatchingChoices, MatchingPage, type SendStep } from "./matching.views.tsx";

// "Hitta stöd för mitt företag" (issue 6): GET /hitta-stod/mitt-foretag shows the form and, once asked,
// the ranked offers with reasons; POST /hitta-stod/mitt-foretag/skicka takes the needs into the needs
// intake: the round of the organisation serving the company's municipality, with the form filled in from
// here, where the company adds its contact details and consent, reviews and sends.

async function choicesFor(db: Db, locale: Locale): Promise<MatchingChoices> {
  const [municipalities, sni, themes] = await Promise.all([
    getMunicipalities(db),
    getSniCodes(db),
    getNeedThemes(db),
  ]);
  return {
    municipalities: municipalities
      .map((m) => ({ value: m.code, label: m.short_name }))
      .sort((a, b) => compareSwedish(a.label, b.label)),
    industries: sni.codes
      .filter((code) => code.level === "division")
      .map((code) => ({
        value: code.code,
        label: `${code.code} ${pick(locale, code.name_sv, code.name_en)}`,
      })),
    themes: themes.map((theme) => ({
      value: theme.code,
      label: pick(locale, theme.label_sv, theme.label_en),
    })),
  };
}

/** The municipality the form names: chosen, or found from the postal code (undefined when neither). */
async function municipalityOf(db: Db, form: MatchingForm): Promise<string | undefined | "unknown-postal"> {
  if (form.kommun) return form.kommun;
  if (!form.postnummer) return undefined;
  try {
    return (await getPostalCode(db, form.postnummer)).municipality_code;
  } catch (error) {
    if (error instanceof AppError) return "unknown-postal";
    throw error;
  }
}

const SERVICE_FIELDS: Record<string, string> = {
  "company.municipality": FIELD_IDS.municipality,
  "company.sni": FIELD_IDS.industry,
  "company.employees": FIELD_IDS.employees,
  "company.foundedYear": FIELD_IDS.foundedYear,
};

function serviceFieldId(key: string): string {
  if (SERVICE_FIELDS[key]) return SERVICE_FIELDS[key];
  if (key.endsWith(".text")) return FIELD_IDS.text;
  return FIELD_IDS.themes;
}

async function sendStep(db: Db, municipality: string | undefined): Promise<SendStep> {
  if (!municipality) return { kind: "need-municipality" };
  const organisation = await receivingOrganisation(db, municipality);
  return organisation ? { kind: "ready", organisation: organisation.name } : { kind: "no-organisation" };
}

async function showPage(c: Context<AppEnv>, form: MatchingForm) {
  const db = c.var.deps.db;
  const locale = c.var.locale;
  const t = matchingMessages(locale);
  const choices = await choicesFor(db, locale);
  const model = { form, choices, errors: [] as FormError[], csrfToken: c.var.csrfToken };
  if (!isAsked(form)) return renderPage(c, t("page.title"), <MatchingPage t={t} model={model} />);

  const own = checkMatchingForm(form);
  const errors: FormError[] = [];
  if (own.needs) errors.push({ fieldId: FIELD_IDS.themes, message: t("error.needs") });
  if (own.text) errors.push({ fieldId: FIELD_IDS.text, message: t("error.text", { max: 2000 }) });
  if (own.postalCode) errors.push({ fieldId: FIELD_IDS.postalCode, message: t("error.postalCode") });
  if (own.employees) errors.push({ fieldId: FIELD_IDS.employees, message: t("error.employees") });
  if (own.foundedYear) errors.push({ fieldId: FIELD_IDS.foundedYear, message: t("error.foundedYear") });
  const municipality = own.postalCode ? undefined : await municipalityOf(db, form);
  if (municipality === "unknown-postal") {
    errors.push({ fieldId: FIELD_IDS.postalCode, message: t("error.postalCode") });
  }
  const title = (n: number) => (n > 0 ? `${t("errors.heading")}: ${t("page.title")}` : t("page.title"));
  if (errors.length > 0) {
    return renderPage(c, title(errors.length), <MatchingPage t={t} model={{ ...model, errors }} />, 400);
  }
  const known = municipality === "unknown-postal" ? undefined : municipality;
  try {
    const { results } = await matchOffers(db, toMatchRequest(form, known), { locale });
    const send = await sendStep(db, known);
    return renderPage(c, t("page.title"), <MatchingPage t={t} model={{ ...model, results, send }} />);
  } catch (error) {
    if (!(error instanceof FieldValidationError)) throw error;
    const fieldErrors = Object.entries(error.fields).map(([key, text]) => ({
      fieldId: serviceFieldId(key),
      message: locale === "en" ? text.en : text.sv,
    }));
    return renderPage(c, title(1), <MatchingPage t={t} model={{ ...model, errors: fieldErrors }} />, 400);
  }
}

/** The pages of "Hitta stöd för mitt företag". Mounted before the catalogue's `/hitta-stod/:id`. */
export function matchingPages() {
  const app = new Hono<AppEnv>();
  const limited = rateLimit({ name: "match-page-ip", ...MATCH_LIMITS, key: (c) => clientIp(c) });

  app.get(MATCHING_PATH, limited, async (c) => showPage(c, readMatchingForm(c.req.queries())));

  app.post(`${MATCHING_PATH}/skicka`, limited, async (c) => {
    const db = c.var.deps.db;
    const body = await c.req.parseBody({ all: true });
    const values: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(body)) {
      values[name] = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === "string",
      );
    }
    const form = readMatchingForm(values);
    const municipality = await municipalityOf(db, form);
    const organisation =
      municipality && municipality !== "unknown-postal"
        ? await receivingOrganisation(db, municipality)
        : undefined;
    if (!organisation || Object.keys(checkMatchingForm(form)).length > 0) return showPage(c, form);
    const { slug } = await ensureMatchingCampaign(db, organisation);
    const bands = await getSizeBands(db);
    const employees = form.anstallda === "" ? undefined : Number(form.anstallda);
    const sizeBand =
      employees === undefined
        ? undefined
        : bands.find(
            (b) => b.min_employees <= employees && (b.max_employees == null || employees <= b.max_employees),
          )?.code;
    const prefill = new URLSearchParams();
    prefill.append("company.municipalityCode", municipality as string);
    if (form.postnummer) prefill.append("company.postalCode", form.postnummer);
    if (form.bransch) prefill.append("company.sniCodes", form.bransch);
    if (sizeBand) prefill.append("company.sizeBand", sizeBand);
    if (form.startar) prefill.append("company.foundedYear", form.startar);
    for (const theme of form.omrade) prefill.append(`answers.${MATCHING_QUESTIONS.themes}`, theme);
    if (form.beskrivning) prefill.append(`answers.${MATCHING_QUESTIONS.text}`, form.beskrivning);
    return c.redirect(`/behov/${slug}?${prefill.toString()}`, 303);
  });

  return app;
}
