import type { z } from "zod";
import {
  CreateOrganisationInput,
  OrganisationType,
} from "#src/features/organisations/organisations.schemas.ts";
import type { ImportedOrganisation } from "#src/features/organisations/organisations.service.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import { HsdsDocumentInput, HsdsOrganizationInput } from "./hsds.schemas.ts";
import type { CodeLists } from "./hsds.taxonomies.ts";

// HSDS 3.0 → Lots: checks a whole document against the profile (docs/hsds-profile.md) and turns each valid
// record into the input of the organisations' and offers' services. Every problem is reported with its path
// in the document, and a record with a problem is left out whole: an organization with a problem takes its
// services with it, a service with a problem only itself.

import {
  attributeValue,
  type Classify,
  classifier,
  type ImportedOffer,
  type ImportProblem,
  zodProblems,
} from "./hsds.import.common.ts";
import { checkService } from "./hsds.import.service.ts";

export type { ImportedOffer, ImportProblem } from "./hsds.import.common.ts";
export { slugify } from "./hsds.import.common.ts";

export type ImportPlan = {
  organisations: { path: string; input: ImportedOrganisation; typeGiven: boolean }[];
  offers: { path: string; input: ImportedOffer }[];
  problems: ImportProblem[];
  /** Paths of the records left out because of their problems (or their organization's). */
  rejected: string[];
  /** How many organizations and services the document has. */
  totals: { organizations: number; services: number };
};

/** Checks one organization (without its services). */
function checkOrganization(
  raw: unknown,
  base: string,
  lists: CodeLists,
  classify: Classify,
): {
  organisation?: ImportedOrganisation;
  typeGiven: boolean;
  services: unknown[];
  problems: ImportProblem[];
} {
  const parsed = HsdsOrganizationInput.safeParse(raw);
  const services = Array.isArray((raw as { services?: unknown })?.services)
    ? (raw as { services: unknown[] }).services
    : [];
  if (!parsed.success) return { problems: zodProblems(base, parsed.error), typeGiven: false, services };
  const organization = parsed.data;
  const problems: ImportProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path: `${base}${path}`, message });

  let orgNumber: string | null = null;
  (organization.organization_identifiers ?? []).forEach((identifier, i) => {
    if (identifier.identifier_scheme !== "SE-BLV") return;
    try {
      orgNumber = parseOrgNumber(identifier.identifier).number;
    } catch (error) {
      problem(
        `.organization_identifiers[${i}].identifier`,
        `"${identifier.identifier}" is not an org number: ${(error as Error).message}`,
      );
    }
  });

  let type: z.infer<typeof OrganisationType> | undefined;
  let descriptionEn = "";
  const municipalityCodes: string[] = [];
  for (const [i, attribute] of (organization.attributes ?? []).entries()) {
    const at = `.attributes[${i}]`;
    const { taxonomy, code, raw: rawTaxonomy } = classify(attribute);
    if (!taxonomy) {
      if (!rawTaxonomy) problem(at, "the attribute names no taxonomy term");
      continue;
    }
    if (taxonomy !== "lots-fields") {
      problem(at, `${taxonomy} attributes belong to services, not organizations`);
      continue;
    }
    const value = attributeValue(attribute);
    if (value === undefined) {
      problem(`${at}.value`, `missing value for ${code ?? "the field"}`);
      continue;
    }
    if (code === "organisation_type") {
      const known = OrganisationType.safeParse(value);
      if (!known.success) {
        problem(
          `${at}.value`,
          `unknown organisation type "${value}" (use ${OrganisationType.options.join(", ")})`,
        );
        continue;
      }
      type = known.data;
    } else if (code === "description_en") descriptionEn = value;
    else if (code === "serves_municipality") {
      if (!lists.municipalities.has(value)) {
        problem(`${at}.value`, `no municipality has the code "${value}"`);
        continue;
      }
      municipalityCodes.push(value);
    } else problem(at, `"${code ?? ""}" is not a Lots field of an organization`);
  }

  const organisation: ImportedOrganisation = {
    id: organization.id.toLowerCase(),
    name: organization.name,
    orgNumber,
    type: type ?? "other",
    descriptionSv: organization.description ?? "",
    descriptionEn,
    website: organization.website ?? null,
    municipalityCodes,
  };
  const checked = CreateOrganisationInput.safeParse({ ...organisation, slug: "import" });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0]);
      const where =
        {
          descriptionSv: "description",
          orgNumber: "organization_identifiers",
          municipalityCodes: "attributes",
        }[field] ?? field;
      problem(`.${where}`, issue.message);
    }
  }
  return problems.length > 0
    ? { problems, typeGiven: type !== undefined, services }
    : { organisation, typeGiven: type !== undefined, services, problems };
}

/**
 * Checks a parsed HSDS document (`{"organizations": [...]}`) against the profile and the code lists.
 * `orgNumberOwners` maps org numbers already in Lots to their organisation's id, so a document cannot give
 * another organisation's number. Pure: reads nothing, writes nothing.
 */
export function planImport(
  document: unknown,
  lists: CodeLists,
  orgNumberOwners: Map<string, string>,
): ImportPlan {
  const plan: ImportPlan = {
    organisations: [],
    offers: [],
    problems: [],
    rejected: [],
    totals: { organizations: 0, services: 0 },
  };
  const top = HsdsDocumentInput.safeParse(document);
  if (!top.success) {
    plan.problems.push(...zodProblems("", top.error).map((p) => ({ ...p, path: p.path || "(document)" })));
    return plan;
  }
  const classify = classifier(lists);
  const organizationIds = new Map<string, string>();
  const serviceIds = new Map<string, string>();
  const numbers = new Map<string, string>();

  top.data.organizations.forEach((raw, o) => {
    const base = `organizations[${o}]`;
    const org = checkOrganization(raw, base, lists, classify);
    plan.totals.organizations++;
    plan.totals.services += org.services.length;
    const problems = [...org.problems];
    const organisation = org.organisation;
    if (organisation) {
      const seen = organizationIds.get(organisation.id);
      if (seen) problems.push({ path: `${base}.id`, message: `the id is also used by ${seen}` });
      organizationIds.set(organisation.id, base);
      const number = organisation.orgNumber;
      if (number) {
        const owner = orgNumberOwners.get(number);
        if (owner && owner !== organisation.id)
          problems.push({
            path: `${base}.organization_identifiers`,
            message: `the org number ${number} belongs to another organisation in Lots`,
          });
        const twice = numbers.get(number);
        if (twice)
          problems.push({
            path: `${base}.organization_identifiers`,
            message: `the org number ${number} is also given by ${twice}`,
          });
        numbers.set(number, base);
      }
    }
    const valid = organisation !== undefined && problems.length === 0;
    plan.problems.push(...problems);
    if (valid) plan.organisations.push({ path: base, input: organisation!, typeGiven: org.typeGiven });
    else plan.rejected.push(base);

    org.services.forEach((rawService, s) => {
      const serviceBase = `${base}.services[${s}]`;
      // The organization's id as given, even when the organization has other problems, so its services
      // are checked as fully as they can be.
      const rawId = (raw as { id?: unknown })?.id;
      const parentId = organisation?.id ?? (typeof rawId === "string" ? rawId.toLowerCase() : "");
      const checked = checkService(rawService, serviceBase, parentId, lists, classify);
      const serviceProblems = [...checked.problems];
      if (checked.offer) {
        const seen = serviceIds.get(checked.offer.id);
        if (seen)
          serviceProblems.push({ path: `${serviceBase}.id`, message: `the id is also used by ${seen}` });
        serviceIds.set(checked.offer.id, serviceBase);
      }
      plan.problems.push(...serviceProblems);
      if (checked.offer && serviceProblems.length === 0 && valid)
        plan.offers.push({ path: serviceBase, input: checked.offer });
      else plan.rejected.push(serviceBase);
    });
  });
  return plan;
}
