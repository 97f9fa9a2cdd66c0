import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { listPendingDifferences } from "#src/features/companies/companies.differences.service.ts";
import { registerOrAttachCompany } from "#src/features/companies/companies.intake.service.ts";
import { enqueueMail, getOutboxMail, listOutbox } from "#src/features/mail/mail.service.ts";
import { register } from "#src/features/meetings/meetings.registration.ts";
import { createMeeting, publishMeeting } from "#src/features/meetings/meetings.service.ts";
import { createNeed } from "#src/features/needs/needs.service.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { createPack } from "#src/features/packs/packs.service.ts";
import { submitResponse } from "#src/features/surveys/surveys.responses.service.ts";
import { editSurvey } from "#src/features/surveys/surveys.service.ts";
import { ANONYMOUS, ROLES, type Role } from "#src/shared/auth/actor.ts";
import { stockholmDate } from "#src/shared/stockholm-time.ts";
import {
  freshOrgNumber,
  NEEDS_SURVEY,
  publishedSurvey,
  validSubmission,
} from "#tests/support/intake-fixtures.ts";
import { lotsningFixtures } from "#tests/support/lotsning-fixtures.ts";
import { anonymousCsrf, createUserWithRole, TEST_PASSWORD } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";

// Issue 3, must-show 1: every route of the app × every kind of caller — anonymous, a signed-in user with
// each role, and (on /api/v1) an API token with each role — against organisation A (their own) and B (an
// other organisation), compared with the expected allow/deny table below. The table is written out by hand
// from PRODUCT.md's roles, not derived from the policy code it checks. A route the table does not know
// fails the test, so a new route cannot slip in without someone deciding who may use it.
//
// "Allowed" means the request did what it asked: 2xx, or a redirect that is not to the sign-in page.
// "Denied" means 401, 403, a redirect to /logga-in, or 404 for a record that exists (features may hide
// other organisations' records). Anything else (a 400 from a body the test got wrong, a 5xx) fails the
// case, so a denial cannot pass for a validation error or the other way round.

type Caller = { label: string; kind: "anonymous" } | { label: string; kind: "session" | "token"; role: Role };
type Target = "own" | "other";

/** Who may use a route: everyone, anyone signed in, or per role for the own and the other organisation. */
type Rule =
  | { access: "public" }
  | { access: "signed-in" }
  | { access: "roles"; own: readonly Role[]; other: readonly Role[]; tokens?: "same" | "never" };

type RequestPlan = { path: string; init: RequestInit; json?: boolean };

/** Everything a case needs, created fresh for it so no case sees another's side effects. */
type CaseContext = {
  org: string;
  orgName: string;
  member: (status?: "active" | "invited" | "deactivated") => Promise<string>;
  token: () => Promise<string>;
  mailId: string;
  loginEmail: string;
};

const ADMINS: readonly Role[] = ["platform-admin", "org-admin"];
const PLATFORM: readonly Role[] = ["platform-admin"];
const orgRule = (tokens: "same" | "never" = "same"): Rule => ({
  access: "roles",
  own: ADMINS,
  other: PLATFORM,
  tokens,
});

const INTAKE: readonly Role[] = ["platform-admin", "navigator"];
const INTAKE_ALL: Rule = { access: "roles", own: INTAKE, other: INTAKE, tokens: "same" };
const INTAKE_OWN: Rule = { access: "roles", own: INTAKE, other: PLATFORM, tokens: "same" };
const SURVEY_MANAGERS: readonly Role[] = ["platform-admin", "org-admin", "navigator"];
const SURVEYS_ALL: Rule = { access: "roles", own: SURVEY_MANAGERS, other: SURVEY_MANAGERS, tokens: "same" };
const SURVEYS_OWN: Rule = { access: "roles", own: SURVEY_MANAGERS, other: PLATFORM, tokens: "same" };
const PLATFORM_ONLY: Rule = { access: "roles", own: PLATFORM, other: PLATFORM, tokens: "same" };
/** Industry packs are network-wide: navigators and admins of any organisation view them and start from them
 * (for their own organisation); the platform admin and org admins create and edit them (issue 9). */
const PACKS_VIEW: Rule = { access: "roles", own: SURVEY_MANAGERS, other: SURVEY_MANAGERS, tokens: "same" };
const PACKS_EDIT: Rule = { access: "roles", own: ADMINS, other: ADMINS, tokens: "same" };
/** A complete, valid pack form with the organisation's published survey as its template. */
const packForm = async (organisationId: string, slug: string) => ({
  slug,
  nameSv: "Matrispaket",
  descriptionSv: "Ett paket för matristestet.",
  sniCodes: "41, 42",
  themes: "recruitment",
  surveyId: await surveyOf(organisationId),
});

/** Any signed-in caller, by session or API token (the answer is filtered to what they may see). */
/** Who has a referral inbox: the partner roles and the platform admin (not analysts). */
const INBOX_USERS: readonly Role[] = ["platform-admin", "org-admin", "navigator", "advisor"];
const ANY_CALLER: Rule = { access: "roles", own: ROLES, other: ROLES, tokens: "same" };
const CASE_READERS: readonly Role[] = ["platform-admin", "org-admin", "navigator"];
const CASE_READ: Rule = { access: "roles", own: CASE_READERS, other: PLATFORM, tokens: "same" };
const CASE_WORK: Rule = { access: "roles", own: INTAKE, other: PLATFORM, tokens: "same" };
/** A referral to the organisation: its partner side reads it and adds notes, as does the platform admin. */
const REFERRAL_READ: Rule = {
  access: "roles",
  own: ["platform-admin", "org-admin", "navigator", "advisor"],
  other: PLATFORM,
  tokens: "same",
};
/** Answering a referral, logging a contact on it: the partner side only, never another organisation. */
const REFERRAL_RESPOND: Rule = {
  access: "roles",
  own: ["org-admin", "navigator", "advisor"],
  other: [],
  tokens: "same",
};
/**
 * Needs intelligence (issue 8): analysts, navigators and admins read the dashboards, their exports and the
 * API, whatever their organisation, since the figures are the whole network's, aggregated and suppressed.
 * Advisors are refused (403), anonymous callers sent to sign in. Tokens of those roles as sessions.
 */
const INSIGHT_VIEWERS: readonly Role[] = ["platform-admin", "org-admin", "navigator", "analyst"];
const INSIGHTS: Rule = { access: "roles", own: INSIGHT_VIEWERS, other: INSIGHT_VIEWERS, tokens: "same" };
/** A filter every view accepts (a quarter, Nora, manufacturing, 10–19 employees). */
const INSIGHT_FILTER = "period=2026-K3&kommun=1884&bransch=C&storlek=10-19";

/** Who organises meetings (issue 9): the organiser's admins and navigators, and the platform admin. */
const MEETING_ORGANISERS: readonly Role[] = ["platform-admin", "org-admin", "navigator"];
const MEETING_ORGANISING: Rule = { access: "roles", own: MEETING_ORGANISERS, other: MEETING_ORGANISERS };
const MEETING_OWN: Rule = { access: "roles", own: MEETING_ORGANISERS, other: PLATFORM };
/** A complete, valid meeting form of the organisation (a digital meeting in a month). */
const meetingFormFor = (organisationId: string) => ({
  organisationId,
  title: "Matristräff",
  date: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
  time: "10:00",
  durationMinutes: "60",
  onlineUrl: "https://meet.example/matris",
});

type RouteSpec = { rule: Rule; plan: (ctx: CaseContext) => Promise<RequestPlan> | RequestPlan };

const get = (path: string): RequestPlan => ({ path, init: { method: "GET" } });
const formPost = (path: string, fields: Record<string, string | string[]>): RequestPlan => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  return { path, init: { method: "POST", body } };
};
const jsonRequest = (method: string, path: string, body?: unknown): RequestPlan => ({
  path,
  init: { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
  json: true,
});
const freshEmail = () => `matrix-${randomUUID()}@test.lots.invalid`;
const orgBase = (ctx: CaseContext) => `/admin/organisationer/${ctx.org}`;

const OFFER_MANAGERS: readonly Role[] = ["platform-admin", "org-admin", "advisor"];
/** A complete, valid offer form for the organisation (a fresh slug each time). */
const offerForm = (organisationId: string) => ({
  organisationId,
  slug: `matris-${randomUUID()}`,
  name: "Matriserbjudande",
  summary: "Ett erbjudande för matristestet.",
  description: "Finns för att sidan ska ha något att visa.",
  formats: "advice",
  themes: "financing",
  costType: "free",
});
const PUBLIC: Rule = { access: "public" };
const SIGNED_IN: Rule = { access: "signed-in" };

/** The expected table: one entry per route the app serves ("METHOD path" as Hono lists it). */
const ROUTES: Record<string, RouteSpec> = {
  "GET /healthz": { rule: PUBLIC, plan: () => get("/healthz") },
  "GET /readyz": { rule: PUBLIC, plan: () => get("/readyz") },
  "GET /assets/lots.css": { rule: PUBLIC, plan: () => get("/assets/lots.css") },
  "GET /api/v1/reference/counties": { rule: PUBLIC, plan: () => get("/api/v1/reference/counties") },
  "GET /api/v1/reference/municipalities": {
    rule: PUBLIC,
    plan: () => get("/api/v1/reference/municipalities"),
  },
  "GET /api/v1/reference/postal-codes/:code": {
    rule: PUBLIC,
    plan: () => get("/api/v1/reference/postal-codes/71331"),
  },
  "GET /api/v1/reference/sni": { rule: PUBLIC, plan: () => get("/api/v1/reference/sni") },
  "GET /api/v1/reference/themes": { rule: PUBLIC, plan: () => get("/api/v1/reference/themes") },
  "GET /api/v1/reference/offer-formats": { rule: PUBLIC, plan: () => get("/api/v1/reference/offer-formats") },
  "GET /api/v1/reference/size-bands": { rule: PUBLIC, plan: () => get("/api/v1/reference/size-bands") },
  "GET /api/v1/openapi.json": { rule: PUBLIC, plan: () => get("/api/v1/openapi.json") },
  "GET /api/v1/offers": { rule: PUBLIC, plan: () => get("/api/v1/offers?q=exjobb") },
  "POST /api/v1/match": {
    rule: PUBLIC,
    plan: () => jsonRequest("POST", "/api/v1/match", { needs: [{ theme: "financing", text: "lån" }] }),
  },
  "GET /api/v1/offers/:id": { rule: PUBLIC, plan: () => get(`/api/v1/offers/${randomUUID()}`) },
  "GET /api/v1/meetings": { rule: PUBLIC, plan: () => get("/api/v1/meetings") },
  "GET /api/v1/meetings/:slug": {
    rule: PUBLIC,
    plan: async (ctx) => get(`/api/v1/meetings/${await meetingOf(ctx.org)}`),
  },
  // Registration needs no account: every caller registers (a fresh address each time, so never "already registered").
  "POST /api/v1/meetings/:slug/registrations": {
    rule: PUBLIC,
    plan: async (ctx) =>
      jsonRequest("POST", `/api/v1/meetings/${await meetingOf(ctx.org)}/registrations`, {
        orgNumber: "556036-0793",
        companyName: "Matrisbolaget AB",
        personName: "Matris Person",
        email: `${randomUUID()}@matris.test`,
      }),
  },
  "GET /api/docs": { rule: PUBLIC, plan: () => get("/api/docs") },

  "GET /api/v1/organisations/:id/users": {
    rule: orgRule(),
    plan: (ctx) => get(`/api/v1/organisations/${ctx.org}/users`),
  },
  "POST /api/v1/organisations/:id/users": {
    rule: orgRule(),
    plan: (ctx) =>
      jsonRequest("POST", `/api/v1/organisations/${ctx.org}/users`, { email: freshEmail(), role: "analyst" }),
  },
  "PATCH /api/v1/organisations/:id/users/:userId": {
    rule: orgRule(),
    plan: async (ctx) =>
      jsonRequest("PATCH", `/api/v1/organisations/${ctx.org}/users/${await ctx.member()}`, {
        roles: ["analyst"],
      }),
  },
  "GET /api/v1/organisations/:id/api-tokens": {
    rule: orgRule(),
    plan: (ctx) => get(`/api/v1/organisations/${ctx.org}/api-tokens`),
  },
  // A token may not mint tokens (api-tokens.policy.ts): a leaked one could otherwise outlive its revocation.
  "POST /api/v1/organisations/:id/api-tokens": {
    rule: orgRule("never"),
    plan: (ctx) =>
      jsonRequest("POST", `/api/v1/organisations/${ctx.org}/api-tokens`, { name: "Matris", role: "analyst" }),
  },
  "DELETE /api/v1/organisations/:id/api-tokens/:tokenId": {
    rule: orgRule(),
    plan: async (ctx) =>
      jsonRequest("DELETE", `/api/v1/organisations/${ctx.org}/api-tokens/${await ctx.token()}`),
  },
  "GET /api/v1/audit-log": {
    rule: { access: "roles", own: ADMINS, other: ADMINS, tokens: "same" },
    plan: () => get("/api/v1/audit-log"),
  },

  "GET /logga-in": { rule: PUBLIC, plan: () => get("/logga-in") },
  "POST /logga-in": {
    rule: PUBLIC,
    plan: (ctx) => formPost("/logga-in", { email: ctx.loginEmail, password: TEST_PASSWORD }),
  },
  "POST /logga-ut": { rule: PUBLIC, plan: () => formPost("/logga-ut", {}) },
  "GET /glomt-losenord": { rule: PUBLIC, plan: () => get("/glomt-losenord") },
  "POST /glomt-losenord": { rule: PUBLIC, plan: () => formPost("/glomt-losenord", { email: freshEmail() }) },
  "GET /aterstall/:token": { rule: PUBLIC, plan: () => get(`/aterstall/${randomUUID()}`) },
  "POST /aterstall/:token": {
    rule: PUBLIC,
    plan: () => formPost(`/aterstall/${randomUUID()}`, { password: "x", confirm: "x" }),
  },
  "GET /inbjudan/:token": { rule: PUBLIC, plan: () => get(`/inbjudan/${randomUUID()}`) },
  "POST /inbjudan/:token": {
    rule: PUBLIC,
    plan: () => formPost(`/inbjudan/${randomUUID()}`, { name: "X", password: "x", confirm: "x" }),
  },
  "GET /inloggningslank/:token": { rule: PUBLIC, plan: () => get(`/inloggningslank/${randomUUID()}`) },
  "POST /inloggningslank/:token": {
    rule: PUBLIC,
    plan: () => formPost(`/inloggningslank/${randomUUID()}`, {}),
  },

  "GET /konto": { rule: SIGNED_IN, plan: () => get("/konto") },
  "POST /konto": { rule: SIGNED_IN, plan: () => formPost("/konto", { name: "Matris Person", locale: "sv" }) },
  "POST /konto/losenord": {
    rule: SIGNED_IN,
    plan: () =>
      formPost("/konto/losenord", {
        current: TEST_PASSWORD,
        next: "ett annat långt lösenord 2026",
        confirm: "ett annat långt lösenord 2026",
      }),
  },
  "POST /konto/aviseringar": {
    rule: SIGNED_IN,
    plan: () => formPost("/konto/aviseringar", { mode: "daily" }),
  },

  // Org admins see the list of the organisations they administer; only the platform admin adds one.
  "GET /admin/organisationer": {
    rule: { access: "roles", own: ADMINS, other: ADMINS },
    plan: () => get("/admin/organisationer"),
  },
  "POST /admin/organisationer": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: () => formPost("/admin/organisationer", { name: `Matrisbolaget ${randomUUID()}`, type: "other" }),
  },
  "GET /admin/organisationer/:id": { rule: orgRule(), plan: (ctx) => get(orgBase(ctx)) },
  "POST /admin/organisationer/:id": {
    rule: orgRule(),
    // The whole form as the platform admin's page sends it; an org admin's fields are only the profile.
    plan: (ctx) =>
      formPost(orgBase(ctx), { name: ctx.orgName, type: "other", descriptionSv: "Uppdaterad beskrivning" }),
  },
  "GET /admin/organisationer/:id/anvandare": {
    rule: orgRule(),
    plan: (ctx) => get(`${orgBase(ctx)}/anvandare`),
  },
  "POST /admin/organisationer/:id/anvandare": {
    rule: orgRule(),
    plan: (ctx) =>
      formPost(`${orgBase(ctx)}/anvandare`, { email: freshEmail(), name: "Ny", role: "navigator" }),
  },
  "GET /admin/organisationer/:id/anvandare/:userId": {
    rule: orgRule(),
    plan: async (ctx) => get(`${orgBase(ctx)}/anvandare/${await ctx.member()}`),
  },
  "POST /admin/organisationer/:id/anvandare/:userId/roller": {
    rule: orgRule(),
    plan: async (ctx) =>
      formPost(`${orgBase(ctx)}/anvandare/${await ctx.member()}/roller`, { roles: ["navigator", "analyst"] }),
  },
  "POST /admin/organisationer/:id/anvandare/:userId/inaktivera": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/anvandare/${await ctx.member()}/inaktivera`, {}),
  },
  "POST /admin/organisationer/:id/anvandare/:userId/aktivera": {
    rule: orgRule(),
    plan: async (ctx) =>
      formPost(`${orgBase(ctx)}/anvandare/${await ctx.member("deactivated")}/aktivera`, {}),
  },
  "POST /admin/organisationer/:id/anvandare/:userId/skicka-inbjudan": {
    rule: orgRule(),
    plan: async (ctx) =>
      formPost(`${orgBase(ctx)}/anvandare/${await ctx.member("invited")}/skicka-inbjudan`, {}),
  },
  "POST /admin/organisationer/:id/anvandare/:userId/ta-bort": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/anvandare/${await ctx.member()}/ta-bort`, {}),
  },
  "GET /admin/organisationer/:id/api-nycklar": {
    rule: orgRule(),
    plan: (ctx) => get(`${orgBase(ctx)}/api-nycklar`),
  },
  "POST /admin/organisationer/:id/api-nycklar": {
    rule: orgRule(),
    plan: (ctx) =>
      formPost(`${orgBase(ctx)}/api-nycklar`, { name: "Matris", role: "analyst", validity: "30" }),
  },
  "POST /admin/organisationer/:id/api-nycklar/:tokenId/aterkalla": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/api-nycklar/${await ctx.token()}/aterkalla`, {}),
  },
  "GET /admin/logg": {
    rule: { access: "roles", own: ADMINS, other: ADMINS },
    plan: () => get("/admin/logg"),
  },
  "GET /admin/logg.csv": {
    rule: { access: "roles", own: ADMINS, other: ADMINS },
    plan: () => get("/admin/logg.csv"),
  },

  // The development outbox exists only in development and test without SMTP (mail.routes.tsx), where
  // every mail is fictional; elsewhere it answers 404 for everyone (tested in mail.routes.int.test.ts).
  "GET /dev/mail": { rule: PUBLIC, plan: () => get("/dev/mail") },
  "GET /dev/mail/:id": { rule: PUBLIC, plan: (ctx) => get(`/dev/mail/${ctx.mailId}`) },

  "GET /": { rule: PUBLIC, plan: () => get("/") },
  "GET /tillganglighet": { rule: PUBLIC, plan: () => get("/tillganglighet") },
  "GET /lang/:locale": { rule: PUBLIC, plan: () => get("/lang/en?return=%2F") },
  "GET /hitta-stod": { rule: PUBLIC, plan: () => get("/hitta-stod") },
  "GET /hitta-stod/:id": {
    rule: PUBLIC,
    plan: async (ctx) => get(`/hitta-stod/${await publicOffer(ctx.org)}`),
  },
  "GET /traffar": { rule: PUBLIC, plan: () => get("/traffar") },

  // Meetings, the organisers' pages (issue 9): the admins and navigators of the organiser plan and run its
  // meetings, the platform admin all; advisors and analysts are refused (403). A meeting of another
  // organisation answers 404 (meetings.staff-pages.int.test.ts); the paths carry a slug, so only "own" runs.
  "GET /admin/traffar": { rule: MEETING_ORGANISING, plan: () => get("/admin/traffar") },
  "GET /admin/traffar/ny": { rule: MEETING_ORGANISING, plan: () => get("/admin/traffar/ny") },
  "POST /admin/traffar/ny": {
    rule: MEETING_ORGANISING,
    plan: (ctx) => formPost("/admin/traffar/ny", meetingFormFor(ctx.org)),
  },
  "GET /admin/traffar/:slug": {
    rule: MEETING_OWN,
    plan: async (ctx) => get(`/admin/traffar/${await staffMeetingOf(ctx.org)}`),
  },
  "GET /admin/traffar/:slug/redigera": {
    rule: MEETING_OWN,
    plan: async (ctx) => get(`/admin/traffar/${await staffMeetingOf(ctx.org)}/redigera`),
  },
  "POST /admin/traffar/:slug/redigera": {
    rule: MEETING_OWN,
    plan: async (ctx) =>
      formPost(`/admin/traffar/${await staffMeetingOf(ctx.org)}/redigera`, meetingFormFor(ctx.org)),
  },
  "GET /admin/traffar/:slug/klona": {
    rule: MEETING_OWN,
    plan: async (ctx) => get(`/admin/traffar/${await staffMeetingOf(ctx.org)}/klona`),
  },
  "POST /admin/traffar/:slug/klona": {
    rule: MEETING_OWN,
    plan: async (ctx) =>
      formPost(`/admin/traffar/${await staffMeetingOf(ctx.org)}/klona`, meetingFormFor(ctx.org)),
  },
  "POST /admin/traffar/:slug/publicera": {
    rule: MEETING_OWN,
    plan: async (ctx) => formPost(`/admin/traffar/${await staffMeetingOf(ctx.org)}/publicera`, {}),
  },
  "POST /admin/traffar/:slug/installa": {
    rule: MEETING_OWN,
    plan: async (ctx) =>
      formPost(`/admin/traffar/${await staffMeetingOf(ctx.org)}/installa`, { confirm: "yes" }),
  },
  "POST /admin/traffar/:slug/genomford": {
    rule: MEETING_OWN,
    plan: async (ctx) => formPost(`/admin/traffar/${await staffMeetingOf(ctx.org, "started")}/genomford`, {}),
  },
  "POST /admin/traffar/:slug/narvaro": {
    rule: MEETING_OWN,
    plan: async (ctx) => formPost(`/admin/traffar/${await staffMeetingOf(ctx.org, "started")}/narvaro`, {}),
  },
  // The public meeting pages (issue 9): registration and cancellation need no account; the link in the mail
  // is the credential for the cancellation page (meetings.public-pages.int.test.ts covers the flows).
  "GET /traffar/:slug": { rule: PUBLIC, plan: async (ctx) => get(`/traffar/${await meetingOf(ctx.org)}`) },
  "POST /traffar/:slug/anmalan": {
    rule: PUBLIC,
    plan: async (ctx) =>
      formPost(`/traffar/${await meetingOf(ctx.org)}/anmalan`, {
        orgNumber: freshOrgNumber(),
        companyName: "Matrisbolaget AB",
        personName: "Matris Matrisson",
        email: freshEmail(),
      }),
  },
  "GET /traffar/:slug/anmald": {
    rule: PUBLIC,
    plan: async (ctx) => get(`/traffar/${await meetingOf(ctx.org)}/anmald?s=registered`),
  },
  "GET /traffar/avboka/:token": { rule: PUBLIC, plan: async (ctx) => get(await cancelLinkOf(ctx.org)) },
  "POST /traffar/avboka/:token": {
    rule: PUBLIC,
    plan: async (ctx) => formPost(await cancelLinkOf(ctx.org), {}),
  },

  // Open Referral HSDS 3.0: the read API is public (only public offers are services); the exchange page is the
  // platform admin's, since an import writes every organisation's offers.
  "GET /hsds/": { rule: PUBLIC, plan: () => get("/hsds/") },
  "GET /hsds/profile": { rule: PUBLIC, plan: () => get("/hsds/profile") },
  "GET /hsds/services": { rule: PUBLIC, plan: () => get("/hsds/services?per_page=5") },
  "GET /hsds/services/:id": { rule: PUBLIC, plan: () => get(`/hsds/services/${randomUUID()}`) },
  "GET /hsds/organizations": { rule: PUBLIC, plan: () => get("/hsds/organizations") },
  "GET /hsds/organizations/:id": { rule: PUBLIC, plan: (ctx) => get(`/hsds/organizations/${ctx.org}`) },
  "GET /hsds/taxonomies": { rule: PUBLIC, plan: () => get("/hsds/taxonomies") },
  "GET /hsds/taxonomy_terms": { rule: PUBLIC, plan: () => get("/hsds/taxonomy_terms?per_page=10") },
  "GET /admin/hsds": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: () => get("/admin/hsds"),
  },
  "POST /admin/hsds": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: () => {
      // A dry run of an empty document: allowed callers get the report, and nothing changes.
      const body = new FormData();
      body.set("file", new File(['{"organizations": []}'], "katalog.json", { type: "application/json" }));
      body.set("mode", "check");
      return { path: "/admin/hsds", init: { method: "POST", body } };
    },
  },
  "GET /admin/hsds/export": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: () => get("/admin/hsds/export"),
  },

  // Offers (issue 4): org-admins and advisors manage their own organisation's offers, every role of the
  // organisation reads them on the staff pages, the platform admin everything; no one another organisation's.
  "GET /admin/erbjudanden": {
    rule: { access: "roles", own: ROLES, other: ROLES },
    plan: () => get("/admin/erbjudanden"),
  },
  "GET /admin/erbjudanden/nytt": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: OFFER_MANAGERS },
    plan: () => get("/admin/erbjudanden/nytt"),
  },
  "POST /admin/erbjudanden": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: OFFER_MANAGERS },
    plan: (ctx) => formPost("/admin/erbjudanden", offerForm(ctx.org)),
  },
  "GET /admin/erbjudanden/:id": {
    rule: { access: "roles", own: ROLES, other: PLATFORM },
    plan: async (ctx) => get(`/admin/erbjudanden/${await publicOffer(ctx.org)}`),
  },
  "POST /admin/erbjudanden/:id": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: PLATFORM },
    plan: async (ctx) => formPost(`/admin/erbjudanden/${await publicOffer(ctx.org)}`, offerForm(ctx.org)),
  },
  "POST /admin/erbjudanden/:id/status": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: PLATFORM },
    plan: async (ctx) =>
      formPost(`/admin/erbjudanden/${await publicOffer(ctx.org)}/status`, { status: "paused" }),
  },
  "POST /admin/erbjudanden/:id/verifiera": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: PLATFORM },
    plan: async (ctx) => formPost(`/admin/erbjudanden/${await publicOffer(ctx.org)}/verifiera`, {}),
  },
  "GET /admin/erbjudanden/:id/historik": {
    rule: { access: "roles", own: ROLES, other: PLATFORM },
    plan: async (ctx) => get(`/admin/erbjudanden/${await publicOffer(ctx.org)}/historik`),
  },
  "POST /api/v1/offers": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: OFFER_MANAGERS, tokens: "same" },
    plan: (ctx) => {
      const { slug: _, ...fields } = offerForm(ctx.org);
      return jsonRequest("POST", "/api/v1/offers", {
        ...fields,
        slug: `matris-api-${randomUUID()}`,
        formats: ["advice"],
        themes: ["financing"],
      });
    },
  },
  "PATCH /api/v1/offers/:id": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: PLATFORM, tokens: "same" },
    plan: async (ctx) =>
      jsonRequest("PATCH", `/api/v1/offers/${await publicOffer(ctx.org)}`, { name: "Matris ändrad" }),
  },
  "POST /api/v1/offers/:id/verify": {
    rule: { access: "roles", own: OFFER_MANAGERS, other: PLATFORM, tokens: "same" },
    plan: async (ctx) => jsonRequest("POST", `/api/v1/offers/${await publicOffer(ctx.org)}/verify`),
  },
  "GET /api/v1/offers/:id/history": {
    rule: { access: "roles", own: ROLES, other: PLATFORM, tokens: "same" },
    plan: async (ctx) => get(`/api/v1/offers/${await publicOffer(ctx.org)}/history`),
  },

  // Needs intake (issue 5): the company register is the network's (one record per org number), kept by
  // navigators of every organisation; needs and survey answers belong to the organisation that collected
  // them and are read by its navigators. Analysts see needs only in aggregate; the platform admin sees all.
  "GET /api/v1/companies": { rule: INTAKE_ALL, plan: () => get("/api/v1/companies") },
  "POST /api/v1/companies": {
    rule: INTAKE_ALL,
    plan: () =>
      jsonRequest("POST", "/api/v1/companies", { orgNumber: freshOrgNumber(), name: "Matrisbolaget AB" }),
  },
  "GET /api/v1/companies/:id": {
    rule: INTAKE_ALL,
    plan: async () => get(`/api/v1/companies/${await intakeCompany()}`),
  },
  "GET /api/v1/needs": { rule: INTAKE_ALL, plan: () => get("/api/v1/needs") },
  "POST /api/v1/needs": {
    rule: INTAKE_ALL,
    plan: async (ctx) =>
      jsonRequest("POST", "/api/v1/needs", {
        companyId: await intakeCompany(),
        organisationId: ctx.org,
        theme: "financing",
        urgency: "now",
      }),
  },
  "GET /api/v1/needs/:id": {
    rule: INTAKE_OWN,
    plan: async (ctx) => get(`/api/v1/needs/${await needOf(ctx.org)}`),
  },
  "PATCH /api/v1/needs/:id": {
    rule: INTAKE_OWN,
    plan: async (ctx) =>
      jsonRequest("PATCH", `/api/v1/needs/${await needOf(ctx.org)}`, { status: "in-case" }),
  },
  "POST /api/v1/surveys/:id/responses": {
    rule: INTAKE_OWN,
    plan: async (ctx) =>
      jsonRequest(
        "POST",
        `/api/v1/surveys/${await surveyOf(ctx.org)}/responses`,
        validSubmission(freshOrgNumber()),
      ),
  },
  "GET /api/v1/surveys/:id/responses": {
    rule: INTAKE_OWN,
    plan: async (ctx) => get(`/api/v1/surveys/${await surveyOf(ctx.org)}/responses`),
  },
  "GET /assets/autosave.js": { rule: PUBLIC, plan: () => get("/assets/autosave.js") },
  "GET /behov": { rule: PUBLIC, plan: () => get("/behov") },
  "GET /hitta-stod/mitt-foretag": {
    rule: PUBLIC,
    plan: () => get("/hitta-stod/mitt-foretag?omrade=financing"),
  },
  "POST /hitta-stod/mitt-foretag/skicka": {
    rule: PUBLIC,
    plan: () => formPost("/hitta-stod/mitt-foretag/skicka", { omrade: "financing", kommun: "1884" }),
  },
  "GET /behov/:slug": { rule: PUBLIC, plan: async (ctx) => get(`/behov/${await campaignOf(ctx.org)}`) },
  "POST /behov/:slug": {
    rule: PUBLIC,
    plan: async (ctx) => formPost(`/behov/${await campaignOf(ctx.org)}`, { step: "review" }),
  },
  "POST /behov/:slug/skicka": {
    rule: PUBLIC,
    plan: async (ctx) => formPost(`/behov/${await campaignOf(ctx.org)}/skicka`, {}),
  },
  "GET /behov/:slug/tack": {
    rule: PUBLIC,
    plan: async (ctx) => get(`/behov/${await campaignOf(ctx.org)}/tack`),
  },
  // The company's private page: the link (a cookie after the exchange) is the credential; without one every
  // route explains that the link does not work (company-page.int.test.ts covers the link itself).
  "GET /mitt-foretag": { rule: PUBLIC, plan: () => get("/mitt-foretag") },
  "GET /mitt-foretag/export.json": { rule: PUBLIC, plan: () => get("/mitt-foretag/export.json") },
  "POST /mitt-foretag/samtycke": {
    rule: PUBLIC,
    plan: () => formPost("/mitt-foretag/samtycke", { kind: "statistics", action: "withdraw" }),
  },
  "POST /mitt-foretag/behov/:id": {
    rule: PUBLIC,
    plan: async (ctx) => formPost(`/mitt-foretag/behov/${await needOf(ctx.org)}`, { status: "open" }),
  },
  "POST /mitt-foretag/forlang": { rule: PUBLIC, plan: () => formPost("/mitt-foretag/forlang", {}) },
  "POST /mitt-foretag/stang": { rule: PUBLIC, plan: () => formPost("/mitt-foretag/stang", {}) },
  "GET /mitt-foretag/uppgifter": { rule: PUBLIC, plan: () => get("/mitt-foretag/uppgifter") },
  "POST /mitt-foretag/behov": {
    rule: PUBLIC,
    plan: () => formPost("/mitt-foretag/behov", { theme: "financing", urgency: "now" }),
  },
  // --- public intake pages (needs form, private link) ---
  "GET /admin/organisationer/:id/gallring": {
    rule: orgRule(),
    plan: (ctx) => get(`${orgBase(ctx)}/gallring`),
  },
  "POST /admin/organisationer/:id/gallring": {
    rule: orgRule(),
    plan: (ctx) =>
      formPost(`${orgBase(ctx)}/gallring`, { needsMonths: "36", responsesMonths: "", contactsMonths: "24" }),
  },
  "GET /admin/behov": { rule: INTAKE_ALL, plan: () => get("/admin/behov?status=open") },
  "POST /admin/behov/:id/status": {
    rule: INTAKE_OWN,
    plan: async (ctx) => formPost(`/admin/behov/${await needOf(ctx.org)}/status`, { status: "in-case" }),
  },
  "GET /admin/behov/svar/:id": {
    rule: INTAKE_OWN,
    plan: async (ctx) => get(`/admin/behov/svar/${await responseOf(ctx.org)}`),
  },
  "GET /admin/foretag": { rule: INTAKE_ALL, plan: () => get("/admin/foretag?q=Matris") },
  // Companies belong to no organisation: every navigator uses the register; only the platform admin erases.
  "GET /admin/foretag/:id": {
    rule: INTAKE_ALL,
    plan: async () => get(`/admin/foretag/${await intakeCompany()}`),
  },
  "GET /admin/foretag/:id/export.json": {
    rule: INTAKE_ALL,
    plan: async () => get(`/admin/foretag/${await intakeCompany()}/export.json`),
  },
  "GET /admin/foretag/kontakter/:id/export.json": {
    rule: INTAKE_ALL,
    plan: async (ctx) => get(`/admin/foretag/kontakter/${await contactOf(ctx.org)}/export.json`),
  },
  "GET /admin/foretag/kontakter/:id/radera": {
    rule: PLATFORM_ONLY,
    plan: async (ctx) => get(`/admin/foretag/kontakter/${await contactOf(ctx.org)}/radera`),
  },
  "POST /admin/foretag/kontakter/:id/radera": {
    rule: PLATFORM_ONLY,
    plan: async (ctx) => formPost(`/admin/foretag/kontakter/${await contactOf(ctx.org)}/radera`, {}),
  },
  "GET /admin/foretag/:id/radera": {
    rule: PLATFORM_ONLY,
    plan: async () => get(`/admin/foretag/${await intakeCompany()}/radera`),
  },
  "POST /admin/foretag/:id/radera": {
    rule: PLATFORM_ONLY,
    plan: async () => formPost(`/admin/foretag/${await intakeCompany()}/radera`, {}),
  },
  "GET /admin/enkater": { rule: SURVEYS_ALL, plan: () => get("/admin/enkater") },
  "GET /admin/enkater/:id": {
    rule: SURVEYS_OWN,
    plan: async (ctx) => get(`/admin/enkater/${await surveyOf(ctx.org)}`),
  },
  "GET /admin/enkater/:id/redigera": {
    rule: SURVEYS_OWN,
    plan: async (ctx) => get(`/admin/enkater/${await surveyOf(ctx.org)}/redigera`),
  },
  "POST /admin/enkater/:id/redigera": {
    rule: SURVEYS_OWN,
    plan: async (ctx) =>
      formPost(`/admin/enkater/${await surveyOf(ctx.org)}/redigera`, {
        base: JSON.stringify({
          titleSv: "Matris",
          questions: [{ id: "q1", type: "free-text", label: { sv: "Fråga" } }],
        }),
        titleSv: "Matrisenkät",
        "q.0.label.sv": "Vad behöver ni?",
      }),
  },
  "POST /admin/enkater/:id/publicera": {
    rule: SURVEYS_OWN,
    plan: async (ctx) => {
      const surveyId = await surveyOf(ctx.org);
      await editSurvey(testDb.db, surveyId, NEEDS_SURVEY, { actor: CLI_ACTOR });
      return formPost(`/admin/enkater/${surveyId}/publicera`, {});
    },
  },
  "GET /admin/enkater/:id/omgangar/ny": {
    rule: SURVEYS_OWN,
    plan: async (ctx) => get(`/admin/enkater/${await surveyOf(ctx.org)}/omgangar/ny`),
  },
  "POST /admin/enkater/:id/omgangar/ny": {
    rule: SURVEYS_OWN,
    plan: async (ctx) =>
      formPost(`/admin/enkater/${await surveyOf(ctx.org)}/omgangar/ny`, {
        name: "Matrisomgång",
        slug: `matris-${randomUUID()}`,
        scopeKind: "period",
        opensAt: "2026-01-01",
      }),
  },
  "GET /admin/foretag/:id/export": {
    rule: INTAKE_ALL,
    plan: async () => get(`/admin/foretag/${await intakeCompany()}/export`),
  },
  "GET /admin/foretag/kontakter/:id/export": {
    rule: INTAKE_ALL,
    plan: async (ctx) => get(`/admin/foretag/kontakter/${await contactOf(ctx.org)}/export`),
  },
  "GET /admin/enkater/ny": { rule: SURVEYS_ALL, plan: () => get("/admin/enkater/ny") },
  "POST /admin/enkater/ny": {
    rule: SURVEYS_OWN,
    plan: (ctx) =>
      formPost("/admin/enkater/ny", {
        organisationId: ctx.org,
        name: "Matrisenkät",
        slug: `matris-${randomUUID()}`,
        kind: "needs",
        titleSv: "Matris",
        question: "Vad behöver ni?",
      }),
  },
  "GET /admin/enkater/:id/versioner/:version": {
    rule: SURVEYS_OWN,
    plan: async (ctx) => get(`/admin/enkater/${await surveyOf(ctx.org)}/versioner/1`),
  },
  "GET /admin/paket": { rule: PACKS_VIEW, plan: () => get("/admin/paket") },
  "GET /admin/paket/ny": { rule: PACKS_EDIT, plan: () => get("/admin/paket/ny") },
  "POST /admin/paket/ny": {
    rule: PACKS_EDIT,
    plan: async (ctx) => formPost("/admin/paket/ny", await packForm(ctx.org, `matris-${randomUUID()}`)),
  },
  "GET /admin/paket/:slug": {
    rule: PACKS_VIEW,
    plan: async (ctx) => get(`/admin/paket/${await packOf(ctx.org)}`),
  },
  "GET /admin/paket/:slug/redigera": {
    rule: PACKS_EDIT,
    plan: async (ctx) => get(`/admin/paket/${await packOf(ctx.org)}/redigera`),
  },
  "POST /admin/paket/:slug/redigera": {
    rule: PACKS_EDIT,
    plan: async (ctx) => {
      const slug = await packOf(ctx.org);
      return formPost(`/admin/paket/${slug}/redigera`, await packForm(ctx.org, slug));
    },
  },
  "POST /admin/paket/:slug/enkatomgang": {
    rule: PACKS_VIEW,
    plan: async (ctx) =>
      formPost(`/admin/paket/${await packOf(ctx.org)}/enkatomgang`, {
        organisationId: ctx.org,
        name: "Matrisomgång från paket",
        slug: `matris-${randomUUID()}`,
        opensAt: "2026-01-01",
      }),
  },
  "POST /admin/foretag/skillnader/:id": {
    rule: INTAKE_ALL,
    plan: async () => {
      // A curated name the company's own intake disagrees with: one pending difference to resolve.
      const staff = { kind: "staff", source: "navigator", userId: null } as const;
      const orgNumber = freshOrgNumber();
      const { company } = await registerOrAttachCompany(testDb.db, { orgNumber, name: "Matris AB" }, staff);
      const intake = { kind: "company", source: "survey" } as const;
      await registerOrAttachCompany(testDb.db, { orgNumber, name: "Matrisen AB" }, intake);
      const [difference] = await listPendingDifferences(testDb.db, company.id, { actor: CLI_ACTOR });
      return formPost(`/admin/foretag/skillnader/${difference!.id}`, { choice: "keep" });
    },
  },
  // --- staff intake pages (needs, companies, surveys, GDPR, retention) ---

  // Lotsning (issue 7). A case belongs to the organisation of the team it is routed to: its navigators work
  // it, its org admin reads it, the platform admin does both everywhere; nobody else learns it exists. A
  // referral has two sides: the partner it went to (advisors, navigators and org admin answer it) and the
  // case's organisation. The referral rows use a case of a third organisation, so A's callers are only ever
  // on the partner side and "other" is a referral to B. Response times and webhooks are the organisation's
  // admins'; routing rules and teams the platform admin's (an org admin reads the page and keeps the members
  // of its own organisation's teams). Sessions and API tokens are treated alike.
  "GET /admin/arenden": {
    rule: { access: "roles", own: CASE_READERS, other: CASE_READERS },
    plan: () => get("/admin/arenden?queue=all"),
  },
  "GET /admin/arenden/nytt": {
    rule: { access: "roles", own: INTAKE, other: INTAKE },
    plan: () => get("/admin/arenden/nytt"),
  },
  "POST /admin/arenden": {
    rule: { access: "roles", own: INTAKE, other: INTAKE },
    plan: async (ctx) => {
      const { companyId, needId } = await lots.openNeed(ctx.org);
      await lots.routeTo(ctx.org);
      return formPost("/admin/arenden", {
        companyId,
        needIds: needId,
        openedVia: "phone",
        priority: "normal",
      });
    },
  },
  "GET /admin/arenden/:id": {
    rule: CASE_READ,
    plan: async (ctx) => get(`/admin/arenden/${await lots.caseOf(ctx.org)}`),
  },
  "POST /admin/arenden/:id/andra": {
    rule: CASE_WORK,
    plan: async (ctx) => {
      const caseId = await lots.caseOf(ctx.org);
      return formPost(`/admin/arenden/${caseId}/andra`, {
        version: await lots.caseVersion(caseId),
        status: "triaged",
      });
    },
  },
  "POST /admin/arenden/:id/anteckning": {
    rule: CASE_WORK,
    plan: async (ctx) =>
      formPost(`/admin/arenden/${await lots.caseOf(ctx.org)}/anteckning`, {
        body: "x",
        visibility: "internal",
      }),
  },
  "POST /admin/arenden/:id/kontakt": {
    rule: CASE_WORK,
    plan: async (ctx) =>
      formPost(`/admin/arenden/${await lots.caseOf(ctx.org)}/kontakt`, { channel: "phone", summary: "x" }),
  },
  "POST /admin/arenden/:id/hanvisa": {
    rule: CASE_WORK,
    plan: async (ctx) => {
      const offerId = await lots.activeOffer(await lots.caseOrganisation());
      return formPost(`/admin/arenden/${await lots.caseOf(ctx.org)}/hanvisa`, { offerIds: offerId });
    },
  },
  // Everyone signed in has an inbox; it lists only referrals to and from their own organisations.
  "GET /admin/inkorg": {
    rule: { access: "roles", own: INBOX_USERS, other: INBOX_USERS, tokens: "same" },
    plan: () => get("/admin/inkorg?status=any"),
  },
  "GET /admin/hanvisningar/:id": {
    rule: REFERRAL_READ,
    plan: async (ctx) => get(`/admin/hanvisningar/${await lots.referralTo(ctx.org)}`),
  },
  // Only the partner answers; the platform admin reads every referral but answers for no partner (403).
  "POST /admin/hanvisningar/:id/atgard": {
    rule: REFERRAL_RESPOND,
    plan: async (ctx) =>
      formPost(`/admin/hanvisningar/${await lots.referralTo(ctx.org)}/atgard`, {
        action: "accept",
        version: "1",
      }),
  },
  "POST /admin/hanvisningar/:id/anteckning": {
    rule: REFERRAL_READ,
    plan: async (ctx) =>
      formPost(`/admin/hanvisningar/${await lots.referralTo(ctx.org)}/anteckning`, {
        body: "x",
        visibility: "internal",
      }),
  },
  "POST /admin/hanvisningar/:id/kontakt": {
    rule: REFERRAL_RESPOND,
    plan: async (ctx) =>
      formPost(`/admin/hanvisningar/${await lots.referralTo(ctx.org)}/kontakt`, {
        channel: "phone",
        summary: "x",
      }),
  },
  "GET /admin/organisationer/:id/lotsning": {
    rule: orgRule(),
    plan: (ctx) => get(`${orgBase(ctx)}/lotsning`),
  },
  "POST /admin/organisationer/:id/lotsning/svarstider": {
    rule: orgRule(),
    plan: (ctx) => formPost(`${orgBase(ctx)}/lotsning/svarstider`, { responseDays: "5", reminderDays: "1" }),
  },
  "POST /admin/organisationer/:id/webhooks": {
    rule: orgRule(),
    plan: (ctx) => formPost(`${orgBase(ctx)}/webhooks`, { url: "https://example.invalid/hook" }),
  },
  "POST /admin/organisationer/:id/webhooks/:webhookId/rotera": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/webhooks/${await lots.webhookOf(ctx.org)}/rotera`, {}),
  },
  "POST /admin/organisationer/:id/webhooks/:webhookId/pausa": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/webhooks/${await lots.webhookOf(ctx.org)}/pausa`, {}),
  },
  "POST /admin/organisationer/:id/webhooks/:webhookId/aktivera": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/webhooks/${await lots.webhookOf(ctx.org)}/aktivera`, {}),
  },
  "POST /admin/organisationer/:id/webhooks/:webhookId/ta-bort": {
    rule: orgRule(),
    plan: async (ctx) => formPost(`${orgBase(ctx)}/webhooks/${await lots.webhookOf(ctx.org)}/ta-bort`, {}),
  },
  "POST /admin/organisationer/:id/webhooks/:webhookId/leveranser/:deliveryId/igen": {
    rule: orgRule(),
    plan: async (ctx) => {
      const { webhookId, deliveryId } = await lots.failedDeliveryOf(ctx.org);
      return formPost(`${orgBase(ctx)}/webhooks/${webhookId}/leveranser/${deliveryId}/igen`, {});
    },
  },
  // Routing is network-wide, so these paths name no organisation and only "own" is tried: org A's team for
  // the members form (another organisation's org admin is refused there: routing.pages.int.test.ts). Rules
  // made here match only SNI section U, so they never take the fixtures' cases from the catch-all team.
  "GET /admin/lotsning": {
    rule: { access: "roles", own: ADMINS, other: ADMINS },
    plan: () => get("/admin/lotsning"),
  },
  "POST /admin/lotsning/team": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: (ctx) =>
      formPost("/admin/lotsning/team", {
        organisationId: ctx.org,
        name: "Matristeamet",
        slug: `matris-${randomUUID()}`,
        email: "",
      }),
  },
  "POST /admin/lotsning/team/:teamId/medlemmar": {
    rule: { access: "roles", own: ADMINS, other: PLATFORM },
    plan: async (ctx) =>
      formPost(`/admin/lotsning/team/${await lots.teamOf(ctx.org)}/medlemmar`, {
        userId: await ctx.member(),
        action: "add",
      }),
  },
  "POST /admin/lotsning/team/:teamId/standard": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: async (ctx) => formPost(`/admin/lotsning/team/${await lots.teamOf(ctx.org)}/standard`, {}),
  },
  "POST /admin/lotsning/regler": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: async (ctx) =>
      formPost("/admin/lotsning/regler", { sniSection: "U", teamId: await lots.teamOf(ctx.org) }),
  },
  "POST /admin/lotsning/regler/:ruleId/flytta": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: async (ctx) =>
      formPost(`/admin/lotsning/regler/${await lots.routingRule(ctx.org)}/flytta`, { direction: "up" }),
  },
  "POST /admin/lotsning/regler/:ruleId/ta-bort": {
    rule: { access: "roles", own: PLATFORM, other: PLATFORM },
    plan: async (ctx) => formPost(`/admin/lotsning/regler/${await lots.routingRule(ctx.org)}/ta-bort`, {}),
  },
  // The company's private link is the credential (see the /mitt-foretag rows above).
  "POST /mitt-foretag/arenden/:id/uppfoljning": {
    rule: PUBLIC,
    plan: async (ctx) =>
      formPost(`/mitt-foretag/arenden/${await lots.caseOf(ctx.org)}/uppfoljning`, { answer: "helped" }),
  },

  // Lotsning API: the same rules as the pages, by session or by API token.
  "GET /api/v1/cases": { rule: ANY_CALLER, plan: () => get("/api/v1/cases?queue=all") },
  "POST /api/v1/cases": {
    rule: INTAKE_ALL,
    plan: async (ctx) => {
      const { companyId, needId } = await lots.openNeed(ctx.org);
      await lots.routeTo(ctx.org);
      return jsonRequest("POST", "/api/v1/cases", {
        companyId,
        needIds: [needId],
        openedVia: "phone",
        priority: "normal",
      });
    },
  },
  "GET /api/v1/cases/:id": {
    rule: CASE_READ,
    plan: async (ctx) => get(`/api/v1/cases/${await lots.caseOf(ctx.org)}`),
  },
  "PATCH /api/v1/cases/:id": {
    rule: CASE_WORK,
    plan: async (ctx) => {
      const caseId = await lots.caseOf(ctx.org);
      return jsonRequest("PATCH", `/api/v1/cases/${caseId}`, {
        version: Number(await lots.caseVersion(caseId)),
        status: "triaged",
      });
    },
  },
  "POST /api/v1/cases/:id/referrals": {
    rule: CASE_WORK,
    plan: async (ctx) => {
      const offerId = await lots.activeOffer(await lots.caseOrganisation());
      return jsonRequest("POST", `/api/v1/cases/${await lots.caseOf(ctx.org)}/referrals`, {
        offerIds: [offerId],
      });
    },
  },
  "POST /api/v1/cases/:id/notes": {
    rule: CASE_WORK,
    plan: async (ctx) =>
      jsonRequest("POST", `/api/v1/cases/${await lots.caseOf(ctx.org)}/notes`, {
        body: "x",
        visibility: "internal",
      }),
  },
  "GET /api/v1/referrals": { rule: ANY_CALLER, plan: () => get("/api/v1/referrals") },
  "GET /api/v1/referrals/:id": {
    rule: REFERRAL_READ,
    plan: async (ctx) => get(`/api/v1/referrals/${await lots.referralTo(ctx.org)}`),
  },
  "POST /api/v1/referrals/:id/actions": {
    rule: REFERRAL_RESPOND,
    plan: async (ctx) =>
      jsonRequest("POST", `/api/v1/referrals/${await lots.referralTo(ctx.org)}/actions`, {
        action: "accept",
      }),
  },
  "POST /api/v1/referrals/:id/notes": {
    rule: REFERRAL_READ,
    plan: async (ctx) =>
      jsonRequest("POST", `/api/v1/referrals/${await lots.referralTo(ctx.org)}/notes`, {
        body: "x",
        visibility: "internal",
      }),
  },
  "GET /api/v1/organisations/:id/webhooks": {
    rule: orgRule(),
    plan: (ctx) => get(`/api/v1/organisations/${ctx.org}/webhooks`),
  },
  "POST /api/v1/organisations/:id/webhooks": {
    rule: orgRule(),
    plan: (ctx) =>
      jsonRequest("POST", `/api/v1/organisations/${ctx.org}/webhooks`, {
        url: "https://example.invalid/hook",
      }),
  },
  "DELETE /api/v1/organisations/:id/webhooks/:webhookId": {
    rule: orgRule(),
    plan: async (ctx) =>
      jsonRequest("DELETE", `/api/v1/organisations/${ctx.org}/webhooks/${await lots.webhookOf(ctx.org)}`),
  },
  "GET /api/v1/organisations/:id/webhooks/:webhookId/deliveries": {
    rule: orgRule(),
    plan: async (ctx) =>
      get(
        `/api/v1/organisations/${ctx.org}/webhooks/${(await lots.failedDeliveryOf(ctx.org)).webhookId}/deliveries`,
      ),
  },

  // Needs intelligence (issue 8): the dashboards and their downloads for insight viewers (INSIGHTS above),
  // each with a full, valid filter so an allowed caller gets 200 and never a 400 that could pass for a
  // refusal; the open-data page and its downloads are public. The paths name no organisation.
  "GET /admin/insikter": { rule: INSIGHTS, plan: () => get(`/admin/insikter?${INSIGHT_FILTER}`) },
  "GET /admin/insikter/export": {
    rule: INSIGHTS,
    plan: () => get(`/admin/insikter/export?format=csv&table=needs-by-theme&${INSIGHT_FILTER}`),
  },
  "GET /admin/insikter/utbud": { rule: INSIGHTS, plan: () => get("/admin/insikter/utbud?kommun=1884") },
  "GET /admin/insikter/utbud/export": {
    rule: INSIGHTS,
    plan: () => get("/admin/insikter/utbud/export?format=xlsx&kommun=1884"),
  },
  "GET /admin/insikter/lotsning": {
    rule: INSIGHTS,
    plan: () => get("/admin/insikter/lotsning?period=2026&kommun=1884"),
  },
  "GET /admin/insikter/lotsning/export": {
    rule: INSIGHTS,
    plan: () => get("/admin/insikter/lotsning/export?format=xlsx&period=2026-09"),
  },
  "GET /admin/insikter/enkater": { rule: INSIGHTS, plan: () => get("/admin/insikter/enkater?period=2026") },
  "GET /admin/insikter/enkater/export": {
    rule: INSIGHTS,
    plan: () => get("/admin/insikter/enkater/export?format=csv&period=2026"),
  },
  "GET /statistik": { rule: PUBLIC, plan: () => get("/statistik") },
  "GET /statistik/export": {
    rule: PUBLIC,
    plan: () => get("/statistik/export?format=csv&table=needs-by-theme"),
  },
  "GET /api/v1/insights/needs": {
    rule: INSIGHTS,
    plan: () =>
      get(
        "/api/v1/insights/needs?groupBy=theme,municipality&from=2026-01-01&to=2026-12-31&municipality=1884",
      ),
  },
  "GET /api/v1/insights/gaps": { rule: INSIGHTS, plan: () => get("/api/v1/insights/gaps?municipality=1884") },
  "GET /api/v1/insights/outcomes": {
    rule: INSIGHTS,
    plan: () => get("/api/v1/insights/outcomes?from=2026-01-01&to=2026-12-31&municipality=1884"),
  },
};

/** Whether the table expects `caller` to be let through to `target`'s data on this route. */
function expectedAllow(rule: Rule, caller: Caller, target: Target): boolean {
  if (rule.access === "public") return true;
  if (caller.kind === "anonymous") return false;
  if (rule.access === "signed-in") return caller.kind === "session";
  if (caller.kind === "token" && rule.tokens !== "same") return false;
  return (target === "own" ? rule.own : rule.other).includes(caller.role);
}

type Outcome = "allow" | "deny" | "unexpected";

/** Reads an answer as allowed, denied or neither (see the comment at the top). */
function classify(response: Response, recordExists: boolean): Outcome {
  const { status } = response;
  const location = response.headers.get("location") ?? "";
  if (status === 401 || status === 403) return "deny";
  if (status >= 300 && status < 400) return location.startsWith("/logga-in?next=") ? "deny" : "allow";
  if (status === 404 && recordExists) return "deny";
  if (status >= 200 && status < 300) return "allow";
  return "unexpected";
}

/** Public routes are allowed unless the caller is refused; their own 4xx (a bad reset link) is fine. */
function classifyPublic(response: Response): Outcome {
  if (response.status >= 500) return "unexpected";
  if (response.status === 401 || response.status === 403) return "deny";
  const location = response.headers.get("location") ?? "";
  return location.startsWith("/logga-in?next=") ? "deny" : "allow";
}

const isApiRoute = (key: string) => key.split(" ")[1]!.startsWith("/api/v1/");
const CALLERS: Caller[] = [
  { label: "anonymous", kind: "anonymous" },
  ...ROLES.map((role): Caller => ({ label: `session ${role}`, kind: "session", role })),
  ...ROLES.map((role): Caller => ({ label: `token ${role}`, kind: "token", role })),
];

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let orgA: string;
let orgB: string;
const usersByRole = new Map<Role, string>();
let mailId: string;
let loginEmail: string;
let lots: ReturnType<typeof lotsningFixtures>;

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  lots = lotsningFixtures(testDb.db);
  orgA = await makeOrganisation(testDb.db, "Matris A");
  orgB = await makeOrganisation(testDb.db, "Matris B");
  for (const role of ROLES) usersByRole.set(role, (await createUserWithRole(testDb.db, orgA, role)).userId);
  loginEmail = (await createUserWithRole(testDb.db, orgB, "analyst")).email;
  mailId = await enqueueMail(testDb.db, { to: "someone@test.lots.invalid", subject: "Matris", text: "Hej" });
});

afterAll(async () => {
  await testDb?.close();
});

let memberSerial = 0;

/** A public (active, undated) offer of the organisation, so the catalogue's offer page answers 200. */
async function publicOffer(organisationId: string): Promise<string> {
  const [created] = await createOffers(testDb.db, [
    {
      organisationId,
      slug: `matris-${randomUUID()}`,
      name: "Matriserbjudande",
      summary: "Ett erbjudande för matristestet.",
      description: "Finns för att sidan ska ha något att visa.",
      formats: ["advice"],
      themes: ["financing"],
      costType: "free",
    },
  ]);
  return created!.id;
}

/** The slug of a fresh meeting of the organisation (the staff pages change it): a draft, or a started one. */
async function staffMeetingOf(organisationId: string, state: "draft" | "started" = "draft"): Promise<string> {
  const started = state === "started";
  const meeting = await createMeeting(
    testDb.db,
    {
      organisationId,
      title: "Matristräff",
      date: new Date(Date.now() + (started ? -1 : 30) * 86_400_000).toISOString().slice(0, 10),
      time: "10:00",
      durationMinutes: 60,
      place: "Matrisrummet",
    },
    { actor: CLI_ACTOR },
  );
  if (started) await publishMeeting(testDb.db, meeting.id, { actor: CLI_ACTOR });
  return meeting.slug;
}

/** A company in the register (companies belong to no organisation). */
async function intakeCompany(): Promise<string> {
  const staff = { kind: "staff", source: "navigator", userId: null } as const;
  const created = await registerOrAttachCompany(
    testDb.db,
    { orgNumber: freshOrgNumber(), name: "Matrisbolaget AB" },
    staff,
  );
  return created.company.id;
}

/** An open need of the organisation. */
async function needOf(organisationId: string): Promise<string> {
  const need = await createNeed(
    testDb.db,
    { companyId: await intakeCompany(), organisationId, theme: "financing", urgency: "now" },
    { actor: CLI_ACTOR },
  );
  return need.id;
}

const surveys = new Map<string, ReturnType<typeof publishedSurvey>>();
/** A published needs survey of the organisation with an open round (one per organisation). */
function publishedOf(organisationId: string): ReturnType<typeof publishedSurvey> {
  if (!surveys.has(organisationId)) surveys.set(organisationId, publishedSurvey(testDb.db, organisationId));
  return surveys.get(organisationId)!;
}
/** The id of the organisation's published survey. */
async function surveyOf(organisationId: string): Promise<string> {
  return (await publishedOf(organisationId)).survey.id;
}
/** An answer to the organisation's survey, sent by a company through the open round. */
async function responseOf(organisationId: string): Promise<string> {
  const result = await submitResponse(
    testDb.db,
    { campaignSlug: await campaignOf(organisationId), ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
  );
  return result.response.id;
}
/** A contact person, named in an answer to the organisation's survey. */
async function contactOf(organisationId: string): Promise<string> {
  const result = await submitResponse(
    testDb.db,
    { campaignSlug: await campaignOf(organisationId), ...validSubmission(freshOrgNumber()) },
    { actor: ANONYMOUS },
  );
  return result.response.contactId!;
}
const packs = new Map<string, Promise<string>>();
/** The slug of an industry pack whose template is the organisation's published survey (one per organisation). */
function packOf(organisationId: string): Promise<string> {
  if (!packs.has(organisationId)) {
    const slug = `matris-paket-${randomUUID().slice(0, 8)}`;
    packs.set(
      organisationId,
      surveyOf(organisationId).then((surveyId) =>
        createPack(
          testDb.db,
          { slug, nameSv: "Matrispaket", descriptionSv: "Paket.", sniCodes: ["41"], surveyId },
          { actor: CLI_ACTOR },
        ).then((pack) => pack.slug),
      ),
    );
  }
  return packs.get(organisationId)!;
}
/** The slug of the organisation's open round. */
async function campaignOf(organisationId: string): Promise<string> {
  return (await publishedOf(organisationId)).campaign.slug;
}

const meetings = new Map<string, Promise<string>>();
/** The slug of a published meeting of the organisation, 30 days ahead (one per organisation). */
function meetingOf(organisationId: string): Promise<string> {
  if (!meetings.has(organisationId)) {
    meetings.set(
      organisationId,
      (async () => {
        const meeting = await createMeeting(
          testDb.db,
          {
            organisationId,
            title: "Matristräff",
            date: stockholmDate(new Date(Date.now() + 30 * 24 * 60 * 60_000)),
            time: "09:00",
            durationMinutes: 60,
            place: "Matrissalen",
          },
          { actor: CLI_ACTOR },
        );
        await publishMeeting(testDb.db, meeting.id, { actor: CLI_ACTOR });
        return meeting.slug;
      })(),
    );
  }
  return meetings.get(organisationId)!;
}
/** The path of a fresh registration's cancel link (from its confirmation mail) for the organisation's meeting. */
async function cancelLinkOf(organisationId: string): Promise<string> {
  const email = freshEmail();
  await register(
    testDb.db,
    await meetingOf(organisationId),
    { orgNumber: freshOrgNumber(), companyName: "Matrisbolaget AB", personName: "Matris", email },
    {
      settings: {
        publicUrl: "http://localhost:3000",
        networkName: "Lots",
        mailFrom: "Lots <no-reply@lots.invalid>",
      },
      locale: "sv",
      meta: { actor: ANONYMOUS },
    },
  );
  const entry = (await listOutbox(testDb.db, 20)).find((mail) => mail.to_address === email);
  const text = entry ? (await getOutboxMail(testDb.db, entry.id)).text_body : "";
  return /\/traffar\/avboka\/[A-Za-z0-9_-]+/.exec(text)![0];
}

/** The headers that make a request come from `caller`: a fresh session or token, and a CSRF token. */
async function credentialsFor(caller: Caller): Promise<Record<string, string>> {
  if (caller.kind === "anonymous") {
    const anonymous = await anonymousCsrf(app);
    return { cookie: anonymous.cookie, "x-csrf-token": anonymous.csrfToken };
  }
  if (caller.kind === "session") {
    const session = await createSession(testDb.db, { userId: usersByRole.get(caller.role)! });
    return { cookie: `lots_session=${session.sessionId}`, "x-csrf-token": session.csrfToken };
  }
  const { token } = await createApiToken(testDb.db, CLI_ACTOR, {
    organisationId: orgA,
    name: `matrix ${caller.role}`,
    role: caller.role,
  });
  return { authorization: `Bearer ${token}` };
}

function contextFor(target: Target): CaseContext {
  const org = target === "own" ? orgA : orgB;
  return {
    org,
    orgName: target === "own" ? "Matris A" : "Matris B",
    mailId,
    loginEmail,
    async member(status = "active") {
      const email = `member-${++memberSerial}-${randomUUID()}@test.lots.invalid`;
      const user = await makeUser(testDb.db, email, [[org, "navigator"]]);
      if (status !== "active")
        await testDb.db.updateTable("users").set({ status }).where("id", "=", user.userId).execute();
      return user.userId;
    },
    async token() {
      const created = await createApiToken(testDb.db, CLI_ACTOR, {
        organisationId: org,
        name: "mål",
        role: "analyst",
      });
      return created.record.id;
    },
  };
}

describe(`route × role matrix (${process.env.LOTS_TEST_DB ?? "pglite"})`, () => {
  it("knows every route the app serves, and serves every route it knows", () => {
    const served = new Set(
      app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method} ${route.path}`),
    );
    expect(
      [...served].filter((key) => !(key in ROUTES)),
      "routes missing from the expected table",
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((key) => !served.has(key)),
      "table rows for routes that do not exist",
    ).toEqual([]);
  });

  it("allows and denies exactly as the table says, for every caller and both organisations", async () => {
    const mismatches: string[] = [];
    let cases = 0;
    let allowed = 0;
    let denied = 0;
    for (const [key, spec] of Object.entries(ROUTES)) {
      const api = isApiRoute(key);
      const hasOrganisation = key.includes("/:id");
      const targets: Target[] = hasOrganisation ? ["own", "other"] : ["own"];
      // Tokens are credentials for /api/v1 only; elsewhere the Authorization header is ignored, which the
      // CSRF and session tests cover.
      const callers = CALLERS.filter((caller) => caller.kind !== "token" || api);
      for (const caller of callers) {
        for (const target of targets) {
          cases++;
          const ctx = contextFor(target);
          const plan = await spec.plan(ctx);
          const headers: Record<string, string> = {
            ...(await credentialsFor(caller)),
            ...(plan.json && plan.init.body !== undefined ? { "content-type": "application/json" } : {}),
          };
          const response = await app.request(plan.path, { ...plan.init, headers });
          const outcome =
            spec.rule.access === "public" ? classifyPublic(response) : classify(response, hasOrganisation);
          const expected = expectedAllow(spec.rule, caller, target) ? "allow" : "deny";
          if (outcome === "allow") allowed++;
          if (outcome === "deny") denied++;
          if (outcome !== expected) {
            const body = (await response.text()).replace(/\s+/g, " ").slice(0, 200);
            mismatches.push(
              `${key} as ${caller.label} on ${target} organisation: expected ${expected}, got ${outcome} ` +
                `(${response.status} ${response.headers.get("location") ?? ""} ${body})`,
            );
          }
        }
      }
    }
    expect(mismatches, `${mismatches.length} of ${cases} cases differ from the table`).toEqual([]);
    // The table exercises both answers broadly; a matrix where everything is allowed would prove nothing.
    expect(allowed).toBeGreaterThan(200);
    expect(denied).toBeGreaterThan(200);
  }, 600_000);
});
