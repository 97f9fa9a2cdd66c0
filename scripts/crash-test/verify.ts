// The crash test's count: what the database holds for every submission, read after the server has been
// stopped cleanly. Lost = acknowledged but not (completely) stored; duplicate = more than one response for
// a key, more than one company or contact for an org number, or more than one set of needs for a submission.

import { sql } from "kysely";
import { createDb } from "#src/db/client.ts";
import { submissionKey, submissionOrgNumber } from "./clients.ts";
import { type CrashDatabase, type CrashTarget, NEEDS_PER_SUBMISSION } from "./setup.ts";

/** Per-submission findings; every list must be empty. */
export type StoredCount = {
  responses: number;
  needs: number;
  /** Acknowledged keys with no stored response. */
  lost: string[];
  /** Acknowledged keys whose response is stored without all its needs (a torn write). */
  incomplete: string[];
  /** Keys with more than one response row. */
  duplicateResponses: string[];
  /** Org numbers with more than one company row, or more than one contact. */
  duplicateCompanies: string[];
  /** Submissions whose company holds needs from more than one response, or more needs than one set. */
  duplicateNeedSets: string[];
  /** Responses in the round with a key this run never sent. */
  unexpected: string[];
};

/** Opens the database (after the server stopped: PGlite allows one process) and counts per submission. */
export async function countStored(
  database: CrashDatabase,
  target: CrashTarget,
  runId: string,
  submissions: number,
  acknowledged: ReadonlySet<string>,
): Promise<StoredCount> {
  const handle = await createDb(
    database.kind === "postgres"
      ? { databaseUrl: database.databaseUrl, dataDir: "." }
      : { dataDir: database.dataDir },
  );
  try {
    const db = handle.db;
    const responses = await sql<{ key: string; rows: number; needs: number }>`
      select r.idempotency_key as key, count(distinct r.id)::int as rows, count(n.id)::int as needs
      from survey_responses r left join needs n on n.response_id = r.id
      where r.survey_id = ${target.surveyId}
      group by r.idempotency_key`.execute(db);
    const byKey = new Map(responses.rows.map((row) => [row.key, row]));

    const orgNumbers = Array.from({ length: submissions }, (_, n) => submissionOrgNumber(n));
    // org_number is unique in companies; counted per row anyway, so a broken constraint would show.
    const companies = await sql<{ org: string; contacts: number; sets: number; needs: number }>`
      select c.org_number as org,
             (select count(*)::int from company_contacts k where k.company_id = c.id) as contacts,
             (select count(distinct n.response_id)::int from needs n where n.company_id = c.id) as sets,
             (select count(*)::int from needs n where n.company_id = c.id) as needs
      from companies c
      where c.org_number = any(${orgNumbers})`.execute(db);
    const byOrg = new Map<string, { companies: number; contacts: number; sets: number; needs: number }>();
    for (const row of companies.rows) {
      const seen = byOrg.get(row.org) ?? { companies: 0, contacts: 0, sets: 0, needs: 0 };
      byOrg.set(row.org, {
        companies: seen.companies + 1,
        contacts: seen.contacts + row.contacts,
        sets: seen.sets + row.sets,
        needs: seen.needs + row.needs,
      });
    }

    const count: StoredCount = {
      responses: responses.rows.reduce((sum, row) => sum + row.rows, 0),
      needs: responses.rows.reduce((sum, row) => sum + row.needs, 0),
      lost: [],
      incomplete: [],
      duplicateResponses: [],
      duplicateCompanies: [],
      duplicateNeedSets: [],
      unexpected: [],
    };
    const sent = new Set<string>();
    for (let n = 0; n < submissions; n++) {
      const key = submissionKey(runId, n);
      sent.add(key);
      const stored = byKey.get(key);
      const company = byOrg.get(orgNumbers[n]!);
      if (!stored) {
        if (acknowledged.has(key)) count.lost.push(key);
        continue;
      }
      if (stored.rows > 1) count.duplicateResponses.push(key);
      if (stored.needs < NEEDS_PER_SUBMISSION * stored.rows && acknowledged.has(key))
        count.incomplete.push(key);
      if (company && (company.companies > 1 || company.contacts > 1))
        count.duplicateCompanies.push(orgNumbers[n]!);
      if (company && (company.sets > 1 || company.needs > NEEDS_PER_SUBMISSION))
        count.duplicateNeedSets.push(key);
    }
    count.unexpected = [...byKey.keys()].filter((key) => !sent.has(key));
    return count;
  } finally {
    await handle.close();
  }
}
