/**
 * Supply against demand: per theme and municipality, the companies with open needs next to the active
 * offers in that theme whose rules at least one of them meets (area, SNI, size, age, validity: the matching's
 * own rules), with their places left. A theme and municipality with open needs and no such offer is a gap.
 */
import type { Db } from "#src/db/client.ts";
import { catalogueForMatching } from "#src/features/catalogue/catalogue.service.ts";
import {
  areaVerdict,
  type CompanyFacts,
  checkRules,
  isEligible,
} from "#src/features/matching/matching.rules.ts";
import type { Actor } from "#src/shared/auth/actor.ts";
import { compareSwedish, type Locale } from "#src/shared/i18n.ts";
import { labelOf, loadLabels } from "./insights.labels.ts";
import { insightsMessages } from "./insights.messages.ts";
import { listOpenNeedCompanies, type OpenNeedCompany } from "./insights.repository.ts";
import { assertCanViewInsights } from "./insights.service.ts";
import { type ApiCount, apiCount, isSmallCount } from "./insights.suppression.ts";
import type { InsightTable } from "./insights.table.ts";

/** One theme and municipality with open needs. */
export interface SupplyCell {
  theme: string;
  municipality: string;
  /** Companies with open needs (suppressed when 1 or 2). */
  companies: number;
  suppressed: boolean;
  /** Active offers in the theme that at least one of these companies can get. */
  offers: number;
  /** Places left over those offers that state a capacity; null when none does. */
  placesLeft: number | null;
  /** Of those offers, how many have no places left. */
  offersFull: number;
}

/**
 * Supply and demand per theme and municipality with open needs (optionally only these municipalities),
 * sorted gaps first, then by municipality and theme.
 */
export async function supplyAndDemand(
  db: Db,
  actor: Actor,
  municipalities: readonly string[] = [],
): Promise<SupplyCell[]> {
  assertCanViewInsights(actor);
  const [companies, catalogue] = await Promise.all([
    listOpenNeedCompanies(db, municipalities),
    catalogueForMatching(db, []),
  ]);
  const cells = new Map<string, OpenNeedCompany[]>();
  for (const company of companies) {
    const key = `${company.theme}|${company.municipality}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key)!.push(company);
  }
  const year = Number(catalogue.today.slice(0, 4));
  const factsOf = (company: OpenNeedCompany): CompanyFacts => {
    const sni = company.sniCode?.replace(".", "") || undefined;
    return {
      municipality: company.municipality || undefined,
      county: catalogue.countyOfMunicipality.get(company.municipality),
      sni,
      section: sni ? catalogue.sectionOfDivision.get(sni.slice(0, 2)) : undefined,
      sizeBand: company.sizeBand ?? undefined,
      age: company.foundedYear === null ? undefined : year - company.foundedYear,
    };
  };
  // At national scale (a million needs, 10,000 offers) checking every offer against every company of every
  // cell took minutes. Now validity (the same for every company) is checked once per offer, offers are grouped
  // by theme, the area rule (the same for the whole cell) is checked once per cell and offer without building
  // verdicts, and only offers with rules about the company itself (SNI, size, age) look at the cell's distinct
  // company profiles.
  const offersByTheme = new Map<string, { offer: (typeof catalogue.offers)[number]; byCompany: boolean }[]>();
  for (const offer of catalogue.offers) {
    // With no company facts every rule but validity is "open" or "unknown", so this checks validity alone.
    if (!isEligible(checkRules(offer, {}, catalogue.today))) continue;
    const byCompany =
      offer.sni_include.length > 0 ||
      offer.sni_exclude.length > 0 ||
      offer.size_bands.length > 0 ||
      offer.min_company_age_years != null ||
      offer.max_company_age_years != null;
    for (const theme of new Set(offer.themes)) {
      if (!offersByTheme.has(theme)) offersByTheme.set(theme, []);
      offersByTheme.get(theme)!.push({ offer, byCompany });
    }
  }
  const result: SupplyCell[] = [];
  for (const [key, group] of cells) {
    const [theme, municipality] = key.split("|") as [string, string];
    const profiles = new Map<string, CompanyFacts>();
    for (const company of group) {
      const facts = factsOf(company);
      profiles.set(`${facts.sni ?? ""}|${facts.sizeBand ?? ""}|${facts.age ?? ""}`, facts);
    }
    const facts = [...profiles.values()];
    const place = facts[0]!;
    const offers = (offersByTheme.get(theme) ?? [])
      .filter(
        ({ offer, byCompany }) =>
          areaVerdict(offer, place) !== "fail" &&
          (!byCompany || facts.some((company) => isEligible(checkRules(offer, company, catalogue.today)))),
      )
      .map(({ offer }) => offer);
    const stated = offers.filter((offer) => offer.capacity_remaining !== null);
    result.push({
      theme,
      municipality,
      companies: group.length,
      suppressed: isSmallCount(group.length),
      offers: offers.length,
      placesLeft: stated.length === 0 ? null : stated.reduce((a, o) => a + o.capacity_remaining!, 0),
      offersFull: stated.filter((offer) => offer.capacity_remaining === 0).length,
    });
  }
  return result.sort(
    (a, b) =>
      Number(a.offers > 0) - Number(b.offers > 0) ||
      a.municipality.localeCompare(b.municipality) ||
      a.theme.localeCompare(b.theme),
  );
}

/** The supply table and the gap table for the page and exports. */
export async function supplyTables(
  db: Db,
  actor: Actor,
  municipalities: readonly string[],
  locale: Locale,
): Promise<{ supply: InsightTable; gaps: InsightTable }> {
  const t = insightsMessages(locale);
  const [cells, labels] = await Promise.all([
    supplyAndDemand(db, actor, municipalities),
    loadLabels(db, locale),
  ]);
  const header = (cell: SupplyCell) =>
    `${labelOf(labels.themes, cell.theme, cell.theme)} – ${labelOf(labels.municipalities, cell.municipality, t("unknown.municipality"))}`;
  const sorted = [...cells].sort((a, b) => compareSwedish(header(a), header(b)));
  const row = (cell: SupplyCell) => ({
    header: header(cell),
    values: [
      { kind: "count" as const, count: cell.companies, suppressed: cell.suppressed },
      { kind: "text" as const, text: String(cell.offers) },
      { kind: "text" as const, text: cell.placesLeft === null ? "–" : String(cell.placesLeft) },
      { kind: "text" as const, text: String(cell.offersFull) },
    ],
  });
  const columns = [t("col.openNeeds"), t("col.offers"), t("col.capacity"), t("col.offersFull")];
  const rowHeader = `${t("col.theme")} – ${t("col.municipality")}`;
  return {
    gaps: {
      id: "gaps",
      title: t("table.gaps"),
      rowHeader,
      columns: columns.slice(0, 1),
      rows: sorted
        .filter((cell) => cell.offers === 0)
        .map((cell) => ({ ...row(cell), values: row(cell).values.slice(0, 1) })),
      notes: [t("note.gaps"), t("note.suppressed")],
    },
    supply: {
      id: "supply",
      title: t("table.supply"),
      rowHeader,
      columns,
      rows: sorted.map(row),
      notes: [t("note.capacity"), t("note.suppressed")],
    },
  };
}

/** The API's gap figures: every theme and municipality with open needs, counts suppressed. */
export async function gapsForApi(
  db: Db,
  actor: Actor,
  municipalities: readonly string[],
): Promise<{ rows: (Omit<SupplyCell, "companies" | "suppressed"> & ApiCount & { gap: boolean })[] }> {
  const cells = await supplyAndDemand(db, actor, municipalities);
  return {
    rows: cells.map(({ companies, suppressed, ...rest }) => ({
      ...rest,
      ...apiCount(companies, suppressed),
      gap: rest.offers === 0,
    })),
  };
}
