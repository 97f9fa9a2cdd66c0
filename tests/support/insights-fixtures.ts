import type { Db } from "#src/db/client.ts";
import { freshOrgNumber } from "./intake-fixtures.ts";

// Factories for insights tests: companies with needs written straight into the tables (the intake's own
// tests cover the intake), with or without a statistics consent.

export interface FixtureNeed {
  theme: string;
  /** When the need arrived (defaults to now). */
  at?: Date;
  status?: "open" | "in-case" | "met" | "no-longer-relevant";
  /** The municipality the need was filed under, when the company has moved (defaults to the company's). */
  municipality?: string | null;
}

/** A company with needs; `statistics: false` means it never consented to statistics. Returns its id. */
export async function makeCompanyWithNeeds(
  db: Db,
  organisationId: string,
  options: {
    municipality: string | null;
    sni?: string | null;
    sizeBand?: string | null;
    foundedYear?: number | null;
    statistics?: boolean;
    needs: readonly FixtureNeed[];
    name?: string;
  },
): Promise<string> {
  const company = await db
    .insertInto("companies")
    .values({
      org_number: freshOrgNumber().replace("-", ""),
      name: options.name ?? "Testbolaget AB",
      municipality_code: options.municipality,
      sni_code: options.sni ?? null,
      size_band: options.sizeBand ?? null,
      founded_year: options.foundedYear ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.statistics !== false) {
    await db
      .insertInto("consents")
      .values({
        company_id: company.id,
        kind: "statistics",
        wording_version: "test-1",
        source: "navigator",
        recorded_by_label: "test",
      })
      .execute();
  }
  for (const need of options.needs) {
    await db
      .insertInto("needs")
      .values({
        company_id: company.id,
        organisation_id: organisationId,
        theme: need.theme,
        urgency: "now",
        source: "navigator",
        status: need.status ?? "open",
        municipality_code: need.municipality === undefined ? options.municipality : need.municipality,
        sni_code: options.sni ?? null,
        size_band: options.sizeBand ?? null,
        ...(need.at ? { created_at: need.at, updated_at: need.at, status_changed_at: need.at } : {}),
      })
      .execute();
  }
  return company.id;
}

/** Ends the company's statistics consent as a withdrawal does. */
export async function endStatisticsConsent(db: Db, companyId: string): Promise<void> {
  await db
    .updateTable("consents")
    .set({ ended_at: new Date(), end_reason: "withdrawn" })
    .where("company_id", "=", companyId)
    .where("kind", "=", "statistics")
    .where("ended_at", "is", null)
    .execute();
}
