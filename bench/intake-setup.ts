// Server side of the needs-intake benchmark (bench/intake.ts): runs inside bench/server.ts after the app
// has started. Adds a published needs survey (the demo's industry survey, version 2) owned by a navigator
// organisation, a navigator API token for it, and the baseline: a bench-only table and a route that
// inserts one row into it per request, on the same database and through the same app.

import { sql } from "kysely";
import type { LotsApp } from "../src/app.ts";
import type { Db } from "../src/db/client.ts";
import { createApiToken } from "../src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "../src/features/audit/audit.service.ts";
import { INDUSTRY_SURVEY_V2 } from "../src/features/demo/demo.surveys.data.ts";
import { createOrganisations } from "../src/features/organisations/organisations.service.ts";
import { createSurvey, publishSurvey } from "../src/features/surveys/surveys.service.ts";
import { CSRF_COOKIE } from "../src/shared/auth/cookies.ts";
import { anonymousCsrfToken, CSRF_HEADER, newCsrfCookieValue } from "../src/shared/auth/csrf.ts";

/**
 * What the load generator needs: the survey and a navigator API token for the submissions, and for the
 * baseline an anonymous visitor's CSRF cookie and token (as a form page would give), so the baseline
 * passes the app's CSRF check without any database query of its own.
 */
export type IntakeTarget = {
  surveyId: string;
  versionId: string;
  token: string;
  baselineHeaders: Record<string, string>;
};

/**
 * The baseline route: parses the same JSON body the submission gets and inserts one row (uuid primary
 * key, a unique key column like the responses' idempotency key, the body as jsonb). The table is made by
 * `prepareIntakeBench`, before the first request.
 */
export function addBaselineRoute(app: LotsApp, db: Db): void {
  app.post("/__bench/insert", async (c) => {
    const body = (await c.req.json()) as { company?: { orgNumber?: string } };
    const key = c.req.header("idempotency-key");
    if (!key || typeof body.company?.orgNumber !== "string") return c.json({ error: "bad request" }, 400);
    const row = await sql<{ id: string }>`
      insert into bench_inserts (idempotency_key, org_number, body)
      values (${key}, ${body.company.orgNumber}, ${JSON.stringify(body)}::jsonb)
      returning id`.execute(db);
    return c.json({ id: row.rows[0]!.id }, 201);
  });
}

/** Creates the baseline's table, the survey and the navigator token; returns what the client needs. */
export async function prepareIntakeBench(db: Db, sessionSecret: string): Promise<IntakeTarget> {
  await sql`
    create table if not exists bench_inserts (
      id uuid primary key default gen_random_uuid(),
      idempotency_key text not null unique,
      org_number text not null,
      body jsonb not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  const [organisation] = await createOrganisations(db, [
    { slug: "bench-kommun", name: "Benchkommunen", type: "municipality", municipalityCodes: ["1884"] },
  ]);
  const meta = { actor: CLI_ACTOR };
  const { survey } = await createSurvey(
    db,
    {
      organisationId: organisation!.id,
      slug: "bench-behovsenkat",
      kind: "needs",
      name: "Behovsenkät (bench)",
      content: INDUSTRY_SURVEY_V2,
    },
    meta,
  );
  const version = await publishSurvey(db, survey.id, meta);
  const { token } = await createApiToken(db, CLI_ACTOR, {
    organisationId: organisation!.id,
    name: "bench navigator",
    role: "navigator",
  });
  const cookieValue = newCsrfCookieValue();
  return {
    surveyId: survey.id,
    versionId: version.id,
    token,
    baselineHeaders: {
      cookie: `${CSRF_COOKIE}=${cookieValue}`,
      [CSRF_HEADER]: anonymousCsrfToken(sessionSecret, cookieValue),
    },
  };
}
