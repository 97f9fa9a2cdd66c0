import type { ColumnType, Generated } from "kysely";

// The database as Kysely sees it. Keep in step with src/db/migrations (the migrations are the truth).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string | null | undefined, string | null>;

export interface CountiesTable {
  code: string;
  name: string;
  short_name: string;
}

export interface MunicipalitiesTable {
  code: string;
  name: string;
  short_name: string;
  county_code: string;
}

export interface PostalCodesTable {
  postal_code: string;
  locality: string;
  municipality_code: string;
}

export interface SniCodesTable {
  version: string;
  code: string;
  level: "section" | "division";
  parent_code: string | null;
  name_sv: string;
  name_en: string | null;
}

export interface SizeBandsTable {
  code: string;
  min_employees: number;
  max_employees: number | null;
  sort_order: number;
  label_sv: string;
  label_en: string;
}

export interface NeedThemesTable {
  code: string;
  label_sv: string;
  label_en: string;
  sort_order: number;
  is_builtin: Generated<boolean>;
  is_active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface OfferFormatsTable {
  code: string;
  label_sv: string;
  label_en: string;
  sort_order: number;
}

export type OrganisationType =
  | "municipality"
  | "region"
  | "science-park"
  | "business-finance"
  | "university"
  | "incubator"
  | "other";

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  org_number: string | null;
  type: OrganisationType;
  description_sv: Generated<string>;
  description_en: Generated<string>;
  website: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OrganisationMunicipalitiesTable {
  organisation_id: string;
  municipality_code: string;
}

export type OfferStatus = "active" | "paused" | "closed";
export type OfferCostType = "free" | "fee" | "loan" | "grant" | "equity";

export interface OffersTable {
  id: Generated<string>;
  organisation_id: string;
  slug: string;
  name: string;
  name_en: string | null;
  summary: string;
  summary_en: string | null;
  description: string;
  description_en: string | null;
  formats: string[];
  themes: string[];
  eligible_county_codes: Generated<string[]>;
  eligible_municipality_codes: Generated<string[]>;
  sni_version: Generated<string>;
  sni_include: Generated<string[]>;
  sni_exclude: Generated<string[]>;
  size_bands: Generated<string[]>;
  min_company_age_years: number | null;
  max_company_age_years: number | null;
  conditions: Generated<string>;
  cost_type: OfferCostType;
  cost_description: Generated<string>;
  amount_min_sek: number | null;
  amount_max_sek: number | null;
  capacity_total: number | null;
  capacity_remaining: number | null;
  capacity_note: Generated<string>;
  valid_from: DateOnly | null;
  valid_to: DateOnly | null;
  status: Generated<OfferStatus>;
  application_process: Generated<string>;
  link: string | null;
  contact_name: string | null;
  contact_title: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  last_verified_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CompaniesTable {
  id: Generated<string>;
  org_number: string;
  is_sole_trader: Generated<boolean>;
  name: string;
  municipality_code: string | null;
  sni_code: string | null;
  sni_version: Generated<string>;
  size_band: string | null;
  founded_year: number | null;
  is_fictional: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface Database {
  counties: CountiesTable;
  municipalities: MunicipalitiesTable;
  postal_codes: PostalCodesTable;
  sni_codes: SniCodesTable;
  size_bands: SizeBandsTable;
  need_themes: NeedThemesTable;
  offer_formats: OfferFormatsTable;
  organisations: OrganisationsTable;
  organisation_municipalities: OrganisationMunicipalitiesTable;
  offers: OffersTable;
  companies: CompaniesTable;
}
