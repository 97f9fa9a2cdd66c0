import type { Db } from "#src/db/client.ts";
import * as companies from "#src/features/companies/companies.service.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import * as organisations from "#src/features/organisations/organisations.service.ts";
import type { Logger } from "#src/shared/logger.ts";
import { parseOrgNumber } from "#src/shared/org-number.ts";
import { DEMO_COMPANIES, DEMO_ORGANISATIONS } from "./demo.data.ts";
import { seedDemoIntake } from "./demo.intake.ts";
import { seedDemoCases, seedDemoRouting } from "./demo.lotsning.ts";
import { seedDemoMeetings } from "./demo.meetings.ts";
import { buildDemoOffers } from "./demo.offers.data.ts";
import { seedDemoPacks } from "./demo.packs.ts";
import { seedDemoUsers } from "./demo.users.ts";

/** What one run of the demo seed added; zero everywhere when the demo data was already there. */
export type DemoSeedCounts = {
  organisations: number;
  offers: number;
  companies: number;
  users: number;
  surveyAnswers: number;
};

/**
 * Loads the demo network (the Örebro model: seven organisations, their offers, fictional companies and
 * a demo account for every role) through the features' own services, so the demo passes the same
 * validation as real data. Idempotent: organisations and offers are matched by slug, companies by org
 * number and demo accounts by e-mail, and only the missing ones are added, so a second run adds nothing
 * and a newer Lots can top up an older demo.
 * Runs in one transaction: a failure leaves the database as it was. `now` fixes the relative dates.
 */
export async function seedDemoData(db: Db, options: { now?: Date } = {}): Promise<DemoSeedCounts> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const existingOrganisations = await organisations.listOrganisations(trx);
    const existingSlugs = new Set(existingOrganisations.map((o) => o.slug));
    const createdOrganisations = await organisations.createOrganisations(
      trx,
      DEMO_ORGANISATIONS.filter((o) => !existingSlugs.has(o.slug)).map((o) => ({
        ...o,
        municipalityCodes: [...o.municipalityCodes],
      })),
    );

    const organisationIdBySlug = new Map(
      [...existingOrganisations, ...createdOrganisations].map((o) => [o.slug, o.id]),
    );
    const existingOfferSlugs = new Set((await offers.listOffers(trx)).map((o) => o.slug));
    const createdOffers = await offers.createOffers(
      trx,
      buildDemoOffers(now)
        .filter((o) => !existingOfferSlugs.has(o.slug))
        .map(({ organisation, ...offer }) => ({
          ...offer,
          organisationId: organisationIdBySlug.get(organisation)!,
        })),
      { kind: "system", label: "demo" },
    );

    const existingNumbers = new Set((await companies.listCompanies(trx)).map((c) => c.orgNumber));
    const createdCompanies = await companies.createCompanies(
      trx,
      DEMO_COMPANIES.filter((c) => !existingNumbers.has(parseOrgNumber(c.orgNumber).number)),
    );

    const createdUsers = await seedDemoUsers(trx, organisationIdBySlug);
    // Lotsning's teams and routing rules first, so that the intake's answers with consent open their cases.
    const routing = await seedDemoRouting(trx, organisationIdBySlug);
    // Nora kommun's needs survey, its rounds, the pulse and answers over the last 18 months.
    const surveyAnswers = await seedDemoIntake(trx, organisationIdBySlug.get("nora-kommun")!, now);
    // Those cases worked, and more opened by hand: cases and referrals in every status.
    if (routing) await seedDemoCases(trx, routing, now);
    // Industry packs (after the intake: the manufacturing pack starts from Nora's industry survey), then the
    // Nora meeting of November 2020 and upcoming meetings started from the packs.
    await seedDemoPacks(trx, organisationIdBySlug, now);
    const meetings = await seedDemoMeetings(trx, organisationIdBySlug, now);

    return {
      organisations: createdOrganisations.length,
      offers: createdOffers.length,
      companies: createdCompanies.length,
      users: createdUsers,
      surveyAnswers: surveyAnswers + meetings.answers,
    };
  });
}

/**
 * Seeds the demo on the very first start: only when the network has no organisations at all, so
 * an installation that has begun with real data is never mixed with demo data. Returns what was
 * added, or undefined when nothing was done.
 */
export async function seedDemoDataIfEmpty(db: Db, logger: Logger): Promise<DemoSeedCounts | undefined> {
  if ((await organisations.countOrganisations(db)) > 0) return undefined;
  const counts = await seedDemoData(db);
  logger.debug(counts, "demo data seeded into an empty database");
  return counts;
}

/** True when demo data is loaded, i.e. any company is marked fictional; screens show a demo notice. */
export function hasDemoData(db: Db): Promise<boolean> {
  return companies.hasFictionalCompanies(db);
}
