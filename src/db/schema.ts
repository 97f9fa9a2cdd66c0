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
  last_verified_at: Timestamp | null;
  // 2026-11-28T0600_offer_contacts_history (offers helper): who verified, contacts in offer_contacts.
  last_verified_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OfferContactsTable {
  id: Generated<string>;
  offer_id: string;
  position: number;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
}

export type OfferHistoryAction = "create" | "update" | "pause" | "activate" | "close" | "verify" | "import";

export interface OfferHistoryTable {
  id: Generated<string>;
  seq: Generated<number>;
  offer_id: string;
  organisation_id: string;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  action: OfferHistoryAction;
  changes: ColumnType<Record<string, { from: unknown; to: unknown }>, string, string>;
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
  // 2026-11-28T0700_needs_intake: address, every SNI code, which fields staff curated (intake keeps them).
  street_address: string | null;
  postal_code: string | null;
  sni_codes: Generated<string[]>;
  curated_fields: Generated<string[]>;
  curated_at: Timestamp | null;
  curated_by_user_id: string | null;
}

export type RoleColumn = "platform-admin" | "org-admin" | "navigator" | "advisor" | "analyst";

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  status: ColumnType<"invited" | "active" | "deactivated", "invited" | "active" | "deactivated" | undefined>;
  locale: ColumnType<"sv" | "en", "sv" | "en" | undefined>;
  is_demo: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  user_id: string;
  organisation_id: string;
  role: RoleColumn;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface UserTokensTable {
  token_hash: string;
  user_id: string;
  purpose: "invitation" | "password-reset" | "login-link";
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  organisation_id: string;
  name: string;
  role: RoleColumn;
  scopes: Generated<string[]>;
  token_prefix: string;
  token_hash: string;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_api_token_id: string | null;
  actor_label: string;
  action: string;
  record_type: string;
  record_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: ColumnType<unknown[], string | undefined, string>;
  status: ColumnType<
    "pending" | "sending" | "sent" | "failed",
    "pending" | undefined,
    "pending" | "sending" | "sent" | "failed"
  >;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
  // 2026-11-28T0520_mail_delivery (mail helper): how a sent mail left Lots.
  delivered_via: "smtp" | "log" | null;
}

export interface RateLimitsTable {
  key: string;
  window_started_at: Timestamp;
  hits: number;
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
  offer_contacts: OfferContactsTable;
  offer_history: OfferHistoryTable;
  companies: CompaniesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  rate_limits: RateLimitsTable;
  // 2026-11-28T0700_needs_intake (see the block at the end).
  company_contacts: CompanyContactsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  campaigns: CampaignsTable;
  survey_responses: SurveyResponsesTable;
  needs: NeedsTable;
  consents: ConsentsTable;
  company_links: CompanyLinksTable;
  retention_settings: RetentionSettingsTable;
  // 2026-11-28T0800_retention_runs and 2026-11-28T0810_pulse_mailings.
  retention_runs: RetentionRunsTable;
  pulse_mailings: PulseMailingsTable;
  // 2026-11-28T0900_company_differences.
  company_differences: CompanyDifferencesTable;
  // 2026-11-29T0100_lotsning (see the block at the end).
  teams: TeamsTable;
  team_members: TeamMembersTable;
  routing_rules: RoutingRulesTable;
  cases: CasesTable;
  case_needs: CaseNeedsTable;
  referrals: ReferralsTable;
  case_events: CaseEventsTable;
  case_notes: CaseNotesTable;
  company_contact_log: CompanyContactLogTable;
  referral_settings: ReferralSettingsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  notification_preferences: NotificationPreferencesTable;
  notification_digest_items: NotificationDigestItemsTable;
  lotsning_job_runs: LotsningJobRunsTable;
  insights_dirty: InsightsDirtyTable;
  insights_membership: InsightsMembershipTable;
  insights_needs_cells: InsightsNeedsCellsTable;
  industry_packs: IndustryPacksTable;
  industry_pack_offers: IndustryPackOffersTable;
  meetings: MeetingsTable;
  meeting_organisations: MeetingOrganisationsTable;
  meeting_speakers: MeetingSpeakersTable;
  meeting_offers: MeetingOffersTable;
  meeting_registrations: MeetingRegistrationsTable;
}

// ---- 2026-11-29T0300_insights (issue 8): rollups of companies with needs per calendar period.

export type InsightsPeriodKind = "month" | "quarter" | "year";

export interface InsightsDirtyTable {
  subject: string;
  queued_at: Generated<Date>;
}

export interface InsightsMembershipTable {
  subject: string;
  period_kind: InsightsPeriodKind;
  period_start: DateOnly;
  theme: string;
  municipality_code: string;
  sni_section: string;
  size_band: string;
}

export interface InsightsNeedsCellsTable {
  period_kind: InsightsPeriodKind;
  period_start: DateOnly;
  theme: string;
  municipality_code: string;
  sni_section: string;
  size_band: string;
  companies: number;
}

// ---- 2026-11-28T0700_needs_intake (issue 5): contacts, surveys, campaigns, responses, needs, consents, links.

export type NeedSource = "survey" | "meeting" | "navigator" | "pulse";
export type NeedUrgency = "now" | "within-6-months" | "later";
export type NeedStatus = "open" | "in-case" | "met" | "no-longer-relevant";
export type ConsentKind = "contact-and-referral" | "statistics";
export type JsonColumn<T> = ColumnType<T, string, string>;

export interface CompanyContactsTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  source: NeedSource;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveysTable {
  id: Generated<string>;
  organisation_id: string;
  slug: string;
  kind: "needs" | "pulse";
  name: string;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyVersionsTable {
  id: Generated<string>;
  survey_id: string;
  version: number;
  title_sv: string;
  title_en: string | null;
  intro_sv: Generated<string>;
  intro_en: string | null;
  /** The questions (validated by the surveys feature's zod schema before every write). */
  questions: JsonColumn<unknown[]>;
  published_at: Timestamp | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CampaignsTable {
  id: Generated<string>;
  survey_id: string;
  organisation_id: string;
  slug: string;
  name: string;
  scope_kind: "meeting" | "municipality" | "industry" | "period";
  municipality_codes: Generated<string[]>;
  sni_codes: Generated<string[]>;
  meeting_ref: string | null;
  opens_at: Timestamp;
  closes_at: Timestamp | null;
  recurrence: "monthly" | "quarterly" | "half-yearly" | "yearly" | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyResponsesTable {
  id: Generated<string>;
  survey_id: string;
  survey_version_id: string;
  campaign_id: string | null;
  organisation_id: string;
  company_id: string | null;
  contact_id: string | null;
  answers: JsonColumn<Record<string, unknown>>;
  submitted_by: "company" | "navigator";
  submitted_by_user_id: string | null;
  submitted_by_label: string;
  idempotency_key: string;
  request_hash: string;
  created_at: Generated<Date>;
}

export interface NeedsTable {
  id: Generated<string>;
  company_id: string | null;
  organisation_id: string;
  theme: string;
  urgency: NeedUrgency;
  description: Generated<string>;
  source: NeedSource;
  status: ColumnType<NeedStatus, NeedStatus | undefined, NeedStatus>;
  response_id: string | null;
  campaign_id: string | null;
  municipality_code: string | null;
  size_band: string | null;
  sni_code: string | null;
  anonymous_in_statistics: boolean | null;
  /** Who an anonymised need counts as in statistics (set at erasure; the company id while it exists). */
  statistics_subject: string | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  status_changed_at: Generated<Date>;
}

export interface ConsentsTable {
  id: Generated<string>;
  company_id: string;
  kind: ConsentKind;
  scope_all: Generated<boolean>;
  organisation_ids: Generated<string[]>;
  wording_version: string;
  source: NeedSource | "private-link";
  given_by_contact_id: string | null;
  response_id: string | null;
  recorded_by_user_id: string | null;
  recorded_by_label: string;
  recorded_at: Generated<Date>;
  ended_at: Timestamp | null;
  end_reason: "withdrawn" | "superseded" | null;
}

export interface CompanyLinksTable {
  id: Generated<string>;
  company_id: string;
  token_hash: string;
  email: string | null;
  created_by_label: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface RetentionSettingsTable {
  organisation_id: string;
  needs_months: number | null;
  responses_months: number | null;
  contacts_months: number | null;
  updated_by_user_id: string | null;
  updated_at: Generated<Date>;
}

export interface RetentionRunsTable {
  id: Generated<string>;
  /** The Stockholm date the run belongs to, YYYY-MM-DD. */
  day: string;
  trigger: "daily" | "manual";
  status: Generated<"running" | "done" | "failed">;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  removed: ColumnType<Record<string, unknown>, string | undefined, string>;
  error: string | null;
}

export interface PulseMailingsTable {
  id: Generated<string>;
  campaign_id: string;
  company_id: string;
  kind: "invitation" | "reminder";
  recipients: Generated<number>;
  created_at: Generated<Date>;
}

// ---- 2026-11-28T0900_company_differences (issue 5): an intake's value that differs from a curated field.

/** Who disagrees with a curated field: a company's intake (its need source) or SCB's business register. */
export type DifferenceSource = NeedSource | "register";

export interface CompanyDifferencesTable {
  id: Generated<string>;
  company_id: string;
  field: string;
  stored: ColumnType<unknown, string | null, string | null>;
  submitted: ColumnType<unknown, string, string>;
  // 2026-11-29T1900_company_differences_register added 'register'.
  source: DifferenceSource;
  created_at: Generated<Date>;
  resolved_at: Date | null;
  resolution: "accepted" | "kept" | null;
  resolved_by_user_id: string | null;
}

// ---- 2026-11-29T0100_lotsning (issue 7): teams, routing, cases, referrals, notes, contact log, webhooks.

export type CaseStatus = "new" | "triaged" | "referred" | "waiting-for-company" | "closed";
export type CasePriority = "low" | "normal" | "high";
export type CaseOpenedVia = "intake" | "phone" | "meeting" | "email" | "other";
export type ReferralStatus =
  | "sent"
  | "accepted"
  | "in-progress"
  | "closed"
  | "declined"
  | "withdrawn"
  | "expired";
export type ReferralOutcome = "helped" | "not-helped";
export type DeclineReason =
  | "not-eligible"
  | "no-capacity"
  | "not-relevant"
  | "company-unreachable"
  | "referred-elsewhere"
  | "company-declined";
export type ContactChannel = "phone" | "email" | "meeting" | "visit" | "other";

export interface TeamsTable {
  id: Generated<string>;
  organisation_id: string;
  slug: string;
  name: string;
  email: string | null;
  is_catch_all: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface RoutingRulesTable {
  id: Generated<string>;
  position: number;
  theme: string | null;
  municipality_code: string | null;
  sni_section: string | null;
  team_id: string;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CasesTable {
  id: Generated<string>;
  number: Generated<number>;
  company_id: string | null;
  team_id: string;
  organisation_id: string;
  assigned_user_id: string | null;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  priority: ColumnType<CasePriority, CasePriority | undefined, CasePriority>;
  opened_via: CaseOpenedVia;
  routing_rule_id: string | null;
  summary: Generated<string>;
  theme: string | null;
  municipality_code: string | null;
  sni_section: string | null;
  size_band: string | null;
  version: Generated<number>;
  created_by_user_id: string | null;
  created_by_label: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Timestamp | null;
  follow_up_due_at: Timestamp | null;
  follow_up_sent_at: Timestamp | null;
  follow_up_answer: ReferralOutcome | null;
  follow_up_answered_at: Timestamp | null;
}

export interface CaseNeedsTable {
  case_id: string;
  need_id: string;
}

export interface ReferralsTable {
  id: Generated<string>;
  case_id: string;
  offer_id: string;
  organisation_id: string;
  status: ColumnType<ReferralStatus, ReferralStatus | undefined, ReferralStatus>;
  outcome: ReferralOutcome | null;
  decline_reason: DeclineReason | null;
  message: Generated<string>;
  theme: string | null;
  size_band: string | null;
  sni_section: string | null;
  municipality_code: string | null;
  sent_by_user_id: string | null;
  sent_by_label: string;
  sent_at: Generated<Date>;
  remind_at: Timestamp;
  respond_by: Timestamp;
  reminded_at: Timestamp | null;
  escalated_at: Timestamp | null;
  responded_at: Timestamp | null;
  closed_at: Timestamp | null;
  assigned_user_id: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CaseEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  case_id: string;
  referral_id: string | null;
  at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  actor_organisation_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  visibility: ColumnType<"network" | "organisation", "network" | "organisation" | undefined>;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface CaseNotesTable {
  id: Generated<string>;
  case_id: string;
  referral_id: string | null;
  company_id: string | null;
  organisation_id: string;
  author_user_id: string | null;
  author_label: string;
  visibility: "internal" | "shared";
  body: string;
  created_at: Generated<Date>;
}

export interface CompanyContactLogTable {
  id: Generated<string>;
  company_id: string;
  organisation_id: string;
  user_id: string | null;
  actor_label: string;
  channel: ContactChannel;
  summary: Generated<string>;
  case_id: string | null;
  referral_id: string | null;
  contacted_at: Timestamp;
  created_at: Generated<Date>;
}

export interface ReferralSettingsTable {
  organisation_id: string;
  response_days: number;
  reminder_days: number;
  updated_by_user_id: string | null;
  updated_at: Generated<Date>;
}

export interface WebhooksTable {
  id: Generated<string>;
  organisation_id: string;
  url: string;
  secret: string;
  events: Generated<string[]>;
  is_active: Generated<boolean>;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  event_type: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  status: ColumnType<
    "pending" | "delivered" | "failed",
    "pending" | undefined,
    "pending" | "delivered" | "failed"
  >;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Timestamp | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  mode: "immediate" | "daily";
  updated_at: Generated<Date>;
}

export interface NotificationDigestItemsTable {
  id: Generated<string>;
  user_id: string;
  subject: string;
  text_body: string;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export interface LotsningJobRunsTable {
  job: string;
  day: string;
  ran_at: Generated<Date>;
}

// ---- 2026-11-29T1200_meetings (issue 9): meetings, registrations, industry packs.

export type MeetingStatus = "draft" | "published" | "held" | "cancelled";
export type RegistrationStatus = "registered" | "waiting" | "cancelled";

export interface IndustryPacksTable {
  id: Generated<string>;
  slug: string;
  name_sv: string;
  name_en: string | null;
  description_sv: Generated<string>;
  description_en: string | null;
  sni_codes: Generated<string[]>;
  themes: Generated<string[]>;
  /** The needs-survey template: starting from the pack copies its published version. */
  survey_id: string | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IndustryPackOffersTable {
  pack_id: string;
  offer_id: string;
  position: Generated<number>;
}

export interface MeetingsTable {
  id: Generated<string>;
  organisation_id: string;
  slug: string;
  title: string;
  description: Generated<string>;
  municipality_code: string | null;
  county_code: string | null;
  sni_codes: Generated<string[]>;
  themes: Generated<string[]>;
  starts_at: Timestamp;
  duration_minutes: number;
  online_url: string | null;
  place: string | null;
  agenda: Generated<string>;
  capacity: number | null;
  registration_deadline: Timestamp | null;
  status: ColumnType<MeetingStatus, MeetingStatus | undefined, MeetingStatus>;
  ics_sequence: Generated<number>;
  survey_id: string | null;
  followup_campaign_id: string | null;
  pack_id: string | null;
  cloned_from_id: string | null;
  held_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_by_user_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeetingOrganisationsTable {
  meeting_id: string;
  organisation_id: string;
  position: Generated<number>;
}

export interface MeetingSpeakersTable {
  id: Generated<string>;
  meeting_id: string;
  name: string;
  role: string | null;
  organisation_id: string | null;
  position: Generated<number>;
}

export interface MeetingOffersTable {
  meeting_id: string;
  offer_id: string;
  position: Generated<number>;
}

export interface MeetingRegistrationsTable {
  id: Generated<string>;
  meeting_id: string;
  company_id: string | null;
  org_number: string | null;
  company_name: string | null;
  person_name: string;
  email: string;
  phone: string | null;
  dietary_needs: string | null;
  accessibility_needs: string | null;
  locale: Generated<"sv" | "en">;
  status: RegistrationStatus;
  cancel_token_hash: string;
  attended: boolean | null;
  promoted_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  reminder_sent_at: Timestamp | null;
  followup_sent_at: Timestamp | null;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
