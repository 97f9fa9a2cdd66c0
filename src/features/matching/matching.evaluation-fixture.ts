import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Db } from "#src/db/client.ts";
import type { CreateOfferInput } from "#src/features/offers/offers.schemas.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import type { CreateOrganisationInput } from "#src/features/organisations/organisations.schemas.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";

// The matching evaluation's fixtures (issue 6): `test/fixtures/matching/catalogue.json`, a catalogue of
// organisations and offers frozen for the evaluation, and `cases-<set>.json`, hand-judged companies and needs.
// The catalogue is its own copy rather than the demo, so that editing the demo never moves the figures; it
// began as a snapshot of the demo catalogue of 2026-11-28 and has offers the demo does not. Dates are days
// relative to the day it is seeded, so the offers keep their distance from "today" whenever it runs.
// Both files are parsed here (zod); the offers then pass the offers service's own validation.

/** The folder of the fixtures, from the repository root. */
export const EVALUATION_FIXTURE_DIR = new URL("../../../test/fixtures/matching/", import.meta.url);

/** The case sets in the fixture folder, in the order the bench and the test report them. */
export const EVALUATION_SET_NAMES = [
  "evaluation",
  "holdout",
  "fresh",
  "blind",
  "blind-2",
  "blind-3",
  "blind-4",
  "blind-5",
  "blind-6",
  "blind-7",
  "blind-8",
] as const;
export type EvaluationSetName = (typeof EVALUATION_SET_NAMES)[number];

const Grade = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const EvaluationCaseSchema = z.strictObject({
  /** Short kebab-case id, unique in its set. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** One English line: who the company is and what it needs (why the judgements are what they are). */
  description: z.string().min(1),
  company: z.strictObject({
    municipality: z
      .string()
      .regex(/^[0-9]{4}$/)
      .optional(),
    sni: z.string().optional(),
    employees: z.int().min(0).optional(),
    /** An SCB size band code ("10-19"), as the match request takes it instead of employees. */
    sizeBand: z.string().optional(),
    foundedYear: z.int().optional(),
  }),
  needs: z
    .array(
      z
        .strictObject({ theme: z.string().optional(), text: z.string().optional() })
        .refine(
          (need) => need.theme !== undefined || need.text !== undefined,
          "a need has a theme or a text",
        ),
    )
    .min(1),
  /** Offer slug → graded relevance: 3 exactly what this company needs AND it may use it; 2 good; 1 partly. */
  judgements: z.record(z.string(), Grade),
});

/** One evaluation case: a company profile and its needs, with graded relevance judgements of offers. */
export type EvaluationCase = z.infer<typeof EvaluationCaseSchema>;

const CaseFileSchema = z.strictObject({
  /** How the set was made, by whom, and its grading rules. */
  about: z.string().min(1),
  cases: z.array(EvaluationCaseSchema).min(1),
});

const FixtureOrganisationSchema = z.looseObject({ slug: z.string() });

const DayOffset = z.int().min(-10_000).max(10_000).nullish();

/**
 * An offer of the fixture: the offers service's create input without the organisation's id (named by slug)
 * and with dates as whole days from the seed day. The other fields are checked by the offers service.
 */
const FixtureOfferSchema = z.looseObject({
  organisation: z.string(),
  validFromDays: DayOffset,
  validToDays: DayOffset,
  lastVerifiedDaysAgo: z.int().min(0).nullish(),
});

const CatalogueFileSchema = z.strictObject({
  about: z.string().min(1),
  organisations: z.array(FixtureOrganisationSchema),
  offers: z.array(FixtureOfferSchema).min(1),
});
export type EvaluationCatalogue = z.infer<typeof CatalogueFileSchema>;

function readJson(name: string): unknown {
  const url = new URL(name, EVALUATION_FIXTURE_DIR);
  try {
    return JSON.parse(readFileSync(url, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the matching fixture ${url.pathname}: ${(error as Error).message}`);
  }
}

function parseFixture<T>(schema: z.ZodType<T>, name: string): T {
  const result = schema.safeParse(readJson(name));
  if (!result.success) {
    throw new Error(`the matching fixture ${name} is not valid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/** Reads and checks one case set (`test/fixtures/matching/cases-<name>.json`); ids must be unique. */
export function loadEvaluationSet(name: EvaluationSetName): { about: string; cases: EvaluationCase[] } {
  const file = parseFixture(CaseFileSchema, `cases-${name}.json`);
  const ids = file.cases.map((c) => c.id);
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Error(`the matching fixture cases-${name}.json has the case id ${repeated} twice`);
  return file;
}

/** Reads and checks the evaluation catalogue (`test/fixtures/matching/catalogue.json`). */
export function loadEvaluationCatalogue(): EvaluationCatalogue {
  return parseFixture(CatalogueFileSchema, "catalogue.json");
}

/**
 * Seeds the evaluation catalogue into `db` (migrated and otherwise empty of organisations and offers) through
 * the organisations' and offers' services, with every date placed relative to `now`'s day. Returns the
 * number of offers.
 */
export async function seedEvaluationCatalogue(
  db: Db,
  catalogue: EvaluationCatalogue,
  now: Date,
): Promise<number> {
  const day = (offset: number | null | undefined) =>
    offset == null
      ? null
      : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset))
          .toISOString()
          .slice(0, 10);
  return db.transaction().execute(async (trx) => {
    const created = await organisations.createOrganisations(
      trx,
      catalogue.organisations as CreateOrganisationInput[],
    );
    const idBySlug = new Map(created.map((o) => [o.slug, o.id]));
    const inputs = catalogue.offers.map(
      ({ organisation, validFromDays, validToDays, lastVerifiedDaysAgo, ...offer }, i) => {
        const organisationId = idBySlug.get(organisation);
        if (!organisationId) {
          throw new Error(`offer ${i + 1} of catalogue.json names an unknown organisation: ${organisation}`);
        }
        return {
          ...offer,
          organisationId,
          validFrom: day(validFromDays),
          validTo: day(validToDays),
          lastVerifiedAt:
            lastVerifiedDaysAgo == null ? null : new Date(now.getTime() - lastVerifiedDaysAgo * 86_400_000),
        } as CreateOfferInput;
      },
    );
    const seeded = await offers.createOffers(trx, inputs, { kind: "system", label: "matching evaluation" });
    return seeded.length;
  });
}
