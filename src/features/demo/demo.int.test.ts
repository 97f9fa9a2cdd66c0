import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dueFollowUps, listCases } from "#src/features/cases/cases.service.ts";
import { listCompanies } from "#src/features/companies/companies.service.ts";
import { listOffers } from "#src/features/offers/offers.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { dueDeadlines, listReferrals } from "#src/features/referrals/referrals.service.ts";
import { listRoutingRules, listTeamsWithMembers } from "#src/features/routing/routing.service.ts";
import type { Role, UserActor } from "#src/shared/auth/actor.ts";
import { createLogger } from "#src/shared/logger.ts";
import { isValidOrgNumber } from "#src/shared/org-number.ts";
import { responseDeadline } from "#src/shared/working-days.ts";
import { countRows, createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { hasDemoData, seedDemoData, seedDemoDataIfEmpty } from "./demo.service.ts";

const NOW = new Date("2026-11-28T09:00:00Z");
const TABLES = [
  "organisations",
  "organisation_municipalities",
  "offers",
  "companies",
  "teams",
  "routing_rules",
  "cases",
  "referrals",
  "case_events",
  "case_notes",
  "company_contact_log",
];
const logger = createLogger({ level: "silent" });

let testDb: TestDb;
let firstRun: Awaited<ReturnType<typeof seedDemoData>>;

async function tableCounts(db: TestDb["db"]) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await countRows(db, t)])));
}

async function codes(db: TestDb["db"], query: ReturnType<typeof sql<{ code: string }>>) {
  return (await query.execute(db)).rows.map((r) => r.code).sort();
}

beforeAll(async () => {
  testDb = await createTestDb();
  expect(await hasDemoData(testDb.db)).toBe(false);
  firstRun = await seedDemoData(testDb.db, { now: NOW });
});
afterAll(async () => {
  await testDb?.close();
});

describe("demo data: the Örebro network", () => {
  it("reports what it added, matching the tables", async () => {
    expect(firstRun.organisations).toBe(7);
    expect(firstRun.offers).toBeGreaterThanOrEqual(25);
    expect(firstRun.companies).toBeGreaterThanOrEqual(40);
    const counts = await tableCounts(testDb.db);
    expect(counts.organisations).toBe(firstRun.organisations);
    expect(counts.offers).toBe(firstRun.offers);
    expect(counts.companies).toBe(firstRun.companies);
    expect(await hasDemoData(testDb.db)).toBe(true);
  });

  it("has the seven organisations of the model, each serving its municipalities", async () => {
    const organisations = await listOrganisations(testDb.db);
    const county = await codes(testDb.db, sql`select code from municipalities where county_code = '18'`);
    expect(county).toHaveLength(12);
    const bySlug = Object.fromEntries(organisations.map((o) => [o.slug, o]));
    expect(Object.keys(bySlug).sort()).toEqual([
      "alfred-nobel-science-park",
      "almi-malardalen",
      "business-region-orebro",
      "inkubera",
      "nora-kommun",
      "orebro-universitet",
      "region-orebro-lan",
    ]);
    expect(bySlug["alfred-nobel-science-park"]?.type).toBe("science-park");
    expect(bySlug["almi-malardalen"]?.type).toBe("business-finance");
    expect(bySlug["region-orebro-lan"]?.type).toBe("region");
    expect(bySlug["orebro-universitet"]?.type).toBe("university");
    expect(bySlug.inkubera?.type).toBe("incubator");
    for (const slug of [
      "region-orebro-lan",
      "almi-malardalen",
      "alfred-nobel-science-park",
      "orebro-universitet",
    ]) {
      expect(bySlug[slug]?.municipalityCodes, slug).toEqual(county);
    }
    expect(bySlug["nora-kommun"]?.municipalityCodes).toEqual(["1884"]);
    expect(bySlug["business-region-orebro"]?.municipalityCodes).toContain("1880");
    // Lots must not invent real organisations' numbers.
    expect(organisations.every((o) => o.orgNumber === null)).toBe(true);
  });

  it("has offers answering all need themes, in most formats, with Smart omställning from Almi", async () => {
    const offers = await listOffers(testDb.db);
    const themes = await codes(testDb.db, sql`select code from need_themes`);
    expect(themes).toHaveLength(15);
    expect([...new Set(offers.flatMap((o) => o.themes))].sort()).toEqual(themes);
    const formats = new Set(offers.flatMap((o) => o.formats));
    expect(formats.size).toBeGreaterThanOrEqual(10);
    const organisations = await listOrganisations(testDb.db);
    const almi = organisations.find((o) => o.slug === "almi-malardalen");
    expect(offers.find((o) => o.name.startsWith("Smart omställning"))?.organisationId).toBe(almi?.id);
    // Every organisation has something to offer.
    expect(new Set(offers.map((o) => o.organisationId)).size).toBe(7);
  });

  it("refers only to codes that exist in the reference tables", async () => {
    const orphans = await sql<{ kind: string; code: string }>`
      select 'theme' as kind, t.code from offers, unnest(themes) as t(code)
        where t.code not in (select code from need_themes)
      union all
      select 'format', f.code from offers, unnest(formats) as f(code)
        where f.code not in (select code from offer_formats)
      union all
      select 'municipality', m.code from offers, unnest(eligible_municipality_codes) as m(code)
        where m.code not in (select code from municipalities)
      union all
      select 'county', c.code from offers, unnest(eligible_county_codes) as c(code)
        where c.code not in (select code from counties)
      union all
      select 'size', s.code from offers, unnest(size_bands) as s(code)
        where s.code not in (select code from size_bands)
      union all
      select 'company sni', sni_code from companies
        where left(sni_code, 2) not in (select code from sni_codes where level = 'division')
    `.execute(testDb.db);
    expect(orphans.rows).toEqual([]);
  });

  it("has realistic catalogue states: paused or closed offers, capacity, stale verification", async () => {
    const offers = await listOffers(testDb.db);
    expect(offers.some((o) => o.status !== "active")).toBe(true);
    expect(offers.filter((o) => o.status === "active").length).toBeGreaterThan(offers.length / 2);
    expect(offers.some((o) => o.capacityTotal !== null && o.capacityRemaining !== null)).toBe(true);
    const ageDays = (o: { lastVerifiedAt: Date | null }) =>
      (NOW.getTime() - o.lastVerifiedAt!.getTime()) / 86_400_000;
    expect(offers.every((o) => o.lastVerifiedAt && ageDays(o) >= 0 && ageDays(o) <= 366)).toBe(true);
    expect(offers.some((o) => ageDays(o) > 180)).toBe(true);
    expect(offers.some((o) => o.sniInclude.length > 0 || o.sniExclude.length > 0)).toBe(true);
    expect(offers.some((o) => o.maxCompanyAgeYears !== null)).toBe(true);
    // Contacts are invented: no real organisation's mail domain.
    expect(
      offers.every((o) => o.contacts.every((c) => c.email === null || c.email.endsWith(".example"))),
    ).toBe(true);
    expect(offers.every((o) => o.contacts.length > 0 && o.lastVerifiedBy === "demo")).toBe(true);
  });

  it("has fictional companies in all twelve municipalities of Örebro län with valid org numbers", async () => {
    const companies = await listCompanies(testDb.db);
    expect(companies.length).toBeGreaterThanOrEqual(40);
    expect(companies.every((c) => c.isFictional)).toBe(true);
    const county = await codes(testDb.db, sql`select code from municipalities where county_code = '18'`);
    expect([...new Set(companies.map((c) => c.municipalityCode))].sort()).toEqual(county);
    expect(companies.every((c) => isValidOrgNumber(c.orgNumber) && /^\d{10}$/.test(c.orgNumber))).toBe(true);
    expect(companies.filter((c) => c.isSoleTrader)).toHaveLength(2);
    expect(new Set(companies.map((c) => c.sizeBand)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(companies.map((c) => c.sniCode?.slice(0, 2))).size).toBeGreaterThanOrEqual(10);
  });

  it("changes nothing when run again", async () => {
    const before = await tableCounts(testDb.db);
    expect(await seedDemoData(testDb.db, { now: NOW })).toEqual({
      organisations: 0,
      offers: 0,
      companies: 0,
      users: 0,
      surveyAnswers: 0,
    });
    expect(await tableCounts(testDb.db)).toEqual(before);
  });

  it("tops up what is missing without duplicating the rest", async () => {
    const [company] = await listCompanies(testDb.db);
    await sql`delete from companies where id = ${company!.id}`.execute(testDb.db);
    expect(await seedDemoData(testDb.db, { now: NOW })).toEqual({
      organisations: 0,
      offers: 0,
      companies: 1,
      users: 0,
      surveyAnswers: 0,
    });
    expect(await countRows(testDb.db, "companies")).toBe(firstRun.companies);
  });

  it("seedDemoDataIfEmpty leaves a database with organisations alone", async () => {
    const before = await tableCounts(testDb.db);
    expect(await seedDemoDataIfEmpty(testDb.db, logger)).toBeUndefined();
    expect(await tableCounts(testDb.db)).toEqual(before);
  });
});

describe("seedDemoDataIfEmpty on an empty database", () => {
  it("seeds and returns what it added", async () => {
    const empty = await createTestDb();
    try {
      const counts = await seedDemoDataIfEmpty(empty.db, logger);
      expect(counts).toEqual(firstRun);
      expect(await hasDemoData(empty.db)).toBe(true);
    } finally {
      await empty.close();
    }
  });
});

describe("demo data: the needs intake", () => {
  it("has Nora's industry survey in two versions with an open 2026 round and the quarterly pulse", async () => {
    const campaigns = await sql<{ slug: string; open: boolean; recurrence: string | null }>`
      select slug, (opens_at <= ${NOW} and (closes_at is null or closes_at > ${NOW})) as open, recurrence
      from campaigns order by slug`.execute(testDb.db);
    const bySlug = Object.fromEntries(campaigns.rows.map((c) => [c.slug, c]));
    expect(bySlug["tillverkande-industri-2026"]?.open).toBe(true);
    expect(bySlug["tillverkande-industri-2025"]?.open).toBe(false);
    expect(bySlug["pulsen-2026-q4"]).toMatchObject({ open: true, recurrence: "quarterly" });
    const versions = await sql<{ version: number; published: boolean }>`
      select v.version, v.published_at is not null as published from survey_versions v
      join surveys s on s.id = v.survey_id where s.slug = 'behovsenkat-industri' order by v.version`.execute(
      testDb.db,
    );
    expect(versions.rows).toEqual([
      { version: 1, published: true },
      { version: 2, published: true },
    ]);
  });

  it("spreads answers over the last 18 months, each keeping its own version, and derives themed needs", async () => {
    expect(firstRun.surveyAnswers).toBe(await countRows(testDb.db, "survey_responses"));
    expect(firstRun.surveyAnswers).toBeGreaterThanOrEqual(20);
    // The 18 months are the intake's; the follow-up answers of the Nora meeting of November 2020 are older.
    const span = await sql<{ oldest: Date; newest: Date }>`
      select min(created_at) as oldest, max(created_at) as newest from survey_responses
      where campaign_id is null or campaign_id not in (select id from campaigns where scope_kind = 'meeting')`.execute(
      testDb.db,
    );
    const months = (NOW.getTime() - new Date(span.rows[0]!.oldest).getTime()) / (30.44 * 86_400_000);
    expect(months).toBeGreaterThanOrEqual(15);
    expect(months).toBeLessThanOrEqual(18.5);
    // Answers to version 1 keep version 1 even though version 2 is the current one.
    const byVersion = await sql<{ version: number; n: number; newest: Date }>`
      select v.version, count(*)::int as n, max(r.created_at) as newest from survey_responses r
      join survey_versions v on v.id = r.survey_version_id join surveys s on s.id = r.survey_id
      where s.slug = 'behovsenkat-industri' group by v.version order by v.version`.execute(testDb.db);
    expect(byVersion.rows.map((r) => r.version)).toEqual([1, 2]);
    expect(byVersion.rows[0]!.n).toBeGreaterThan(0);
    const needs = await sql<{ theme: string; n: number; oldest: Date }>`
      select theme, count(*)::int as n, min(created_at) as oldest from needs group by theme`.execute(
      testDb.db,
    );
    const themes = needs.rows.map((r) => r.theme);
    expect(themes).toEqual(
      expect.arrayContaining(["financing", "recruitment", "production", "sustainability"]),
    );
    // Needs carry the answer's time, not the seed's.
    expect(Math.min(...needs.rows.map((r) => new Date(r.oldest).getTime()))).toBeLessThan(
      NOW.getTime() - 365 * 86_400_000,
    );
  });

  it("records consents at the answer's time: most give both, some statistics only, one withdrew both later", async () => {
    const consents = await sql<{ kind: string; active: number; withdrawn: number; oldest: Date }>`
      select kind, count(*) filter (where ended_at is null)::int as active,
             count(*) filter (where end_reason = 'withdrawn')::int as withdrawn, min(recorded_at) as oldest
      from consents group by kind order by kind`.execute(testDb.db);
    const byKind = Object.fromEntries(consents.rows.map((r) => [r.kind, r]));
    expect(byKind["contact-and-referral"]!.active).toBeGreaterThan(5);
    expect(byKind.statistics!.active).toBeGreaterThan(byKind["contact-and-referral"]!.active);
    expect(byKind["contact-and-referral"]!.withdrawn).toBeGreaterThanOrEqual(1);
    expect(byKind.statistics!.withdrawn).toBeGreaterThanOrEqual(1);
    expect(new Date(byKind.statistics!.oldest).getTime()).toBeLessThan(NOW.getTime() - 365 * 86_400_000);
    const withdrawnAt = await sql<{ at: Date }>`
      select ended_at as at from consents where end_reason = 'withdrawn'`.execute(testDb.db);
    expect(withdrawnAt.rows.every((r) => new Date(r.at) < NOW)).toBe(true);
    const contacts = await countRows(testDb.db, "company_contacts");
    expect(contacts).toBeGreaterThan(5);
  });

  it("has needs in every status, changed after they arose, and a crisis described in the company's words", async () => {
    const statuses = await sql<{ status: string; n: number; wrong: number }>`
      select status, count(*)::int as n,
             count(*) filter (where status_changed_at < created_at or status_changed_at > ${NOW})::int as wrong
      from needs group by status`.execute(testDb.db);
    const byStatus = Object.fromEntries(statuses.rows.map((r) => [r.status, r]));
    for (const status of ["open", "in-case", "met", "no-longer-relevant"]) {
      expect(byStatus[status]?.n, status).toBeGreaterThan(0);
    }
    expect(statuses.rows.every((r) => r.wrong === 0)).toBe(true);
    const crisis = await sql<{ description: string; urgency: string; municipality: string }>`
      select n.description, n.urgency, c.municipality_code as municipality from needs n
      join companies c on c.id = n.company_id where n.theme = 'crisis' order by n.created_at`.execute(
      testDb.db,
    );
    expect(crisis.rows.length).toBeGreaterThanOrEqual(1);
    expect(crisis.rows[0]).toMatchObject({ urgency: "now", municipality: "1885" });
    expect(crisis.rows[0]!.description).toContain("vägarbete");
    // Pulse answers create needs too, with the pulse as their source.
    const pulse = await sql<{
      n: number;
    }>`select count(*)::int as n from needs where source = 'pulse'`.execute(testDb.db);
    expect(pulse.rows[0]!.n).toBeGreaterThan(0);
  });
});

/** A demo person as the actor they are once signed in. */
async function demoActor(db: TestDb["db"], email: string): Promise<UserActor> {
  const rows = await sql<{ id: string; name: string; organisation_id: string; role: Role }>`
    select u.id, u.name, m.organisation_id, m.role from users u join memberships m on m.user_id = u.id
    where u.email = ${email}`.execute(db);
  const first = rows.rows[0]!;
  return {
    kind: "user",
    userId: first.id,
    name: first.name,
    email,
    memberships: rows.rows.map((r) => ({ organisationId: r.organisation_id, role: r.role })),
  };
}

const ctxOf = (actor: UserActor) => ({ actor, ip: undefined, userAgent: undefined, requestId: undefined });

async function statusCounts(db: TestDb["db"]) {
  const cases = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from cases group by status order by status`.execute(db);
  const referrals = await sql<{ status: string; n: number }>`
    select status, count(*)::int as n from referrals group by status order by status`.execute(db);
  return {
    cases: Object.fromEntries(cases.rows.map((r) => [r.status, r.n])),
    referrals: Object.fromEntries(referrals.rows.map((r) => [r.status, r.n])),
  };
}

describe("demo data: lotsning", () => {
  it("has Nora's, the science park's and the region's teams, and the rules in the order they are tried", async () => {
    const teams = await listTeamsWithMembers(testDb.db);
    const byName = Object.fromEntries(teams.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      "Lotsteamet Science Park",
      "Näringslivsteamet Nora",
      "Regionens lotsar",
    ]);
    expect(byName["Näringslivsteamet Nora"]!.members.map((m) => m.name)).toEqual(["Anna Sjöberg"]);
    expect(byName["Lotsteamet Science Park"]!.members.map((m) => m.name)).toEqual(["Erik Åberg"]);
    expect(byName["Regionens lotsar"]).toMatchObject({
      is_catch_all: true,
      organisation_name: "Region Örebro län",
    });
    expect(byName["Regionens lotsar"]!.members.map((m) => m.name)).toEqual(["Karin Lindqvist"]);
    const rules = await listRoutingRules(testDb.db);
    expect(rules.map((r) => [r.position, r.municipality_code, r.theme, r.team_name])).toEqual([
      [0, "1884", null, "Näringslivsteamet Nora"],
      [1, null, "innovation", "Lotsteamet Science Park"],
      [2, null, "academic-collaboration", "Lotsteamet Science Park"],
    ]);
  });

  it("has every case status and every referral status, with outcomes and several decline reasons", async () => {
    const counts = await statusCounts(testDb.db);
    for (const status of ["new", "triaged", "referred", "waiting-for-company", "closed"])
      expect(counts.cases[status], status).toBeGreaterThan(0);
    for (const status of ["sent", "accepted", "in-progress", "closed", "declined", "withdrawn", "expired"])
      expect(counts.referrals[status], status).toBeGreaterThan(0);
    const details = await sql<{ outcome: string | null; reason: string | null }>`
      select outcome, decline_reason as reason from referrals where status in ('closed', 'declined')`.execute(
      testDb.db,
    );
    const outcomes = new Set(details.rows.map((r) => r.outcome).filter(Boolean));
    const reasons = new Set(details.rows.map((r) => r.reason).filter(Boolean));
    expect([...outcomes].sort()).toEqual(["helped", "not-helped"]);
    expect(reasons).toEqual(new Set(["no-capacity", "not-eligible", "not-relevant"]));
    const expired = await sql<{ escalated: boolean }>`
      select escalated_at is not null and reminded_at is not null as escalated from referrals
      where status = 'expired'`.execute(testDb.db);
    expect(expired.rows.every((r) => r.escalated)).toBe(true);
    // Cases opened by the intake (by rule) and by hand.
    const via = await sql<{ opened_via: string }>`select distinct opened_via from cases order by 1`.execute(
      testDb.db,
    );
    expect(via.rows.map((r) => r.opened_via)).toEqual(["email", "intake", "meeting", "phone"]);
  });

  it("dates everything consistently and in the past: deadlines in working days, follow-ups 30 days on", async () => {
    const wrongCases = await sql<{ id: string }>`
      select id from cases where created_at > ${NOW} or updated_at < created_at or updated_at > ${NOW}
        or (closed_at is not null and (closed_at < created_at or closed_at > ${NOW}
          or follow_up_due_at <> closed_at + interval '30 days'))
        or follow_up_sent_at > ${NOW} or follow_up_answered_at > ${NOW}`.execute(testDb.db);
    expect(wrongCases.rows).toEqual([]);
    const events = await sql<{ case_id: string; at: Date; created: Date }>`
      select e.case_id, e.at, c.created_at as created from case_events e join cases c on c.id = e.case_id
      order by e.case_id, e.seq`.execute(testDb.db);
    expect(events.rows.length).toBeGreaterThan(100);
    let previous: { case_id: string; at: Date } | undefined;
    for (const event of events.rows) {
      const at = new Date(event.at).getTime();
      expect(at).toBeLessThanOrEqual(NOW.getTime());
      expect(at).toBeGreaterThanOrEqual(new Date(event.created).getTime());
      // The timeline's order is the order things happened.
      if (previous?.case_id === event.case_id)
        expect(at).toBeGreaterThanOrEqual(new Date(previous.at).getTime());
      previous = event;
    }
    const referrals = await sql<{
      sent_at: Date;
      respond_by: Date;
      remind_at: Date;
      responded_at: Date | null;
      closed_at: Date | null;
      updated_at: Date;
      created: Date;
    }>`select r.sent_at, r.respond_by, r.remind_at, r.responded_at, r.closed_at, r.updated_at,
         c.created_at as created from referrals r join cases c on c.id = r.case_id`.execute(testDb.db);
    for (const r of referrals.rows) {
      const sent = new Date(r.sent_at);
      // Default response times: five working days, reminder one working day before.
      expect(responseDeadline(sent, 5, 1)).toEqual({
        respondBy: new Date(r.respond_by),
        remindAt: new Date(r.remind_at),
      });
      expect(sent.getTime()).toBeGreaterThanOrEqual(new Date(r.created).getTime());
      expect(sent.getTime()).toBeLessThan(NOW.getTime());
      for (const later of [r.responded_at, r.closed_at, r.updated_at])
        if (later) {
          expect(new Date(later).getTime()).toBeGreaterThanOrEqual(sent.getTime());
          expect(new Date(later).getTime()).toBeLessThanOrEqual(NOW.getTime());
        }
    }
    const notes = await sql<{ n: number }>`
      select count(*)::int as n from case_notes where created_at > ${NOW}`.execute(testDb.db);
    expect(notes.rows[0]!.n).toBe(0);
    const contacts = await sql<{ n: number }>`
      select count(*)::int as n from company_contact_log where contacted_at > ${NOW} or created_at > ${NOW}`.execute(
      testDb.db,
    );
    expect(contacts.rows[0]!.n).toBe(0);
    // Referrals over the last months, most of the live ones within the last four.
    const recent = await sql<{ n: number }>`
      select count(*)::int as n from referrals where sent_at > ${new Date(NOW.getTime() - 122 * 86_400_000)}`.execute(
      testDb.db,
    );
    expect(recent.rows[0]!.n).toBeGreaterThanOrEqual(5);
  });

  it("leaves nothing due for the deadline job at seed time, and has reminders and follow-ups to come", async () => {
    expect(await dueDeadlines(testDb.db, NOW)).toEqual({ reminders: [], overdue: [] });
    expect(await dueFollowUps(testDb.db, NOW)).toEqual([]);
    const sent = await sql<{ remind_at: Date; respond_by: Date }>`
      select remind_at, respond_by from referrals where status = 'sent' order by remind_at`.execute(
      testDb.db,
    );
    expect(sent.rows.length).toBeGreaterThanOrEqual(2);
    // One is reminded within two days; one is well within its deadline.
    expect(new Date(sent.rows[0]!.remind_at).getTime() - NOW.getTime()).toBeLessThan(3 * 86_400_000);
    expect(new Date(sent.rows.at(-1)!.respond_by).getTime() - NOW.getTime()).toBeGreaterThan(3 * 86_400_000);
    const followUps = await sql<{ answer: string | null; sent: boolean; due: Date }>`
      select follow_up_answer as answer, follow_up_sent_at is not null as sent, follow_up_due_at as due
      from cases where status = 'closed'`.execute(testDb.db);
    expect(new Set(followUps.rows.map((r) => r.answer))).toEqual(new Set([null, "helped", "not-helped"]));
    expect(followUps.rows.some((r) => !r.sent && new Date(r.due) > NOW)).toBe(true);
  });

  it("has internal and shared notes and a contact log written by several organisations", async () => {
    const notes = await sql<{ visibility: string; on_referral: boolean }>`
      select distinct visibility, referral_id is not null as on_referral from case_notes`.execute(testDb.db);
    expect(notes.rows).toHaveLength(4);
    const organisations = await sql<{ slug: string }>`
      select distinct o.slug from company_contact_log l join organisations o on o.id = l.organisation_id
      order by 1`.execute(testDb.db);
    expect(organisations.rows.map((r) => r.slug)).toEqual([
      "alfred-nobel-science-park",
      "almi-malardalen",
      "nora-kommun",
      "orebro-universitet",
      "region-orebro-lan",
    ]);
  });

  it("fills Almi's inbox and Nora's queue with items in several states", async () => {
    const mikael = await demoActor(testDb.db, "mikael.holm@almi.example");
    const inbox = await listReferrals(testDb.db, { side: "inbox", pageSize: 100 }, mikael);
    const inboxStatuses = new Set(inbox.items.map((r) => r.status));
    for (const status of ["sent", "accepted", "in-progress", "closed", "declined", "withdrawn"])
      expect(inboxStatuses.has(status as never), status).toBe(true);
    expect(inbox.items.every((r) => r.organisation_name === "Almi Företagspartner Mälardalen")).toBe(true);
    const anna = await demoActor(testDb.db, "anna.sjoberg@nora.example");
    const queue = await listCases(testDb.db, { queue: "team", status: "any", pageSize: 100 }, ctxOf(anna));
    expect(new Set(queue.items.map((c) => c.status))).toEqual(
      new Set(["new", "waiting-for-company", "referred", "closed"]),
    );
    expect(queue.items.every((c) => c.team_name === "Näringslivsteamet Nora")).toBe(true);
    const mine = await listCases(testDb.db, { queue: "mine", status: "open", pageSize: 100 }, ctxOf(anna));
    expect(mine.total).toBeGreaterThan(0);
  });

  it("is the same story whatever day it is seeded on", async () => {
    const other = await createTestDb();
    try {
      // A Monday after the Christmas and New Year holidays, early in the morning.
      await seedDemoData(other.db, { now: new Date("2027-01-11T06:30:00Z") });
      expect(await statusCounts(other.db)).toEqual(await statusCounts(testDb.db));
      expect(await dueDeadlines(other.db, new Date("2027-01-11T06:30:00Z"))).toEqual({
        reminders: [],
        overdue: [],
      });
    } finally {
      await other.close();
    }
  });
});

describe("demo data: meetings and industry packs", () => {
  it("has the Nora meeting of November 2020: seven organisations, registrations, attendance and follow-up answers", async () => {
    const meeting = await sql<{
      id: string;
      status: string;
      starts_at: Date;
      municipality_code: string;
      followup_campaign_id: string;
    }>`select id, status, starts_at, municipality_code, followup_campaign_id from meetings
       where title = 'Informationsträff för industriföretagen i Nora'`.execute(testDb.db);
    expect(meeting.rows).toHaveLength(1);
    const nora = meeting.rows[0]!;
    expect(nora).toMatchObject({ status: "held", municipality_code: "1884" });
    expect(new Date(nora.starts_at).toISOString()).toBe("2020-11-19T07:30:00.000Z");
    const presenters = await sql<{ n: number }>`
      select count(*)::int as n from meeting_organisations where meeting_id = ${nora.id}`.execute(testDb.db);
    expect(presenters.rows[0]!.n).toBe(7);
    const registrations = await sql<{ attended: boolean; followup: boolean; n: number }>`
      select attended, followup_sent_at is not null as followup, count(*)::int as n from meeting_registrations
      where meeting_id = ${nora.id} group by 1, 2 order by 1, 2`.execute(testDb.db);
    expect(registrations.rows).toEqual([
      { attended: false, followup: false, n: 1 },
      { attended: true, followup: true, n: 6 },
    ]);
    const needs = await sql<{ source: string; n: number }>`
      select source, count(*)::int as n from needs where campaign_id = ${nora.followup_campaign_id}
      group by source`.execute(testDb.db);
    expect(needs.rows).toEqual([{ source: "meeting", n: 10 }]);
  });

  it("has the four industry packs and upcoming meetings for two other industries started from them", async () => {
    const packs = await sql<{ slug: string }>`select slug from industry_packs order by slug`.execute(
      testDb.db,
    );
    expect(packs.rows.map((p) => p.slug)).toEqual(
      expect.arrayContaining(["besoksnaring", "bygg", "halsa", "tillverkande-industri"]),
    );
    const upcoming = await sql<{ pack: string; status: string; offers: number; survey: boolean }>`
      select p.slug as pack, m.status, (select count(*)::int from meeting_offers mo where mo.meeting_id = m.id) as offers,
        m.survey_id is not null as survey
      from meetings m join industry_packs p on p.id = m.pack_id
      where m.starts_at > ${NOW} order by m.starts_at`.execute(testDb.db);
    expect(upcoming.rows.map((r) => r.pack)).toEqual(["besoksnaring", "bygg"]);
    for (const row of upcoming.rows) {
      expect(row).toMatchObject({ status: "published", survey: true });
      expect(row.offers).toBeGreaterThan(0);
    }
  });
});
