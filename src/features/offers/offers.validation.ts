import type { Db } from "#src/db/client.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { AppError } from "#src/shared/errors.ts";
import { CreateOfferInput, type OfferIssue } from "./offers.schemas.ts";

// Checking an offer before it is stored: its fields (zod) and the codes it refers to (reference lists).

export type ParsedOffer = ReturnType<typeof CreateOfferInput.parse>;

/** The code lists an offer refers to, read once per batch. */
export async function loadCodeLists(db: Db) {
  const [themes, formats, counties, municipalities, sizeBands, sni] = await Promise.all([
    reference.getNeedThemes(db),
    reference.getOfferFormats(db),
    reference.getCounties(db),
    reference.getMunicipalities(db),
    reference.getSizeBands(db),
    reference.getSniCodes(db),
  ]);
  const codes = (rows: { code: string }[]) => new Set(rows.map((r) => r.code));
  return {
    themes: codes(themes),
    formats: codes(formats),
    counties: codes(counties),
    municipalities: codes(municipalities),
    sizeBands: codes(sizeBands),
    sni: codes(sni.codes),
    sniVersion: sni.version,
  };
}
export type CodeLists = Awaited<ReturnType<typeof loadCodeLists>>;

/** Every unknown code of a (field-valid) offer, one issue per field. */
export function codeIssues(offer: ParsedOffer, lists: CodeLists): OfferIssue[] {
  const issues: OfferIssue[] = [];
  const check = (field: string, values: string[], known: (code: string) => boolean, what: string) => {
    const unknown = values.find((v) => !known(v));
    if (unknown) issues.push({ field, message: `${unknown} is not ${what}.` });
  };
  check("themes", offer.themes, (c) => lists.themes.has(c), "an active need theme");
  check("formats", offer.formats, (c) => lists.formats.has(c), "an offer format");
  check("eligibleCountyCodes", offer.eligibleCountyCodes, (c) => lists.counties.has(c), "a county code");
  check(
    "eligibleMunicipalityCodes",
    offer.eligibleMunicipalityCodes,
    (c) => lists.municipalities.has(c),
    "a municipality code",
  );
  check("sizeBands", offer.sizeBands, (c) => lists.sizeBands.has(c), "an SCB size band");
  // A section letter must exist as such; a numeric code must start with an existing division.
  const knownSni = (c: string) => lists.sni.has(/^[A-U]$/.test(c) ? c : c.slice(0, 2));
  check("sniInclude", offer.sniInclude, knownSni, `an ${lists.sniVersion} code`);
  check("sniExclude", offer.sniExclude, knownSni, `an ${lists.sniVersion} code`);
  return issues;
}

/** Parses one offer's fields; every problem is an issue naming its field path. */
export function parseOffer(
  input: unknown,
): { ok: true; offer: ParsedOffer } | { ok: false; issues: OfferIssue[] } {
  const parsed = CreateOfferInput.safeParse(input);
  if (parsed.success) return { ok: true, offer: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })),
  };
}

/** All problems of one offer input: fields first, then (when the fields are fine) its codes. */
export async function offerIssues(db: Db, input: unknown, lists?: CodeLists): Promise<OfferIssue[]> {
  const parsed = parseOffer(input);
  if (!parsed.ok) return parsed.issues;
  return codeIssues(parsed.offer, lists ?? (await loadCodeLists(db)));
}

/** The AppError for the first issue, as "field: message", prefixed with the offer's place in a batch. */
export function issueError(issues: OfferIssue[], prefix = ""): AppError {
  const first = issues[0];
  const field = first?.field ? `${first.field}: ` : "";
  return new AppError("VALIDATION_FAILED", `${prefix}${field}${first?.message ?? "invalid offer"}`);
}

/** Parses and checks a batch, throwing VALIDATION_FAILED for the first offer with a problem. */
export function validateBatch(inputs: readonly unknown[], lists: CodeLists): ParsedOffer[] {
  const prefix = (i: number) => (inputs.length > 1 ? `Offer ${i + 1}: ` : "");
  return inputs.map((input, i) => {
    const parsed = parseOffer(input);
    if (!parsed.ok) throw issueError(parsed.issues, prefix(i));
    const issues = codeIssues(parsed.offer, lists);
    if (issues.length > 0) throw issueError(issues, prefix(i));
    return parsed.offer;
  });
}
