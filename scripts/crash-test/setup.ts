// The crash test's fixture: a needs survey with an open round (campaign) of one municipality, made in the
// database before the server starts, through the same services staff use. The companies then answer it
// through the public needs form (POST /behov/<round>/skicka), the path a company takes.

import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb } from "#src/db/client.ts";
import { migrateToLatest } from "#src/db/migrate.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { createOrganisations } from "#src/features/organisations/organisations.service.ts";
import type { SurveyContentInput } from "#src/features/surveys/surveys.questions.ts";
import { createCampaign, createSurvey, publishSurvey } from "#src/features/surveys/surveys.service.ts";

/** Where the server's data lives: a PostgreSQL database, or a PGlite data directory. */
export type CrashDatabase = { kind: "postgres"; databaseUrl: string } | { kind: "pglite"; dataDir: string };

/** What the clients need to answer the round, and what the check needs to find the answers. */
export type CrashTarget = { roundSlug: string; surveyId: string; organisationId: string };

/**
 * The survey: every answer below becomes a need (two picked themes, recruitment, export, energy), plus a
 * contact and both consents, so one submission writes a company, a contact, needs, consents, the case the
 * consent to contact opens, a private link, its mail and audit entries in one transaction: much to tear if a
 * kill could tear it.
 */
const CRASH_SURVEY: SurveyContentInput = {
  titleSv: "Berätta om era behov (krocktest)",
  titleEn: "Tell us what you need (crash test)",
  introSv: "Ett svar per företag.",
  questions: [
    { id: "areas", type: "theme-picker", label: { sv: "Vad behöver ni hjälp med?" }, required: true },
    {
      id: "staff",
      type: "single-choice",
      label: { sv: "Behöver ni rekrytera?" },
      options: [
        { id: "yes-now", label: { sv: "Ja, nu" }, themes: ["recruitment"], urgency: "now" },
        { id: "no", label: { sv: "Nej" } },
      ],
    },
    {
      id: "channels",
      type: "multiple-choice",
      label: { sv: "Var säljer ni?" },
      options: [
        { id: "sweden", label: { sv: "Sverige" } },
        { id: "export", label: { sv: "Export" }, themes: ["sales-export"] },
      ],
    },
    {
      id: "energy",
      type: "yes-no",
      label: { sv: "Energikostnader ett problem?" },
      themesIfYes: ["sustainability"],
    },
    { id: "other", type: "free-text", label: { sv: "Något mer?" }, maxLength: 5000 },
    { id: "contact", type: "contact-block", label: { sv: "Kontaktperson" } },
    {
      id: "consent",
      type: "consent-block",
      label: { sv: "Samtycke" },
      wordingVersion: "samtycke-krocktest",
      referralText: { sv: "Ni får kontakta oss och lotsa vårt ärende vidare." },
      statisticsText: { sv: "Våra svar får räknas i anonym statistik." },
    },
  ],
};

/** The needs one submission of `submissionFields` creates: financing, digitalisation, recruitment, export, energy. */
export const NEEDS_PER_SUBMISSION = 5;

/**
 * Migrates the database and creates the organisation, the published survey and its open round. Opens and
 * closes the database itself, so for PGlite the data-directory lock is free again before the server starts.
 */
export async function prepareCrashTarget(database: CrashDatabase): Promise<CrashTarget> {
  const handle = await createDb(
    database.kind === "postgres"
      ? { databaseUrl: database.databaseUrl, dataDir: "." }
      : { dataDir: database.dataDir },
  );
  try {
    await migrateToLatest(handle.db);
    const suffix = randomBytes(4).toString("hex");
    const [organisation] = await createOrganisations(handle.db, [
      {
        slug: `krocktest-${suffix}`,
        name: "Krocktestkommunen",
        type: "municipality",
        municipalityCodes: ["1884"],
      },
    ]);
    const meta = { actor: CLI_ACTOR };
    const { survey } = await createSurvey(
      handle.db,
      {
        organisationId: organisation!.id,
        slug: `krocktest-${suffix}`,
        kind: "needs",
        name: "Krocktest",
        content: CRASH_SURVEY,
      },
      meta,
    );
    await publishSurvey(handle.db, survey.id, meta);
    const campaign = await createCampaign(
      handle.db,
      {
        surveyId: survey.id,
        slug: `krocktest-${suffix}`,
        name: "Krocktest",
        scopeKind: "municipality",
        municipalityCodes: ["1884"],
        opensAt: new Date(Date.now() - 86_400_000),
      },
      meta,
    );
    return { roundSlug: campaign.slug, surveyId: survey.id, organisationId: organisation!.id };
  } finally {
    await handle.close();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates a throwaway database on the PostgreSQL server at `serverUrl`; `drop` removes it (with FORCE,
 * since a killed server's connections may linger a moment).
 */
export async function createThrowawayDatabase(
  serverUrl: string,
): Promise<{ databaseUrl: string; name: string; drop(): Promise<void> }> {
  const name = `lots_crash_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  return {
    name,
    databaseUrl: withDatabase(serverUrl, name),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
