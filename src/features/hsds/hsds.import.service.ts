import { CreateOfferInput, OfferCostType } from "#src/features/offers/offers.schemas.ts";
import {
  attributeValue,
  type Classify,
  formatPath,
  type ImportedOffer,
  type ImportProblem,
  slugify,
  zodProblems,
} from "./hsds.import.common.ts";
import { HsdsServiceInput } from "./hsds.schemas.ts";
import { type CodeLists, isLotsField, type LotsField } from "./hsds.taxonomies.ts";

// One HSDS service → one Lots offer input, or the problems that keep it out (docs/hsds-profile.md).

const HSDS_TO_STATUS = {
  active: "active",
  "temporarily closed": "paused",
  inactive: "closed",
  defunct: "closed",
} as const;

const COST_TYPES = OfferCostType.options;
type CostType = (typeof COST_TYPES)[number];

/** Where a Lots offer field lives in the HSDS service, for reporting the offers schema's complaints. */
const OFFER_FIELD_PATHS: Record<string, string> = {
  name: "name",
  description: "description",
  link: "url",
  status: "status",
  applicationProcess: "application_process",
  costDescription: "fees_description",
  conditions: "eligibility_description",
  lastVerifiedAt: "assured_date",
  costType: "cost_options",
  amountMinSek: "cost_options",
  amountMaxSek: "cost_options",
  eligibleCountyCodes: "service_areas",
  eligibleMunicipalityCodes: "service_areas",
  themes: "attributes (lots-need-themes)",
  formats: "attributes (lots-offer-formats)",
  sniInclude: "attributes (sni2007)",
  sniExclude: "attributes (sni2007)",
  sizeBands: "attributes (scb-size-bands)",
  summary: "attributes (lots-fields summary)",
  nameEn: "attributes (lots-fields name_en)",
  summaryEn: "attributes (lots-fields summary_en)",
  descriptionEn: "attributes (lots-fields description_en)",
  minCompanyAgeYears: "attributes (lots-fields min_company_age_years)",
  maxCompanyAgeYears: "attributes (lots-fields max_company_age_years)",
  capacityTotal: "attributes (lots-fields capacity_total)",
  capacityRemaining: "attributes (lots-fields capacity_remaining)",
  capacityNote: "attributes (lots-fields capacity_note)",
  validFrom: "attributes (lots-fields valid_from)",
  validTo: "attributes (lots-fields valid_to)",
  lastVerifiedBy: "attributes (lots-fields last_verified_by)",
};

function offerFieldPath(base: string, path: readonly PropertyKey[]): string {
  const [field, ...rest] = path;
  if (field === "contacts") return formatPath(`${base}.contacts`, rest);
  const mapped = OFFER_FIELD_PATHS[String(field)];
  return mapped ? `${base}.${mapped}` : formatPath(base, path);
}

/** The first sentence of a description, for a summary an HSDS document without one lacks. */
function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](\s|$)/s.exec(text.trim())?.[0] ?? text.trim();
  return sentence.trim().slice(0, 500);
}

function wholeNumber(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

const AREA = /^urn:scb:(kommun|lan):(\d+)$/;

/** Checks one service; returns the offer input, or the problems. */
export function checkService(
  raw: unknown,
  base: string,
  organisationId: string,
  lists: CodeLists,
  classify: Classify,
): { offer?: ImportedOffer; problems: ImportProblem[] } {
  const parsed = HsdsServiceInput.safeParse(raw);
  if (!parsed.success) return { problems: zodProblems(base, parsed.error) };
  const service = parsed.data;
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path: `${base}${path}`, message });

  if (organisationId && service.organization_id && service.organization_id !== organisationId)
    problem(".organization_id", "differs from the id of the organization the service is listed under");

  const counties: string[] = [];
  const municipalities: string[] = [];
  for (const [i, area] of (service.service_areas ?? []).entries()) {
    const match = AREA.exec(area.uri.trim());
    if (!match) {
      problem(`.service_areas[${i}].uri`, `"${area.uri}" is not urn:scb:kommun:NNNN or urn:scb:lan:NN`);
      continue;
    }
    const [, kind, code] = match;
    if (kind === "kommun") {
      if (!lists.municipalities.has(code!))
        problem(`.service_areas[${i}].uri`, `no municipality has the code "${code}"`);
      else municipalities.push(code!);
    } else if (!lists.counties.has(code!))
      problem(`.service_areas[${i}].uri`, `no county has the code "${code}"`);
    else counties.push(code!);
  }

  const themes: string[] = [];
  const formats: string[] = [];
  const sniInclude: string[] = [];
  const sniExclude: string[] = [];
  const sizeBands: string[] = [];
  const fields: Partial<Record<LotsField, string>> = {};
  for (const [i, attribute] of (service.attributes ?? []).entries()) {
    const at = `.attributes[${i}]`;
    const { taxonomy, code, raw: rawTaxonomy } = classify(attribute);
    if (!taxonomy) {
      // Not a taxonomy of Lots' profile: an attribute of another directory, which Lots has no place for.
      if (rawTaxonomy) continue;
      problem(at, "the attribute names no taxonomy term (embed taxonomy_term with its taxonomy)");
      continue;
    }
    if (!code) {
      problem(`${at}.taxonomy_term`, "missing code");
      continue;
    }
    const eligibility = () => {
      if (attribute.link_type !== "eligibility")
        problem(
          `${at}.link_type`,
          `must be "eligibility" for ${taxonomy} (is "${attribute.link_type ?? ""}")`,
        );
    };
    switch (taxonomy) {
      case "lots-need-themes":
        if (!lists.themes.has(code)) {
          problem(at, `unknown theme "${code}"`);
          continue;
        }
        {
          themes.push(code);
          continue;
        }
      case "lots-offer-formats":
        if (!lists.formats.has(code)) {
          problem(at, `unknown format "${code}"`);
          continue;
        }
        {
          formats.push(code);
          continue;
        }
      case "sni2007": {
        eligibility();
        const known =
          /^([A-U]|\d{2,5})$/.test(code) && lists.sni.has(/^[A-U]$/.test(code) ? code : code.slice(0, 2));
        if (!known) {
          problem(at, `unknown SNI 2007 code "${code}" (a section letter A–U or a division like 25)`);
          continue;
        }
        const value = attributeValue(attribute) ?? "include";
        if (value === "include") {
          sniInclude.push(code);
          continue;
        }
        if (value === "exclude") {
          sniExclude.push(code);
          continue;
        }
        problem(`${at}.value`, `must be "include" or "exclude" (is "${value}")`);
        continue;
      }
      case "scb-size-bands":
        eligibility();
        if (!lists.sizeBands.has(code)) {
          problem(at, `unknown size band "${code}"`);
          continue;
        }
        {
          sizeBands.push(code);
          continue;
        }
      case "lots-fields": {
        if (!isLotsField(code) || code === "organisation_type" || code === "serves_municipality") {
          problem(at, `"${code}" is not a Lots field of a service`);
          continue;
        }
        const value = attributeValue(attribute);
        if (value === undefined) {
          problem(`${at}.value`, `missing value for ${code}`);
          continue;
        }
        if (fields[code] !== undefined) {
          problem(at, `${code} is given twice`);
          continue;
        }
        fields[code] = value;
      }
    }
  }

  const number = (field: LotsField) => {
    const value = fields[field];
    if (value === undefined) return null;
    const n = wholeNumber(value);
    if (n === undefined) problem(`.attributes (lots-fields ${field})`, `"${value}" is not a whole number`);
    return n ?? null;
  };

  let costType: CostType | undefined;
  let amountMin: number | null = null;
  let amountMax: number | null = null;
  for (const [i, cost] of (service.cost_options ?? []).entries()) {
    const at = `.cost_options[${i}]`;
    const option = cost.option?.trim();
    if (!option || !(COST_TYPES as readonly string[]).includes(option)) {
      problem(`${at}.option`, `unknown cost type "${option ?? ""}" (use ${COST_TYPES.join(", ")})`);
      continue;
    }
    if (costType && option !== costType) {
      problem(`${at}.option`, `differs from the first cost option ("${costType}")`);
      continue;
    }
    costType = option as CostType;
    if (cost.amount === null || cost.amount === undefined) continue;
    if (cost.currency && cost.currency !== "SEK") {
      problem(`${at}.currency`, `only SEK amounts (is "${cost.currency}")`);
      continue;
    }
    if (!Number.isInteger(cost.amount) || cost.amount < 0) {
      problem(`${at}.amount`, "must be whole kronor, 0 or more");
      continue;
    }
    const kind = cost.amount_description?.trim();
    if (kind === "minimum") amountMin = cost.amount;
    else if (kind === "maximum") amountMax = cost.amount;
    else if (!kind) {
      amountMin = cost.amount;
      amountMax = cost.amount;
    } else problem(`${at}.amount_description`, `must be "minimum" or "maximum" (is "${kind}")`);
  }
  if (!costType) problem(".cost_options", `missing: give the cost type as option (${COST_TYPES.join(", ")})`);

  const description = service.description?.trim() ?? "";
  if (!description) problem(".description", "missing description");

  const input: ImportedOffer = {
    id: service.id.toLowerCase(),
    organisationId,
    slug: slugify(service.name),
    name: service.name,
    nameEn: fields.name_en ?? null,
    summary: fields.summary ?? firstSentence(description),
    summaryEn: fields.summary_en ?? null,
    description,
    descriptionEn: fields.description_en ?? null,
    formats,
    themes,
    eligibleCountyCodes: counties,
    eligibleMunicipalityCodes: municipalities,
    sniInclude,
    sniExclude,
    sizeBands,
    minCompanyAgeYears: number("min_company_age_years"),
    maxCompanyAgeYears: number("max_company_age_years"),
    conditions: service.eligibility_description ?? "",
    costType: costType ?? "free",
    costDescription: service.fees_description ?? "",
    amountMinSek: amountMin,
    amountMaxSek: amountMax,
    capacityTotal: number("capacity_total"),
    capacityRemaining: number("capacity_remaining"),
    capacityNote: fields.capacity_note ?? "",
    validFrom: fields.valid_from ?? null,
    validTo: fields.valid_to ?? null,
    status: HSDS_TO_STATUS[service.status],
    applicationProcess: service.application_process ?? "",
    link: service.url ?? null,
    contacts: (service.contacts ?? []).map((contact) => ({
      name: contact.name,
      title: contact.title ?? null,
      email: contact.email ?? null,
      phone: contact.phones?.[0]?.number ?? null,
    })),
    lastVerifiedAt: service.assured_date ? new Date(`${service.assured_date}T00:00:00Z`) : null,
    lastVerifiedBy: fields.last_verified_by ?? null,
  };
  // The offers' own rules (lengths, at least one theme and format, ranges, duplicates), reported where the
  // field sits in the HSDS service. Problems already reported above are not repeated.
  const checked = CreateOfferInput.safeParse(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      // A bad organization id is the organization's problem, reported there.
      if (issue.path[0] === "organisationId") continue;
      const path = offerFieldPath(base, issue.path);
      if (issue.path[0] === "description" && !description) continue;
      if (!problems.some((p) => p.path === path)) problems.push({ path, message: issue.message });
    }
  }
  return problems.length > 0 ? { problems } : { offer: input, problems };
}
