import type { z } from "zod";
import type { CreateOfferInput } from "#src/features/offers/offers.schemas.ts";
import type { HsdsAttributeInput } from "./hsds.schemas.ts";
import { allTerms, type CodeLists, type TaxonomyName, taxonomyNamed } from "./hsds.taxonomies.ts";

// Shared by the checks of organizations and services: problems, paths, slugs and attribute lookup.

export type ImportProblem = { path: string; message: string };
export type ImportedOffer = CreateOfferInput & { id: string };

/** A zod issue path as the document's path: organizations[2].services[0].attributes[1]. */
export function formatPath(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const key of path) out += typeof key === "number" ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** A zod error's issues as problems under `base`. */
export function zodProblems(base: string, error: z.ZodError): ImportProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(base, issue.path), message: issue.message }));
}

/** A slug for a new offer or organisation: "Almi Företagslån" → "almi-foretagslan". */
export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 70)
      .replace(/-+$/, "") || "erbjudande"
  );
}

type Attribute = z.infer<typeof HsdsAttributeInput>;
type ClassifiedAttribute = { taxonomy: TaxonomyName | undefined; code: string | undefined; raw: string };

/** Resolves an attribute's taxonomy and code from its embedded term, or from a known term id. */
export function classifier(lists: CodeLists) {
  const byTermId = new Map(allTerms(lists).map((t) => [t.id, t]));
  return (attribute: Attribute): ClassifiedAttribute => {
    const embedded = attribute.taxonomy_term;
    const known = byTermId.get(embedded?.id ?? attribute.taxonomy_term_id ?? "");
    const raw = embedded?.taxonomy?.name ?? embedded?.taxonomy_id ?? known?.taxonomy.name ?? "";
    const taxonomy =
      taxonomyNamed(embedded?.taxonomy?.name ?? undefined) ??
      taxonomyNamed(embedded?.taxonomy_id ?? undefined) ??
      taxonomyNamed(known?.taxonomy.name);
    return { taxonomy, code: embedded?.code ?? known?.code, raw };
  };
}

/** An attribute's value as trimmed text, if it has one. */
export function attributeValue(attribute: Attribute): string | undefined {
  return attribute.value === null || attribute.value === undefined
    ? undefined
    : String(attribute.value).trim();
}

export type Classify = ReturnType<typeof classifier>;
