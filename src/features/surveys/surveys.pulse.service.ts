import type { Selectable } from "kysely";
import type { Db } from "#src/db/client.ts";
import type { CampaignsTable } from "#src/db/schema.ts";
import { PULSE_JOB_ACTOR, recordAudit } from "#src/features/audit/audit.service.ts";
import { getCompany, listContacts } from "#src/features/companies/companies.intake.service.ts";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { hasReferralConsent } from "#src/features/consent/consent.service.ts";
import { enqueueMail } from "#src/features/mail/mail.service.ts";
import * as jobs from "./surveys.jobs.repository.ts";
import { pulseInvitationMail, pulseReminderMail } from "./surveys.pulse.mails.ts";
import { nextPeriodNames, periodEnd, type RecurringPeriod } from "./surveys.pulse.periods.ts";

// Pulses: a campaign with a recurrence is one period of "the same questions every period to the same
// companies". This service, run by the pulse worker (hourly) and safe to run any number of times:
// 1. creates the next period's campaign (same survey, scope and places; slug like pulsen-2027-q1) a day
//    before the current period closes, once (the slug is unique);
// 2. when a period is open, invites every company that answered an earlier period of the same pulse and
//    has not answered this one: each contact person named on those answers (or, when none is left, each
//    contact of the company) with an e-mail gets the period's link and a NEW private link for the company;
// 3. REMINDER_DAYS before the period closes, reminds the invited companies that have not answered yet.
// Only companies whose contact-and-referral consent covers the campaign's organisation get mail, checked
// at every sending. Nothing is sent twice: pulse_mailings (unique per campaign, company and kind) is
// written in the transaction that puts the mails in the outbox.

/** Days before a period closes when the reminder goes out. */
export const REMINDER_DAYS = 7;
/** How long before the current period closes the next period's campaign is created. */
const CREATE_AHEAD_MS = 86_400_000;
const DAY_MS = 86_400_000;

type CampaignRow = Selectable<CampaignsTable>;

export type PulseSettings = { publicUrl: string; networkName: string };
export type PulseReport = {
  campaignsCreated: string[];
  invitations: number;
  reminders: number;
  /** Mails put in the outbox (a company may have several contact persons). */
  mails: number;
};

/** Creates the next period's campaign of every pulse whose current period is about to end. Returns slugs. */
export async function ensureNextPeriods(db: Db, now = new Date()): Promise<string[]> {
  const latest = new Map<string, CampaignRow>();
  for (const row of await jobs.listRecurringCampaigns(db)) latest.set(row.survey_id, row); // oldest first
  const created: string[] = [];
  for (const last of latest.values()) {
    if (!last.closes_at || !last.recurrence) continue;
    if (now.getTime() < last.closes_at.getTime() - CREATE_AHEAD_MS) continue;
    const period = last.recurrence as RecurringPeriod;
    // After a long stop, skip the periods that have passed: a campaign that is already closed helps nobody.
    let start = last.closes_at;
    let end = periodEnd(start, period);
    while (end.getTime() <= now.getTime()) {
      start = end;
      end = periodEnd(start, period);
    }
    const names = nextPeriodNames(last, period, start);
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await jobs.insertCampaignOnce(trx, {
        survey_id: last.survey_id,
        organisation_id: last.organisation_id,
        slug: names.slug,
        name: names.name,
        scope_kind: last.scope_kind,
        municipality_codes: last.municipality_codes,
        sni_codes: last.sni_codes,
        opens_at: start,
        closes_at: end,
        recurrence: period,
      });
      if (inserted) {
        await recordAudit(trx, {
          actor: PULSE_JOB_ACTOR,
          action: "create",
          recordType: "campaign",
          recordId: inserted.id,
          organisationId: inserted.organisation_id,
          details: { slug: inserted.slug, surveyId: inserted.survey_id, after: last.slug },
        });
      }
      return inserted;
    });
    if (row) created.push(row.slug);
  }
  return created;
}

type Recipient = { email: string; name: string };

/** Who at the company gets the pulse's mail: the people who answered earlier periods, else every contact. */
async function recipientsOf(db: Db, companyId: string, answeredBy: Set<string>): Promise<Recipient[]> {
  const withEmail = (await listContacts(db, companyId)).filter((c) => c.email);
  const named = withEmail.filter((c) => answeredBy.has(c.id));
  return (named.length > 0 ? named : withEmail).map((c) => ({ email: c.email!, name: c.name }));
}

/** Sends one company's invitation or reminder for a campaign, at most once; returns the mails queued. */
async function mailCompany(
  db: Db,
  campaign: CampaignRow,
  companyId: string,
  kind: "invitation" | "reminder",
  recipients: Recipient[],
  settings: PulseSettings,
  now: Date,
): Promise<number> {
  const company = await getCompany(db, companyId);
  const campaignUrl = `${settings.publicUrl}/behov/${campaign.slug}`;
  return db.transaction().execute(async (trx) => {
    const claimed = await jobs.claimPulseMailing(trx, {
      campaign_id: campaign.id,
      company_id: companyId,
      kind,
      recipients: recipients.length,
      created_at: now,
    });
    if (!claimed) return 0;
    for (const recipient of recipients) {
      const common = {
        to: recipient.email,
        contactName: recipient.name,
        companyName: company.name,
        networkName: settings.networkName,
        campaignName: campaign.name,
        campaignUrl,
        closesAt: campaign.closes_at!,
      };
      if (kind === "invitation") {
        const link = await issueCompanyLink(trx, companyId, {
          email: recipient.email,
          createdByLabel: PULSE_JOB_ACTOR.label,
          now,
        });
        const privateLinkUrl = `${settings.publicUrl}/mitt-foretag?token=${encodeURIComponent(link.token)}`;
        await enqueueMail(trx, pulseInvitationMail({ ...common, privateLinkUrl }));
      } else await enqueueMail(trx, pulseReminderMail(common));
    }
    return recipients.length;
  });
}

/** Invitations and reminders for every open pulse period. Safe to repeat: each mail is claimed once. */
export async function sendPulseMailings(
  db: Db,
  settings: PulseSettings,
  now = new Date(),
): Promise<Omit<PulseReport, "campaignsCreated">> {
  const report = { invitations: 0, reminders: 0, mails: 0 };
  const open = (await jobs.listRecurringCampaigns(db)).filter(
    (c) => c.opens_at <= now && c.closes_at !== null && now < c.closes_at,
  );
  for (const campaign of open) {
    const earlier = new Map<string, Set<string>>();
    for (const row of await jobs.earlierAnswerers(db, campaign.survey_id, campaign.opens_at)) {
      const people = earlier.get(row.company_id!) ?? new Set<string>();
      if (row.contact_id) people.add(row.contact_id);
      earlier.set(row.company_id!, people);
    }
    if (earlier.size === 0) continue;
    const answered = await jobs.companiesThatAnswered(db, campaign.id);
    // Read before this pass invites anyone, so a company never gets invitation and reminder in one pass.
    const invitedBefore = await jobs.mailedCompanies(db, campaign.id, "invitation");
    const reminded = await jobs.mailedCompanies(db, campaign.id, "reminder");
    const reminderFrom = campaign.closes_at!.getTime() - REMINDER_DAYS * DAY_MS;
    const counts = { invitation: 0, reminder: 0, mails: 0 };
    for (const [companyId, answeredBy] of earlier) {
      if (answered.has(companyId)) continue;
      const invitedAt = invitedBefore.get(companyId);
      // A company invited within the reminder days (a late start) has a fresh invitation: no reminder.
      const kind = !invitedAt
        ? "invitation"
        : now.getTime() >= reminderFrom && invitedAt.getTime() < reminderFrom && !reminded.has(companyId)
          ? "reminder"
          : undefined;
      if (!kind) continue;
      if (!(await hasReferralConsent(db, companyId, campaign.organisation_id))) continue;
      const recipients = await recipientsOf(db, companyId, answeredBy);
      if (recipients.length === 0) continue;
      const mails = await mailCompany(db, campaign, companyId, kind, recipients, settings, now);
      if (mails > 0) {
        counts[kind]++;
        counts.mails += mails;
      }
    }
    if (counts.mails > 0) {
      await recordAudit(db, {
        actor: PULSE_JOB_ACTOR,
        action: "send",
        recordType: "pulse-mailing",
        recordId: campaign.id,
        organisationId: campaign.organisation_id,
        details: {
          slug: campaign.slug,
          invitations: counts.invitation,
          reminders: counts.reminder,
          mails: counts.mails,
        },
      });
    }
    report.invitations += counts.invitation;
    report.reminders += counts.reminder;
    report.mails += counts.mails;
  }
  return report;
}

/** One pass of the pulse job: next periods first (so a period that just started is invited at once), then mail. */
export async function runPulses(db: Db, settings: PulseSettings, now = new Date()): Promise<PulseReport> {
  const campaignsCreated = await ensureNextPeriods(db, now);
  return { campaignsCreated, ...(await sendPulseMailings(db, settings, now)) };
}

/** Mails recorded per kind for a campaign (tests, pages). */
export async function countPulseMailings(db: Db, campaignId: string): Promise<Record<string, number>> {
  const rows = await jobs.countPulseMailings(db, campaignId);
  return Object.fromEntries(rows.map((row) => [row.kind, row.n]));
}
