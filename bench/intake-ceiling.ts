// What the needs-intake benchmark's goal (issue 5, must-show 6: submissions at ≥ 0.5× a one-row insert)
// would need, measured in-process without HTTP: `npx tsx bench/intake-ceiling.ts` (PGlite) and
// `CEILING_DATABASE_URL=postgres://… npx tsx bench/intake-ceiling.ts` (a PostgreSQL database it may write to).
// In sequence, per call:
//   submit      submitResponse as the API runs it (token check not included): 16 statements;
//   one-statement a hand-written prototype, NOT app code: the same 12 rows (response, company, contact,
//               3 needs, 2 consents, 3 audit entries) in one statement of data-modifying CTEs, ids made in
//               advance; no validation, no idempotency replay, no reference reads — the floor of any design
//               that still writes everything synchronously;
//   token       the API token check every API submission makes first;
//   insert      the benchmark's baseline: one autocommit insert of the body.
// docs/benchmarks.md ("The ceiling of this design") reads the figures.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { createDb } from "../src/db/client.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { resolveApiToken } from "../src/features/api-tokens/api-tokens.service.ts";
import { submitResponse } from "../src/features/surveys/surveys.responses.service.ts";
import { submissionBody } from "./intake.ts";
import { prepareIntakeBench } from "./intake-setup.ts";

const N = Number(process.env.CEILING_ROUNDS ?? 300);
const dataDir = mkdtempSync(path.join(os.tmpdir(), "lots-intake-ceiling-"));
const databaseUrl = process.env.CEILING_DATABASE_URL;
const handle = await createDb({ dataDir, databaseUrl });
await migrateToLatest(handle.db);
const target = await prepareIntakeBench(handle.db, "x".repeat(64));
const survey = await handle.db
  .selectFrom("surveys")
  .select("organisation_id")
  .where("id", "=", target.surveyId)
  .executeTakeFirstOrThrow();
const resolved = await resolveApiToken(handle.db, target.token);
if (!resolved) throw new Error("the bench token does not resolve");
const actor = resolved;

async function submit(n: number) {
  const body = submissionBody(target, n);
  await submitResponse(
    handle.db,
    {
      surveyId: target.surveyId,
      versionId: body.versionId,
      company: body.company,
      answers: body.answers,
      idempotencyKey: `ceiling-${n}`,
    },
    { actor },
  );
}

async function oneStatement(n: number) {
  const response = randomUUID();
  const company = randomUUID();
  const contact = randomUUID();
  const now = new Date();
  const org = String(5_599_000_000 + n);
  const answers = JSON.stringify(submissionBody(target, n).answers);
  const owner = survey.organisation_id;
  await sql`with
    r as (insert into survey_responses (id, survey_id, survey_version_id, organisation_id, answers, submitted_by,
            submitted_by_label, idempotency_key, request_hash, created_at, company_id, contact_id)
          values (${response}, ${target.surveyId}, ${target.versionId}, ${owner}, ${answers}::jsonb, 'navigator',
            'bench', ${`one-${n}`}, 'h', ${now}, ${company}, ${contact})),
    co as (insert into companies (id, org_number, is_sole_trader, name, is_fictional, postal_code,
             municipality_code, sni_codes, sni_code, size_band)
           values (${company}, ${org}, false, ${`Bolag ${n}`}, false, '71331', '1884', ${["25620"]}, '25620',
             '10-19')),
    ct as (insert into company_contacts (id, company_id, name, role, email, source)
           values (${contact}, ${company}, 'Anna Svensson', 'VD', 'anna@example.se', 'survey')),
    nd as (insert into needs (company_id, organisation_id, theme, urgency, description, source, response_id,
             municipality_code, size_band, sni_code, created_at, updated_at, status_changed_at)
           values
             (${company}, ${owner}, 'financing', 'now', 'Vi behöver', 'survey', ${response}, '1884', '10-19',
               '25620', ${now}, ${now}, ${now}),
             (${company}, ${owner}, 'recruitment', 'now', '', 'survey', ${response}, '1884', '10-19', '25620',
               ${now}, ${now}, ${now}),
             (${company}, ${owner}, 'production', 'now', '', 'survey', ${response}, '1884', '10-19', '25620',
               ${now}, ${now}, ${now})),
    cs as (insert into consents (company_id, kind, scope_all, organisation_ids, wording_version, source,
             given_by_contact_id, response_id, recorded_by_label, recorded_at)
           values
             (${company}, 'contact-and-referral', true, '{}', 1, 'survey', ${contact}, ${response}, 'bench', ${now}),
             (${company}, 'statistics', true, '{}', 1, 'survey', ${contact}, ${response}, 'bench', ${now})),
    au as (insert into audit_log (actor_label, action, record_type, record_id, details)
           values ('bench', 'create', 'consent', ${company}, '{}'), ('bench', 'create', 'consent', ${company}, '{}'),
             ('bench', 'create', 'survey-response', ${response}, '{}'))
    select 1`.execute(handle.db);
}

async function token() {
  await resolveApiToken(handle.db, target.token);
}

async function insert(n: number) {
  await sql`insert into bench_inserts (idempotency_key, org_number, body)
    values (${`ins-${n}`}, 'x', ${JSON.stringify(submissionBody(target, n))}::jsonb)`.execute(handle.db);
}

async function measure(name: string, run: (n: number) => Promise<void>, offset: number) {
  for (let i = 0; i < 20; i++) await run(offset + i); // warm-up
  const start = performance.now();
  for (let i = 20; i < N + 20; i++) await run(offset + i);
  const ms = (performance.now() - start) / N;
  console.log(`${name.padEnd(14)} ${ms.toFixed(2)} ms per call`);
  return ms;
}

console.log(`${handle.kind}, ${N} calls each in sequence, in-process (no HTTP)`);
const submitMs = await measure("submit", submit, 0);
const oneMs = await measure("one-statement", oneStatement, 100_000);
const tokenMs = await measure("token", token, 0);
const insertMs = await measure("insert", insert, 200_000);
console.log(`submit / insert:                       ${(insertMs / submitMs).toFixed(3)}×`);
console.log(`(token + one-statement) / insert:      ${(insertMs / (tokenMs + oneMs)).toFixed(3)}×`);
await handle.close();
rmSync(dataDir, { recursive: true, force: true });
