import { MAX_NEED_TEXT } from "./matching.schemas.ts";

// The matching page's form as it travels in the address (a GET form: it works without JavaScript and
// every result list has an address) and as the hidden fields of the send step. Pure.

export const MATCHING_PATH = "/hitta-stod/mitt-foretag";

/** What the form holds, as typed. */
export type MatchingForm = {
  kommun: string;
  postnummer: string;
  bransch: string;
  anstallda: string;
  startar: string;
  omrade: string[];
  beskrivning: string;
};

export type MatchingFormError = "needs" | "postalCode" | "employees" | "foundedYear" | "text";

/** The form from query or body values (several values for `omrade`). */
export function readMatchingForm(values: Record<string, string[] | undefined>): MatchingForm {
  const one = (name: string) => (values[name]?.[0] ?? "").trim();
  return {
    kommun: one("kommun"),
    postnummer: one("postnummer").replace(/\s+/g, ""),
    bransch: one("bransch"),
    anstallda: one("anstallda"),
    startar: one("startar"),
    omrade: (values.omrade ?? []).map((v) => v.trim()).filter((v) => v !== ""),
    beskrivning: (values.beskrivning?.[0] ?? "").trim(),
  };
}

/** Whether the visitor has asked for offers yet (an empty form is the start page). */
export function isAsked(form: MatchingForm): boolean {
  return (
    form.omrade.length > 0 ||
    form.beskrivning !== "" ||
    form.kommun !== "" ||
    form.postnummer !== "" ||
    form.bransch !== "" ||
    form.anstallda !== "" ||
    form.startar !== ""
  );
}

/** The form's own errors (what the matching service cannot see), keyed by the field they belong to. */
export function checkMatchingForm(form: MatchingForm): Partial<Record<MatchingFormError, true>> {
  const errors: Partial<Record<MatchingFormError, true>> = {};
  if (form.omrade.length === 0 && form.beskrivning === "") errors.needs = true;
  if (form.postnummer !== "" && !/^\d{5}$/.test(form.postnummer)) errors.postalCode = true;
  if (form.anstallda !== "" && !/^\d{1,7}$/.test(form.anstallda)) errors.employees = true;
  if (form.startar !== "" && !/^\d{4}$/.test(form.startar)) errors.foundedYear = true;
  if (form.beskrivning.length > MAX_NEED_TEXT) errors.text = true;
  return errors;
}

/**
 * The matching request the form means: one need per chosen area, the description with the first of them
 * (or alone when no area is chosen), so the words count once.
 */
export function toMatchRequest(form: MatchingForm, municipality: string | undefined) {
  const text = form.beskrivning || undefined;
  const needs =
    form.omrade.length > 0
      ? form.omrade.map((theme, i) => ({ theme, ...(i === 0 && text ? { text } : {}) }))
      : [{ text }];
  return {
    company: {
      ...(municipality ? { municipality } : {}),
      ...(form.bransch ? { sni: form.bransch } : {}),
      ...(form.anstallda ? { employees: Number(form.anstallda) } : {}),
      ...(form.startar ? { foundedYear: Number(form.startar) } : {}),
    },
    needs,
    limit: 10,
    includeNearMisses: true,
  };
}

/** The form as hidden fields / query pairs, to carry it into the send step. */
export function formPairs(form: MatchingForm): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name of ["kommun", "postnummer", "bransch", "anstallda", "startar"] as const) {
    if (form[name] !== "") pairs.push([name, form[name]]);
  }
  for (const theme of form.omrade) pairs.push(["omrade", theme]);
  if (form.beskrivning !== "") pairs.push(["beskrivning", form.beskrivning]);
  return pairs;
}
