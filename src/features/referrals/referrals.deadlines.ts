import type { Db } from "#src/db/client.ts";
import type { SystemActor } from "#src/features/audit/audit.service.ts";
import { dueFollowUps, markFollowUpSent } from "#src/features/cases/cases.service.ts";
import { listContacts } from "#src/features/companies/companies.intake.service.ts";
import { issueCompanyLink } from "#src/features/companies/companies.links.service.ts";
import { hasActiveReferralConsent } from "#src/features/consent/consent.service.ts";
import { enqueueMail, wakeMailWorkers } from "#src/features/mail/mail.service.ts";
import { renderMail } from "#src/features/mail/mail.templates.ts";
import type { Logger } from "#src/shared/logger.ts";
import { dueDeadlines, expireReferral, ReferralChangedError, remindReferral } from "./referrals.service.ts";

// The lotsning job: reminders before a referral's first-response deadline, expiry and escalation after
// it, and the company's follow-up question 30 days after its case closed. Each item is its own
// transaction guarded by a conditional update, so a retry, a restart or a second process never sends twice.

export const DEADLINE_JOB_ACTOR: SystemActor = Object.freeze({ kind: "system", label: "deadline job" });

export type DeadlineRun = { reminded: number; expired: number; followUps: number };

/** One pass of the job at `now`. */
export async function runLotsningDeadlines(
  db: Db,
  options: { now?: Date; publicUrl: string; logger?: Logger; limit?: number },
): Promise<DeadlineRun> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 50;
  const run: DeadlineRun = { reminded: 0, expired: 0, followUps: 0 };
  const { reminders, overdue } = await dueDeadlines(db, now, limit);
  for (const row of reminders)
    if (await remindReferral(db, row, DEADLINE_JOB_ACTOR, { now, publicUrl: options.publicUrl }))
      run.reminded += 1;
  for (const row of overdue) {
    try {
      await expireReferral(db, row, DEADLINE_JOB_ACTOR, { now, publicUrl: options.publicUrl });
      run.expired += 1;
    } catch (error) {
      // The partner answered in the same moment: its answer stands.
      if (!(error instanceof ReferralChangedError)) throw error;
    }
  }
  for (const due of await dueFollowUps(db, now, limit)) {
    if (await sendFollowUp(db, due, now, options.publicUrl)) run.followUps += 1;
  }
  if (run.reminded + run.expired + run.followUps > 0) wakeMailWorkers(db);
  return run;
}

/**
 * Sends the company its one follow-up question ("did it help?") with a fresh private link to answer it,
 * to each contact person with an e-mail address. Plain Swedish with the English below, like the other
 * letters to companies (their language is not known).
 */
async function sendFollowUp(
  db: Db,
  due: { id: string; number: number; company_id: string | null },
  now: Date,
  publicUrl: string,
): Promise<boolean> {
  if (!due.company_id) return false;
  const companyId = due.company_id;
  return db.transaction().execute(async (trx) => {
    if (!(await markFollowUpSent(trx, due.id, now))) return false;
    // A company that withdrew its consent to contact is not asked (the question is marked as handled).
    if (!(await hasActiveReferralConsent(trx, companyId))) return false;
    const emails = [
      ...new Set((await listContacts(trx, companyId)).map((c) => c.email).filter((e): e is string => !!e)),
    ];
    if (emails.length === 0) return true;
    const link = await issueCompanyLink(trx, companyId, {
      email: emails[0]!,
      createdByLabel: "follow-up",
      now,
    });
    for (const to of emails) {
      const mail = renderMail({
        locale: "sv",
        paragraphs: [
          `Ert ärende ${due.number} avslutades för en månad sedan. Hjälpte det er? Svara med ett klick på er sida – det hjälper nätverket att hänvisa andra företag rätt.`,
          `In English: your case ${due.number} closed a month ago. Did it help? Answer with one click on your page; it helps the network refer other companies well.`,
        ],
        action: { label: "Svara / Answer", url: `${publicUrl}/mitt-foretag?token=${link.token}#arenden` },
      });
      await enqueueMail(trx, { to, subject: "Hjälpte det? / Did it help?", ...mail });
    }
    return true;
  });
}
